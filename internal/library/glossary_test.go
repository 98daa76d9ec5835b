package library

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/PuerkitoBio/goquery"

	"github.com/aeprep/aeprep/content"
)

func glossFile(id, term, aliases, related, body string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\nid: " + id + "\nterm: \"" + term + "\"\naliases: [" + aliases + "]\nrelated: [" + related + "]\n---\n" + body)}
}

const glossBody = "## definition\nA plain definition.\n\n## example\nAn example.\n"

// glossFS is validFS with a three-term glossary, and a question and guide
// chapter that use its terms.
func glossFS() fstest.MapFS {
	m := validFS()
	m["glossary/arr.en.md"] = glossFile("arr", "ARR", `"annual recurring revenue"`, "quota", glossBody)
	m["glossary/arr.ja.md"] = glossFile("arr", "ARR", `"年間経常収益"`, "quota", "## definition\n年額の収益です。\n\n## example\n例です。\n")
	m["glossary/quota.en.md"] = glossFile("quota", "Quota", `"quotas", "sales target"`, "arr", glossBody)
	m["glossary/quota.ja.md"] = glossFile("quota", "クォータ", `"ノルマ"`, "arr", "## definition\n目標です。\n\n## example\n例です。\n")
	m["glossary/ringi.en.md"] = glossFile("ringi", "Ringi (approval circulation)", `"ringi"`, "", glossBody)
	m["glossary/ringi.ja.md"] = &fstest.MapFile{Data: []byte("---\nid: ringi\nterm: \"稟議\"\nreading: \"りんぎ\"\naliases: []\nrelated: []\n---\n## definition\n社内の承認手続きです。\n\n## example\n稟議を回します。\n")}
	body := "## intent\nWe arrange the ARR review: ARR grows. See [ARR](/x) and `ARR`.\n\n" +
		"## structure\n### Quota heading\nHit your SALES TARGET, then quotas again. Annual Recurring Revenue too.\n\n" +
		"## pitfalls\n- arrange nothing, ringis\n\n## outline\n- one ARR, one quota\n"
	m["questions/pitch.en.md"] = &fstest.MapFile{Data: []byte(question("pitch", "en", "pitching", "empathy", body))}
	m["guide/intro.ja.md"] = &fstest.MapFile{Data: []byte("---\nid: intro\norder: 1\ntitle: はじめに\nsummary: 概要\n---\n稟議とノルマ。稟議はもう一度。ＡＲＲも。\n")}
	m["guide/next.ja.md"] = &fstest.MapFile{Data: []byte("---\nid: next\norder: 2\ntitle: 次に\nsummary: 概要\n---\n稟議とクォータとARR。\n")}
	m["guide/next.en.md"] = &fstest.MapFile{Data: []byte("---\nid: next\norder: 2\ntitle: Next\nsummary: Sum\n---\n### Quota in a heading\n\nThe quota, then ARR, then the quota.\n")}
	return m
}

func TestLoadGlossary(t *testing.T) {
	l, err := Load(glossFS())
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Glossary) != 3 {
		t.Fatalf("%d terms, want 3", len(l.Glossary))
	}
	// By English term: ARR, Quota, Ringi.
	if got := l.Glossary[0].ID + "," + l.Glossary[1].ID + "," + l.Glossary[2].ID; got != "arr,quota,ringi" {
		t.Errorf("order %s", got)
	}
	// Japanese: Latin letters first, then あいうえお by reading (く < り).
	ja := l.GlossaryIn("ja")
	if got := ja[0].ID + "," + ja[1].ID + "," + ja[2].ID; got != "arr,quota,ringi" {
		t.Errorf("ja order %s", got)
	}
	if g := ja[2]; g.Group["ja"] != "ら" || g.Group["en"] != "R" || ja[0].Group["ja"] != "A–Z" || ja[1].Group["ja"] != "か" {
		t.Errorf("index groups: %v %v %v", ja[0].Group, ja[1].Group, ja[2].Group)
	}
	g, ok := l.GlossaryEntry("quota")
	if !ok || g.Term["ja"] != "クォータ" || strings.Join(g.Aliases["en"], "|") != "quotas|sales target" || strings.Join(g.Related, ",") != "arr" {
		t.Fatalf("quota: %+v", g)
	}
	if !strings.Contains(string(g.Definition["en"]), "<p>A plain definition.</p>") || !strings.Contains(string(g.Example["ja"]), "例です") {
		t.Errorf("sections not rendered: %q %q", g.Definition["en"], g.Example["ja"])
	}
	for _, c := range []struct {
		q    string
		want string
	}{
		{"ｎｏｒｍａ", ""}, {"ノルマ", "quota"}, {"SALES target", "quota"}, {"年額", "arr"}, {"承認", "ringi"},
		{"recurring revenue", "arr"}, {"plain definition", "arr,quota,ringi"}, {"", "arr,quota,ringi"}, {"golf", ""},
	} {
		var ids []string
		for _, g := range l.SearchGlossary(c.q, "en") {
			ids = append(ids, g.ID)
		}
		if got := strings.Join(ids, ","); got != c.want {
			t.Errorf("search %q: %q, want %q", c.q, got, c.want)
		}
	}
}

// TestGlossaryLinksInContent checks the links made in a question's
// sections and the guide's chapters: each term once per page (a
// question's sections, the whole guide), at its first occurrence outside
// links, headings and code; whole words for ASCII terms.
func TestGlossaryLinksInContent(t *testing.T) {
	l, err := Load(glossFS())
	if err != nil {
		t.Fatal(err)
	}
	q, _ := l.Question("pitch")
	secs := q.Sections["en"]
	links := func(h string) []string {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(h))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		doc.Find("a.gloss").Each(func(_ int, a *goquery.Selection) {
			href, _ := a.Attr("href")
			out = append(out, href+"="+a.Contents().First().Text()+"|"+a.Find(".visually-hidden").Text())
		})
		return out
	}
	// intent: "arrange" is no ARR; the first whole-word ARR is linked, once.
	if got := links(string(secs[0].HTML)); strings.Join(got, " ") != "/glossary#arr=ARR| (glossary)" {
		t.Errorf("intent links %v", got)
	}
	if h := string(secs[0].HTML); !strings.Contains(h, "We arrange the ") || !strings.Contains(h, `<a href="/x">ARR</a>`) || !strings.Contains(h, "<code>ARR</code>") {
		t.Errorf("intent text changed outside the first term: %s", h)
	}
	// structure: not in the heading; an alias in another case, first;
	// quotas and ARR's alias are already linked on this page.
	got := links(string(secs[1].HTML))
	if strings.Join(got, " ") != "/glossary#quota=SALES TARGET| (glossary)" {
		t.Errorf("structure links %v", got)
	}
	if strings.Contains(string(secs[1].HTML), "<h3 id=\"quota-heading\"><a") {
		t.Errorf("heading linked: %s", secs[1].HTML)
	}
	// pitfalls: "arrange" is no ARR; a plural.
	if got := links(string(secs[2].HTML)); strings.Join(got, " ") != "/glossary#ringi=ringis| (glossary)" {
		t.Errorf("pitfalls: %q linked %v", secs[2].HTML, got)
	}
	// outline: every term is linked higher on the page.
	if got := links(string(secs[3].HTML)); len(got) != 0 {
		t.Errorf("outline links %v", got)
	}
	// Japanese guide: substrings, first occurrence only, full-width ASCII;
	// the next chapter is on the same page, so nothing is linked again.
	got = links(string(l.Guide[0].HTML["ja"]))
	if strings.Join(got, " ") != "/glossary#ringi=稟議|（用語集） /glossary#quota=ノルマ|（用語集） /glossary#arr=ＡＲＲ|（用語集）" {
		t.Errorf("ja guide links %v", got)
	}
	if got := links(string(l.Guide[1].HTML["ja"])); len(got) != 0 {
		t.Errorf("ja guide, second chapter, links %v", got)
	}
	// English guide: a term first met in a heading is linked in the text after it.
	if got := links(string(l.Guide[1].HTML["en"])); strings.Join(got, " ") != "/glossary#quota=quota| (glossary) /glossary#arr=ARR| (glossary)" {
		t.Errorf("en guide links %v", got)
	}
	if l.GlossaryLinks != 8 {
		t.Errorf("%d links made, want 8", l.GlossaryLinks)
	}
}

func TestLoadRefusesBrokenGlossary(t *testing.T) {
	cases := []struct {
		name   string
		change func(fstest.MapFS)
		want   []string
	}{
		{"missing translation", func(m fstest.MapFS) { delete(m, "glossary/arr.ja.md") },
			[]string{"glossary/arr.en.md", "missing translation", "ja"}},
		{"id differs from file name", func(m fstest.MapFS) {
			m["glossary/arr.en.md"] = glossFile("acv", "ARR", "", "quota", glossBody)
		}, []string{"glossary/arr.en.md", `front matter id "acv" does not match the file name ("arr")`}},
		{"empty term", func(m fstest.MapFS) {
			m["glossary/arr.en.md"] = glossFile("arr", " ", "", "quota", glossBody)
		}, []string{"glossary/arr.en.md", "empty term"}},
		{"empty definition", func(m fstest.MapFS) {
			m["glossary/arr.en.md"] = glossFile("arr", "ARR", "", "quota", "## definition\n\n## example\nAn example.\n")
		}, []string{"glossary/arr.en.md", `empty section "definition"`}},
		{"no example", func(m fstest.MapFS) {
			m["glossary/arr.en.md"] = glossFile("arr", "ARR", "", "quota", "## definition\nA definition.\n")
		}, []string{"glossary/arr.en.md", "sections are [definition], want [definition, example]"}},
		{"alias not lowercase", func(m fstest.MapFS) {
			m["glossary/arr.en.md"] = glossFile("arr", "ARR", `"Annual Revenue"`, "quota", glossBody)
		}, []string{"glossary/arr.en.md", `alias "Annual Revenue" must be lowercase`, `"annual revenue"`}},
		{"alias not NFKC", func(m fstest.MapFS) {
			m["glossary/arr.ja.md"] = glossFile("arr", "ARR", `"ａｒｒ収益"`, "quota", glossBody)
		}, []string{"glossary/arr.ja.md", "NFKC", `"arr収益"`}},
		{"alias of two terms", func(m fstest.MapFS) {
			m["glossary/arr.en.md"] = glossFile("arr", "ARR", `"sales target"`, "quota", glossBody)
		}, []string{"glossary/quota.en.md", `alias "sales target" is also a term or alias of "arr"`}},
		{"alias is another term", func(m fstest.MapFS) {
			m["glossary/ringi.en.md"] = glossFile("ringi", "Ringi", `"quota"`, "", glossBody)
		}, []string{"glossary/ringi.en.md", `alias "quota" is also a term or alias of "quota"`}},
		{"duplicate alias", func(m fstest.MapFS) {
			m["glossary/arr.en.md"] = glossFile("arr", "ARR", `"arr total", "arr total"`, "quota", glossBody)
		}, []string{"glossary/arr.en.md", `duplicate alias "arr total"`}},
		{"unknown related id", func(m fstest.MapFS) {
			m["glossary/arr.en.md"] = glossFile("arr", "ARR", "", "quota, nrr", glossBody)
			m["glossary/arr.ja.md"] = glossFile("arr", "ARR", "", "quota, nrr", glossBody)
		}, []string{"glossary/arr.ja.md", `related id "nrr" is not a glossary term`}},
		{"related differs between languages", func(m fstest.MapFS) {
			m["glossary/arr.en.md"] = glossFile("arr", "ARR", "", "ringi", glossBody)
		}, []string{"glossary/arr.en.md", "related [ringi] differs from the ja file [quota]"}},
		{"related lists itself", func(m fstest.MapFS) {
			m["glossary/arr.en.md"] = glossFile("arr", "ARR", "", "arr", glossBody)
			m["glossary/arr.ja.md"] = glossFile("arr", "ARR", "", "arr", glossBody)
		}, []string{"glossary/arr.ja.md", "related lists the term itself"}},
		{"kanji term without reading", func(m fstest.MapFS) {
			m["glossary/ringi.ja.md"] = glossFile("ringi", "稟議", "", "", glossBody)
		}, []string{"glossary/ringi.ja.md", `term "稟議" starts with a kanji`, "reading"}},
		{"reading not kana", func(m fstest.MapFS) {
			m["glossary/ringi.ja.md"] = &fstest.MapFile{Data: []byte("---\nid: ringi\nterm: \"稟議\"\nreading: \"ringi\"\n---\n" + glossBody)}
		}, []string{"glossary/ringi.ja.md", `reading "ringi" must be hiragana or katakana`}},
		{"unknown field", func(m fstest.MapFS) {
			m["glossary/arr.en.md"] = &fstest.MapFile{Data: []byte("---\nid: arr\nterm: ARR\nalias: [x]\n---\n" + glossBody)}
		}, []string{"glossary/arr.en.md", "alias"}},
		{"bad file name", func(m fstest.MapFS) {
			m["glossary/ARR.en.md"] = glossFile("arr", "ARR", "", "", glossBody)
		}, []string{"glossary/ARR.en.md", "file name must be"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := glossFS()
			c.change(m)
			_, err := Load(m)
			if err == nil {
				t.Fatal("loaded broken glossary")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

func TestEmbeddedGlossary(t *testing.T) {
	l, err := Load(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(l.Glossary); n < 40 {
		t.Errorf("%d glossary terms, want at least 40", n)
	}
	// The terms the issue names.
	for _, id := range []string{"quota", "pipeline-coverage", "arr", "acv", "nrr", "churn", "meddicc", "metrics", "economic-buyer",
		"decision-criteria", "decision-process", "identify-pain", "champion", "competition", "bant", "spin", "mutual-action-plan",
		"sdr", "sales-engineer", "customer-success", "ringi", "decision-maker", "kizure"} {
		if _, ok := l.GlossaryEntry(id); !ok {
			t.Errorf("glossary lacks %q", id)
		}
	}
	if l.GlossaryLinks < 500 {
		t.Errorf("%d links to the glossary in questions and the guide, want hundreds", l.GlossaryLinks)
	}
	t.Logf("glossary=%d links=%d", len(l.Glossary), l.GlossaryLinks)
}

// TestLinkerSkipsKatakanaInsideWords: a katakana term inside a longer
// katakana word is another word (ブッキング in ダブルブッキング).
func TestLinkerSkipsKatakanaInsideWords(t *testing.T) {
	l, err := Load(glossFS())
	if err != nil {
		t.Fatal(err)
	}
	h, n := newLinker(l.Glossary).link("<p>サブクォータではなく、クォータの話です。</p>", "ja", map[string]bool{})
	if n != 1 || !strings.Contains(string(h), "サブクォータではなく、<a class=\"gloss\" href=\"/glossary#quota\">クォータ<") {
		t.Errorf("%d links: %s", n, h)
	}
}
