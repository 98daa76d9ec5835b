package web

import (
	"context"
	_ "embed"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// axeSource is axe-core (MPL-2.0, see testdata/axe.LICENSE), vendored so the
// accessibility check needs no network.
//
//go:embed testdata/axe.min.js
var axeSource string

// browserPath finds Chromium. Without one the browser tests skip on a
// developer's laptop, but under CI=true a missing browser is a failure.
func browserPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("AEPREP_CHROME"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if ciRequired() {
		t.Fatal("CI=true but no Chromium found: install the chromium package")
	}
	t.Skip("no Chromium installed; browser tests skipped (they run in CI)")
	return ""
}

// newBrowser starts headless Chromium, preferring Japanese like a user in
// Japan would, and returns a tab context.
func newBrowser(t *testing.T, extraFlags ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browserPath(t)),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		// Smooth scrolling (on unless the user asks for reduced motion) moves
		// the page between chromedp's measuring a button and clicking it, so
		// a click can land beside its target. Tests browse as a user who
		// asked for reduced motion.
		chromedp.Flag("force-prefers-reduced-motion", true),
		chromedp.Flag("lang", "ja-JP"),
		chromedp.Flag("accept-lang", "ja-JP,ja"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	opts = append(opts, extraFlags...)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return ctx
}

type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// checkAxe runs axe-core on the current page and fails on any violation.
func checkAxe(t *testing.T, ctx context.Context, label string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](axeSource+";true")); err != nil {
		t.Fatalf("%s: loading axe-core: %v", label, err)
	}
	const run = `axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations.map(v => ({
		id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " :: " + n.failureSummary)}))))`
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](run, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: axe.run: %v", label, err)
	}
	var vs []axeViolation
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		t.Fatalf("%s: axe output %q: %v", label, out, err)
	}
	for _, v := range vs {
		t.Errorf("%s: axe %s (%s): %s\n  %s", label, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n  "))
	}
}

// screenshot saves a full-page PNG at desktop and phone width into the
// test's temp dir, or AEPREP_SCREENSHOTS when set (to look at them).
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("AEPREP_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, size := range []struct {
		name   string
		w, h   int64
		mobile bool
	}{{"desktop", 1280, 900, false}, {"phone", 360, 780, true}} {
		var opts []chromedp.EmulateViewportOption
		if size.mobile {
			opts = append(opts, chromedp.EmulateMobile)
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(size.w, size.h, opts...)); err != nil {
			t.Fatal(err)
		}
		// A phone-width page must not scroll sideways.
		if size.mobile {
			wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
			if err != nil {
				t.Fatal(err)
			}
			if wide {
				t.Errorf("%s: page is wider than a 360 px phone", name)
			}
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("%s screenshot: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+"-"+size.name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
}

// discard runs an action for its effect only, so it fits in chromedp.Do.
func discard[T any](a chromedp.Action[T]) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := a(ctx, t)
		return chromedp.Void{}, err
	}
}

func htmlLang(t *testing.T, ctx context.Context) string {
	t.Helper()
	l, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestBrowserPublicPages(t *testing.T) {
	ts := newTestServer(t)
	ctx := newBrowser(t)

	// Home opens in Japanese for a Japanese browser.
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	if l := htmlLang(t, ctx); l != "ja" {
		t.Fatalf("home opened in %q, want ja", l)
	}
	checkAxe(t, ctx, "home ja")
	screenshot(t, ctx, "home-ja")

	// Switch to English with the header link.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("a.lang-switch"))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `document.documentElement.lang === "en" && document.readyState === "complete"`)
	h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
	if err != nil || !strings.Contains(h1, "Account Executive") {
		t.Fatalf("English home h1 %q, %v", h1, err)
	}
	checkAxe(t, ctx, "home en")
	screenshot(t, ctx, "home-en")

	// Search the bank by typing and pressing Enter, as a keyboard user would.
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/questions"), chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), "quota\r"),
	); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `location.search.includes("q=quota") && document.readyState === "complete"`)
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("ul.cards > li").length`))
	if err != nil || n == 0 || n >= len(testLibrary.Questions) {
		t.Fatalf("search for quota showed %d cards (%v)", n, err)
	}
	checkAxe(t, ctx, "questions search")
	screenshot(t, ctx, "questions-search-en")

	// Choosing a category applies at once (JS) and keeps the choice.
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/questions"), chromedp.WaitVisible(chromedp.ID("category")),
		discard(chromedp.Evaluate[bool](`(s => { s.value = "objections"; s.dispatchEvent(new Event("change")); return true })(document.getElementById("category"))`)),
	); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `location.search.includes("category=objections") && !!document.querySelector('#category option[value="objections"][selected]')`)

	// Open a question from the results.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("ul.cards > li h3 a"))); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `!!document.getElementById("sec-outline")`)
	checkAxe(t, ctx, "question")
	screenshot(t, ctx, "question-en")

	for _, p := range []struct{ path, name string }{
		{"/checklist", "checklist-en"}, {"/guide", "guide-en"}, {"/ask", "ask-en"},
		{"/checklist?lang=ja", "checklist-ja"}, {"/guide?lang=ja", "guide-ja"}, {"/ask?lang=ja", "ask-ja"},
		{"/questions?lang=ja", "questions-ja"}, {"/questions/why-sales?lang=ja", "question-ja"}, {"/missing?lang=ja", "404-ja"},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+p.path), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
			t.Fatal(err)
		}
		checkAxe(t, ctx, p.name)
		screenshot(t, ctx, p.name)
	}
}

// confirmInBrowser goes on from a submitted sign-up form as the person
// would: the "check your email" page, then the nth email to addr, its
// link, and the button on the page it opens. With check set, axe-core
// checks both pages and they are screenshotted.
func confirmInBrowser(t *testing.T, ctx context.Context, ts *testServer, addr string, n int, check bool) {
	t.Helper()
	waitJS(t, ctx, `location.pathname === "/signup/sent" && document.readyState === "complete"`)
	if check {
		checkAxe(t, ctx, "signup sent")
		screenshot(t, ctx, "signup-sent")
	}
	path := ts.linkIn(t, ts.waitMail(t, addr, n), "/signup/confirm/")
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+path)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `!!document.querySelector('form[action^="/signup/confirm/"] button') && document.readyState === "complete"`)
	if check {
		checkAxe(t, ctx, "signup confirm")
		screenshot(t, ctx, "signup-confirm")
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`form[action^="/signup/confirm/"] button`))); err != nil {
		t.Fatal(err)
	}
}
