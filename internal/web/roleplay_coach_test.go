package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/aeprep/aeprep/internal/i18n"
)

// TestRoleplayCoach: a coach adds a scenario to a set; a candidate who
// joins gets its card and sees it on their set; the cohort matrix shows
// the member's latest run; the coach reads it with its scorecard and
// comments, which the candidate sees. Another coach, and a run started
// before joining, are 404s.
func TestRoleplayCoach(t *testing.T) {
	ts := newTestServer(t)
	coachC, other, cand := ts.client(t), ts.client(t), ts.client(t)
	signupAs(t, ts, coachC, "Coach R", "coach-r@example.com", "en", "coach")
	signupAs(t, ts, other, "Coach O", "coach-o@example.com", "en", "coach")
	u := signupAs(t, ts, cand, "Cand R", "cand-r@example.com", "en", "candidate")
	before := startRun(t, ts, cand, "discovery-freight", "en") // before joining: not the coach's to see
	setID := postNewSet(t, ts, coachC, "Discovery practice", bankIDs(t, 1)...)
	set := fmt.Sprintf("/coach/sets/%d", setID)
	page := ts.get(t, coachC, set)
	if page.doc.Find(`#rp-scenario option[value="discovery-freight"]`).Length() != 1 || page.doc.Find(`#rp-scenario option`).Length() < 8 {
		t.Fatalf("the set page offers no scenarios: %q", page.text("#rp-add"))
	}
	if r := ts.postForm(t, coachC, set+"/roleplays", url.Values{"scenario": {"no-such"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("unknown scenario: %d", r.StatusCode)
	}
	if f := ts.get(t, coachC, set).text(".flash"); f != i18n.T("en", "roleplay.coach.err.pick") {
		t.Errorf("unknown scenario flash: %q", f)
	}
	if r := ts.postForm(t, coachC, set+"/roleplays", url.Values{"scenario": {"discovery-freight"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: %d", r.StatusCode)
	}
	if r := ts.postForm(t, other, set+"/roleplays", url.Values{"scenario": {"discovery-freight"}}); r.StatusCode != http.StatusNotFound {
		t.Errorf("another coach adding to the set: %d", r.StatusCode)
	}
	page = ts.get(t, coachC, set)
	if !strings.Contains(page.text("#rp-add .qlist"), "Discovery call") || page.doc.Find(`#rp-scenario option[value="discovery-freight"]`).Length() != 0 {
		t.Errorf("the scenario is not listed in the set: %q", page.text("#rp-add"))
	}
	tok, _ := newInvite(t, ts, coachC, setID, "")
	joinVia(t, ts, cand, tok)
	if _, err := ts.store.CardFor(context.Background(), u.ID, "roleplay:discovery-freight"); err != nil {
		t.Fatalf("joining queued no card for the scenario: %v", err)
	}
	me := ts.get(t, cand, "/me")
	if me.doc.Find(`.assigned-set a[href="/roleplay/discovery-freight"]`).Length() != 1 {
		t.Errorf("the set on /me has no role-play: %q", me.text(".assigned-set"))
	}
	if ts.get(t, cand, "/review").doc.Find(`form[action="/roleplay/discovery-freight"]`).Length() != 1 {
		t.Error("/review does not offer the set's scenario")
	}
	run := startRun(t, ts, cand, "discovery-freight", "en")
	playRun(t, ts, cand, run, strongDiscoveryEN)
	cell := ts.get(t, coachC, set).doc.Find(`.matrix a[href="/coach` + run + `"]`)
	if cell.Length() != 1 || !strings.Contains(cell.Text(), "Grade 5/5 · M 7/7 · B 4/4") {
		t.Fatalf("matrix cell: %q", cell.Text())
	}
	cr := ts.get(t, coachC, "/coach"+run)
	if cr.StatusCode != 200 || cr.doc.Find("#scorecard").Length() != 1 || cr.doc.Find("#rp-form, #rate-form").Length() != 0 ||
		!strings.Contains(cr.text("main"), "A run by Cand R") {
		t.Fatalf("coach's view: %d", cr.StatusCode)
	}
	for _, c := range []*http.Client{other, cand} {
		if r := ts.get(t, c, "/coach"+run); r.StatusCode != http.StatusNotFound && r.StatusCode != http.StatusForbidden {
			t.Errorf("someone else opening the coach's view: %d", r.StatusCode)
		}
	}
	if r := ts.get(t, coachC, "/coach"+before); r.StatusCode != http.StatusNotFound {
		t.Errorf("a run from before joining: %d", r.StatusCode)
	}
	if r := ts.postForm(t, coachC, "/coach"+run+"/comments", url.Values{"comment": {"  "}}); r.StatusCode != http.StatusUnprocessableEntity || r.text("#comment-error") == "" {
		t.Errorf("empty comment: %d", r.StatusCode)
	}
	if r := ts.postForm(t, other, "/coach"+run+"/comments", url.Values{"comment": {"Not mine."}}); r.StatusCode != http.StatusNotFound {
		t.Errorf("another coach commenting: %d", r.StatusCode)
	}
	if r := ts.postForm(t, coachC, "/coach"+run+"/comments", url.Values{"comment": {"Great summary at turn 8; ask about budget earlier."}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("comment: %d", r.StatusCode)
	}
	if got := ts.get(t, cand, run).text(".rp-comment-body"); got != "Great summary at turn 8; ask about budget earlier." {
		t.Errorf("the candidate sees %q", got)
	}
	if !strings.Contains(ts.get(t, cand, "/me/export.json").body, "ask about budget earlier") {
		t.Error("the comment is not in the export")
	}
}
