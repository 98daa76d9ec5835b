package web

import (
	"context"
	"fmt"
	"testing"

	"github.com/aeprep/aeprep/internal/auth"
	"github.com/aeprep/aeprep/internal/store"
)

// cohortFixture fills a database with one coach, a set of bank and custom
// questions, and candidates who answered every question `per` times, the
// coach having reviewed each latest answer.
type cohortFixture struct {
	coach, cand  *store.User
	setID        int64
	attemptID    int64
	candidateIDs []int64
}

func buildCohort(t *testing.T, ts *testServer, candidates, per int) cohortFixture {
	t.Helper()
	ctx := context.Background()
	st := ts.store
	hash, err := auth.Hash(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	var f cohortFixture
	f.coach = &store.User{Email: "coach@example.com", DisplayName: "Coach", PasswordHash: hash, Lang: "en", IsCoach: true}
	if err := st.CreateUser(ctx, f.coach); err != nil {
		t.Fatal(err)
	}
	items := []store.SetItem{}
	for _, q := range testLibrary.Questions[:5] {
		items = append(items, store.SetItem{QuestionID: q.ID})
	}
	items = append(items, store.SetItem{Prompt: "Pitch our CRM to a CFO.", Guidance: "Lead with cost.", Seconds: 90},
		store.SetItem{Prompt: "Handle a price objection.", Seconds: 60})
	set := &store.Set{CoachID: f.coach.ID, Title: "Cohort", Lang: "en"}
	if err := st.CreateSet(ctx, set, items); err != nil {
		t.Fatal(err)
	}
	f.setID = set.ID
	saved, _ := st.SetItems(ctx, set.ID)
	for i := 0; i < candidates; i++ {
		u := &store.User{Email: fmt.Sprintf("cand%d@example.com", i), DisplayName: fmt.Sprintf("Cand %d", i), PasswordHash: hash, Lang: "en"}
		if err := st.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			f.cand = u
		}
		f.candidateIDs = append(f.candidateIDs, u.ID)
		if err := st.Join(ctx, set.ID, u.ID); err != nil {
			t.Fatal(err)
		}
		for _, it := range saved {
			for k := 0; k < per; k++ {
				a := &store.Attempt{UserID: u.ID, QuestionID: it.QuestionID, Lang: "en", Answer: "I grew the pipeline 30% in 3 months.",
					ClientToken: fmt.Sprintf("tok-%d-%d-%d-xxxxxxxxxx", u.ID, it.ID, k), Insights: "{}"}
				for _, c := range store.Criteria {
					a.Ratings.Set(c, 1+(i+k)%5)
				}
				if _, err := st.SaveAttempt(ctx, a); err != nil {
					t.Fatal(err)
				}
				f.attemptID = a.ID
				if k == per-1 {
					r := &store.Feedback{AttemptID: a.ID, CoachID: f.coach.ID, Comment: "Add the result."}
					for _, c := range store.Criteria {
						r.Ratings.Set(c, 3)
					}
					if err := st.SaveFeedback(ctx, r); err != nil {
						t.Fatal(err)
					}
					if err := st.AddReply(ctx, r.ID, u.ID, "Thanks!"); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
	return f
}

// TestQueriesDoNotGrowWithData renders every main page for a small and a
// large cohort and counts the SQL statements through a GORM callback: the
// count must be the same (no N+1 queries).
func TestQueriesDoNotGrowWithData(t *testing.T) {
	type page struct {
		name  string
		coach bool
		path  func(f cohortFixture) string
	}
	pages := []page{
		{"coach dashboard", true, func(f cohortFixture) string { return "/coach" }},
		{"set matrix", true, func(f cohortFixture) string { return fmt.Sprintf("/coach/sets/%d", f.setID) }},
		{"candidate page", true, func(f cohortFixture) string {
			return fmt.Sprintf("/coach/candidates/%d", f.candidateIDs[len(f.candidateIDs)-1])
		}},
		{"coach's attempt", true, func(f cohortFixture) string { return fmt.Sprintf("/coach/attempts/%d", f.attemptID) }},
		{"me", false, func(f cohortFixture) string { return "/me" }},
		{"review", false, func(f cohortFixture) string { return "/review" }},
		{"question", false, func(f cohortFixture) string { return "/questions/" + testLibrary.Questions[0].ID }},
		{"mock", false, func(f cohortFixture) string { return "/mock" }},
		{"progress", false, func(f cohortFixture) string { return "/me/progress" }},
		{"export", false, func(f cohortFixture) string { return "/me/export.json" }},
	}
	counts := map[string][2]int{}
	for size, dims := range [][2]int{{3, 1}, {12, 3}} {
		ts := newTestServer(t)
		f := buildCohort(t, ts, dims[0], dims[1])
		coach, cand := ts.client(t), ts.client(t)
		ts.login(t, coach, "en", f.coach.Email, testPassword)
		// The heaviest candidate is the last one, who answered like the rest.
		ts.login(t, cand, "en", fmt.Sprintf("cand%d@example.com", dims[0]-1), testPassword)
		var qc queryCounter
		qc.register(t, ts.store)
		for _, p := range pages {
			c := cand
			if p.coach {
				c = coach
			}
			path := p.path(f)
			ts.get(t, c, path) // warm: first visits may queue cards or pop flashes
			qc.reset()
			r := ts.get(t, c, path)
			if r.StatusCode != 200 {
				t.Fatalf("%s %s: %d", p.name, path, r.StatusCode)
			}
			n, _ := qc.get()
			x := counts[p.name]
			x[size] = n
			counts[p.name] = x
		}
	}
	for _, p := range pages {
		x := counts[p.name]
		t.Logf("%-16s %2d queries (3 candidates × 1 answer) vs %2d (12 candidates × 3 answers)", p.name, x[0], x[1])
		if x[0] != x[1] {
			t.Errorf("%s: %d queries with little data, %d with more: the count grows with the data", p.name, x[0], x[1])
		}
	}
}
