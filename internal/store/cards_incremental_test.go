package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// TestCardStaysAReplay drives one card through a random mix of saves
// (some with clocks that go backwards or stand still), coach reviews and
// deletions. After every step the stored card must equal a fresh replay
// of the question's history, whichever way the save took (one review
// step or a replay), and the short way must actually be taken.
func TestCardStaysAReplay(t *testing.T) {
	s := mustOpenStore(t)
	ctx := context.Background()
	// Unique addresses: on PostgreSQL the store tests share a database.
	tag := time.Now().UnixNano()
	user := &User{Email: fmt.Sprintf("cards-%d@example.com", tag), DisplayName: "Cards", PasswordHash: "x", Lang: "en"}
	coach := &User{Email: fmt.Sprintf("coach-cards-%d@example.com", tag), DisplayName: "Coach", PasswordHash: "x", Lang: "en", IsCoach: true}
	for _, u := range []*User{user, coach} {
		if err := s.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	clock := time.Date(2026, 3, 2, 9, 0, 0, 123456789, time.UTC)
	s.Now = func() time.Time { return clock }
	rng := rand.New(rand.NewPCG(7, 11))
	short := 0
	var ids []int64
	saves := 0
	for step := 0; step < 300; step++ {
		op := rng.IntN(10)
		switch {
		case op < 7 || len(ids) == 0: // save
			switch rng.IntN(10) {
			case 0:
				clock = clock.Add(-time.Duration(rng.IntN(3)+1) * time.Hour) // a clock that went back
			case 1: // the same instant as the last save
			default:
				clock = clock.Add(time.Duration(rng.IntN(5*24*60)+1) * time.Minute)
			}
			a := &Attempt{UserID: user.ID, QuestionID: "why-sales", Lang: "en", Answer: "x", Insights: "{}",
				ClientToken: fmt.Sprintf("tok-%04d-xxxxxxxxxxxxxxxx", step)}
			if rng.IntN(5) != 0 { // some answers are saved unrated, to rate later
				for _, c := range Criteria {
					a.Ratings.Set(c, 1+rng.IntN(5))
				}
			}
			_, oneStep, err := s.saveAttempt(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			if oneStep {
				short++
			}
			ids = append(ids, a.ID)
			saves++
		case op == 7 && rng.IntN(2) == 0: // the candidate rates (or re-rates) one later
			var r Ratings
			r.Set("overall", 1+rng.IntN(5))
			if err := s.UpdateRatings(ctx, user.ID, ids[rng.IntN(len(ids))], r); err != nil {
				t.Fatal(err)
			}
		case op < 9: // a coach rates one of the attempts
			r := &Feedback{AttemptID: ids[rng.IntN(len(ids))], CoachID: coach.ID, Comment: "ok"}
			for _, c := range Criteria {
				r.Ratings.Set(c, 1+rng.IntN(5))
			}
			if err := s.SaveFeedback(ctx, r); err != nil {
				t.Fatal(err)
			}
		default: // the candidate deletes one
			i := rng.IntN(len(ids))
			if err := s.DeleteAttempt(ctx, user.ID, ids[i]); err != nil {
				t.Fatal(err)
			}
			ids = append(ids[:i], ids[i+1:]...)
		}
		if len(ids) == 0 {
			continue
		}
		stored, err := s.CardFor(ctx, user.ID, "why-sales")
		if err != nil {
			t.Fatal(err)
		}
		// The replay, computed without storing it, so a drift over many
		// one-step saves would show.
		card, last, err := s.replayCard(s.db.WithContext(ctx), user.ID, "why-sales")
		if err != nil {
			t.Fatal(err)
		}
		got := stored.Card()
		if !got.Due.Equal(card.Due) || !got.LastReview.Equal(card.LastReview) || got.Stability != card.Stability ||
			got.Difficulty != card.Difficulty || got.ElapsedDays != card.ElapsedDays || got.ScheduledDays != card.ScheduledDays ||
			got.Reps != card.Reps || got.Lapses != card.Lapses || got.State != card.State || stored.LastScore != last {
			t.Fatalf("step %d (op %d): stored card\n%+v (last score %d)\nreplay gives\n%+v (last score %d)", step, op, got, stored.LastScore, card, last)
		}
	}
	t.Logf("%d saves, %d took the one-step way, the rest replayed", saves, short)
	if short < saves/3 {
		t.Errorf("only %d of %d saves took the one-step way", short, saves)
	}
}
