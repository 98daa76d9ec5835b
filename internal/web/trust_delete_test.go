package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestAccountDeletionDuringSaves is issue 12's repro: deleting an account
// while 8 threads save for it gave 500s (FOREIGN KEY constraint failed).
// Those saves now get the signed-out answer, and nothing of the account is
// left behind.
func TestAccountDeletionDuringSaves(t *testing.T) {
	for run := 0; run < 2; run++ {
		ts := newTestServer(t)
		c := ts.client(t)
		u := signup(t, ts, c, fmt.Sprintf("leaving%d@example.com", run), "en")
		aid := saveAttempt(t, ts, c, "why-sales", "An answer to write notes on.")
		tok := formToken(t, ts.get(t, c, "/me"))
		const threads, perThread = 8, 12
		clientToks := make([][]string, threads)
		for i := range clientToks {
			for j := 0; j < perThread; j++ {
				_, ct := openPractice(t, ts, c, "why-sales")
				clientToks[i] = append(clientToks[i], ct)
			}
		}
		post := func(path string, vals url.Values) (int, string, error) {
			vals.Set(csrfField, tok)
			req, _ := http.NewRequest("POST", ts.URL+path, strings.NewReader(vals.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			res, err := c.Do(req)
			if err != nil {
				return 0, "", err
			}
			res.Body.Close()
			return res.StatusCode, res.Header.Get("Location"), nil
		}
		var mu sync.Mutex
		statuses := map[string]int{}
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := 0; i < threads; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				<-start
				// Save until signed out (at most 400 times).
				for j := 0; j < 400; j++ {
					var path string
					var vals url.Values
					switch (i + j) % 3 {
					case 0:
						path, vals = "/practice/why-sales", practiceValues(fmt.Sprintf("Saved while leaving %d %d: quota 110%%.", i, j), clientToks[i][j%perThread], 4, 4, 4, 4, 4, 4)
					case 1:
						path, vals = "/checklist/"+testLibrary.Checklist[j%len(testLibrary.Checklist)].ID, url.Values{"done": {"1"}}
					default:
						path, vals = fmt.Sprintf("/attempts/%d/notes", aid), url.Values{"notes": {fmt.Sprintf("note %d %d", i, j)}}
					}
					st, loc, err := post(path, vals)
					out := err != nil || st != http.StatusSeeOther || strings.HasPrefix(loc, "/login")
					mu.Lock()
					switch {
					case err != nil:
						statuses["error "+err.Error()]++
					case st == http.StatusSeeOther && strings.HasPrefix(loc, "/login"):
						statuses["signed out"]++
					case st == http.StatusUnauthorized:
						statuses["401 (signed out before it began)"]++
					case st == http.StatusSeeOther:
						statuses["saved"]++
					default:
						statuses[fmt.Sprintf("%d %s %s", st, path, loc)]++
					}
					mu.Unlock()
					if out {
						return
					}
				}
			}(i)
		}
		close(start)
		time.Sleep(50 * time.Millisecond)
		if st, loc, err := post("/me/delete", url.Values{"password": {testPassword}}); err != nil || st != http.StatusSeeOther || loc != "/?deleted=1" {
			t.Fatalf("delete: %d %q %v", st, loc, err)
		}
		wg.Wait()
		for k, n := range statuses {
			if k != "saved" && k != "signed out" && k != "401 (signed out before it began)" {
				t.Errorf("run %d: %d saves answered %s", run+1, n, k)
			}
		}
		t.Logf("run %d: %v", run+1, statuses)
		for _, table := range []string{"attempts", "cards", "recordings", "checklist_ticks", "mock_sessions", "sessions"} {
			q := "SELECT COUNT(*) FROM " + table + " WHERE user_id = ?"
			if table == "sessions" {
				q = "SELECT COUNT(*) FROM sessions WHERE ? > 0"
			}
			if n := ts.count(t, q, u.ID); n != 0 {
				t.Errorf("run %d: %d rows left in %s", run+1, n, table)
			}
		}
		if n := ts.count(t, "SELECT COUNT(*) FROM attempts WHERE user_id NOT IN (SELECT id FROM users)"); n != 0 {
			t.Errorf("run %d: %d orphan attempts", run+1, n)
		}
	}
}
