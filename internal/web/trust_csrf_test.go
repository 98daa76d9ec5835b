package web

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// TestCSRFBoundToSessionAndOrigin is issue 12's second defect over HTTP:
// a planted cookie pair, another user's pair, a foreign Origin with a
// valid pair and a token in the query string are all refused, and a
// planted pre-session pair can't sign a victim in as the attacker.
func TestCSRFBoundToSessionAndOrigin(t *testing.T) {
	ts := newTestServer(t)
	victim := ts.client(t)
	v := signup(t, ts, victim, "victim@example.com", "en")
	aid := saveAttempt(t, ts, victim, "why-sales", "The victim's answer.")
	other := ts.client(t)
	signup(t, ts, other, "other@example.com", "en")
	notesPath := fmt.Sprintf("/attempts/%d/notes", aid)
	notesNow := func() string {
		a, err := ts.store.Attempt(context.Background(), v.ID, aid)
		if err != nil {
			t.Fatal(err)
		}
		return a.Notes
	}
	// The attacker's own pre-session pair, fetched from the site.
	attacker := ts.client(t)
	attackerToken := ts.csrfToken(t, attacker)
	attackerCookie := ts.jarCookie(t, attacker, csrfCookie)
	victimCookie := ts.jarCookie(t, victim, csrfCookie)
	victimToken := ts.csrfToken(t, victim)

	forge := func(name, cookie, token, path string, vals url.Values, headers ...string) {
		t.Helper()
		ts.setJarCookie(victim, csrfCookie, cookie)
		vals.Set(csrfField, token)
		if r := ts.postRaw(t, victim, path, vals.Encode(), headers...); r.StatusCode != http.StatusForbidden {
			t.Errorf("%s: %d, want 403", name, r.StatusCode)
		}
		ts.setJarCookie(victim, csrfCookie, victimCookie)
	}
	made := strings.Repeat("Q", 43)
	forge("a made-up 43-character pair planted", made, made, notesPath, url.Values{"notes": {"forged 1"}})
	forge("the attacker's own pre-session pair planted", attackerCookie, attackerToken, notesPath, url.Values{"notes": {"forged 2"}})
	forge("another user's pair", ts.jarCookie(t, other, csrfCookie), ts.csrfToken(t, other), notesPath, url.Values{"notes": {"forged 3"}})
	forge("another user's token with the victim's cookie", victimCookie, ts.csrfToken(t, other), notesPath, url.Values{"notes": {"forged 4"}})
	forge("the cookie value as the token", victimCookie, victimCookie, notesPath, url.Values{"notes": {"forged 5"}})
	for _, o := range []string{"http://evil.example", "null", "http://127.0.0.1:1", strings.Replace(ts.URL, "http:", "https:", 1)} {
		forge("a valid pair from Origin "+o, victimCookie, victimToken, notesPath, url.Values{"notes": {"forged 6"}}, "Origin", o)
	}
	for _, site := range []string{"cross-site", "same-site"} {
		forge("a valid pair with Sec-Fetch-Site: "+site, victimCookie, victimToken, notesPath, url.Values{"notes": {"forged 7"}}, "Sec-Fetch-Site", site)
	}
	// A token in the query string is not read.
	if r := ts.postRaw(t, victim, notesPath+"?"+url.Values{csrfField: {victimToken}}.Encode(), "notes=forged+8"); r.StatusCode != http.StatusForbidden {
		t.Errorf("token in the query string: %d, want 403", r.StatusCode)
	}
	if n := notesNow(); n != "" {
		t.Errorf("notes changed by a forged request: %q", n)
	}
	// The real thing works, from this origin or a program sending none.
	for i, h := range [][]string{{"Origin", ts.URL}, {"Sec-Fetch-Site", "same-origin"}, nil} {
		vals := url.Values{"notes": {fmt.Sprintf("mine %d", i)}, csrfField: {victimToken}}
		if r := ts.postRaw(t, victim, notesPath, vals.Encode(), h...); r.StatusCode != http.StatusSeeOther {
			t.Errorf("the victim's own post %v: %d", h, r.StatusCode)
		}
	}
	if n := notesNow(); n != "mine 2" {
		t.Errorf("notes %q", n)
	}

	// Login CSRF: a page elsewhere plants the attacker's pre-session pair
	// and posts the attacker's credentials from its own origin.
	ts.signupAs(t, attacker, "Attacker", "attacker@example.com", "en", "candidate")
	fresh := ts.client(t)
	ts.setJarCookie(fresh, csrfCookie, attackerCookie)
	login := url.Values{"email": {"attacker@example.com"}, "password": {testPassword}, csrfField: {attackerToken}}
	if r := ts.postRaw(t, fresh, "/login", login.Encode(), "Origin", "http://127.0.0.1:1"); r.StatusCode != http.StatusForbidden {
		t.Errorf("login from another origin with a planted pair: %d, want 403", r.StatusCode)
	}
	if r := ts.get(t, fresh, "/me"); r.StatusCode != http.StatusSeeOther {
		t.Errorf("signed in as the attacker: /me %d", r.StatusCode)
	}

	// The token is the session's: after logging out and in again the old
	// one is worthless.
	ts.postRaw(t, victim, "/logout", url.Values{csrfField: {victimToken}}.Encode())
	ts.login(t, victim, "en", "victim@example.com", testPassword)
	if r := ts.postRaw(t, victim, notesPath, url.Values{"notes": {"old token"}, csrfField: {victimToken}}.Encode()); r.StatusCode != http.StatusForbidden {
		t.Errorf("the previous session's token: %d, want 403", r.StatusCode)
	}
	if tok := ts.csrfToken(t, victim); tok == victimToken {
		t.Error("the token did not change with the session")
	}
}

// TestSameOrigin: the origin a state change must come from is the address
// the request was sent to, with the scheme the client used (a trusted
// proxy's X-Forwarded-Proto included), or the public -base-url.
func TestSameOrigin(t *testing.T) {
	_, lo, _ := net.ParseCIDR("127.0.0.1/32")
	behind := &Server{proxies: []*net.IPNet{lo}, baseURL: "https://aeprep.example.com"}
	direct := &Server{}
	for _, tc := range []struct {
		s       *Server
		host    string
		headers []string
		want    bool
	}{
		{direct, "localhost:8080", nil, true},
		{direct, "localhost:8080", []string{"Origin", "http://localhost:8080"}, true},
		{direct, "localhost:8080", []string{"Origin", "http://LOCALHOST:8080"}, true},
		{direct, "localhost:8080", []string{"Origin", "http://localhost:8081"}, false},
		{direct, "localhost:8080", []string{"Origin", "https://localhost:8080"}, false},
		{direct, "localhost:8080", []string{"Origin", "null"}, false},
		{direct, "localhost:8080", []string{"Sec-Fetch-Site", "same-origin"}, true},
		{direct, "localhost:8080", []string{"Sec-Fetch-Site", "none"}, true},
		{direct, "localhost:8080", []string{"Sec-Fetch-Site", "same-site"}, false},
		{direct, "localhost:8080", []string{"Sec-Fetch-Site", "cross-site"}, false},
		{behind, "10.0.0.5:8080", []string{"Origin", "https://aeprep.example.com"}, true},
		{behind, "aeprep.example.com", []string{"Origin", "https://aeprep.example.com", "X-Forwarded-Proto", "https"}, true},
		{behind, "aeprep.example.com", []string{"Origin", "http://aeprep.example.com", "X-Forwarded-Proto", "https"}, false},
		{behind, "10.0.0.5:8080", []string{"Origin", "https://evil.example"}, false},
		{behind, "10.0.0.5:8080", []string{"Origin", "https://sub.aeprep.example.com"}, false},
	} {
		r := httptest.NewRequest("POST", "http://"+tc.host+"/logout", nil)
		r.RemoteAddr = "127.0.0.1:5555"
		for i := 0; i+1 < len(tc.headers); i += 2 {
			r.Header.Set(tc.headers[i], tc.headers[i+1])
		}
		if got := tc.s.sameOrigin(r); got != tc.want {
			t.Errorf("host %s, %v: sameOrigin %v, want %v", tc.host, tc.headers, got, tc.want)
		}
	}
}
