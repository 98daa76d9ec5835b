// Package library loads aeprep's study material (role guide, question bank,
// questions to ask the interviewer and the do/don't checklist) from Markdown
// files with YAML front matter, validates it, and renders it to HTML once at
// start-up.
package library

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"

	"github.com/aeprep/aeprep/internal/insight"
)

// Langs are the languages every item must exist in, the first being the
// fallback.
var Langs = []string{"ja", "en"}

// Term is a category or skill: an id with a name per language.
type Term struct {
	ID   string
	Name map[string]string
}

// Section is one rendered part of an item, keyed by its marker
// (intent, structure, pitfalls, outline; why, action).
type Section struct {
	Key      string
	HTML     template.HTML
	Markdown string // the section's source, for checks that read the text (outline coverage)
}

// Formats are the kinds of answer a question asks for (insight-spec §1):
// story (behavioural, STAR), process (how you work or would handle a case),
// roleplay (speak to the buyer now), motivation (why sales, us, this role)
// and knowledge (metrics, maths, definitions).
var Formats = []string{"story", "process", "roleplay", "motivation", "knowledge"}

// Point is one talking point a strong answer to a question covers, in one
// language. Cues are lowercase, NFKC-normalised phrases: English ones match
// at word starts, Japanese ones as substrings (insight-spec §1).
type Point struct {
	ID   string
	Text string
	Hint string // one line shown when an answer misses the point
	Cues []string
}

// Limits of a question's talking points.
const (
	MinPoints = 3
	MaxPoints = 5
	MinCues   = 2
)

// Question is one interview question of the bank.
type Question struct {
	ID         string
	Category   string
	Skills     []string
	Difficulty int
	Seconds    int
	Source     string // "article" for the source article's practice questions
	Format     string // one of Formats
	Title      map[string]string
	Sections   map[string][]Section
	Points     map[string][]Point // per language; the same ids in the same order in each
	search     string             // normalised text of both languages
}

// GuideSection is one chapter of the role guide.
type GuideSection struct {
	ID      string
	Order   int
	Title   map[string]string
	Summary map[string]string
	HTML    map[string]template.HTML
}

// AskItem is a question for the candidate to ask the interviewer.
type AskItem struct {
	ID     string
	Order  int
	Source string
	Title  map[string]string
	HTML   map[string]template.HTML
}

// CheckItem is one line of the do/don't checklist.
type CheckItem struct {
	ID       string
	Order    int
	Kind     string // do, dont, prep
	Title    map[string]string
	Sections map[string][]Section
}

// Library is the whole validated, rendered content.
type Library struct {
	Categories []Term
	Skills     []Term
	Questions  []*Question
	Guide      []*GuideSection
	Ask        []*AskItem
	Checklist  []*CheckItem
	Glossary   []*GlossaryEntry // by English term
	// GlossaryLinks counts the links to the glossary made in questions'
	// guidance and the guide at start-up.
	GlossaryLinks int

	byID          map[string]*Question
	glossary      map[string]*GlossaryEntry
	glossaryOrder map[string][]*GlossaryEntry // per language: A–Z, あいうえお
	analyser      *insight.Analyser
	category      map[string]Term
	skill         map[string]Term
}

// Section markers each kind of item must have, in order.
var (
	questionSections  = []string{"intent", "structure", "pitfalls", "outline"}
	checklistSections = []string{"why", "action"}
	checkKinds        = map[string]bool{"do": true, "dont": true, "prep": true}
)

var md = goldmark.New(
	goldmark.WithExtensions(extension.GFM),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
)

// Load reads and validates every content file in fsys. It returns all
// problems found at once, each naming its file.
func Load(fsys fs.FS) (*Library, error) {
	l := &Library{byID: map[string]*Question{}, category: map[string]Term{}, skill: map[string]Term{}}
	var errs []error
	fail := func(file, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", file, fmt.Sprintf(format, args...)))
	}
	if err := l.loadTaxonomy(fsys); err != nil {
		return nil, err
	}

	for _, kind := range []string{"guide", "questions", "ask", "checklist"} {
		files, err := readKind(fsys, kind, fail)
		if err != nil {
			return nil, err
		}
		for _, id := range translated(kind, "item", files, func(f *file) string { return f.file }, fail) {
			langs := files[id]
			switch kind {
			case "guide":
				l.addGuide(id, langs, fail)
			case "questions":
				l.addQuestion(id, langs, fail)
			case "ask":
				l.addAsk(id, langs, fail)
			case "checklist":
				l.addCheck(id, langs, fail)
			}
		}
	}
	l.loadGlossary(fsys, fail)
	if len(errs) == 0 {
		if len(l.Questions) == 0 {
			errs = append(errs, errors.New("questions: the bank is empty"))
		}
		if len(l.Guide) == 0 {
			errs = append(errs, errors.New("guide: no sections"))
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("content is invalid:\n%w", errors.Join(errs...))
	}
	l.sort()
	l.sortGlossary()
	l.linkContent()
	an, err := insight.NewAnalyser(l.SalesTerms())
	if err != nil {
		return nil, fmt.Errorf("content is invalid:\nglossary: %w", err)
	}
	l.analyser = an
	return l, nil
}

// Question returns the question with id.
func (l *Library) Question(id string) (*Question, bool) {
	q, ok := l.byID[id]
	return q, ok
}

// Category returns the category with id.
func (l *Library) Category(id string) (Term, bool) {
	t, ok := l.category[id]
	return t, ok
}

// Skill returns the skill with id.
func (l *Library) Skill(id string) (Term, bool) {
	t, ok := l.skill[id]
	return t, ok
}

// Filter selects questions of the bank.
type Filter struct {
	Q        string // free text, matched against both languages
	Category string
	Skill    string
}

// Search returns the questions matching f, in bank order. Text matching is
// width- and case-insensitive; every word of f.Q must appear.
func (l *Library) Search(f Filter) []*Question {
	terms := strings.Fields(Normalise(f.Q))
	var out []*Question
	for _, q := range l.Questions {
		if f.Category != "" && q.Category != f.Category {
			continue
		}
		if f.Skill != "" && !slices.Contains(q.Skills, f.Skill) {
			continue
		}
		if containsAll(q.search, terms) {
			out = append(out, q)
		}
	}
	return out
}

// containsAll reports whether s holds every one of words.
func containsAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// Normalise folds width (full-width ASCII, half-width kana) and case so
// that search matches however the user typed.
func Normalise(s string) string {
	return strings.ToLower(norm.NFKC.String(s))
}

type taxonomy struct {
	Categories []taxTerm `yaml:"categories"`
	Skills     []taxTerm `yaml:"skills"`
}

type taxTerm struct {
	ID string `yaml:"id"`
	JA string `yaml:"ja"`
	EN string `yaml:"en"`
}

func (l *Library) loadTaxonomy(fsys fs.FS) error {
	b, err := fs.ReadFile(fsys, "taxonomy.yaml")
	if err != nil {
		return fmt.Errorf("taxonomy.yaml: %w", err)
	}
	var t taxonomy
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&t); err != nil {
		return fmt.Errorf("taxonomy.yaml: %w", err)
	}
	add := func(kind string, list []taxTerm, into map[string]Term, out *[]Term) error {
		if len(list) == 0 {
			return fmt.Errorf("taxonomy.yaml: no %s", kind)
		}
		for _, x := range list {
			if x.ID == "" || strings.TrimSpace(x.JA) == "" || strings.TrimSpace(x.EN) == "" {
				return fmt.Errorf("taxonomy.yaml: %s %q needs an id and names in ja and en", kind, x.ID)
			}
			if _, dup := into[x.ID]; dup {
				return fmt.Errorf("taxonomy.yaml: duplicate %s id %q", kind, x.ID)
			}
			term := Term{ID: x.ID, Name: map[string]string{"ja": x.JA, "en": x.EN}}
			into[x.ID] = term
			*out = append(*out, term)
		}
		return nil
	}
	if err := add("category", t.Categories, l.category, &l.Categories); err != nil {
		return err
	}
	return add("skill", t.Skills, l.skill, &l.Skills)
}

// file is one parsed content file.
type file struct {
	file string
	lang string
	meta frontMatter
	body string
}

type frontMatter struct {
	ID         string   `yaml:"id"`
	Order      int      `yaml:"order"`
	Title      string   `yaml:"title"`
	Summary    string   `yaml:"summary"`
	Category   string   `yaml:"category"`
	Skills     []string `yaml:"skills"`
	Difficulty int      `yaml:"difficulty"`
	Time       int      `yaml:"time"`
	Source     string   `yaml:"source"`
	Kind       string   `yaml:"kind"`
	Format     string   `yaml:"format"`
	Points     []point  `yaml:"points"`
}

type point struct {
	ID   string   `yaml:"id"`
	Text string   `yaml:"text"`
	Hint string   `yaml:"hint"`
	Cues []string `yaml:"cues"`
}

var nameRE = regexp.MustCompile(`^([a-z0-9][a-z0-9-]*)\.([a-z]{2})\.md$`)

// readKind parses every file of one kind, grouped by id and language.
func readKind(fsys fs.FS, kind string, fail func(string, string, ...any)) (map[string]map[string]*file, error) {
	entries, err := fs.ReadDir(fsys, kind)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", kind, err)
	}
	out := groupLangFiles(fsys, kind, entries, fail, func(name, lang string, b []byte) (*file, string, error) {
		f, err := parseFile(name, lang, b)
		if err != nil {
			return nil, "", err
		}
		return f, f.meta.ID, nil
	})
	return out, nil
}

// eachLangFile calls fn with each <id>.<lang>.md file among the entries of
// dir, once its name and language are checked and it is read; problems go
// to fail and the file is skipped.
func eachLangFile(fsys fs.FS, dir string, entries []fs.DirEntry, fail func(string, string, ...any), fn func(name, id, lang string, b []byte)) {
	for _, e := range entries {
		name := path.Join(dir, e.Name())
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		m := nameRE.FindStringSubmatch(e.Name())
		if m == nil {
			fail(name, "file name must be <id>.ja.md or <id>.en.md (lowercase id)")
			continue
		}
		id, lang := m[1], m[2]
		if !slices.Contains(Langs, lang) {
			fail(name, "unknown language %q (want %s)", lang, strings.Join(Langs, " or "))
			continue
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			fail(name, "%v", err)
			continue
		}
		fn(name, id, lang, b)
	}
}

// decodeFrontMatter decodes the front matter of a content file (between
// two lines ---) into meta, refusing unknown fields, and returns the body
// after it.
func decodeFrontMatter(b []byte, meta any) (body string, err error) {
	s := strings.ReplaceAll(string(b), "\r\n", "\n")
	if !strings.HasPrefix(s, "---\n") {
		return "", errors.New("no front matter: the file must start with a line ---")
	}
	end := strings.Index(s[4:], "\n---\n")
	if end < 0 {
		return "", errors.New("front matter is not closed by a line ---")
	}
	dec := yaml.NewDecoder(strings.NewReader(s[4 : 4+end]))
	dec.KnownFields(true)
	if err := dec.Decode(meta); err != nil {
		return "", fmt.Errorf("front matter: %v", err)
	}
	return s[4+end+5:], nil
}

func parseFile(name, lang string, b []byte) (*file, error) {
	f := &file{file: name, lang: lang}
	body, err := decodeFrontMatter(b, &f.meta)
	if err != nil {
		return nil, err
	}
	f.body = body
	if strings.TrimSpace(f.meta.Title) == "" {
		return nil, errors.New("empty title")
	}
	if strings.TrimSpace(body) == "" {
		return nil, errors.New("empty body")
	}
	return f, nil
}

// splitSections cuts body at "## marker" lines (outside code fences) and
// checks the markers are exactly want, in order, each with content.
func splitSections(body string, want []string) ([]Section, error) {
	var (
		keys  []string
		parts []string
		cur   strings.Builder
		fence bool
	)
	for _, line := range strings.Split(body, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			fence = !fence
		}
		if !fence && strings.HasPrefix(line, "## ") {
			if len(keys) > 0 {
				parts = append(parts, cur.String())
			} else if strings.TrimSpace(cur.String()) != "" {
				return nil, errors.New("text before the first ## section")
			}
			cur.Reset()
			keys = append(keys, strings.TrimSpace(line[3:]))
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
	}
	if len(keys) > 0 {
		parts = append(parts, cur.String())
	}
	if strings.Join(keys, ",") != strings.Join(want, ",") {
		return nil, fmt.Errorf("sections are [%s], want [%s] in that order", strings.Join(keys, ", "), strings.Join(want, ", "))
	}
	out := make([]Section, len(keys))
	for i, k := range keys {
		if strings.TrimSpace(parts[i]) == "" {
			return nil, fmt.Errorf("empty section %q", k)
		}
		h, err := render(parts[i])
		if err != nil {
			return nil, err
		}
		out[i] = Section{Key: k, HTML: h, Markdown: strings.TrimSpace(parts[i])}
	}
	return out, nil
}

func render(src string) (template.HTML, error) {
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil //nolint:gosec // content is the project's own Markdown; raw HTML is not rendered
}

// questionOnly reports format or points given to an item that is not a
// question, where the loader would otherwise ignore them silently.
func questionOnly(f *file, fail func(string, string, ...any)) bool {
	if f.meta.Format != "" || len(f.meta.Points) > 0 {
		fail(f.file, "format and points belong to questions only")
		return true
	}
	return false
}

func (l *Library) addGuide(id string, langs map[string]*file, fail func(string, string, ...any)) {
	g := &GuideSection{ID: id, Title: map[string]string{}, Summary: map[string]string{}, HTML: map[string]template.HTML{}}
	for _, lang := range Langs {
		f := langs[lang]
		if questionOnly(f, fail) {
			return
		}
		if lang == Langs[0] {
			g.Order = f.meta.Order
		} else if f.meta.Order != g.Order {
			fail(f.file, "order %d differs from the %s file (%d)", f.meta.Order, Langs[0], g.Order)
			return
		}
		if strings.TrimSpace(f.meta.Summary) == "" {
			fail(f.file, "empty summary")
			return
		}
		h, err := render(f.body)
		if err != nil {
			fail(f.file, "%v", err)
			return
		}
		g.Title[lang], g.Summary[lang], g.HTML[lang] = f.meta.Title, f.meta.Summary, h
	}
	l.Guide = append(l.Guide, g)
}

func (l *Library) addQuestion(id string, langs map[string]*file, fail func(string, string, ...any)) {
	base := langs[Langs[0]].meta
	q := &Question{ID: id, Category: base.Category, Skills: base.Skills, Difficulty: base.Difficulty,
		Seconds: base.Time, Source: base.Source, Format: base.Format, Title: map[string]string{},
		Sections: map[string][]Section{}, Points: map[string][]Point{}}
	var search strings.Builder
	for _, lang := range Langs {
		f := langs[lang]
		m := f.meta
		if _, ok := l.category[m.Category]; !ok {
			fail(f.file, "unknown category %q (see taxonomy.yaml)", m.Category)
			return
		}
		if len(m.Skills) == 0 {
			fail(f.file, "no skills: list 1 to 3 skill ids")
			return
		}
		for _, s := range m.Skills {
			if _, ok := l.skill[s]; !ok {
				fail(f.file, "unknown skill %q (see taxonomy.yaml)", s)
				return
			}
		}
		if m.Difficulty < 1 || m.Difficulty > 3 {
			fail(f.file, "difficulty must be 1, 2 or 3, not %d", m.Difficulty)
			return
		}
		if m.Time < 30 || m.Time > 600 {
			fail(f.file, "time must be 30 to 600 seconds, not %d", m.Time)
			return
		}
		if m.Source != "" && m.Source != "article" {
			fail(f.file, "source must be empty or \"article\", not %q", m.Source)
			return
		}
		if m.Category != base.Category || strings.Join(m.Skills, ",") != strings.Join(base.Skills, ",") ||
			m.Difficulty != base.Difficulty || m.Time != base.Time || m.Source != base.Source {
			fail(f.file, "category, skills, difficulty, time and source must match the %s file", Langs[0])
			return
		}
		if !slices.Contains(Formats, m.Format) {
			fail(f.file, "format must be one of %s, not %q", strings.Join(Formats, ", "), m.Format)
			return
		}
		if m.Format != base.Format {
			fail(f.file, "format %q differs from the %s file (%q)", m.Format, Langs[0], base.Format)
			return
		}
		points, err := checkPoints(m.Points)
		if err != nil {
			fail(f.file, "%v", err)
			return
		}
		if lang != Langs[0] {
			if want, got := pointIDs(q.Points[Langs[0]]), pointIDs(points); want != got {
				fail(f.file, "point ids [%s] differ from the %s file [%s]: use the same ids in the same order", got, Langs[0], want)
				return
			}
		}
		secs, err := splitSections(f.body, questionSections)
		if err != nil {
			fail(f.file, "%v", err)
			return
		}
		q.Title[lang] = m.Title
		q.Sections[lang] = secs
		q.Points[lang] = points
		search.WriteString(m.Title + "\n" + f.body + "\n")
	}
	q.search = Normalise(search.String())
	l.byID[id] = q
	l.Questions = append(l.Questions, q)
}

var kebabRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// checkPoints validates one file's talking points and converts them.
func checkPoints(in []point) ([]Point, error) {
	if len(in) < MinPoints || len(in) > MaxPoints {
		return nil, fmt.Errorf("points: %d talking points, want %d to %d", len(in), MinPoints, MaxPoints)
	}
	out := make([]Point, 0, len(in))
	seen := map[string]bool{}
	for i, p := range in {
		where := fmt.Sprintf("point %d (%q)", i+1, p.ID)
		if !kebabRE.MatchString(p.ID) {
			return nil, fmt.Errorf("%s: id must be kebab-case (a-z, 0-9, single hyphens)", where)
		}
		if seen[p.ID] {
			return nil, fmt.Errorf("%s: duplicate point id", where)
		}
		seen[p.ID] = true
		for _, f := range []struct{ name, v string }{{"text", p.Text}, {"hint", p.Hint}} {
			if strings.TrimSpace(f.v) == "" {
				return nil, fmt.Errorf("%s: empty %s", where, f.name)
			}
			if strings.ContainsAny(strings.TrimSpace(f.v), "\n\r") {
				return nil, fmt.Errorf("%s: %s must be one line", where, f.name)
			}
		}
		if len(p.Cues) < MinCues {
			return nil, fmt.Errorf("%s: %d cues, want at least %d", where, len(p.Cues), MinCues)
		}
		cues := map[string]bool{}
		for _, c := range p.Cues {
			switch {
			case strings.TrimSpace(c) == "":
				return nil, fmt.Errorf("%s: empty cue", where)
			case c != strings.TrimSpace(c) || c != Normalise(c):
				return nil, fmt.Errorf("%s: cue %q must be lowercase and NFKC-normalised, with no outer spaces (%q)", where, c, strings.TrimSpace(Normalise(c)))
			case cues[c]:
				return nil, fmt.Errorf("%s: duplicate cue %q", where, c)
			}
			cues[c] = true
		}
		out = append(out, Point{ID: p.ID, Text: strings.TrimSpace(p.Text), Hint: strings.TrimSpace(p.Hint), Cues: p.Cues})
	}
	return out, nil
}

func pointIDs(ps []Point) string {
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	return strings.Join(ids, ", ")
}

func (l *Library) addAsk(id string, langs map[string]*file, fail func(string, string, ...any)) {
	first := langs[Langs[0]].meta
	a := &AskItem{ID: id, Order: first.Order, Source: first.Source, Title: map[string]string{}, HTML: map[string]template.HTML{}}
	for _, lang := range Langs {
		f := langs[lang]
		if questionOnly(f, fail) {
			return
		}
		h, err := render(f.body)
		if err != nil {
			fail(f.file, "%v", err)
			return
		}
		a.Title[lang], a.HTML[lang] = f.meta.Title, h
	}
	l.Ask = append(l.Ask, a)
}

func (l *Library) addCheck(id string, langs map[string]*file, fail func(string, string, ...any)) {
	first := langs[Langs[0]].meta
	c := &CheckItem{ID: id, Order: first.Order, Kind: first.Kind, Title: map[string]string{}, Sections: map[string][]Section{}}
	for _, lang := range Langs {
		f := langs[lang]
		if questionOnly(f, fail) {
			return
		}
		if !checkKinds[f.meta.Kind] || f.meta.Kind != c.Kind {
			fail(f.file, "kind must be do, dont or prep, the same in both languages (got %q)", f.meta.Kind)
			return
		}
		secs, err := splitSections(f.body, checklistSections)
		if err != nil {
			fail(f.file, "%v", err)
			return
		}
		c.Title[lang], c.Sections[lang] = f.meta.Title, secs
	}
	l.Checklist = append(l.Checklist, c)
}

func (l *Library) sort() {
	catOrder := map[string]int{}
	for i, c := range l.Categories {
		catOrder[c.ID] = i
	}
	sort.SliceStable(l.Questions, func(i, j int) bool {
		a, b := l.Questions[i], l.Questions[j]
		if a.Category != b.Category {
			return catOrder[a.Category] < catOrder[b.Category]
		}
		if a.Difficulty != b.Difficulty {
			return a.Difficulty < b.Difficulty
		}
		return a.ID < b.ID
	})
	sort.SliceStable(l.Guide, func(i, j int) bool { return l.Guide[i].Order < l.Guide[j].Order })
	sort.SliceStable(l.Ask, func(i, j int) bool { return l.Ask[i].Order < l.Ask[j].Order })
	sort.SliceStable(l.Checklist, func(i, j int) bool { return l.Checklist[i].Order < l.Checklist[j].Order })
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// groupLangFiles parses each <id>.<lang>.md file of dir (entries) with
// parse, which also returns the id its front matter gives, and groups the
// files by id and language. A file that does not parse, names another id
// than its file name or repeats one is reported and left out.
func groupLangFiles[F any](fsys fs.FS, dir string, entries []fs.DirEntry, fail func(string, string, ...any), parse func(name, lang string, b []byte) (F, string, error)) map[string]map[string]F {
	out := map[string]map[string]F{}
	names := map[string]string{} // id/lang → file name
	eachLangFile(fsys, dir, entries, fail, func(name, id, lang string, b []byte) {
		f, metaID, err := parse(name, lang, b)
		if err != nil {
			fail(name, "%v", err)
			return
		}
		if metaID != id {
			fail(name, "front matter id %q does not match the file name (%q)", metaID, id)
			return
		}
		if prev, ok := names[id+"/"+lang]; ok {
			fail(name, "duplicate id %q (also in %s)", id, prev)
			return
		}
		names[id+"/"+lang] = name
		if out[id] == nil {
			out[id] = map[string]F{}
		}
		out[id][lang] = f
	})
	return out
}

// translated returns the ids of files, sorted, that have a file in every
// language, and reports each other one (an item or a term, what) as
// missing its translation, on its first file (named by fileName).
func translated[F any](dir, what string, files map[string]map[string]F, fileName func(F) string, fail func(string, string, ...any)) []string {
	var ids []string
	for _, id := range sortedKeys(files) {
		langs := files[id]
		var missing []string
		for _, lang := range Langs {
			if _, ok := langs[lang]; !ok {
				missing = append(missing, lang)
			}
		}
		if len(missing) > 0 {
			fail(fileName(langs[sortedKeys(langs)[0]]), "missing translation: no %s/%s.%s.md (every %s needs %s)", dir, id, strings.Join(missing, ", "), what, strings.Join(Langs, " and "))
			continue
		}
		ids = append(ids, id)
	}
	return ids
}
