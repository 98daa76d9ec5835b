package web

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/aeprep/aeprep/internal/i18n"
)

// TestBrowserPasswordReset: from the log-in page a person asks for a reset
// link in Japanese, opens the emailed link, chooses a new password with the
// keyboard and lands signed in; axe-core checks each page.
func TestBrowserPasswordReset(t *testing.T) {
	ts := newTestServer(t)
	signup(t, ts, ts.client(t), "reset@example.com", "ja")
	ctx := newBrowser(t)
	run := func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatal(err)
		}
	}
	run(chromedp.Navigate(ts.URL+"/login?lang=ja"), chromedp.WaitVisible(chromedp.CSS(`a[href="/password/forgot"]`)))
	run(chromedp.Click(chromedp.CSS(`a[href="/password/forgot"]`)))
	waitJS(t, ctx, `location.pathname === "/password/forgot" && document.readyState === "complete"`)
	checkAxe(t, ctx, "forgot")
	screenshot(t, ctx, "password-forgot-ja")
	run(chromedp.SendKeys(chromedp.ID("email"), "reset@example.com"),
		chromedp.Click(chromedp.CSS(`form[action="/password/forgot"] button[type="submit"]`)))
	waitJS(t, ctx, `location.pathname === "/login" && !!document.querySelector(".flash")`)
	if got := evalString(t, ctx, `document.querySelector(".flash").textContent.trim()`); got != i18n.T("ja", "flash.forgot.sent") {
		t.Errorf("flash %q", got)
	}

	path := ts.linkIn(t, ts.waitMail(t, "reset@example.com", 2), "/password/reset/")
	run(chromedp.Navigate(ts.URL + path))
	waitJS(t, ctx, `!!document.getElementById("password") && document.readyState === "complete"`)
	checkAxe(t, ctx, "reset")
	screenshot(t, ctx, "password-reset-ja")
	// Too short first: the error is shown in Japanese beside the field.
	run(chromedp.SendKeys(chromedp.ID("password"), "short"),
		chromedp.Click(chromedp.CSS(`form[action^="/password/reset/"] button[type="submit"]`)))
	waitJS(t, ctx, `!!document.getElementById("password-error")`)
	if got := evalString(t, ctx, `document.getElementById("password-error").textContent.trim()`); got != i18n.T("ja", "form.err.password.short") {
		t.Errorf("error %q", got)
	}
	checkAxe(t, ctx, "reset with error")
	// Then a good one, sent with Enter.
	run(chromedp.SendKeys(chromedp.ID("password"), "a much longer passphrase\n"))
	waitJS(t, ctx, `location.pathname === "/me" && document.readyState === "complete"`)
	if got := evalString(t, ctx, `document.querySelector(".flash").textContent.trim()`); got != i18n.T("ja", "flash.reset.done") {
		t.Errorf("flash after reset %q", got)
	}
}
