package main

// Durability tests: they build the real binary once, run it as a subprocess
// on 127.0.0.1:0 with a temporary SQLite database, and talk to it over real
// HTTP only. They check that concurrent saves are neither lost nor
// duplicated, that a card replayed under concurrency equals a sequential
// replay, that acknowledged saves survive SIGKILL, that SIGTERM drains
// in-flight requests, and that `aeprep backup` works under load.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/aeprep/aeprep/internal/srs"
	"github.com/aeprep/aeprep/internal/store"
)

// TestConcurrentSaves: 50 clients, each with its own account, save 100
// attempts each at once. Every save must be acknowledged with a 303 and be
// stored exactly once, with its owner and text, without SQLITE_BUSY.
func TestConcurrentSaves(t *testing.T) {
	if testing.Short() {
		t.Skip("long: 5,000 saves through the real binary")
	}
	const clients, perClient = 50, 100
	db := filepath.Join(t.TempDir(), "aeprep.db")
	p := startServer(t, db)
	tr := newTransport()
	defer tr.CloseIdleConnections()

	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Second)
	defer cancel()
	var (
		fails    failures
		mu       sync.Mutex
		latency  []time.Duration
		saves    = make([][]*save, clients)
		emails   = make([]string, clients)
		signedUp sync.WaitGroup
		wg       sync.WaitGroup
		start    = make(chan struct{})
		attempts atomic.Int64
	)
	// Sign-ups hash passwords with argon2id (19 MiB each): at most 8 at a
	// time keeps the server's memory modest; the saves are all concurrent.
	signupSem := make(chan struct{}, 8)
	signedUp.Add(clients)
	for ci := range clients {
		emails[ci] = fmt.Sprintf("client%02d@example.com", ci)
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := newClient(p.URL, tr)
			signupSem <- struct{}{}
			err := c.signup(p, emails[ci], fmt.Sprintf("Client %d", ci))
			<-signupSem
			signedUp.Done()
			if err != nil {
				fails.add("client %d: %v", ci, err)
				return
			}
			<-start
			var mine []time.Duration
			for i := range perClient {
				if ctx.Err() != nil {
					fails.add("client %d: out of time after %d saves", ci, i)
					break
				}
				if fails.count() >= 200 {
					break // broken beyond doubt: fail fast
				}
				s := newSave(fmt.Sprintf("client %d save %d", ci, i), bankQuestions[(ci+i)%len(bankQuestions)], 0)
				attempts.Add(1)
				t0 := time.Now()
				r, err := c.submit(s)
				mine = append(mine, time.Since(t0))
				switch {
				case err != nil:
					fails.add("client %d save %d: %v", ci, i, err)
				case r.status != http.StatusSeeOther:
					fails.add("client %d save %d: status %d: %s", ci, i, r.status, snippet(r.body))
				default:
					saves[ci] = append(saves[ci], s)
				}
			}
			mu.Lock()
			latency = append(latency, mine...)
			mu.Unlock()
		}()
	}
	signedUp.Wait()
	t0 := time.Now()
	close(start)
	wg.Wait()
	elapsed := time.Since(t0)
	fails.report(t, "saves")
	acked := 0
	for _, ss := range saves {
		acked += len(ss)
	}
	t.Logf("%d saves attempted, %d acknowledged (303) in %v: %.0f saves/s; latency p50 %v p99 %v max %v",
		attempts.Load(), acked, elapsed.Round(time.Millisecond), float64(acked)/elapsed.Seconds(),
		percentile(latency, 0.5).Round(time.Microsecond), percentile(latency, 0.99).Round(time.Microsecond),
		percentile(latency, 1).Round(time.Microsecond))

	took := p.stop(t, 30*time.Second)
	t.Logf("graceful stop in %v", took.Round(time.Millisecond))
	log := p.stderr.String()
	checkNoLockErrors(t, log)
	if errs := errorLines(log); len(errs) > 0 {
		t.Errorf("server logged %d errors, first: %s", len(errs), errs[0])
	}

	st := openStore(t, db)
	atts := allAttempts(t, st)
	byToken := indexByToken(atts)
	found := 0
	for ci := range clients {
		found += checkSaved(t, fmt.Sprintf("client %d", ci), saves[ci], userID(t, st, emails[ci]), byToken)
	}
	if len(atts) != clients*perClient {
		t.Errorf("database holds %d attempts, want %d", len(atts), clients*perClient)
	}
	checkCardsMatchAttempts(t, "after concurrent saves", st)
	t.Logf("figures: %d saves attempted, %d acknowledged, %d found exactly once and intact, %d rows in attempts",
		attempts.Load(), acked, found, len(atts))
}

// TestSameCardManyTabs: one user saves the same question from 20 tabs at
// once. The card must equal a sequential replay of all 200 attempts.
func TestSameCardManyTabs(t *testing.T) {
	const tabs, perTab, qid = 20, 10, "why-sales"
	db := filepath.Join(t.TempDir(), "aeprep.db")
	p := startServer(t, db)
	tr := newTransport()
	defer tr.CloseIdleConnections()
	c := newClient(p.URL, tr)
	if err := c.signup(p, "tabs@example.com", "Many Tabs"); err != nil {
		t.Fatal(err)
	}
	// The practice page renders for the signed-in user (and its form is
	// what the tabs submit).
	if r, err := c.get("/practice/" + qid); err != nil || r.status != http.StatusOK {
		t.Fatalf("GET /practice/%s: %v %d", qid, err, r.status)
	}
	var (
		fails failures
		wg    sync.WaitGroup
		mu    sync.Mutex
		saved []*save
	)
	start := make(chan struct{})
	t0 := time.Now()
	for tab := range tabs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for i := range perTab {
				s := newSave(fmt.Sprintf("tab %d save %d", tab, i), qid, (tab+i)%5+1)
				r, err := c.submit(s)
				switch {
				case err != nil:
					fails.add("tab %d save %d: %v", tab, i, err)
				case r.status != http.StatusSeeOther:
					fails.add("tab %d save %d: status %d: %s", tab, i, r.status, snippet(r.body))
				default:
					mu.Lock()
					saved = append(saved, s)
					mu.Unlock()
				}
			}
		}()
	}
	close(start)
	wg.Wait()
	t.Logf("%d saves of one card from %d tabs in %v", len(saved), tabs, time.Since(t0).Round(time.Millisecond))
	fails.report(t, "tab saves")
	p.stop(t, 30*time.Second)
	checkNoLockErrors(t, p.stderr.String())

	ctx := context.Background()
	st := openStore(t, db)
	uid := userID(t, st, "tabs@example.com")
	checkSaved(t, "tabs", saved, uid, indexByToken(allAttempts(t, st)))
	before, err := st.CardFor(ctx, uid, qid)
	if err != nil {
		t.Fatal(err)
	}
	var latest store.Attempt
	if err := st.DB.Where("user_id = ? AND question_id = ?", uid, qid).Order("created_at DESC, id DESC").Take(&latest).Error; err != nil {
		t.Fatal(err)
	}
	if before.Reps != tabs*perTab {
		t.Errorf("card reps = %d, want %d", before.Reps, tabs*perTab)
	}
	if before.LastScore != latest.Overall {
		t.Errorf("card last score = %d, want %d (overall of latest attempt %d)", before.LastScore, latest.Overall, latest.ID)
	}
	// A sequential replay of the same attempts, in the order they were
	// made, must give the same card: the scheduler's steps, one by one.
	var history []store.Attempt
	if err := st.DB.Where("user_id = ? AND question_id = ?", uid, qid).Order("created_at, id").Find(&history).Error; err != nil {
		t.Fatal(err)
	}
	sched, card, last := srs.NewScheduler(), srs.NewCard(history[0].CreatedAt), 0
	for _, a := range history {
		if score := srs.EffectiveScore(a.Overall, 0); score > 0 { // no coach rates in this test
			card, last = sched.Review(card, score, a.CreatedAt), score
		}
	}
	after := *before
	after.Due, after.Stability, after.Difficulty = card.Due.UTC(), card.Stability, card.Difficulty
	after.ElapsedDays, after.ScheduledDays, after.Reps = card.ElapsedDays, card.ScheduledDays, card.Reps
	after.Lapses, after.State, after.LastScore = card.Lapses, card.State, last
	if d := cardDiff(*before, after); d != "" {
		t.Errorf("card after concurrent saves differs from a sequential replay (lost update): %s", d)
	}
	t.Logf("card: reps %d, last score %d, state %d, stability %.4f, due %s",
		after.Reps, after.LastScore, after.State, after.Stability, after.Due.Format(time.RFC3339))
}

// cardDiff compares two cards, ignoring UpdatedAt.
func cardDiff(a, b store.CardRow) string {
	var d []string
	add := func(name string, x, y any) { d = append(d, fmt.Sprintf("%s %v != %v", name, x, y)) }
	if !a.Due.Equal(b.Due) {
		add("due", a.Due, b.Due)
	}
	if a.Stability != b.Stability {
		add("stability", a.Stability, b.Stability)
	}
	if a.Difficulty != b.Difficulty {
		add("difficulty", a.Difficulty, b.Difficulty)
	}
	if a.ElapsedDays != b.ElapsedDays {
		add("elapsed days", a.ElapsedDays, b.ElapsedDays)
	}
	if a.ScheduledDays != b.ScheduledDays {
		add("scheduled days", a.ScheduledDays, b.ScheduledDays)
	}
	if a.Reps != b.Reps {
		add("reps", a.Reps, b.Reps)
	}
	if a.Lapses != b.Lapses {
		add("lapses", a.Lapses, b.Lapses)
	}
	if a.State != b.State {
		add("state", a.State, b.State)
	}
	if a.LastScore != b.LastScore {
		add("last score", a.LastScore, b.LastScore)
	}
	if (a.LastReview == nil) != (b.LastReview == nil) || (a.LastReview != nil && !a.LastReview.Equal(*b.LastReview)) {
		add("last review", a.LastReview, b.LastReview)
	}
	return strings.Join(d, "; ")
}

// saveLog records, for a crash cycle, every save sent and its fate.
type saveLog struct {
	mu       sync.Mutex
	acked    []*save
	inFlight []*save // sent, no answer before the kill
}

// TestCrashSafety: SIGKILL the server while saves are in flight, three
// times. Each restart must come up cleanly with every acknowledged save
// intact; retrying the unanswered ones (same client token) stores each
// exactly once.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("long: kill/restart cycles of the real binary")
	}
	const cycles, ackTarget, workers = 3, 150, 4
	const email = "crash@example.com"
	db := filepath.Join(t.TempDir(), "aeprep.db")
	c := newClient("", nil)
	var all []*save        // every acknowledged save, all cycles
	var pending []*save    // in flight at the last kill, unanswered
	var attempted []string // client tokens of every save sent
	survived := 0
	seq := 0

	for cycle := 0; cycle <= cycles; cycle++ {
		p := startServer(t, db)
		if cycle > 0 {
			// Started cleanly after a SIGKILL: no error logged on start-up.
			if errs := errorLines(p.stderr.String()); len(errs) > 0 {
				t.Errorf("restart %d logged errors: %v", cycle, errs)
			}
			survived++
		}
		tr := newTransport()
		c.use(p.URL, tr)
		if cycle == 0 {
			if err := c.signup(p, email, "Crash Test"); err != nil {
				t.Fatal(err)
			}
		} else if r, err := c.get("/me"); err != nil || r.status != http.StatusOK {
			// The session was committed before the kill: it must survive.
			t.Fatalf("restart %d: GET /me with the old session: %v %d %s", cycle, err, r.status, r.location)
		}

		if cycle > 0 {
			// Retry what was unanswered at the kill, as a browser would
			// resubmit: same client token, so each is stored once. Some
			// may have been committed before the kill.
			texts := map[string]int64{}
			for _, a := range exportAttempts(t, c) {
				texts[a.Answer] = a.ID
			}
			committed := 0
			for _, s := range pending {
				if _, ok := texts[s.answer]; ok {
					committed++
				}
			}
			for _, s := range pending {
				r, err := c.submit(s)
				if err != nil || r.status != http.StatusSeeOther {
					t.Fatalf("restart %d: retry of %q: %v %d %s", cycle, firstLine(s.answer), err, r.status, snippet(r.body))
				}
				if id, ok := texts[s.answer]; ok && id != s.id {
					t.Errorf("restart %d: retry of committed save %d answered with attempt %d", cycle, id, s.id)
				}
				all = append(all, s)
			}
			ex := exportAttempts(t, c)
			found := 0
			for _, s := range all {
				if a, ok := ex[s.id]; ok && a.Answer == s.answer && a.Notes == s.notes && a.QuestionID == s.qid &&
					a.SecondsTaken == s.seconds && ratingsEqual(a.Ratings, s.ratings) {
					found++
				} else {
					t.Errorf("restart %d: acknowledged save %d (%q) missing or altered: %+v", cycle, s.id, firstLine(s.answer), a)
				}
			}
			if len(ex) != len(all) {
				t.Errorf("restart %d: export holds %d attempts, %d acknowledged", cycle, len(ex), len(all))
			}
			t.Logf("restart %d: clean start; %d unanswered saves (%d had been committed) retried; %d/%d acknowledged saves found intact via /me/export.json",
				cycle, len(pending), committed, found, len(all))
			pending = nil
		}
		if cycle == cycles {
			p.stop(t, 30*time.Second)
			checkNoLockErrors(t, p.stderr.String())
			tr.CloseIdleConnections()
			break
		}

		// Save from several goroutines; kill the server mid-stream.
		var (
			lg     saveLog
			killed atomic.Bool
			flying atomic.Int64
			fails  failures
			wg     sync.WaitGroup
			seqMu  sync.Mutex
		)
		deadline := time.Now().Add(90 * time.Second)
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 5000 && !killed.Load() && time.Now().Before(deadline) && fails.count() < 20; i++ {
					seqMu.Lock()
					seq++
					n := seq
					seqMu.Unlock()
					s := newSave(fmt.Sprintf("crash cycle %d worker %d save %d", cycle, w, n), bankQuestions[n%len(bankQuestions)], 0)
					lg.mu.Lock()
					attempted = append(attempted, s.token)
					lg.mu.Unlock()
					flying.Add(1)
					r, err := c.submit(s)
					flying.Add(-1)
					lg.mu.Lock()
					switch {
					case err == nil && r.status == http.StatusSeeOther:
						lg.acked = append(lg.acked, s)
					case err == nil:
						fails.add("worker %d: status %d: %s", w, r.status, snippet(r.body))
					case killed.Load():
						lg.inFlight = append(lg.inFlight, s)
					default:
						fails.add("worker %d: %v", w, err)
					}
					lg.mu.Unlock()
					if err != nil && killed.Load() {
						return
					}
				}
			}()
		}
		// Wait for enough acknowledged saves, then SIGKILL.
		for time.Now().Before(deadline) {
			lg.mu.Lock()
			n := len(lg.acked)
			lg.mu.Unlock()
			if n >= ackTarget || fails.count() >= 20 {
				break
			}
			time.Sleep(2 * time.Millisecond)
		}
		killed.Store(true)
		inFlightAtKill := flying.Load()
		if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatalf("SIGKILL: %v", err)
		}
		wg.Wait()
		select {
		case <-p.done:
		case <-time.After(30 * time.Second):
			t.Fatal("server did not die after SIGKILL")
		}
		tr.CloseIdleConnections()
		fails.report(t, fmt.Sprintf("cycle %d saves", cycle))
		if len(lg.acked) < ackTarget {
			t.Fatalf("cycle %d: only %d saves acknowledged before the deadline", cycle, len(lg.acked))
		}
		t.Logf("cycle %d: SIGKILL after %d acknowledged saves with %d requests in flight (%d sent, unanswered)",
			cycle, len(lg.acked), inFlightAtKill, len(lg.inFlight))
		all = append(all, lg.acked...)
		pending = lg.inFlight
	}

	// Final check on the file itself.
	st := openStore(t, db)
	integrityOK(t, "after crashes", st)
	atts := allAttempts(t, st)
	byToken := indexByToken(atts)
	found := checkSaved(t, "after crashes", all, userID(t, st, email), byToken)
	sent := make(map[string]bool, len(attempted))
	for _, tok := range attempted {
		sent[tok] = true
	}
	for _, a := range atts {
		if !sent[a.ClientToken] {
			t.Errorf("attempt %d was never sent: %q", a.ID, firstLine(a.Answer))
		}
	}
	if len(atts) != len(all) {
		t.Errorf("database holds %d attempts, want the %d acknowledged", len(atts), len(all))
	}
	checkCardsMatchAttempts(t, "after crashes", st)
	t.Logf("figures: crashes survived %d; %d saves sent, %d acknowledged (including retries), %d found intact, %d rows",
		survived, len(attempted), len(all), found, len(atts))
}

type exportedAttempt struct {
	ID           int64          `json:"id"`
	QuestionID   string         `json:"question_id"`
	Answer       string         `json:"answer"`
	Notes        string         `json:"notes"`
	SecondsTaken int            `json:"seconds_taken"`
	Ratings      map[string]int `json:"ratings"`
}

// exportAttempts reads the signed-in user's attempts from /me/export.json.
func exportAttempts(t *testing.T, c *client) map[int64]exportedAttempt {
	t.Helper()
	r, err := c.get("/me/export.json")
	if err != nil || r.status != http.StatusOK {
		t.Fatalf("GET /me/export.json: %v %d", err, r.status)
	}
	var d struct {
		Attempts []exportedAttempt `json:"attempts"`
	}
	if err := json.Unmarshal([]byte(r.body), &d); err != nil {
		t.Fatalf("export.json: %v", err)
	}
	m := make(map[int64]exportedAttempt, len(d.Attempts))
	for _, a := range d.Attempts {
		m[a.ID] = a
	}
	return m
}

// errKind names a connection error briefly, for the log.
func errKind(err error) string {
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "reset"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "eof"
	}
	return "other"
}

func ratingsEqual(got map[string]int, want store.Ratings) bool {
	for _, k := range store.Criteria {
		if got[k] != want.Get(k) {
			return false
		}
	}
	return len(got) == len(store.Criteria)
}

// TestSIGTERMDrains: SIGTERM arrives while 50 saves are being sent. The
// process must exit 0 within the shutdown timeout; every answer must be a
// 303 and every acknowledged save stored. A request that failed must not
// have been saved (it was refused before the server accepted it, rather
// than processed and cut off).
func TestSIGTERMDrains(t *testing.T) {
	const rounds, n = 3, 50
	db := filepath.Join(t.TempDir(), "aeprep.db")
	var acked []*save
	totalErrs := 0
	for round := range rounds {
		p := startServer(t, db, "-shutdown-timeout", "10s")
		// One connection per request: no idle keep-alive connection for
		// the server to close under a request being written, and no
		// dialled-but-unused connection for Shutdown to wait 5s on.
		tr := newTransport()
		tr.DisableKeepAlives = true
		c := newClient(p.URL, tr)
		if err := c.signup(p, fmt.Sprintf("term%d@example.com", round), "Term"); err != nil {
			t.Fatal(err)
		}
		var (
			wg      sync.WaitGroup
			mu      sync.Mutex
			started atomic.Int64
			fails   failures
			errored []*save
			ok      []*save
			kinds   = map[string]int{}
		)
		gate := make(chan struct{})
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				s := newSave(fmt.Sprintf("term round %d save %d", round, i), bankQuestions[i%len(bankQuestions)], 0)
				<-gate
				started.Add(1)
				r, err := c.submit(s)
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err != nil:
					errored = append(errored, s)
					kinds[errKind(err)]++
				case r.status == http.StatusSeeOther:
					ok = append(ok, s)
				default:
					fails.add("save %d: status %d: %s", i, r.status, snippet(r.body))
				}
			}()
		}
		close(gate)
		for i := 0; started.Load() < n && i < 1000; i++ {
			time.Sleep(time.Millisecond)
		}
		time.Sleep(3 * time.Millisecond)
		took := p.stop(t, 15*time.Second) // the 10s drain plus margin
		wg.Wait()
		tr.CloseIdleConnections()
		fails.report(t, fmt.Sprintf("round %d", round))
		if !strings.Contains(p.stderr.String(), "shutting down") {
			t.Errorf("round %d: no graceful shutdown logged", round)
		}
		checkNoLockErrors(t, p.stderr.String())

		st := openStore(t, db)
		byToken := indexByToken(allAttempts(t, st))
		checkSaved(t, fmt.Sprintf("round %d", round), ok, userID(t, st, fmt.Sprintf("term%d@example.com", round)), byToken)
		for _, s := range errored {
			if len(byToken[s.token]) > 0 {
				t.Errorf("round %d: save %q was stored but its response was lost", round, firstLine(s.answer))
			}
		}
		st.Close()
		acked = append(acked, ok...)
		totalErrs += len(errored)
		t.Logf("round %d: SIGTERM with %d saves sent: %d answered 303, %d refused %v; exit 0 in %v",
			round, n, len(ok), len(errored), kinds, took.Round(time.Millisecond))
	}
	t.Logf("figures: %d saves sent around SIGTERM, %d acknowledged and stored, %d refused", rounds*n, len(acked), totalErrs)
}

// TestBackupUnderLoad: `aeprep backup` copies the live database while
// saves go on. The copy is consistent, and a second backup to the same
// path is refused.
func TestBackupUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("long: backup of the live database under load")
	}
	const workers = 4
	const email = "backup@example.com"
	dir := t.TempDir()
	db := filepath.Join(dir, "aeprep.db")
	out := filepath.Join(dir, "backup.db")
	bin := aeprepBinary(t)
	p := startServer(t, db)
	tr := newTransport()
	defer tr.CloseIdleConnections()
	c := newClient(p.URL, tr)
	if err := c.signup(p, email, "Backup"); err != nil {
		t.Fatal(err)
	}

	var (
		mu    sync.Mutex
		acked []*save
		stop  atomic.Bool
		fails failures
		wg    sync.WaitGroup
	)
	deadline := time.Now().Add(90 * time.Second)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 5000 && !stop.Load() && time.Now().Before(deadline) && fails.count() < 20; i++ {
				s := newSave(fmt.Sprintf("backup worker %d save %d", w, i), bankQuestions[(w+i)%len(bankQuestions)], 0)
				r, err := c.submit(s)
				switch {
				case err != nil:
					fails.add("worker %d: %v", w, err)
				case r.status != http.StatusSeeOther:
					fails.add("worker %d: status %d: %s", w, r.status, snippet(r.body))
				default:
					mu.Lock()
					acked = append(acked, s)
					mu.Unlock()
				}
			}
		}()
	}
	ackedCount := func() int {
		mu.Lock()
		defer mu.Unlock()
		return len(acked)
	}
	for ackedCount() < 50 && time.Now().Before(deadline) && fails.count() < 20 {
		time.Sleep(5 * time.Millisecond)
	}
	if ackedCount() < 50 {
		stop.Store(true)
		wg.Wait()
		fails.report(t, "saves before backup")
		t.Fatalf("only %d saves acknowledged before the backup", ackedCount())
	}
	mu.Lock()
	before := slices.Clone(acked)
	mu.Unlock()

	runBackup := func() (string, string, error, time.Duration) {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, bin, "backup", "-db", db, out)
		cmd.Env = childEnv()
		var so, se bytes.Buffer
		cmd.Stdout, cmd.Stderr = &so, &se
		t0 := time.Now()
		err := cmd.Run()
		return so.String(), se.String(), err, time.Since(t0)
	}
	so, se, err, took := runBackup()
	during := ackedCount() - len(before)
	if err != nil {
		t.Fatalf("backup under load: %v\nstdout: %s\nstderr: %s", err, so, se)
	}
	if !strings.Contains(so, "backed up") {
		t.Errorf("backup stdout: %q", so)
	}
	sum := fileSum(t, out)

	// A second backup to the same path is refused and leaves the first.
	so2, se2, err2, _ := runBackup()
	var ee *exec.ExitError
	if !errors.As(err2, &ee) || ee.ExitCode() == 0 {
		t.Errorf("second backup to the same path: err %v, want a non-zero exit\nstdout: %s\nstderr: %s", err2, so2, se2)
	} else if !strings.Contains(se2, "already exists") {
		t.Errorf("second backup stderr: %q", se2)
	}
	if fileSum(t, out) != sum {
		t.Error("second backup changed the first backup file")
	}

	stop.Store(true)
	wg.Wait()
	fails.report(t, "saves during backup")
	p.stop(t, 30*time.Second)
	checkNoLockErrors(t, p.stderr.String())

	bst := openStore(t, out)
	integrityOK(t, "backup", bst)
	batts := allAttempts(t, bst)
	if len(batts) == 0 {
		t.Fatal("backup holds no attempts")
	}
	uid := userID(t, bst, email)
	// Everything acknowledged before the backup started is in it...
	checkSaved(t, "backup", before, uid, indexByToken(batts))
	// ...it is a consistent snapshot: each card matches its attempts...
	checkCardsMatchAttempts(t, "backup", bst)
	// ...and everything in it is in the live database, unchanged.
	st := openStore(t, db)
	live := indexByToken(allAttempts(t, st))
	for _, a := range batts {
		rows := live[a.ClientToken]
		if len(rows) != 1 || rows[0].ID != a.ID || rows[0].Answer != a.Answer || rows[0].Ratings != a.Ratings {
			t.Errorf("backup attempt %d (%q) does not match the live database", a.ID, firstLine(a.Answer))
		}
	}
	checkSaved(t, "live after backup", acked, uid, live)
	t.Logf("figures: backup took %v while %d saves were acknowledged; backup holds %d attempts (%d acknowledged before it started); live database %d acknowledged",
		took.Round(time.Millisecond), during, len(batts), len(before), len(acked))
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}
