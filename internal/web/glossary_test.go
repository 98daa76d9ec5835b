package web

import (
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/aeprep/aeprep/internal/i18n"
)

func glossaryIDs(r *response) []string {
	var ids []string
	r.doc.Find("article.glossary-term").Each(func(_ int, s *goquery.Selection) {
		id, _ := s.Attr("id")
		ids = append(ids, id)
	})
	return ids
}

func TestGlossaryPageInBothLanguages(t *testing.T) {
	ts := newTestServer(t)
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			r := ts.get(t, ts.client(t), "/glossary?lang="+lang)
			if r.StatusCode != 200 {
				t.Fatalf("status %d", r.StatusCode)
			}
			if got := r.text("h1"); got != i18n.T(lang, "glossary.title") {
				t.Errorf("h1 %q", got)
			}
			ids := glossaryIDs(r)
			if len(ids) != len(testLibrary.Glossary) {
				t.Fatalf("%d terms shown, want %d", len(ids), len(testLibrary.Glossary))
			}
			// Every term has its anchor, term, definition and example, and
			// every related link points at an anchor of the page.
			anchors := map[string]bool{}
			for _, id := range ids {
				anchors[id] = true
			}
			for _, g := range testLibrary.Glossary {
				a := r.doc.Find("article#" + g.ID)
				if got := strings.TrimSpace(a.Find("h3").Text()); got != g.Term[lang] {
					t.Errorf("%s: h3 %q, want %q", g.ID, got, g.Term[lang])
				}
				if a.Find(".glossary-def p").Length() == 0 || a.Find(".glossary-example p").Length() < 2 {
					t.Errorf("%s: definition or example missing", g.ID)
				}
				if n := a.Find(".glossary-related a").Length(); n != len(g.Related) {
					t.Errorf("%s: %d related links, want %d", g.ID, n, len(g.Related))
				}
			}
			r.doc.Find(".glossary-related a, .glossary-index a").Each(func(_ int, s *goquery.Selection) {
				href, _ := s.Attr("href")
				_, frag, _ := strings.Cut(href, "#")
				if !anchors[frag] && r.doc.Find("#"+frag).Length() == 0 {
					t.Errorf("link %q points at no anchor", href)
				}
			})
			// The reader's order: A to Z in English; Latin letters, then
			// あいうえお in Japanese.
			heads := r.doc.Find(".glossary-group h2").Map(func(_ int, s *goquery.Selection) string { return s.Text() })
			want := map[string]string{"en": "A", "ja": "A–Z"}[lang]
			if len(heads) < 5 || heads[0] != want {
				t.Errorf("index headings %v", heads)
			}
			if lang == "ja" {
				joined := strings.Join(heads, "")
				if !strings.HasPrefix(joined, "A–Zあかさた") {
					t.Errorf("ja headings %q, want A–Z then the gojūon rows", joined)
				}
				// 稟議 is read りんぎ: under ら, before ロールプレイ面接 (ろ).
				rin, rol := indexOf(ids, "ringi"), indexOf(ids, "roleplay-interview")
				if rin < 0 || rol < 0 || rin > rol {
					t.Errorf("ringi at %d, roleplay-interview at %d: want りんぎ before ろーるぷれい", rin, rol)
				}
			}
			if lang == "en" {
				terms := r.doc.Find("article.glossary-term h3").Map(func(_ int, s *goquery.Selection) string { return strings.ToLower(s.Text()) })
				if !sort.StringsAreSorted(terms) || ids[0] != "accelerator" {
					t.Errorf("en terms not in A-Z order: %v", terms)
				}
			}
		})
	}
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

func TestGlossarySearch(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	for _, tc := range []struct {
		lang, q string
		want    string // an id among the results
		max     int    // at most this many results
	}{
		{"en", "ringi", "ringi", 3},
		{"ja", "稟議", "ringi", 10},
		{"en", "稟議", "ringi", 10},                          // the other language's term
		{"ja", "ｍｅｄｄｉｃｃ", "meddicc", 12},                   // full width, any case
		{"en", "annual recurring revenue", "arr", 3},       // an alias
		{"ja", "ロープレ", "roleplay-interview", 3},            // a Japanese alias
		{"en", "subscription revenue expressed", "arr", 2}, // the definition
	} {
		r := ts.get(t, c, "/glossary?lang="+tc.lang+"&q="+url.QueryEscape(tc.q))
		ids := glossaryIDs(r)
		if indexOf(ids, tc.want) < 0 || len(ids) > tc.max {
			t.Errorf("%s %q: %v, want %s among at most %d", tc.lang, tc.q, ids, tc.want, tc.max)
		}
		if v, _ := r.doc.Find("input#q").Attr("value"); v != tc.q {
			t.Errorf("%s %q: the box shows %q", tc.lang, tc.q, v)
		}
		if got := r.text(".results-count"); got != i18n.T(tc.lang, "glossary.found", len(ids), tc.q) {
			t.Errorf("%s %q: count %q", tc.lang, tc.q, got)
		}
	}
	// No match: a clear message in the user's language, the text kept.
	for _, lang := range []string{"ja", "en"} {
		r := ts.get(t, c, "/glossary?lang="+lang+"&q=zzqx")
		if n := len(glossaryIDs(r)); n != 0 || r.StatusCode != 200 {
			t.Fatalf("%s: %d results, status %d", lang, n, r.StatusCode)
		}
		if got, want := r.text("p.empty"), i18n.T(lang, "glossary.none", "zzqx"); !strings.HasPrefix(got, want) {
			t.Errorf("%s: no-match message %q, want %q", lang, got, want)
		}
		if href, _ := r.doc.Find("p.empty a").Attr("href"); href != "/glossary" {
			t.Errorf("%s: no way back to the list: %q", lang, href)
		}
	}
}

func TestGlossaryLongQuery(t *testing.T) {
	ts := newTestServer(t)
	long := strings.Repeat("稟議", 300) // 600 characters
	r := ts.get(t, ts.client(t), "/glossary?lang=ja&q="+url.QueryEscape(long))
	if r.StatusCode != 200 {
		t.Fatalf("status %d", r.StatusCode)
	}
	if got, want := r.text("#q-error"), i18n.T("ja", "filter.q.toolong", maxLen("search.q")); got != want {
		t.Errorf("error %q, want %q", got, want)
	}
	if v, _ := r.doc.Find("input#q").Attr("value"); len([]rune(v)) != maxLen("search.q") {
		t.Errorf("box holds %d characters, want %d", len([]rune(v)), maxLen("search.q"))
	}
	if inv, _ := r.doc.Find("input#q").Attr("aria-invalid"); inv != "true" {
		t.Error("the box is not marked invalid")
	}
	sw, _ := r.doc.Find("a.lang-switch").Attr("href")
	if len(sw) > 4*maxLen("search.q")*9 || strings.Contains(sw, url.QueryEscape(long)) {
		t.Errorf("language switch echoes the whole text (%d bytes)", len(sw))
	}
}

// TestGlossaryLinkedFromContent follows the links from a question and a
// guide chapter to the glossary's anchors.
func TestGlossaryLinkedFromContent(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	anchors := map[string]bool{}
	for _, id := range glossaryIDs(ts.get(t, c, "/glossary?lang=en")) {
		anchors[id] = true
	}
	check := func(path string, min int) *response {
		t.Helper()
		r := ts.get(t, c, path)
		if r.doc.Find(`p.glossary-link a[href="/glossary"]`).Length() != 1 {
			t.Errorf("%s: no glossary link in the page", path)
		}
		links := r.doc.Find(`a.gloss`)
		if links.Length() < min {
			t.Errorf("%s: %d term links, want at least %d", path, links.Length(), min)
		}
		links.Each(func(_ int, a *goquery.Selection) {
			href, _ := a.Attr("href")
			id := strings.TrimPrefix(href, "/glossary#")
			if !anchors[id] {
				t.Errorf("%s: link %q to no term", path, href)
			}
			if strings.TrimSpace(a.Find(".visually-hidden").Text()) == "" || strings.TrimSpace(a.Contents().First().Text()) == "" {
				t.Errorf("%s: link %q without text", path, href)
			}
			if a.ParentsFiltered("h1,h2,h3,h4,code,pre,a").Length() > 0 {
				t.Errorf("%s: term link inside a heading, code or link", path)
			}
		})
		return r
	}
	// Each term is linked once per page, where it first appears.
	once := func(path string, r *response) {
		t.Helper()
		seen := map[string]bool{}
		r.doc.Find("a.gloss").Each(func(_ int, a *goquery.Selection) {
			href, _ := a.Attr("href")
			if seen[href] {
				t.Errorf("%s: %s linked twice in one page", path, href)
			}
			seen[href] = true
		})
	}
	// A question's guidance: the discovery call process mentions SDRs and
	// discovery.
	for _, path := range []string{"/questions/discovery-call-process?lang=en", "/questions/discovery-call-process?lang=ja"} {
		once(path, check(path, 3))
	}
	// The guide chapter for Japan links its terms, and its own link to the
	// glossary stays a plain link.
	for _, lang := range []string{"ja", "en"} {
		r := check("/guide?lang="+lang, 20)
		once("/guide?lang="+lang, r)
		ch := r.doc.Find("section#ae-in-japan")
		if ch.Find("a.gloss").Length() < 3 {
			t.Errorf("%s: the ae-in-japan chapter links %d terms", lang, ch.Find("a.gloss").Length())
		}
		// フィールドセールス first appears in that chapter; インサイドセールス
		// may come earlier in the guide, and is linked there.
		if ch.Find(`a.gloss[href="/glossary#field-sales"]`).Length() != 1 {
			t.Errorf("%s: ae-in-japan does not link field-sales", lang)
		}
		if r.doc.Find(`a.gloss[href="/glossary#inside-sales"]`).Length() != 1 {
			t.Errorf("%s: the guide does not link inside-sales", lang)
		}
		if ch.Find(`a[href="/glossary"]`).Length() == 0 {
			t.Errorf("%s: ae-in-japan lost its link to the glossary", lang)
		}
	}
}
