package practice

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/aeprep/aeprep/internal/insight"
)

// MockWeight is how likely a question is to be drawn for a mock
// interview, relative to a question never answered (1): each point its
// last score falls below 5 adds 1.5, and being due by dayEnd adds 3. A
// question last rated 1 is so about seven times as likely as a new one,
// a due one four times more.
func MockWeight(c Card, known bool, dayEnd time.Time) float64 {
	w := 1.0
	if known && c.reviewed() {
		w += float64(5-c.LastScore) * 1.5
		if c.dueBy(dayEnd) {
			w += 3
		}
	}
	return w
}

// DrawMock draws up to size distinct questions from pool (duplicates are
// taken once), each draw weighted by MockWeight, in the order drawn.
func DrawMock(rng *rand.Rand, pool []string, cards []Card, dayEnd time.Time, size int) []string {
	byID := make(map[string]Card, len(cards))
	for _, c := range cards {
		byID[c.QuestionID] = c
	}
	type cand struct {
		id string
		w  float64
	}
	cs := make([]cand, 0, len(pool))
	seen := map[string]bool{}
	for _, id := range pool {
		if seen[id] {
			continue
		}
		seen[id] = true
		c, ok := byID[id]
		cs = append(cs, cand{id, MockWeight(c, ok, dayEnd)})
	}
	var out []string
	for len(out) < size && len(cs) > 0 {
		total := 0.0
		for _, x := range cs {
			total += x.w
		}
		r := rng.Float64() * total
		i := 0
		for ; i < len(cs)-1; i++ {
			r -= cs[i].w
			if r < 0 {
				break
			}
		}
		out = append(out, cs[i].id)
		cs = append(cs[:i], cs[i+1:]...)
	}
	return out
}

// FocusAnswer is what the focus summary reads of one answer of a mock
// interview.
type FocusAnswer struct {
	Findings []insight.Finding
	Ratings  map[string]int // self-rating per criterion; 0 or missing is not rated
}

// Focus is one thing to work on after a mock interview: an insight that
// warned (Kind set), or a weak rubric criterion (Criterion set).
type Focus struct {
	Kind    string          // the insight's kind
	Warned  int             // how many of its findings warned
	Finding insight.Finding // the last of them, for its next step
	Answers int             // how many answers the interview had

	Criterion string  // the rubric criterion
	Average   float64 // its mean self-rating over the rated answers
}

// MockFocus picks the three things to work on after a mock interview:
// first the (up to two) insights that warned most often across the
// answers, then the weakest criteria by average self-rating. Only rated
// answers count toward an average (ratings are given at the end and may
// be left out), and "overall" is a summary, not a thing to work on. Ties
// keep the order of first appearance, and criteria the order given.
func MockFocus(answers []FocusAnswer, criteria []string) []Focus {
	counts := map[string]*Focus{}
	var order []string
	for _, a := range answers {
		for _, f := range a.Findings {
			if f.Verdict != insight.Warn {
				continue
			}
			fc, ok := counts[f.Kind]
			if !ok {
				fc = &Focus{Kind: f.Kind, Answers: len(answers)}
				counts[f.Kind] = fc
				order = append(order, f.Kind)
			}
			fc.Warned++
			fc.Finding = f
		}
	}
	slices.SortStableFunc(order, func(a, b string) int { return cmp.Compare(counts[b].Warned, counts[a].Warned) })
	var out []Focus
	for _, k := range order {
		if len(out) == 2 {
			break
		}
		out = append(out, *counts[k])
	}
	var avgs []Focus
	for _, k := range criteria {
		if k == "overall" {
			continue
		}
		sum, n := 0, 0
		for _, a := range answers {
			if r := a.Ratings[k]; r != 0 {
				sum += r
				n++
			}
		}
		if n > 0 {
			avgs = append(avgs, Focus{Criterion: k, Average: float64(sum) / float64(n)})
		}
	}
	slices.SortStableFunc(avgs, func(a, b Focus) int { return cmp.Compare(a.Average, b.Average) })
	for _, a := range avgs {
		if len(out) == 3 {
			break
		}
		out = append(out, a)
	}
	return out
}

// MixPool is the pool a mock interview mixed from the bank draws from: the
// questions of the chosen categories, in bank order, or the whole bank
// when none is chosen.
func MixPool(bank []Question, categories map[string]bool) []string {
	var out []string
	for _, q := range bank {
		if len(categories) == 0 || categories[q.Category] {
			out = append(out, q.ID)
		}
	}
	return out
}

// NextMockQuestion returns the first of an interview's questions (in the
// order asked) not yet answered, and its 1-based number; "" and 0 once
// every one is answered.
func NextMockQuestion(questions, answered []string) (string, int) {
	for i, id := range questions {
		if !slices.Contains(answered, id) {
			return id, i + 1
		}
	}
	return "", 0
}
