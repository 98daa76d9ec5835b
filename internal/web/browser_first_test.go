package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/aeprep/aeprep/internal/store"
)

// interactions counts what a person does (a click, typing into one
// field, opening the link in an email), to hold the first answer to
// fewer than 10.
type interactions struct {
	t   *testing.T
	ctx context.Context
	n   int
	log []string
}

func (in *interactions) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	in.t.Helper()
	in.n++
	in.log = append(in.log, what)
	if err := chromedp.Do(in.ctx, steps...); err != nil {
		in.t.Fatalf("interaction %d (%s): %v", in.n, what, err)
	}
}

// TestBrowserFirstAnswer: a visitor goes from the home page to the
// insights of a first answer in fewer than 10 interactions and well under
// a minute, with nothing stored on the server; then signs up through the
// emailed link and imports that answer.
func TestBrowserFirstAnswer(t *testing.T) {
	ts := newTestServer(t)
	ctx := newBrowser(t)
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) { firstAnswer(t, ts, ctx, lang) })
	}
}

func firstAnswer(t *testing.T, ts *testServer, ctx context.Context, lang string) {
	// A new visitor: no cookies, nothing in storage.
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/?lang="+lang), chromedp.WaitVisible(chromedp.ID("practise-now")),
		discard(chromedp.Evaluate[bool](`localStorage.clear(), true`))); err != nil {
		t.Fatal(err)
	}
	checkAxe(t, ctx, "home "+lang)
	screenshot(t, ctx, "first-home-"+lang)
	before := dbSnapshot(t, ts)
	in := &interactions{t: t, ctx: ctx}
	start := time.Now()
	in.do("click Practise now", chromedp.Click(chromedp.ID("practise-now")))
	waitJS(t, ctx, `!!document.getElementById("answer") && !document.getElementById("timer-start").hidden`)
	if p := evalString(t, ctx, `location.pathname`); p != "/try/"+firstQuestionID {
		t.Fatalf("Practise now opened %s", p)
	}
	// Ready at once: the timer waits for the first keystroke, the record
	// button is there.
	if evalString(t, ctx, `String(!document.getElementById("timer-auto").hidden && !!document.getElementById("record"))`) != "true" {
		t.Errorf("timer or microphone not ready")
	}
	checkAxe(t, ctx, "guest practice "+lang)
	screenshot(t, ctx, "first-practice-"+lang)
	answer := "I sold payroll software to 40 mid-sized firms. Last year I reached 120% of quota by running discovery on each customer's hiring plans."
	if lang == "ja" {
		answer = "前職では中堅企業40社に給与ソフトを販売しました。昨年は顧客ごとの採用計画をヒアリングし、ノルマの120%を達成しました。"
	}
	in.do("type the answer", chromedp.SendKeys(chromedp.ID("answer"), answer))
	// Typing started the timer without Start.
	if evalString(t, ctx, `String(document.getElementById("timer-start").getAttribute("aria-pressed"))`) != "true" {
		t.Errorf("the first keystroke did not start the timer")
	}
	time.Sleep(1200 * time.Millisecond)
	in.do("click See the insights", chromedp.Click(chromedp.CSS(`#practice-form button[type="submit"]`)))
	waitJS(t, ctx, `!!document.querySelector(".insights li")`)
	took := time.Since(start)
	t.Logf("%s: home → insights in %d interactions (%s), %.1f s", lang, in.n, strings.Join(in.log, "; "), took.Seconds())
	if in.n >= 10 || took > 60*time.Second {
		t.Errorf("first answer took %d interactions and %s", in.n, took)
	}
	var kept []guestAttempt
	if err := json.Unmarshal([]byte(evalString(t, ctx, `localStorage.getItem("aeprep:guest:attempts") || "[]"`)), &kept); err != nil || len(kept) != 1 {
		t.Fatalf("kept in the browser: %v %v", kept, err)
	}
	if kept[0].Answer != answer || kept[0].SecondsTaken < 1 {
		t.Errorf("kept %+v (time should count from the first keystroke)", kept[0])
	}
	if evalString(t, ctx, `String(Object.keys(localStorage).filter(k => k.startsWith("aeprep:draft:")).length)`) != "0" {
		t.Errorf("the draft stayed after the answer was kept")
	}
	assertSameDB(t, ts, before, "guest answer in the browser")
	checkAxe(t, ctx, "guest result "+lang)
	screenshot(t, ctx, "first-result-"+lang)

	// Sign up and keep it.
	email := "first-" + lang + "@example.com"
	in.do("click Sign up and keep it", chromedp.Click(chromedp.CSS(".guest-keep a.primary")))
	waitJS(t, ctx, `!!document.getElementById("display_name")`)
	in.do("type a name", chromedp.SendKeys(chromedp.ID("display_name"), "Mei"))
	in.do("type the email", chromedp.SendKeys(chromedp.ID("email"), email))
	in.do("type a password", chromedp.SendKeys(chromedp.ID("password"), "a long enough password"))
	in.do("click Sign up", chromedp.Click(chromedp.CSS(`form[action="/signup"] button[type="submit"]`)))
	in.n += 2 // confirmInBrowser: open the emailed link, press its button
	in.log = append(in.log, "open the emailed link", "click Confirm")
	confirmInBrowser(t, ctx, ts, email, 1, false)
	waitJS(t, ctx, `location.pathname === "/me/import" && !document.getElementById("import-form").hidden`)
	checkAxe(t, ctx, "import "+lang)
	screenshot(t, ctx, "first-import-"+lang)
	in.do("click Import", chromedp.Click(chromedp.ID("import-submit")))
	waitJS(t, ctx, `!!document.getElementById("guest-imported")`)
	t.Logf("%s: with sign-up and import: %d interactions (%s)", lang, in.n, strings.Join(in.log, "; "))
	u, err := ts.store.UserByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	atts, err := ts.store.AllAttempts(context.Background(), u.ID)
	if err != nil || len(atts) != 1 || atts[0].Answer != answer || atts[0].QuestionID != firstQuestionID {
		t.Fatalf("imported: %+v %v", atts, err)
	}
	if v := evalString(t, ctx, `localStorage.getItem("aeprep:guest:attempts") || ""`); v != "" {
		t.Errorf("the browser still keeps the imported answer: %s", v)
	}
	checkAxe(t, ctx, "import done "+lang)
	// The imported answer's page, unrated, offers to rate it.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".import-list a"))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `!!document.getElementById("rate-form")`)
	checkAxe(t, ctx, "attempt to rate "+lang)
	screenshot(t, ctx, "first-attempt-"+lang)
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	// Log out for the next language.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`form[action="/logout"] button`))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `!document.querySelector('form[action="/logout"]')`)
}

type rect struct{ Top, Bottom, Left, Right float64 }

// TestBrowserPracticeLayout: at 360 px and 1280 px the slim timer bar
// never overlaps the answer box, the rating names or the recording
// controls, wherever they are scrolled to; a server-side error puts the
// focus on the error summary, whose links lead to the fields, and the
// timer keeps its time.
func TestBrowserPracticeLayout(t *testing.T) {
	ts := newTestServer(t)
	ctx := newBrowser(t)
	c := ts.client(t)
	signup(t, ts, c, "layout@example.com", "en")
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/login"), chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), "layout@example.com"), chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `location.pathname === "/me"`)
	for _, size := range []struct {
		name string
		w, h int64
	}{{"phone", 360, 740}, {"desktop", 1280, 900}} {
		var opts []chromedp.EmulateViewportOption
		if size.w < 600 {
			opts = append(opts, chromedp.EmulateMobile)
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(size.w, size.h, opts...), chromedp.Navigate(ts.URL+"/practice/why-sales?lang=ja"), chromedp.WaitVisible(chromedp.ID("answer"))); err != nil {
			t.Fatal(err)
		}
		if p := evalString(t, ctx, `location.pathname`); p != "/practice/why-sales" {
			t.Fatalf("not signed in in the browser: at %s", p)
		}
		waitJS(t, ctx, `!document.getElementById("timer-start").hidden`)
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("details.rate-now > summary"))); err != nil {
			t.Fatal(err)
		}
		h := evalString(t, ctx, `String(document.getElementById("timer").getBoundingClientRect().height)`)
		t.Logf("%s: timer bar %s px tall", size.name, h)
		if hv := atof(h); hv > 64 {
			t.Errorf("%s: timer bar is %s px tall", size.name, h)
		}
		targets := []string{"#answer", "#speech legend", ".speech-controls", "#recording-file"}
		for _, k := range store.Criteria {
			targets = append(targets, fmt.Sprintf(`fieldset.criterion:has(#r_%s-1) .criterion-name`, k))
		}
		// Each target, brought into view the ways a person does (focus,
		// a link to it, scrolling it to the top), sits clear of the bar.
		for _, sel := range targets {
			for _, how := range []string{"scrollIntoView", "focus"} {
				js := fmt.Sprintf(`(() => {
					const el = document.querySelector(%q);
					if (!el) return "missing";
					window.scrollTo(0, 0);
					if (%q === "focus") {
						const f = el.matches("input,textarea,select,button") ? el : el.closest("fieldset").querySelector("input,textarea,select,button");
						f.focus();
					} else el.scrollIntoView({block: "start"});
					const a = document.getElementById("timer").getBoundingClientRect(), b = el.getBoundingClientRect();
					const overlap = a.bottom > b.top && b.bottom > a.top && a.right > b.left && b.right > a.left;
					return overlap ? "overlap: timer " + a.top + "-" + a.bottom + ", element " + b.top + "-" + b.bottom : "ok";
				})()`, sel, how)
				if got := evalString(t, ctx, js); got != "ok" {
					t.Errorf("%s, %s after %s: %s", size.name, sel, how, got)
				}
			}
		}
		// And the page as it opens.
		if got := evalString(t, ctx, `(() => { window.scrollTo(0,0); const a = document.getElementById("timer").getBoundingClientRect();
			return [...document.querySelectorAll("#answer, .criterion-name, .speech-controls")].every(el => { const b = el.getBoundingClientRect();
			return !(a.bottom > b.top && b.bottom > a.top) }) ? "ok" : "overlap" })()`); got != "ok" {
			t.Errorf("%s: timer overlaps at load", size.name)
		}
		checkAxe(t, ctx, "practice "+size.name)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "layout-practice-ja")

	// A server-side error (only spaces typed): the summary takes focus,
	// links to the box, and the timer kept its time.
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/practice/why-sales?lang=en"), chromedp.WaitVisible(chromedp.ID("answer")),
		chromedp.SendKeys(chromedp.ID("answer"), "   "), chromedp.Sleep(2200*time.Millisecond),
		chromedp.Click(chromedp.CSS(`#practice-form button[type="submit"]`))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `!!document.getElementById("error-summary")`)
	if f := evalString(t, ctx, `document.activeElement ? document.activeElement.id : ""`); f != "error-summary" {
		t.Errorf("focus is on %q, not the error summary", f)
	}
	secs := evalString(t, ctx, `document.getElementById("seconds-taken").value`)
	disp := evalString(t, ctx, `document.getElementById("timer-display").textContent`)
	if atof(secs) < 2 || disp == "1:30" {
		t.Errorf("timer reset on the re-rendered form: %s s, shows %q", secs, disp)
	}
	checkAxe(t, ctx, "practice with errors")
	screenshot(t, ctx, "layout-practice-errors-en")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#error-summary a[href="#answer"]`))); err != nil {
		t.Fatal(err)
	}
	if f := evalString(t, ctx, `document.activeElement.id`); f != "answer" {
		t.Errorf("the summary's link put focus on %q", f)
	}

	// The other pages of the first answers: compare with deltas, the mock
	// form without a one-option scope, the summary that asks for ratings.
	page, tok := openPractice(t, ts, c, "why-sales")
	a1 := attemptIDOf(t, submitPractice(t, ts, c, page, "why-sales", practiceValues("Um, I like people, you know.", tok, 2, 2, 3, 3, 3, 3)))
	page, tok = openPractice(t, ts, c, "why-sales")
	a2 := attemptIDOf(t, submitPractice(t, ts, c, page, "why-sales", practiceValues("Situation: at Acme I owned 40 accounts. Task: grow renewals 15%. Action: quarterly reviews with each buyer. Result: renewals rose 22%, adding $180k of pipeline in 6 months.", tok, 4, 4, 3, 4, 2)))
	mockURL := startMock(t, ts, c, url.Values{"size": {"3"}, "source": {"mix"}, "lang": {"en"}})
	for i := 0; i < 3; i++ {
		step := ts.get(t, c, mockURL)
		qid, _ := step.doc.Find(`input[name="question_id"]`).Attr("value")
		tok, _ := step.doc.Find(`input[name="client_token"]`).Attr("value")
		ts.postForm(t, c, mockURL+"/answer", url.Values{"answer": {"A mock answer with 2 figures: 10% and 30 deals."}, "client_token": {tok}, "question_id": {qid}})
	}
	for _, p := range []struct{ path, name, wait string }{
		{fmt.Sprintf("/attempts/compare?a=%d&b=%d&lang=en", a1, a2), "compare-en", ".delta-table"},
		{fmt.Sprintf("/attempts/compare?a=%d&b=%d&lang=ja", a1, a2), "compare-ja", ".delta-table"},
		{"/mock?lang=en", "mock-form-en", "form.mock-form"},
		{mockURL + "?lang=en", "mock-summary-en", "#mock-rate-form"},
		{fmt.Sprintf("/attempts/%d?lang=ja", a2), "attempt-rated-ja", "#rate-form"},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+p.path), chromedp.WaitVisible(chromedp.CSS(p.wait))); err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		checkAxe(t, ctx, p.name)
		screenshot(t, ctx, "layout-"+p.name)
	}

	// A reload keeps the running timer going (the draft stores its start).
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/practice/mistake-and-lesson?lang=en"), chromedp.WaitVisible(chromedp.ID("answer")),
		chromedp.SendKeys(chromedp.ID("answer"), "Draft"), chromedp.Sleep(3500*time.Millisecond),
		chromedp.Reload(), chromedp.WaitVisible(chromedp.ID("answer")), chromedp.Sleep(1200*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if got := evalString(t, ctx, `document.getElementById("timer-start").getAttribute("aria-pressed") + " " + document.getElementById("seconds-taken").value`); !strings.HasPrefix(got, "true ") || atof(strings.Fields(got)[1]) < 4 {
		t.Errorf("after a reload the timer is %q (want running, ≥ 4 s)", got)
	}
}

func atof(s string) float64 {
	var f float64
	fmt.Sscanf(s, "%g", &f)
	return f
}

// TestBrowserRecordingAlone: with Chromium's fake microphone, recording
// starts the timer without Start, and a recording with nothing typed is
// an answer (the box stops being required once it is attached).
func TestBrowserRecordingAlone(t *testing.T) {
	ts := newTestServer(t)
	ctx := newBrowser(t,
		chromedp.Flag("use-fake-device-for-media-stream", true),
		chromedp.Flag("use-fake-ui-for-media-stream", true))
	before := dbSnapshot(t, ts)
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/try/why-sales?lang=en"), chromedp.WaitVisible(chromedp.ID("record"))); err != nil {
		t.Fatal(err)
	}
	if evalString(t, ctx, `String(document.getElementById("answer").required)`) != "true" {
		t.Errorf("the empty answer box is not required before a recording")
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("record"))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `document.getElementById("speech").classList.contains("is-recording")`)
	if got := evalString(t, ctx, `document.getElementById("timer-start").getAttribute("aria-pressed")`); got != "true" {
		t.Errorf("recording did not start the timer (%s)", got)
	}
	time.Sleep(2 * time.Second)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("record"))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `document.getElementById("recording-file").files.length === 1`)
	if evalString(t, ctx, `String(document.getElementById("answer").required)`) != "false" {
		t.Errorf("the answer box is still required with a recording attached")
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#practice-form button[type="submit"]`))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `!!document.querySelector(".insights li")`)
	if !strings.Contains(evalString(t, ctx, `document.querySelector(".insights").textContent`), "pace") {
		t.Errorf("no pace insight for a recorded answer")
	}
	var kept []guestAttempt
	if err := json.Unmarshal([]byte(evalString(t, ctx, `localStorage.getItem("aeprep:guest:attempts") || "[]"`)), &kept); err != nil || len(kept) != 1 || kept[0].SpokenMs < 1500 || kept[0].SecondsTaken < 2 {
		t.Errorf("kept %+v %v", kept, err)
	}
	assertSameDB(t, ts, before, "a guest's recorded answer")
	checkAxe(t, ctx, "guest recording result")
}
