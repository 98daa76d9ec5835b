package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
)

// dayLayout is how progress queries print a UTC day.
const dayLayout = "2006-01-02"

// WeekStat is one week (Monday to Sunday, UTC) of a user's practice.
type WeekStat struct {
	Start string             // the Monday, YYYY-MM-DD
	Count int                // answers saved that week
	Avg   map[string]float64 // mean self-rating per criterion; empty when Count is 0
}

// Progress sums up a user's practice for the progress page. Every number
// comes from an aggregate query; no attempt is loaded.
type Progress struct {
	Weeks         []WeekStat // the last n weeks, oldest first, the current week last
	Practised     []string   // ids of the questions answered at least once, sorted
	Days          []string   // the UTC days with at least one answer, YYYY-MM-DD, sorted
	Total         int        // answers, all time
	Seconds       int        // sum of the answers' seconds_taken, all time
	CurrentStreak int        // consecutive practice days up to today, or up to yesterday when today has none yet
	LongestStreak int        // longest run of consecutive practice days
}

// dayExpr and weekExpr print created_at as its UTC day and as the Monday
// of its week, YYYY-MM-DD, in the store's SQL dialect.
func (s *Store) dayExpr() string {
	if s.Dialect == "postgres" {
		return `to_char(created_at, 'YYYY-MM-DD')`
	}
	// SQLite keeps times as text, "2026-11-29 23:51:02.123456789+00:00",
	// always in UTC here: the day is its first ten characters. (date() would
	// round 23:59:59.9995 up to the next day.)
	return `substr(created_at, 1, 10)`
}

func (s *Store) weekExpr() string {
	if s.Dialect == "postgres" {
		return `to_char(date_trunc('week', created_at), 'YYYY-MM-DD')`
	}
	// Back six days, then forward to the next Monday: the Monday on or
	// before the day ('weekday 1' alone would move forward).
	return `date(substr(created_at, 1, 10), '-6 days', 'weekday 1')`
}

// weekStart returns the Monday 00:00 UTC of t's week.
func weekStart(t time.Time) time.Time {
	t = t.UTC()
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	back := (int(d.Weekday()) + 6) % 7 // days since Monday
	return d.AddDate(0, 0, -back)
}

// Progress aggregates userID's practice: the last weeks weeks (at least
// one) up to the week of s.Now(), the questions practised, the practice
// days with their streaks, and the totals. It runs three queries whatever
// the number of attempts.
func (s *Store) Progress(ctx context.Context, userID int64, weeks int) (*Progress, error) {
	if weeks < 1 {
		weeks = 1
	}
	db := s.DB.WithContext(ctx)
	now := s.Now().UTC()
	first := weekStart(now).AddDate(0, 0, -7*(weeks-1))
	end := weekStart(now).AddDate(0, 0, 7)
	p := &Progress{Weeks: make([]WeekStat, weeks)}
	index := map[string]int{}
	for i := range p.Weeks {
		start := first.AddDate(0, 0, 7*i).Format(dayLayout)
		p.Weeks[i] = WeekStat{Start: start, Avg: map[string]float64{}}
		index[start] = i
	}

	// 1. Answers and mean ratings per week.
	cols := make([]string, 0, len(Criteria))
	for _, k := range Criteria {
		// 0 is "not rated yet": left out of the average.
		cols = append(cols, fmt.Sprintf("CAST(COALESCE(AVG(NULLIF(r_%s, 0)), 0) AS DOUBLE PRECISION) AS avg_%s", k, k))
	}
	var weekRows []struct {
		Week                                                                         string
		N                                                                            int
		AvgExample, AvgStructure, AvgConfidence, AvgCustomer, AvgConcise, AvgOverall float64
	}
	q := `SELECT ` + s.weekExpr() + ` AS week, COUNT(*) AS n, ` + strings.Join(cols, ", ") + `
		FROM attempts WHERE user_id = ? AND created_at >= ? AND created_at < ?
		GROUP BY ` + s.weekExpr() + ` ORDER BY week`
	if err := db.Raw(q, userID, first, end).Scan(&weekRows).Error; err != nil {
		return nil, fmt.Errorf("store: weekly progress: %w", err)
	}
	for _, r := range weekRows {
		i, ok := index[r.Week]
		if !ok {
			continue // cannot happen: the range is whole weeks
		}
		p.Weeks[i].Count = r.N
		p.Weeks[i].Avg = map[string]float64{"example": r.AvgExample, "structure": r.AvgStructure,
			"confidence": r.AvgConfidence, "customer": r.AvgCustomer, "concise": r.AvgConcise, "overall": r.AvgOverall}
	}

	// 2. Practice days, with the totals summed per day.
	var dayRows []struct {
		Day  string
		N    int
		Secs int
	}
	q = `SELECT ` + s.dayExpr() + ` AS day, COUNT(*) AS n, COALESCE(SUM(seconds_taken), 0) AS secs
		FROM attempts WHERE user_id = ? GROUP BY ` + s.dayExpr() + ` ORDER BY day`
	if err := db.Raw(q, userID).Scan(&dayRows).Error; err != nil {
		return nil, fmt.Errorf("store: practice days: %w", err)
	}
	for _, r := range dayRows {
		p.Days = append(p.Days, r.Day)
		p.Total += r.N
		p.Seconds += r.Secs
	}

	// 3. The questions practised.
	if err := db.Raw(`SELECT DISTINCT question_id FROM attempts WHERE user_id = ? ORDER BY question_id`, userID).
		Scan(&p.Practised).Error; err != nil {
		return nil, fmt.Errorf("store: practised questions: %w", err)
	}

	p.CurrentStreak, p.LongestStreak = streaks(p.Days, now)
	return p, nil
}

// streaks walks sorted YYYY-MM-DD days. The current streak counts back
// from today, or from yesterday when today has no practice yet (the day is
// not over); the longest is the longest run of consecutive days. Days
// after today are ignored.
func streaks(days []string, now time.Time) (current, longest int) {
	now = now.UTC()
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	var ds []time.Time
	for _, d := range days {
		t, err := time.Parse(dayLayout, d)
		if err != nil || t.After(today) {
			continue
		}
		ds = append(ds, t)
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i].Before(ds[j]) })
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
		longest = max(longest, run)
	}
	if n := len(ds); n > 0 {
		last := ds[n-1]
		if last.Equal(today) || last.Equal(today.AddDate(0, 0, -1)) {
			current = run
		}
	}
	return current, longest
}
