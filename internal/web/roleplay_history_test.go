package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestRoleplayHistoryReviewExport: runs are listed on /me, a badly run
// scenario is due on /review (a strong one is not), the export has the
// runs with their turns in JSON and Markdown, and deleting the account
// removes them.
func TestRoleplayHistoryReviewExport(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	u := signup(t, ts, c, "history@example.com", "en")
	weakRun := startRun(t, ts, c, "discovery-freight", "en")
	playRun(t, ts, c, weakRun, weakDiscoveryEN)
	strongRun := startRun(t, ts, c, "price-objection-clinics", "en")
	playRun(t, ts, c, strongRun, []string{
		"I appreciate you being straight with me. Before we talk numbers, what's behind the gap: is it the total, or the figure the board has already seen?",
		"Apart from price, what does the new system absolutely have to do for you?",
		"How does ShiftCo compare on the payroll side?",
		"How will the decision be made from here, and when?",
		"Let me make sure I've got this: the board approved $40,000, payroll integration is a must and ShiftCo can't do it, and Helen takes it to the board on the 18th. Is that right?",
		"Could we meet with you and Helen on Monday at 2 to walk through the agency savings before the board meeting?",
	})
	me := ts.get(t, c, "/me")
	if me.doc.Find(`.rp-runs a[href="`+weakRun+`"]`).Length() != 1 || me.doc.Find(`.rp-runs a[href="`+strongRun+`"]`).Length() != 1 {
		t.Errorf("/me does not list both runs: %q", me.text(".rp-runs"))
	}
	ctx := context.Background()
	weak, err := ts.store.CardFor(ctx, u.ID, "roleplay:discovery-freight")
	if err != nil {
		t.Fatal(err)
	}
	strong, err := ts.store.CardFor(ctx, u.ID, "roleplay:price-objection-clinics")
	if err != nil {
		t.Fatal(err)
	}
	if weak.LastScore != 1 || strong.LastScore < 4 || !weak.Due.Before(strong.Due) {
		t.Errorf("cards: weak %d due %v, strong %d due %v", weak.LastScore, weak.Due, strong.LastScore, strong.Due)
	}
	rev := ts.get(t, c, "/review")
	if rev.doc.Find(`#rp-review-h`).Length() != 1 || rev.doc.Find(`form[action="/roleplay/discovery-freight"]`).Length() != 1 {
		t.Errorf("/review does not offer the weak scenario: %q", rev.text("main"))
	}
	if rev.doc.Find(`form[action="/roleplay/price-objection-clinics"]`).Length() != 0 {
		t.Error("/review offers the strong scenario already")
	}
	// Its Start button starts a new run.
	if r := ts.postRaw(t, c, "/roleplay/discovery-freight", url.Values{csrfField: {formToken(t, rev)}}.Encode()); r.StatusCode != http.StatusSeeOther {
		t.Errorf("start from /review: %d", r.StatusCode)
	}

	j := ts.get(t, c, "/me/export.json")
	for _, want := range []string{`"roleplay_runs"`, `"scenario_id": "discovery-freight"`, `"reply": "Do you use email for orders?"`, `"pitched-early"`, `"next_step_secured": true`} {
		if !strings.Contains(j.body, want) {
			t.Errorf("JSON export lacks %s", want)
		}
	}
	md := ts.get(t, c, "/me/export.md")
	for _, want := range []string{"## Your role-play runs", "Do you use email for orders?", "pitched before discovery", "Grade 1/5"} {
		if !strings.Contains(md.body, want) {
			t.Errorf("Markdown export lacks %q", want)
		}
	}

	del := ts.get(t, c, "/me/delete")
	if r := ts.postRaw(t, c, "/me/delete", url.Values{csrfField: {formToken(t, del)}, "password": {testPassword}}.Encode()); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete account: %d", r.StatusCode)
	}
	runs, err := ts.store.RoleplayRuns(ctx, u.ID, 0)
	turns, err2 := ts.store.AllRoleplayTurns(ctx, u.ID)
	if err != nil || err2 != nil || len(runs) != 0 || len(turns) != 0 {
		t.Errorf("after deletion: %d runs, %d turns (%v %v)", len(runs), len(turns), err, err2)
	}
}
