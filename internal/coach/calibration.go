package coach

import "math"

// Calibration is, for one rubric criterion, the average self-rating and
// coach rating over the N attempts that a coach rated (a self-rating of 0,
// not rated, is left out of the self average).
type Calibration struct {
	Criterion string
	Self      float64
	Coach     float64
	N         int
}

// Gap is self minus coach: above 0 the candidate rates themself higher.
func (c Calibration) Gap() float64 { return c.Self - c.Coach }

// Verdict says which way a reading points.
type Verdict int

// The verdicts of a reading.
const (
	Aligned Verdict = iota // no criterion differs by AlignedWithin or more
	Higher                 // the candidate rates themself higher than the coach
	Lower                  // the candidate rates themself lower than the coach
)

// AlignedWithin is the largest gap, in rubric points, read as agreement.
const AlignedWithin = 0.25

// Reading is the one line a person can act on: the criterion with the
// largest gap (the first of equals, in the order given), and by how much.
type Reading struct {
	Verdict   Verdict
	Criterion string
	By        float64 // the gap's size, never negative
}

// Read sums up a calibration; ok is false when no attempt was rated by
// both sides, so there is nothing to read.
func Read(cal []Calibration) (r Reading, ok bool) {
	if len(cal) == 0 || cal[0].N == 0 {
		return Reading{}, false
	}
	best := cal[0]
	for _, x := range cal[1:] {
		if math.Abs(x.Gap()) > math.Abs(best.Gap()) {
			best = x
		}
	}
	gap := best.Gap()
	r = Reading{Criterion: best.Criterion, By: math.Abs(gap)}
	switch {
	case r.By < AlignedWithin:
		r.Verdict = Aligned
	case gap > 0:
		r.Verdict = Higher
	default:
		r.Verdict = Lower
	}
	return r, true
}
