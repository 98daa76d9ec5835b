package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"gorm.io/gorm"
)

// coachFixture makes a coach, a candidate and a set of the questions
// given, with addresses unique to the run (on PostgreSQL the store tests
// share a database).
func coachFixture(t *testing.T, s *Store, questions ...string) (coach, cand *User, set *Set) {
	t.Helper()
	ctx := context.Background()
	tag := time.Now().UnixNano()
	coach = &User{Email: fmt.Sprintf("coach-%d@example.com", tag), DisplayName: "Coach", PasswordHash: "x", Lang: "en", IsCoach: true}
	cand = &User{Email: fmt.Sprintf("cand-%d@example.com", tag), DisplayName: "Cand", PasswordHash: "x", Lang: "en"}
	for _, u := range []*User{coach, cand} {
		if err := s.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	var items []SetItem
	for _, q := range questions {
		items = append(items, SetItem{QuestionID: q})
	}
	set = &Set{CoachID: coach.ID, Title: "Set", Lang: "en"}
	if err := s.CreateSet(ctx, set, items); err != nil {
		t.Fatal(err)
	}
	return coach, cand, set
}

func cardIDs(t *testing.T, s *Store, userID int64) []string {
	t.Helper()
	rows, err := s.Cards(context.Background(), userID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		out = append(out, r.QuestionID)
	}
	slices.Sort(out)
	return out
}

// TestJoinQueuesTheSetsCards: joining makes the candidate a member and
// queues every question of the set as a card due at once, custom ones
// included; a card the candidate already had keeps its schedule.
func TestJoinQueuesTheSetsCards(t *testing.T) {
	s := mustOpenStore(t)
	ctx := context.Background()
	clock := time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return clock }
	_, cand, set := coachFixture(t, s, "why-sales", "tell-me-about-yourself")
	custom := &SetItem{Prompt: "Pitch our CRM to a CFO."}
	if err := s.AddItem(ctx, set.ID, custom, 100); err != nil {
		t.Fatal(err)
	}
	// A card already scheduled for next week stays where it is.
	later := clock.Add(7 * 24 * time.Hour)
	if err := s.db.Create(&CardRow{UserID: cand.ID, QuestionID: "why-sales", Due: later, UpdatedAt: clock}).Error; err != nil {
		t.Fatal(err)
	}
	if err := s.Join(ctx, set.ID, cand.ID); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.IsMember(ctx, set.ID, cand.ID); err != nil || !ok {
		t.Fatalf("member after joining: %v, %v", ok, err)
	}
	want := []string{custom.QuestionID, "tell-me-about-yourself", "why-sales"}
	slices.Sort(want)
	if got := cardIDs(t, s, cand.ID); !slices.Equal(got, want) {
		t.Fatalf("cards %v, want %v", got, want)
	}
	rows, _ := s.Cards(ctx, cand.ID)
	for _, r := range rows {
		wantDue := clock
		if r.QuestionID == "why-sales" {
			wantDue = later
		}
		if !r.Due.Equal(wantDue) {
			t.Errorf("%s due %v, want %v", r.QuestionID, r.Due, wantDue)
		}
	}
	if err := s.Join(ctx, set.ID, cand.ID); !errors.Is(err, ErrAlreadyMember) {
		t.Errorf("joining twice: %v, want ErrAlreadyMember", err)
	}
}

// TestJoinIsOneTransaction: when queueing the cards fails, the candidate
// is not left a member with no cards: nothing of the join is kept, and
// joining again works.
func TestJoinIsOneTransaction(t *testing.T) {
	s := mustOpenStore(t)
	ctx := context.Background()
	_, cand, set := coachFixture(t, s, "why-sales", "tell-me-about-yourself")
	failing := true
	diskFull := errors.New("disk full")
	err := s.db.Callback().Create().Before("gorm:create").Register("test:fail-cards", func(db *gorm.DB) {
		if failing && db.Statement.Table == "cards" {
			db.AddError(diskFull)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Join(ctx, set.ID, cand.ID); !errors.Is(err, diskFull) {
		t.Fatalf("Join with the cards failing: %v, want the failure", err)
	}
	if ok, err := s.IsMember(ctx, set.ID, cand.ID); err != nil || ok {
		t.Fatalf("member after a failed join: %v, %v", ok, err)
	}
	if cards := cardIDs(t, s, cand.ID); len(cards) != 0 {
		t.Fatalf("cards after a failed join: %v", cards)
	}
	failing = false
	if err := s.Join(ctx, set.ID, cand.ID); err != nil {
		t.Fatalf("joining again: %v", err)
	}
	if got := cardIDs(t, s, cand.ID); !slices.Equal(got, []string{"tell-me-about-yourself", "why-sales"}) {
		t.Fatalf("cards after joining again: %v", got)
	}
}
