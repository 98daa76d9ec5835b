// Package srs schedules interview questions for review with spaced
// repetition, so that weak answers come back sooner than strong ones.
//
// It is a thin, deterministic wrapper around the FSRS algorithm
// (github.com/open-spaced-repetition/go-fsrs/v3). The package has no web or
// database dependencies: callers load a Card from storage, call
// Scheduler.Review with the answer's score and the current time, and store the
// returned Card. Every method takes the clock as a parameter, so results are
// reproducible in tests.
package srs

import (
	"cmp"
	"math"
	"slices"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"
)

// Rating is an FSRS review grade (Again, Hard, Good or Easy).
type Rating = fsrs.Rating

// FSRS ratings, re-exported so callers need not import go-fsrs.
const (
	Again Rating = fsrs.Again
	Hard  Rating = fsrs.Hard
	Good  Rating = fsrs.Good
	Easy  Rating = fsrs.Easy
)

// Card states as stored in Card.State (the integer value of fsrs.State).
const (
	StateNew        = int(fsrs.New)
	StateLearning   = int(fsrs.Learning)
	StateReview     = int(fsrs.Review)
	StateRelearning = int(fsrs.Relearning)
)

// Score bounds of the overall rubric score.
const (
	MinScore = 1
	MaxScore = 5
)

// Card is the scheduling state of one (user, question) pair as stored in the DB.
type Card struct {
	Due           time.Time
	Stability     float64
	Difficulty    float64
	ElapsedDays   uint64
	ScheduledDays uint64
	Reps          uint64
	Lapses        uint64
	State         int       // fsrs.State as int: 0 New, 1 Learning, 2 Review, 3 Relearning
	LastReview    time.Time // zero if never reviewed
}

// NewCard returns a new, never-reviewed card due at now.
func NewCard(now time.Time) Card {
	return Card{Due: now, State: StateNew}
}

// IsNew reports whether the card has never been reviewed: its state is New
// or it has no last-review time.
func (c Card) IsNew() bool {
	return c.State == StateNew || c.LastReview.IsZero()
}

// RatingFromScore maps a 1-5 overall rubric score to an FSRS rating:
// 1 and 2 -> Again, 3 -> Hard, 4 -> Good, 5 -> Easy. Scores below 1 are
// treated as 1 and scores above 5 as 5.
func RatingFromScore(score int) Rating {
	switch score = min(max(score, MinScore), MaxScore); score {
	case 1, 2:
		return Again
	case 3:
		return Hard
	case 4:
		return Good
	default:
		return Easy
	}
}

// EffectiveScore picks the score that schedules: the coach's overall rating
// wins when present (coach > 0), else the self-rating.
func EffectiveScore(self, coach int) int {
	if coach > 0 {
		return coach
	}
	return self
}

// Scheduler reviews cards with the default FSRS parameters and fuzz disabled,
// so the same input always yields the same output. It holds no mutable state
// and is safe for concurrent use.
type Scheduler struct {
	params fsrs.Parameters
}

// NewScheduler returns a Scheduler with the default FSRS parameters
// (90% requested retention, the library's short-term learning steps) and
// interval fuzz turned off.
func NewScheduler() *Scheduler {
	p := fsrs.DefaultParam()
	p.EnableFuzz = false
	return &Scheduler{params: p}
}

// engine returns a fresh FSRS instance holding a copy of the parameters.
// go-fsrs writes a fuzz seed into its Parameters on every call, so sharing
// one instance between goroutines would be a data race.
func (s *Scheduler) engine() *fsrs.FSRS {
	return fsrs.NewFSRS(s.params)
}

// Review applies one review with RatingFromScore(score) at time now and
// returns the updated card. The input card is not modified.
func (s *Scheduler) Review(c Card, score int, now time.Time) Card {
	info := s.engine().Next(toFSRS(c), now, RatingFromScore(score))
	return fromFSRS(info.Card)
}

// Preview returns, for each score 1..5, the due date a review with that
// score at time now would give (for UI such as "Good: in 4 days").
// Scores 1 and 2 both map to Again and therefore share a date.
func (s *Scheduler) Preview(c Card, now time.Time) map[int]time.Time {
	log := s.engine().Repeat(toFSRS(c), now)
	out := make(map[int]time.Time, MaxScore)
	for score := MinScore; score <= MaxScore; score++ {
		out[score] = log[RatingFromScore(score)].Card.Due
	}
	return out
}

// Retrievability returns the estimated probability (0..1) that the answer is
// still recalled at now. It is 0 for cards that were never reviewed. A now
// before the last review is treated as the moment of the last review.
func (s *Scheduler) Retrievability(c Card, now time.Time) float64 {
	if c.IsNew() || !(c.Stability > 0) {
		return 0
	}
	if now.Before(c.LastReview) {
		now = c.LastReview
	}
	r := s.engine().GetRetrievability(toFSRS(c), now)
	if math.IsNaN(r) {
		return 0
	}
	return min(max(r, 0), 1)
}

// Item is one (user, question) card in a review queue.
type Item struct {
	Key       string // question identifier; last tie-breaker in DueQueue
	Card      Card
	LastScore int // most recent effective score, 0 if none
}

// isDue reports whether an item has been reviewed before and is due at or
// before dayEnd. This is the single definition of "due" shared by DueQueue and
// CountCards.
func isDue(it Item, dayEnd time.Time) bool {
	return !it.Card.IsNew() && !it.Card.Due.After(dayEnd)
}

// DueQueue returns the previously reviewed items that are due at or before
// dayEnd (typically the end of the user's local day), ordered weakest first:
// lowest LastScore, then lowest retrievability at now, then earliest due,
// then Key. Never-reviewed cards are not included (they are counted as New
// by CountCards), so len(DueQueue(...)) equals CountCards(...).Due.
// The input slice is not modified.
func (s *Scheduler) DueQueue(items []Item, dayEnd, now time.Time) []Item {
	type entry struct {
		item Item
		r    float64
	}
	due := make([]entry, 0, len(items))
	for _, it := range items {
		if isDue(it, dayEnd) {
			due = append(due, entry{it, s.Retrievability(it.Card, now)})
		}
	}
	slices.SortStableFunc(due, func(a, b entry) int {
		if c := cmp.Compare(a.item.LastScore, b.item.LastScore); c != 0 {
			return c
		}
		if c := cmp.Compare(a.r, b.r); c != 0 {
			return c
		}
		if c := a.item.Card.Due.Compare(b.item.Card.Due); c != 0 {
			return c
		}
		return cmp.Compare(a.item.Key, b.item.Key)
	})
	out := make([]Item, len(due))
	for i, e := range due {
		out[i] = e.item
	}
	return out
}

// Counts are the dashboard numbers for one user.
type Counts struct {
	Due     int // reviewed before and due at or before dayEnd
	New     int // never reviewed (state New or no last review)
	Learned int // in Review state and not due by dayEnd
}

// CountCards counts due, new and learned items. Cards in Learning or
// Relearning that are not due by dayEnd fall in none of the three buckets.
func CountCards(items []Item, dayEnd time.Time) Counts {
	var c Counts
	for _, it := range items {
		switch {
		case it.Card.IsNew():
			c.New++
		case isDue(it, dayEnd):
			c.Due++
		case it.Card.State == StateReview:
			c.Learned++
		}
	}
	return c
}

// HumanInterval describes the time from now until due for display. It
// returns a count and one of the units "minute", "hour", "day" or "month"
// (a month being 30 days), e.g. (4, "day"); the count is rounded to the
// nearest unit and a unit that would round up to the next one is promoted
// (59.7 minutes is (1, "hour")). A due time at or before now returns
// (0, "day"); anything later returns at least (1, "minute"). Pluralisation
// and translation are left to the caller.
func HumanInterval(now, due time.Time) (int, string) {
	d := due.Sub(now)
	if d <= 0 {
		return 0, "day"
	}
	if m := roundTo(d, time.Minute); m < 60 {
		return max(m, 1), "minute"
	}
	if h := roundTo(d, time.Hour); h < 24 {
		return h, "hour"
	}
	const day = 24 * time.Hour
	if n := roundTo(d, day); n < 30 {
		return n, "day"
	}
	return roundTo(d, 30*day), "month"
}

// roundTo returns d divided by unit, rounded half up.
func roundTo(d, unit time.Duration) int {
	return int((d + unit/2) / unit)
}

// toFSRS converts a stored card to the library type. A card whose stored
// state is unknown, or that claims to have been scheduled but has no positive
// stability (a corrupt or hand-edited row), is treated as New so the library
// cannot produce NaN intervals; its Reps and Lapses are kept.
func toFSRS(c Card) fsrs.Card {
	state := fsrs.State(c.State)
	if c.State < StateNew || c.State > StateRelearning ||
		(state != fsrs.New && !(c.Stability > 0 && c.Stability <= math.MaxFloat64)) {
		state = fsrs.New
	}
	return fsrs.Card{
		Due:           c.Due,
		Stability:     c.Stability,
		Difficulty:    c.Difficulty,
		ElapsedDays:   c.ElapsedDays,
		ScheduledDays: c.ScheduledDays,
		Reps:          c.Reps,
		Lapses:        c.Lapses,
		State:         state,
		LastReview:    c.LastReview,
	}
}

// fromFSRS converts a library card to the stored type.
func fromFSRS(c fsrs.Card) Card {
	return Card{
		Due:           c.Due,
		Stability:     c.Stability,
		Difficulty:    c.Difficulty,
		ElapsedDays:   c.ElapsedDays,
		ScheduledDays: c.ScheduledDays,
		Reps:          c.Reps,
		Lapses:        c.Lapses,
		State:         int(c.State),
		LastReview:    c.LastReview,
	}
}
