package library

import (
	"errors"
	"html/template"
	"io/fs"
	"sort"
	"strings"
	"unicode"

	"github.com/aeprep/aeprep/internal/insight"
)

// GlossaryEntry is one sales term of the glossary, in both languages.
type GlossaryEntry struct {
	ID         string
	Term       map[string]string   // display form per language
	Reading    string              // kana reading of the Japanese term, for あいうえお order
	Aliases    map[string][]string // lowercase, NFKC; matched in searches and content
	Related    []string            // ids of other entries
	Definition map[string]template.HTML
	Example    map[string]template.HTML
	Group      map[string]string // index heading per language: "A", "あ", "A–Z"
	sortKey    map[string]string
	search     string                 // normalised term, aliases and definition of both languages
	forms      map[string][]glossForm // per language, longest first (Forms)
}

// glossarySections are the markers every glossary file has, in order.
var glossarySections = []string{"definition", "example"}

type glossaryFront struct {
	ID      string   `yaml:"id"`
	Term    string   `yaml:"term"`
	Reading string   `yaml:"reading"`
	Aliases []string `yaml:"aliases"`
	Related []string `yaml:"related"`
}

type glossaryFile struct {
	file string
	meta glossaryFront
	body string
}

// GlossaryEntry returns the entry with id.
func (l *Library) GlossaryEntry(id string) (*GlossaryEntry, bool) {
	g, ok := l.glossary[id]
	return g, ok
}

// GlossaryIn returns the entries in the reading order of lang: A to Z for
// English; for Japanese, terms in Latin letters first (A to Z), then the
// rest in あいうえお order of their reading.
func (l *Library) GlossaryIn(lang string) []*GlossaryEntry {
	if out, ok := l.glossaryOrder[lang]; ok {
		return out
	}
	return l.Glossary
}

// SearchGlossary returns the entries of lang's order whose term, aliases
// or definition (in either language) contain every word of q, matched
// like the bank's search (width and case folded).
func (l *Library) SearchGlossary(q, lang string) []*GlossaryEntry {
	words := strings.Fields(Normalise(q))
	var out []*GlossaryEntry
	for _, g := range l.GlossaryIn(lang) {
		if containsAll(g.search, words) {
			out = append(out, g)
		}
	}
	return out
}

// Analyser returns the answer analyser whose sales vocabulary is the
// glossary (SalesTerms), built once when the library is loaded.
func (l *Library) Analyser() *insight.Analyser { return l.analyser }

// SalesTerms returns the glossary as the analyser's vocabulary: one term
// per entry, named by its term without the parenthesis and written in
// every form the glossary links (Forms). The glossary is the one list of
// sales terms: what it teaches is what the insights count.
func (l *Library) SalesTerms() []insight.Term {
	out := make([]insight.Term, 0, len(l.Glossary))
	for _, g := range l.Glossary {
		t := insight.Term{ID: g.ID, Name: map[string]string{}, Forms: map[string][]string{}}
		for _, lang := range Langs {
			t.Name[lang] = g.Term[lang]
			if bare, _, ok := cutParen(g.Term[lang]); ok {
				t.Name[lang] = bare
			}
			t.Forms[lang] = g.Forms(lang)
		}
		out = append(out, t)
	}
	return out
}

// loadGlossary reads glossary/, which may be absent (a content folder
// without a glossary); the embedded content's test asks for its terms.
func (l *Library) loadGlossary(fsys fs.FS, fail func(string, string, ...any)) {
	entries, err := fs.ReadDir(fsys, "glossary")
	if errors.Is(err, fs.ErrNotExist) {
		return
	}
	if err != nil {
		fail("glossary", "%v", err)
		return
	}
	files := groupLangFiles(fsys, "glossary", entries, fail, func(name, _ string, b []byte) (*glossaryFile, string, error) {
		f, err := parseGlossaryFile(name, b)
		if err != nil {
			return nil, "", err
		}
		return f, f.meta.ID, nil
	})
	for _, id := range translated("glossary", "term", files, func(f *glossaryFile) string { return f.file }, fail) {
		if g := buildEntry(id, files[id], fail); g != nil {
			l.Glossary = append(l.Glossary, g)
		}
	}
	l.checkGlossary(files, fail)
}

func parseGlossaryFile(name string, b []byte) (*glossaryFile, error) {
	f := &glossaryFile{file: name}
	body, err := decodeFrontMatter(b, &f.meta)
	if err != nil {
		return nil, err
	}
	f.body = body
	if strings.TrimSpace(f.meta.Term) == "" {
		return nil, errors.New("empty term")
	}
	return f, nil
}

func buildEntry(id string, langs map[string]*glossaryFile, fail func(string, string, ...any)) *GlossaryEntry {
	g := &GlossaryEntry{ID: id, Term: map[string]string{}, Aliases: map[string][]string{},
		Definition: map[string]template.HTML{}, Example: map[string]template.HTML{},
		Group: map[string]string{}, sortKey: map[string]string{}}
	var search strings.Builder
	for _, lang := range Langs {
		f := langs[lang]
		m := f.meta
		term := strings.TrimSpace(m.Term)
		seen := map[string]bool{}
		for _, a := range m.Aliases {
			switch {
			case strings.TrimSpace(a) == "":
				fail(f.file, "empty alias")
				return nil
			case a != strings.TrimSpace(a) || a != Normalise(a):
				fail(f.file, "alias %q must be lowercase and NFKC-normalised, with no outer spaces (%q)", a, strings.TrimSpace(Normalise(a)))
				return nil
			case seen[a]:
				fail(f.file, "duplicate alias %q", a)
				return nil
			}
			seen[a] = true
		}
		if lang == "ja" {
			if m.Reading != "" && !isKana(m.Reading) {
				fail(f.file, "reading %q must be hiragana or katakana", m.Reading)
				return nil
			}
			if m.Reading == "" && !startsLatin(term) && !isKana(string(firstRune(term))) {
				fail(f.file, "term %q starts with a kanji: give its reading in kana (reading: ...) for the あいうえお order", term)
				return nil
			}
			g.Reading = m.Reading
		} else if m.Reading != "" {
			fail(f.file, "reading belongs to the Japanese file only")
			return nil
		}
		if lang != Langs[0] && strings.Join(m.Related, ",") != strings.Join(g.Related, ",") {
			fail(f.file, "related [%s] differs from the %s file [%s]", strings.Join(m.Related, ", "), Langs[0], strings.Join(g.Related, ", "))
			return nil
		}
		secs, err := splitSections(f.body, glossarySections)
		if err != nil {
			fail(f.file, "%v", err)
			return nil
		}
		g.Term[lang], g.Aliases[lang], g.Related = term, m.Aliases, m.Related
		g.Definition[lang], g.Example[lang] = secs[0].HTML, secs[1].HTML
		g.sortKey[lang], g.Group[lang] = sortKey(lang, term, m.Reading)
		search.WriteString(term + "\n" + strings.Join(m.Aliases, "\n") + "\n" + secs[0].Markdown + "\n")
	}
	g.search = Normalise(search.String())
	g.buildForms()
	return g
}

// checkGlossary checks what involves more than one entry: aliases belong
// to one term only, and related ids name terms (files, so one broken
// entry does not also fail every entry that relates to it).
func (l *Library) checkGlossary(files map[string]map[string]*glossaryFile, fail func(string, string, ...any)) {
	l.glossary = map[string]*GlossaryEntry{}
	for _, g := range l.Glossary {
		l.glossary[g.ID] = g
	}
	owner := map[string]string{} // alias or normalised term → entry id
	for _, g := range l.Glossary {
		for _, lang := range Langs {
			file := files[g.ID][lang].file
			forms := append([]string{Normalise(g.Term[lang])}, g.Aliases[lang]...)
			for i, a := range forms {
				if prev, ok := owner[a]; ok && prev != g.ID {
					what := "alias"
					if i == 0 {
						what = "term"
					}
					fail(file, "%s %q is also a term or alias of %q: a form may name one term only", what, a, prev)
					continue
				}
				owner[a] = g.ID
			}
		}
		for _, r := range g.Related {
			if r == g.ID {
				fail(files[g.ID][Langs[0]].file, "related lists the term itself")
			} else if _, ok := files[r]; !ok {
				fail(files[g.ID][Langs[0]].file, "related id %q is not a glossary term", r)
			}
		}
	}
}

// sortKey returns the key that orders a term in lang and its index
// heading. Japanese terms in Latin letters come first, under one A–Z
// heading; the rest sort by reading, katakana folded to hiragana, under
// the row of the gojūon table they start in.
func sortKey(lang, term, reading string) (key, group string) {
	n := Normalise(term)
	if lang != "ja" {
		r := firstRune(n)
		if r >= 'a' && r <= 'z' {
			return n, strings.ToUpper(string(r))
		}
		return n, "#"
	}
	if startsLatin(term) {
		return "0" + n, "A–Z"
	}
	kana := n
	if reading != "" {
		kana = Normalise(reading)
	}
	kana = toHiragana(kana)
	return "1" + kana, gojuonRow(firstRune(kana))
}

var gojuon = []struct {
	head string
	last rune // the row's last kana, small and voiced ones included
}{
	{"あ", 'お'}, {"か", 'ご'}, {"さ", 'ぞ'}, {"た", 'ど'}, {"な", 'の'},
	{"は", 'ぽ'}, {"ま", 'も'}, {"や", 'よ'}, {"ら", 'ろ'}, {"わ", 'ん'},
}

func gojuonRow(r rune) string {
	for _, row := range gojuon {
		if r <= row.last {
			return row.head
		}
	}
	return "わ"
}

func toHiragana(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'ァ' && r <= 'ヶ' {
			return r - 0x60
		}
		return r
	}, s)
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

func startsLatin(s string) bool {
	r := firstRune(Normalise(s))
	return (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9')
}

// isKana reports whether s is kana only: hiragana, katakana and the
// long-vowel mark.
func isKana(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.In(r, unicode.Hiragana, unicode.Katakana) && r != 'ー' {
			return false
		}
	}
	return true
}

// sortGlossary orders the entries by English term, and keeps each
// language's reading order.
func (l *Library) sortGlossary() {
	sort.SliceStable(l.Glossary, func(i, j int) bool {
		return l.Glossary[i].sortKey["en"] < l.Glossary[j].sortKey["en"]
	})
	l.glossaryOrder = map[string][]*GlossaryEntry{}
	for _, lang := range Langs {
		list := append([]*GlossaryEntry(nil), l.Glossary...)
		sort.SliceStable(list, func(i, j int) bool { return list[i].sortKey[lang] < list[j].sortKey[lang] })
		l.glossaryOrder[lang] = list
	}
}
