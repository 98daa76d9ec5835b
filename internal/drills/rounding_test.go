package drills

import (
	"strings"
	"testing"
)

// TestRoundingHalves: a sum that is a half on paper rounds up under the
// stated rule even when float64 computes it a hair under the half. Seed
// 270's NRR is 108.75% (computed 108.74999999999999), seed 165's yen
// commission 1,667万5,000円, seed 1593's dollar commission $65,312.50.
func TestRoundingHalves(t *testing.T) {
	tests := []struct {
		kind, lang string
		seed       int64
		want       float64
		shown      string
	}{
		{KindNRR, "en", 270, 108.8, "108.8%"},
		{KindNRR, "ja", 270, 108.8, "108.8%"},
		{KindCommission, "ja", 165, 16_680_000, "1,668万円"},
		{KindCommission, "en", 1593, 65_313, "$65,313"},
	}
	for _, tt := range tests {
		d := Generate(tt.kind, tt.seed, tt.lang)
		if got := d.Rounded(); got != tt.want {
			t.Errorf("%s %s seed %d: rounded %v (exact %v), want %v", tt.kind, tt.lang, tt.seed, got, d.Want, tt.want)
		}
		if got := formatAnswer(d, d.Rounded(), tt.lang); got != tt.shown {
			t.Errorf("%s %s seed %d: shown %q, want %q", tt.kind, tt.lang, tt.seed, got, tt.shown)
		}
		if r := Check(d, tt.shown); !r.Correct {
			t.Errorf("%s %s seed %d: the rounded answer %q is refused", tt.kind, tt.lang, tt.seed, tt.shown)
		}
	}
	// Whole numbers computed a hair over stay whole.
	tests2 := []struct {
		answer string
		v      float64
		want   float64
	}{
		{AnswerCount, 40.000000000001, 40},
		{AnswerCount, 39.99999999999, 40},
		{AnswerCount, 40.01, 41},
		{AnswerPercent, 104.24999999999999, 104.3},
		{AnswerPercent, 104.24, 104.2},
		{AnswerRatio, 3.3499999999999996, 3.4},
		{AnswerMoney, 12_345.499999999998, 12_346},
		{AnswerMoney, 12_345.49, 12_345},
	}
	for _, tt := range tests2 {
		if got := round(tt.answer, USD, tt.v); got != tt.want {
			t.Errorf("round(%s, %v) = %v, want %v", tt.answer, tt.v, got, tt.want)
		}
	}
	if got := round(AnswerMoney, JPY, 16_674_999.999999998); got != 16_680_000 {
		t.Errorf("yen half: %v", got)
	}
	if got := round(AnswerMoney, JPY, 16_674_000); got != 16_670_000 {
		t.Errorf("yen below the half: %v", got)
	}
}

func TestScore(t *testing.T) {
	tests := []struct {
		correct         bool
		seconds, target int
		want            int
	}{
		{false, 10, 120, 1},
		{false, 500, 120, 1},
		{true, 121, 120, 3},
		{true, 120, 120, 4},
		{true, 61, 120, 4},
		{true, 60, 120, 5},
		{true, 0, 120, 5},
		{true, 500, 0, 4}, // no target: right is good
	}
	for _, tt := range tests {
		if got := Score(tt.correct, tt.seconds, tt.target); got != tt.want {
			t.Errorf("Score(%v, %d, %d) = %d, want %d", tt.correct, tt.seconds, tt.target, got, tt.want)
		}
	}
	for _, k := range Kinds {
		if !IsKind(k) || Target(k) < 30 || Target(k) > 600 {
			t.Errorf("%s: IsKind %v, target %d", k, IsKind(k), Target(k))
		}
	}
	for _, k := range []string{"", "Meetings", "drill:meetings", "../arr", "nonsense"} {
		if IsKind(k) {
			t.Errorf("IsKind(%q)", k)
		}
	}
}

// TestCurrencyOfEveryText: a drill made for a Japanese reader is in yen
// throughout (prompt, worked solution, note), one made for an English
// reader in dollars; the same drill read in the other language keeps its
// currency and writes it that language's way.
func TestCurrencyOfEveryText(t *testing.T) {
	render := func(d Drill, lang string) string {
		var out []string
		for _, tx := range append(Prompt(d, lang), Solution(d, lang)...) {
			out = append(out, Message(tx.Code, tx.Params, lang))
		}
		return strings.Join(out, "\n")
	}
	for _, k := range Kinds {
		for seed := int64(0); seed < 20; seed++ {
			ja, en := Generate(k, seed, "ja"), Generate(k, seed, "en")
			if ja.Answer != AnswerMoney && k != KindMeetings && k != KindCoverage && k != KindNRR {
				t.Fatalf("%s: answer %s", k, ja.Answer)
			}
			jaText, enText := render(ja, "ja"), render(en, "en")
			if strings.Contains(jaText, "$") || strings.Contains(jaText, "¥") || !strings.Contains(jaText, "円") {
				t.Fatalf("%s seed %d: ja text not in 円:\n%s", k, seed, jaText)
			}
			if strings.Contains(enText, "円") || strings.Contains(enText, "¥") || !strings.Contains(enText, "$") {
				t.Fatalf("%s seed %d: en text not in $:\n%s", k, seed, enText)
			}
			// The yen drill read in English: ¥ with commas, no 万.
			cross := render(ja, "en")
			if strings.ContainsAny(cross, "万億円$") || !strings.Contains(cross, "¥") {
				t.Fatalf("%s seed %d: yen drill in English:\n%s", k, seed, cross)
			}
			if r := CheckIn(ja, "1", "en"); strings.ContainsAny(r.Note.Params["answer"], "万円") {
				t.Errorf("%s: English note of a yen drill %q", k, r.Note.Params["answer"])
			}
		}
	}
	if got := Message("drills.step.answer", map[string]string{"answer": "x"}, "ja"); got != "答え：x" {
		t.Errorf("ja label: %q", got)
	}
}

func TestParseMore(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		err  error
	}{
		{"1万5千円", 15000, nil}, {"5千", 5000, nil}, {"１億２千万", 1.2e8, nil}, {"3.2 times", 3.2, nil},
		{"1,2,3", 0, ErrComma}, {"abc", 0, ErrNumber}, {"12abc", 0, ErrNumber}, {"千", 0, ErrNumber},
		{"1千万", 1e7, nil}, {"2千500円", 2500, nil}, {"1千2千", 0, ErrNumber}, {"--5", 0, ErrNumber}, {"5-", 0, ErrNumber}, {"0x10", 0, ErrNumber},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != tt.err || err == nil && got != tt.want {
			t.Errorf("Parse(%q) = %v, %v; want %v, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}
