package insight

import (
	"fmt"
	"sort"
	"unicode/utf8"
)

// Term is one sales term of the vocabulary an Analyser counts: an answer
// that uses any of its forms uses the term.
type Term struct {
	// ID names the term in reports (Report.Vocabulary, Finding.Items,
	// Span.Ref).
	ID string
	// Name is the term as shown to a reader, per language ("ja", "en").
	Name map[string]string
	// Forms are the ways the term is written, per language. They are
	// matched like talking-point cues: English forms at word starts, with
	// an inflection allowed (quota → quotas), Japanese forms as
	// substrings, ASCII forms in Japanese answers as whole words.
	Forms map[string][]string
}

// Analyser analyses answers with one sales vocabulary (in the app, the
// glossary's terms). Build it once with NewAnalyser; it never changes
// afterwards, so one Analyser serves any number of goroutines.
type Analyser struct {
	dict  map[string]*dict // per answer language
	names map[string]map[string]string
	ids   []string
}

// NewAnalyser builds an analyser that counts terms as the answer's sales
// vocabulary. It fails on a term without an id, an id given twice, or a
// form that names two terms in one language.
func NewAnalyser(terms []Term) (*Analyser, error) {
	an := &Analyser{dict: map[string]*dict{}, names: map[string]map[string]string{}}
	for _, t := range terms {
		if t.ID == "" {
			return nil, fmt.Errorf("insight: a term has no id (%v)", t.Name)
		}
		if an.names[t.ID] != nil {
			return nil, fmt.Errorf("insight: term %q is given twice", t.ID)
		}
		an.names[t.ID] = map[string]string{}
		for lang, n := range t.Name {
			an.names[t.ID][lang] = n
		}
		an.ids = append(an.ids, t.ID)
	}
	for _, lang := range []string{"en", "ja"} {
		ps, err := termPats(terms, lang)
		if err != nil {
			return nil, err
		}
		base := basePatsEN
		if lang == "ja" {
			base = basePatsJA
		}
		an.dict[lang] = newDict(append(append([][]*pat(nil), base...), ps)...)
	}
	return an, nil
}

// termPats returns the patterns of every form of terms in lang.
func termPats(terms []Term, lang string) ([]*pat, error) {
	owner := map[string]string{}
	var out []*pat
	for _, t := range terms {
		for _, f := range t.Forms[lang] {
			low := normalize(f).low
			if low == "" {
				continue
			}
			if prev, ok := owner[low]; ok {
				if prev == t.ID {
					continue
				}
				return nil, fmt.Errorf("insight: form %q (%s) names both %q and %q", f, lang, prev, t.ID)
			}
			owner[low] = t.ID
			w := (lang != "ja" || isASCII(low)) && isWordByte(low[0])
			p := &pat{text: low, key: t.ID, cls: clsTerm, word: w, suffix: w}
			if r, _ := utf8.DecodeRuneInString(low); isKatakana(r) {
				p.ok = notInKatakanaWord
			}
			out = append(out, p)
		}
	}
	return out, nil
}

// isKatakana reports whether r is a katakana letter or the long-vowel
// mark (the text is NFKC-normalised: no half-width forms).
func isKatakana(r rune) bool { return r >= 0x30A1 && r <= 0x30FC }

// notInKatakanaWord rejects a katakana form that starts inside a longer
// katakana word: ブッキング in ダブルブッキング (a double booking),
// ペイン in スペイン.
func notInKatakanaWord(s string, start, _ int) bool {
	r, n := lastRune(s, start)
	return n == 0 || !isKatakana(r)
}

// Terms returns the ids of the analyser's vocabulary, sorted.
func (an *Analyser) Terms() []string {
	out := append([]string(nil), an.ids...)
	sort.Strings(out)
	return out
}

// TermName renders a term id in lang ("ja" or "en"); an id the
// vocabulary does not hold (a report stored with an older one) is
// returned as it is.
func (an *Analyser) TermName(id, lang string) string {
	if n := an.names[id][uiLang(lang)]; n != "" {
		return n
	}
	return id
}

// hasTerm reports whether id is a term of the vocabulary.
func (an *Analyser) hasTerm(id string) bool { return an.names[id] != nil }
