package web

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/store"
)

// fakeRecogniser is what the browser offers, for stubRecogniser.
type fakeRecogniser struct {
	Local     string `json:"local"`     // available() with processLocally: "available", "downloadable", "unavailable"
	Cloud     bool   `json:"cloud"`     // whether the online service is there
	InstallOK bool   `json:"installOK"` // what install() resolves to
	Say       string `json:"say"`       // the final result each session hears
}

// stubRecogniser replaces the browser's speech recognition, before any
// page script runs, by one that does what f says and logs into
// window.__dict every start (with its processLocally), available() and
// install() call.
func stubRecogniser(t *testing.T, ctx context.Context, f fakeRecogniser) {
	t.Helper()
	cfg, _ := json.Marshal(f)
	src := `(() => {
  const opt = ` + string(cfg) + `;
  const log = window.__dict = {starts: [], available: [], installs: []};
  // A pack installed in one page stays installed in the next.
  let local = sessionStorage.getItem("__dict.local") || opt.local;
  class FakeRecognition {
    constructor() { this.lang = ""; this.continuous = false; this.interimResults = false; this.maxAlternatives = 1;
      this.processLocally = false; this.onresult = null; this.onerror = null; this.onend = null; }
    start() {
      log.starts.push({lang: this.lang, processLocally: this.processLocally === true});
      const fail = this.processLocally ? local !== "available" : !opt.cloud;
      setTimeout(() => {
        if (fail) { this.onerror && this.onerror({error: this.processLocally ? "language-not-supported" : "service-not-allowed"}); this.onend && this.onend(); return; }
        const alt = [{transcript: opt.say, confidence: 0.9}]; alt.isFinal = true;
        this.onresult && this.onresult({resultIndex: 0, results: [alt]});
      }, 30);
    }
    stop() { setTimeout(() => this.onend && this.onend(), 10); }
    abort() { setTimeout(() => { this.onerror && this.onerror({error: "aborted"}); this.onend && this.onend(); }, 0); }
    static available(o) { log.available.push(o);
      return Promise.resolve(o.processLocally ? local : (opt.cloud || local === "available") ? "available" : "unavailable"); }
    static install(o) { log.installs.push(o);
      return new Promise(r => setTimeout(() => { if (opt.installOK) { local = "available"; sessionStorage.setItem("__dict.local", local); } r(opt.installOK); }, 400)); }
  }
  window.SpeechRecognition = FakeRecognition;
  window.webkitSpeechRecognition = FakeRecognition;
})();`
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
		return err
	})); err != nil {
		t.Fatal(err)
	}
}

// openDictation opens path and waits until the control has looked at
// what the browser offers.
func openDictation(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.ID("answer"))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `document.getElementById("answer-dictation").hasAttribute("data-mode")`)
}

func starts(t *testing.T, ctx context.Context) []struct{ Lang, ProcessLocally any } {
	t.Helper()
	var out []struct{ Lang, ProcessLocally any }
	if err := json.Unmarshal([]byte(evalString(t, ctx, `JSON.stringify(window.__dict.starts.map(s => ({Lang: s.lang, ProcessLocally: s.processLocally})))`)), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func key(t *testing.T, ctx context.Context, keys string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.KeyEvent(keys)); err != nil {
		t.Fatal(err)
	}
}

// waitStored waits until the user's stored cloud-dictation answer is
// want (the control saves it in the background).
func waitStored(t *testing.T, ts *testServer, userID int64, want string) {
	t.Helper()
	got := ""
	for range 50 {
		u, err := ts.store.UserByID(context.Background(), userID)
		if err != nil {
			t.Fatal(err)
		}
		if got = u.CloudDictation; got == want {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Errorf("stored cloud-dictation answer %q, want %q", got, want)
}

// activeID is the id of the focused element.
func activeID(t *testing.T, ctx context.Context) string {
	t.Helper()
	return evalString(t, ctx, `document.activeElement ? document.activeElement.id : ""`)
}

// TestBrowserDictationOnDevice: where the browser has the language on the
// device, nobody is asked, the control says it runs on this device, and
// recognition is started with processLocally; the words land in the answer
// box after what was typed. In Japanese and in English.
func TestBrowserDictationOnDevice(t *testing.T) {
	ts := newTestServer(t)
	ctx := newBrowser(t)
	stubRecogniser(t, ctx, fakeRecogniser{Local: "available", Say: "I grew the pipeline by forty percent"})
	signUpIn(t, ctx, ts, "ondevice@example.com")
	for _, lang := range []string{"ja", "en"} {
		openDictation(t, ctx, ts.URL+"/practice/why-sales?lang="+lang)
		if m := evalString(t, ctx, `document.getElementById("answer-dictation").dataset.mode`); m != "local" {
			t.Fatalf("%s: mode %q, want local", lang, m)
		}
		note := evalString(t, ctx, `document.getElementById("answer-dictation-note").textContent`)
		if note != i18n.T(lang, "dictation.local") {
			t.Errorf("%s: note %q", lang, note)
		}
		evalString(t, ctx, `(() => { document.getElementById("answer").value = ""; return "" })()`) // no restored draft
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("answer"), "Typed first.")); err != nil {
			t.Fatal(err)
		}
		// By keyboard: focus the button, press Enter.
		if err := chromedp.Do(ctx, chromedp.Focus(chromedp.ID("answer-dictation-button"))); err != nil {
			t.Fatal(err)
		}
		key(t, ctx, "\r")
		waitJS(t, ctx, `window.__dict.starts.length === 1 && document.getElementById("answer").value.includes("forty")`)
		if evalString(t, ctx, `String(document.getElementById("answer-dictation-consent").hidden)`) != "true" {
			t.Errorf("%s: consent asked for on-device dictation", lang)
		}
		st := starts(t, ctx)
		wantLang := map[string]string{"ja": "ja-JP", "en": "en-US"}[lang]
		if st[0].ProcessLocally != true || st[0].Lang != wantLang {
			t.Errorf("%s: recognition started with %+v, want processLocally and %s", lang, st[0], wantLang)
		}
		if got := evalString(t, ctx, `document.getElementById("answer-dictation-status").textContent`); got != i18n.T(lang, "dictation.listen.here") {
			t.Errorf("%s: status while listening %q", lang, got)
		}
		want := "Typed first. I grew the pipeline by forty percent"
		if lang == "ja" {
			want = "Typed first.I grew the pipeline by forty percent" // no space added between Japanese words
		}
		if got := evalString(t, ctx, `document.getElementById("answer").value`); got != want {
			t.Errorf("%s: answer %q, want %q", lang, got, want)
		}
		if p := evalString(t, ctx, `document.getElementById("answer-dictation-button").getAttribute("aria-pressed")`); p != "true" {
			t.Errorf("%s: the button isn't pressed while listening", lang)
		}
		checkAxe(t, ctx, "dictation on the device, "+lang)
		if lang == "en" {
			screenshot(t, ctx, "dictation-ondevice-en")
		}
		key(t, ctx, "\r") // stop
		waitJS(t, ctx, `document.getElementById("answer-dictation-button").getAttribute("aria-pressed") === "false"`)
	}
}

// TestBrowserDictationPackInstall: a downloadable speech pack is offered;
// installing it shows progress, then dictation runs on the device.
func TestBrowserDictationPackInstall(t *testing.T) {
	ts := newTestServer(t)
	ctx := newBrowser(t)
	stubRecogniser(t, ctx, fakeRecogniser{Local: "downloadable", InstallOK: true, Say: "hello"})
	openDictation(t, ctx, ts.URL+"/try/why-sales?lang=en")
	if evalString(t, ctx, `String(document.getElementById("answer-dictation-install").hidden)`) != "false" {
		t.Fatal("no offer to install the speech pack")
	}
	if note := evalString(t, ctx, `document.getElementById("answer-dictation-note").textContent`); !strings.Contains(note, i18n.T("en", "dictation.install.offer")) {
		t.Errorf("note %q", note)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("answer-dictation-install"))); err != nil {
		t.Fatal(err)
	}
	if got := evalString(t, ctx, `document.getElementById("answer-dictation-status").textContent`); got != i18n.T("en", "dictation.install.busy") {
		t.Errorf("while installing: %q", got)
	}
	waitJS(t, ctx, `document.getElementById("answer-dictation").dataset.mode === "local"`)
	if got := evalString(t, ctx, `document.getElementById("answer-dictation-status").textContent`); got != i18n.T("en", "dictation.install.done") {
		t.Errorf("after installing: %q", got)
	}
	if n := evalString(t, ctx, `JSON.stringify(window.__dict.installs)`); n != `[{"langs":["en-US"]}]` {
		t.Errorf("install calls %s", n)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("answer-dictation-button"))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `document.getElementById("answer").value === "hello"`)
	if st := starts(t, ctx); len(st) != 1 || st[0].ProcessLocally != true {
		t.Errorf("after installing, recognition started with %+v", st)
	}
}

// TestBrowserDictationCloudConsent: where only the browser's online
// service is there, the visitor on /try is asked once (answer kept in
// localStorage); a signed-in user is asked once, says no, nothing is
// started and the page says typing works; after a reload they are not
// asked again; the settings page turns it back on, and then dictation
// starts without asking.
func TestBrowserDictationCloudConsent(t *testing.T) {
	ts := newTestServer(t)
	ctx := newBrowser(t)
	stubRecogniser(t, ctx, fakeRecogniser{Local: "unavailable", Cloud: true, Say: "営業が好きです"})
	consentShown := `!document.getElementById("answer-dictation-consent").hidden`

	// A visitor, in Japanese.
	openDictation(t, ctx, ts.URL+"/try/why-sales?lang=ja")
	if note := evalString(t, ctx, `document.getElementById("answer-dictation-note").textContent`); note != i18n.T("ja", "dictation.cloud.ask") {
		t.Errorf("visitor's note %q", note)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("answer-dictation-button"))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, consentShown)
	if body := evalString(t, ctx, `document.getElementById("answer-dictation-consent-body").textContent`); body != i18n.T("ja", "dictation.consent.body") {
		t.Errorf("consent text %q", body)
	}
	if len(starts(t, ctx)) != 0 {
		t.Error("recognition started before the visitor answered")
	}
	checkAxe(t, ctx, "dictation consent, visitor, ja")
	screenshot(t, ctx, "dictation-consent-ja")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("answer-dictation-allow"))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `document.getElementById("answer").value === "営業が好きです"`)
	if st := starts(t, ctx); len(st) != 1 || st[0].ProcessLocally != false || st[0].Lang != "ja-JP" {
		t.Errorf("visitor's recognition: %+v", st)
	}
	if v := evalString(t, ctx, `localStorage.getItem("aeprep:cloud-dictation")`); v != "allow" {
		t.Errorf("visitor's answer in localStorage: %q", v)
	}
	// Reloaded: not asked again, dictation starts at once.
	openDictation(t, ctx, ts.URL+"/try/why-sales?lang=ja")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("answer-dictation-button"))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `window.__dict.starts.length === 1`)
	if evalString(t, ctx, "String("+consentShown+")") != "false" {
		t.Error("the visitor was asked twice")
	}
	key(t, ctx, "\r")
	// A visitor has no settings page: "ask me again" takes the answer back.
	waitJS(t, ctx, `document.getElementById("answer-dictation-button").getAttribute("aria-pressed") === "false"`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("answer-dictation-askagain"))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, consentShown)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("answer-dictation-deny"))); err != nil {
		t.Fatal(err)
	}
	if v := evalString(t, ctx, `String(localStorage.getItem("aeprep:cloud-dictation"))`); v != "deny" {
		t.Errorf("visitor's answer after no: %q", v)
	}
	if st := evalString(t, ctx, `document.getElementById("answer-dictation-status").textContent`); st != i18n.T("ja", "dictation.denied") {
		t.Errorf("visitor after no: status %q", st)
	}

	// A signed-in user, in English: their answer is theirs, not the
	// browser's (the visitor's allow above does not count).
	signUpIn(t, ctx, ts, "cloud@example.com")
	u, err := ts.store.UserByEmail(context.Background(), "cloud@example.com")
	if err != nil {
		t.Fatal(err)
	}
	openDictation(t, ctx, ts.URL+"/practice/why-sales?lang=en")
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.ID("answer-dictation-button"))); err != nil {
		t.Fatal(err)
	}
	key(t, ctx, "\r")
	waitJS(t, ctx, consentShown)
	if id := activeID(t, ctx); id != "answer-dictation-consent-title" {
		t.Errorf("focus after asking: %q", id)
	}
	checkAxe(t, ctx, "dictation consent, en")
	screenshot(t, ctx, "dictation-consent-en")
	// Keyboard: Tab to "Use it", Tab to "No, I'll type", Enter.
	key(t, ctx, "\t")
	key(t, ctx, "\t")
	if id := activeID(t, ctx); id != "answer-dictation-deny" {
		t.Fatalf("two tabs from the question land on %q", id)
	}
	key(t, ctx, "\r")
	waitJS(t, ctx, `document.getElementById("answer-dictation-consent").hidden`)
	status := evalString(t, ctx, `document.getElementById("answer-dictation-status").textContent`)
	if status != i18n.T("en", "dictation.denied") || !strings.Contains(status, "Typing always works") {
		t.Errorf("after no: status %q", status)
	}
	if len(starts(t, ctx)) != 0 {
		t.Error("recognition started after the user said no")
	}
	if id := activeID(t, ctx); id != "answer" {
		t.Errorf("after no, focus is on %q, want the answer box", id)
	}
	if evalString(t, ctx, `String(document.getElementById("answer-dictation-button").hidden)`) != "true" {
		t.Error("the Dictate button still shows after no")
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("answer"), "typing works")); err != nil {
		t.Fatal(err)
	}
	if v := evalString(t, ctx, `document.getElementById("answer").value`); v != "typing works" {
		t.Errorf("answer box holds %q", v)
	}
	waitStored(t, ts, u.ID, store.CloudDictationDeny)
	checkAxe(t, ctx, "dictation denied, en")

	// Reloaded: not asked again; the control says it is off and where to
	// change it.
	openDictation(t, ctx, ts.URL+"/practice/why-sales?lang=en")
	if m := evalString(t, ctx, `document.getElementById("answer-dictation").dataset.mode`); m != "off" {
		t.Errorf("after a reload the mode is %q, want off", m)
	}
	if note := evalString(t, ctx, `document.getElementById("answer-dictation-note").textContent`); note != i18n.T("en", "dictation.cloud.off") {
		t.Errorf("after a reload: note %q", note)
	}
	if evalString(t, ctx, `String(document.getElementById("answer-dictation-button").hidden) + String(document.getElementById("answer-dictation-settings").hidden)`) != "truefalse" {
		t.Error("after a reload: the button should be hidden and the settings link shown")
	}
	screenshot(t, ctx, "dictation-off-en")

	// Settings: back on.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("answer-dictation-settings"))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `location.pathname === "/me/settings" && !!document.getElementById("cloud_dictation-deny")`)
	if evalString(t, ctx, `String(document.getElementById("cloud_dictation-deny").checked)`) != "true" {
		t.Error("settings don't show the answer given on the practice page")
	}
	checkAxe(t, ctx, "settings with dictation")
	screenshot(t, ctx, "settings-dictation-en")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("cloud_dictation-allow")),
		chromedp.Click(chromedp.CSS(`form[action="/me/settings"] button[type="submit"]`))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `!!document.querySelector(".flash") && document.getElementById("cloud_dictation-allow").checked`)
	waitStored(t, ts, u.ID, store.CloudDictationAllow)
	openDictation(t, ctx, ts.URL+"/practice/why-sales?lang=en")
	if note := evalString(t, ctx, `document.getElementById("answer-dictation-note").textContent`); note != i18n.T("en", "dictation.cloud") {
		t.Errorf("allowed: note %q", note)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("answer-dictation-button"))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `window.__dict.starts.length === 1`)
	if evalString(t, ctx, "String("+consentShown+")") != "false" {
		t.Error("asked again after allowing in settings")
	}
	if st := starts(t, ctx); st[0].ProcessLocally != false || st[0].Lang != "en-US" {
		t.Errorf("cloud recognition started with %+v", st[0])
	}
	if got := evalString(t, ctx, `document.getElementById("answer-dictation-status").textContent`); got != i18n.T("en", "dictation.listen.web") {
		t.Errorf("status while listening online: %q", got)
	}
	key(t, ctx, "\r")

	// The setting in Japanese.
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/me/settings?lang=ja"), chromedp.WaitVisible(chromedp.ID("cloud_dictation-allow"))); err != nil {
		t.Fatal(err)
	}
	if got := evalString(t, ctx, `document.querySelector("#cloud_dictation legend").textContent`); got != i18n.T("ja", "settings.dictation") {
		t.Errorf("ja legend %q", got)
	}
	checkAxe(t, ctx, "settings with dictation, ja")
	screenshot(t, ctx, "settings-dictation-ja")
}
