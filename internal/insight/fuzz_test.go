package insight

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzAnalyse(f *testing.F) {
	seeds := []struct {
		text, lang string
		secs       int
	}{
		{strongEN, "en", 60},
		{strongJA, "ja", 60},
		{weakEN, "en", 0},
		{weakJA, "ja", 0},
		{strongJA, "en", 90},
		{strongEN, "ja", 90},
		{"", "ja", 0},
		{"目標の１２０％を達成、￥３０００万、ｱｯﾌﾟｾﾙ", "ja", 120},
		{"Um, like, you know, I I I my me myself", "en", -1},
		{"\xff\xfe\x00\x01 3 deals \xc3\x28 前年比150%", "xx", 1},
		{"$1.2M US$3bn ¥30M 3-4 months 2〜3ヶ月 3億5000万円 一件一件 五件 Q3 FY2024", "en", 30},
		{"%!s %d %%", "en", 1 << 30},
		{"\u200b\ufeff\u202e\t\r\n\v", "ja", 10},
	}
	for _, s := range seeds {
		f.Add(s.text, s.lang, s.secs)
	}
	f.Fuzz(func(t *testing.T, text, lang string, secs int) {
		r := Analyse(Input{Text: text, Lang: lang, SuggestedSeconds: secs})
		if r.Units < 0 {
			t.Fatalf("Units = %d", r.Units)
		}
		if !(r.SelfShare >= 0 && r.SelfShare <= 1) {
			t.Fatalf("SelfShare = %v", r.SelfShare)
		}
		if len(r.Findings) != 6 {
			t.Fatalf("len(Findings) = %d", len(r.Findings))
		}
		for _, fd := range r.Findings {
			if fd.Summary == "" || fd.Next == "" {
				t.Fatalf("%s: empty message", fd.Kind)
			}
			for _, s := range append([]string{fd.Summary, fd.Next}, fd.Items...) {
				if !utf8.ValidString(s) || strings.Contains(s, "%!") {
					t.Fatalf("%s: malformed text %q", fd.Kind, s)
				}
			}
		}
		for _, e := range r.Evidence {
			if e == "" {
				t.Fatal("empty evidence item")
			}
		}
	})
}

// benchJA is a ~1,000-character Japanese answer; benchEN a ~250-word English one.
var (
	benchJA = string([]rune(strings.Repeat(strongJA+weakJA, 8))[:1000])
	benchEN = strings.Join(strings.Fields(strings.Repeat(strongEN+" "+weakEN+" ", 3))[:250], " ")
	benchXL = string([]rune(strings.Repeat(strongJA+strongEN, 60))[:20000])
)

func BenchmarkAnalyse(b *testing.B) {
	for _, c := range []struct{ name, text, lang string }{
		{"ja-1000chars", benchJA, "ja"},
		{"en-250words", benchEN, "en"},
		{"mixed-20000chars", benchXL, "en"},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(c.text)))
			in := Input{Text: c.text, Lang: c.lang, SuggestedSeconds: 120}
			for b.Loop() {
				Analyse(in)
			}
		})
	}
}
