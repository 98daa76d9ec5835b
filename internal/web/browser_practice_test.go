package web

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserPracticeFlow walks a new job seeker from a question to a saved,
// rated, analysed answer: sign up from the Practise button, answer against
// the running timer, reload mid-answer and find the draft restored, save
// with the keyboard, read the insights, find the attempt in the history.
func TestBrowserPracticeFlow(t *testing.T) {
	ts := newTestServer(t)
	ctx := newBrowser(t)
	run := func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatal(err)
		}
	}
	eval := func(js string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}

	// A visitor asked to log in on the way to practising (a visitor who
	// clicks Practise answers as a guest: TestBrowserFirstAnswer) goes on
	// to sign up.
	run(chromedp.Navigate(ts.URL+"/login?next=%2Fpractice%2Fwhy-sales&lang=en"),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/login"]`)))
	checkAxe(t, ctx, "login")
	run(chromedp.Click(chromedp.CSS(`main a[href^="/signup?next="]`)), chromedp.WaitVisible(chromedp.ID("display_name")))
	checkAxe(t, ctx, "signup")
	screenshot(t, ctx, "signup-en")
	run(chromedp.SendKeys(chromedp.ID("display_name"), "Aiko"),
		chromedp.SendKeys(chromedp.ID("email"), "aiko@example.com"),
		chromedp.SendKeys(chromedp.ID("password"), "a long enough password"),
		chromedp.Click(chromedp.CSS(`input[name="lang"][value="en"]`)),
		chromedp.Click(chromedp.CSS(`form[action="/signup"] button[type="submit"]`)))
	confirmInBrowser(t, ctx, ts, "aiko@example.com", 1, true)
	waitJS(t, ctx, `location.pathname === "/practice/why-sales" && !!document.getElementById("practice-form")`)
	if loc := eval(`location.pathname`); loc != "/practice/why-sales" {
		t.Fatalf("after signing up the visitor is at %s, not back at the question", loc)
	}

	// The timer runs once started.
	run(chromedp.Click(chromedp.ID("timer-start")), chromedp.Sleep(1500*time.Millisecond))
	if d := eval(`document.getElementById("timer-display").textContent`); d == "1:30" || d == "" {
		t.Errorf("timer did not count down: %q", d)
	}
	checkAxe(t, ctx, "practice")
	screenshot(t, ctx, "practice-en")

	// Type an answer, wait for the autosave, reload: the draft is back.
	const answer = "At my previous company I was responsible for a quota of $1.2M. I closed 14 deals in Q3, reaching 118% of target, because I ran discovery calls focused on the customer's pipeline problems."
	run(chromedp.SendKeys(chromedp.ID("answer"), answer), chromedp.Sleep(4*time.Second))
	if eval(`localStorage.getItem(document.getElementById("practice-form").dataset.draftKey) || ""`) == "" {
		t.Fatal("draft was not autosaved to localStorage")
	}
	run(chromedp.Reload(), chromedp.WaitVisible(chromedp.ID("answer")), chromedp.Sleep(500*time.Millisecond))
	if got := eval(`document.getElementById("answer").value`); got != answer {
		t.Fatalf("after reload the answer box holds %q", got)
	}
	if st := eval(`document.getElementById("draft-status").textContent`); !strings.Contains(st, "restored") {
		t.Errorf("no restore message: %q", st)
	}

	// Rate with the keyboard (the rubric is an optional fold-out): focus
	// each 4, press space; then Ctrl+Enter.
	run(chromedp.Click(chromedp.CSS("details.rate-now > summary")))
	for _, k := range []string{"example", "structure", "confidence", "customer", "concise", "overall"} {
		run(chromedp.Focus(chromedp.ID("r_"+k+"-4")), chromedp.KeyEvent(" "))
	}
	run(chromedp.Focus(chromedp.ID("answer")),
		chromedp.KeyEvent("\r", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	waitJS(t, ctx, `!!document.querySelector(".insights")`)
	// A motivation answer gets the findings that fit its format: length,
	// evidence, structure, filler and vocabulary at least.
	if n := eval(`String(document.querySelectorAll(".insights > li").length)`); n < "4" || len(n) != 1 {
		t.Fatalf("%s insights shown, want at least 4", n)
	}
	if h := eval(`[...document.querySelectorAll(".insights h3")].map(h => h.textContent).join("|")`); !strings.Contains(h, "Structure") || !strings.Contains(h, "Evidence") {
		t.Errorf("findings shown: %s", h)
	}
	if eval(`document.querySelector(".answer-text").textContent`) != answer {
		t.Error("saved answer differs from what was typed")
	}
	if eval(`String(Object.keys(localStorage).filter(k => k.startsWith("aeprep:draft:")).length)`) != "0" {
		t.Error("draft not cleared after the server confirmed the save")
	}
	checkAxe(t, ctx, "attempt")
	screenshot(t, ctx, "attempt-en")

	// The attempt is in the history on the question page and on /me.
	run(chromedp.Navigate(ts.URL+"/questions/why-sales"), chromedp.WaitVisible(chromedp.CSS(".history")))
	if n := eval(`String(document.querySelectorAll(".history .attempt-item").length)`); n != "1" {
		t.Fatalf("history lists %s attempts", n)
	}
	run(chromedp.Navigate(ts.URL+"/me"), chromedp.WaitVisible(chromedp.CSS(".attempt-list")))
	checkAxe(t, ctx, "me")
	screenshot(t, ctx, "me-en")

	// Japanese: the practice page and the checklist with ticks.
	run(chromedp.Navigate(ts.URL+"/practice/mistake-and-lesson?lang=ja"), chromedp.WaitVisible(chromedp.ID("answer")))
	checkAxe(t, ctx, "practice ja")
	screenshot(t, ctx, "practice-ja")
	run(chromedp.Navigate(ts.URL+"/checklist"), chromedp.WaitVisible(chromedp.CSS(".tick-form button")),
		chromedp.Click(chromedp.CSS(".tick-form button")))
	waitJS(t, ctx, `!!document.querySelector(".done-badge")`)
	checkAxe(t, ctx, "checklist signed in")
	screenshot(t, ctx, "checklist-ticks-ja")
}
