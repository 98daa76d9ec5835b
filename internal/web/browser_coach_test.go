package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserCoachFlow: a coach builds a set from bank and custom
// questions and copies the invite link; a candidate joins and answers two
// questions; the coach sees the matrix, rates and comments; the candidate
// sees the feedback and the calibration chart. axe-core checks every page.
func TestBrowserCoachFlow(t *testing.T) {
	ts := newTestServer(t)
	coach := newBrowser(t)
	run := func(ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatal(err)
		}
	}
	eval := func(ctx context.Context, js string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	signUp := func(ctx context.Context, name, email, role string) {
		t.Helper()
		run(ctx, chromedp.Navigate(ts.URL+"/signup?lang=en"), chromedp.WaitVisible(chromedp.ID("display_name")),
			chromedp.SendKeys(chromedp.ID("display_name"), name),
			chromedp.SendKeys(chromedp.ID("email"), email),
			chromedp.SendKeys(chromedp.ID("password"), "a long enough password"),
			chromedp.Click(chromedp.CSS(`input[name="lang"][value="en"]`)),
			chromedp.Click(chromedp.CSS(`input[name="role"][value="`+role+`"]`)),
			chromedp.Click(chromedp.CSS(`form[action="/signup"] button[type="submit"]`)))
		confirmInBrowser(t, ctx, ts, email, 1, false)
		home := "/me"
		if role == "coach" {
			home = "/coach" // a coach lands on their own home
		}
		waitJS(t, ctx, `location.pathname === "`+home+`" && document.readyState === "complete"`)
	}

	// The coach builds a set from two bank questions.
	signUp(coach, "Coach Kato", "kato@example.com", "coach")
	run(coach, chromedp.Navigate(ts.URL+"/coach/sets/new"), chromedp.WaitVisible(chromedp.ID("title")),
		chromedp.SendKeys(chromedp.ID("title"), "AE bootcamp week 1"),
		chromedp.SendKeys(chromedp.ID("description"), "Practise these **before Friday**."))
	checkAxe(t, coach, "new set")
	run(coach,
		discard(chromedp.Evaluate[bool](`document.querySelectorAll("details.pick-group").forEach(d => d.open = true); true`)),
		chromedp.Click(chromedp.ID("q-why-sales")),
		chromedp.Click(chromedp.ID("q-walk-me-through-sales-experience")),
		chromedp.Click(chromedp.CSS(`form[action="/coach/sets"] button[type="submit"]`)),
	)
	waitJS(t, coach, `location.pathname.endsWith("/edit") && !!document.getElementById("prompt")`)
	// ...plus a custom question of the coach's own.
	run(coach, chromedp.SendKeys(chromedp.ID("prompt"), "Pitch our CRM to a logistics CFO in 90 seconds."),
		chromedp.SendKeys(chromedp.ID("guidance"), "Lead with **cost of delay**."),
		chromedp.SendKeys(chromedp.ID("seconds"), "90"),
		chromedp.Click(chromedp.CSS(`form[action$="/custom"] button[type="submit"]`)))
	waitJS(t, coach, `document.querySelectorAll(".set-items > li").length === 3`)
	if n := eval(coach, `String(document.querySelectorAll(".set-items > li").length)`); n != "3" {
		t.Fatalf("set has %s questions, want 3", n)
	}
	checkAxe(t, coach, "edit set")
	screenshot(t, coach, "coach-edit-set")

	// Make and copy the invite link.
	run(coach, chromedp.Click(chromedp.CSS(".crumbs a")))
	waitJS(t, coach, `!!document.getElementById("invites")`)
	run(coach,
		chromedp.Click(chromedp.CSS(`form[action$="/invites"] button[type="submit"]`)))
	waitJS(t, coach, `!!document.querySelector("input.invite-link")`)
	link := eval(coach, `document.querySelector("input.invite-link").value`)
	if !strings.Contains(link, "/join/") {
		t.Fatalf("invite link %q", link)
	}

	// The candidate, in a browser of their own, joins and answers two questions.
	// A second browser, so the two people do not share cookies.
	candidate := newBrowser(t)
	signUp(candidate, "Mina", "mina@example.com", "candidate")
	run(candidate, chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS(`form[action^="/join/"] button`)))
	checkAxe(t, candidate, "join")
	screenshot(t, candidate, "join")
	run(candidate, chromedp.Click(chromedp.CSS(`form[action^="/join/"] button`)))
	waitJS(t, candidate, `!!document.querySelector(".assigned-set")`)
	answer := func(path, text string, score string) {
		t.Helper()
		run(candidate, chromedp.Navigate(ts.URL+path), chromedp.WaitVisible(chromedp.ID("answer")),
			chromedp.SendKeys(chromedp.ID("answer"), text),
			chromedp.Click(chromedp.CSS("details.rate-now > summary"))) // the optional rubric
		for _, k := range []string{"example", "structure", "confidence", "customer", "concise", "overall"} {
			run(candidate, chromedp.Click(chromedp.CSS(`label[for="r_`+k+`-`+score+`"]`)))
		}
		run(candidate, chromedp.Click(chromedp.CSS(`#practice-form button[type="submit"]`)))
		waitJS(t, candidate, `!!document.querySelector(".insights")`)
	}
	answer("/practice/why-sales", "I chose sales because I enjoy helping customers solve problems; last year I closed 12 deals worth ¥40M.", "5")
	var custom string
	for _, it := range mustItems(t, ts) {
		if strings.HasPrefix(it, "custom-") {
			custom = it
		}
	}
	answer("/practice/"+custom, "I would open with the cost of delayed shipments: 3% of revenue. Then show the CFO a 6-month payback.", "4")

	// The coach sees the matrix, opens an answer, rates and comments.
	run(coach, chromedp.Navigate(ts.URL+"/coach"), chromedp.WaitVisible(chromedp.CSS("table.matrix")))
	if !strings.Contains(eval(coach, `document.querySelector("table.matrix").textContent`), "Mina") {
		t.Fatal("matrix does not list the candidate")
	}
	checkAxe(t, coach, "coach dashboard")
	screenshot(t, coach, "coach-matrix")
	run(coach, chromedp.Click(chromedp.CSS("td.cell a")))
	waitJS(t, coach, `!!document.getElementById("comment")`)
	for _, k := range []string{"example", "structure", "confidence", "customer", "concise", "overall"} {
		run(coach, chromedp.Click(chromedp.CSS(`label[for="r_`+k+`-3"]`)))
	}
	run(coach, chromedp.SendKeys(chromedp.ID("comment"), "Good start. Add the **result** for the customer."),
		chromedp.Click(chromedp.CSS(`form[action$="/review"] button[type="submit"]`)))
	waitJS(t, coach, `!!document.getElementById("feedback")`)
	checkAxe(t, coach, "review")
	screenshot(t, coach, "coach-review")

	// The candidate sees the badge, the feedback and the calibration chart.
	run(candidate, chromedp.Navigate(ts.URL+"/me"), chromedp.WaitVisible(chromedp.CSS(".badge")),
		chromedp.WaitVisible(chromedp.CSS(".calibration svg")))
	reading := eval(candidate, `document.querySelector(".calibration .reading").textContent`)
	if !strings.Contains(reading, "higher than your coach") {
		t.Errorf("calibration reading %q", reading)
	}
	checkAxe(t, candidate, "me with feedback")
	screenshot(t, candidate, "me-calibration")
	run(candidate, discard(chromedp.Evaluate[bool](`[...document.querySelectorAll(".attempt-list a")].find(a => a.textContent.includes("career in sales")).click(); true`)))
	waitJS(t, candidate, `!!document.getElementById("feedback")`)
	if !strings.Contains(eval(candidate, `document.querySelector("#feedback").textContent`), "Add the result") {
		t.Error("candidate does not see the coach's comment")
	}
	checkAxe(t, candidate, "attempt with feedback")
}

// waitJS waits until a JavaScript expression is true, for page changes
// that a plain WaitVisible could see on the page before. Each poll is its
// own Run, so it evaluates in whatever document the tab holds by then.
func waitJS(t *testing.T, ctx context.Context, expr string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	var last error
	for time.Now().Before(deadline) {
		// Also wait for the page to finish loading: a condition can hold
		// while a new page is still being parsed, and chromedp's node ids
		// from that moment go stale when loading ends ("Could not find
		// node with given id").
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string]("String(!!("+expr+") && document.readyState === \"complete\")"))
		if err == nil && v == "true" {
			return
		}
		last = err
		time.Sleep(100 * time.Millisecond)
	}
	page, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + "\n" + document.body.innerText.slice(0, 3000)`))
	t.Fatalf("waiting for %s: timed out (last error: %v); the page shows:\n%s", expr, last, page)
}

// mustItems lists every set item's question id in the test database.
func mustItems(t *testing.T, ts *testServer) []string {
	t.Helper()
	var ids []string
	if err := ts.db.Raw(`SELECT question_id FROM set_items ORDER BY id`).Scan(&ids).Error; err != nil {
		t.Fatal(err)
	}
	return ids
}
