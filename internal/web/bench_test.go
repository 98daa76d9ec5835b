package web

// Benchmarks of the hot pages, through the whole middleware chain
// (sessions, CSRF, gzip, templates) but without a network: requests go
// straight to Server.ServeHTTP. They measure; they assert nothing about
// time. Run them with
//
//	go test ./internal/web -run '^$' -bench . -benchmem
//
// The test helpers of this package take *testing.T, so the few steps a
// benchmark needs (opening a store, signing in) are redone here for
// testing.TB. cmd/aeprep-bench is the end-to-end load test.

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/aeprep/aeprep/content"
	"github.com/aeprep/aeprep/internal/auth"
	"github.com/aeprep/aeprep/internal/roleplay"
	"github.com/aeprep/aeprep/internal/store"
	"github.com/aeprep/aeprep/internal/store/storetest"
)

// benchEnv is a server on a fresh SQLite file, driven in process.
type benchEnv struct {
	srv *Server
	st  *store.Store
	db  *gorm.DB // a second connection for fixtures
}

func newBenchEnv(tb testing.TB) *benchEnv {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "bench.db")
	st := storetest.Open(tb, path)
	lots := 1 << 30
	srv, err := New(Options{Store: st, Library: testLibrary,
		Limits: Limits{LoginPerIP: lots, LoginPerAccount: lots, SignupPerIP: lots}})
	if err != nil {
		tb.Fatal(err)
	}
	return &benchEnv{srv: srv, st: st, db: storetest.Conn(tb, path, nil)}
}

// do serves one request; cookie is a Cookie header ("" for none). Bodies
// are form-encoded. Like a browser, it asks for gzip.
func (e *benchEnv) do(method, path, cookie, body string) *httptest.ResponseRecorder {
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, r)
	req.RemoteAddr = "192.0.2.1:1234"
	req.Header.Set("Accept-Encoding", "gzip")
	if body != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	rec := httptest.NewRecorder()
	e.srv.ServeHTTP(rec, req)
	return rec
}

// benchSession is a signed-in browser: its Cookie header and CSRF token.
type benchSession struct {
	cookie, csrf string
}

// benchHash is testPassword hashed once: fixtures store it for every user.
var benchHash = func() func(testing.TB) string {
	var h string
	return func(tb testing.TB) string {
		if h == "" {
			var err error
			if h, err = auth.Hash(testPassword); err != nil {
				tb.Fatal(err)
			}
		}
		return h
	}
}()

// addUser stores an account directly (no signup form, no argon2 per user).
func (e *benchEnv) addUser(tb testing.TB, email string, coach bool) *store.User {
	tb.Helper()
	u := &store.User{Email: email, DisplayName: strings.Split(email, "@")[0], PasswordHash: benchHash(tb), Lang: "ja", IsCoach: coach}
	if err := e.st.CreateUser(context.Background(), u); err != nil {
		tb.Fatal(err)
	}
	return u
}

// login signs email in through GET and POST /login, as a browser does.
func (e *benchEnv) login(tb testing.TB, email string) benchSession {
	tb.Helper()
	cookies := map[string]string{}
	keep := func(rec *httptest.ResponseRecorder) {
		for _, ck := range rec.Result().Cookies() {
			cookies[ck.Name] = ck.Value
		}
	}
	header := func() string {
		var parts []string
		for k, v := range cookies {
			parts = append(parts, k+"="+v)
		}
		return strings.Join(parts, "; ")
	}
	page := e.do("GET", "/login", "", "")
	keep(page)
	tok := pageCSRF(gunzipped(tb, page))
	if tok == "" || cookies[csrfCookie] == "" {
		tb.Fatal("GET /login gave no CSRF token")
	}
	form := url.Values{"email": {email}, "password": {testPassword}, csrfField: {tok}}
	rec := e.do("POST", "/login", header(), form.Encode())
	if rec.Code != http.StatusSeeOther {
		tb.Fatalf("login %s: status %d", email, rec.Code)
	}
	keep(rec)
	// Signed in, the token is the session's.
	me := e.do("GET", "/me", header(), "")
	if tok = pageCSRF(gunzipped(tb, me)); tok == "" {
		tb.Fatal("GET /me gave no CSRF token")
	}
	return benchSession{cookie: header(), csrf: tok}
}

var csrfInput = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// pageCSRF returns the CSRF token of the first form in an HTML page.
func pageCSRF(html string) string {
	if m := csrfInput.FindStringSubmatch(html); m != nil {
		return m[1]
	}
	return ""
}

// gunzipped returns a recorded response's body, gunzipped if need be.
func gunzipped(tb testing.TB, rec *httptest.ResponseRecorder) string {
	tb.Helper()
	if rec.Header().Get("Content-Encoding") != "gzip" {
		return rec.Body.String()
	}
	return gunzip(tb, rec.Body.String())
}

func expectStatus(b *testing.B, rec *httptest.ResponseRecorder, want int) {
	if rec.Code != want {
		b.Fatalf("status %d, want %d: %.300s", rec.Code, want, rec.Body.String())
	}
}

// BenchmarkRenderQuestionPage is a visitor reading a public question page.
func BenchmarkRenderQuestionPage(b *testing.B) {
	e := newBenchEnv(b)
	b.ReportAllocs()
	for b.Loop() {
		expectStatus(b, e.do("GET", "/questions/why-sales", "", ""), http.StatusOK)
	}
}

// BenchmarkRenderPracticePage is a signed-in candidate opening the
// practice form of a question they answered ten times before.
func BenchmarkRenderPracticePage(b *testing.B) {
	e := newBenchEnv(b)
	u := e.addUser(b, "cand@bench.test", false)
	var prior []store.Attempt
	for k := range 10 {
		prior = append(prior, benchAttempt(u.ID, "why-sales", k, time.Now().UTC().Add(-time.Duration(10-k)*time.Hour)))
	}
	if err := e.db.CreateInBatches(&prior, 100).Error; err != nil {
		b.Fatal(err)
	}
	s := e.login(b, u.Email)
	b.ReportAllocs()
	for b.Loop() {
		expectStatus(b, e.do("GET", "/practice/why-sales", s.cookie, ""), http.StatusOK)
	}
}

// BenchmarkSaveAttempt posts a ~1,000-character answer: CSRF check,
// insight analysis, the attempt and its card in one transaction, and the
// session write. Saving replays every earlier attempt at the question to
// reschedule its card, so the cost depends on that history: the
// sub-benchmarks hold it near 10 and near 500 attempts (the answers the
// benchmark adds are deleted, off the clock, every 64 saves).
func BenchmarkSaveAttempt(b *testing.B) {
	for _, history := range []int{10, 500} {
		b.Run("history="+strconv.Itoa(history), func(b *testing.B) {
			e := newBenchEnv(b)
			u := e.addUser(b, "saver@bench.test", false)
			var prior []store.Attempt
			start := time.Now().UTC().Add(-time.Duration(history) * time.Hour)
			for k := range history {
				prior = append(prior, benchAttempt(u.ID, "why-sales", k, start.Add(time.Duration(k)*time.Hour)))
			}
			if err := e.db.CreateInBatches(&prior, 200).Error; err != nil {
				b.Fatal(err)
			}
			s := e.login(b, u.Email)
			answer := string([]rune(strings.Repeat("前職では中堅製造業向けにSaaSの新規開拓を担当し、四半期のクォータを六期連続で達成しました。顧客の事業課題を数字で捉え、意思決定者ごとに価値を言い換えました。", 20))[:1000])
			form := url.Values{"answer": {answer}, "seconds_taken": {"104"}, "time_limit": {"120"},
				"r_example": {"4"}, "r_structure": {"3"}, "r_confidence": {"4"}, "r_customer": {"3"}, "r_concise": {"2"}, "r_overall": {"4"},
				csrfField: {s.csrf}}.Encode()
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				i++
				if i%64 == 0 {
					b.StopTimer()
					if err := e.db.Exec(`DELETE FROM attempts WHERE user_id = ? AND client_token LIKE 'bench-save-%'`, u.ID).Error; err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
				}
				body := form + "&client_token=bench-save-" + strconv.Itoa(i) + "-padding"
				expectStatus(b, e.do("POST", "/practice/why-sales", s.cookie, body), http.StatusSeeOther)
			}
		})
	}
}

// BenchmarkCohortMatrix is a coach opening a set page whose cohort matrix
// has 50 candidates × 20 questions with 5 attempts each (5,000 attempts),
// a fifth of the latest answers reviewed; store.Cohort alone is the
// query part of it.
func BenchmarkCohortMatrix(b *testing.B) {
	const candidates, questions, perCell = 50, 20, 5
	e := newBenchEnv(b)
	ctx := context.Background()
	coach := e.addUser(b, "coach@bench.test", true)
	var items []store.SetItem
	for _, q := range testLibrary.Questions[:questions] {
		items = append(items, store.SetItem{QuestionID: q.ID})
	}
	set := &store.Set{CoachID: coach.ID, Title: "Bench cohort", Lang: "ja"}
	if err := e.st.CreateSet(ctx, set, items); err != nil {
		b.Fatal(err)
	}
	joined := time.Now().UTC().Add(-30 * 24 * time.Hour)
	var members []store.Membership
	var attempts []store.Attempt
	for i := range candidates {
		u := &store.User{Email: fmt.Sprintf("c%03d@bench.test", i), DisplayName: fmt.Sprintf("Candidate %03d", i),
			PasswordHash: "x", Lang: "ja"}
		if err := e.st.CreateUser(ctx, u); err != nil {
			b.Fatal(err)
		}
		members = append(members, store.Membership{SetID: set.ID, CandidateID: u.ID, JoinedAt: joined})
		for j, it := range items {
			for k := range perCell {
				at := joined.Add(time.Duration(k*24+j)*time.Hour + time.Duration(i)*time.Second)
				attempts = append(attempts, benchAttempt(u.ID, it.QuestionID, k+i+j, at))
			}
		}
	}
	err := e.db.Transaction(func(tx *gorm.DB) error {
		if err := tx.CreateInBatches(&members, 500).Error; err != nil {
			return err
		}
		if err := tx.CreateInBatches(&attempts, 500).Error; err != nil {
			return err
		}
		var reviews []store.Feedback
		for n := perCell - 1; n < len(attempts); n += perCell * 5 { // the latest answer of every fifth cell
			a := attempts[n]
			reviews = append(reviews, store.Feedback{AttemptID: a.ID, CoachID: coach.ID,
				Ratings: store.Ratings{Example: 3, Structure: 4, Confidence: 3, Customer: 4, Concise: 3, Overall: 4},
				Comment: "Lead with the number.", CreatedAt: a.CreatedAt, UpdatedAt: a.CreatedAt})
		}
		return tx.CreateInBatches(&reviews, 500).Error
	})
	if err != nil {
		b.Fatal(err)
	}
	// Loaded behind the store's back: the cohort's cells are computed once.
	if err := e.st.RebuildCohortCells(ctx); err != nil {
		b.Fatal(err)
	}
	s := e.login(b, coach.Email)
	path := fmt.Sprintf("/coach/sets/%d", set.ID)
	if rec := e.do("GET", path, s.cookie, ""); rec.Code != http.StatusOK {
		b.Fatalf("GET %s: %d", path, rec.Code)
	}
	b.Run("page", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			expectStatus(b, e.do("GET", path, s.cookie, ""), http.StatusOK)
		}
	})
	b.Run("store.CohortCells", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			cells, err := e.st.CohortCells(ctx, set.ID, nil)
			if err != nil || len(cells) != candidates {
				b.Fatalf("CohortCells: %d rows, %v", len(cells), err)
			}
		}
	})
}

// benchAttempt is a stored answer with ratings that vary with k.
func benchAttempt(userID int64, questionID string, k int, at time.Time) store.Attempt {
	r := func(off int) int { return 1 + (k+off)%5 }
	return store.Attempt{UserID: userID, QuestionID: questionID, Lang: "ja",
		Answer:       "前職では中堅製造業向けにSaaSの新規開拓を担当し、四半期のクォータを六期連続で達成しました。",
		SecondsTaken: 90, TimeLimit: 120,
		Ratings:     store.Ratings{Example: r(0), Structure: r(1), Confidence: r(2), Customer: r(3), Concise: r(4), Overall: r(k % 3)},
		Insights:    "{}",
		ClientToken: fmt.Sprintf("fixture-%d-%d-%d", userID, k, at.UnixNano()),
		CreatedAt:   at, UpdatedAt: at}
}

// BenchmarkRoleplayTurn is one reply in a role-play call: "http" posts it
// through the whole chain (CSRF, session, the run read and checked, moves
// detected, the branch chosen, the turn and the new state stored in one
// transaction, the redirect); "engine" is the detection and the step
// alone. A new run is started, off the clock, every 10 turns (the call's
// limit is 12).
func BenchmarkRoleplayTurn(b *testing.B) {
	replies := []string{
		"Thanks for making the time. Before I say anything about us, what made order processing worth a call this week?",
		"That sounds painful. How much time does the retyping take, and what does it cost you when a typo gets through?",
		"What would success look like for you a few months after go-live?",
		"Who else would be involved in a decision like this, and how does it usually get made?",
		"When would this need to be working?",
	}
	b.Run("http", func(b *testing.B) {
		e := newBenchEnv(b)
		u := e.addUser(b, "caller@bench.test", false)
		s := e.login(b, u.Email)
		sc := e.srv.rp.Get("discovery-freight", "en")
		var run *store.RoleplayRun
		newRun := func() {
			st, _ := json.Marshal(roleplay.Start(sc))
			run = &store.RoleplayRun{UserID: u.ID, ScenarioID: sc.ID, Lang: "en", State: string(st)}
			if err := e.st.StartRoleplay(context.Background(), run); err != nil {
				b.Fatal(err)
			}
		}
		newRun()
		b.ReportAllocs()
		turn := 0
		cpu0 := processCPU()
		for b.Loop() {
			if turn == 10 {
				b.StopTimer()
				newRun()
				turn = 0
				b.StartTimer()
			}
			turn++
			body := url.Values{"reply": {replies[turn%len(replies)]}, "turn": {strconv.Itoa(turn)}, csrfField: {s.csrf}}.Encode()
			expectStatus(b, e.do("POST", fmt.Sprintf("/roleplay/runs/%d/turns", run.ID), s.cookie, body), http.StatusSeeOther)
		}
		// The process's CPU time (user and system, GC and SQLite included;
		// the new runs started off the clock are in it too), per turn.
		b.ReportMetric(float64((processCPU()-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
	})
	b.Run("engine", func(b *testing.B) {
		lib, err := roleplay.Load(content.FS)
		if err != nil {
			b.Fatal(err)
		}
		sc := lib.Get("discovery-freight", "en")
		st := roleplay.Start(sc)
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			i++
			if st.Done || i%10 == 0 {
				st = roleplay.Start(sc)
			}
			st, _ = roleplay.Step(sc, st, replies[i%len(replies)], "en")
		}
	})
}
