package library_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/aeprep/aeprep/content"
	"github.com/aeprep/aeprep/internal/insight"
	"github.com/aeprep/aeprep/internal/insight/evalset"
	"github.com/aeprep/aeprep/internal/library"
)

// TestGlossaryIsTheAnalysersLexicon: the glossary teaches exactly the
// words the insights reward. Every form of every glossary term (term,
// term without its parenthesis, aliases), in each language, is counted
// as that term; and every term the analyser counts, in the bank's
// outlines and the labelled answers, is a glossary entry, found through
// one of its forms.
func TestGlossaryIsTheAnalysersLexicon(t *testing.T) {
	l, err := library.Load(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	an := l.Analyser()
	if got, want := len(an.Terms()), len(l.Glossary); got != want || want < 80 {
		t.Fatalf("the analyser has %d terms, the glossary %d (want the same, and at least 80)", got, want)
	}
	forms := 0
	for _, g := range l.Glossary {
		for _, lang := range library.Langs {
			if len(g.Forms(lang)) == 0 {
				t.Errorf("%s/%s: no form", lang, g.ID)
			}
			for _, f := range g.Forms(lang) {
				forms++
				r := an.Analyse(insight.Input{Text: sentence(lang, f), Lang: lang})
				if !slices.Equal(r.Vocabulary, []string{g.ID}) {
					t.Errorf("%s/%s: %q is counted as %v, want [%s]", lang, g.ID, f, r.Vocabulary, g.ID)
				}
			}
		}
	}

	// The other direction: whatever the analyser rewards in real answers
	// is a glossary term, written in one of its forms.
	var texts []insight.Input
	for _, q := range l.Questions {
		for _, lang := range library.Langs {
			for _, s := range q.Sections[lang] {
				texts = append(texts, insight.Input{Text: s.Markdown, Lang: lang})
			}
		}
	}
	cases, err := evalset.LoadTree(os.DirFS("../insight/testdata/eval"), ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		texts = append(texts, c.Input())
	}
	counted := map[string]int{}
	for _, in := range texts {
		r := an.Analyse(in)
		for _, sp := range r.Spans {
			if sp.Kind != insight.SpanTerm {
				continue
			}
			counted[sp.Ref]++
			g, ok := l.GlossaryEntry(sp.Ref)
			if !ok {
				t.Errorf("the analyser counts %q (%q) as sales vocabulary: it is no glossary term", sp.Ref, in.Text[sp.Start:sp.End])
				continue
			}
			if !isFormOf(library.Normalise(in.Text[sp.Start:sp.End]), g.Forms(r.AnswerLang)) {
				t.Errorf("%s: %q is counted, which is none of its %s forms %q", g.ID, in.Text[sp.Start:sp.End], r.AnswerLang, g.Forms(r.AnswerLang))
			}
		}
	}
	if len(counted) < 60 {
		t.Errorf("only %d terms counted in %d texts", len(counted), len(texts))
	}
	t.Logf("%d terms, %d forms; %d terms counted in %d outlines, guidance sections and labelled answers", len(l.Glossary), forms, len(counted), len(texts))
}

// isFormOf reports whether the matched text s is one of forms, allowing
// the English inflections the analyser accepts (quota → quotas).
func isFormOf(s string, forms []string) bool {
	s = strings.Join(strings.Fields(s), " ")
	for _, f := range forms {
		if s == f {
			return true
		}
		for _, suf := range []string{"s", "es", "d", "ed", "ing"} {
			if s == f+suf {
				return true
			}
		}
	}
	return false
}

func sentence(lang, term string) string {
	if lang == "ja" {
		return "面接では" + term + "について具体的に話しました。"
	}
	return "In the interview I talked about " + term + " with real detail."
}
