// Package textcode holds the small machinery shared by the pure packages
// whose results people read in two languages: a result carries a code and
// its parameters, and the sentence is made at the edge, in the reader's
// language, from a catalogue of Japanese and English templates.
package textcode

import (
	"regexp"
	"sort"
	"strings"
)

// Text is one message as a code and named parameters.
type Text struct {
	Code   string            `json:"code"`
	Params map[string]string `json:"params,omitempty"`
}

// New builds a Text from a code and alternating name, value pairs.
func New(code string, kv ...string) Text {
	t := Text{Code: code}
	if len(kv) > 1 {
		t.Params = make(map[string]string, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			t.Params[kv[i]] = kv[i+1]
		}
	}
	return t
}

// Pair is a message's Japanese and English template, in that order. A
// template names its parameters as {name}.
type Pair [2]string

// Catalog maps codes to their templates.
type Catalog map[string]Pair

var placeholder = regexp.MustCompile(`\{[a-z_]+\}`)

// Message renders code in lang ("ja" or "en"; anything else falls back to
// Japanese, as the rest of aeprep does). An unknown code renders as the code
// itself so that a missing entry shows up rather than vanishing; the
// catalogue tests make sure none is missing.
func (c Catalog) Message(code string, params map[string]string, lang string) string {
	p, ok := c[code]
	if !ok {
		return code
	}
	s := p[0]
	if lang == "en" {
		s = p[1]
	}
	return placeholder.ReplaceAllStringFunc(s, func(m string) string {
		if v, ok := params[m[1:len(m)-1]]; ok {
			return v
		}
		return m
	})
}

// Placeholders lists the parameter names a template uses, sorted.
func Placeholders(template string) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range placeholder.FindAllString(template, -1) {
		n := m[1 : len(m)-1]
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// Problems reports catalogue entries that are empty in one language or whose
// two templates name different parameters; tests of each package call it.
func (c Catalog) Problems() []string {
	var out []string
	for code, p := range c {
		if strings.TrimSpace(p[0]) == "" || strings.TrimSpace(p[1]) == "" {
			out = append(out, code+": empty template")
			continue
		}
		if strings.Join(Placeholders(p[0]), ",") != strings.Join(Placeholders(p[1]), ",") {
			out = append(out, code+": ja and en name different parameters")
		}
	}
	sort.Strings(out)
	return out
}
