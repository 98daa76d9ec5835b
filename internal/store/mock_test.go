package store

import (
	"context"
	"fmt"
	"reflect"
	"testing"
)

// TestMockAnswerCounts counts each mock interview's answers, the user's
// own only, in one query; answers outside an interview do not count,
// nor another user's interview asked for by id.
func TestMockAnswerCounts(t *testing.T) {
	s := mustOpenStore(t)
	ctx := context.Background()
	me, other := progressUser(t, s), progressUser(t, s)
	mock := func(u *User) int64 {
		m := &MockSession{UserID: u.ID, Lang: "en", QuestionIDs: "a,b,c"}
		if err := s.CreateMock(ctx, m); err != nil {
			t.Fatal(err)
		}
		return m.ID
	}
	first, second, empty, theirs := mock(me), mock(me), mock(me), mock(other)
	n := 0
	save := func(u *User, mockID *int64, q string) {
		n++
		a := &Attempt{UserID: u.ID, QuestionID: q, Lang: "en", Answer: "x", Insights: "{}", MockID: mockID,
			ClientToken: fmt.Sprintf("mock-count-%d-xxxxxxxxxxxx", n)}
		if _, err := s.SaveAttempt(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	save(me, &first, "a")
	save(me, &first, "b")
	save(me, &first, "c")
	save(me, &second, "a")
	save(me, nil, "a")
	save(other, &theirs, "a")
	got, err := s.MockAnswerCounts(ctx, me.ID, []int64{first, second, empty, theirs})
	if err != nil {
		t.Fatal(err)
	}
	if want := map[int64]int{first: 3, second: 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("counts %v, want %v (interview %d has none)", got, want, empty)
	}
	got, err = s.MockAnswerCounts(ctx, progressUser(t, s).ID, []int64{first, theirs})
	if err != nil || len(got) != 0 {
		t.Errorf("a user with no interviews: %v, %v", got, err)
	}
}
