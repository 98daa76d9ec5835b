package library

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	"github.com/aeprep/aeprep/content"
	"golang.org/x/text/unicode/norm"
)

func TestEmbeddedContentLoads(t *testing.T) {
	l, err := Load(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(l.Questions); n < 60 {
		t.Errorf("%d questions, want at least 60", n)
	}
	cats := map[string]int{}
	for _, q := range l.Questions {
		cats[q.Category]++
	}
	if len(cats) < 8 {
		t.Errorf("%d categories used, want at least 8", len(cats))
	}
	if n := len(l.Ask); n < 13 {
		t.Errorf("%d questions to ask, want at least 13", n)
	}
	kinds := map[string]int{}
	for _, c := range l.Checklist {
		kinds[c.Kind]++
	}
	if kinds["do"] != 4 || kinds["dont"] != 3 || kinds["prep"] == 0 {
		t.Errorf("checklist kinds %v, want 4 do, 3 dont and prep steps", kinds)
	}
	// The article's three practice questions and three questions to ask.
	article := 0
	for _, q := range l.Questions {
		if q.Source == "article" {
			article++
		}
	}
	if article != 3 {
		t.Errorf("%d questions marked source: article, want 3", article)
	}
	for _, id := range []string{"walk-me-through-sales-experience", "why-sales", "mistake-and-lesson"} {
		if _, ok := l.Question(id); !ok {
			t.Errorf("article question %q missing", id)
		}
	}
	askArticle := 0
	for _, a := range l.Ask {
		if a.Source == "article" {
			askArticle++
		}
	}
	if askArticle != 3 {
		t.Errorf("%d questions to ask from the article, want 3", askArticle)
	}
	t.Logf("questions=%d categories=%d ask=%d checklist=%d guide=%d", len(l.Questions), len(cats), len(l.Ask), len(l.Checklist), len(l.Guide))
}

// TestBothLanguagesHaveTheSameItems walks the content folder itself, not
// the loader, so a bug in the loader cannot hide a missing translation.
func TestBothLanguagesHaveTheSameItems(t *testing.T) {
	re := regexp.MustCompile(`^(.+)\.(ja|en)\.md$`)
	for _, kind := range []string{"guide", "questions", "ask", "checklist"} {
		entries, err := content.FS.ReadDir(kind)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]map[string]bool{}
		for _, e := range entries {
			m := re.FindStringSubmatch(e.Name())
			if m == nil {
				continue
			}
			if seen[m[1]] == nil {
				seen[m[1]] = map[string]bool{}
			}
			seen[m[1]][m[2]] = true
		}
		if len(seen) == 0 {
			t.Errorf("%s: no items", kind)
		}
		for id, langs := range seen {
			if !langs["ja"] || !langs["en"] {
				t.Errorf("%s/%s: languages %v, want ja and en", kind, id, langs)
			}
		}
	}
}

// articleSeeds returns the source article files. They sit in shared/seed
// beside the repository; from a git worktree that folder is further up, so
// every parent directory is tried, not only ../../../.
func articleSeeds(t *testing.T) []string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if seeds, _ := filepath.Glob(filepath.Join(dir, "shared", "seed", "*.txt")); len(seeds) > 0 {
			return seeds
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return nil
		}
		dir = parent
	}
}

func readSeeds(t *testing.T) string {
	t.Helper()
	seeds := articleSeeds(t)
	if len(seeds) == 0 {
		t.Skip("source article not found beside the repo")
	}
	var all strings.Builder
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
		all.WriteByte('\n')
	}
	return all.String()
}

// TestNoSentenceCopiedFromArticle checks that no 30-character run of the
// source article (whitespace ignored) appears in the content. It runs where
// the article sits beside the repo, as it does for developers and CI.
func TestNoSentenceCopiedFromArticle(t *testing.T) {
	strip := func(s string) string { return strings.Join(strings.Fields(s), "") }
	seed := strip(readSeeds(t))
	const n = 30
	grams := map[string]bool{}
	rs := []rune(seed)
	for i := 0; i+n <= len(rs); i++ {
		grams[string(rs[i:i+n])] = true
	}
	fsWalk(t, func(name, text string) {
		r := []rune(strip(text))
		for i := 0; i+n <= len(r); i++ {
			if grams[string(r[i:i+n])] {
				t.Errorf("%s copies the article: %q", name, string(r[i:i+n]))
				return
			}
		}
	})
}

// nearCopyThreshold is the similarity from which a content sentence counts
// as an article sentence with a word or two swapped. Measured on the
// content when it was set: the closest honest paraphrase scored 0.46; an
// article sentence with one word swapped scores 0.6 or more.
const nearCopyThreshold = 0.5

// minSentenceTokens leaves out headings and fragments such as "4. 交渉力",
// which are bound to share most of their few words with the article.
const minSentenceTokens = 4

// sentenceBreak cuts text (after NFKC) at sentence ends, at colons (the
// article's bullets read "label: sentence") and at line breaks.
var sentenceBreak = regexp.MustCompile(`[。．.!?:\n]+`)

// The article spells the roles out; the content often abbreviates them.
// Both become one private-use rune, so a long katakana name neither hides
// a copy nor makes two unrelated sentences look alike.
var (
	aeAbbrev = regexp.MustCompile(`\bAE\b`)
	amAbbrev = regexp.MustCompile(`\bAM\b`)
	roleName = strings.NewReplacer("アカウントエグゼクティブ", "\ue000", "アカウントマネージャー", "\ue001")
)

// simSentence is a sentence reduced to what the comparison needs: two
// multisets, each a sorted slice of interned ids so that comparing two
// sentences is a linear merge.
type simSentence struct {
	text    string
	tokens  []uint32 // runs of one script: kanji, hiragana, katakana, Latin letters and digits
	bigrams []uint32 // character bigrams of the tokens, separators removed
}

// simVocab interns tokens and bigrams; the tests that use it are not parallel.
var simVocab = map[string]uint32{}

func intern(s string) uint32 {
	id, ok := simVocab[s]
	if !ok {
		id = uint32(len(simVocab))
		simVocab[s] = id
	}
	return id
}

func newSimSentence(raw string) simSentence {
	s := roleName.Replace(norm.NFKC.String(raw))
	s = strings.ToLower(amAbbrev.ReplaceAllString(aeAbbrev.ReplaceAllString(s, "\ue000"), "\ue001"))
	script := func(r rune) int {
		switch {
		case r == '\ue000' || r == '\ue001':
			return 1
		case unicode.In(r, unicode.Hiragana):
			return 2
		case unicode.In(r, unicode.Katakana) || r == 'ー':
			return 3
		case unicode.In(r, unicode.Han) || r == '々':
			return 4
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			return 5
		}
		return 0
	}
	out := simSentence{text: strings.TrimSpace(raw)}
	var all, cur []rune
	prev := 0
	flush := func() {
		if len(cur) > 0 {
			out.tokens = append(out.tokens, intern(string(cur)))
			cur = cur[:0]
		}
	}
	for _, r := range s {
		sc := script(r)
		if sc != prev || sc == 1 {
			flush()
		}
		prev = sc
		if sc != 0 {
			cur = append(cur, r)
			all = append(all, r)
		}
	}
	flush()
	for i := 0; i+1 < len(all); i++ {
		out.bigrams = append(out.bigrams, intern(string(all[i:i+2])))
	}
	slices.Sort(out.tokens)
	slices.Sort(out.bigrams)
	return out
}

// dice is the Dice coefficient of two multisets given as sorted slices.
func dice(a, b []uint32) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	both := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			both++
			i++
			j++
		}
	}
	return 2 * float64(both) / float64(len(a)+len(b))
}

// similarity of two sentences: the mean of their word (script-run token)
// overlap and their character-bigram overlap. Tokens catch a swapped word
// however long it is; bigrams catch a copy whose words were re-cut.
func similarity(a, b simSentence) float64 {
	return (dice(a.tokens, b.tokens) + dice(a.bigrams, b.bigrams)) / 2
}

func splitSentences(text string) []simSentence {
	var out []simSentence
	for _, raw := range sentenceBreak.Split(norm.NFKC.String(text), -1) {
		if s := newSimSentence(raw); len(s.tokens) >= minSentenceTokens {
			out = append(out, s)
		}
	}
	return out
}

// nearCopy returns the article sentence most like s and its score.
func nearCopy(s simSentence, article []simSentence) (simSentence, float64) {
	var best simSentence
	score := 0.0
	for _, a := range article {
		if x := similarity(s, a); x > score {
			best, score = a, x
		}
	}
	return best, score
}

// TestNoSentenceNearCopiedFromArticle checks that no sentence of the
// content is a sentence of the article with one or two words swapped,
// which the 30-character check above cannot see.
func TestNoSentenceNearCopiedFromArticle(t *testing.T) {
	article := splitSentences(readSeeds(t))
	if len(article) < 50 {
		t.Fatalf("the article split into %d sentences, want at least 50", len(article))
	}
	highest, where := 0.0, ""
	fsWalk(t, func(name, text string) {
		if _, body, ok := strings.Cut(text, "\n---\n"); ok {
			text = body // front matter holds ids and cues, not prose
		}
		for _, s := range splitSentences(text) {
			a, score := nearCopy(s, article)
			if score >= nearCopyThreshold {
				t.Errorf("%s: %q is too close to the article's %q (similarity %.2f, limit %.2f): say it in your own way", name, s.text, a.text, score, nearCopyThreshold)
			} else if score > highest {
				highest, where = score, name+": "+s.text
			}
		}
	})
	t.Logf("closest sentence below the limit: %.2f (%s)", highest, where)
}

// TestNearCopyDetector plants near-copies and honest paraphrases, first
// against a made-up article (so it runs without the seed), then against the
// real one.
func TestNearCopyDetector(t *testing.T) {
	madeUp := splitSentences("新しい営業担当者は、最初の月に製品の研修を受けます。\n" +
		"大口の顧客には、専任のアカウントエグゼクティブが付きます。\n" +
		"Every new rep shadows three discovery calls in the first week.")
	cases := []struct {
		text string
		copy bool
	}{
		{"新しい営業担当者は、最初の月に製品の講習を受けます", true}, // one word swapped
		{"新人の営業担当者は、最初の月に製品の講習を受けます", true}, // two words swapped
		{"大口の顧客には、専任のAEが付きます", true},        // abbreviated, otherwise the same
		{"大口の取引先には、専属のAEが付きます", true},       // abbreviated and two words swapped
		{"Every new rep shadows three discovery calls in the first month", true},
		{"入社したばかりの営業は、最初の1か月で製品について学びます", false}, // the same fact, own words
		{"取引額の大きい会社は、一人のAEが継続して担当します", false},
		{"New hires listen in on a few customer calls during their first days", false},
		{"AEの仕事内容", false}, // too short to judge
	}
	check := func(article []simSentence, text string, want bool) {
		t.Helper()
		ss := splitSentences(text)
		if len(ss) == 0 {
			if want {
				t.Errorf("%q: no sentence long enough to compare", text)
			}
			return
		}
		a, score := nearCopy(ss[0], article)
		if got := score >= nearCopyThreshold; got != want {
			t.Errorf("%q vs %q: similarity %.2f, flagged %v, want %v", text, a.text, score, got, want)
		}
	}
	for _, c := range cases {
		check(madeUp, c.text, c.copy)
	}
	if len(articleSeeds(t)) == 0 {
		return
	}
	article := splitSentences(readSeeds(t))
	for _, c := range []struct {
		text string
		copy bool
	}{
		// Article sentences with a word or two swapped.
		{"同様に、企業文化も重要な判断材料です", true},
		{"AEの主な責任は、組織の顧客アカウントをサポートすることです", true},
		{"見込み客と何度もやり取りすることで、信頼関係を築きます", true},
		{"面接は緊張するものですが、これは営業の仕事です", true},
		{"販売は一方的な会話ではありません", true},
		{"交渉をリードすること自体がスキルです", true},
		{"データ分析から重要な傾向を見つける", true},
		// The same facts in the content's own words.
		{"会社の雰囲気に合わせて、話し方や書き方のトーンを整えましょう", false},
		{"AEの中心にある仕事は、自社の顧客を支え、関係を育てることです", false},
		{"CRMの数字を分析して、成果につながるパターンを見つけます", false},
	} {
		check(article, c.text, c.copy)
	}
}

// fsWalk calls fn for every content file: the embedded kinds and the
// glossary folder (content files the loader does not embed yet).
func fsWalk(t *testing.T, fn func(name, text string)) {
	t.Helper()
	for _, kind := range []string{"guide", "questions", "ask", "checklist"} {
		entries, err := content.FS.ReadDir(kind)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			b, err := content.FS.ReadFile(kind + "/" + e.Name())
			if err != nil {
				t.Fatal(err)
			}
			fn(kind+"/"+e.Name(), string(b))
		}
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "content", "glossary", "*.md"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		fn("glossary/"+filepath.Base(f), string(b))
	}
}

const taxo = `categories:
  - {id: pitching, ja: 提案, en: Pitching}
skills:
  - {id: empathy, ja: 共感, en: Empathy}
`

func question(id, lang, category, skill, body string) string {
	return "---\nid: " + id + "\ncategory: " + category + "\nskills: [" + skill + "]\ndifficulty: 2\ntime: 90\ntitle: \"Q " + lang + "\"\n" +
		"format: story\n" + goodPoints[lang] + "---\n" + body
}

// goodPoints are three valid talking points per language for the fixtures.
var goodPoints = map[string]string{
	"en": `points:
  - id: own-role
    text: "Say what you did yourself"
    hint: "Name two moves of your own"
    cues: ["i led", "i mapped", "my role"]
  - id: figure
    text: "Give one figure"
    hint: "Quota, deal size or a percentage"
    cues: ["%", "quota"]
  - id: lesson
    text: "End with what you learned"
    hint: "One habit you kept"
    cues: ["learned", "now i"]
`,
	"ja": `points:
  - id: own-role
    text: "自分がしたことを話す"
    hint: "自分の打ち手を二つ挙げる"
    cues: ["私が", "自分が"]
  - id: figure
    text: "数字を一つ入れる"
    hint: "目標、金額、割合のどれか"
    cues: ["%", "目標"]
  - id: lesson
    text: "学びで締める"
    hint: "今も続けている習慣を一つ"
    cues: ["学び", "以来"]
`,
	"fr": "points: []\n",
}

// withFront swaps one front-matter snippet of the pitch question's file in lang.
func withFront(lang, old, new string) func(fstest.MapFS) {
	return func(m fstest.MapFS) {
		name := "questions/pitch." + lang + ".md"
		s := question("pitch", lang, "pitching", "empathy", goodBody)
		if !strings.Contains(s, old) {
			panic("fixture has no " + old)
		}
		m[name] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
	}
}

const goodBody = "## intent\nWhy.\n\n## structure\n1. STAR\n\n## pitfalls\n- none\n\n## outline\n- one\n"

func validFS() fstest.MapFS {
	return fstest.MapFS{
		"taxonomy.yaml":              {Data: []byte(taxo)},
		"guide/intro.ja.md":          {Data: []byte("---\nid: intro\norder: 1\ntitle: はじめに\nsummary: 概要\n---\n本文\n")},
		"guide/intro.en.md":          {Data: []byte("---\nid: intro\norder: 1\ntitle: Intro\nsummary: Sum\n---\nBody *here*\n")},
		"questions/pitch.ja.md":      {Data: []byte(question("pitch", "ja", "pitching", "empathy", goodBody))},
		"questions/pitch.en.md":      {Data: []byte(question("pitch", "en", "pitching", "empathy", goodBody))},
		"ask/training.ja.md":         {Data: []byte("---\nid: training\norder: 1\ntitle: 研修は?\n---\n理由\n")},
		"ask/training.en.md":         {Data: []byte("---\nid: training\norder: 1\ntitle: Training?\n---\nWhy\n")},
		"checklist/be-on-time.ja.md": {Data: []byte("---\nid: be-on-time\norder: 1\nkind: dont\ntitle: 遅刻\n---\n## why\n理由\n## action\n行動\n")},
		"checklist/be-on-time.en.md": {Data: []byte("---\nid: be-on-time\norder: 1\nkind: dont\ntitle: Late\n---\n## why\nWhy\n## action\nDo\n")},
	}
}

func TestLoadValid(t *testing.T) {
	l, err := Load(validFS())
	if err != nil {
		t.Fatal(err)
	}
	q, ok := l.Question("pitch")
	if !ok || q.Title["en"] != "Q en" || len(q.Sections["ja"]) != 4 || q.Sections["en"][0].Key != "intent" {
		t.Fatalf("question not loaded right: %+v", q)
	}
	if q.Format != "story" || len(q.Points["en"]) != 3 || len(q.Points["ja"]) != 3 {
		t.Fatalf("format or points not loaded: %q %+v", q.Format, q.Points)
	}
	if p := q.Points["ja"][2]; p.ID != "lesson" || p.Text != "学びで締める" || p.Hint != "今も続けている習慣を一つ" || strings.Join(p.Cues, "|") != "学び|以来" {
		t.Fatalf("ja point: %+v", p)
	}
	if p := q.Points["en"][0]; p.ID != "own-role" || strings.Join(p.Cues, "|") != "i led|i mapped|my role" {
		t.Fatalf("en point: %+v", p)
	}
	if md := q.Sections["en"][3].Markdown; md != "- one" {
		t.Fatalf("outline markdown %q", md)
	}
	if !strings.Contains(string(l.Guide[0].HTML["en"]), "<em>here</em>") {
		t.Fatalf("markdown not rendered: %s", l.Guide[0].HTML["en"])
	}
	if l.Checklist[0].Kind != "dont" || len(l.Checklist[0].Sections["en"]) != 2 {
		t.Fatalf("checklist: %+v", l.Checklist[0])
	}
}

func TestLoadRefusesBrokenContent(t *testing.T) {
	cases := []struct {
		name   string
		change func(fstest.MapFS)
		want   []string // all must appear in the error
	}{
		{"missing translation", func(m fstest.MapFS) { delete(m, "questions/pitch.ja.md") },
			[]string{"questions/pitch.en.md", "missing translation", "ja"}},
		{"missing guide translation", func(m fstest.MapFS) { delete(m, "guide/intro.en.md") },
			[]string{"guide/intro.ja.md", "missing translation"}},
		{"duplicate id", func(m fstest.MapFS) {
			m["questions/pitch2.en.md"] = &fstest.MapFile{Data: []byte(question("pitch", "en", "pitching", "empathy", goodBody))}
		}, []string{"questions/pitch2.en.md", "does not match the file name"}},
		{"unknown category", func(m fstest.MapFS) {
			m["questions/pitch.en.md"] = &fstest.MapFile{Data: []byte(question("pitch", "en", "golf", "empathy", goodBody))}
		}, []string{"questions/pitch.en.md", `unknown category "golf"`}},
		{"unknown skill", func(m fstest.MapFS) {
			m["questions/pitch.ja.md"] = &fstest.MapFile{Data: []byte(question("pitch", "ja", "pitching", "juggling", goodBody))}
		}, []string{"questions/pitch.ja.md", `unknown skill "juggling"`}},
		{"empty section", func(m fstest.MapFS) {
			body := strings.Replace(goodBody, "- none\n", "", 1)
			m["questions/pitch.en.md"] = &fstest.MapFile{Data: []byte(question("pitch", "en", "pitching", "empathy", body))}
		}, []string{"questions/pitch.en.md", `empty section "pitfalls"`}},
		{"missing section", func(m fstest.MapFS) {
			body := strings.Replace(goodBody, "## outline\n- one\n", "", 1)
			m["questions/pitch.en.md"] = &fstest.MapFile{Data: []byte(question("pitch", "en", "pitching", "empathy", body))}
		}, []string{"questions/pitch.en.md", "sections are [intent, structure, pitfalls]"}},
		{"empty checklist section", func(m fstest.MapFS) {
			m["checklist/be-on-time.en.md"] = &fstest.MapFile{Data: []byte("---\nid: be-on-time\norder: 1\nkind: dont\ntitle: Late\n---\n## why\n\n## action\nDo\n")}
		}, []string{"checklist/be-on-time.en.md", `empty section "why"`}},
		{"no front matter", func(m fstest.MapFS) {
			m["ask/training.en.md"] = &fstest.MapFile{Data: []byte("Training?\n")}
		}, []string{"ask/training.en.md", "no front matter"}},
		{"unknown field", func(m fstest.MapFS) {
			m["ask/training.en.md"] = &fstest.MapFile{Data: []byte("---\nid: training\ntitel: x\ntitle: y\n---\nWhy\n")}
		}, []string{"ask/training.en.md", "titel"}},
		{"empty title", func(m fstest.MapFS) {
			m["ask/training.en.md"] = &fstest.MapFile{Data: []byte("---\nid: training\ntitle: \"\"\n---\nWhy\n")}
		}, []string{"ask/training.en.md", "empty title"}},
		{"empty body", func(m fstest.MapFS) {
			m["guide/intro.en.md"] = &fstest.MapFile{Data: []byte("---\nid: intro\norder: 1\ntitle: Intro\nsummary: s\n---\n\n")}
		}, []string{"guide/intro.en.md", "empty body"}},
		{"bad difficulty", func(m fstest.MapFS) {
			m["questions/pitch.en.md"] = &fstest.MapFile{Data: []byte(strings.Replace(question("pitch", "en", "pitching", "empathy", goodBody), "difficulty: 2", "difficulty: 9", 1))}
		}, []string{"questions/pitch.en.md", "difficulty"}},
		{"fields differ between languages", func(m fstest.MapFS) {
			m["questions/pitch.en.md"] = &fstest.MapFile{Data: []byte(strings.Replace(question("pitch", "en", "pitching", "empathy", goodBody), "time: 90", "time: 120", 1))}
		}, []string{"questions/pitch.en.md", "must match the ja file"}},
		{"bad checklist kind", func(m fstest.MapFS) {
			m["checklist/be-on-time.ja.md"] = &fstest.MapFile{Data: []byte("---\nid: be-on-time\norder: 1\nkind: maybe\ntitle: 遅刻\n---\n## why\n理由\n## action\n行動\n")}
		}, []string{"checklist/be-on-time.ja.md", "kind must be"}},
		{"bad file name", func(m fstest.MapFS) {
			m["questions/Pitch.md"] = &fstest.MapFile{Data: []byte("x")}
		}, []string{"questions/Pitch.md", "file name"}},
		{"no format", withFront("en", "format: story\n", ""),
			[]string{"questions/pitch.en.md", "format must be one of story, process, roleplay, motivation, knowledge"}},
		{"unknown format", withFront("ja", "format: story", "format: essay"),
			[]string{"questions/pitch.ja.md", `not "essay"`}},
		{"format differs between languages", withFront("en", "format: story", "format: process"),
			[]string{"questions/pitch.en.md", `format "process" differs from the ja file ("story")`}},
		{"no points", withFront("en", goodPoints["en"], ""),
			[]string{"questions/pitch.en.md", "0 talking points, want 3 to 5"}},
		{"too few points", withFront("ja", "  - id: lesson\n    text: \"学びで締める\"\n    hint: \"今も続けている習慣を一つ\"\n    cues: [\"学び\", \"以来\"]\n", ""),
			[]string{"questions/pitch.ja.md", "2 talking points"}},
		{"too many points", withFront("en", goodPoints["en"], goodPoints["en"]+strings.Repeat("  - id: x\n    text: t\n    hint: h\n    cues: [a, b]\n", 3)),
			[]string{"questions/pitch.en.md", "6 talking points"}},
		{"point id not kebab-case", withFront("en", "id: own-role", "id: Own_Role"),
			[]string{"questions/pitch.en.md", `point 1 ("Own_Role")`, "kebab-case"}},
		{"point id with a double hyphen", withFront("en", "id: own-role", "id: own--role"),
			[]string{"questions/pitch.en.md", "kebab-case"}},
		{"duplicate point id", withFront("en", "id: figure", "id: own-role"),
			[]string{"questions/pitch.en.md", `point 2 ("own-role")`, "duplicate point id"}},
		{"point ids in another order", withFront("en", "id: figure", "id: figures"),
			[]string{"questions/pitch.en.md", "point ids [own-role, figures, lesson] differ from the ja file [own-role, figure, lesson]"}},
		{"empty point text", withFront("ja", `text: "数字を一つ入れる"`, `text: " "`),
			[]string{"questions/pitch.ja.md", `point 2 ("figure")`, "empty text"}},
		{"missing hint", withFront("en", "    hint: \"One habit you kept\"\n", ""),
			[]string{"questions/pitch.en.md", `point 3 ("lesson")`, "empty hint"}},
		{"hint on two lines", withFront("en", `hint: "One habit you kept"`, `hint: "One habit\nyou kept"`),
			[]string{"questions/pitch.en.md", "hint must be one line"}},
		{"one cue", withFront("en", `cues: ["learned", "now i"]`, `cues: ["learned"]`),
			[]string{"questions/pitch.en.md", `point 3 ("lesson")`, "1 cues, want at least 2"}},
		{"uppercase cue", withFront("en", `"i led"`, `"I led"`),
			[]string{"questions/pitch.en.md", `cue "I led" must be lowercase`}},
		{"full-width cue", withFront("ja", `"目標"]`, `"ＫＰＩ"]`),
			[]string{"questions/pitch.ja.md", `cue "ＫＰＩ" must be lowercase and NFKC-normalised`}},
		{"empty cue", withFront("ja", `"以来"`, `""`),
			[]string{"questions/pitch.ja.md", "empty cue"}},
		{"duplicate cue", withFront("en", `"i mapped"`, `"i led"`),
			[]string{"questions/pitch.en.md", `duplicate cue "i led"`}},
		{"unknown point field", withFront("en", "    cues: [\"%\", \"quota\"]\n", "    cues: [\"%\", \"quota\"]\n    weight: 2\n"),
			[]string{"questions/pitch.en.md", "weight"}},
		{"points on a guide chapter", func(m fstest.MapFS) {
			m["guide/intro.en.md"] = &fstest.MapFile{Data: []byte("---\nid: intro\norder: 1\ntitle: Intro\nsummary: Sum\nformat: story\n---\nBody\n")}
		}, []string{"guide/intro.en.md", "format and points belong to questions only"}},
		{"points on a checklist item", func(m fstest.MapFS) {
			m["checklist/be-on-time.ja.md"] = &fstest.MapFile{Data: []byte("---\nid: be-on-time\norder: 1\nkind: dont\ntitle: 遅刻\n" + goodPoints["ja"] + "---\n## why\n理由\n## action\n行動\n")}
		}, []string{"checklist/be-on-time.ja.md", "format and points belong to questions only"}},
		{"unknown language", func(m fstest.MapFS) {
			m["questions/pitch.fr.md"] = &fstest.MapFile{Data: []byte(question("pitch", "fr", "pitching", "empathy", goodBody))}
		}, []string{"questions/pitch.fr.md", "unknown language"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := validFS()
			tc.change(m)
			_, err := Load(m)
			if err == nil {
				t.Fatal("broken content was accepted")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestSearch(t *testing.T) {
	l, err := Load(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	all := l.Search(Filter{})
	if len(all) != len(l.Questions) {
		t.Fatalf("empty filter returned %d of %d", len(all), len(l.Questions))
	}
	// Width and case folding: full-width "ＳＡＬＥＳ" finds the English word.
	full := l.Search(Filter{Q: "ＳＡＬＥＳ experience"})
	plain := l.Search(Filter{Q: "sales EXPERIENCE"})
	if len(full) == 0 || len(full) != len(plain) {
		t.Fatalf("width/case folding: %d vs %d", len(full), len(plain))
	}
	// Japanese text is searched too.
	if ja := l.Search(Filter{Q: "失敗"}); len(ja) == 0 {
		t.Fatal("Japanese search found nothing")
	}
	for _, q := range l.Search(Filter{Category: "objections"}) {
		if q.Category != "objections" {
			t.Fatalf("category filter let %s through", q.ID)
		}
	}
	for _, q := range l.Search(Filter{Skill: "negotiation"}) {
		if !slices.Contains(q.Skills, "negotiation") {
			t.Fatalf("skill filter let %s through", q.ID)
		}
	}
	if n := len(l.Search(Filter{Q: "zzzqqqxxx"})); n != 0 {
		t.Fatalf("nonsense query matched %d", n)
	}
}

func FuzzLoadQuestion(f *testing.F) {
	f.Add(question("pitch", "en", "pitching", "empathy", goodBody))
	f.Add("---\nid: pitch\n---\n## intent\n")
	f.Add("---\n: : :\n---\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		m := validFS()
		m["questions/pitch.en.md"] = &fstest.MapFile{Data: []byte(s)}
		l, err := Load(m)
		if err == nil && l == nil {
			t.Fatal("nil library without error")
		}
	})
}
