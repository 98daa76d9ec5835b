package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// TestReviewQueue: saved answers become cards; /me counts them, /review
// lists the due ones weakest first, and an attempt page leads on to the
// next due question.
func TestReviewQueue(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	u := signup(t, ts, c, "srs@example.com", "en")
	save := func(qid string, score int) *response {
		t.Helper()
		page, tok := openPractice(t, ts, c, qid)
		r := submitPractice(t, ts, c, page, qid, practiceValues("At my last job I hit 110% of quota for the customer.", tok, score, score, score, score, score, score))
		if r.StatusCode != http.StatusSeeOther {
			t.Fatalf("save %s: %d", qid, r.StatusCode)
		}
		return r
	}
	save("why-sales", 3)
	save("mistake-and-lesson", 1)
	last := save("walk-me-through-sales-experience", 2)

	// Every practised question has a card; a low score is due again today.
	if n := ts.count(t, `SELECT COUNT(*) FROM cards WHERE user_id = ?`, u.ID); n != 3 {
		t.Fatalf("%d cards, want 3", n)
	}
	rv := ts.get(t, c, "/review")
	var order []string
	rv.doc.Find("ol.attempt-list > li a").Each(func(_ int, s *goquery.Selection) {
		h, _ := s.Attr("href")
		order = append(order, strings.TrimPrefix(h, "/practice/"))
	})
	if len(order) != 3 || order[0] != "mistake-and-lesson" || order[1] != "walk-me-through-sales-experience" || order[2] != "why-sales" {
		t.Fatalf("review order %v, want weakest first", order)
	}
	me := ts.get(t, c, "/me")
	if due := strings.TrimSpace(me.doc.Find(".srs-counts dd").First().Text()); due != "3" {
		t.Errorf("/me shows %s due", due)
	}
	// The attempt page says when the question comes back and offers the
	// next due one.
	page := ts.get(t, c, last.Header.Get("Location"))
	if !strings.Contains(page.text(".next-review"), "next review in") && !strings.Contains(page.text(".next-review"), "due for review") {
		t.Errorf("next review line: %q", page.text(".next-review"))
	}
	next, _ := page.doc.Find(`.actions-row a.button.primary`).Attr("href")
	if next != "/practice/mistake-and-lesson" {
		t.Errorf("next due link %q, want the weakest other question", next)
	}
}
