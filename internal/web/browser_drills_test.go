package web

import (
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/aeprep/aeprep/internal/drills"
	"github.com/aeprep/aeprep/internal/i18n"
)

// TestBrowserDrills does three drills in a row by keyboard alone, in
// Japanese and in English: start from the list, type the answer into the
// field that has focus, press Enter, Tab to the next drill. In Japanese one
// answer is first typed wrong ("abc") and put right from the error
// summary. axe-core checks every state; screenshots at 1280 and 360 px.
func TestBrowserDrills(t *testing.T) {
	ts := newTestServer(t)
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			email := "browser-drills-" + lang + "@example.com"
			u := signup(t, ts, ts.client(t), email, lang)
			ctx := newBrowser(t)
			browserLogin(t, ctx, ts, email, lang)
			run := func(actions ...chromedp.Action[chromedp.Void]) {
				t.Helper()
				if err := chromedp.Do(ctx, actions...); err != nil {
					t.Fatal(err)
				}
			}
			kind := drills.KindMeetings
			if lang == "en" {
				kind = drills.KindNRR
			}
			run(chromedp.Navigate(ts.URL + "/drills?lang=" + lang))
			waitJS(t, ctx, `!!document.querySelector(".drill-kind")`)
			checkAxe(t, ctx, lang+" drills list")
			screenshot(t, ctx, "drills-"+lang+"-list")
			// Keyboard: focus the kind's start button and press Enter.
			run(chromedp.Focus(chromedp.CSS(`form[action="/drills/`+kind+`"] button`)), chromedp.KeyEvent("\r"))

			for step := 1; step <= 3; step++ {
				waitJS(t, ctx, `location.pathname.startsWith("/drills/attempts/") && !!document.getElementById("answer")`)
				if f := evalString(t, ctx, `document.activeElement ? document.activeElement.id : ""`); f != "answer" {
					t.Fatalf("step %d: focus is on %q, not the answer field", step, f)
				}
				id, err := strconv.ParseInt(strings.TrimPrefix(evalString(t, ctx, `location.pathname`), "/drills/attempts/"), 10, 64)
				if err != nil {
					t.Fatal(err)
				}
				_, d := storedDrill(t, ts, u.ID, id)
				if step == 1 {
					waitJS(t, ctx, `document.getElementById("drill-timer-text").textContent.includes("0:0")`)
					checkAxe(t, ctx, lang+" drill problem")
					screenshot(t, ctx, "drills-"+lang+"-problem")
				}
				answer := rightAnswer(d, lang)
				if lang == "ja" {
					// As a Japanese keyboard might type it: full-width digits.
					answer = toFullWidth(answer)
				}
				if step == 2 && lang == "ja" {
					run(chromedp.KeyEvent("abc\r"))
					waitJS(t, ctx, `!!document.getElementById("answer-error")`)
					if got := evalString(t, ctx, `document.getElementById("answer-error").textContent`); got != drills.Message("drills.err.number", map[string]string{"input": "abc"}, "ja") {
						t.Errorf("error %q", got)
					}
					if f := evalString(t, ctx, `document.activeElement.id`); f != "error-summary" {
						t.Errorf("after a refused answer focus is on %q", f)
					}
					checkAxe(t, ctx, lang+" drill error")
					screenshot(t, ctx, "drills-"+lang+"-error")
					// Tab to the summary's link, Enter: back in the field, the
					// text still there; select it and type the right one.
					evalString(t, ctx, `window.drillMark = "same page"`)
					run(chromedp.KeyEvent("\t"), chromedp.KeyEvent("\r"), chromedp.Sleep(time.Second))
					if got := evalString(t, ctx, `String(window.drillMark)`); got != "same page" {
						t.Fatal("Enter on the error summary's link submitted the form")
					}
					waitJS(t, ctx, `document.activeElement && document.activeElement.id === "answer" && document.activeElement.value === "abc"`)
					run(chromedp.KeyEvent(kb.End + "\b\b\b"))
					waitJS(t, ctx, `document.getElementById("answer").value === ""`)
				}
				if step == 3 && lang == "en" {
					answer = wrongAnswer(d, lang)
				}
				run(chromedp.KeyEvent(answer + "\r"))
				waitJS(t, ctx, `!!document.getElementById("result-h")`)
				// The page's script moves focus once it runs; on a loaded
				// machine that can come a moment after the page is complete.
				f := ""
				for end := time.Now().Add(5 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
					if f = evalString(t, ctx, `document.activeElement.id`); f == "result-h" {
						break
					}
				}
				if f != "result-h" {
					t.Errorf("step %d: after answering focus is on %q", step, f)
				}
				want := "drills.verdict.right"
				if step == 3 && lang == "en" {
					want = "drills.verdict.wrong"
				}
				if got := evalString(t, ctx, `document.getElementById("result-h").textContent`); !strings.HasSuffix(got, i18n.T(lang, want)) {
					t.Errorf("step %d: verdict %q", step, got)
				}
				if step == 1 || step == 3 {
					checkAxe(t, ctx, lang+" drill result "+strconv.Itoa(step))
					screenshot(t, ctx, "drills-"+lang+"-result-"+strconv.Itoa(step))
				}
				if step < 3 {
					// One Tab from the verdict reaches the next drill.
					run(chromedp.KeyEvent("\t"))
					if f := evalString(t, ctx, `document.activeElement.id`); f != "next-drill" {
						t.Fatalf("step %d: Tab reaches %q, not the next drill", step, f)
					}
					run(chromedp.KeyEvent("\r"))
					waitJS(t, ctx, `!document.getElementById("result-h")`)
				}
			}
			right := 3
			if lang == "en" {
				right = 2
			}
			if got := evalString(t, ctx, `document.querySelector(".drill-run-done").textContent`); got != i18n.T(lang, "drills.run.done", right) {
				t.Errorf("run summary %q", got)
			}
			st, err := ts.store.DrillStats(t.Context(), u.ID)
			if err != nil || st[kind].Attempts != 3 || st[kind].Correct != right {
				t.Errorf("stored %+v, %v", st, err)
			}
			run(chromedp.Navigate(ts.URL + "/me/progress"))
			waitJS(t, ctx, `!!document.getElementById("progress-drills")`)
			checkAxe(t, ctx, lang+" progress with drills")
			screenshot(t, ctx, "drills-"+lang+"-progress")
			if lang == "en" { // the last answer was wrong: due again today
				run(chromedp.Navigate(ts.URL + "/review"))
				waitJS(t, ctx, `!!document.querySelector(".drills-due a[href='/drills#drill-`+kind+`']")`)
				checkAxe(t, ctx, "review with a drill due")
				screenshot(t, ctx, "drills-en-review")
			}
		})
	}
}

// TestBrowserDrillsCoach: the coach's add-a-drill form and the cohort
// matrix with a drill column, checked by axe-core and screenshotted.
func TestBrowserDrillsCoach(t *testing.T) {
	ts := newTestServer(t)
	co, cand := ts.client(t), ts.client(t)
	signupAs(t, ts, co, "Coach Kato", "browser-drill-coach@example.com", "ja", "coach")
	setID := postNewSet(t, ts, co, "数字に強くなる週", bankIDs(t, 2)...)
	if r := ts.postForm(t, co, "/coach/sets/"+strconv.FormatInt(setID, 10)+"/drills", url.Values{"kind": {"commission"}}); r.StatusCode != 303 {
		t.Fatalf("add drill: %d", r.StatusCode)
	}
	token, _ := newInvite(t, ts, co, setID, "")
	u := signup(t, ts, cand, "browser-drill-member@example.com", "ja")
	joinVia(t, ts, cand, token)
	for _, right := range []bool{true, false} {
		id := startDrillAs(t, ts, cand, "commission", 0)
		_, d := storedDrill(t, ts, u.ID, id)
		ans := rightAnswer(d, "ja")
		if !right {
			ans = wrongAnswer(d, "ja")
		}
		answerDrillAs(t, ts, cand, id, ans)
	}
	ctx := newBrowser(t)
	browserLogin(t, ctx, ts, "browser-drill-coach@example.com", "ja")
	set := ts.URL + "/coach/sets/" + strconv.FormatInt(setID, 10)
	if err := chromedp.Do(ctx, chromedp.Navigate(set+"/edit")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `!!document.getElementById("drill-kind")`)
	checkAxe(t, ctx, "coach set edit with drills")
	screenshot(t, ctx, "drills-coach-edit")
	if err := chromedp.Do(ctx, chromedp.Navigate(set)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `!!document.querySelector("td.cell-drill")`)
	if got := evalString(t, ctx, `document.querySelector("td.cell-drill").textContent`); got != i18n.T("ja", "coach.cell.drill", 2, 50) {
		t.Errorf("drill cell %q", got)
	}
	checkAxe(t, ctx, "cohort with a drill column")
	screenshot(t, ctx, "drills-coach-matrix")
}

// toFullWidth writes ASCII digits and signs full-width, as a Japanese IME
// does (1,668万円 → １，６６８万円).
func toFullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '!' && r <= '~' {
			return r - '!' + '！'
		}
		return r
	}, s)
}
