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

// quartersSQL counts a user's (?) answers and sums their time per quarter
// hour (quarterExpr), all time.
func (s *Store) quartersSQL() string {
	return `SELECT ` + s.quarterExpr() + ` AS quarter, COUNT(*), COALESCE(SUM(seconds_taken), 0)
		FROM attempts WHERE user_id = ? GROUP BY ` + s.quarterExpr()
}

// weeksSQL counts userID's answers and sums each criterion's ratings with
// how many are rated, per week: week i runs from bounds[i] to bounds[i+1].
func weeksSQL(userID int64, bounds []time.Time) (string, []any) {
	weeks := len(bounds) - 1
	var week strings.Builder
	args := []any{}
	week.WriteString("CASE")
	for i := 1; i < weeks; i++ {
		fmt.Fprintf(&week, " WHEN created_at < ? THEN %d", i-1)
		args = append(args, bounds[i])
	}
	fmt.Fprintf(&week, " ELSE %d END", weeks-1)
	cols := make([]string, 0, len(Criteria))
	for _, k := range Criteria {
		// 0 is "not rated yet": counted apart, left out of the average.
		cols = append(cols, fmt.Sprintf("COALESCE(SUM(r_%s), 0), COUNT(NULLIF(r_%s, 0))", k, k))
	}
	args = append(args, userID, bounds[0], bounds[weeks])
	return `SELECT ` + week.String() + ` AS week, COUNT(*), ` + strings.Join(cols, ", ") + `
		FROM attempts WHERE user_id = ? AND created_at >= ? AND created_at < ? GROUP BY 1`, args
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
// user's time zone. It runs three queries whatever the number of
// attempts, each answered from an index alone (migration 18), and scans
// their rows by hand: GORM's reflective scan of every quarter hour's
// figures cost more than the queries.
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
	// bounds[i] is the instant week i starts in loc; bounds[weeks] ends the last.
	bounds := make([]time.Time, weeks+1)
	for i := range bounds {
		d := first.AddDate(0, 0, 7*i)
		bounds[i] = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc).UTC()
		if i < weeks {
			p.Weeks[i] = WeekStat{Start: d.Format(dayLayout), Avg: map[string]float64{}}
		}
	}

	// 1. Answers and time per quarter hour, all time: the days are made
	// of them.
	rows, err := db.Raw(s.quartersSQL(), userID).Rows()
	if err != nil {
		return nil, fmt.Errorf("store: practice by quarter hour: %w", err)
	}
	days := map[string]bool{}
	for rows.Next() {
		var (
			quarter string
			n, secs int
		)
		if err := rows.Scan(&quarter, &n, &secs); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: practice by quarter hour: %w", err)
		}
		t, err := time.ParseInLocation("2006-01-02 15:04", quarter, time.UTC)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: practice by quarter hour: %q: %w", quarter, err)
		}
		days[localDay(t, loc).Format(dayLayout)] = true
		p.Total += n
		p.Seconds += secs
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: practice by quarter hour: %w", err)
	}
	for d := range days {
		p.Days = append(p.Days, d)
	}
	sort.Strings(p.Days)

	// 2. Answers and summed ratings per week shown.
	q, args := weeksSQL(userID, bounds)
	rows, err = db.Raw(q, args...).Rows()
	if err != nil {
		return nil, fmt.Errorf("store: practice by week: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var w, n int
		sums, rated := make([]int, len(Criteria)), make([]int, len(Criteria)) // in the order of Criteria
		dest := []any{&w, &n}
		for i := range Criteria {
			dest = append(dest, &sums[i], &rated[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("store: practice by week: %w", err)
		}
		if w < 0 || w >= weeks {
			continue
		}
		p.Weeks[w].Count = n
		for i, k := range Criteria {
			if rated[i] > 0 {
				p.Weeks[w].Avg[k] = float64(sums[i]) / float64(rated[i])
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: practice by week: %w", err)
	}

	// 3. The questions practised.
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
