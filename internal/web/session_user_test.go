package web

import (
	"strings"
	"sync"
	"testing"
)

// TestSessionAndUserInOneQuery: a signed-in page reads its session and
// its user in one statement; a session stored before its user was kept
// beside it (user_id NULL) still signs in, looking the user up apart, and
// is written with it the next time it changes; a password change elsewhere
// still signs the session out.
func TestSessionAndUserInOneQuery(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	u := signup(t, ts, c, "one-query@example.com", "en")
	var (
		mu   sync.Mutex
		seen []string
	)
	if err := ts.store.Observe("session_user_test", func(sql string) {
		mu.Lock()
		seen = append(seen, sql)
		mu.Unlock()
	}); err != nil {
		t.Fatal(err)
	}
	statements := func(path string) (sessions, users int) {
		mu.Lock()
		seen = nil
		mu.Unlock()
		if r := ts.get(t, c, path); r.StatusCode != 200 || r.doc.Find("#logout-form").Length() != 1 {
			t.Fatalf("GET %s: %d, signed in: %v", path, r.StatusCode, r.doc.Find("#logout-form").Length() == 1)
		}
		mu.Lock()
		defer mu.Unlock()
		for _, s := range seen {
			low := strings.NewReplacer("`", "", `"`, "").Replace(strings.ToLower(s)) // SQLite quotes with `, PostgreSQL with "
			if strings.Contains(low, "from sessions") {
				sessions++
			}
			if strings.Contains(low, "from users where id") {
				users++
			}
		}
		return
	}
	if s, us := statements("/practice/why-sales"); s != 1 || us != 0 {
		t.Errorf("a signed-in page read the session %d times and the user %d times apart; want 1 and 0", s, us)
	}

	// A session from before migration 19.
	if err := ts.db.Exec(`UPDATE sessions SET user_id = NULL`).Error; err != nil {
		t.Fatal(err)
	}
	if s, us := statements("/practice/why-sales"); s != 1 || us != 1 {
		t.Errorf("an older session: %d session reads, %d user reads; want 1 and 1", s, us)
	}
	// A new sign-in stores its session with the user beside it.
	c = ts.client(t)
	if r := ts.login(t, c, "en", u.Email, testPassword); r.StatusCode != 303 {
		t.Fatalf("log-in: %d", r.StatusCode)
	}
	var n int64
	ts.db.Raw(`SELECT COUNT(*) FROM sessions WHERE user_id = ?`, u.ID).Scan(&n)
	if n == 0 {
		t.Error("no session is stored with its user")
	}
	if s, us := statements("/practice/why-sales"); s != 1 || us != 0 {
		t.Errorf("after a write: %d session reads, %d user reads; want 1 and 0", s, us)
	}

	// A password change on another device bumps the epoch: the user read
	// with the session is checked like the one read apart.
	if err := ts.db.Exec(`UPDATE users SET session_epoch = session_epoch + 1 WHERE id = ?`, u.ID).Error; err != nil {
		t.Fatal(err)
	}
	if r := ts.get(t, c, "/me"); r.StatusCode != 303 || !strings.HasPrefix(r.Header.Get("Location"), "/login") {
		t.Errorf("after a password change elsewhere: %d to %q, want the log-in page", r.StatusCode, r.Header.Get("Location"))
	}
}
