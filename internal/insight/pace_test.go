package insight

import (
	"strings"
	"testing"
)

func TestPace(t *testing.T) {
	en150 := strings.Repeat("we closed the deal ", 37) + "today" // 149 words
	ja := strings.Repeat("お客様の課題を伺い提案しました", 25)                  // 350 characters
	cases := []struct {
		name      string
		in        Input
		verdict   Verdict
		wantInSum string
	}{
		{"en good", Input{Text: en150, Lang: "en", SpokenMillis: 60000}, Good, "within the usual 130–160"},
		{"en slow", Input{Text: en150, Lang: "en", SpokenMillis: 90000}, Warn, "slower"},
		{"en fast", Input{Text: en150, Lang: "en", SpokenMillis: 45000}, Warn, "faster"},
		{"ja good", Input{Text: ja, Lang: "ja", SpokenMillis: 60000}, Good, "300〜400"},
		{"ja fast", Input{Text: ja, Lang: "ja", SpokenMillis: 30000}, Warn, "速め"},
		{"ja slow in English UI", Input{Text: ja, Lang: "en", SpokenMillis: 120000}, Warn, "characters a minute"},
		{"long silence", Input{Text: en150, Lang: "en", SpokenMillis: 60000, SilenceMillis: 4500}, Warn, "4.5 seconds of silence"},
		{"no text", Input{Text: "", Lang: "en", SpokenMillis: 20000}, Info, "empty"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Analyse(c.in)
			if len(r.Findings) != 7 {
				t.Fatalf("%d findings with a recording, want 7", len(r.Findings))
			}
			f := r.Findings[6]
			if f.Kind != KindPace || f.Verdict != c.verdict || !strings.Contains(f.Summary, c.wantInSum) || f.Next == "" {
				t.Fatalf("pace finding %+v", f)
			}
		})
	}
	if r := Analyse(Input{Text: en150, Lang: "en"}); len(r.Findings) != 6 {
		t.Fatal("a pace finding without a recording")
	}
	r := Analyse(Input{Text: en150, Lang: "en", SpokenMillis: 60000})
	if r.SpokenSeconds != 60 || r.Pace < 148 || r.Pace > 150 {
		t.Fatalf("report pace %v over %ds", r.Pace, r.SpokenSeconds)
	}
}
