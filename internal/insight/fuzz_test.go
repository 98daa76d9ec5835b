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
		{"百二十パーセント、前年比百五十%、十人、一・五倍、第３四半期、数千万円", "ja", 60},
		{"Situation: x\nTask: y\nAction 1: z\nResult: twenty-two meetings", "en", 60},
		{"ｶﾞｲﾄﾞ　ｱｯﾌﾟｾﾙ　貴社　だよ", "ja", 60},
		{"%!s %d %%", "en", 1 << 30},
		{"\u200b\ufeff\u202e\t\r\n\v", "ja", 10},
	}
	for _, s := range seeds {
		f.Add(s.text, s.lang, s.secs)
	}
	formats := append([]string{"", "bogus"}, Formats...)
	f.Fuzz(func(t *testing.T, text, lang string, secs int) {
		in := Input{Text: text, Lang: lang, SuggestedSeconds: secs, Format: formats[len(text)%len(formats)],
			Points: []Point{{ID: "p", Cues: []string{"deal", "受注", "%"}}}}
		r := testAn.Analyse(in)
		if r.Units < 0 {
			t.Fatalf("Units = %d", r.Units)
		}
		if len(r.Findings) == 0 || r.Findings[0].Kind != KindLength {
			t.Fatalf("first finding %v, want length", r.Findings)
		}
		if r.BelowMinimum && len(r.Findings) != 1 {
			t.Fatalf("below minimum but %d findings", len(r.Findings))
		}
		for _, fd := range r.Findings {
			if fd.Code == "" {
				t.Fatalf("%s: no code", fd.Kind)
			}
			for _, l := range []string{"ja", "en"} {
				sum, next := testAn.Message(fd, l)
				if sum == "" || next == "" {
					t.Fatalf("%s %s: empty message", fd.Kind, l)
				}
				for _, s := range append([]string{sum, next}, fd.Items...) {
					if !utf8.ValidString(s) || strings.Contains(s, "{") && !strings.Contains(text, "{") {
						t.Fatalf("%s: malformed text %q", fd.Kind, s)
					}
				}
			}
		}
		for _, sp := range r.Spans {
			if sp.Start < 0 || sp.End > len(text) || sp.Start >= sp.End {
				t.Fatalf("span %+v outside text of %d bytes", sp, len(text))
			}
		}
		for _, e := range r.Evidence {
			if e == "" {
				t.Fatal("empty evidence item")
			}
		}
		_ = Compare(r, testAn.Analyse(Input{Text: text + " 12 deals", Lang: lang}))
	})
}

// benchJA is a ~1,000-character Japanese answer; benchEN a ~250-word English one.
var (
	benchJA  = string([]rune(strings.Repeat(strongJA+weakJA, 8))[:1000])
	benchEN  = strings.Join(strings.Fields(strings.Repeat(strongEN+" "+weakEN+" ", 3))[:250], " ")
	bench300 = strings.Join(strings.Fields(strings.Repeat(strongEN+" "+weakEN+" ", 4))[:300], " ")
	benchXL  = string([]rune(strings.Repeat(strongJA+strongEN, 60))[:20000])
)

var benchPoints = []Point{
	{ID: "own-role", Cues: []string{"i led", "i mapped", "my role", "i proposed", "i ran"}},
	{ID: "result", Cues: []string{"closed", "signed", "%", "million", "受注", "達成"}},
	{ID: "lesson", Cues: []string{"learned", "now i", "since then", "学んだ"}},
}
