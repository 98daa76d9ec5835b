package roleplay

import (
	"os"
	"slices"
	"testing"

	"gopkg.in/yaml.v3"
)

type labelled struct {
	Reply         string   `yaml:"reply"`
	Buyer         string   `yaml:"buyer"`
	Needs         []string `yaml:"needs"`
	Discovery     int      `yaml:"discovery"`
	Objection     bool     `yaml:"objection"`
	DiscountAsked bool     `yaml:"discount_asked"`
	Moves         []Move   `yaml:"moves"`
}

func loadLabels(t *testing.T, lang string) []labelled {
	t.Helper()
	data, err := os.ReadFile("testdata/labels/" + lang + ".yaml")
	if err != nil {
		t.Fatal(err)
	}
	var cases []labelled
	if err := yaml.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	return cases
}

// TestLabelledAgreement compares Detect with the hand labels: a case agrees
// when the detected set of moves equals the labelled set exactly.
func TestLabelledAgreement(t *testing.T) {
	for _, lang := range Langs {
		cases := loadLabels(t, lang)
		if len(cases) < 100 {
			t.Errorf("%s: only %d labelled replies, want at least 100", lang, len(cases))
		}
		agree, pairs, pairAgree := 0, 0, 0
		for _, c := range cases {
			for _, m := range c.Moves {
				if !KnownMove(m) {
					t.Fatalf("%s: unknown move %q in label of %q", lang, m, c.Reply)
				}
			}
			got := Detect(c.Reply, lang, Context{BuyerLine: c.Buyer, NeedCues: c.Needs, DiscoveryTurns: c.Discovery, Objection: c.Objection, DiscountAsked: c.DiscountAsked})
			want := slices.Clone(c.Moves)
			slices.Sort(want)
			g := slices.Clone(got)
			slices.Sort(g)
			if slices.Equal(g, want) {
				agree++
			} else {
				t.Logf("%s disagree: %q\n   got  %v\n   want %v", lang, c.Reply, g, want)
			}
			for _, m := range Moves {
				pairs++
				if slices.Contains(g, m) == slices.Contains(want, m) {
					pairAgree++
				}
			}
		}
		pct := 100 * float64(agree) / float64(len(cases))
		t.Logf("%s: %d/%d replies agree exactly (%.1f%%); per (reply, move) %.1f%%", lang, agree, len(cases), pct, 100*float64(pairAgree)/float64(pairs))
		if pct < 90 {
			t.Errorf("%s: agreement %.1f%% below 90%%", lang, pct)
		}
	}
}

// TestHeldOutAgreement reports agreement on replies written after tuning.
// Its first run measured en 86.7%, ja 70.0%; the generic bugs it showed
// were then fixed, so it is no longer fully held out. It guards against
// regressions below 80%; the labelled set above is the 90% gate.
func TestHeldOutAgreement(t *testing.T) {
	for _, lang := range Langs {
		cases := loadLabels(t, "heldout-"+lang)
		agree := 0
		for _, c := range cases {
			got := Detect(c.Reply, lang, Context{BuyerLine: c.Buyer, NeedCues: c.Needs, DiscoveryTurns: c.Discovery, Objection: c.Objection, DiscountAsked: c.DiscountAsked})
			want := slices.Clone(c.Moves)
			slices.Sort(want)
			g := slices.Clone(got)
			slices.Sort(g)
			if slices.Equal(g, want) {
				agree++
			} else {
				t.Logf("%s held-out disagree: %q\n   got  %v\n   want %v", lang, c.Reply, g, want)
			}
		}
		pct := 100 * float64(agree) / float64(len(cases))
		t.Logf("%s held-out: %d/%d agree exactly (%.1f%%)", lang, agree, len(cases), pct)
		if pct < 80 {
			t.Errorf("%s: held-out agreement %.1f%% below 80%%", lang, pct)
		}
	}
}
