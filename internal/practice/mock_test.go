package practice

import (
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/aeprep/aeprep/internal/insight"
	"github.com/aeprep/aeprep/internal/srs"
)

var (
	now    = time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	dayEnd = time.Date(2026, 3, 10, 23, 59, 59, 0, time.UTC)
)

// card makes a reviewed card (reps 0 is a new one) due at due.
func card(id string, reps uint64, last int, due time.Time) Card {
	c := srs.NewCard(now.AddDate(0, 0, -30))
	c.Due, c.Reps = due, reps
	if reps > 0 {
		c.State, c.LastReview, c.Stability = srs.StateReview, now.AddDate(0, 0, -7), 5
	}
	return Card{QuestionID: id, State: c, LastScore: last}
}

func TestMockWeight(t *testing.T) {
	later := dayEnd.Add(48 * time.Hour)
	cases := []struct {
		name  string
		c     Card
		known bool
		want  float64
	}{
		{"never answered", Card{}, false, 1},
		{"queued, never reviewed", card("q", 0, 0, now), true, 1},
		{"rated 5, not due", card("q", 2, 5, later), true, 1},
		{"rated 1, not due", card("q", 2, 1, later), true, 7},
		{"rated 1, due", card("q", 2, 1, now), true, 10},
		{"rated 3, due at the day's last instant", card("q", 1, 3, dayEnd), true, 7},
		{"rated 3, due a nanosecond later", card("q", 1, 3, dayEnd.Add(time.Nanosecond)), true, 4},
	}
	for _, c := range cases {
		if got := MockWeight(c.c, c.known, dayEnd); got != c.want {
			t.Errorf("%s: weight %v, want %v", c.name, got, c.want)
		}
	}
}

func TestDrawMock(t *testing.T) {
	pool := []string{"a", "b", "c", "b", "d", "a"}
	cases := []struct {
		size, want int
	}{{0, 0}, {1, 1}, {3, 3}, {4, 4}, {8, 4}}
	for _, c := range cases {
		got := DrawMock(rand.New(rand.NewPCG(1, 2)), pool, nil, dayEnd, c.size)
		if len(got) != c.want {
			t.Errorf("size %d: drew %v, want %d questions", c.size, got, c.want)
		}
		seen := map[string]bool{}
		for _, id := range got {
			if seen[id] || !slices.Contains(pool, id) {
				t.Errorf("size %d: drew %v: %q twice or not in the pool", c.size, got, id)
			}
			seen[id] = true
		}
	}
	if got := DrawMock(rand.New(rand.NewPCG(1, 2)), nil, nil, dayEnd, 5); len(got) != 0 {
		t.Errorf("an empty pool drew %v", got)
	}
	// The same seed draws the same interview.
	a := DrawMock(rand.New(rand.NewPCG(9, 9)), []string{"a", "b", "c", "d", "e"}, nil, dayEnd, 3)
	b := DrawMock(rand.New(rand.NewPCG(9, 9)), []string{"a", "b", "c", "d", "e"}, nil, dayEnd, 3)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("one seed drew %v and %v", a, b)
	}
}

// TestDrawMockWeighted draws one question many times: each comes up in
// proportion to its weight (1, 4, 7 and 10 here).
func TestDrawMockWeighted(t *testing.T) {
	later := dayEnd.Add(72 * time.Hour)
	cards := []Card{card("weak-due", 3, 1, now), card("weak", 3, 1, later), card("mid", 3, 3, later)}
	pool := []string{"new", "mid", "weak", "weak-due"}
	want := map[string]float64{"new": 1, "mid": 4, "weak": 7, "weak-due": 10}
	rng := rand.New(rand.NewPCG(3, 4))
	const n = 44000
	got := map[string]int{}
	for i := 0; i < n; i++ {
		got[DrawMock(rng, pool, cards, dayEnd, 1)[0]]++
	}
	for id, w := range want {
		share := float64(got[id]) / n
		if math.Abs(share-w/22) > 0.01 {
			t.Errorf("%s drawn %.3f of the time, want %.3f", id, share, w/22)
		}
	}
}

func TestMockFocus(t *testing.T) {
	warn := func(kind, code string) insight.Finding {
		return insight.Finding{Kind: kind, Verdict: insight.Warn, Code: code}
	}
	good := insight.Finding{Kind: "evidence", Verdict: insight.Good}
	criteria := []string{"example", "structure", "confidence", "customer", "concise", "overall"}
	cases := []struct {
		name    string
		answers []FocusAnswer
		want    []Focus
	}{
		{"no answers", nil, nil},
		{
			"two warnings, then the weakest criterion; overall left out",
			[]FocusAnswer{
				{Findings: []insight.Finding{warn("filler", "f1"), warn("length", "l1"), good},
					Ratings: map[string]int{"example": 4, "structure": 2, "confidence": 5, "customer": 5, "concise": 5, "overall": 1}},
				{Findings: []insight.Finding{warn("length", "l2"), warn("star", "s1")},
					Ratings: map[string]int{"example": 2, "structure": 2, "confidence": 5, "customer": 5, "concise": 5, "overall": 1}},
			},
			[]Focus{
				{Kind: "length", Warned: 2, Finding: warn("length", "l2"), Answers: 2},
				{Kind: "filler", Warned: 1, Finding: warn("filler", "f1"), Answers: 2},
				{Criterion: "structure", Average: 2},
			},
		},
		{
			"no warnings: the three weakest criteria, unrated answers left out",
			[]FocusAnswer{
				{Ratings: map[string]int{"example": 1, "structure": 3, "confidence": 4, "customer": 2, "concise": 5}},
				{Ratings: map[string]int{"example": 2}},
				{Findings: []insight.Finding{good}},
			},
			[]Focus{{Criterion: "example", Average: 1.5}, {Criterion: "customer", Average: 2}, {Criterion: "structure", Average: 3}},
		},
		{
			"nothing rated: only the warnings",
			[]FocusAnswer{{Findings: []insight.Finding{warn("pace", "p")}}},
			[]Focus{{Kind: "pace", Warned: 1, Finding: warn("pace", "p"), Answers: 1}},
		},
		{
			"ties keep their order",
			[]FocusAnswer{{Findings: []insight.Finding{warn("b", "1"), warn("a", "2"), warn("c", "3")},
				Ratings: map[string]int{"concise": 3, "example": 3}}},
			[]Focus{{Kind: "b", Warned: 1, Finding: warn("b", "1"), Answers: 1}, {Kind: "a", Warned: 1, Finding: warn("a", "2"), Answers: 1},
				{Criterion: "example", Average: 3}},
		},
	}
	for _, c := range cases {
		if got := MockFocus(c.answers, criteria); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", c.name, got, c.want)
		}
	}
}

func TestMixPool(t *testing.T) {
	bank := []Question{{ID: "a", Category: "intro"}, {ID: "b", Category: "closing"}, {ID: "c", Category: "intro"}}
	cases := []struct {
		cats map[string]bool
		want []string
	}{
		{nil, []string{"a", "b", "c"}},
		{map[string]bool{"intro": true}, []string{"a", "c"}},
		{map[string]bool{"closing": true, "intro": true}, []string{"a", "b", "c"}},
		{map[string]bool{"none": true}, nil},
	}
	for _, c := range cases {
		if got := MixPool(bank, c.cats); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%v: %v, want %v", c.cats, got, c.want)
		}
	}
}

func TestNextMockQuestion(t *testing.T) {
	qs := []string{"a", "b", "c"}
	cases := []struct {
		answered []string
		id       string
		n        int
	}{
		{nil, "a", 1},
		{[]string{"a"}, "b", 2},
		{[]string{"b", "a"}, "c", 3},
		{[]string{"a", "c"}, "b", 2}, // answered out of order (another tab): the gap comes first
		{[]string{"c", "b", "a"}, "", 0},
		{[]string{"x"}, "a", 1},
	}
	for _, c := range cases {
		if id, n := NextMockQuestion(qs, c.answered); id != c.id || n != c.n {
			t.Errorf("%v answered: %q %d, want %q %d", c.answered, id, n, c.id, c.n)
		}
	}
	if id, n := NextMockQuestion(nil, nil); id != "" || n != 0 {
		t.Errorf("an empty interview: %q %d", id, n)
	}
}
