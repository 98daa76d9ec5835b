package web

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserPrepSheet makes a prep sheet from a pasted posting in each
// language in Chromium, downloads the round's .ics from the page, starts
// the tailored mock, and sees the countdown on /me; axe-core checks each
// page, and screenshots are taken at desktop and phone width.
func TestBrowserPrepSheet(t *testing.T) {
	ts := newTestServer(t)
	ctx := newBrowser(t)
	signUpIn(t, ctx, ts, "prep-browser@example.com")
	day := ts.store.Now().AddDate(0, 0, 12).Format("2006-01-02")
	run := func(actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatal(err)
		}
	}
	for _, lang := range []string{"ja", "en"} {
		run(chromedp.Navigate(ts.URL+"/prep/new?lang="+lang), chromedp.WaitVisible(chromedp.ID("company")))
		if lang == "ja" {
			// An empty company first: the error, the summary, the text kept.
			run(chromedp.SetValue(chromedp.ID("posting"), prepPosting(t, lang)),
				chromedp.Click(chromedp.CSS(`.prep-form button[type="submit"]`)))
			waitJS(t, ctx, `!!document.getElementById("error-summary") && document.getElementById("posting").value.length > 100`)
			if got := evalString(t, ctx, `document.activeElement && document.activeElement.id`); got != "error-summary" {
				t.Errorf("focus after a rejected form: %q", got)
			}
			checkAxe(t, ctx, "prep form with errors")
			screenshot(t, ctx, "prep-form-error-ja")
		}
		company := map[string]string{"ja": "株式会社サンプル決済", "en": "Fieldly"}[lang]
		run(chromedp.SetValue(chromedp.ID("company"), company),
			chromedp.SetValue(chromedp.ID("role_title"), map[string]string{"ja": "アカウントエグゼクティブ", "en": "Mid-Market AE"}[lang]),
			chromedp.SetValue(chromedp.ID("posting"), prepPosting(t, lang)),
			chromedp.SetValue(chromedp.ID("culture"), "casual"),
			chromedp.SetValue(chromedp.ID("round_name"), map[string]string{"ja": "一次面接", "en": "First call"}[lang]),
			chromedp.SetValue(chromedp.ID("date"), day),
			chromedp.SetValue(chromedp.ID("time"), "10:30"),
			chromedp.SetValue(chromedp.ID("zone"), "Asia/Tokyo"),
			chromedp.Click(chromedp.ID("format-video")),
			chromedp.SetValue(chromedp.ID("link"), "https://meet.example.com/abc-defg"),
			chromedp.Click(chromedp.CSS(`.prep-form button[type="submit"]`)))
		waitJS(t, ctx, `/^\/prep\/\d+$/.test(location.pathname) && !!document.querySelector(".req-list")`)
		if n := evalString(t, ctx, `String(document.querySelectorAll(".req-list li").length)`); n != "6" {
			t.Errorf("%s: %s requirements listed", lang, n)
		}
		if got := evalString(t, ctx, `document.documentElement.lang`); got != lang {
			t.Errorf("sheet page in %q", got)
		}
		checkAxe(t, ctx, "prep sheet "+lang)
		screenshot(t, ctx, "prep-sheet-"+lang)

		// The .ics, fetched from the page's own link.
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(async () => { const a = document.querySelector('.round a[href$="/ics"]');
			const r = await fetch(a.href); const b = await r.text();
			return [r.status, r.headers.get("content-type"), r.headers.get("content-disposition"), b.includes("DTSTART;TZID=Asia/Tokyo:")].join("|"); })()`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(got, "200|text/calendar; charset=utf-8|attachment; filename") || !strings.HasSuffix(got, "|true") {
			t.Errorf("%s: .ics download: %s", lang, got)
		}
	}
	// The English sheet is open: start its tailored mock.
	run(chromedp.Click(chromedp.CSS(`form.mock-start button[type="submit"]`)))
	waitJS(t, ctx, `location.pathname.startsWith("/mock/") && !!document.getElementById("practice-form")`)
	checkAxe(t, ctx, "tailored mock")

	run(chromedp.Navigate(ts.URL+"/me?lang=ja"), chromedp.WaitVisible(chromedp.CSS(".me-next-round")))
	// prep.js has ticked the server's text into the same words.
	time.Sleep(200 * time.Millisecond)
	if got := evalString(t, ctx, `document.querySelector("[data-countdown]").textContent.trim()`); !strings.HasPrefix(got, "あと11日") && !strings.HasPrefix(got, "あと12日") {
		t.Errorf("/me countdown %q", got)
	}
	checkAxe(t, ctx, "me with next interview")
	screenshot(t, ctx, "prep-me-ja")
	run(chromedp.Navigate(ts.URL+"/prep?lang=en"), chromedp.WaitVisible(chromedp.CSS(".prep-card")))
	checkAxe(t, ctx, "prep list")
	screenshot(t, ctx, "prep-list-en")
}
