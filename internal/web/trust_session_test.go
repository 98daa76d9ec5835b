package web

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"
)

// slowPost is a request sent on a raw socket with only the first bytes of
// its body, so the server has loaded the session and waits for the rest.
type slowPost struct {
	conn net.Conn
	rest string
}

func startSlowPost(t *testing.T, ts *testServer, path, cookies, body string, held int) *slowPost {
	t.Helper()
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	head := fmt.Sprintf("POST %s HTTP/1.1\r\nHost: %s\r\nCookie: %s\r\n"+
		"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n",
		path, ts.Listener.Addr().String(), cookies, len(body))
	if _, err := conn.Write([]byte(head + body[:held])); err != nil {
		t.Fatal(err)
	}
	// Give the server time to read the headers and load the session.
	time.Sleep(300 * time.Millisecond)
	return &slowPost{conn: conn, rest: body[held:]}
}

// finish sends the rest of the body and returns the response status.
func (sp *slowPost) finish(t *testing.T) int {
	t.Helper()
	if _, err := sp.conn.Write([]byte(sp.rest)); err != nil {
		t.Fatal(err)
	}
	sp.conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	res, err := http.ReadResponse(bufio.NewReader(sp.conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// cookieHeader is the Cookie header c would send to ts.
func cookieHeader(ts *testServer, c *http.Client) string {
	u, _ := url.Parse(ts.URL)
	var parts []string
	for _, ck := range c.Jar.Cookies(u) {
		parts = append(parts, ck.Name+"="+ck.Value)
	}
	return strings.Join(parts, "; ")
}

// meWith asks for /me with exactly these cookies.
func meWith(t *testing.T, ts *testServer, cookies string) *response {
	t.Helper()
	bare := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return ts.get(t, bare, "/me", "Cookie", cookies)
}

// logoutRace is issue 12's first defect: a request begun before the
// logout and finished after it must not write the session back. slow
// serves the held-open POST, quick the logout and the checks.
func logoutRace(t *testing.T, slow, quick *testServer, c *http.Client) {
	t.Helper()
	me := quick.get(t, c, "/me")
	if me.StatusCode != http.StatusOK {
		t.Fatalf("/me before: %d", me.StatusCode)
	}
	tok := formToken(t, me)
	cookies := cookieHeader(quick, c)
	body := url.Values{"done": {"1"}, csrfField: {tok}}.Encode()
	sp := startSlowPost(t, slow, "/checklist/"+testLibrary.Checklist[0].ID, cookies, body, 5)

	if r := quick.postRaw(t, c, "/logout", url.Values{csrfField: {tok}}.Encode()); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout: %d", r.StatusCode)
	}
	if r := meWith(t, quick, cookies); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login") {
		t.Fatalf("/me right after logout: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
	if st := sp.finish(t); st != http.StatusSeeOther {
		t.Errorf("held-open POST: %d, want 303", st)
	}
	for _, ts := range []*testServer{quick, slow} {
		if r := meWith(t, ts, cookies); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login") {
			t.Errorf("/me with the old cookie after the held-open POST ended: %d %q (logout undone)", r.StatusCode, r.Header.Get("Location"))
		}
	}
	if n := quick.count(t, "SELECT COUNT(*) FROM sessions"); n != 0 {
		t.Errorf("%d session rows after logout", n)
	}
}

func TestLogoutNotUndoneByRequestInFlight(t *testing.T) {
	for run := 0; run < 3; run++ {
		ts := newTestServer(t)
		c := ts.client(t)
		signup(t, ts, c, fmt.Sprintf("race%d@example.com", run), "en")
		logoutRace(t, ts, ts, c)
	}
}

// TestLogoutNotUndoneOnAnotherInstance is the same race across two app
// instances on one PostgreSQL database: the logout on A, the slow POST on B.
func TestLogoutNotUndoneOnAnotherInstance(t *testing.T) {
	if os.Getenv("AEPREP_TEST_POSTGRES") == "" {
		t.Skip("AEPREP_TEST_POSTGRES is not set")
	}
	dsn := testDSN(t)
	ib := &inbox{}
	var inst []*testServer
	for i := 0; i < 2; i++ {
		inst = append(inst, newTestServer(t, withDatabase(dsn, ib)))
	}
	a, b := inst[0], inst[1]
	c := a.client(t)
	signup(t, a, c, "race-pg@example.com", "en")
	logoutRace(t, b, a, c)
}
