package insight_test

import (
	"sync"
	"testing"

	"github.com/aeprep/aeprep/content"
	"github.com/aeprep/aeprep/internal/insight"
	"github.com/aeprep/aeprep/internal/library"
)

var appOnce = sync.OnceValues(func() (*insight.Analyser, error) {
	lib, err := library.Load(content.FS)
	if err != nil {
		return nil, err
	}
	return lib.Analyser(), nil
})

// appAnalyser is the analyser the app runs: its vocabulary is the
// embedded glossary.
func appAnalyser(t testing.TB) *insight.Analyser {
	t.Helper()
	an, err := appOnce()
	if err != nil {
		t.Fatal(err)
	}
	return an
}

func BenchmarkAnalyse(b *testing.B) {
	an := appAnalyser(b)
	for _, c := range insight.BenchCases {
		b.Run(c.Name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(c.Text)))
			in := insight.Input{Text: c.Text, Lang: c.Lang, SuggestedSeconds: 120, Points: insight.BenchPoints}
			for b.Loop() {
				an.Analyse(in)
			}
		})
	}
}
