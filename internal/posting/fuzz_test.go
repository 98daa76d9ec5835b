package posting

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzAnalyse(f *testing.F) {
	for _, s := range []string{"必須条件\n・法人営業経験3年以上", "Requirements\n- 3+ years\nNice to have\n- Gong", "【歓迎】", "**", "：\n:", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a := Analyse(s, "")
		for _, r := range a.Requirements {
			if strings.TrimSpace(r.Text) == "" || r.Level != Must && r.Level != Nice {
				t.Fatalf("bad requirement %+v", r)
			}
		}
		if utf8.ValidString(s) {
			for _, tl := range a.DealTerms {
				if !utf8.ValidString(tl) {
					t.Fatalf("deal term splits a character: %q", tl)
				}
			}
		}
		if len(a.Practice) > PracticeSize || len(a.Ask) > MaxAsk {
			t.Fatal("too many suggestions")
		}
	})
}
