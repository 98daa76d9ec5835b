package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
)

// dayLayout is how progress prints a day.
const dayLayout = "2006-01-02"

// WeekStat is one week (Monday to Sunday, in the user's time zone) of a
// user's practice.
type WeekStat struct {
	Start string             // the Monday, YYYY-MM-DD
	Count int                // answers saved that week
	Avg   map[string]float64 // mean self-rating per criterion; empty when Count is 0
}

// Progress sums up a user's practice for the progress page. Every number
// comes from an aggregate query; no attempt is loaded.
type Progress struct {
	Weeks     []WeekStat // the last n weeks, oldest first, the current week last
	Practised []string   // ids of the questions answered at least once, sorted
	Days      []string   // the days (in the user's zone) with at least one answer, YYYY-MM-DD, sorted (streaks: practice.Streaks)
	Total     int        // answers, all time
	Seconds   int        // sum of the answers' seconds_taken, all time
	Today     string     // today in the user's zone, YYYY-MM-DD
}

// quarterExpr prints created_at (stored in UTC) to the quarter hour,
// "YYYY-MM-DD HH:MM" with MM one of 00, 15, 30 and 45, in the store's SQL
// dialect. Every time zone's offset is a whole number of quarter hours, so
// answers grouped this way fall into days of any zone without loading
// them one by one.
func (s *Store) quarterExpr() string {
	if s.Dialect == "postgres" {
		return `(to_char(created_at, 'YYYY-MM-DD HH24:') || lpad(((floor(extract(minute from created_at) / 15) * 15)::int)::text, 2, '0'))`
	}
	// SQLite keeps times as text, "2026-11-29 23:51:02.123456789+00:00",
	// always in UTC here. (strftime would round 23:59:59.9995 up to the
	// next day.)
	return `(substr(created_at, 1, 14) || printf('%02d', CAST(substr(created_at, 15, 2) AS INTEGER) / 15 * 15))`
}

// localDay is t's calendar day in loc, as midnight UTC of that date, so
// days compare and step with AddDate whatever the zone's DST does.
func localDay(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// weekStart returns the Monday of a day made by localDay.
func weekStart(d time.Time) time.Time {
	back := (int(d.Weekday()) + 6) % 7 // days since Monday
	return d.AddDate(0, 0, -back)
}

// Progress is ProgressIn with days counted in UTC.
func (s *Store) Progress(ctx context.Context, userID int64, weeks int) (*Progress, error) {
	return s.ProgressIn(ctx, userID, weeks, time.UTC)
}

// ProgressIn aggregates userID's practice: the last weeks weeks (at least
// one) up to the week of s.Now(), the questions practised, the practice
// days and the totals. Days, weeks and "today" are those of loc, the
// user's time zone. It runs two queries whatever the number of attempts.
func (s *Store) ProgressIn(ctx context.Context, userID int64, weeks int, loc *time.Location) (*Progress, error) {
	if weeks < 1 {
		weeks = 1
	}
	if loc == nil {
		loc = time.UTC
	}
	db := s.db.WithContext(ctx)
	today := localDay(s.Now(), loc)
	first := weekStart(today).AddDate(0, 0, -7*(weeks-1))
	p := &Progress{Weeks: make([]WeekStat, weeks), Today: today.Format(dayLayout)}
	index := map[string]int{}
	for i := range p.Weeks {
		start := first.AddDate(0, 0, 7*i).Format(dayLayout)
		p.Weeks[i] = WeekStat{Start: start, Avg: map[string]float64{}}
		index[start] = i
	}

	// 1. Answers, time and summed ratings per quarter hour, all time;
	// days and weeks are made of them here.
	cols := make([]string, 0, len(Criteria))
	for _, k := range Criteria {
		// 0 is "not rated yet": counted apart, left out of the average.
		cols = append(cols, fmt.Sprintf("COALESCE(SUM(r_%s), 0) AS sum_%s, COUNT(NULLIF(r_%s, 0)) AS rated_%s", k, k, k, k))
	}
	var rows []struct {
		Quarter                                                                                  string
		N                                                                                        int
		Secs                                                                                     int
		SumExample, SumStructure, SumConfidence, SumCustomer, SumConcise, SumOverall             int
		RatedExample, RatedStructure, RatedConfidence, RatedCustomer, RatedConcise, RatedOverall int
	}
	q := `SELECT ` + s.quarterExpr() + ` AS quarter, COUNT(*) AS n, COALESCE(SUM(seconds_taken), 0) AS secs, ` + strings.Join(cols, ", ") + `
		FROM attempts WHERE user_id = ? GROUP BY ` + s.quarterExpr() + ` ORDER BY quarter`
	if err := db.Raw(q, userID).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: practice by quarter hour: %w", err)
	}
	days := map[string]bool{}
	sums := make([]map[string]int, weeks)
	rated := make([]map[string]int, weeks)
	for _, r := range rows {
		t, err := time.ParseInLocation("2006-01-02 15:04", r.Quarter, time.UTC)
		if err != nil {
			return nil, fmt.Errorf("store: practice by quarter hour: %q: %w", r.Quarter, err)
		}
		day := localDay(t, loc)
		days[day.Format(dayLayout)] = true
		p.Total += r.N
		p.Seconds += r.Secs
		i, ok := index[weekStart(day).Format(dayLayout)]
		if !ok {
			continue // outside the weeks shown
		}
		p.Weeks[i].Count += r.N
		if sums[i] == nil {
			sums[i], rated[i] = map[string]int{}, map[string]int{}
		}
		for k, v := range map[string]int{"example": r.SumExample, "structure": r.SumStructure, "confidence": r.SumConfidence,
			"customer": r.SumCustomer, "concise": r.SumConcise, "overall": r.SumOverall} {
			sums[i][k] += v
		}
		for k, v := range map[string]int{"example": r.RatedExample, "structure": r.RatedStructure, "confidence": r.RatedConfidence,
			"customer": r.RatedCustomer, "concise": r.RatedConcise, "overall": r.RatedOverall} {
			rated[i][k] += v
		}
	}
	for i, w := range p.Weeks {
		for k, v := range sums[i] {
			if n := rated[i][k]; n > 0 {
				w.Avg[k] = float64(v) / float64(n)
			}
		}
	}
	for d := range days {
		p.Days = append(p.Days, d)
	}
	sort.Strings(p.Days)

	// 2. The questions practised.
	if err := db.Raw(`SELECT DISTINCT question_id FROM attempts WHERE user_id = ? ORDER BY question_id`, userID).
		Scan(&p.Practised).Error; err != nil {
		return nil, fmt.Errorf("store: practised questions: %w", err)
	}
	return p, nil
}

// AnsweredQuestions returns the ids of the questions userID has answered
// at least once.
func (s *Store) AnsweredQuestions(ctx context.Context, userID int64) (map[string]bool, error) {
	var ids []string
	if err := s.db.WithContext(ctx).Raw(`SELECT DISTINCT question_id FROM attempts WHERE user_id = ?`, userID).
		Scan(&ids).Error; err != nil {
		return nil, fmt.Errorf("store: answered questions: %w", err)
	}
	out := make(map[string]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}
