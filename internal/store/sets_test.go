package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"
)

// TestAddItemChecksInsideTheWrite: concurrent adds to a set can neither
// pass its limit nor add a bank question twice, and positions stay 1..n.
func TestAddItemChecksInsideTheWrite(t *testing.T) {
	s := mustOpenStore(t)
	ctx := context.Background()
	var first []string
	for i := 0; i < 7; i++ {
		first = append(first, fmt.Sprintf("q-%02d", i))
	}
	coach, _, full := coachFixture(t, s, first...)
	twice := &Set{CoachID: coach.ID, Title: "Twice", Lang: "en"}
	if err := s.CreateSet(ctx, twice, []SetItem{{QuestionID: "q-00"}}); err != nil {
		t.Fatal(err)
	}
	// Every read of a set's items takes a while, so that adds that read
	// outside the write would all read before any of them writes.
	err := s.db.Callback().Query().After("gorm:query").Register("test:slow-items", func(db *gorm.DB) {
		if db.Statement.Table == "set_items" {
			time.Sleep(10 * time.Millisecond)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	const limit, adders = 10, 12
	start := make(chan struct{})
	var wg sync.WaitGroup
	errs := make([]error, 2*adders)
	for i := 0; i < adders; i++ {
		wg.Add(2)
		go func() { // distinct questions racing for the last three places
			defer wg.Done()
			<-start
			errs[i] = s.AddItem(ctx, full.ID, &SetItem{QuestionID: fmt.Sprintf("new-%02d", i)}, limit)
		}()
		go func() { // one question, many times
			defer wg.Done()
			<-start
			errs[adders+i] = s.AddItem(ctx, twice.ID, &SetItem{QuestionID: "same"}, limit)
		}()
	}
	close(start)
	wg.Wait()
	for _, tt := range []struct {
		set                  *Set
		errs                 []error
		items                int
		added, full, already int
	}{
		{full, errs[:adders], limit, limit - len(first), adders - (limit - len(first)), 0},
		{twice, errs[adders:], 2, 1, 0, adders - 1},
	} {
		var added, isFull, already int
		for i, err := range tt.errs {
			switch {
			case err == nil:
				added++
			case errors.Is(err, ErrSetFull):
				isFull++
			case errors.Is(err, ErrItemExists):
				already++
			default:
				t.Fatalf("%s: add %d: %v", tt.set.Title, i, err)
			}
		}
		if added != tt.added || isFull != tt.full || already != tt.already {
			t.Errorf("%s: %d added, %d refused as full, %d as there already; want %d, %d, %d",
				tt.set.Title, added, isFull, already, tt.added, tt.full, tt.already)
		}
		items, err := s.SetItems(ctx, tt.set.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(items) != tt.items {
			t.Errorf("%s: %d items, want %d", tt.set.Title, len(items), tt.items)
		}
		for k, it := range items {
			if it.Position != k+1 {
				t.Errorf("%s: item %d (%s) at position %d", tt.set.Title, k, it.QuestionID, it.Position)
			}
		}
	}
	// A custom question is never "there already"; a full set refuses it.
	if err := s.AddItem(ctx, twice.ID, &SetItem{Prompt: "Same words"}, 3); err != nil {
		t.Fatal(err)
	}
	if err := s.AddItem(ctx, twice.ID, &SetItem{Prompt: "Same words"}, 3); !errors.Is(err, ErrSetFull) {
		t.Errorf("a fourth question with a limit of 3: %v, want ErrSetFull", err)
	}
}
