package web

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/aeprep/aeprep/internal/store"
)

// TestBrowserPrepareHub opens the Prepare hub from the header by keyboard,
// in Japanese and English, with a story and a sheet made: axe-clean, and
// screenshots at 1280 and 360 px; each card's first link leads on.
func TestBrowserPrepareHub(t *testing.T) {
	ts := newTestServer(t)
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			email := "browser-prepare-" + lang + "@example.com"
			u := signup(t, ts, ts.client(t), email, lang)
			st := &store.Story{UserID: u.ID, Title: "Won back a lapsed account", Situation: "s", Action: "a", Result: "r",
				Skills: store.IDList{"negotiation"}, Categories: store.IDList{"objections", "closing"}, Lang: lang}
			if err := ts.store.CreateStory(context.Background(), st, 200); err != nil {
				t.Fatal(err)
			}
			ctx := newBrowser(t)
			browserLogin(t, ctx, ts, email, lang)
			run := func(actions ...chromedp.Action[chromedp.Void]) {
				t.Helper()
				if err := chromedp.Do(ctx, actions...); err != nil {
					t.Fatal(err)
				}
			}
			run(chromedp.Navigate(ts.URL + "/me?lang=" + lang))
			// The header link, by keyboard.
			run(chromedp.Focus(chromedp.CSS(`nav.user-nav a[href="/prepare"]`)), chromedp.KeyEvent("\r"))
			waitJS(t, ctx, `location.pathname === "/prepare" && !!document.querySelector(".prepare-grid")`)
			if n := evalString(t, ctx, `String(document.querySelectorAll(".prepare-grid > section").length)`); n != "3" {
				t.Errorf("%s: %s cards on the hub, want 3", lang, n)
			}
			checkAxe(t, ctx, lang+" prepare hub")
			screenshot(t, ctx, "prepare-"+lang)
			run(chromedp.Click(chromedp.CSS(`#prepare-drills-h a`)))
			waitJS(t, ctx, `location.pathname === "/drills"`)
		})
	}
}
