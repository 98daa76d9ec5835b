package drills

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
)

func TestGenerateIsDeterministic(t *testing.T) {
	for _, k := range Kinds {
		for _, lang := range []string{"ja", "en"} {
			a, b := Generate(k, 42, lang), Generate(k, 42, lang)
			if !reflect.DeepEqual(a, b) {
				t.Errorf("%s %s: same seed, different drills", k, lang)
			}
			if c := Generate(k, 43, lang); reflect.DeepEqual(a.Values, c.Values) && reflect.DeepEqual(a.Schedule, c.Schedule) {
				// Possible by chance for one seed, but not for these.
				t.Errorf("%s %s: seeds 42 and 43 gave the same numbers", k, lang)
			}
		}
		// Same seed in both languages: the same drill in the other currency.
		ja, en := Generate(k, 9, "ja"), Generate(k, 9, "en")
		if ja.Currency != JPY || en.Currency != USD {
			t.Errorf("%s: currencies %s/%s", k, ja.Currency, en.Currency)
		}
		if ja.Answer == AnswerMoney && math.Abs(ja.Want/100-en.Want) > 1e-6 {
			t.Errorf("%s: ¥%v is not 100 × $%v", k, ja.Want, en.Want)
		}
		if ja.Answer != AnswerMoney && math.Abs(ja.Want-en.Want) > 1e-9 {
			t.Errorf("%s: answer differs by language: %v vs %v", k, ja.Want, en.Want)
		}
	}
	if d := Generate("nonsense", 1, "fr"); d.Kind != KindMeetings || d.Lang != "en" {
		t.Errorf("fallbacks: %s %s", d.Kind, d.Lang)
	}
}

// TestRanges draws many seeds of every kind and checks the numbers stay
// in realistic ranges and the answer is consistent with them.
func TestRanges(t *testing.T) {
	in := func(t *testing.T, name string, v, lo, hi float64) {
		t.Helper()
		if v < lo || v > hi {
			t.Errorf("%s = %v, want %v..%v", name, v, lo, hi)
		}
	}
	for seed := int64(0); seed < 300; seed++ {
		for _, k := range Kinds {
			d := Generate(k, seed, "en")
			v := d.Values
			switch k {
			case KindMeetings:
				in(t, "quota", v["quota"], 150e3, 400e3)
				in(t, "deal", v["deal"], 20e3, 60e3)
				in(t, "win", v["win"], 20, 35)
				in(t, "conv", v["conv"], 30, 60)
				in(t, "meetings", d.Rounded(), 7, 400)
			case KindCoverage:
				in(t, "coverage", d.Want, 1.4, 4.6)
			case KindARR:
				in(t, "contracts", v["contracts"], 3, 5)
				in(t, "arr", d.Want, 36e3, 5*240e3)
			case KindACV:
				in(t, "years", v["years"], 2, 5)
				in(t, "acv", d.Want, 20e3, 300e3)
				if got := (v["tcv"] - v["fee"]) / v["years"]; got != d.Want {
					t.Errorf("acv %v != (tcv-fee)/years %v", d.Want, got)
				}
			case KindNRR:
				in(t, "nrr", d.Want, 75, 132)
			case KindCommission:
				in(t, "accelerator", v["accelerator"], 1.25, 2)
				in(t, "attainment", v["bookings"]/v["quota"], 0.78, 1.62)
				if v["bookings"] <= v["quota"] && math.Abs(d.Want-v["variable"]*v["bookings"]/v["quota"]) > 1e-6 {
					t.Errorf("commission below quota %v", d.Want)
				}
				if v["bookings"] > v["quota"] && d.Want <= v["variable"] {
					t.Errorf("commission above quota %v not above target %v", d.Want, v["variable"])
				}
			case KindRamp:
				in(t, "months", v["months"], float64(len(d.Schedule)+1), float64(len(d.Schedule)+3))
				if d.Want >= v["annual"]/12*v["months"] {
					t.Errorf("ramped quota %v is not below the full %v", d.Want, v["annual"]/12*v["months"])
				}
			}
		}
	}
}

func fixed(kind, currency string, want float64, also ...float64) Drill {
	lang := "en"
	if currency == JPY {
		lang = "ja"
	}
	return Drill{Kind: kind, Lang: lang, Currency: currency, Answer: answerOf(kind), Want: want, Also: also, Values: map[string]float64{}}
}

func answerOf(kind string) string {
	switch kind {
	case KindMeetings:
		return AnswerCount
	case KindNRR:
		return AnswerPercent
	case KindCoverage:
		return AnswerRatio
	}
	return AnswerMoney
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name   string
		d      Drill
		answer string
		ok     bool
		code   string
	}{
		{"meetings rounded up", fixed(KindMeetings, USD, 60.61, 67), "61", true, "drills.correct"},
		{"meetings stepwise", fixed(KindMeetings, USD, 60.61, 67), "67", true, "drills.correct"},
		{"meetings rounded down", fixed(KindMeetings, USD, 60.61, 67), "60", false, "drills.unrounded"},
		{"meetings unrounded", fixed(KindMeetings, USD, 60.61, 67), "60.61", false, "drills.unrounded"},
		{"meetings full width with unit", fixed(KindMeetings, JPY, 60.61), "６１件", true, "drills.correct"},
		{"meetings wrong", fixed(KindMeetings, USD, 60.61), "18", false, "drills.wrong"},
		{"whole number stays", fixed(KindMeetings, USD, 40), "40", true, "drills.correct"},
		{"nrr one decimal", fixed(KindNRR, USD, 117.174), "117.2%", true, "drills.correct"},
		{"nrr unrounded is within", fixed(KindNRR, USD, 117.174), "117.17", true, "drills.correct"},
		{"nrr without sign", fixed(KindNRR, JPY, 117.174), "117.2", true, "drills.correct"},
		{"nrr full width percent", fixed(KindNRR, JPY, 117.174), "１１７．２％", true, "drills.correct"},
		{"nrr off by 0.1", fixed(KindNRR, USD, 117.174), "117.3", false, "drills.wrong"},
		{"nrr as a fraction is wrong", fixed(KindNRR, USD, 117.174), "1.17", false, "drills.wrong"},
		{"coverage x", fixed(KindCoverage, USD, 3.25), "3.3x", true, "drills.correct"},
		{"coverage 倍", fixed(KindCoverage, JPY, 3.25), "3.2倍", true, "drills.correct"},
		{"coverage off", fixed(KindCoverage, USD, 3.25), "3.4", false, "drills.wrong"},
		{"usd commas", fixed(KindCommission, USD, 168750), "$168,750", true, "drills.correct"},
		{"usd k", fixed(KindCommission, USD, 168750), "168.75k", true, "drills.correct"},
		{"usd off by a dollar", fixed(KindCommission, USD, 168750), "168,749", false, "drills.wrong"},
		{"usd cents within", fixed(KindCommission, USD, 168750.4), "168750", true, "drills.correct"},
		{"yen 万", fixed(KindCommission, JPY, 16_875_000), "1,688万円", true, "drills.correct"},
		{"yen exact", fixed(KindCommission, JPY, 16_875_000), "16,875,000円", true, "drills.correct"},
		{"yen 万 and 円", fixed(KindCommission, JPY, 16_875_000), "1687万5000", true, "drills.correct"},
		{"yen 億", fixed(KindARR, JPY, 123_400_000), "1億2,340万円", true, "drills.correct"},
		{"yen 億 decimal", fixed(KindARR, JPY, 150_000_000), "1.5億", true, "drills.correct"},
		{"yen symbol full width", fixed(KindARR, JPY, 4_320_000), "￥４，３２０，０００", true, "drills.correct"},
		{"yen wrong by 10万", fixed(KindARR, JPY, 43_200_000), "4,330万円", false, "drills.wrong"},
		{"spaces", fixed(KindACV, USD, 255000), " $ 255,000 ", true, "drills.correct"},
		{"empty", fixed(KindACV, USD, 255000), "   ", false, "drills.err.empty"},
		{"words", fixed(KindACV, USD, 255000), "about a quarter million", false, "drills.err.number"},
		{"decimal comma", fixed(KindACV, USD, 255000), "255,00", false, "drills.err.comma"},
		{"two points", fixed(KindACV, USD, 255000), "1.2.3", false, "drills.err.number"},
		{"japanese words", fixed(KindACV, JPY, 25_500_000), "二千五百五十万円", false, "drills.err.number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Check(tt.d, tt.answer)
			if r.Correct != tt.ok || r.Note.Code != tt.code {
				t.Errorf("Check(%q) = %v %s (value %v, want %v), want %v %s", tt.answer, r.Correct, r.Note.Code, r.Value, r.Want, tt.ok, tt.code)
			}
			if strings.HasPrefix(tt.code, "drills.err.") && tt.code != "drills.err.empty" && r.Note.Params["input"] != tt.answer {
				t.Errorf("the typed text is not kept: %v", r.Note.Params)
			}
		})
	}
}

func TestEveryKindChecksItsOwnAnswer(t *testing.T) {
	for _, k := range Kinds {
		for _, lang := range []string{"ja", "en"} {
			for seed := int64(0); seed < 50; seed++ {
				d := Generate(k, seed, lang)
				right := formatAnswer(d, d.Rounded(), lang)
				if r := Check(d, right); !r.Correct {
					t.Fatalf("%s %s seed %d: own answer %q refused: %v", k, lang, seed, right, r.Note)
				}
				wrong := formatAnswer(d, math.Floor(d.Rounded()*0.8)-1, lang)
				if r := Check(d, wrong); r.Correct {
					t.Fatalf("%s %s seed %d: wrong answer %q accepted", k, lang, seed, wrong)
				}
			}
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		err  error
	}{
		{"1,234", 1234, nil}, {"1234.5", 1234.5, nil}, {".5", 0.5, nil}, {"１２３", 123, nil},
		{"$1.2M", 1.2e6, nil}, {"12K", 12000, nil}, {"3億", 3e8, nil}, {"1億2000万", 1.2e8, nil},
		{"25万", 250000, nil}, {"1,234万5,678円", 12345678, nil}, {"−5%", -5, nil}, {"12.5 %", 12.5, nil},
		{"60件", 60, nil}, {"3.5倍", 3.5, nil}, {"USD 500", 500, nil}, {"約1,000万円", 1e7, nil},
		{"", 0, ErrEmpty}, {"abc", 0, ErrNumber}, {"1,23", 0, ErrComma}, {"12,3456", 0, ErrComma},
		{"万", 0, ErrNumber}, {"1万万", 0, ErrNumber}, {"$", 0, ErrNumber}, {"1e5", 0, ErrNumber},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if !errors.Is(err, tt.err) || err == nil && math.Abs(got-tt.want) > 1e-6 {
			t.Errorf("Parse(%q) = %v, %v; want %v, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestFormat(t *testing.T) {
	tests := []struct{ got, want string }{
		{FormatMoney(16_875_000, JPY, "ja"), "1,687万5,000円"},
		{FormatMoney(123_400_000, JPY, "ja"), "1億2,340万円"},
		{FormatMoney(100_000_000, JPY, "ja"), "1億円"},
		{FormatMoney(5_000, JPY, "ja"), "5,000円"},
		{FormatMoney(0, JPY, "ja"), "0円"},
		{FormatMoney(12_340_000, JPY, "en"), "¥12,340,000"},
		{FormatMoney(168750, USD, "en"), "$168,750"},
		{FormatMoney(168750, USD, "ja"), "$168,750"},
		{FormatMoney(-999.6, USD, "en"), "-$1,000"},
		{FormatPercent(117.174), "117.2%"},
		{FormatPercent(20), "20%"},
		{FormatRatio(3.25, "ja"), "3.3倍"},
		{FormatRatio(4, "en"), "4x"},
		{FormatCount(1234567), "1,234,567"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestTextsForEveryKind(t *testing.T) {
	if p := catalog.Problems(); len(p) > 0 {
		t.Fatal(p)
	}
	for _, k := range Kinds {
		for _, lang := range []string{"ja", "en"} {
			d := Generate(k, 3, lang)
			texts := append(Prompt(d, lang), Solution(d, lang)...)
			texts = append(texts, d.Rule(), KindName(k))
			for _, tx := range texts {
				for _, l := range []string{"ja", "en"} {
					s := Message(tx.Code, tx.Params, l)
					if s == tx.Code || strings.Contains(s, "{") {
						t.Errorf("%s %s: %s renders %q", k, lang, tx.Code, s)
					}
				}
			}
			last := Solution(d, lang)
			if got := Message(last[len(last)-1].Code, last[len(last)-1].Params, lang); !strings.Contains(got, formatAnswer(d, d.Rounded(), lang)) {
				t.Errorf("%s %s: last step %q lacks the answer", k, lang, got)
			}
			var prompt []string
			for _, p := range Prompt(d, lang) {
				prompt = append(prompt, Message(p.Code, p.Params, lang))
			}
			all := strings.Join(prompt, "\n")
			if lang == "ja" && d.Answer == AnswerMoney && !strings.Contains(all, "万円") {
				t.Errorf("%s ja prompt not in 万円: %s", k, all)
			}
			if lang == "en" && d.Kind != KindCoverage && d.Kind != KindMeetings && d.Answer == AnswerMoney && !strings.Contains(all, "$") {
				t.Errorf("%s en prompt not in $: %s", k, all)
			}
			if lang == "en" && strings.Contains(all, "円") || lang == "ja" && strings.Contains(all, "$") {
				t.Errorf("%s %s prompt in the other currency: %s", k, lang, all)
			}
		}
	}
}
