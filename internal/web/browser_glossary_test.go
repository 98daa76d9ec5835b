package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserGlossary reads the glossary in both languages and searches it
// from the box with the keyboard, checking each page with axe-core.
func TestBrowserGlossary(t *testing.T) {
	ts := newTestServer(t)
	ctx := newBrowser(t)

	for _, p := range []struct{ path, name string }{
		{"/glossary?lang=ja", "glossary-ja"}, {"/glossary?lang=en", "glossary-en"},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+p.path), chromedp.WaitVisible(chromedp.CSS("article.glossary-term"))); err != nil {
			t.Fatal(err)
		}
		checkAxe(t, ctx, p.name)
		screenshot(t, ctx, p.name)
	}

	// Search with the keyboard: type, press Enter, get the matching terms.
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/glossary?lang=ja"), chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), "稟議\r"),
	); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `location.search.includes("q=") && document.readyState === "complete"`)
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("article.glossary-term").length`))
	if err != nil || n == 0 || n >= len(testLibrary.Glossary) {
		t.Fatalf("search for 稟議 showed %d terms (%v)", n, err)
	}
	if ok, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.getElementById("ringi")`)); !ok {
		t.Error("search for 稟議 lacks the ringi entry")
	}
	checkAxe(t, ctx, "glossary search")
	screenshot(t, ctx, "glossary-search-ja")

	// No match.
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/glossary?lang=en&q=zzqx"), chromedp.WaitVisible(chromedp.CSS("p.empty"))); err != nil {
		t.Fatal(err)
	}
	checkAxe(t, ctx, "glossary none")
	screenshot(t, ctx, "glossary-none-en")

}

// TestBrowserGlossaryFromGuide checks the guide's chapter on Japan and
// follows a term link from it to its glossary entry. (A browser of its
// own: the full-page screenshots of the glossary and the guide take long
// on a busy machine.)
func TestBrowserGlossaryFromGuide(t *testing.T) {
	ts := newTestServer(t)
	ctx := newBrowser(t)
	for _, lang := range []string{"ja", "en"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/guide?lang="+lang+"#ae-in-japan"), chromedp.WaitVisible(chromedp.ID("ae-in-japan"))); err != nil {
			t.Fatal(err)
		}
		checkAxe(t, ctx, "guide ae-in-japan "+lang)
		screenshot(t, ctx, "guide-ae-in-japan-"+lang)
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#ae-in-japan a.gloss[href="/glossary#field-sales"]`))); err != nil {
			t.Fatal(err)
		}
		waitJS(t, ctx, `location.pathname === "/glossary" && location.hash === "#field-sales" && document.readyState === "complete"`)
		top, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.getElementById("field-sales").getBoundingClientRect().top`))
		if err != nil || top < -2 || top > 200 {
			t.Errorf("%s: the field-sales entry is at %v px after following the link (%v)", lang, top, err)
		}
		h3, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#field-sales h3")))
		if !strings.Contains(h3, map[string]string{"ja": "フィールドセールス", "en": "Field sales"}[lang]) {
			t.Errorf("%s: field-sales entry reads %q", lang, h3)
		}
	}
}
