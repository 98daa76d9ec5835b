package web

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// signUpIn signs a new candidate up in the browser and waits for /me.
func signUpIn(t *testing.T, ctx context.Context, ts *testServer, email string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/signup?lang=en"), chromedp.WaitVisible(chromedp.ID("display_name")),
		chromedp.SendKeys(chromedp.ID("display_name"), "Speaker"),
		chromedp.SendKeys(chromedp.ID("email"), email),
		chromedp.SendKeys(chromedp.ID("password"), "a long enough password"),
		chromedp.Click(chromedp.CSS(`input[name="lang"][value="en"]`)),
		chromedp.Click(chromedp.CSS(`form[action="/signup"] button[type="submit"]`))); err != nil {
		t.Fatal(err)
	}
	confirmInBrowser(t, ctx, ts, email, 1, false)
	waitJS(t, ctx, `location.pathname === "/me"`)
}

func evalString(t *testing.T, ctx context.Context, js string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// TestBrowserRecording records two seconds from Chromium's fake
// microphone, saves the answer, and plays the recording back on the
// attempt page.
func TestBrowserRecording(t *testing.T) {
	ts := newTestServer(t)
	ctx := newBrowser(t,
		chromedp.Flag("use-fake-device-for-media-stream", true),
		chromedp.Flag("use-fake-ui-for-media-stream", true),
		chromedp.Flag("autoplay-policy", "no-user-gesture-required"))
	signUpIn(t, ctx, ts, "speaker@example.com")
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/practice/why-sales"), chromedp.WaitVisible(chromedp.ID("record"))); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("record"))); err != nil {
		t.Fatal(err)
	}
	// Count two seconds from when the recorder really started.
	waitJS(t, ctx, `document.getElementById("record-time").textContent !== "0:00" || document.getElementById("speech").classList.contains("is-recording")`)
	time.Sleep(2 * time.Second)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("record"))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `document.getElementById("recording-file").files.length === 1`)
	ms, _ := strconv.Atoi(evalString(t, ctx, `document.getElementById("recording-ms").value`))
	size, _ := strconv.Atoi(evalString(t, ctx, `String(document.getElementById("recording-file").files[0].size)`))
	t.Logf("recorded %d ms in %d bytes (%s): %.0f KB a minute", ms, size,
		evalString(t, ctx, `document.getElementById("recording-file").files[0].type`), float64(size)/float64(ms)*60000/1024)
	if ms < 1500 || ms > 3500 {
		t.Errorf("recording_ms %d, want about 2000", ms)
	}
	checkAxe(t, ctx, "practice with a recording")
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("answer"), "I chose sales because I like helping customers grow; I hit 120% of quota.")); err != nil {
		t.Fatal(err)
	}
	// The rubric is an optional fold-out.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("details.rate-now > summary"))); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"example", "structure", "confidence", "customer", "concise", "overall"} {
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`label[for="r_`+k+`-4"]`))); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#practice-form button[type="submit"]`))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `!!document.querySelector(".recording audio")`)
	// WebM from MediaRecorder has no duration in its header; seeking to
	// the end makes the player read it.
	evalString(t, ctx, `(() => { const a = document.querySelector(".recording audio"); a.addEventListener("durationchange", () => { if (isFinite(a.duration)) a.dataset.d = a.duration }); a.currentTime = 1e6; a.load && 0; return "" })()`)
	waitJS(t, ctx, `(() => { const a = document.querySelector(".recording audio"); if (isFinite(a.duration) && a.duration > 0) a.dataset.d = a.duration; return !!a.dataset.d })()`)
	d, _ := strconv.ParseFloat(evalString(t, ctx, `document.querySelector(".recording audio").dataset.d`), 64)
	if d < 1.5 || d > 3.5 {
		t.Errorf("played-back recording lasts %.2f s, want about 2", d)
	}
	if !strings.Contains(evalString(t, ctx, `document.querySelector(".insights").textContent`), "Speaking pace") {
		t.Error("no pace insight for a recorded answer")
	}
	checkAxe(t, ctx, "attempt with a recording")
	screenshot(t, ctx, "attempt-recording")
}

// TestBrowserWithoutDictation: where the browser has no speech
// recognition, the page says so and typing works.
func TestBrowserWithoutDictation(t *testing.T) {
	ts := newTestServer(t)
	ctx := newBrowser(t)
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
			Source: `window.SpeechRecognition = undefined; window.webkitSpeechRecognition = undefined;`})
		return err
	})); err != nil {
		t.Fatal(err)
	}
	signUpIn(t, ctx, ts, "quiet@example.com")
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/practice/why-sales"), chromedp.WaitVisible(chromedp.ID("answer"))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `document.getElementById("answer-dictation").dataset.mode === "none"`)
	if st := evalString(t, ctx, `document.getElementById("answer-dictation-note").textContent`); !strings.Contains(st, "Dictation isn't available") || !strings.Contains(st, "Typing always works") {
		t.Errorf("note %q", st)
	}
	if evalString(t, ctx, `String(document.getElementById("answer-dictation-button").hidden)`) != "true" {
		t.Error("the Dictate button shows without speech recognition")
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("answer"), "typing still works")); err != nil {
		t.Fatal(err)
	}
	if v := evalString(t, ctx, `document.getElementById("answer").value`); v != "typing still works" {
		t.Errorf("answer box holds %q", v)
	}
}
