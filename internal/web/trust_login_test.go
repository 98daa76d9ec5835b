package web

import (
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// loginFrom logs in through the login form as a client at ip (behind the
// trusted proxy, which names it in X-Forwarded-For).
func (ts *testServer) loginFrom(t *testing.T, ip, email, password string) *response {
	t.Helper()
	c := ts.client(t)
	form := ts.get(t, c, "/login?lang=en", "X-Forwarded-For", ip)
	vals := url.Values{"email": {email}, "password": {password}, csrfField: {formToken(t, form)}}
	req, _ := http.NewRequest("POST", ts.URL+"/login", strings.NewReader(vals.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", ip)
	return do(t, c, req)
}

// TestStrangerCannotLockOwnerOut: ten wrong passwords from one client used
// to lock the account for everyone for 15 minutes, the owner with the
// right password included. The limit now counts per account and client
// together (and per client): the stranger is slowed, the owner is not.
func TestStrangerCannotLockOwnerOut(t *testing.T) {
	_, lo, _ := net.ParseCIDR("127.0.0.1/32")
	ts := newTestServer(t, withLimits(Limits{LoginPerIP: 15, LoginPerAccount: 10}),
		withOptions(func(o *Options) { o.TrustedProxies = []*net.IPNet{lo} }))
	signup(t, ts, ts.client(t), "owner@example.com", "en")
	const stranger, owner = "203.0.113.9", "198.51.100.7"
	for i := 0; i < 10; i++ {
		if r := ts.loginFrom(t, stranger, "owner@example.com", "guess"); r.StatusCode != http.StatusUnauthorized {
			t.Fatalf("guess %d: %d", i+1, r.StatusCode)
		}
	}
	// The stranger is stopped at this account, even with the right password.
	assertTooMany(t, ts.loginFrom(t, stranger, "owner@example.com", "guess"), "en", 15*60)
	assertTooMany(t, ts.loginFrom(t, stranger, "OWNER@example.com", testPassword), "en", 15*60)
	// The owner, from their own client, gets in.
	if r := ts.loginFrom(t, owner, "owner@example.com", testPassword); r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/me" {
		t.Fatalf("owner locked out by a stranger's guesses: %d", r.StatusCode)
	}
	// And the stranger's client is slowed on every account too.
	for i := 0; i < 3; i++ {
		ts.loginFrom(t, stranger, "other@example.com", "guess")
	}
	assertTooMany(t, ts.loginFrom(t, stranger, "third@example.com", "guess"), "en", 15*60)
	// The owner's counter was theirs alone: wrong tries of their own still
	// count against their client.
	for i := 0; i < 10; i++ {
		ts.loginFrom(t, owner, "owner@example.com", "typo")
	}
	assertTooMany(t, ts.loginFrom(t, owner, "owner@example.com", testPassword), "en", 15*60)
}
