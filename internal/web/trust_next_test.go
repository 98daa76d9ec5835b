package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/aeprep/aeprep/internal/auth"
	"github.com/aeprep/aeprep/internal/store"
)

// badNexts are post-login targets a browser could read as another site:
// every control character 0x00–0x1F and 0x7F, raw and percent-encoded,
// between two slashes (a browser drops a tab and goes to //evil.example),
// and a few other tricks.
func badNexts() []string {
	var out []string
	for c := 0; c <= 0x7f; c++ {
		if c >= 0x20 && c != 0x7f {
			continue
		}
		out = append(out, "/"+string(rune(c))+"/evil.example", fmt.Sprintf("/%%%02X/evil.example", c),
			fmt.Sprintf("/%%%02x/evil.example", c), "/x"+string(rune(c)))
	}
	return append(out, "/ /evil.example", "/%20/evil.example", "/\u00a0/evil.example", "/%C2%A0/evil.example",
		"//evil.example", "/%2Fevil.example", "/\\evil.example", "/%5Cevil.example", "https://evil.example/",
		"evil.example", "/%252F/evil.example", "/%", "")
}

func TestSafeNext(t *testing.T) {
	for _, bad := range badNexts() {
		if got := safeNext(bad); got != "" {
			t.Errorf("safeNext(%q) = %q, want \"\"", bad, got)
		}
	}
	for _, good := range []string{"/", "/me", "/practice/why-sales", "/questions?q=quota&cat=closing", "/join/abc#x", "/coach/sets/3?lang=ja"} {
		if got := safeNext(good); got != good {
			t.Errorf("safeNext(%q) = %q", good, got)
		}
	}
}

// TestNextRejectsControlCharacters sends every bad next through the three
// ways in: the login page of a signed-in user, the login form, and a sign-up
// confirmation. Each lands on /me.
func TestNextRejectsControlCharacters(t *testing.T) {
	ts := newTestServer(t, withLimits(Limits{LoginPerIP: 10000, LoginPerAccount: 10000}))
	in := ts.client(t)
	signup(t, ts, in, "next@example.com", "en")
	hash, err := auth.Hash(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for i, bad := range badNexts() {
		r := ts.get(t, in, "/login?next="+url.QueryEscape(bad))
		if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/me" {
			t.Errorf("GET /login?next=%q signed in: %d %q", bad, r.StatusCode, r.Header.Get("Location"))
		}

		c := ts.client(t)
		lf := ts.get(t, c, "/login?next="+url.QueryEscape(bad))
		if v, _ := lf.doc.Find("input[name=next]").Attr("value"); v != "" {
			t.Errorf("login form keeps next %q", v)
		}
		r = ts.postRaw(t, c, "/login", url.Values{"email": {"next@example.com"}, "password": {testPassword},
			"next": {bad}, csrfField: {formToken(t, lf)}}.Encode())
		if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/me" {
			t.Errorf("POST /login next=%q: %d %q", bad, r.StatusCode, r.Header.Get("Location"))
		}

		// A pending sign-up whose next was stored as is (PostgreSQL text
		// can't hold a NUL, so there such a next can't come back at all).
		if strings.ContainsRune(bad, 0) && ts.store.Dialect == "postgres" {
			continue
		}
		var token string
		su := &store.Signup{Email: fmt.Sprintf("n%d@example.com", i), DisplayName: "N", PasswordHash: hash, Lang: "en", Next: bad}
		if err := ts.store.CreateSignup(ctx, su, signupTTL, func(tok string) store.Mail {
			token = tok
			return store.Mail{ToAddr: su.Email, Subject: "s", Body: "b"}
		}); err != nil {
			t.Fatal(err)
		}
		c = ts.client(t)
		page := ts.get(t, c, "/signup/confirm/"+token)
		r = ts.postRaw(t, c, "/signup/confirm/"+token, url.Values{csrfField: {formToken(t, page)}}.Encode())
		if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/me" {
			t.Errorf("confirming a sign-up with next=%q: %d %q", bad, r.StatusCode, r.Header.Get("Location"))
		}
	}
}
