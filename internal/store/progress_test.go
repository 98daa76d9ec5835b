package store

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aeprep/aeprep/internal/practice"
)

// progressNow is the injected clock of the progress tests: a Wednesday
// afternoon, so the current week (from Monday 2026-11-23) is under way and
// today has no practice yet.
var progressNow = time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC)

// progressDays are the fixture's practice days, ten weeks from Monday
// 2026-09-21. By design the longest streak is 2026-10-05..10-18 (14 days),
// the current one 2026-11-20..11-24 (5 days, today not practised yet), and
// the week of 2026-10-19 has no practice at all.
var progressDays = []string{
	"2026-09-21", "2026-09-23", "2026-09-26",
	"2026-09-28", "2026-09-29", "2026-10-01", "2026-10-03",
	"2026-10-05", "2026-10-06", "2026-10-07", "2026-10-08", "2026-10-09", "2026-10-10", "2026-10-11",
	"2026-10-12", "2026-10-13", "2026-10-14", "2026-10-15", "2026-10-16", "2026-10-17", "2026-10-18",
	// week of 2026-10-19: nothing
	"2026-10-27", "2026-10-29", "2026-11-01", // 11-01 is a Sunday: its answers are at 23:59:59.999999
	"2026-11-02", "2026-11-03", "2026-11-05", "2026-11-07", // 11-02 is a Monday: its answers are at 00:00:00
	"2026-11-10", "2026-11-11", "2026-11-12", "2026-11-14",
	"2026-11-16", "2026-11-18", "2026-11-20", "2026-11-21", "2026-11-22",
	"2026-11-23", "2026-11-24",
}

// progressFixture returns exactly 200 attempts of userID spread over
// progressDays, with ratings, durations and questions that follow simple
// rules of the attempt's number.
func progressFixture(t *testing.T, userID int64) []Attempt {
	t.Helper()
	out := make([]Attempt, 0, 200)
	for i := 0; i < 200; i++ {
		day, err := time.Parse("2006-01-02", progressDays[i%len(progressDays)])
		if err != nil {
			t.Fatal(err)
		}
		at := day.Add(time.Duration(1+(i*7)%22)*time.Hour + time.Duration((i*13)%60)*time.Minute +
			time.Duration((i*31)%60)*time.Second + time.Duration(i*1234)*time.Microsecond)
		switch day.Format("2006-01-02") {
		case "2026-11-01": // the last instant of a week (PostgreSQL keeps microseconds)
			at = day.Add(24*time.Hour - time.Microsecond)
		case "2026-11-02": // the first instant of a week
			at = day
		}
		qid := fmt.Sprintf("bank-q%02d", (i*3)%37)
		if i%10 == 0 {
			qid = fmt.Sprintf("custom-%d", i%3+1)
		}
		a := Attempt{UserID: userID, QuestionID: qid, Lang: "ja", Answer: "answer", SecondsTaken: 30 + (i*17)%200,
			TimeLimit: 120, ClientToken: fmt.Sprintf("tok-%d-%d", userID, i), CreatedAt: at, UpdatedAt: at}
		a.Ratings = Ratings{Example: 1 + i%5, Structure: 1 + (i*2)%5, Confidence: 1 + (i/3)%5,
			Customer: 5 - i%5, Concise: 1 + (i*i)%5, Overall: 1 + (i/7)%5}
		out = append(out, a)
	}
	return out
}

// progressUser creates a user with an email unique across runs, as the
// PostgreSQL test database is shared.
func progressUser(t *testing.T, s *Store) *User {
	t.Helper()
	name := strings.NewReplacer("/", "-", " ", "-").Replace(strings.ToLower(t.Name()))
	u := &User{Email: fmt.Sprintf("%s-%d@example.com", name, rand.Int64()), DisplayName: "P", PasswordHash: "x", Lang: "ja"}
	if err := s.CreateUser(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	return u
}

func insertAttempts(t *testing.T, s *Store, as []Attempt) {
	t.Helper()
	if err := s.db.CreateInBatches(&as, 100).Error; err != nil {
		t.Fatal(err)
	}
}

// naiveWeek is the Monday of t's week, found by stepping back a day at a
// time (the store's code computes it differently, in SQL).
func naiveWeek(t time.Time) string {
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	for d.Weekday() != time.Monday {
		d = d.AddDate(0, 0, -1)
	}
	return d.Format("2006-01-02")
}

type expectedWeek struct {
	count int
	sum   map[string]int
}

func TestProgress(t *testing.T) {
	s := mustOpenStore(t)
	s.Now = func() time.Time { return progressNow }
	ctx := context.Background()
	me, other := progressUser(t, s), progressUser(t, s)

	fixture := progressFixture(t, me.ID)
	if len(fixture) != 200 {
		t.Fatalf("fixture has %d attempts", len(fixture))
	}
	insertAttempts(t, s, fixture)
	// Another user practises every day, today too, on other questions:
	// none of it may count.
	var theirs []Attempt
	for i := 0; i < 40; i++ {
		at := progressNow.Add(-time.Duration(i) * 24 * time.Hour)
		theirs = append(theirs, Attempt{UserID: other.ID, QuestionID: fmt.Sprintf("theirs-%d", i), Lang: "en", Answer: "x",
			SecondsTaken: 1000, ClientToken: fmt.Sprintf("theirs-%d", i), CreatedAt: at, UpdatedAt: at,
			Ratings: Ratings{Example: 5, Structure: 5, Confidence: 5, Customer: 5, Concise: 5, Overall: 5}})
	}
	insertAttempts(t, s, theirs)

	// Expected values, by hand from the fixture.
	weeks := map[string]*expectedWeek{}
	days := map[string]bool{}
	questions := map[string]bool{}
	seconds := 0
	for _, a := range fixture {
		w := naiveWeek(a.CreatedAt)
		if weeks[w] == nil {
			weeks[w] = &expectedWeek{sum: map[string]int{}}
		}
		weeks[w].count++
		for _, k := range Criteria {
			weeks[w].sum[k] += a.Ratings.Get(k)
		}
		days[a.CreatedAt.Format("2006-01-02")] = true
		questions[a.QuestionID] = true
		seconds += a.SecondsTaken
	}
	var wantDays, wantQuestions []string
	for d := range days {
		wantDays = append(wantDays, d)
	}
	for q := range questions {
		wantQuestions = append(wantQuestions, q)
	}
	sort.Strings(wantDays)
	sort.Strings(wantQuestions)
	// Streaks, naively: from each day, count the following days present.
	longest := 0
	for d := range days {
		day, _ := time.Parse("2006-01-02", d)
		n := 0
		for days[day.AddDate(0, 0, n).Format("2006-01-02")] {
			n++
		}
		longest = max(longest, n)
	}
	current := 0
	from := progressNow.Truncate(24 * time.Hour)
	if !days[from.Format("2006-01-02")] {
		from = from.AddDate(0, 0, -1)
	}
	for days[from.AddDate(0, 0, -current).Format("2006-01-02")] {
		current++
	}
	// The fixture was designed for these; check the hand count agrees.
	if longest != 14 || current != 5 || len(wantDays) != len(progressDays) {
		t.Fatalf("fixture: longest %d, current %d, %d days", longest, current, len(wantDays))
	}

	for _, n := range []int{12, 4} {
		t.Run(fmt.Sprintf("weeks=%d", n), func(t *testing.T) {
			p, err := s.Progress(ctx, me.ID, n)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Weeks) != n {
				t.Fatalf("%d weeks, want %d", len(p.Weeks), n)
			}
			// The window ends with the current week, Monday 2026-11-23.
			if last := p.Weeks[n-1].Start; last != "2026-11-23" {
				t.Errorf("last week starts %s", last)
			}
			inWindow := 0
			for i, w := range p.Weeks {
				want := progressNow.AddDate(0, 0, -2-7*(n-1-i)).Format("2006-01-02") // Wednesday minus 2 days
				if w.Start != want {
					t.Errorf("week %d starts %s, want %s", i, w.Start, want)
				}
				e := weeks[w.Start]
				if e == nil {
					if w.Count != 0 || len(w.Avg) != 0 {
						t.Errorf("week %s: count %d avg %v, want an empty week", w.Start, w.Count, w.Avg)
					}
					continue
				}
				inWindow += e.count
				if w.Count != e.count {
					t.Errorf("week %s: count %d, want %d", w.Start, w.Count, e.count)
				}
				for _, k := range Criteria {
					want := float64(e.sum[k]) / float64(e.count)
					if got, ok := w.Avg[k]; !ok || math.Abs(got-want) > 1e-9 {
						t.Errorf("week %s %s: average %v, want %v", w.Start, k, got, want)
					}
				}
			}
			switch n {
			case 12: // every fixture week fits, and the week of 10-19 is empty
				if inWindow != 200 || len(weeks) != 9 {
					t.Errorf("weekly counts sum to %d over %d weeks, want 200 over 9", inWindow, len(weeks))
				}
				if w := p.Weeks[6]; w.Start != "2026-10-19" || w.Count != 0 {
					t.Errorf("week 6 is %+v, want the empty week of 2026-10-19", w)
				}
			case 4: // from Monday 11-02 00:00:00 (included); Sunday 11-01 23:59:59.999999 is out
				if p.Weeks[0].Start != "2026-11-02" {
					t.Errorf("4-week window starts %s", p.Weeks[0].Start)
				}
				n := 0
				for _, a := range fixture {
					if !a.CreatedAt.Before(time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)) {
						n++
					}
				}
				if inWindow != n {
					t.Errorf("4 weeks hold %d answers, want %d", inWindow, n)
				}
			}

			// Totals are all-time, whatever the window.
			if p.Total != 200 {
				t.Errorf("total %d, want 200", p.Total)
			}
			if p.Seconds != seconds {
				t.Errorf("seconds %d, want %d", p.Seconds, seconds)
			}
			if !reflect.DeepEqual(p.Days, wantDays) {
				t.Errorf("days\n got %v\nwant %v", p.Days, wantDays)
			}
			if !reflect.DeepEqual(p.Practised, wantQuestions) {
				t.Errorf("practised\n got %v\nwant %v", p.Practised, wantQuestions)
			}
			if st := practice.Streaks(p.Days, p.Today); st.Current != current || st.Longest != longest {
				t.Errorf("streaks current %d longest %d, want %d and %d", st.Current, st.Longest, current, longest)
			}
		})
	}

	// Practising today extends the current streak through SaveAttempt,
	// stamped with the injected clock.
	a := &Attempt{UserID: me.ID, QuestionID: "bank-q99", Lang: "en", Answer: "today", SecondsTaken: 60, ClientToken: "today-1",
		Ratings: Ratings{Example: 3, Structure: 3, Confidence: 3, Customer: 3, Concise: 3, Overall: 3}}
	if _, err := s.SaveAttempt(ctx, a); err != nil {
		t.Fatal(err)
	}
	p, err := s.Progress(ctx, me.ID, 12)
	if err != nil {
		t.Fatal(err)
	}
	if cur := practice.Streaks(p.Days, p.Today).Current; cur != 6 || p.Total != 201 || p.Seconds != seconds+60 || p.Weeks[11].Count != weeks["2026-11-23"].count+1 {
		t.Errorf("after practising today: current %d, total %d, seconds %d, this week %d",
			cur, p.Total, p.Seconds, p.Weeks[11].Count)
	}
	if p.Days[len(p.Days)-1] != "2026-11-25" {
		t.Errorf("today missing from days: %v", p.Days[len(p.Days)-3:])
	}

	// Two days later, with no practice in between, the streak is over.
	s.Now = func() time.Time { return progressNow.AddDate(0, 0, 2) }
	if p, err = s.Progress(ctx, me.ID, 12); err != nil {
		t.Fatal(err)
	}
	if st := practice.Streaks(p.Days, p.Today); st.Current != 0 || st.Longest != 14 {
		t.Errorf("two days later: current %d longest %d, want 0 and 14", st.Current, st.Longest)
	}
}

func TestProgressEmpty(t *testing.T) {
	s := mustOpenStore(t)
	s.Now = func() time.Time { return progressNow }
	u := progressUser(t, s)
	p, err := s.Progress(context.Background(), u.ID, 12)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Weeks) != 12 || p.Total != 0 || p.Seconds != 0 || len(p.Days) != 0 || len(p.Practised) != 0 ||
		p.Today != "2026-11-25" {
		t.Fatalf("empty progress: %+v", p)
	}
	for _, w := range p.Weeks {
		if w.Count != 0 || len(w.Avg) != 0 {
			t.Fatalf("empty week %+v", w)
		}
	}
}

// TestProgressTimeZones counts days, streaks and weeks in the user's zone:
// an answer at 23:59 and one at 00:00 local time are two days, whatever
// day they are in UTC, also for a zone half an hour off the hour.
func TestProgressTimeZones(t *testing.T) {
	s := mustOpenStore(t)
	ctx := context.Background()
	u := progressUser(t, s)
	at := func(utc string) Attempt {
		ts, err := time.Parse("2006-01-02 15:04:05", utc)
		if err != nil {
			t.Fatal(err)
		}
		return Attempt{UserID: u.ID, QuestionID: "q", Lang: "ja", Answer: "a", SecondsTaken: 60,
			ClientToken: "tz-" + utc, CreatedAt: ts, UpdatedAt: ts, Ratings: Ratings{Overall: 3}}
	}
	insertAttempts(t, s, []Attempt{
		at("2026-03-08 14:59:59"), // Tokyo 03-08 23:59:59; Kolkata 03-08 20:29
		at("2026-03-08 15:00:00"), // Tokyo 03-09 00:00; UTC still 03-08
		at("2026-03-09 18:29:00"), // Kolkata 03-09 23:59; Tokyo 03-10 03:29
		at("2026-03-09 18:30:00"), // Kolkata 03-10 00:00
	})
	// Monday 2026-03-09 17:00 UTC is Tuesday 02:00 in Tokyo.
	s.Now = func() time.Time { return time.Date(2026, 3, 9, 17, 0, 0, 0, time.UTC) }
	zone := func(name string) *time.Location {
		loc, err := LoadZone(name)
		if err != nil {
			t.Fatal(err)
		}
		return loc
	}
	cases := []struct {
		zone           string
		days           []string
		today          string
		current, weeks int // weeks: answers in the current week
	}{
		{"UTC", []string{"2026-03-08", "2026-03-09"}, "2026-03-09", 2, 2},
		{"Asia/Tokyo", []string{"2026-03-08", "2026-03-09", "2026-03-10"}, "2026-03-10", 3, 3},
		{"Asia/Kolkata", []string{"2026-03-08", "2026-03-09", "2026-03-10"}, "2026-03-09", 2, 2},
		{"America/Los_Angeles", []string{"2026-03-08", "2026-03-09"}, "2026-03-09", 2, 2}, // the day DST starts
	}
	for _, c := range cases {
		p, err := s.ProgressIn(ctx, u.ID, 2, zone(c.zone))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(p.Days, c.days) || p.Today != c.today || practice.Streaks(p.Days, p.Today).Current != c.current || p.Weeks[1].Count != c.weeks || p.Total != 4 {
			t.Errorf("%s: days %v today %s current %d this week %d total %d; want %v %s %d %d 4",
				c.zone, p.Days, p.Today, practice.Streaks(p.Days, p.Today).Current, p.Weeks[1].Count, p.Total, c.days, c.today, c.current, c.weeks)
		}
	}
}

func TestLoadZone(t *testing.T) {
	for _, ok := range []string{"Asia/Tokyo", "UTC", "Europe/London", "America/Argentina/Buenos_Aires"} {
		if _, err := LoadZone(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "Local", "Mars/Olympus", "Asia/Tokyo ", "../../etc/passwd", "asia/tokyo x"} {
		if _, err := LoadZone(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	u := &User{Lang: "ja"}
	if u.Location().String() != "Asia/Tokyo" {
		t.Errorf("a Japanese user's default zone is %s", u.Location())
	}
	u = &User{Lang: "en", TimeZone: "Gone/Zone"}
	if u.Location() != time.UTC {
		t.Errorf("an unknown stored zone falls back to %s", u.Location())
	}
}

// TestPractisedQuestionsReadTheIndexOnly: the per-question summary of /me
// never reads an attempt's row (its answer and stored report run to
// several KB and stand before r_overall): SQLite answers it from the
// covering index. On the benchmark's fixture this took the query from
// 14.5 ms to 0.3 ms for a user with 600 answers.
func TestPractisedQuestionsReadTheIndexOnly(t *testing.T) {
	s := mustOpenStore(t)
	if s.Dialect != "sqlite" {
		t.Skip("the plan is SQLite's")
	}
	var plan []struct {
		Detail string
	}
	if err := s.db.Raw("EXPLAIN QUERY PLAN "+practisedSQL, 1).Scan(&plan).Error; err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, p := range plan {
		all = append(all, p.Detail)
	}
	got := strings.Join(all, "; ")
	if !strings.Contains(got, "COVERING INDEX attempts_user_question_latest_idx") {
		t.Errorf("query plan %q does not read the covering index alone", got)
	}
}

// BenchmarkProgress is the progress page's store part for a user with
// 2,000 answers over 120 days, laid out as the benchmark's heavy user's
// (cmd/aeprep-bench).
func BenchmarkProgress(b *testing.B) {
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return now }
	u := &User{Email: "heavy@example.com", DisplayName: "H", PasswordHash: "x", Lang: "en"}
	if err := s.CreateUser(context.Background(), u); err != nil {
		b.Fatal(err)
	}
	const n = 2000
	var as []Attempt
	for a := range n {
		day := (n - 1 - a) * 120 / n
		at := now.Add(-time.Duration(day)*24*time.Hour - time.Duration(a%17)*3*time.Minute - time.Minute)
		x := Attempt{UserID: u.ID, QuestionID: fmt.Sprintf("q-%d", a%67), Lang: "en", Answer: strings.Repeat("x", 600),
			Insights: strings.Repeat("{}", 1500), SecondsTaken: 60 + a%120, ClientToken: fmt.Sprintf("h-%d", a), CreatedAt: at, UpdatedAt: at}
		for j, k := range Criteria {
			x.Ratings.Set(k, 1+(a+j)%5)
		}
		as = append(as, x)
	}
	if err := s.db.CreateInBatches(&as, 100).Error; err != nil {
		b.Fatal(err)
	}
	loc, _ := time.LoadLocation("Asia/Tokyo")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.ProgressIn(context.Background(), u.ID, 12, loc); err != nil {
			b.Fatal(err)
		}
	}
}

// TestProgressReadsTheIndexOnly: the progress page's sums per quarter hour
// and per week read attempts_user_created_cover_idx alone, never the rows
// (answer and report, several KB each). On the benchmark's fixture the
// store's part of the page for 2,000 answers went from 8.4 ms to 2.8 ms
// (BenchmarkProgress) with the hand scan.
func TestProgressReadsTheIndexOnly(t *testing.T) {
	s := mustOpenStore(t)
	if s.Dialect != "sqlite" {
		t.Skip("the plan is SQLite's")
	}
	now := time.Now().UTC()
	weeks, args := weeksSQL(1, []time.Time{now.Add(-14 * 24 * time.Hour), now.Add(-7 * 24 * time.Hour), now})
	for _, q := range []struct {
		sql  string
		args []any
	}{{s.quartersSQL(), []any{1}}, {weeks, args}} {
		var plan []struct{ Detail string }
		if err := s.db.Raw("EXPLAIN QUERY PLAN "+q.sql, q.args...).Scan(&plan).Error; err != nil {
			t.Fatal(err)
		}
		var all []string
		for _, p := range plan {
			all = append(all, p.Detail)
		}
		if got := strings.Join(all, "; "); !strings.Contains(got, "COVERING INDEX attempts_user_created_cover_idx") {
			t.Errorf("query plan %q does not read the covering index alone", got)
		}
	}
}
