package web

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/aeprep/aeprep/internal/i18n"
)

// TestBrowserCSRFFromAnotherPort is issue 12's browser case: a page on
// another loopback port (same site, other origin, shared cookies) plants
// the attacker's CSRF cookie and auto-submits a form with the attacker's
// token, first to change the signed-in victim's notes, then to sign the
// victim in as the attacker. Both are refused.
func TestBrowserCSRFFromAnotherPort(t *testing.T) {
	ts := newTestServer(t)
	vc := ts.client(t)
	v := signup(t, ts, vc, "victim-b@example.com", "en")
	aid := saveAttempt(t, ts, vc, "why-sales", "The victim's answer.")
	attacker := ts.client(t)
	ts.signupAs(t, attacker, "Mallory Attacker", "mallory@example.com", "en", "candidate")
	// The attacker's own pre-session pair, as the site gives it to anyone.
	pairClient := ts.client(t)
	token := ts.csrfToken(t, pairClient)
	cookie := ts.jarCookie(t, pairClient, csrfCookie)

	page := template.Must(template.New("evil").Parse(`<!doctype html><title>win a prize</title>
<form id="f" method="post" action="{{.Action}}">{{range $k, $v := .Fields}}<input type="hidden" name="{{$k}}" value="{{$v}}">{{end}}</form>
<script>document.getElementById("f").submit()</script>`))
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Cookies are not isolated by port: this one lands in the jar aeprep reads.
		http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: cookie, Path: "/"})
		fields := map[string]string{csrfField: token}
		action := ts.URL + fmt.Sprintf("/attempts/%d/notes", aid)
		if r.URL.Path == "/login" {
			action = ts.URL + "/login"
			fields["email"], fields["password"] = "mallory@example.com", testPassword
		} else {
			fields["notes"] = "pwned"
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		page.Execute(w, map[string]any{"Action": action, "Fields": fields})
	}))
	t.Cleanup(evil.Close)

	ctx := newBrowser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/login?lang=en"), chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), "victim-b@example.com"), chromedp.SendKeys(chromedp.ID("password"), testPassword+"\n")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `location.pathname === "/me"`)
	origin := strings.TrimPrefix(ts.URL, "http://")
	for _, path := range []string{"/notes", "/login"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(evil.URL+path)); err != nil {
			t.Fatal(err)
		}
		waitJS(t, ctx, `location.host === "`+origin+`"`)
		if got := evalString(t, ctx, `document.title`); !strings.HasPrefix(got, i18n.T("en", "error.403.title")) {
			t.Errorf("%s: the forged post got %q, not the 403 page", path, got)
		}
	}
	a, err := ts.store.Attempt(context.Background(), v.ID, aid)
	if err != nil || a.Notes != "" {
		t.Errorf("the victim's notes after the forged post: %q, %v", a.Notes, err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/me")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `location.pathname === "/me"`)
	if body := evalString(t, ctx, `document.body.innerText`); strings.Contains(body, "Mallory") || !strings.Contains(body, "Test en") {
		t.Errorf("after the forged log-in /me is not the victim's:\n%.300s", body)
	}
}
