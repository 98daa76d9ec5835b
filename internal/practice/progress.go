package practice

import (
	"slices"
	"time"
)

// dayLayout is how days are written: YYYY-MM-DD.
const dayLayout = "2006-01-02"

// Question is a bank question as coverage reads it.
type Question struct {
	ID       string
	Category string
	Skills   []string
}

// Tally is how many of a group's questions have been practised.
type Tally struct {
	Done, Total int
}

// Percent is the share practised, 0 to 100.
func (t Tally) Percent() float64 { return 100 * float64(t.Done) / float64(t.Total) }

// Coverage is how much of the bank a user has practised, in all and per
// category and skill.
type Coverage struct {
	Tally
	Category map[string]Tally
	Skill    map[string]Tally
}

// Complete reports whether every question of a non-empty bank is practised.
func (c Coverage) Complete() bool { return c.Total > 0 && c.Done == c.Total }

// CoverageOf counts the bank's questions practised (their ids in
// practised), overall and per category and skill.
func CoverageOf(bank []Question, practised []string) Coverage {
	done := make(map[string]bool, len(practised))
	for _, id := range practised {
		done[id] = true
	}
	c := Coverage{Category: map[string]Tally{}, Skill: map[string]Tally{}}
	add := func(m map[string]Tally, key string, ok bool) {
		t := m[key]
		t.Total++
		if ok {
			t.Done++
		}
		m[key] = t
	}
	for _, q := range bank {
		ok := done[q.ID]
		c.Total++
		if ok {
			c.Done++
		}
		add(c.Category, q.Category, ok)
		for _, s := range q.Skills {
			add(c.Skill, s, ok)
		}
	}
	return c
}

// Share is n out of total as a whole percentage, rounded down; 0 of 0 is 0.
func Share(n, total int) int {
	if total == 0 {
		return 0
	}
	return n * 100 / total
}

// Next suggests what to practise next: of categories (in their order),
// the first max whose share practised is the lowest, leaving out
// categories no question uses; none once the bank is complete.
func (c Coverage) Next(categories []string, max int) []string {
	if c.Complete() {
		return nil
	}
	lowest, found := 0.0, false
	for _, id := range categories {
		if t := c.Category[id]; t.Total > 0 {
			if p := t.Percent(); !found || p < lowest {
				lowest, found = p, true
			}
		}
	}
	var out []string
	for _, id := range categories {
		if t := c.Category[id]; t.Total > 0 && t.Percent() == lowest && len(out) < max {
			out = append(out, id)
		}
	}
	return out
}

// Trend is the span of weeks the rating trend reads: the first and the
// last week with answers, as indexes; both -1 when no week has any.
type Trend struct {
	First, Last int
}

// TrendOf finds the first and last weeks with answers, given each week's
// number of answers, oldest first.
func TrendOf(counts []int) Trend {
	t := Trend{First: -1, Last: -1}
	for i, n := range counts {
		if n > 0 {
			if t.First < 0 {
				t.First = i
			}
			t.Last = i
		}
	}
	return t
}

// Streak is a user's run of practice days.
type Streak struct {
	Current int  // consecutive days up to today, or up to yesterday when today has none yet
	Longest int  // the longest run of consecutive days
	KeepUp  bool // the current run has no practice today yet: a nudge to keep it
}

// Streaks reads days with practice (YYYY-MM-DD, in the user's zone, in any
// order) against today. The current streak counts back from today, or
// from yesterday while today has no practice yet (the day is not over);
// days after today and days that do not parse are ignored.
func Streaks(days []string, today string) Streak {
	t, err := time.Parse(dayLayout, today)
	if err != nil {
		return Streak{}
	}
	var ds []time.Time
	for _, d := range days {
		x, err := time.Parse(dayLayout, d)
		if err != nil || x.After(t) {
			continue
		}
		ds = append(ds, x)
	}
	slices.SortFunc(ds, time.Time.Compare)
	var s Streak
	run := 0
	for i, d := range ds {
		switch {
		case i > 0 && d.Equal(ds[i-1]):
			continue // a duplicate day
		case i > 0 && d.Equal(ds[i-1].AddDate(0, 0, 1)):
			run++
		default:
			run = 1
		}
		s.Longest = max(s.Longest, run)
	}
	if n := len(ds); n > 0 {
		last := ds[n-1]
		if last.Equal(t) || last.Equal(t.AddDate(0, 0, -1)) {
			s.Current = run
		}
		s.KeepUp = s.Current > 0 && !last.Equal(t)
	}
	return s
}
