package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aeprep/aeprep/internal/i18n"
)

// TestTwoCoachesOneAttempt: a candidate in two coaches' sets answers a
// question both assigned. The first coach's review stays whole: the
// second sees it, gets a clear answer (409) if they try to rate too, keeps
// the comment they typed, and can reply under the review instead.
func TestTwoCoachesOneAttempt(t *testing.T) {
	ts := newTestServer(t)
	first, second, cand := ts.client(t), ts.client(t), ts.client(t)
	signupAs(t, ts, first, "Coach Aoki", "aoki@example.com", "en", "coach")
	signupAs(t, ts, second, "Coach Baba", "baba@example.com", "en", "coach")
	signupAs(t, ts, cand, "Candidate Chie", "chie@example.com", "en", "candidate")
	q := bankIDs(t, 1)[0]
	for _, coach := range []*http.Client{first, second} {
		set := postNewSet(t, ts, coach, "Shared question", q)
		tok, _ := newInvite(t, ts, coach, set, "")
		joinVia(t, ts, cand, tok)
	}
	att := saveAttempt(t, ts, cand, q, "I beat quota by 20% two years running.")
	path := fmt.Sprintf("/coach/attempts/%d", att)

	postReview(t, ts, first, att, reviewValues("Name the deal size.", 4, 4, 3, 4, 3, 4))
	page := ts.get(t, second, path)
	if page.StatusCode != 200 || page.text("#review-h + .notice") != i18n.T("en", "feedback.other", "Coach Aoki") {
		t.Fatalf("second coach's page: %d %q", page.StatusCode, page.text("#review-h + .notice"))
	}
	if page.doc.Find(`form[action$="/review"]`).Length() != 0 {
		t.Error("the second coach is offered the first coach's review to edit")
	}
	if !strings.Contains(page.text(".feedback"), "Name the deal size.") {
		t.Errorf("the first coach's review is not shown: %q", page.text(".feedback"))
	}
	// Posting anyway (an old tab): refused, nothing replaced, text kept.
	const mine = "Shorter opening, please."
	r := ts.postForm(t, second, path+"/review", reviewValues(mine, 2, 2, 2, 2, 2, 2))
	if r.StatusCode != http.StatusConflict {
		t.Fatalf("second review: %d, want 409", r.StatusCode)
	}
	if got := r.doc.Find("textarea#comment").Text(); got != mine {
		t.Errorf("typed comment kept as %q", got)
	}
	if r.text("[role=alert]") != i18n.T("en", "feedback.other", "Coach Aoki") {
		t.Errorf("alert %q", r.text("[role=alert]"))
	}
	rv, _, err := ts.store.FeedbackOf(context.Background(), att)
	if err != nil || rv.Comment != "Name the deal size." || rv.Overall != 4 {
		t.Fatalf("the first review after the second coach's try: %+v %v", rv, err)
	}
	// The second coach replies under it instead.
	if r := ts.postForm(t, second, path+"/reply", url.Values{"body": {mine}}); r.StatusCode != http.StatusSeeOther {
		t.Errorf("second coach's reply: %d (%s)", r.StatusCode, errorsOf(r))
	}
	if cp := ts.get(t, cand, fmt.Sprintf("/attempts/%d", att)); !strings.Contains(cp.body, "Name the deal size.") || !strings.Contains(cp.body, mine) {
		t.Error("the candidate does not see the review and the second coach's reply")
	}
	// The first coach can still edit their own review.
	postReview(t, ts, first, att, reviewValues("Name the deal size and the cycle.", 4, 4, 4, 4, 4, 5))
	if rv, _, _ := ts.store.FeedbackOf(context.Background(), att); rv.Overall != 5 {
		t.Errorf("first coach's edit: overall %d", rv.Overall)
	}
}

// TestSetProgressCountsFromJoining: an answer given before joining a set
// is not shared with its coach, so the candidate's progress bar does not
// count it either; one given after does.
func TestSetProgressCountsFromJoining(t *testing.T) {
	ts := newTestServer(t)
	coach, cand := ts.client(t), ts.client(t)
	signupAs(t, ts, coach, "Coach Endo", "endo@example.com", "en", "coach")
	signupAs(t, ts, cand, "Candidate Fumi", "fumi@example.com", "en", "candidate")
	qs := bankIDs(t, 2)
	saveAttempt(t, ts, cand, qs[0], "Answered before there was a coach.")
	set := postNewSet(t, ts, coach, "Two questions", qs...)
	tok, _ := newInvite(t, ts, coach, set, "")
	ts.store.Now = func() time.Time { return time.Now().UTC().Add(time.Second) } // joining comes after that answer
	joinVia(t, ts, cand, tok)
	progress := func() string {
		me := ts.get(t, cand, "/me")
		v, _ := me.doc.Find(fmt.Sprintf("#set-progress-%d", set)).Attr("value")
		return v
	}
	if got := progress(); got != "0" {
		t.Errorf("progress %s before answering in the set, want 0", got)
	}
	ts.store.Now = func() time.Time { return time.Now().UTC().Add(2 * time.Second) }
	saveAttempt(t, ts, cand, qs[0], "Answered for the coach.")
	if got := progress(); got != "1" {
		t.Errorf("progress %s after answering, want 1", got)
	}
}
