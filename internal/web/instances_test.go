package web

import (
	"net/url"
	"strings"
	"testing"
)

// TestTwoInstancesShareState runs two app instances, each with its own
// connection pool, on one database (PostgreSQL in CI, SQLite locally): a
// user signs up and logs in on one and carries on on the other, because
// sessions, CSRF, rate limits and drafts' server side all live in the
// database or the client, never in one process's memory.
func TestTwoInstancesShareState(t *testing.T) {
	dsn := testDSN(t)
	var inst []*testServer
	// Both instances deliver mail from the shared outbox into one inbox.
	ib := &inbox{}
	for i := 0; i < 2; i++ {
		inst = append(inst, newTestServer(t, withDatabase(dsn, ib)))
	}
	a, b := inst[0], inst[1]
	c := a.client(t)

	// Sign up and log in on instance A; whichever instance sends the
	// confirmation email, it is sent once.
	signup(t, a, c, "two@example.com", "en")
	if n := ib.count(); n != 1 {
		t.Errorf("%d emails sent for one sign-up", n)
	}
	// The same browser (cookie jar) goes on on instance B: the cookie jar
	// keys cookies by host, and both instances are 127.0.0.1.
	page, tok := openPractice(t, b, c, "why-sales")
	if page.StatusCode != 200 {
		t.Fatalf("instance B does not know the session: %d", page.StatusCode)
	}
	r := submitPractice(t, b, c, page, "why-sales", practiceValues("Saved through instance B: quota 120% in Q3.", tok, 4, 4, 4, 4, 4, 4))
	if r.StatusCode != 303 {
		t.Fatalf("save on B: %d", r.StatusCode)
	}
	// Instance A shows what B saved, and logging out on A ends it on B.
	me := a.get(t, c, "/me")
	if !strings.Contains(strings.ToLower(me.body), "why did you choose") {
		t.Fatalf("instance A does not list the attempt saved on B")
	}
	if lo := a.postForm(t, c, "/logout", url.Values{}); lo.StatusCode != 303 {
		t.Fatalf("logout on A: %d", lo.StatusCode)
	}
	if r := b.get(t, c, "/me"); r.StatusCode != 303 {
		t.Fatalf("after logout on A, B still serves /me: %d", r.StatusCode)
	}
}
