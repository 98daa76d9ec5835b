package web

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/store"
)

// progressClock is the progress tests' "now": Wednesday 2026-11-25, in the
// week that starts on Monday 2026-11-23.
var progressClock = time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC)

// newProgressServer is newTestServer with the store's clock fixed at
// progressClock.
func newProgressServer(t *testing.T) *testServer {
	t.Helper()
	return newTestServer(t, withClock(func() time.Time { return progressClock }))
}

// insertProgressAttempt stores an attempt at a given time, bypassing the
// form (which stamps the clock's now).
func insertProgressAttempt(t *testing.T, ts *testServer, userID int64, qid string, at time.Time, secs int, r ...int) {
	t.Helper()
	a := store.Attempt{UserID: userID, QuestionID: qid, Lang: "en", Answer: "An answer.", SecondsTaken: secs,
		ClientToken: fmt.Sprintf("ins-%d-%s-%d", userID, qid, at.UnixNano()), CreatedAt: at, UpdatedAt: at}
	for i, k := range store.Criteria {
		a.Ratings.Set(k, r[i])
	}
	if err := ts.db.Create(&a).Error; err != nil {
		t.Fatal(err)
	}
}

// tableRows reads a table as rows of cell texts (header cells included).
func tableRows(tbl *goquery.Selection) [][]string {
	var out [][]string
	tbl.Find("tbody tr").Each(func(_ int, tr *goquery.Selection) {
		var row []string
		tr.Children().Each(func(_ int, td *goquery.Selection) { row = append(row, strings.TrimSpace(td.Text())) })
		out = append(out, row)
	})
	return out
}

// rowOf returns the row of rows whose first cell is key.
func rowOf(rows [][]string, key string) []string {
	for _, r := range rows {
		if len(r) > 0 && r[0] == key {
			return r
		}
	}
	return nil
}

var i18nKeyOnPage = regexp.MustCompile(`progress\.[a-z]`)

func TestProgressPage(t *testing.T) {
	ts := newProgressServer(t)
	c := ts.client(t)
	u := signup(t, ts, c, "progress@example.com", "ja")

	// Today (the clock's Wednesday), through the practice form: two answers.
	qA, qB, qC := "why-sales", testLibrary.Questions[1].ID, testLibrary.Questions[2].ID
	if qB == qA || qC == qA {
		qB, qC = testLibrary.Questions[3].ID, testLibrary.Questions[4].ID
	}
	saveAttempt(t, ts, c, qA, "My first answer about why I chose sales.") // 4 4 4 4 4 3, 95 s
	page, tok := openPractice(t, ts, c, qB)
	attemptIDOf(t, submitPractice(t, ts, c, page, qB, practiceValues("Another answer.", tok, 2, 3, 5, 1, 4, 5))) // 95 s
	// Yesterday, and a week earlier on a coach's own question.
	insertProgressAttempt(t, ts, u.ID, qC, progressClock.AddDate(0, 0, -1), 200, 3, 2, 3, 1, 1, 1)
	insertProgressAttempt(t, ts, u.ID, "custom-7", progressClock.AddDate(0, 0, -8), 300, 2, 2, 2, 2, 2, 2)
	// Someone else's answers must not show.
	other := ts.client(t)
	signup(t, ts, other, "other@example.com", "en")
	saveAttempt(t, ts, other, testLibrary.Questions[5].ID, "Theirs.")

	// Coverage, counted from the bank here.
	practised := map[string]bool{qA: true, qB: true, qC: true}
	catDone, catTotal := map[string]int{}, map[string]int{}
	for _, q := range testLibrary.Questions {
		catTotal[q.Category]++
		if practised[q.ID] {
			catDone[q.Category]++
		}
	}
	bank := len(testLibrary.Questions)

	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			r := ts.get(t, c, "/me/progress?lang="+lang)
			if r.StatusCode != http.StatusOK {
				t.Fatalf("status %d", r.StatusCode)
			}
			T := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
			if got, _ := r.doc.Find("html").Attr("lang"); got != lang {
				t.Errorf("<html lang=%q>", got)
			}
			if got := h1(r); got != T("progress.title") {
				t.Errorf("h1 %q", got)
			}
			if i18nKeyOnPage.MatchString(r.body) {
				t.Errorf("an i18n key shows on the page: %q", i18nKeyOnPage.FindString(r.body))
			}
			secs := r.doc.Find("main section.card")
			if secs.Length() != 4 {
				t.Fatalf("%d sections, want 4", secs.Length())
			}
			secs.Each(func(i int, s *goquery.Selection) {
				id, _ := s.Attr("aria-labelledby")
				if id == "" || s.Find("h2#"+id).Length() != 1 {
					t.Errorf("section %d is not labelled by its h2", i)
				}
			})

			// Every chart is an image named by its title, with a unique id.
			svgs := r.doc.Find("svg[role=img]")
			if svgs.Length() != 4 {
				t.Fatalf("%d charts, want 4", svgs.Length())
			}
			ids := map[string]bool{}
			svgs.Each(func(i int, s *goquery.Selection) {
				lb, _ := s.Attr("aria-labelledby")
				first := strings.Fields(lb)[0]
				title := s.Find("title#" + first)
				if title.Length() != 1 || strings.TrimSpace(title.Text()) == "" {
					t.Errorf("chart %d has no title (aria-labelledby=%q)", i, lb)
				}
				if ids[first] {
					t.Errorf("chart id %s repeats", first)
				}
				ids[first] = true
			})
			if r.doc.Find("details table").Length() != 4 {
				t.Errorf("%d tables, want one per chart", r.doc.Find("details table").Length())
			}

			// Streaks and totals: 4 answers on 3 days (11-17, 11-24, 11-25),
			// 95+95+200+300 s.
			stats := map[string]string{}
			r.doc.Find("dl.stats > div").Each(func(_ int, s *goquery.Selection) {
				stats[strings.TrimSpace(s.Find("dt").Text())] = strings.TrimSpace(s.Find("dd").Text())
			})
			want := map[string]string{
				T("progress.stats.current"): T("progress.days.many", 2),
				T("progress.stats.longest"): T("progress.days.many", 2),
				T("progress.stats.answers"): T("progress.answers.n", 4),
				T("progress.stats.days"):    T("progress.days.many", 3),
				T("progress.stats.time"):    T("q.minsec", 11, 30),
			}
			for k, v := range want {
				if stats[k] != v {
					t.Errorf("stat %q = %q, want %q (all: %v)", k, stats[k], v, stats)
				}
			}

			// Weekly averages: this week (3 answers) and last week (1).
			rt := r.doc.Find("#progress-ratings-sec table")
			head := []string{}
			rt.Find("thead th").Each(func(_ int, s *goquery.Selection) { head = append(head, strings.TrimSpace(s.Text())) })
			if len(head) != 7 || head[1] != T("rubric.example.name") || head[6] != T("rubric.overall.name") {
				t.Errorf("ratings table head %v", head)
			}
			rows := tableRows(rt)
			if len(rows) != progressWeeks || rows[0][0] != "2026-09-07" || rows[11][0] != "2026-11-23" {
				t.Fatalf("ratings table weeks: %d rows, %v", len(rows), rows)
			}
			for week, vals := range map[string]string{
				"2026-11-23": "3.0 3.0 4.0 2.0 3.0 3.0", // (4+2+3)/3, (4+3+2)/3, (4+5+3)/3, (4+1+1)/3, (4+4+1)/3, (3+5+1)/3
				"2026-11-16": "2.0 2.0 2.0 2.0 2.0 2.0",
				"2026-11-09": "— — — — — —",
			} {
				if got := strings.Join(rowOf(rows, week)[1:], " "); got != vals {
					t.Errorf("week %s averages %q, want %q", week, got, vals)
				}
			}
			wt := tableRows(r.doc.Find("#progress-weekly-sec table"))
			for week, n := range map[string]string{"2026-11-23": "3", "2026-11-16": "1", "2026-11-09": "0"} {
				if got := rowOf(wt, week); len(got) != 2 || got[1] != n {
					t.Errorf("answers in week %s: %v, want %s", week, got, n)
				}
			}

			// Coverage of the bank: three bank questions; custom-7 is not one.
			cov := r.doc.Find("#progress-coverage-sec")
			if !strings.Contains(cov.Text(), T("progress.coverage.summary", bank, 3, 300/bank)) {
				t.Errorf("coverage summary missing: %q", cov.Find("p").First().Text())
			}
			ct := tableRows(cov.Find("table").First())
			if len(ct) != len(testLibrary.Categories) {
				t.Errorf("%d category rows, want %d", len(ct), len(testLibrary.Categories))
			}
			for _, cat := range testLibrary.Categories {
				row := rowOf(ct, cat.Name[lang])
				want := []string{cat.Name[lang], fmt.Sprint(catDone[cat.ID]), fmt.Sprint(catTotal[cat.ID]),
					fmt.Sprintf("%.0f%%", 100*float64(catDone[cat.ID])/float64(catTotal[cat.ID]))}
				if strings.Join(row, "|") != strings.Join(want, "|") {
					t.Errorf("category row %v, want %v", row, want)
				}
			}
			st := tableRows(cov.Find("table").Eq(1))
			if len(st) != len(testLibrary.Skills) {
				t.Errorf("%d skill rows, want %d", len(st), len(testLibrary.Skills))
			}
			// The suggestion links to a category not yet practised.
			href, _ := cov.Find(`a[href^="/questions?category="]`).First().Attr("href")
			if cat := strings.TrimPrefix(href, "/questions?category="); href == "" || catDone[cat] != 0 {
				t.Errorf("suggested category %q (practised %d)", href, catDone[cat])
			}
			if strings.Contains(r.body, "Theirs.") || strings.Contains(r.body, testLibrary.Questions[5].Title[lang]) {
				t.Error("another user's practice shows")
			}
		})
	}
}

func TestProgressEmptyAndVisitor(t *testing.T) {
	ts := newProgressServer(t)
	c := ts.client(t)
	r := ts.get(t, c, "/me/progress")
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/login?next="+url.QueryEscape("/me/progress") {
		t.Fatalf("visitor: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
	u := signup(t, ts, c, "empty@example.com", "en")
	for _, lang := range []string{"ja", "en"} {
		r = ts.get(t, c, "/me/progress?lang="+lang)
		if r.StatusCode != 200 || h1(r) != i18n.T(lang, "progress.title") {
			t.Fatalf("%s: %d %q", lang, r.StatusCode, h1(r))
		}
		empty := r.doc.Find("main .empty")
		if !strings.Contains(empty.Text(), i18n.T(lang, "progress.empty")) || empty.Find(`a[href="/questions"]`).Length() != 1 {
			t.Errorf("%s: no empty state with a link to the bank: %q", lang, empty.Text())
		}
		if r.doc.Find("main svg").Length() != 0 || r.doc.Find("main section").Length() != 0 {
			t.Errorf("%s: charts shown without data", lang)
		}
	}

	// One answer yesterday: a one-day streak that today can extend.
	insertProgressAttempt(t, ts, u.ID, "why-sales", progressClock.AddDate(0, 0, -1), 42, 3, 3, 3, 3, 3, 3)
	r = ts.get(t, c, "/me/progress?lang=en")
	if got := r.text("dl.stats dd"); got != "1 day" {
		t.Errorf("current streak %q, want 1 day", got)
	}
	if !strings.Contains(r.text("#progress-stats .notice"), i18n.T("en", "progress.stats.keepup")) {
		t.Error("no nudge to practise today")
	}
	if r.doc.Find(".empty").Length() != 0 || r.doc.Find("main svg[role=img]").Length() != 4 {
		t.Error("the page still looks empty after an answer")
	}
}

// queryCounter counts the SQL statements a GORM handle runs, and those
// that read the attempts table.
type queryCounter struct {
	mu       sync.Mutex
	all, att int
}

func (q *queryCounter) register(t *testing.T, st *store.Store) {
	t.Helper()
	err := st.Observe("test:count", func(sql string) {
		if strings.Contains(sql, "mail_outbox") {
			return // the mail delivery loop, not the page
		}
		q.mu.Lock()
		defer q.mu.Unlock()
		q.all++
		if strings.Contains(sql, "FROM attempts") {
			q.att++
		}
	})
	if err != nil {
		t.Fatalf("observing the store: %v", err)
	}
}

func (q *queryCounter) reset() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.all, q.att = 0, 0
}

func (q *queryCounter) get() (all, att int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.all, q.att
}

// TestProgressQueryCount renders the page for 20 and for 200 answers: the
// number of queries must not grow with the data (no N+1).
func TestProgressQueryCount(t *testing.T) {
	ts := newProgressServer(t)
	c := ts.client(t)
	u := signup(t, ts, c, "counted@example.com", "en")
	var qc queryCounter
	qc.register(t, ts.store)

	add := func(from, to int) {
		t.Helper()
		var as []store.Attempt
		for i := from; i < to; i++ {
			at := progressClock.Add(-time.Duration(i*9) * time.Hour) // about 75 days for 200
			qid := testLibrary.Questions[i%len(testLibrary.Questions)].ID
			if i%9 == 0 {
				qid = fmt.Sprintf("custom-%d", i)
			}
			a := store.Attempt{UserID: u.ID, QuestionID: qid, Lang: "en", Answer: "x", SecondsTaken: 60 + i,
				ClientToken: fmt.Sprintf("qc-%d", i), CreatedAt: at, UpdatedAt: at}
			for j, k := range store.Criteria {
				a.Ratings.Set(k, 1+(i+j)%5)
			}
			as = append(as, a)
		}
		if err := ts.db.CreateInBatches(&as, 100).Error; err != nil {
			t.Fatal(err)
		}
	}
	render := func() (all, att int, body string) {
		t.Helper()
		ts.get(t, c, "/me/progress") // a first GET settles the session (flash, cookies)
		qc.reset()
		r := ts.get(t, c, "/me/progress")
		if r.StatusCode != 200 {
			t.Fatalf("status %d", r.StatusCode)
		}
		all, att = qc.get()
		return all, att, r.body
	}

	add(0, 20)
	all20, att20, body := render()
	if !strings.Contains(body, i18n.T("en", "progress.answers.n", 20)) {
		t.Error("the page does not count 20 answers")
	}
	add(20, 200)
	all200, att200, body := render()
	if !strings.Contains(body, i18n.T("en", "progress.answers.n", 200)) {
		t.Error("the page does not count 200 answers")
	}
	t.Logf("queries per page: %d with 20 answers, %d with 200 (%d and %d on attempts)", all20, all200, att20, att200)
	if all20 != all200 || att20 != att200 {
		t.Errorf("queries grow with the data: %d (%d on attempts) for 20 answers, %d (%d) for 200", all20, att20, all200, att200)
	}
	if att200 != 3 { // quarter hours, the weeks shown, the questions
		t.Errorf("%d queries on attempts, want 3", att200)
	}
}
