package web

import (
	"context"
	"testing"

	"github.com/aeprep/aeprep/internal/store"
)

// TestCoachTimeLimitIsTheDefault: a bank question in a candidate's set
// with a time limit opens with the coach's limit chosen.
func TestCoachTimeLimitIsTheDefault(t *testing.T) {
	ts := newTestServer(t)
	ctx := context.Background()
	c := ts.client(t)
	cand := signup(t, ts, c, "limit@example.com", "en")
	coach := &store.User{Email: "coachlimit@example.com", DisplayName: "C", PasswordHash: "x", Lang: "en", IsCoach: true}
	if err := ts.store.CreateUser(ctx, coach); err != nil {
		t.Fatal(err)
	}
	set := &store.Set{CoachID: coach.ID, Title: "Timed", Lang: "en", TimeLimit: 75}
	if err := ts.store.CreateSet(ctx, set, []store.SetItem{{QuestionID: "why-sales"}}); err != nil {
		t.Fatal(err)
	}
	before, _ := openPractice(t, ts, c, "why-sales")
	if v, _ := before.doc.Find("#time-limit option[selected]").Attr("value"); v != "90" {
		t.Fatalf("without a set the default limit is %q, want the question's 90", v)
	}
	if err := ts.store.Join(ctx, set.ID, cand.ID); err != nil {
		t.Fatal(err)
	}
	after, _ := openPractice(t, ts, c, "why-sales")
	if v, _ := after.doc.Find("#time-limit option[selected]").Attr("value"); v != "75" {
		t.Fatalf("in a set with a 75 s limit the default is %q", v)
	}
	if n := after.doc.Find("#time-limit option[selected]").Length(); n != 1 {
		t.Fatalf("%d options selected", n)
	}
}
