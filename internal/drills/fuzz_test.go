package drills

import (
	"math"
	"testing"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{"1,234万円", "$1.2M", "１２．５％", "1億", "-3", ",", "万万", "1e9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := Parse(s)
		if err == nil && (math.IsNaN(v) || math.IsInf(v, 0)) {
			t.Fatalf("Parse(%q) = %v", s, v)
		}
		d := Generate(KindNRR, 1, "ja")
		r := Check(d, s)
		if r.Note.Code == "" {
			t.Fatal("no note")
		}
	})
}
