package practice

import (
	"time"

	"github.com/aeprep/aeprep/internal/srs"
)

// Queue is the review queue in the order it is offered.
type Queue struct {
	Due []string // answered before and due by the end of today, weakest first
	New []string // never reviewed but queued (by a coach's set) and due, in the order given
}

// ReviewQueue orders the cards for review at now, with dayEnd the last
// instant of the user's today: the due ones weakest first (lowest last
// score, then lowest retrievability, then earliest due, then id), then the
// queued new ones in the order of cards.
func ReviewQueue(cards []Card, dayEnd, now time.Time) Queue {
	items := make([]srs.Item, 0, len(cards))
	var q Queue
	for _, c := range cards {
		items = append(items, srs.Item{Key: c.QuestionID, Card: c.State, LastScore: c.LastScore})
		if !c.reviewed() && c.dueBy(dayEnd) {
			q.New = append(q.New, c.QuestionID)
		}
	}
	// The scheduler holds only FSRS's default parameters, so one per call
	// costs nothing and keeps no state between calls.
	for _, it := range srs.NewScheduler().DueQueue(items, dayEnd, now) {
		q.Due = append(q.Due, it.Key)
	}
	return q
}

// Counts are the review tiles. They add up: Due + Later + New is Total.
type Counts struct {
	Due   int // answered before, due for review by the end of today
	Later int // answered before, due after today
	New   int // never answered
	Total int
}

// Answered is how many questions have been answered at least once.
func (c Counts) Answered() int { return c.Due + c.Later }

// CountQuestions sorts every question there is to practise (ids given
// once each) into the tiles: never answered is new; answered with a
// reviewed card due by dayEnd is due; any other answered one is later.
func CountQuestions(questions []string, answered map[string]bool, cards []Card, dayEnd time.Time) Counts {
	byID := make(map[string]Card, len(cards))
	for _, c := range cards {
		byID[c.QuestionID] = c
	}
	var n Counts
	for _, id := range questions {
		n.Total++
		if !answered[id] {
			n.New++
			continue
		}
		if c, ok := byID[id]; ok && !c.State.IsNew() && c.dueBy(dayEnd) {
			n.Due++
		} else {
			n.Later++
		}
	}
	return n
}
