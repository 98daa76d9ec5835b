package library_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/aeprep/aeprep/content"
	"github.com/aeprep/aeprep/internal/insight"
	"github.com/aeprep/aeprep/internal/library"
)

// analyserMisses are the glossary terms, per language, that the answer
// analyser's vocabulary (internal/insight/lexicon.go) does not recognise
// under the term or any alias. The insight team owns that list; when it
// learns a term, the test asks for the entry to be removed here.
var analyserMisses = map[string]bool{
	"ja/case-study": true, "en/case-study": true,
	"en/compelling-event": true,
	"ja/deal-desk":        true,
	"ja/field-sales":      true, "en/field-sales": true,
	"ja/grr": true, "en/grr": true,
	"ja/hojin-eigyo": true, "en/hojin-eigyo": true,
	"ja/icp": true, "en/icp": true,
	"ja/jiko-pr": true, "en/jiko-pr": true,
	"en/multi-threading": true,
	"ja/redlines":        true, "en/redlines": true,
	"ja/roleplay-interview": true,
	"ja/sales-engineer":     true, "en/sales-engineer": true,
	"ja/spin":        true,
	"ja/star-method": true, "en/star-method": true,
	"ja/whitespace": true,
}

// TestGlossaryIsTheAnalysersLexicon analyses a sentence with each
// glossary term (then each alias) in each language and checks that the
// analyser counts a sales term in it: the glossary teaches the words the
// insights reward.
func TestGlossaryIsTheAnalysersLexicon(t *testing.T) {
	l, err := library.Load(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	var misses, viaAlias []string
	for _, g := range l.Glossary {
		for _, lang := range library.Langs {
			key := lang + "/" + g.ID
			hit := ""
			for i, f := range append([]string{g.Term[lang]}, g.Aliases[lang]...) {
				r := insight.Analyse(insight.Input{Text: sentence(lang, f), Lang: lang})
				if len(r.Vocabulary) > 0 {
					hit = f
					if i > 0 {
						viaAlias = append(viaAlias, key+" ("+f+" → "+strings.Join(r.Vocabulary, ",")+")")
					}
					break
				}
			}
			switch {
			case hit == "" && !analyserMisses[key]:
				t.Errorf("%s: the analyser recognises neither %q nor its aliases %q", key, g.Term[lang], g.Aliases[lang])
			case hit != "" && analyserMisses[key]:
				t.Errorf("%s: the analyser now recognises %q: remove it from analyserMisses", key, hit)
			case hit == "":
				misses = append(misses, key)
			}
		}
	}
	sort.Strings(misses)
	t.Logf("missed by the analyser (%d): %s", len(misses), strings.Join(misses, " "))
	t.Logf("recognised only through an alias (%d): %s", len(viaAlias), strings.Join(viaAlias, "; "))
}

func sentence(lang, term string) string {
	if lang == "ja" {
		return "面接では" + term + "について具体的に話しました。"
	}
	return "In the interview I talked about " + term + " with real detail."
}
