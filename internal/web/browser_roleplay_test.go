package web

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserRoleplay runs the discovery call end to end by keyboard, in
// Japanese and in English: from the list to the briefing, Start, each
// reply typed and sent with Ctrl+Enter (the buyer's answer appears
// without a reload), and the scorecard. axe-core checks each page; the
// list, the conversation and the scorecard are screenshotted at 1280 and
// 360 px.
func TestBrowserRoleplay(t *testing.T) {
	ts := newTestServer(t)
	for _, tc := range []struct {
		lang    string
		replies []string
		ended   string
	}{
		{"ja", strongDiscoveryJA, "買い手が具体的な次のステップに合意しました。"},
		{"en", strongDiscoveryEN, "The buyer agreed a concrete next step."},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			ctx := newBrowser(t)
			email := "browser-rp-" + tc.lang + "@example.com"
			signup(t, ts, ts.client(t), email, tc.lang)
			browserLogin(t, ctx, ts, email, tc.lang)
			if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/roleplay?lang="+tc.lang), chromedp.WaitVisible(chromedp.CSS(".rp-list"))); err != nil {
				t.Fatal(err)
			}
			checkAxe(t, ctx, "role-play list "+tc.lang)
			screenshot(t, ctx, "roleplay-list-"+tc.lang)
			// Keyboard only: the scenario's link, then Start.
			if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(`.rp-list a[href="/roleplay/discovery-freight"]`)), chromedp.KeyEvent("\r")); err != nil {
				t.Fatal(err)
			}
			waitJS(t, ctx, `!!document.querySelector(".rp-start button")`)
			checkAxe(t, ctx, "briefing "+tc.lang)
			if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(".rp-start button")), chromedp.KeyEvent("\r")); err != nil {
				t.Fatal(err)
			}
			waitJS(t, ctx, `!!document.getElementById("rp-form") && location.pathname.startsWith("/roleplay/runs/")`)
			evalString(t, ctx, `window.__samePage = "yes"; ""`)
			for i, reply := range tc.replies {
				if err := chromedp.Do(ctx, chromedp.Focus(chromedp.ID("reply")), chromedp.SendKeys(chromedp.ID("reply"), reply),
					chromedp.KeyEvent("\r", chromedp.KeyModifiers(chromedp.ModifierCtrl))); err != nil {
					t.Fatal(err)
				}
				if i == len(tc.replies)-1 {
					break // the last reply ends the call: the page goes to the scorecard
				}
				waitJS(t, ctx, fmt.Sprintf(`document.querySelectorAll("#rp-transcript .rp-you").length === %d && document.getElementById("rp-turn").value === "%d"`, i+1, i+2))
				if got := evalString(t, ctx, `String(window.__samePage)`); got != "yes" {
					t.Fatalf("turn %d reloaded the page", i+1)
				}
				line := evalString(t, ctx, `document.querySelector("#rp-current .rp-text").textContent`)
				if strings.TrimSpace(line) == "" || evalString(t, ctx, `document.getElementById("reply").value`) != "" {
					t.Fatalf("turn %d: no buyer line (%q) or the reply was not cleared", i+1, line)
				}
				if evalString(t, ctx, `document.activeElement.id`) != "reply" {
					t.Errorf("turn %d: focus is not back on the reply", i+1)
				}
				if i == 1 {
					checkAxe(t, ctx, "conversation "+tc.lang)
					screenshot(t, ctx, "roleplay-run-"+tc.lang)
				}
			}
			waitJS(t, ctx, `!!document.getElementById("scorecard")`)
			if got := evalString(t, ctx, `document.querySelector(".rp-outcome strong").textContent`); got != tc.ended {
				t.Errorf("outcome %q, want %q", got, tc.ended)
			}
			if n := evalString(t, ctx, `String(document.querySelectorAll("#rp-transcript .rp-moves").length)`); n != fmt.Sprint(len(tc.replies)) {
				t.Errorf("%s turns with their moves marked, want %d", n, len(tc.replies))
			}
			checkAxe(t, ctx, "scorecard "+tc.lang)
			screenshot(t, ctx, "roleplay-scorecard-"+tc.lang)
			// The rubric by keyboard: choose 4 overall, save.
			if err := chromedp.Do(ctx, chromedp.Focus(chromedp.ID("r_overall-4")), chromedp.KeyEvent(" "),
				chromedp.Focus(chromedp.CSS(`#rate-form button[type="submit"]`)), chromedp.KeyEvent("\r")); err != nil {
				t.Fatal(err)
			}
			waitJS(t, ctx, `location.hash === "#rate" && document.getElementById("r_overall-4").checked`)
		})
	}
}
