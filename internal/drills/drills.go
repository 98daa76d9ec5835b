// Package drills makes the sales-maths exercises an AE is expected to do in
// their head or on a napkin: meetings needed from a quota, pipeline
// coverage, ARR and ACV, net revenue retention, commission with an
// accelerator and a ramped quota. Numbers come from a seed alone, so a
// stored seed gives the same drill again; answers are parsed as people type
// them in Japanese or English and checked with a stated rounding rule; the
// worked solution is a list of message codes with formatted figures.
package drills

import (
	"math"
	"strconv"

	"github.com/aeprep/aeprep/internal/textcode"
)

// Drill kinds.
const (
	KindMeetings   = "meetings"
	KindCoverage   = "coverage"
	KindARR        = "arr"
	KindACV        = "acv"
	KindNRR        = "nrr"
	KindCommission = "commission"
	KindRamp       = "ramp"
)

// Kinds lists every drill kind, in the order they are taught.
var Kinds = []string{KindMeetings, KindCoverage, KindARR, KindACV, KindNRR, KindCommission, KindRamp}

// IsKind reports whether kind is one of Kinds. Generate falls back to the
// meetings drill for anything else, so callers taking a kind from a URL
// check it here first.
func IsKind(kind string) bool {
	for _, k := range Kinds {
		if k == kind {
			return true
		}
	}
	return false
}

// Target is the time, in seconds, a practised AE might take over a kind
// on paper: the soft timer's mark, and the line between a good and a
// hard grade (see Score). Nothing is cut off at it.
func Target(kind string) int {
	switch kind {
	case KindCoverage:
		return 60
	case KindACV:
		return 90
	case KindNRR:
		return 120
	case KindARR, KindRamp:
		return 150
	default: // meetings and commission take three steps
		return 180
	}
}

// Score grades an answered drill on the 1–5 scale the review scheduler
// reads (srs.RatingFromScore), so that a wrong or slow answer brings the
// kind back sooner:
//
//	wrong                             1 → Again
//	right, slower than the target     3 → Hard
//	right within the target           4 → Good
//	right within half of the target   5 → Easy
func Score(correct bool, seconds, target int) int {
	switch {
	case !correct:
		return 1
	case target > 0 && seconds > target:
		return 3
	case target > 0 && seconds*2 <= target:
		return 5
	default:
		return 4
	}
}

// Answer kinds and their rounding rules.
const (
	AnswerCount   = "count"   // whole number, rounded up (you cannot hold 0.3 of a meeting)
	AnswerMoney   = "money"   // nearest dollar; nearest 1万円 for yen
	AnswerPercent = "percent" // one decimal
	AnswerRatio   = "ratio"   // one decimal
)

// unit is the size of one generated money unit: numbers are drawn in units
// and scaled, so that a seed gives the same drill in either currency, with
// sums a Japanese or American AE would recognise ($1,000 ≈ 10万円 at the
// scale of deal sizes, not at the exchange rate).
func unit(currency string) float64 {
	if currency == JPY {
		return 100_000
	}
	return 1_000
}

// Drill is one generated exercise.
type Drill struct {
	Kind     string
	Seed     int64
	Lang     string // the language it was generated for; decides the currency
	Currency string
	// Values are the inputs, money in whole currency units, rates in
	// percent, periods in months or years.
	Values map[string]float64
	// Schedule is the ramp's monthly percentages (ramp drills only).
	Schedule []float64
	Answer   string  // AnswerCount, AnswerMoney, AnswerPercent or AnswerRatio
	Want     float64 // the exact answer before rounding
	// Also holds other exact answers that a sound method gives (rounding up
	// at each step of a funnel, say).
	Also []float64
}

// Generate makes the drill of kind for seed. lang is "ja" (yen) or "en"
// (dollars); an unknown kind gives the meetings drill. The same kind, seed
// and lang always give the same drill.
func Generate(kind string, seed int64, lang string) Drill {
	if lang != "ja" {
		lang = "en"
	}
	d := Drill{Kind: kind, Seed: seed, Lang: lang, Currency: USD, Values: map[string]float64{}}
	if lang == "ja" {
		d.Currency = JPY
	}
	u := unit(d.Currency)
	r := &splitmix{state: uint64(seed)}
	step := func(lo, hi, by int) float64 { return float64(lo + by*r.IntN((hi-lo)/by+1)) }
	v := d.Values
	switch kind {
	case KindCoverage:
		v["quota"] = step(300, 1200, 10) * u
		v["pipeline"] = math.Round(v["quota"]/u*step(15, 45, 1)/10/10) * 10 * u
		d.Answer = AnswerRatio
		d.Want = v["pipeline"] / v["quota"]
	case KindARR:
		n := 3 + r.IntN(3)
		var arr float64
		for i := 0; i < n; i++ {
			if r.IntN(2) == 0 {
				m := step(1, 20, 1) * u
				v[key("monthly", i)] = m
				arr += m * 12
			} else {
				a := step(12, 200, 2) * u
				v[key("annual", i)] = a
				arr += a
			}
		}
		v["contracts"] = float64(n)
		d.Answer = AnswerMoney
		d.Want = arr
	case KindACV:
		years := step(2, 5, 1)
		annual := step(20, 300, 5) * u
		fee := step(5, 50, 5) * u
		v["years"] = years
		v["fee"] = fee
		v["tcv"] = annual*years + fee
		d.Answer = AnswerMoney
		d.Want = annual
	case KindNRR:
		start := step(1000, 10000, 50)
		v["start"] = start * u
		v["expansion"] = math.Round(start*step(2, 30, 1)/100/10) * 10 * u
		v["contraction"] = math.Round(start*step(1, 8, 1)/100/10) * 10 * u
		v["churn"] = math.Round(start*step(1, 12, 1)/100/10) * 10 * u
		d.Answer = AnswerPercent
		d.Want = (v["start"] + v["expansion"] - v["contraction"] - v["churn"]) / v["start"] * 100
	case KindCommission:
		quota := step(500, 1500, 50)
		variable := step(50, 150, 5)
		att := step(80, 160, 5)
		v["quota"] = quota * u
		v["variable"] = variable * u
		v["bookings"] = math.Round(quota*att/100/10) * 10 * u
		v["accelerator"] = []float64{1.25, 1.5, 2}[r.IntN(3)]
		rate := v["variable"] / v["quota"]
		d.Answer = AnswerMoney
		d.Want = math.Min(v["bookings"], v["quota"])*rate + math.Max(0, v["bookings"]-v["quota"])*rate*v["accelerator"]
	case KindRamp:
		annual := step(600, 1500, 60) * u
		d.Schedule = [][]float64{{25, 50, 75}, {0, 25, 50, 75}, {50, 75}, {0, 50}}[r.IntN(4)]
		months := float64(len(d.Schedule) + 1 + r.IntN(3))
		v["annual"] = annual
		v["months"] = months
		var sum float64
		for i := 0; i < int(months); i++ {
			p := 100.0
			if i < len(d.Schedule) {
				p = d.Schedule[i]
			}
			sum += p
		}
		d.Answer = AnswerMoney
		d.Want = annual / 12 * sum / 100
	default:
		d.Kind = KindMeetings
		v["quota"] = step(150, 400, 10) * u
		v["deal"] = step(20, 60, 5) * u
		v["win"] = step(20, 35, 5)
		v["conv"] = step(30, 60, 5)
		d.Answer = AnswerCount
		d.Want = v["quota"] / (v["deal"] * v["win"] / 100 * v["conv"] / 100)
		deals := math.Ceil(v["quota"] / v["deal"])
		opps := math.Ceil(deals / (v["win"] / 100))
		d.Also = []float64{math.Ceil(opps / (v["conv"] / 100))}
	}
	return d
}

// splitmix is SplitMix64 (Steele, Lea and Flood, 2014), written out here
// rather than taken from math/rand/v2 so that a stored seed gives the same
// drill whatever Go version runs it: the standard library promises its
// generators' algorithms, not the way IntN maps their output to a range.
type splitmix struct{ state uint64 }

func (s *splitmix) next() uint64 {
	s.state += 0x9e3779b97f4a7c15
	z := s.state
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// IntN returns a number in [0, n), without modulo bias (values past the
// largest multiple of n are drawn again).
func (s *splitmix) IntN(n int) int {
	un := uint64(n)
	limit := ^uint64(0) - ^uint64(0)%un
	for {
		if v := s.next(); v < limit {
			return int(v % un)
		}
	}
}

func key(s string, i int) string { return s + string(rune('1'+i)) }

// Rounded is the drill's answer under its rounding rule.
func (d Drill) Rounded() float64 { return round(d.Answer, d.Currency, d.Want) }

// round applies a rounding rule. Each value is first snapped to twelve
// significant digits, so that a sum that is a half in decimal but a hair
// under it in binary (108.75 computed as 108.74999999999999) rounds up as
// it does on paper, and a whole number computed a hair over (40.000000001
// meetings) is not rounded up to the next.
func round(answer, currency string, v float64) float64 {
	switch answer {
	case AnswerCount:
		return math.Ceil(snap(v))
	case AnswerPercent, AnswerRatio:
		return math.Round(snap(v*10)) / 10
	default:
		if currency == JPY {
			return math.Round(snap(v/10_000)) * 10_000
		}
		return math.Round(snap(v))
	}
}

// snap rounds v to twelve significant digits, well above the precision of
// any drill's inputs and well below float64's.
func snap(v float64) float64 {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	s, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 12, 64), 64)
	return s
}

// Rule is the rounding rule of the drill, as a message.
func (d Drill) Rule() textcode.Text {
	if d.Answer == AnswerMoney {
		return textcode.New("drills.rule.money_" + d.Currency)
	}
	return textcode.New("drills.rule." + d.Answer)
}

// Result is the outcome of checking an answer.
type Result struct {
	Correct bool
	Value   float64 // the number read from the answer
	Want    float64 // the answer under the rounding rule
	Note    textcode.Text
}

// Check reads answer and compares it with the drill's, within the rounding
// rule: a count must be the rounded-up whole number, a percentage or ratio
// within half of the last decimal, money within half of the rounding unit
// (so an exact half is right rounded either way, and an unrounded figure
// within the unit is right too). A count rounded down, or an answer that
// is not a number, is not correct and says why. The note's figures are
// written for the drill's own language; CheckIn writes them for another.
func Check(d Drill, answer string) Result { return CheckIn(d, answer, d.Lang) }

// CheckIn is Check with the note's figures written for a reader of lang
// (the drill's currency stays).
func CheckIn(d Drill, answer, lang string) Result {
	res := Result{Want: d.Rounded()}
	v, err := Parse(answer)
	if err != nil {
		res.Note = textcode.New(err.Error(), "input", answer)
		return res
	}
	res.Value = v
	shown := formatAnswer(d, v, lang)
	if d.accepts(v) {
		res.Correct = true
		res.Note = textcode.New("drills.correct", "answer", shown)
		return res
	}
	if d.Answer == AnswerCount && math.Abs(v-d.Want) < 1 {
		res.Note = textcode.New("drills.unrounded", "answer", shown, "want", FormatCount(res.Want))
		return res
	}
	res.Note = textcode.New("drills.wrong", "answer", shown)
	return res
}

func (d Drill) accepts(v float64) bool {
	const eps = 1e-6
	targets := append([]float64{d.Want}, d.Also...)
	for _, t := range targets {
		switch d.Answer {
		case AnswerCount:
			if v == math.Ceil(snap(t)) {
				return true
			}
		case AnswerPercent, AnswerRatio:
			if math.Abs(v-t) <= 0.05+eps || math.Abs(v-round(d.Answer, d.Currency, t)) < eps {
				return true
			}
		default:
			half := 0.5
			if d.Currency == JPY {
				half = 5_000
			}
			if math.Abs(v-t) <= half+eps {
				return true
			}
		}
	}
	return false
}

// FormatAnswer writes v the way the drill's answer reads for a reader of
// lang: money in the drill's currency, a percentage, a ratio or a count.
func FormatAnswer(d Drill, v float64, lang string) string { return formatAnswer(d, v, lang) }

func formatAnswer(d Drill, v float64, lang string) string {
	switch d.Answer {
	case AnswerMoney:
		return FormatMoney(v, d.Currency, lang)
	case AnswerPercent:
		return FormatPercent(v)
	case AnswerRatio:
		return FormatRatio(v, lang)
	default:
		return formatDecimal(v, 2)
	}
}
