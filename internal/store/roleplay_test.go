package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
)

// fakeStep is a step that records the turn and ends the run at turn end.
func fakeStep(turn, end, grade int) func(r *RoleplayRun, prior func() ([]RoleplayTurn, error)) (RoleplayStep, error) {
	return func(r *RoleplayRun, prior func() ([]RoleplayTurn, error)) (RoleplayStep, error) {
		if p, err := prior(); err != nil || len(p) != turn-1 {
			return RoleplayStep{}, fmt.Errorf("prior turns: %d, %v", len(p), err)
		}
		st := RoleplayStep{State: fmt.Sprintf(`{"turns":%d}`, turn),
			Turn: RoleplayTurn{Reply: fmt.Sprintf("reply %d", turn), Moves: "open-question", BuyerNode: "n", BuyerLine: "line", Detail: "{}"}}
		if turn == end {
			st.Done, st.EndReason, st.Summary = true, "next-step", RunSummary{Grade: grade, MeddiccGot: 3, MeddiccOf: 7}
		}
		return st, nil
	}
}

// TestRoleplayTurns: turns are saved in order, once each (concurrent
// posts of one turn save it once), only by the owner and only while the
// run is running; the finished run schedules the scenario's card by its
// grade.
func TestRoleplayTurns(t *testing.T) {
	s := mustOpenStore(t)
	ctx := context.Background()
	_, cand, _ := coachFixture(t, s)
	other, _, _ := coachFixture(t, s)
	r := &RoleplayRun{UserID: cand.ID, ScenarioID: "discovery-freight", Lang: "en", State: "{}"}
	if err := s.StartRoleplay(ctx, r); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PostRoleplayTurn(ctx, other.ID, r.ID, 1, fakeStep(1, 3, 5)); !errors.Is(err, ErrNotFound) {
		t.Fatalf("another user's run: %v", err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 6)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = s.PostRoleplayTurn(ctx, cand.ID, r.ID, 1, fakeStep(1, 3, 5))
		}()
	}
	wg.Wait()
	saved := 0
	for _, err := range errs {
		switch {
		case err == nil:
			saved++
		case !errors.Is(err, ErrStaleTurn):
			t.Fatalf("concurrent post: %v", err)
		}
	}
	if saved != 1 {
		t.Fatalf("turn 1 saved %d times", saved)
	}
	if _, err := s.PostRoleplayTurn(ctx, cand.ID, r.ID, 3, fakeStep(3, 3, 5)); !errors.Is(err, ErrStaleTurn) {
		t.Fatalf("skipped turn: %v", err)
	}
	for turn := 2; turn <= 3; turn++ {
		got, err := s.PostRoleplayTurn(ctx, cand.ID, r.ID, turn, fakeStep(turn, 3, 5))
		if err != nil {
			t.Fatal(err)
		}
		if got.Turns != turn {
			t.Fatalf("turns = %d, want %d", got.Turns, turn)
		}
	}
	got, err := s.PostRoleplayTurn(ctx, cand.ID, r.ID, 4, fakeStep(4, 3, 5))
	if !errors.Is(err, ErrRunFinished) || !got.Finished() || got.Grade != 5 || got.MeddiccGot != 3 || got.EndReason != "next-step" || got.FinishedAt == nil {
		t.Fatalf("after the end: %v %+v", err, got)
	}
	turns, err := s.RoleplayTurns(ctx, r.ID)
	if err != nil || len(turns) != 3 || turns[2].Reply != "reply 3" || turns[0].MoveList()[0] != "open-question" {
		t.Fatalf("turns: %v %+v", err, turns)
	}
	good, err := s.CardFor(ctx, cand.ID, RoleplayKey("discovery-freight"))
	if err != nil || good.Reps != 1 || good.LastScore != 5 {
		t.Fatalf("card: %v %+v", err, good)
	}
	// A badly scored run of another scenario comes back sooner.
	bad := &RoleplayRun{UserID: cand.ID, ScenarioID: "price-objection-clinics", Lang: "en", State: "{}"}
	if err := s.StartRoleplay(ctx, bad); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PostRoleplayTurn(ctx, cand.ID, bad.ID, 1, fakeStep(1, 1, 1)); err != nil {
		t.Fatal(err)
	}
	weak, err := s.CardFor(ctx, cand.ID, RoleplayKey("price-objection-clinics"))
	if err != nil || !weak.Due.Before(good.Due) {
		t.Fatalf("weak run due %v, strong %v (%v)", weak.Due, good.Due, err)
	}
	if err := s.RateRoleplay(ctx, other.ID, r.ID, Ratings{Overall: 4}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("rating another's run: %v", err)
	}
	if err := s.RateRoleplay(ctx, cand.ID, r.ID, Ratings{Overall: 4, Example: 3}); err != nil {
		t.Fatal(err)
	}
	runs, err := s.RoleplayRuns(ctx, cand.ID, 0)
	if err != nil || len(runs) != 2 || runs[1].Overall != 4 {
		t.Fatalf("runs: %v %+v", err, runs)
	}
	// Deleting the account removes runs and turns.
	if err := s.DeleteUser(ctx, cand.ID); err != nil {
		t.Fatal(err)
	}
	var n int64
	s.db.Table("roleplay_turns").Where("run_id = ?", r.ID).Count(&n)
	var m int64
	s.db.Table("roleplay_runs").Where("user_id = ?", cand.ID).Count(&m)
	if n != 0 || m != 0 {
		t.Fatalf("after deletion: %d turns, %d runs", n, m)
	}
}
