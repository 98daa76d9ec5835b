package insight_test

import (
	"os"
	"testing"

	"github.com/aeprep/aeprep/internal/insight/evalset"
)

// TestEvalSet measures the analyser against the labelled evaluation set in
// testdata/eval (go run ./cmd/aeprep-eval -v lists the disagreements).
// Issue #11's bar: at least 120 answers per language, 95% agreement
// overall and 90% on strong answers, in each language.
func TestEvalSet(t *testing.T) {
	cases, err := evalset.LoadTree(os.DirFS("testdata/eval"), ".")
	if err != nil {
		t.Fatal(err)
	}
	s := evalset.Evaluate(cases, evalset.Current(appAnalyser(t)))
	for _, lang := range []string{"ja", "en"} {
		n := 0
		for _, c := range cases {
			if c.Lang == lang {
				n++
			}
		}
		if n < 120 {
			t.Errorf("%s: %d cases, want at least 120", lang, n)
		}
		if got := s.Lang(lang); got.Rate() < 0.95 {
			t.Errorf("%s: agreement %s, want at least 95%%", lang, got)
		}
		if got := s.Strong(lang); got.N == 0 || got.Rate() < 0.90 {
			t.Errorf("%s: agreement on strong answers %s, want at least 90%%", lang, got)
		}
		t.Logf("%s: %d cases, agreement %s, strong %s, points %s", lang, n, s.Lang(lang), s.Strong(lang), *s.Points[lang])
	}
	if t.Failed() {
		t.Log("\n" + s.Report(true))
	}
}
