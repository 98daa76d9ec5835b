package srs

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// Tests never read the wall clock: every time is derived from t0.
var (
	loc = time.FixedZone("UTC+2", 2*60*60)
	t0  = time.Date(2025, time.March, 3, 9, 0, 0, 0, loc) // a Monday morning
)

const day = 24 * time.Hour

// endOfDay is the last instant of t's calendar day in t's location.
func endOfDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 23, 59, 59, int(time.Second-time.Nanosecond), t.Location())
}

// reviewCard returns a card that has graduated to the Review state: a new
// card answered Good (score 4) at t0 and again when its learning step is due.
// It also returns the time of that second review.
func reviewCard(t *testing.T, s *Scheduler) (Card, time.Time) {
	t.Helper()
	c := s.Review(NewCard(t0), 4, t0)
	at := c.Due
	c = s.Review(c, 4, at)
	if c.State != StateReview {
		t.Fatalf("setup: state after two Good reviews = %d, want %d (Review)", c.State, StateReview)
	}
	return c, at
}

func TestRatingFromScore(t *testing.T) {
	tests := []struct {
		score int
		want  Rating
	}{
		{-3, Again},
		{0, Again},
		{1, Again},
		{2, Again},
		{3, Hard},
		{4, Good},
		{5, Easy},
		{6, Easy},
		{100, Easy},
	}
	for _, tt := range tests {
		if got := RatingFromScore(tt.score); got != tt.want {
			t.Errorf("RatingFromScore(%d) = %v, want %v", tt.score, got, tt.want)
		}
	}
}

func TestEffectiveScore(t *testing.T) {
	tests := []struct {
		name        string
		self, coach int
		want        int
	}{
		{"no coach rating", 4, 0, 4},
		{"coach wins when lower", 5, 2, 2},
		{"coach wins when higher", 1, 4, 4},
		{"coach equals self", 3, 3, 3},
		{"negative coach means absent", 3, -1, 3},
		{"neither rated", 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := EffectiveScore(tt.self, tt.coach); got != tt.want {
				t.Errorf("EffectiveScore(%d, %d) = %d, want %d", tt.self, tt.coach, got, tt.want)
			}
		})
	}
}

func TestNewCard(t *testing.T) {
	c := NewCard(t0)
	want := Card{Due: t0, State: StateNew}
	if !reflect.DeepEqual(c, want) {
		t.Fatalf("NewCard = %+v, want %+v", c, want)
	}
	if !c.IsNew() || !c.LastReview.IsZero() {
		t.Errorf("new card should be never reviewed: %+v", c)
	}
}

func TestAgainOnNewCardComesBackSoon(t *testing.T) {
	s := NewScheduler()
	for _, score := range []int{-3, 0, 1, 2} {
		t.Run(fmt.Sprintf("score %d", score), func(t *testing.T) {
			c := s.Review(NewCard(t0), score, t0)
			if !c.Due.After(t0) || c.Due.After(t0.Add(day)) {
				t.Errorf("due = %v, want in (now, now+24h]", c.Due)
			}
			if c.State != StateLearning {
				t.Errorf("state = %d, want %d (Learning)", c.State, StateLearning)
			}
			if c.Reps != 1 || c.Lapses != 0 || !c.LastReview.Equal(t0) {
				t.Errorf("reps/lapses/lastReview = %d/%d/%v, want 1/0/%v", c.Reps, c.Lapses, c.LastReview, t0)
			}
		})
	}
}

func TestHarderScoresComeBackSooner(t *testing.T) {
	s := NewScheduler()
	rc, _ := reviewCard(t, s)
	tests := []struct {
		name string
		card Card
		now  time.Time
	}{
		{"new card", NewCard(t0), t0},
		{"review card on its due date", rc, rc.Due},
		{"review card two days early", rc, rc.Due.Add(-2 * day)},
		{"review card a week overdue", rc, rc.Due.Add(7 * day)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			due := map[int]time.Time{}
			for score := 1; score <= 5; score++ {
				due[score] = s.Review(tt.card, score, tt.now).Due
			}
			if !due[1].Equal(due[2]) {
				t.Errorf("scores 1 and 2 should both be Again: %v vs %v", due[1], due[2])
			}
			if !due[2].Before(due[3]) || !due[3].Before(due[4]) || !due[4].Before(due[5]) {
				t.Errorf("want Again < Hard < Good < Easy, got %v < %v < %v < %v",
					due[2].Sub(tt.now), due[3].Sub(tt.now), due[4].Sub(tt.now), due[5].Sub(tt.now))
			}
			if !reflect.DeepEqual(s.Preview(tt.card, tt.now), due) {
				t.Errorf("Preview = %v, want the Review due dates %v", s.Preview(tt.card, tt.now), due)
			}
		})
	}
}

func TestRepeatedGoodGrowsInterval(t *testing.T) {
	s := NewScheduler()
	c, _ := reviewCard(t, s)
	prev := c.ScheduledDays
	if prev < 1 {
		t.Fatalf("graduated card scheduled %d days, want >= 1", prev)
	}
	intervals := []uint64{prev}
	for i := 0; i < 6; i++ {
		now := c.Due
		c = s.Review(c, 4, now)
		if c.ScheduledDays <= prev {
			t.Fatalf("review %d: interval %d days did not grow beyond %d (all: %v)", i+1, c.ScheduledDays, prev, intervals)
		}
		if got, want := c.Due.Sub(now), time.Duration(c.ScheduledDays)*day; got != want {
			t.Errorf("review %d: due-now = %v, want ScheduledDays = %v", i+1, got, want)
		}
		prev = c.ScheduledDays
		intervals = append(intervals, prev)
	}
	t.Logf("Good-at-due intervals in days: %v", intervals)
}

func TestLapse(t *testing.T) {
	s := NewScheduler()
	c, _ := reviewCard(t, s)
	c = s.Review(c, 4, c.Due) // one more Good: a comfortably long interval
	before := c
	for _, score := range []int{1, 2} {
		t.Run(fmt.Sprintf("score %d", score), func(t *testing.T) {
			now := before.Due
			after := s.Review(before, score, now)
			if after.Lapses != before.Lapses+1 {
				t.Errorf("lapses = %d, want %d", after.Lapses, before.Lapses+1)
			}
			if after.State != StateRelearning {
				t.Errorf("state = %d, want %d (Relearning)", after.State, StateRelearning)
			}
			if after.Due.Sub(now) >= before.Due.Sub(before.LastReview) {
				t.Errorf("interval after lapse %v not shorter than before %v", after.Due.Sub(now), before.Due.Sub(before.LastReview))
			}
			if after.Due.After(now.Add(day)) {
				t.Errorf("lapsed card due %v, want within a day of %v", after.Due, now)
			}
			if after.Stability >= before.Stability {
				t.Errorf("stability %v did not drop below %v", after.Stability, before.Stability)
			}
			// Relearning with Good brings it back to Review, still with the lapse recorded.
			back := s.Review(after, 4, after.Due)
			if back.State != StateReview || back.Lapses != after.Lapses {
				t.Errorf("after relearning Good: state %d lapses %d, want %d and %d", back.State, back.Lapses, StateReview, after.Lapses)
			}
		})
	}
}

func TestReviewDeterministic(t *testing.T) {
	rc, _ := reviewCard(t, NewScheduler())
	tests := []struct {
		name string
		card Card
		now  time.Time
	}{
		{"new", NewCard(t0), t0},
		{"review", rc, rc.Due.Add(3 * time.Hour)},
		{"overdue review", rc, rc.Due.Add(40 * day)},
	}
	for _, tt := range tests {
		for score := 0; score <= 6; score++ {
			in := tt.card
			a := NewScheduler().Review(in, score, tt.now)
			s := NewScheduler()
			b := s.Review(in, score, tt.now)
			b2 := s.Review(in, score, tt.now)
			if !reflect.DeepEqual(a, b) || !reflect.DeepEqual(b, b2) {
				t.Errorf("%s score %d: not deterministic:\n%+v\n%+v\n%+v", tt.name, score, a, b, b2)
			}
			if !reflect.DeepEqual(in, tt.card) {
				t.Errorf("%s score %d: input card was modified", tt.name, score)
			}
		}
	}
}

// TestConcurrentReview exercises the scheduler from many goroutines; run with
// -race to check that the shared Scheduler holds no mutable state.
func TestConcurrentReview(t *testing.T) {
	s := NewScheduler()
	rc, _ := reviewCard(t, s)
	want := s.Review(rc, 4, rc.Due)
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				if got := s.Review(rc, 4, rc.Due); !reflect.DeepEqual(got, want) {
					errs <- fmt.Sprintf("%+v", got)
					return
				}
				_ = s.Preview(rc, rc.Due)
				_ = s.Retrievability(rc, rc.Due)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent Review differed: %s", e)
	}
}

func TestCorruptCardIsTreatedAsNew(t *testing.T) {
	s := NewScheduler()
	tests := []struct {
		name string
		card Card
	}{
		{"unknown state", Card{Due: t0, State: 9, Stability: 5, Difficulty: 5, LastReview: t0.Add(-day), Reps: 3, Lapses: 1}},
		{"review without stability", Card{Due: t0, State: StateReview, LastReview: t0.Add(-day), Reps: 3, Lapses: 1}},
		{"NaN stability", Card{Due: t0, State: StateReview, Stability: math.NaN(), LastReview: t0.Add(-day), Reps: 3, Lapses: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for score := 1; score <= 5; score++ {
				got := s.Review(tt.card, score, t0)
				want := s.Review(NewCard(t0), score, t0)
				if !got.Due.Equal(want.Due) || got.State != want.State {
					t.Errorf("score %d: due %v state %d, want as for a new card: %v %d", score, got.Due, got.State, want.Due, want.State)
				}
				if got.Reps != 4 || got.Lapses != 1 {
					t.Errorf("score %d: reps/lapses = %d/%d, want counters kept: 4/1", score, got.Reps, got.Lapses)
				}
				if math.IsNaN(got.Stability) || math.IsNaN(got.Difficulty) {
					t.Errorf("score %d: NaN in %+v", score, got)
				}
			}
			if r := s.Retrievability(tt.card, t0); r < 0 || r > 1 || math.IsNaN(r) {
				t.Errorf("Retrievability = %v, want within [0, 1]", r)
			}
		})
	}
}

func TestRetrievability(t *testing.T) {
	s := NewScheduler()
	rc, at := reviewCard(t, s)
	tests := []struct {
		name     string
		card     Card
		now      time.Time
		min, max float64
	}{
		{"new card", NewCard(t0), t0.Add(10 * day), 0, 0},
		{"just reviewed", rc, at, 1, 1},
		{"clock before last review", rc, at.Add(-time.Hour), 1, 1},
		{"on due date, about the requested 90%", rc, rc.Due, 0.88, 0.92},
		{"long overdue", rc, rc.Due.Add(365 * day), 0, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := s.Retrievability(tt.card, tt.now)
			if got < tt.min || got > tt.max {
				t.Errorf("Retrievability = %v, want in [%v, %v]", got, tt.min, tt.max)
			}
		})
	}
	if a, b := s.Retrievability(rc, rc.Due), s.Retrievability(rc, rc.Due.Add(day)); !(b < a) {
		t.Errorf("retrievability should fall over time: %v then %v", a, b)
	}
}

// reviewed returns a card last reviewed at last and due at due, in the given
// state, with the given stability.
func reviewed(state int, stability float64, last, due time.Time) Card {
	return Card{Due: due, State: state, Stability: stability, Difficulty: 5, LastReview: last, Reps: 2}
}

func TestDueQueue(t *testing.T) {
	s := NewScheduler()
	now := t0
	dayEnd := endOfDay(now)
	items := []Item{
		// Not returned.
		{Key: "new", Card: NewCard(t0.Add(-day)), LastScore: 0},
		{Key: "tomorrow", Card: reviewed(StateReview, 5, now.Add(-4*day), dayEnd.Add(time.Nanosecond)), LastScore: 1},
		{Key: "next-week", Card: reviewed(StateReview, 20, now.Add(-10*day), now.Add(7*day)), LastScore: 2},
		// Returned.
		{Key: "tonight", Card: reviewed(StateReview, 5, now.Add(-4*day), dayEnd), LastScore: 4},
		{Key: "score3-lowR", Card: reviewed(StateReview, 2, now.Add(-6*day), now.Add(-time.Hour)), LastScore: 3},
		{Key: "score3-highR", Card: reviewed(StateReview, 30, now.Add(-6*day), now.Add(-time.Hour)), LastScore: 3},
		{Key: "score2-b", Card: reviewed(StateReview, 10, now.Add(-5*day), now.Add(-2*day)), LastScore: 2},
		{Key: "score2-a", Card: reviewed(StateReview, 10, now.Add(-5*day), now.Add(-2*day)), LastScore: 2},
		{Key: "score2-early", Card: reviewed(StateReview, 10, now.Add(-5*day), now.Add(-3*day)), LastScore: 2},
		{Key: "score1-learning", Card: reviewed(StateLearning, 0.4, now.Add(-time.Hour), now.Add(-59*time.Minute)), LastScore: 1},
		{Key: "score1-relearning", Card: reviewed(StateRelearning, 0.4, now.Add(-2*day), now.Add(-2*day)), LastScore: 1},
	}
	in := append([]Item(nil), items...)

	got := s.DueQueue(items, dayEnd, now)
	var keys []string
	for _, it := range got {
		keys = append(keys, it.Key)
	}
	// score1-relearning: score 1, lowest retrievability (two days since review).
	// score1-learning: score 1, reviewed an hour ago.
	// score2-*: same score, stability and last review, so equal retrievability;
	// the earlier due date goes first, then a and b tie on due and sort by key.
	// score3-*: same score, the less stable (lower retrievability) card first.
	want := []string{"score1-relearning", "score1-learning", "score2-early", "score2-a", "score2-b", "score3-lowR", "score3-highR", "tonight"}
	if !reflect.DeepEqual(keys, want) {
		t.Errorf("DueQueue order =\n  %v\nwant\n  %v", keys, want)
	}
	if !reflect.DeepEqual(items, in) {
		t.Error("DueQueue modified its input slice")
	}
	if n := CountCards(items, dayEnd).Due; n != len(got) {
		t.Errorf("CountCards.Due = %d, want len(DueQueue) = %d", n, len(got))
	}
	if q := s.DueQueue(nil, dayEnd, now); len(q) != 0 {
		t.Errorf("DueQueue(nil) = %v, want empty", q)
	}
}

func TestCountCards(t *testing.T) {
	now := t0
	dayEnd := endOfDay(now)
	tests := []struct {
		name  string
		items []Item
		want  Counts
	}{
		{"empty", nil, Counts{}},
		{"new cards, due or not", []Item{
			{Key: "a", Card: NewCard(now)},
			{Key: "b", Card: NewCard(now.Add(3 * day))},
			{Key: "state set but never reviewed", Card: Card{Due: now.Add(day), State: StateReview, Stability: 3}},
		}, Counts{New: 3}},
		{"mixed", []Item{
			{Key: "new", Card: NewCard(now)},
			{Key: "due-review", Card: reviewed(StateReview, 5, now.Add(-5*day), now.Add(-time.Hour))},
			{Key: "due-tonight", Card: reviewed(StateReview, 5, now.Add(-5*day), dayEnd)},
			{Key: "due-learning", Card: reviewed(StateLearning, 1, now.Add(-time.Hour), now.Add(time.Minute))},
			{Key: "learned", Card: reviewed(StateReview, 5, now.Add(-day), dayEnd.Add(time.Nanosecond))},
			{Key: "learned-2", Card: reviewed(StateReview, 50, now, now.Add(30*day))},
			{Key: "relearning-tomorrow", Card: reviewed(StateRelearning, 1, now, now.Add(25*time.Hour))},
		}, Counts{Due: 3, New: 1, Learned: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CountCards(tt.items, dayEnd); got != tt.want {
				t.Errorf("CountCards = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestHumanInterval(t *testing.T) {
	tests := []struct {
		d    time.Duration
		n    int
		unit string
	}{
		{-48 * time.Hour, 0, "day"},
		{-time.Second, 0, "day"},
		{0, 0, "day"},
		{time.Second, 1, "minute"},
		{time.Minute, 1, "minute"},
		{5 * time.Minute, 5, "minute"},
		{10 * time.Minute, 10, "minute"},
		{59 * time.Minute, 59, "minute"},
		{59*time.Minute + 45*time.Second, 1, "hour"},
		{90 * time.Minute, 2, "hour"},
		{5 * time.Hour, 5, "hour"},
		{23 * time.Hour, 23, "hour"},
		{23*time.Hour + 40*time.Minute, 1, "day"},
		{day, 1, "day"},
		{4 * day, 4, "day"},
		{4*day + 5*time.Minute, 4, "day"},
		{29 * day, 29, "day"},
		{30 * day, 1, "month"},
		{44 * day, 1, "month"},
		{45 * day, 2, "month"},
		{365 * day, 12, "month"},
		{806 * day, 27, "month"},
	}
	for _, tt := range tests {
		n, unit := HumanInterval(t0, t0.Add(tt.d))
		if n != tt.n || unit != tt.unit {
			t.Errorf("HumanInterval(+%v) = (%d, %q), want (%d, %q)", tt.d, n, unit, tt.n, tt.unit)
		}
	}
	// The UI case from the brief: a Good answer on a learning card.
	s := NewScheduler()
	c := s.Review(NewCard(t0), 4, t0)
	if n, unit := HumanInterval(c.Due, s.Preview(c, c.Due)[4]); n != 4 || unit != "day" {
		t.Errorf("Good on learning card: (%d, %q), want (4, \"day\")", n, unit)
	}
}

// TestSimulateTwentyDays simulates one user practising 6 questions over 20
// days (day 0 is a Monday). On day 0 they answer all six; after that they
// practise on weekday mornings only, taking at most two questions from the
// front of DueQueue, until 30 reviews have been done. Self scores cycle through
// a fixed sequence and every third answer is also rated by a coach, whose
// score wins. The review log and final schedule are logged for the team notes.
func TestSimulateTwentyDays(t *testing.T) {
	const (
		days       = 20
		maxReviews = 30
		perSession = 2
	)
	s := NewScheduler()
	questions := []string{
		"Tell me about yourself",
		"Why this company?",
		"A conflict with a colleague",
		"Your biggest weakness",
		"A project you led",
		"Where in five years?",
	}
	selfScores := []int{4, 2, 5, 3, 4, 1, 3, 5}
	coachScores := []int{3, 4, 2}

	items := make([]Item, len(questions))
	reviews := make([]int, len(questions))
	index := map[string]int{}
	for i, q := range questions {
		items[i] = Item{Key: q, Card: NewCard(t0)}
		index[q] = i
	}

	var log strings.Builder
	fmt.Fprintf(&log, "\n%-4s %-10s %-28s %-5s %-6s %-10s %s\n", "#", "day", "question", "self", "coach", "score", "next due")
	total := 0
	var lastDay int
	for d := 0; d < days && total < maxReviews; d++ {
		now := t0.Add(time.Duration(d) * day)
		dayEnd := endOfDay(now)
		var session []Item
		switch wd := now.Weekday(); {
		case d == 0:
			session = append(session, items...) // first pass: answer every question once
		case wd == time.Saturday || wd == time.Sunday:
			continue
		default:
			session = s.DueQueue(items, dayEnd, now)
			session = session[:min(len(session), perSession)]
		}
		for _, it := range session {
			if total == maxReviews {
				break
			}
			i := index[it.Key]
			self := selfScores[total%len(selfScores)]
			coach := 0
			if total%3 == 2 {
				coach = coachScores[(total/3)%len(coachScores)]
			}
			score := EffectiveScore(self, coach)
			c := s.Review(items[i].Card, score, now)
			items[i].Card, items[i].LastScore = c, score
			reviews[i]++
			total++
			lastDay = d
			n, unit := HumanInterval(now, c.Due)
			coachStr := "-"
			if coach > 0 {
				coachStr = fmt.Sprint(coach)
			}
			fmt.Fprintf(&log, "%-4d %-10s %-28s %-5d %-6s %-10s %s (in %d %s)\n",
				total, fmt.Sprintf("%d %s", d, now.Format("Mon")), it.Key, self, coachStr, fmt.Sprintf("%d %v", score, RatingFromScore(score)),
				c.Due.Format("2006-01-02 15:04"), n, unit)
			now = now.Add(3 * time.Minute) // each answer takes a few minutes
		}
	}
	if total != maxReviews {
		t.Fatalf("simulated %d reviews in %d days, want %d", total, days, maxReviews)
	}
	t.Logf("review log (start %s, times %s):%s", t0.Format("Mon 2006-01-02 15:04"), t0.Format("MST"), log.String())

	end := t0.Add(time.Duration(days-1) * day)
	var tbl strings.Builder
	fmt.Fprintf(&tbl, "\n%-28s %-7s %-10s %-10s %-6s %-16s %s\n", "question", "reviews", "last score", "state", "lapses", "due", "at day 19 09:00")
	stateNames := []string{"New", "Learning", "Review", "Relearning"}
	for i, it := range items {
		status := "overdue"
		if n, unit := HumanInterval(end, it.Card.Due); n > 0 {
			status = fmt.Sprintf("in %d %s", n, unit)
		}
		fmt.Fprintf(&tbl, "%-28s %-7d %-10d %-10s %-6d %-16s %s\n",
			it.Key, reviews[i], it.LastScore, stateNames[it.Card.State], it.Card.Lapses,
			it.Card.Due.Format("2006-01-02 15:04"), status)
	}
	c := CountCards(items, endOfDay(end))
	fmt.Fprintf(&tbl, "dashboard at end of day 19 (%s): due %d, new %d, learned %d",
		end.Format("2006-01-02"), c.Due, c.New, c.Learned)
	t.Logf("schedule after %d reviews over days 0-%d:%s", total, lastDay, tbl.String())

	if lastDay < days-5 {
		t.Errorf("last review on day %d; the simulation should span most of the %d days", lastDay, days)
	}
	// Every question was practised.
	for i, it := range items {
		if reviews[i] == 0 || it.Card.IsNew() {
			t.Errorf("%q was never reviewed", it.Key)
		}
	}
}
