package web

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/aeprep/aeprep/internal/i18n"
)

// cacheHeld adds up what the page cache holds, from its entries.
func cacheHeld(pc *pageCache) (entries, bytes int) {
	pc.mu.RLock()
	defer pc.mu.RUnlock()
	for k, p := range pc.entries {
		bytes += len(k) + len(p.body) + len(p.etag)
	}
	return len(pc.entries), bytes
}

// TestPageCacheBoundedByBytes: the cache's own byte count stays under its
// bound however many pages go in, and matches what it holds.
func TestPageCacheBoundedByBytes(t *testing.T) {
	pc := newPageCache(1000, 1<<20)
	for i := 0; i < 5000; i++ {
		body := []byte(strings.Repeat("x", 1+(i*7919)%100000))
		pc.put(fmt.Sprintf("k%d", i%1500), cachedPage{body: body, etag: etagOf(body)})
		n, b := pc.size()
		if b > 1<<20 || n > 1000 {
			t.Fatalf("after %d puts: %d entries, %d bytes", i+1, n, b)
		}
	}
	n, b := pc.size()
	if hn, hb := cacheHeld(pc); hn != n || hb != b {
		t.Errorf("cache counts %d entries, %d bytes; holds %d, %d", n, b, hn, hb)
	}
	if b < 1<<19 {
		t.Errorf("cache holds only %d bytes: it should fill up to its bound", b)
	}
	// A page too large for its share is not kept.
	pc.put("huge", cachedPage{body: make([]byte, 1<<19)})
	if _, ok := pc.get("huge"); ok {
		t.Error("a page of half the cache was kept")
	}
}

// TestSearchCannotFillPageCache is issue 12's repro: 400 searches of
// <counter><1,000,000 × a> used to be cached whole, page and echoed query.
// Now searches make no entry, any unknown query parameter makes none, and
// an over-long search says so in the visitor's language.
func TestSearchCannotFillPageCache(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	long := strings.Repeat("a", 1000000)
	for i := 0; i < 400; i++ {
		r := ts.get(t, c, fmt.Sprintf("/questions?q=%d%s", i, long))
		if r.StatusCode != http.StatusOK {
			t.Fatalf("search %d: %d", i, r.StatusCode)
		}
		if len(r.body) > 200000 {
			t.Fatalf("search %d: a %d-byte page echoes the query", i, len(r.body))
		}
	}
	for i := 0; i < 400; i++ {
		ts.get(t, c, fmt.Sprintf("/guide?x%d=1", i))
		ts.get(t, c, fmt.Sprintf("/questions?q=word%d", i))
		ts.get(t, c, fmt.Sprintf("/?lang=en&utm=%d", i))
	}
	n, b := cacheHeld(ts.app.cache)
	if n > 0 || b > 0 {
		t.Errorf("after 1,600 visitor URLs with searches or unknown parameters the cache holds %d entries, %d bytes", n, b)
	}
	if cn, cb := ts.app.cache.size(); cn != n || cb != b {
		t.Errorf("cache counts %d entries, %d bytes; holds %d, %d", cn, cb, n, b)
	}
	// Known pages and filters are still cached.
	ts.get(t, c, "/guide")
	ts.get(t, c, "/questions?category="+testLibrary.Questions[0].Category+"&lang=en")
	if n, _ := cacheHeld(ts.app.cache); n != 2 {
		t.Errorf("%d entries after two cacheable pages", n)
	}
	for _, lang := range []string{"ja", "en"} {
		r := ts.get(t, c, "/questions?lang="+lang+"&q="+strings.Repeat("あ", 201))
		if r.StatusCode != http.StatusOK || r.text("#q-error") != i18n.T(lang, "filter.q.toolong", maxLen("search.q")) {
			t.Errorf("%s: long search: %d %q", lang, r.StatusCode, r.text("#q-error"))
		}
		if v, _ := r.doc.Find("input#q").Attr("value"); v != strings.Repeat("あ", 200) {
			t.Errorf("%s: search box keeps %d characters", lang, len([]rune(v)))
		}
	}
	if r := ts.get(t, c, "/questions?q="+strings.Repeat("あ", 200)); r.StatusCode != 200 || r.doc.Find("#q-error").Length() != 0 {
		t.Errorf("a 200-character search: %d", r.StatusCode)
	}
}
