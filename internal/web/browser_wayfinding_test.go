package web

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// browserLogin logs in through the form and waits for the page it lands on.
func browserLogin(t *testing.T, ctx context.Context, ts *testServer, email, lang string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/login?lang="+lang), chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), email),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `location.pathname !== "/login"`)
}

// TestBrowserWayfinding: a new candidate signs up in a browser set to
// Chicago time and gets that zone; their first day's pages; a coach goes
// from their home to the answer to review in one click (at most two).
// axe-core checks every page, screenshotted at 1280 and 360 px.
func TestBrowserWayfinding(t *testing.T) {
	ts := newTestServer(t)
	ctx := newBrowser(t)
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: "America/Chicago"})
		return err
	})); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/signup?lang=en"), chromedp.WaitVisible(chromedp.ID("display_name"))); err != nil {
		t.Fatal(err)
	}
	checkAxe(t, ctx, "signup")
	screenshot(t, ctx, "way-signup-en")
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("display_name"), "Rio"),
		chromedp.SendKeys(chromedp.ID("email"), "rio@example.com"),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Click(chromedp.CSS(`input[name="lang"][value="en"]`)),
		chromedp.Click(chromedp.CSS(`form[action="/signup"] button[type="submit"]`))); err != nil {
		t.Fatal(err)
	}
	confirmInBrowser(t, ctx, ts, "rio@example.com", 1, false)
	waitJS(t, ctx, `location.pathname === "/me"`)
	u, err := ts.store.UserByEmail(context.Background(), "rio@example.com")
	if err != nil || u.TimeZone != "America/Chicago" {
		t.Fatalf("the browser's zone was not taken: %q, %v", u.TimeZone, err)
	}
	n := evalString(t, ctx, `String(document.querySelectorAll("section.starters .starter-link").length)`)
	if n != "3" {
		t.Errorf("day one offers %s starters", n)
	}
	checkAxe(t, ctx, "me day one")
	screenshot(t, ctx, "way-me-dayone-en")
	for _, p := range []struct{ path, name string }{
		{"/review", "way-review-empty-en"}, {"/me/settings", "way-settings-en"}, {"/me?lang=ja", "way-me-dayone-ja"},
		{"/review?lang=ja", "way-review-empty-ja"},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+p.path), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
			t.Fatal(err)
		}
		checkAxe(t, ctx, p.name)
		screenshot(t, ctx, p.name)
	}
	// A zone the system doesn't know: the error, the text kept.
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/me/settings?lang=en"), chromedp.WaitVisible(chromedp.ID("tz")),
		chromedp.Clear(chromedp.ID("tz")), chromedp.SendKeys(chromedp.ID("tz"), "Moon/Base"),
		chromedp.Click(chromedp.CSS(`form[action="/me/settings"] button[type="submit"]`))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `!!document.getElementById("tz-error")`)
	if v := evalString(t, ctx, `document.getElementById("tz").value`); v != "Moon/Base" {
		t.Errorf("typed zone %q not kept", v)
	}
	checkAxe(t, ctx, "settings error")
	screenshot(t, ctx, "way-settings-error-en")

	// A coach with one answer waiting and a member behind.
	coach := ts.client(t)
	signupAs(t, ts, coach, "Coach Mori", "mori@example.com", "en", "coach")
	b := bankIDs(t, 3)
	set := postNewSet(t, ts, coach, "Week one", b...)
	tok, _ := newInvite(t, ts, coach, set, "")
	cand := ts.client(t)
	cu := signupAs(t, ts, cand, "Saki Ito", "saki@example.com", "en", "candidate")
	joinVia(t, ts, cand, tok)
	aid := saveAttempt(t, ts, cand, b[0], "I closed a renewal by mapping the buying group early.")
	ts.db.Exec(`UPDATE coach_sets SET due_at = ? WHERE id = ?`, ts.store.Now().Add(24*time.Hour), set)
	// The candidate's page with a set (its questions, what is done).
	cb := newBrowser(t)
	browserLogin(t, cb, ts, "saki@example.com", "en")
	waitJS(t, cb, `location.pathname === "/me" && !!document.querySelector(".assigned-set .qlist")`)
	checkAxe(t, cb, "me with a set")
	screenshot(t, cb, "way-me-set-en")

	cctx := newBrowser(t)
	browserLogin(t, cctx, ts, "mori@example.com", "en")
	if p := evalString(t, cctx, `location.pathname`); p != "/coach" {
		t.Fatalf("a coach's log-in lands on %s", p)
	}
	checkAxe(t, cctx, "coach home")
	screenshot(t, cctx, "way-coach-home-en")
	clicks := 0
	if err := chromedp.Do(cctx, chromedp.Click(chromedp.CSS(`#waiting a.queue-link`))); err != nil {
		t.Fatal(err)
	}
	clicks++
	waitJS(t, cctx, fmt.Sprintf(`location.pathname === "/coach/attempts/%d"`, aid))
	if clicks > 2 {
		t.Errorf("%d clicks from the coach's home to the review", clicks)
	}
	if h := evalString(t, cctx, `document.getElementById("answer-h").textContent`); h != "Saki Ito's answer" {
		t.Errorf("answer heading %q", h)
	}
	checkAxe(t, cctx, "coach review")
	screenshot(t, cctx, "way-coach-review-en")
	for _, p := range []struct{ path, name string }{
		{fmt.Sprintf("/coach/sets/%d", set), "way-coach-set-en"}, {"/coach?lang=ja", "way-coach-home-ja"},
		{fmt.Sprintf("/coach/sets/%d?lang=ja", set), "way-coach-set-ja"},
		{"/me/progress?lang=en", "way-progress-en"},
		{fmt.Sprintf("/coach/candidates/%d?lang=ja", cu.ID), "way-coach-candidate-ja"},
		{"/join/" + tok + "?lang=ja", "way-join-ja"},
		{fmt.Sprintf("/coach/attempts/%d?lang=ja", aid), "way-coach-review-ja"},
	} {
		if err := chromedp.Do(cctx, chromedp.Navigate(ts.URL+p.path), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
			t.Fatal(err)
		}
		checkAxe(t, cctx, p.name)
		screenshot(t, cctx, p.name)
	}
	// The copy button copies the invite link (clipboard allowed for the
	// test's origin).
	if err := chromedp.Do(cctx, chromedp.Navigate(ts.URL+fmt.Sprintf("/coach/sets/%d?lang=en", set)),
		chromedp.WaitVisible(chromedp.CSS(`button[data-copy]`))); err != nil {
		t.Fatalf("the copy button stays hidden with script on: %v", err)
	}
	// The candidate's progress page with an answer, in Japanese.
	if err := chromedp.Do(cb, chromedp.Navigate(ts.URL+"/me/progress?lang=ja"), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	checkAxe(t, cb, "progress ja")
	screenshot(t, cb, "way-progress-ja")
}

// TestBrowserPhoneHeader: at 360 px the header is one slim line (brand,
// language, a menu button), nothing wraps alone, and the menu opens and
// closes from the keyboard; at 1280 px the signed-in menu fits one line.
func TestBrowserPhoneHeader(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	signupAs(t, ts, c, "Coach Header", "header@example.com", "ja", "coach")
	ctx := newBrowser(t)
	check := func(label string) {
		t.Helper()
		for _, size := range []struct {
			w, h  int64
			phone bool
		}{{1280, 900, false}, {360, 780, true}} {
			var opts []chromedp.EmulateViewportOption
			if size.phone {
				opts = append(opts, chromedp.EmulateMobile)
			}
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(size.w, size.h, opts...)); err != nil {
				t.Fatal(err)
			}
			// The first row (brand, account, language, menu button) sits
			// on one line; at desktop the second row (every page of the
			// menu) does too: nothing wraps alone.
			js := `(() => {
				const shown = e => e.getClientRects().length && getComputedStyle(e).display !== "none" && e.getBoundingClientRect().width > 0;
				const spread = sel => {
					const mids = [...document.querySelectorAll(sel)].filter(shown).map(e => { const r = e.getBoundingClientRect(); return Math.round(r.top + r.height / 2); });
					return mids.length ? Math.max(...mids) - Math.min(...mids) : 0;
				};
				const phone = innerWidth < 901;
				return JSON.stringify({
					row1: spread(".brand, .header-tools > *, .menu > summary"),
					row2: phone ? 0 : spread(".menu-panel li"),
					header: document.querySelector(".site-header").getBoundingClientRect().height,
					wide: document.documentElement.scrollWidth > innerWidth + 1});
			})()`
			out := evalString(t, ctx, js)
			var row1, row2, header float64
			var wide bool
			fmt.Sscanf(strings.NewReplacer(`{"row1":`, "", `,"row2":`, " ", `,"header":`, " ", `,"wide":`, " ", "}", "").Replace(out), "%g %g %g %t", &row1, &row2, &header, &wide)
			if row1 > 4 || row2 > 4 || wide {
				t.Errorf("%s at %d px: an item wraps (%s)", label, size.w, out)
			}
			if size.phone && header > 72 {
				t.Errorf("%s at 360 px: header %g px tall, want at most 72 (%s)", label, header, out)
			}
			if !size.phone && header > 130 {
				t.Errorf("%s at 1280 px: header %g px tall (%s)", label, header, out)
			}
		}
	}
	for _, p := range []string{"/?lang=ja", "/questions?lang=en"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+p), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
			t.Fatal(err)
		}
		check("visitor " + p)
	}
	browserLogin(t, ctx, ts, "header@example.com", "ja")
	for _, p := range []string{"/coach?lang=ja", "/me?lang=en", "/review?lang=ja"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+p), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
			t.Fatal(err)
		}
		check("coach " + p)
	}

	// The menu at phone width, from the keyboard: Enter opens it, its
	// links are reachable, Escape closes it and returns focus.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 780, chromedp.EmulateMobile),
		chromedp.Navigate(ts.URL+"/me?lang=en"), chromedp.WaitVisible(chromedp.CSS("details.menu summary")),
		chromedp.Focus(chromedp.CSS("details.menu summary")), chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `document.querySelector("details.menu").open`)
	vis := evalString(t, ctx, `(() => { const a = document.querySelector('details.menu a[href="/review"]'); const r = a.getBoundingClientRect(); return String(r.width > 0 && r.bottom <= innerHeight && r.right <= innerWidth); })()`)
	if vis != "true" {
		t.Error("the open menu's Review link is not on screen")
	}
	checkAxe(t, ctx, "phone menu open")
	screenshot(t, ctx, "way-menu-open-en")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 780, chromedp.EmulateMobile), chromedp.Focus(chromedp.CSS(`details.menu a[href="/review"]`)), chromedp.KeyEvent("\x1b")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `!document.querySelector("details.menu").open && document.activeElement === document.querySelector("details.menu summary")`)
	// The menu's Review link works.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("details.menu summary")), chromedp.Click(chromedp.CSS(`details.menu a[href="/review"]`))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `location.pathname === "/review"`)
}
