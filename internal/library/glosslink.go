package library

import (
	"html/template"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"

	"github.com/aeprep/aeprep/internal/i18n"
)

// glossForm is one way a glossary term is written in content: its term or
// an alias, lowercase and NFKC-normalised.
type glossForm struct {
	text string
	id   string
	// word: an ASCII form, matched as a whole word (an "s" may follow),
	// so "arr" never matches "arrange".
	word bool
	// acronym: linked only where the text has two capitals or more
	// ("ROI", "PoC"), so the alias "pain" or "map" is not linked in
	// ordinary prose.
	acronym bool
	// kana: a form that starts with katakana, never matched inside a
	// longer katakana word.
	kana bool
}

// commonWords are English forms of glossary terms that are also everyday
// words with another meaning ("lead the call", "an IT lead", "commit to a
// time"): they stand for the term only in the form given ("leads"), or
// never on their own (""); longer aliases ("inbound lead", "in commit")
// still do.
var commonWords = map[string]string{"lead": "leads", "commit": "", "variable": ""}

// Forms returns the ways the entry's term is written in lang, lowercase
// and NFKC-normalised: the term, the term without its parenthesis, and
// the aliases, longest first. They are what the glossary links in content
// and what the answer analyser counts as this term (SalesTerms).
func (g *GlossaryEntry) Forms(lang string) []string {
	var out []string
	for _, f := range g.forms[lang] {
		out = append(out, f.text)
	}
	return out
}

// buildForms fills g.forms from its terms and aliases.
func (g *GlossaryEntry) buildForms() {
	g.forms = map[string][]glossForm{}
	for _, lang := range Langs {
		seen := map[string]bool{}
		var list []glossForm
		add := func(text string, acronym bool) {
			text = strings.TrimSpace(text)
			if lang == "en" {
				if f, common := commonWords[text]; common {
					text = f
				}
			}
			if len([]rune(text)) < 2 || seen[text] {
				return
			}
			seen[text] = true
			word := isASCIIString(text)
			r, _ := utf8.DecodeRuneInString(text)
			list = append(list, glossForm{text: text, id: g.ID, word: word, acronym: word && acronym, kana: isKatakana(r)})
		}
		term := g.Term[lang]
		add(Normalise(term), capitals(term) >= 2)
		// "Account Executive (AE)" is also written without its
		// parenthesis; a MEDDICC letter is not ("Metrics (MEDDICC)"
		// must not stand for every "metrics").
		if bare, paren, ok := cutParen(term); ok && !strings.Contains(paren, "MEDDICC") {
			add(Normalise(bare), capitals(bare) >= 2)
		}
		for _, a := range g.Aliases[lang] {
			add(a, isASCIIString(a) && len(a) <= 4 && !strings.ContainsAny(a, " -"))
		}
		sort.SliceStable(list, func(i, j int) bool { return len(list[i].text) > len(list[j].text) })
		g.forms[lang] = list
	}
}

// linker finds glossary terms in rendered content, per language.
type linker struct {
	forms map[string]map[byte][]glossForm // lang → first byte → forms, longest first
	label map[string]string               // hidden text after a link: " (glossary)"
}

func newLinker(entries []*GlossaryEntry) *linker {
	k := &linker{forms: map[string]map[byte][]glossForm{}, label: map[string]string{}}
	for _, lang := range Langs {
		k.label[lang] = i18n.T(lang, "glossary.link.hidden")
		byFirst := map[byte][]glossForm{}
		for _, g := range entries {
			for _, f := range g.forms[lang] {
				byFirst[f.text[0]] = append(byFirst[f.text[0]], f)
			}
		}
		for b := range byFirst {
			list := byFirst[b]
			sort.SliceStable(list, func(i, j int) bool { return len(list[i].text) > len(list[j].text) })
		}
		k.forms[lang] = byFirst
	}
	return k
}

// cutParen splits "Term (note)" or "用語（注記）" at a trailing parenthesis.
func cutParen(s string) (bare, paren string, ok bool) {
	n := Normalise(s)
	if !strings.HasSuffix(n, ")") {
		return "", "", false
	}
	i := strings.LastIndex(n, "(")
	if i <= 0 {
		return "", "", false
	}
	open := strings.LastIndexAny(s, "(（")
	return strings.TrimSpace(s[:open]), s[open:], true
}

func capitals(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			n++
		}
	}
	return n
}

// isASCIIString reports whether s holds only ASCII bytes.
func isASCIIString(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return r >= utf8.RuneSelf })
}

// isKatakana reports whether r is a katakana letter or the long-vowel mark.
func isKatakana(r rune) bool { return r >= 0x30A1 && r <= 0x30FC }

func isWordByte(b byte) bool {
	return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
}

// skipped are the elements whose text is never linked: links already,
// headings, and code.
var skipped = map[string]bool{"a": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "code": true, "pre": true}

// link returns h with the first occurrence of each glossary term not in
// done linked to its entry, and the number of links made; it adds the
// terms it links to done, so the fragments of one page, linked in page
// order with one done, link each term once. Only text outside links,
// headings and code is touched.
func (k *linker) link(h template.HTML, lang string, done map[string]bool) (template.HTML, int) {
	z := html.NewTokenizer(strings.NewReader(string(h)))
	var out strings.Builder
	depth := 0 // inside skipped elements
	links := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return template.HTML(out.String()), links //nolint:gosec // re-serialised from the project's own rendered Markdown
		case html.TextToken:
			if depth > 0 {
				out.Write(z.Raw())
				continue
			}
			text := string(z.Text())
			s, n := k.linkText(text, lang, done)
			out.WriteString(s)
			links += n
		case html.StartTagToken:
			name, _ := z.TagName()
			if skipped[string(name)] {
				depth++
			}
			out.Write(z.Raw())
		case html.EndTagToken:
			name, _ := z.TagName()
			if skipped[string(name)] && depth > 0 {
				depth--
			}
			out.Write(z.Raw())
		default:
			out.Write(z.Raw())
		}
	}
}

// linkText links terms in one text node (unescaped), returning escaped HTML.
func (k *linker) linkText(text, lang string, done map[string]bool) (string, int) {
	// folded is text width- and case-folded rune by rune; at[i] is the
	// byte of text where folded's byte i comes from.
	var folded strings.Builder
	var at []int
	for i, r := range text {
		if r < 0x80 {
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			folded.WriteByte(byte(r))
			at = append(at, i)
			continue
		}
		nr := Normalise(string(r))
		folded.WriteString(nr)
		for range len(nr) {
			at = append(at, i)
		}
	}
	ns := folded.String()
	at = append(at, len(text))
	var out strings.Builder
	last, links := 0, 0 // last: bytes of text written
	for p := 0; p < len(ns); p++ {
		if p > 0 && at[p] == at[p-1] {
			continue // not the start of a rune of text
		}
		f, end, ok := k.match(ns, p, lang, done)
		if !ok {
			continue
		}
		start := at[p]
		stop := at[end]
		word := text[start:stop]
		if f.acronym && capitals(norm.NFKC.String(word)) < 2 { // ＲＯＩ counts too
			continue
		}
		done[f.id] = true
		links++
		out.WriteString(html.EscapeString(text[last:start]))
		out.WriteString(`<a class="gloss" href="/glossary#` + f.id + `">` + html.EscapeString(word) +
			`<span class="visually-hidden">` + html.EscapeString(k.label[lang]) + `</span></a>`)
		last = stop
		for p < len(ns) && at[p] < stop {
			p++
		}
		p--
	}
	out.WriteString(html.EscapeString(text[last:]))
	return out.String(), links
}

// match finds the longest form not yet linked that starts at byte p of
// ns, and the byte of ns where the match ends.
func (k *linker) match(ns string, p int, lang string, done map[string]bool) (glossForm, int, bool) {
	for _, f := range k.forms[lang][ns[p]] {
		if done[f.id] || !strings.HasPrefix(ns[p:], f.text) {
			continue
		}
		end := p + len(f.text)
		if f.kana && p > 0 {
			// ブッキング in ダブルブッキング is another word (as the
			// answer analyser reads it too).
			if r, _ := utf8.DecodeLastRuneInString(ns[:p]); isKatakana(r) {
				continue
			}
		}
		if f.word {
			if p > 0 && isWordByte(ns[p-1]) {
				continue
			}
			if end < len(ns) && ns[end] == 's' && (end+1 == len(ns) || !isWordByte(ns[end+1])) {
				end++
			}
			if end < len(ns) && isWordByte(ns[end]) {
				continue
			}
		}
		return f, end, true
	}
	return glossForm{}, 0, false
}

// linkContent links glossary terms in the question bank's guidance and the
// guide's chapters, each term once per page, where it first appears: a
// question's page shows its sections in order, the guide's page every
// chapter in order (l.sort has put them in that order).
func (l *Library) linkContent() {
	if len(l.Glossary) == 0 {
		return
	}
	k := newLinker(l.Glossary)
	for _, q := range l.Questions {
		for lang, secs := range q.Sections {
			done := map[string]bool{}
			for i := range secs {
				h, n := k.link(secs[i].HTML, lang, done)
				secs[i].HTML = h
				l.GlossaryLinks += n
			}
		}
	}
	for _, lang := range Langs {
		done := map[string]bool{}
		for _, g := range l.Guide {
			h, n := k.link(g.HTML[lang], lang, done)
			g.HTML[lang] = h
			l.GlossaryLinks += n
		}
	}
}
