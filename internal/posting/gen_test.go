package posting

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteExpected writes testdata/expected.json.new from the analyser's
// output, for a person to read line by line before it replaces expected.json.
func TestWriteExpected(t *testing.T) {
	if os.Getenv("WRITE_EXPECTED") == "" {
		t.Skip("set WRITE_EXPECTED=1")
	}
	files, _ := filepath.Glob("testdata/*.txt")
	var ws []want
	for _, f := range files {
		b, _ := os.ReadFile(f)
		lang := strings.SplitN(filepath.Base(f), "-", 2)[0]
		a := Analyse(string(b), lang)
		w := want{File: filepath.Base(f), Lang: lang, Motion: a.Motion, Segments: a.Segments, Tools: a.Tools, Skills: ids(a.Skills), DealTerms: a.DealTerms}
		for _, r := range a.Requirements {
			w.Requirements = append(w.Requirements, Requirement{Text: r.Text, Level: r.Level})
		}
		for i, c := range a.Categories {
			if i < 3 {
				w.Categories = append(w.Categories, c.ID)
			}
		}
		ws = append(ws, w)
	}
	out, _ := json.MarshalIndent(ws, "", "  ")
	os.WriteFile("testdata/expected.json.new", append(out, '\n'), 0o644)
}
