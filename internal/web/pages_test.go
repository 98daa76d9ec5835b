package web

import (
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/static"
)

func TestHealthz(t *testing.T) {
	ts := newTestServer(t)
	r := ts.get(t, ts.client(t), "/healthz")
	if r.StatusCode != 200 || strings.TrimSpace(r.body) != "ok" {
		t.Fatalf("healthz: %d %q", r.StatusCode, r.body)
	}
	ts.store.Close()
	r = ts.get(t, ts.client(t), "/healthz")
	if r.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("healthz with the database gone: %d", r.StatusCode)
	}
}

func TestEveryPageInBothLanguages(t *testing.T) {
	ts := newTestServer(t)
	q := testLibrary.Questions[0]
	pages := []struct {
		path  string
		h1key string // i18n key of the h1, or "" to check the question title
	}{
		{"/", "home.title"},
		{"/guide", "guide.title"},
		{"/questions", "questions.title"},
		{"/questions/" + q.ID, ""},
		{"/ask", "ask.title"},
		{"/checklist", "check.title"},
	}
	for _, lang := range []string{"ja", "en"} {
		for _, p := range pages {
			t.Run(lang+p.path, func(t *testing.T) {
				r := ts.get(t, ts.client(t), p.path+"?lang="+lang)
				if r.StatusCode != 200 {
					t.Fatalf("status %d", r.StatusCode)
				}
				if got, _ := r.doc.Find("html").Attr("lang"); got != lang {
					t.Errorf("<html lang=%q>, want %q", got, lang)
				}
				want := q.Title[lang]
				if p.h1key != "" {
					want = i18n.T(lang, p.h1key)
				}
				if got := r.text("h1"); got != want {
					t.Errorf("h1 %q, want %q", got, want)
				}
				if r.doc.Find("main#main").Length() != 1 || r.doc.Find("nav[aria-label]").Length() == 0 {
					t.Error("landmarks missing")
				}
				other := map[string]string{"ja": "en", "en": "ja"}[lang]
				if href, _ := r.doc.Find("a.lang-switch").Attr("href"); !strings.Contains(href, "lang="+other) {
					t.Errorf("language switch points to %q", href)
				}
				// No untranslated key leaks into the page.
				if strings.Contains(r.body, "error.") || strings.Contains(r.body, "q.sec.") || strings.Contains(r.body, "filter.") {
					t.Error("an i18n key shows on the page")
				}
			})
		}
	}
}

func TestGuideCoversTheArticle(t *testing.T) {
	ts := newTestServer(t)
	en := ts.get(t, ts.client(t), "/guide?lang=en")
	for _, want := range []string{"$39,000", "$95,000", "$60,000", "Glassdoor", "Account Manager", "C-suite",
		"Communication", "Empathy", "Problem solving", "Organisation", "Negotiation", "Determination", "job spec", "recruiter", "culture"} {
		if !strings.Contains(en.body, want) {
			t.Errorf("English guide does not mention %q", want)
		}
	}
	if n := en.doc.Find("section.guide-section").Length(); n != len(testLibrary.Guide) {
		t.Errorf("%d guide sections rendered, want %d", n, len(testLibrary.Guide))
	}
	if n := en.doc.Find("#tasks ol > li").Length(); n != 10 {
		t.Errorf("tasks section lists %d tasks, want 10", n)
	}
	ja := ts.get(t, ts.client(t), "/guide?lang=ja")
	for _, want := range []string{"39,000", "95,000", "60,000", "Glassdoor", "アカウントマネージャー", "共感", "交渉"} {
		if !strings.Contains(ja.body, want) {
			t.Errorf("Japanese guide does not mention %q", want)
		}
	}
}

func TestQuestionsSearchAndFilters(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	count := func(r *response) int { return r.doc.Find("ul.cards > li").Length() }

	all := ts.get(t, c, "/questions?lang=en")
	if count(all) != len(testLibrary.Questions) {
		t.Fatalf("%d cards, want %d", count(all), len(testLibrary.Questions))
	}
	if !strings.Contains(all.text(".results-count"), fmt.Sprint(len(testLibrary.Questions))) {
		t.Errorf("count shows %q", all.text(".results-count"))
	}

	byCat := ts.get(t, c, "/questions?lang=en&category=objections")
	if n := count(byCat); n == 0 || n >= len(testLibrary.Questions) {
		t.Fatalf("category filter gave %d", n)
	}
	if sel, _ := byCat.doc.Find("#category option[selected]").Attr("value"); sel != "objections" {
		t.Errorf("selected category %q", sel)
	}
	byCat.doc.Find("ul.cards .tag-cat").Each(func(_ int, s *goquery.Selection) {
		if s.Text() != "Objections and negotiation" {
			t.Errorf("card of category %q in objections filter", s.Text())
		}
	})

	bySkill := ts.get(t, c, "/questions?lang=en&skill=empathy")
	if n := count(bySkill); n == 0 || n >= len(testLibrary.Questions) {
		t.Fatalf("skill filter gave %d", n)
	}

	// Japanese text, full-width and mixed case all find questions.
	for _, q := range []string{"失敗", "ＱＵＯＴＡ", "Quota", "アップセル", "pipeline"} {
		r := ts.get(t, c, "/questions?lang=ja&q="+url.QueryEscape(q))
		if count(r) == 0 {
			t.Errorf("search %q found nothing", q)
		}
		if v, _ := r.doc.Find("#q").Attr("value"); v != q {
			t.Errorf("search box shows %q, want %q", v, q)
		}
	}
	full := count(ts.get(t, c, "/questions?q="+url.QueryEscape("ＱＵＯＴＡ")))
	half := count(ts.get(t, c, "/questions?q=quota"))
	if full != half {
		t.Errorf("width folding: %d vs %d", full, half)
	}

	none := ts.get(t, c, "/questions?lang=en&q=xyzzyplugh")
	if count(none) != 0 || none.doc.Find(".empty").Length() != 1 {
		t.Error("no-match message missing")
	}
	// Unknown filter ids and invalid UTF-8 do not break the page.
	odd := ts.get(t, c, "/questions?category=nope&skill=%3Cscript%3E&q=%ff%fe")
	if odd.StatusCode != 200 || count(odd) != len(testLibrary.Questions) {
		t.Errorf("odd filters: status %d, %d cards", odd.StatusCode, count(odd))
	}
	long := ts.get(t, c, "/questions?q="+strings.Repeat("a", 5000))
	if long.StatusCode != 200 {
		t.Errorf("long query: %d", long.StatusCode)
	}
}

func TestQuestionPage(t *testing.T) {
	ts := newTestServer(t)
	q, ok := testLibrary.Question("why-sales")
	if !ok {
		t.Fatal("why-sales missing")
	}
	for _, lang := range []string{"ja", "en"} {
		r := ts.get(t, ts.client(t), "/questions/why-sales?lang="+lang)
		for _, key := range []string{"intent", "structure", "pitfalls", "outline"} {
			h := r.text("#sec-" + key)
			if h != i18n.T(lang, "q.sec."+key) {
				t.Errorf("%s: section heading %q", lang, h)
			}
		}
		if r.doc.Find(".tag-article").Length() == 0 {
			t.Errorf("%s: article badge missing", lang)
		}
		if r.doc.Find(".related li").Length() == 0 {
			t.Errorf("%s: no related questions", lang)
		}
		if !strings.Contains(r.body, (&Page{Lang: lang}).Seconds(q.Seconds)) {
			t.Errorf("%s: suggested time missing", lang)
		}
	}
}

func TestLanguageSelection(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	lang := func(r *response) string { v, _ := r.doc.Find("html").Attr("lang"); return v }

	if got := lang(ts.get(t, c, "/")); got != "ja" {
		t.Errorf("no preference: %s, want ja", got)
	}
	if got := lang(ts.get(t, ts.client(t), "/", "Accept-Language", "en-GB,en;q=0.8")); got != "en" {
		t.Errorf("Accept-Language en: %s", got)
	}
	if got := lang(ts.get(t, ts.client(t), "/", "Accept-Language", "de-DE")); got != "ja" {
		t.Errorf("unsupported Accept-Language: %s, want ja", got)
	}
	// ?lang= wins over Accept-Language and is remembered in a cookie.
	r := ts.get(t, c, "/guide?lang=en", "Accept-Language", "ja")
	if lang(r) != "en" {
		t.Fatalf("?lang=en gave %s", lang(r))
	}
	var ck *http.Cookie
	for _, x := range r.Cookies() {
		if x.Name == "lang" {
			ck = x
		}
	}
	if ck == nil || ck.Value != "en" || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode {
		t.Fatalf("language cookie: %+v", ck)
	}
	if got := lang(ts.get(t, c, "/checklist", "Accept-Language", "ja")); got != "en" {
		t.Errorf("remembered language: %s, want en", got)
	}
	if got := lang(ts.get(t, c, "/checklist?lang=ja")); got != "ja" {
		t.Errorf("switch back: %s", got)
	}
}

func TestNotFoundInUsersLanguage(t *testing.T) {
	ts := newTestServer(t)
	for _, lang := range []string{"ja", "en"} {
		for _, p := range []string{"/no-such-page", "/questions/no-such-question", "/static/css/missing.css"} {
			r := ts.get(t, ts.client(t), p+"?lang="+lang)
			if r.StatusCode != 404 {
				t.Fatalf("%s: %d", p, r.StatusCode)
			}
			if r.text("h1") != i18n.T(lang, "error.404.title") {
				t.Errorf("%s %s: h1 %q", lang, p, r.text("h1"))
			}
		}
	}
	r := ts.get(t, ts.client(t), "/guide", "Accept-Language", "en")
	if r.StatusCode != 200 {
		t.Fatal(r.StatusCode)
	}
	r = do(t, ts.client(t), mustReq(t, "POST", ts.URL+"/guide"))
	if r.StatusCode != http.StatusForbidden {
		t.Errorf("POST /guide without a CSRF token: %d", r.StatusCode)
	}
}

func mustReq(t *testing.T, method, u string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

func TestSecurityHeaders(t *testing.T) {
	ts := newTestServer(t)
	for _, p := range []string{"/", "/questions?q=x", "/nope", "/healthz"} {
		r := ts.get(t, ts.client(t), p)
		csp := r.Header.Get("Content-Security-Policy")
		if csp == "" || strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "http") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: CSP %q", p, csp)
		}
		if r.Header.Get("X-Content-Type-Options") != "nosniff" || r.Header.Get("Referrer-Policy") == "" {
			t.Errorf("%s: headers %v", p, r.Header)
		}
	}
	// Pages carry no inline script or style, so the CSP needs no exceptions.
	r := ts.get(t, ts.client(t), "/questions")
	r.doc.Find("script").Each(func(_ int, s *goquery.Selection) {
		if src, ok := s.Attr("src"); !ok || !strings.HasPrefix(src, "/static/") {
			t.Errorf("inline or foreign script: %v", src)
		}
	})
	if r.doc.Find("style, [style]").Length() > 0 {
		t.Error("inline style on the page")
	}
}

func TestStaticAssetsAreFingerprinted(t *testing.T) {
	ts := newTestServer(t)
	r := ts.get(t, ts.client(t), "/")
	href, _ := r.doc.Find(`link[rel="stylesheet"]`).Attr("href")
	if !strings.HasPrefix(href, "/static/css/app.") || href == "/static/css/app.css" {
		t.Fatalf("stylesheet %q is not fingerprinted", href)
	}
	css := ts.get(t, ts.client(t), href)
	if css.StatusCode != 200 || !strings.Contains(css.Header.Get("Cache-Control"), "immutable") ||
		!strings.HasPrefix(css.Header.Get("Content-Type"), "text/css") {
		t.Fatalf("css: %d %v", css.StatusCode, css.Header)
	}
	etag := css.Header.Get("ETag")
	again := ts.get(t, ts.client(t), href, "If-None-Match", etag)
	if again.StatusCode != http.StatusNotModified {
		t.Errorf("conditional GET: %d", again.StatusCode)
	}
	raw := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	gz := ts.get(t, raw, href, "Accept-Encoding", "gzip")
	if gz.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("css not gzipped: %v", gz.Header)
	}
	if plain := ts.get(t, raw, href); plain.Header.Get("Content-Encoding") != "" || plain.body != gunzip(t, gz.body) {
		t.Errorf("without Accept-Encoding: %v, or the two bodies differ", plain.Header)
	}
	// Error pages are written by echo's error handler after the handlers
	// have returned; they are compressed too, and whole.
	nf := ts.get(t, raw, "/questions/no-such-question?lang=en", "Accept-Encoding", "gzip")
	if nf.StatusCode != http.StatusNotFound || nf.Header.Get("Content-Encoding") != "gzip" ||
		!strings.Contains(nf.Header.Get("Vary"), "Accept-Encoding") {
		t.Fatalf("404 page: %d %v", nf.StatusCode, nf.Header)
	}
	if page := gunzip(t, nf.body); !strings.Contains(page, "</html>") {
		t.Errorf("404 page is cut short: %q", page[max(0, len(page)-200):])
	}
}

// cssClasses returns the class names a stylesheet's selectors name.
func cssClasses(t *testing.T, name string) map[string]bool {
	t.Helper()
	b, err := fs.ReadFile(static.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	src := regexp.MustCompile(`(?s)/\*.*?\*/`).ReplaceAllString(string(b), "")
	src = regexp.MustCompile(`(?s)\{[^{}]*\}`).ReplaceAllString(src, "{}") // declarations: "1.5rem" is no class
	out := map[string]bool{}
	for _, m := range regexp.MustCompile(`\.(-?[A-Za-z_][\w-]*)`).FindAllStringSubmatch(src, -1) {
		out[m[1]] = true
	}
	return out
}

// TestPagesLinkOnlyTheStylesTheyUse: a page that has an element styled only
// by one of the page stylesheets (everything but app.css) links that
// stylesheet, and a page that links one has something it styles. The
// attempt page, for one, used to load way.css and match none of its rules.
func TestPagesLinkOnlyTheStylesTheyUse(t *testing.T) {
	sheets, err := fs.Glob(static.FS, "css/*.css")
	if err != nil || len(sheets) < 3 {
		t.Fatalf("stylesheets: %v %v", sheets, err)
	}
	classes := map[string]map[string]bool{}
	for _, name := range sheets {
		classes[name] = cssClasses(t, name)
	}
	// own[sheet]: the classes no other stylesheet styles.
	own := map[string]map[string]bool{}
	for _, name := range sheets {
		own[name] = map[string]bool{}
		for cl := range classes[name] {
			alone := true
			for _, other := range sheets {
				if other != name && classes[other][cl] {
					alone = false
				}
			}
			if alone {
				own[name][cl] = true
			}
		}
	}
	if len(own["css/way.css"]) < 10 {
		t.Fatalf("way.css has only %d classes of its own: %v", len(own["css/way.css"]), own["css/way.css"])
	}
	ts := newTestServer(t)
	checked := map[string]int{}
	check := func(c *http.Client, paths ...string) {
		t.Helper()
		for _, path := range paths {
			r := ts.pageEN(t, c, path)
			used := map[string]bool{}
			r.doc.Find("[class]").Each(func(_ int, sel *goquery.Selection) {
				for _, cl := range strings.Fields(sel.AttrOr("class", "")) {
					used[cl] = true
				}
			})
			for _, name := range sheets {
				if name == "css/app.css" {
					continue
				}
				base := strings.TrimSuffix(strings.TrimPrefix(name, "css/"), ".css")
				linked := r.doc.Find(`link[rel="stylesheet"][href^="/static/css/`+base+`."]`).Length() > 0
				var needs, styles []string
				for cl := range used {
					if own[name][cl] {
						needs = append(needs, cl)
					}
					if classes[name][cl] {
						styles = append(styles, cl)
					}
				}
				if len(needs) > 0 && !linked {
					t.Errorf("%s: has %v, styled only by %s, which it does not link", path, needs, name)
				}
				if linked && len(styles) == 0 {
					t.Errorf("%s: links %s and has nothing it styles", path, name)
				}
				if linked {
					checked[name]++
				}
			}
		}
	}
	visitor := ts.client(t)
	check(visitor, "/", "/guide", "/questions", "/questions/why-sales", "/checklist", "/ask", "/glossary", "/login", "/signup")

	coach := ts.client(t)
	signupAs(t, ts, coach, "Coach Styles", "styles-coach@example.com", "en", "coach")
	setID := postNewSet(t, ts, coach, "Styles set", "why-sales")
	token, _ := newInvite(t, ts, coach, setID, "7")

	c := ts.client(t)
	me := signup(t, ts, c, "styles@example.com", "en")
	joinVia(t, ts, c, token)
	page, tok := openPractice(t, ts, c, "why-sales")
	r := submitPractice(t, ts, c, page, "why-sales", practiceValues("Closed 120% of quota in Q3 by reworking the pipeline.", tok, 4, 4, 4, 4, 4, 4))
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", r.StatusCode)
	}
	attempt := strings.SplitN(r.Header.Get("Location"), "?", 2)[0]
	check(c, "/me", "/me/settings", "/me/progress", "/practice/why-sales", attempt, "/review", "/mock", "/prep", "/prep/new",
		"/drills", "/roleplay", "/stories", "/stories/new", "/stories/coverage")
	check(coach, "/coach", fmt.Sprintf("/coach/sets/%d", setID), fmt.Sprintf("/coach/candidates/%d", me.ID),
		"/coach/attempts/"+strings.TrimPrefix(attempt, "/attempts/"), "/me/settings")
	// With a drill answered and a prep sheet, the pages show what
	// drills.css and prep.css style.
	drill := startDrillAs(t, ts, c, "nrr", 0)
	_, d := storedDrill(t, ts, me.ID, drill)
	answerDrillAs(t, ts, c, drill, rightAnswer(d, "en"))
	sv := prepValues(t, "en")
	sv.Set("date", time.Now().AddDate(0, 0, 10).Format("2006-01-02"))
	sheet := createPrep(t, ts, c, sv)
	check(c, "/me", "/me/progress", "/review", "/drills", fmt.Sprintf("/drills/attempts/%d", drill), "/prep", fmt.Sprintf("/prep/%d", sheet))
	for _, name := range []string{"css/way.css", "css/drills.css", "css/prep.css", "css/stories.css"} {
		if checked[name] == 0 {
			t.Errorf("no page linked %s: the check above saw none of its pages", name)
		}
	}
}

// TestFaviconIsTheIcon: browsers fetch /favicon.ico by themselves wherever a
// page names no icon; they get the icon the pages link, not a 404.
func TestFaviconIsTheIcon(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	href, _ := ts.get(t, c, "/").doc.Find(`link[rel="icon"]`).Attr("href")
	icon := ts.get(t, c, href)
	fav := ts.get(t, c, "/favicon.ico")
	if fav.StatusCode != 200 || fav.Header.Get("Content-Type") != "image/png" || fav.body != icon.body || len(fav.body) < 100 {
		t.Fatalf("favicon: %d %q, %d bytes (the icon has %d)", fav.StatusCode, fav.Header.Get("Content-Type"), len(fav.body), len(icon.body))
	}
	if again := ts.get(t, c, "/favicon.ico", "If-None-Match", fav.Header.Get("ETag")); again.StatusCode != http.StatusNotModified {
		t.Errorf("conditional GET of the favicon: %d", again.StatusCode)
	}
}

// gunzip decompresses a gzipped body.
func gunzip(tb testing.TB, s string) string {
	tb.Helper()
	zr, err := gzip.NewReader(strings.NewReader(s))
	if err != nil {
		tb.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func TestPublicPagesHaveETagsAndAreCached(t *testing.T) {
	ts := newTestServer(t)
	for _, p := range []string{"/", "/guide?lang=en", "/questions?q=quota", "/questions/why-sales", "/ask", "/checklist"} {
		first := ts.get(t, ts.client(t), p)
		etag := first.Header.Get("ETag")
		if first.StatusCode != 200 || etag == "" {
			t.Fatalf("%s: %d, ETag %q", p, first.StatusCode, etag)
		}
		again := ts.get(t, ts.client(t), p)
		if again.body != first.body || again.Header.Get("ETag") != etag {
			t.Errorf("%s: second visit differs from the first", p)
		}
		notMod := ts.get(t, ts.client(t), p, "If-None-Match", etag)
		if notMod.StatusCode != http.StatusNotModified || notMod.body != "" {
			t.Errorf("%s: conditional GET gave %d", p, notMod.StatusCode)
		}
	}
	// The two languages are cached apart.
	ja := ts.get(t, ts.client(t), "/guide?lang=ja")
	en := ts.get(t, ts.client(t), "/guide?lang=en")
	if ja.Header.Get("ETag") == en.Header.Get("ETag") {
		t.Error("Japanese and English guide share an ETag")
	}
	// A signed-in user never gets a visitor's cached page.
	c := ts.client(t)
	signup(t, ts, c, "cache@example.com", "en")
	me := ts.get(t, c, "/questions/why-sales")
	if me.doc.Find(".history").Length() == 0 {
		t.Error("signed-in user got the cached visitor page")
	}
}

// pageEN gets path in English and fails the test unless it is a page.
func (ts *testServer) pageEN(t *testing.T, c *http.Client, path string) *response {
	t.Helper()
	r := ts.get(t, c, path+"?lang=en")
	if r.StatusCode != 200 || r.doc == nil {
		t.Fatalf("%s: status %d", path, r.StatusCode)
	}
	return r
}

// TestPagesLoadOnlyTheirScripts: practice.js and way.js are loaded by the
// pages that have what they work on (the practice form, a saved answer's
// marker, an error summary; time-zone fields and copy buttons), and by no
// other page.
func TestPagesLoadOnlyTheirScripts(t *testing.T) {
	ts := newTestServer(t)
	scripts := []struct{ file, hooks string }{
		{"js/practice.", "#practice-form, #saved-marker, #error-summary"},
		{"js/way.", "[data-browser-tz], [data-fill-tz], [data-copy]"},
		{"js/dictation.", "[data-dictation]"},
		{"js/prep.", "[data-countdown]"},
		{"js/drills.", "#drill-timer"},
		{"js/roleplay.", "#rp-form"},
		{"js/stories.", "#story-choices"},
	}
	check := func(c *http.Client, paths ...string) {
		t.Helper()
		for _, path := range paths {
			r := ts.pageEN(t, c, path)
			for _, s := range scripts {
				loaded := r.doc.Find(`script[src*="`+s.file+`"]`).Length() > 0
				used := r.doc.Find(s.hooks).Length() > 0
				if loaded != used {
					t.Errorf("%s: %sjs loaded %v, but the page has something for it: %v", path, s.file, loaded, used)
				}
			}
		}
	}
	check(ts.client(t), "/", "/guide", "/questions", "/questions/why-sales", "/checklist", "/ask", "/login", "/signup")
	c := ts.client(t)
	signup(t, ts, c, "scripts@example.com", "en")
	check(c, "/me", "/me/settings", "/me/progress", "/practice/why-sales", "/review", "/mock", "/prep", "/prep/new",
		"/drills", "/roleplay", "/roleplay/discovery-freight")
	check(c, startRun(t, ts, c, "discovery-freight", "en"), fmt.Sprintf("/drills/attempts/%d", startDrillAs(t, ts, c, "nrr", 0)))
	// A saved answer's page carries the marker that clears its draft.
	page, tok := openPractice(t, ts, c, "why-sales")
	r := submitPractice(t, ts, c, page, "why-sales", practiceValues("Closed 120% of quota in Q3 by reworking the pipeline.", tok, 4, 4, 4, 4, 4, 4))
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", r.StatusCode)
	}
	check(c, r.Header.Get("Location"))
}
