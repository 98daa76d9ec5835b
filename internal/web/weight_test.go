package web

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// TestPracticePageWeight: the practice page, with every stylesheet and
// script it loads, stays under 72 KB uncompressed, and asks nothing of any
// other site. (60 KB until round 3; the on-device dictation control, its
// consent panel and strings, took the page from 59.7 to 68.5 KB.)
func TestPracticePageWeight(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	signup(t, ts, c, "weight@example.com", "ja")
	page := ts.get(t, c, "/practice/why-sales")
	total := len(page.body)
	parts := []string{"html " + itoa(len(page.body))}
	page.doc.Find("link[href], script[src], img[src], audio[src]").Each(func(_ int, s *goquery.Selection) {
		u, ok := s.Attr("href")
		if !ok {
			u, _ = s.Attr("src")
		}
		if !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") {
			t.Errorf("third-party request: %s", u)
			return
		}
		r := ts.get(t, ts.client(t), u)
		total += len(r.body)
		parts = append(parts, u+" "+itoa(len(r.body)))
	})
	t.Logf("practice page weight: %d bytes (%s)", total, strings.Join(parts, ", "))
	if total >= 72*1024 {
		t.Errorf("practice page weighs %d bytes, over 72 KB", total)
	}
}
