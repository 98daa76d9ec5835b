package web

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserMatrixPager: a 120-candidate cohort in Chromium, as its coach
// sees it: the first page of 50, the pager (axe-checked, on a phone too),
// and the next page reached from the keyboard.
func TestBrowserMatrixPager(t *testing.T) {
	ts := newTestServer(t)
	f := buildCohort(t, ts, 120, 1)
	ctx := newBrowser(t)
	run := func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatal(err)
		}
	}
	run(chromedp.Navigate(ts.URL+"/login?lang=en"), chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), f.coach.Email),
		chromedp.SendKeys(chromedp.ID("password"), testPassword+"\n"))
	waitJS(t, ctx, `location.pathname === "/coach" && document.readyState === "complete"`) // a coach's own home
	run(chromedp.Navigate(fmt.Sprintf("%s/coach/sets/%d", ts.URL, f.setID)))
	waitJS(t, ctx, `!!document.querySelector(".pager") && document.readyState === "complete"`)
	if n := evalString(t, ctx, `String(document.querySelectorAll(".matrix tbody tr").length)`); n != "50" {
		t.Fatalf("%s rows on page 1", n)
	}
	checkAxe(t, ctx, "cohort page 1")
	screenshot(t, ctx, "matrix-pager")
	// Tab to "Next" and press Enter, as a keyboard user would.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('.pager a[rel=next]').focus(); true`)); err != nil {
		t.Fatal(err)
	}
	run(chromedp.KeyEvent("\r"))
	waitJS(t, ctx, `new URLSearchParams(location.search).get("page") === "2" && document.readyState === "complete"`)
	if cur := evalString(t, ctx, `document.querySelector('.pager a[aria-current="page"]').textContent`); cur != "2" {
		t.Errorf("current page %q after Next", cur)
	}
	checkAxe(t, ctx, "cohort page 2")
}
