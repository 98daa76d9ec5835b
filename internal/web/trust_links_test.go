package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// TestNotFoundLinksStayOnSite: every link on a page built from the request
// path (the language switch of the 404 page above all) stays on this site.
func TestNotFoundLinksStayOnSite(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	for _, path := range []string{"/%2Fevil.example/x", "/%2F%2Fevil.example/x", "/%5Cevil.example/x", "/%2F%5Cevil.example/x",
		"/%5C%5Cevil.example", "/%09/evil.example", "/questions/%2F%2Fevil.example"} {
		r := ts.get(t, c, path)
		if r.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d", path, r.StatusCode)
			continue
		}
		n := 0
		r.doc.Find("a[href], link[href], form[action]").Each(func(_ int, s *goquery.Selection) {
			href := s.AttrOr("href", s.AttrOr("action", ""))
			n++
			if !strings.HasPrefix(href, "/") && !strings.HasPrefix(href, "#") || strings.HasPrefix(href, "//") ||
				strings.ContainsAny(href, "\\\t\r\n") {
				t.Errorf("GET %s: link %q leaves the site", path, href)
			}
		})
		sw, _ := r.doc.Find("a.lang-switch").Attr("href")
		if !strings.HasPrefix(sw, "/evil.example") && !strings.HasPrefix(sw, "/%09/evil.example") && !strings.HasPrefix(sw, "/%5Cevil.example") &&
			!strings.HasPrefix(sw, "/questions/") {
			t.Errorf("GET %s: language switch %q", path, sw)
		}
		if n == 0 {
			t.Errorf("GET %s: no links checked", path)
		}
	}
}
