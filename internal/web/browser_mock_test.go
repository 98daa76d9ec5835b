package web

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserMockInterview runs a 3-question mock interview end to end in
// Chromium, then opens the progress page; axe-core checks each page.
func TestBrowserMockInterview(t *testing.T) {
	ts := newTestServer(t)
	ctx := newBrowser(t)
	signUpIn(t, ctx, ts, "mock@example.com")
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/mock"), chromedp.WaitVisible(chromedp.CSS(".mock-form"))); err != nil {
		t.Fatal(err)
	}
	checkAxe(t, ctx, "mock form")
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`input[name="size"][value="3"]`)),
		chromedp.Click(chromedp.CSS(`input[name="lang"][value="en"]`)),
		chromedp.Click(chromedp.CSS(`.mock-form button[type="submit"]`))); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for i := 1; i <= 3; i++ {
		waitJS(t, ctx, `(document.querySelector(".mock-step") || {}).textContent === "Question `+strconv.Itoa(i)+` of 3"`)
		q := evalString(t, ctx, `document.querySelector('input[name="question_id"]').value`)
		if seen[q] {
			t.Fatalf("question %s asked twice", q)
		}
		seen[q] = true
		if i == 1 {
			checkAxe(t, ctx, "mock step")
			screenshot(t, ctx, "mock-step")
		}
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("answer"),
			"At my last company I owned a ¥50M quota; I reached 112% by focusing on the customer's renewal risks.")); err != nil {
			t.Fatal(err)
		}
		// No ratings on the way: they come once, at the end.
		if n := evalString(t, ctx, `String(document.querySelectorAll('#practice-form input[name^="r_"]').length)`); n != "0" {
			t.Errorf("mock step %d asks for %s ratings", i, n)
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#practice-form button[type="submit"]`))); err != nil {
			t.Fatal(err)
		}
	}
	waitJS(t, ctx, `!!document.querySelector(".focus-list")`)
	if n := evalString(t, ctx, `String(document.querySelectorAll(".mock-answer").length)`); n != "3" {
		t.Fatalf("summary lists %s answers", n)
	}
	// Rate the three answers in the summary's one form.
	for i := 1; i <= 3; i++ {
		for _, k := range []string{"example", "structure", "confidence", "customer", "concise", "overall"} {
			sel := fmt.Sprintf(`.mock-answer:nth-of-type(%d) .rate-row label[for$="_%s-%d"]`, i, k, 1+i)
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
				t.Fatalf("%s: %v", sel, err)
			}
		}
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#mock-rate-form button[type="submit"]`))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `location.hash === "#mock-rate-h" && document.querySelectorAll('#mock-rate-form input[type=radio]:checked').length === 18`)
	if n := evalString(t, ctx, `String(document.querySelectorAll(".focus-list li").length)`); n != "3" {
		t.Errorf("summary gives %s things to work on", n)
	}
	checkAxe(t, ctx, "mock summary")
	screenshot(t, ctx, "mock-summary")

	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/me/progress"), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	if n := evalString(t, ctx, `String(document.querySelectorAll("svg[role=img]").length)`); n == "0" {
		t.Fatal("progress page has no charts")
	}
	if !strings.Contains(evalString(t, ctx, `document.body.textContent`), "3") {
		t.Error("progress page does not count the answers")
	}
	checkAxe(t, ctx, "progress")
	screenshot(t, ctx, "progress")
}
