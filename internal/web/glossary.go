package web

import (
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/library"
)

// glossaryGroup is one heading of the glossary's index ("A", "か").
type glossaryGroup struct {
	Head    string
	Anchor  string // id of the heading
	Entries []*library.GlossaryEntry
}

type glossaryData struct {
	Q        string
	QTooLong bool // the search text was cut to maxLen("search.q") characters
	Groups   []glossaryGroup
	Count    int
	Total    int
	ByID     map[string]*library.GlossaryEntry // for related links
	Aliases  map[string][]string               // per id, the aliases worth showing in this language
}

// shownAliases leaves out the aliases that only help matching: the term's
// plural or bare form, lowercased acronyms ("roi", "sfa") and, on the
// Japanese page, English ones.
func shownAliases(g *library.GlossaryEntry, lang string) []string {
	term := library.Normalise(g.Term[lang])
	bare, _, _ := strings.Cut(term, "(")
	bare = strings.TrimSpace(bare)
	var out []string
	for _, a := range g.Aliases[lang] {
		ascii := isASCII(a)
		switch {
		case a == term || a == bare || a == term+"s" || a == bare+"s":
		case ascii && (lang == "ja" || len(a) <= 4):
		default:
			out = append(out, a)
		}
	}
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// groupAnchors are ASCII ids for the Japanese index headings.
var groupAnchors = map[string]string{"A–Z": "latin", "あ": "a", "か": "ka", "さ": "sa", "た": "ta", "な": "na",
	"は": "ha", "ま": "ma", "や": "ya", "ら": "ra", "わ": "wa"}

func groupAnchor(head string) string {
	if a, ok := groupAnchors[head]; ok {
		return "index-" + a
	}
	return "index-" + strings.ToLower(url.PathEscape(head))
}

// glossary lists the sales terms in the reader's order, filtered by ?q=
// like the question bank's search.
func (s *Server) glossary(c echo.Context) error {
	p := s.page(c, "")
	p.Title, p.Nav = p.T("glossary.title"), "glossary"
	q := strings.TrimSpace(c.QueryParam("q"))
	if !utf8.ValidString(q) {
		q = strings.ToValidUTF8(q, "")
	}
	d := glossaryData{Total: len(s.lib.Glossary), ByID: map[string]*library.GlossaryEntry{}, Aliases: map[string][]string{}}
	for _, g := range s.lib.Glossary {
		d.ByID[g.ID] = g
		d.Aliases[g.ID] = shownAliases(g, p.Lang)
	}
	if r := []rune(q); len(r) > maxLen("search.q") {
		q, d.QTooLong = string(r[:maxLen("search.q")]), true
		// Nor does the language switch echo the whole text back.
		v := url.Values{"q": {q}, "lang": {p.OtherLang}}
		p.SwitchURL = (&url.URL{Path: "/glossary", RawQuery: v.Encode()}).String()
	}
	d.Q = q
	entries := s.lib.SearchGlossary(q, p.Lang)
	d.Count = len(entries)
	for _, g := range entries {
		head := g.Group[p.Lang]
		if n := len(d.Groups); n == 0 || d.Groups[n-1].Head != head {
			d.Groups = append(d.Groups, glossaryGroup{Head: head, Anchor: groupAnchor(head)})
		}
		last := &d.Groups[len(d.Groups)-1]
		last.Entries = append(last.Entries, g)
	}
	p.Data = d
	return s.render(c, http.StatusOK, "glossary", p)
}
