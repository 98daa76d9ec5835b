package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// dialogHook runs in every document before the page's own scripts: it
// records calls to alert, confirm, prompt and print, and every Content
// Security Policy violation, in window.__xss.
const dialogHook = `(() => {
  window.__xss = [];
  window.__origAlert = window.alert;
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = function (...args) { window.__xss.push(name + "(" + args.map(String).join(", ") + ")"); return null; };
  }
  document.addEventListener("securitypolicyviolation", e =>
    window.__xss.push("CSP blocked " + e.effectiveDirective + " " + (e.blockedURI || "inline") + " at " + (e.sourceFile || "") + ":" + e.lineNumber));
})();`

// liveCheck lists, in the DOM the browser built, what could run script: the
// hook's records, event-handler attributes, script-running URLs, and any
// script that is not the app's own.
const liveCheck = `JSON.stringify((() => {
  const bad = [];
  if (!Array.isArray(window.__xss)) bad.push("the dialog hook is missing");
  else bad.push(...window.__xss);
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) {
      if (a.name.toLowerCase().startsWith("on")) bad.push("<" + el.localName + " " + a.name + ">");
      if (["href", "src", "action", "formaction", "data", "xlink:href"].includes(a.name.toLowerCase())) {
        let proto = "";
        try { proto = new URL(a.value, location.href).protocol; } catch (e) {}
        if (["javascript:", "data:", "vbscript:"].includes(proto)) bad.push("<" + el.localName + " " + a.name + "=" + a.value + ">");
      }
    }
  }
  for (const s of document.scripts) {
    if (!s.src || new URL(s.src).origin !== location.origin || s.textContent.trim() !== "") bad.push("script " + (s.src || s.textContent.slice(0, 60)));
  }
  for (const f of document.querySelectorAll("iframe, frame, object, embed, base, meta[http-equiv]")) bad.push("<" + f.localName + ">");
  return bad;
})())`

// browserPayloads are the payloads the browser test plants: ones that
// would fire without a click, and the link tricks.
var browserPayloads = []string{
	`<script>alert(1)</script>`,
	`<img src=x onerror=alert(1)>`,
	`<svg onload=alert(1)>`,
	`<details open ontoggle=alert(1)>`,
	`<input autofocus onfocus=alert(1)>`,
	`"><script>alert(1)</script>`,
	`</textarea><script>alert(1)</script>`,
	`<iframe src="javascript:alert(1)"></iframe>`,
	`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
	`[x](javascript:alert(1))`,
	"[x](jаvascript:alert(1))",
	"\u202e<img src=x onerror=alert(1)>gnp.exe",
}

func TestBrowserNoDialogFires(t *testing.T) {
	ts := newTestServer(t, withLimits(Limits{SignupPerIP: 1000}))
	ctx := newBrowser(t)

	cc := ts.client(t)
	signupAs(t, ts, cc, "Coach Browser", "coach-browser@example.com", "en", "coach")
	qid := bankIDs(t, 1)[0]
	setID := postNewSet(t, ts, cc, "Browser XSS set", qid)
	token, _ := newInvite(t, ts, cc, setID, "")
	var pls []*planted
	for n, p := range browserPayloads {
		pls = append(pls, plantPayload(t, ts, cc, token, qid, 1000+n, p, nil))
	}

	// Any real dialog is recorded and dismissed, so it cannot stall the tab.
	var mu sync.Mutex
	var dialogs []string
	events := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range events {
			if err != nil {
				return
			}
			mu.Lock()
			dialogs = append(dialogs, fmt.Sprintf("%s %q on %s", ev.Type, ev.Message, ev.URL))
			mu.Unlock()
			go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: dialogHook}); err != nil {
		t.Fatalf("installing the dialog hook: %v", err)
	}
	signIn := func(c *http.Client) {
		t.Helper()
		for _, name := range []string{sessionCookie, langCookie} {
			if _, err := chromedp.Call(ctx, network.SetCookie, network.SetCookieParams{Name: name, Value: ts.jarCookie(t, c, name),
				URL: ts.URL, Path: "/", HTTPOnly: new(true)}); err != nil {
				t.Fatalf("setting cookie %s: %v", name, err)
			}
		}
	}
	dialogCount := func() int {
		mu.Lock()
		defer mu.Unlock()
		return len(dialogs)
	}

	// Controls: the hook records a call, and the listener sees a real dialog.
	signIn(pls[0].c)
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/me")); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`alert("control"); JSON.stringify(window.__xss)`))
	if err != nil || !strings.Contains(got, "alert(control)") {
		t.Fatalf("the hook did not record a control alert: %q, %v", got, err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`setTimeout(() => window.__origAlert.call(window, "control"), 0); true`)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, "true") // a round trip, while the listener closes the dialog
	for i := 0; i < 50 && dialogCount() == 0; i++ {
		waitJS(t, ctx, "true")
	}
	if dialogCount() != 1 {
		t.Fatalf("the dialog listener saw %d dialogs for the control, want 1", dialogCount())
	}
	mu.Lock()
	dialogs = nil
	mu.Unlock()
	// And the live check sees a payload that did run, on a page without CSP.
	if err := chromedp.Do(ctx, chromedp.Navigate(`data:text/html,<p>control</p><img src=x onerror="alert('control')">`)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `window.__xss && window.__xss.length > 0`)
	if out, err := chromedp.Run(ctx, chromedp.Evaluate[string](liveCheck)); err != nil || !strings.Contains(out, "alert(control)") || !strings.Contains(out, "onerror") {
		t.Fatalf("the live check missed a payload that ran: %q, %v", out, err)
	}

	visits := 0
	pagesSeen := map[string]bool{}
	for i, pl := range pls {
		for _, pg := range candidatePages(pl, qid, setID) {
			if pg.name == "progress" {
				if r := ts.get(t, pl.c, pg.path); r.StatusCode == http.StatusNotFound {
					continue // not served yet
				}
			}
			if pg.coach {
				signIn(cc)
			} else {
				signIn(pl.c)
			}
			label := fmt.Sprintf("payload %q on %s", browserPayloads[i], pg.name)
			if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+pg.path)); err != nil {
				t.Fatalf("%s: %v", label, err)
			}
			waitJS(t, ctx, `document.readyState === "complete"`)
			loc, _ := chromedp.Run(ctx, chromedp.Location())
			if !strings.HasPrefix(loc, ts.URL+strings.SplitN(pg.path, "?", 2)[0]) {
				t.Errorf("%s: the page went to %s", label, loc)
			}
			out, err := chromedp.Run(ctx, chromedp.Evaluate[string](liveCheck))
			if err != nil {
				t.Fatalf("%s: %v", label, err)
			}
			var bad []string
			if err := json.Unmarshal([]byte(out), &bad); err != nil {
				t.Fatalf("%s: %q: %v", label, out, err)
			}
			for _, b := range bad {
				t.Errorf("%s: %s", label, b)
			}
			visits++
			pagesSeen[pg.name] = true
		}
	}
	if n := dialogCount(); n != 0 {
		mu.Lock()
		t.Errorf("%d JavaScript dialogs opened:\n  %s", n, strings.Join(dialogs, "\n  "))
		mu.Unlock()
	}
	t.Logf("Chromium: %d payloads × %d pages: %d page loads; dialogs opened: %d; hook records, live handlers and script URLs: none",
		len(browserPayloads), len(pagesSeen), visits, dialogCount())
}
