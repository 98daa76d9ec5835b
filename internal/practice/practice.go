// Package practice holds the rules of a candidate's practice: the draw of
// a mock interview and its focus summary, the order of the review queue,
// and the figures of the progress page (bank coverage, trend, streaks and
// what to practise next). Inputs and outputs are plain values; randomness
// and time are passed in. Turning results into sentences is left to the
// caller, in the reader's language.
package practice

import (
	"time"

	"github.com/aeprep/aeprep/internal/srs"
)

// Card is one question's spaced-repetition state for a user, as the store
// keeps it.
type Card struct {
	QuestionID string
	State      srs.Card
	LastScore  int // the last effective score, 0 when never rated
}

// reviewed reports whether the card has had a review step.
func (c Card) reviewed() bool { return c.State.Reps > 0 }

// dueBy reports whether the card is due at or before dayEnd.
func (c Card) dueBy(dayEnd time.Time) bool { return !c.State.Due.After(dayEnd) }
