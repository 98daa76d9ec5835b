package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"
)

func newStory(userID int64, title string) *Story {
	return &Story{UserID: userID, Title: title, Situation: "A buyer's renewal was at risk.", Task: "Keep the account.",
		Action: "I ran a value review with the CFO.", Result: "Renewed at 112% of last year's value.", Figures: "112%",
		Skills: IDList{"negotiation", "empathy"}, Categories: IDList{"account-growth", "objections"}, Lang: "en"}
}

func (s *Store) countRows(t *testing.T, q string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := s.db.Raw(q, args...).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// TestStoriesBelongToTheirOwner: a story is read, changed, shared and
// deleted only through its owner; anyone else's id is ErrNotFound and
// changes nothing. The list and its skills and categories round-trip.
func TestStoriesBelongToTheirOwner(t *testing.T) {
	s := mustOpenStore(t)
	ctx := context.Background()
	clock := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { clock = clock.Add(time.Minute); return clock }
	_, cand, _ := coachFixture(t, s)
	other := &User{Email: fmt.Sprintf("other-%d@example.com", time.Now().UnixNano()), DisplayName: "O", PasswordHash: "x", Lang: "ja"}
	if err := s.CreateUser(ctx, other); err != nil {
		t.Fatal(err)
	}
	a, b := newStory(cand.ID, "Renewal saved"), newStory(cand.ID, "Second")
	for _, st := range []*Story{a, b} {
		if err := s.CreateStory(ctx, st, 2); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.CreateStory(ctx, newStory(cand.ID, "Third"), 2); !errors.Is(err, ErrTooMany) {
		t.Fatalf("a third story over a limit of 2: %v", err)
	}
	got, err := s.Story(ctx, cand.ID, a.ID)
	if err != nil || got.Title != "Renewal saved" || !slices.Equal(got.Skills, []string{"negotiation", "empathy"}) ||
		!slices.Equal(got.Categories, []string{"account-growth", "objections"}) || got.Shared {
		t.Fatalf("story read back: %+v, %v", got, err)
	}
	list, err := s.Stories(ctx, cand.ID)
	if err != nil || len(list) != 2 || list[0].ID != b.ID {
		t.Fatalf("list (newest change first): %+v, %v", list, err)
	}
	if _, err := s.Story(ctx, other.ID, a.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("another user's story: %v", err)
	}
	stolen := *a
	stolen.UserID, stolen.Title = other.ID, "Taken over"
	if err := s.UpdateStory(ctx, &stolen); !errors.Is(err, ErrNotFound) {
		t.Errorf("update through another user: %v", err)
	}
	if err := s.ShareStory(ctx, other.ID, a.ID, true); !errors.Is(err, ErrNotFound) {
		t.Errorf("share through another user: %v", err)
	}
	if err := s.DeleteStory(ctx, other.ID, a.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("delete through another user: %v", err)
	}
	if got, _ := s.Story(ctx, cand.ID, a.ID); got.Title != "Renewal saved" || got.Shared {
		t.Fatalf("another user changed the story: %+v", got)
	}
	a.Title, a.Skills = "Renewal saved, told again", IDList{"determination"}
	if err := s.UpdateStory(ctx, a); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Story(ctx, cand.ID, a.ID); got.Title != "Renewal saved, told again" || !slices.Equal(got.Skills, []string{"determination"}) {
		t.Fatalf("after update: %+v", got)
	}
	if n, err := s.ShareAllStories(ctx, cand.ID, true); err != nil || n != 2 {
		t.Fatalf("share all: %d, %v", n, err)
	}
	if n, _ := s.ShareAllStories(ctx, cand.ID, true); n != 0 {
		t.Errorf("sharing again changed %d", n)
	}
}

// TestSharedStoriesOnlyForTheCandidatesCoaches: a coach reads and comments
// on a story only when it is shared and its owner is in one of the
// coach's sets; comments go with the story, and the attempts that used a
// deleted story forget it.
func TestSharedStoriesOnlyForTheCandidatesCoaches(t *testing.T) {
	s := mustOpenStore(t)
	ctx := context.Background()
	coach, cand, set := coachFixture(t, s, "why-sales")
	stranger, _, _ := coachFixture(t, s)
	st := newStory(cand.ID, "Shared later")
	if err := s.CreateStory(ctx, st, 10); err != nil {
		t.Fatal(err)
	}
	visible := func(coachID int64) bool {
		t.Helper()
		_, err := s.SharedStory(ctx, coachID, st.ID)
		list, lerr := s.SharedStories(ctx, coachID, cand.ID)
		if lerr != nil || (err == nil) != (len(list) == 1) {
			t.Fatalf("SharedStory %v but SharedStories %d (%v)", err, len(list), lerr)
		}
		return err == nil
	}
	// Shared, but the candidate has not joined: nobody sees it.
	if err := s.ShareStory(ctx, cand.ID, st.ID, true); err != nil {
		t.Fatal(err)
	}
	if visible(coach.ID) {
		t.Error("a coach whose set the candidate never joined sees the story")
	}
	if err := s.Join(ctx, set.ID, cand.ID); err != nil {
		t.Fatal(err)
	}
	if !visible(coach.ID) || visible(stranger.ID) {
		t.Fatalf("after joining: coach %v, stranger %v", visible(coach.ID), visible(stranger.ID))
	}
	if _, err := s.AddStoryComment(ctx, stranger.ID, st.ID, "not mine to comment"); !errors.Is(err, ErrNotFound) {
		t.Errorf("stranger's comment: %v", err)
	}
	if _, err := s.AddStoryComment(ctx, coach.ID, st.ID, "Lead with the 112%."); err != nil {
		t.Fatal(err)
	}
	// Unshared, the story is hidden again and takes no comment.
	if err := s.ShareStory(ctx, cand.ID, st.ID, false); err != nil {
		t.Fatal(err)
	}
	if visible(coach.ID) {
		t.Error("an unshared story is still visible")
	}
	if _, err := s.AddStoryComment(ctx, coach.ID, st.ID, "late"); !errors.Is(err, ErrNotFound) {
		t.Errorf("comment on an unshared story: %v", err)
	}
	cs, err := s.StoryComments(ctx, cand.ID, st.ID)
	if err != nil || len(cs) != 1 || cs[0].Body != "Lead with the 112%." || cs[0].CoachName != coach.DisplayName {
		t.Fatalf("comments: %+v, %v", cs, err)
	}
	if cs, _ := s.StoryComments(ctx, coach.ID, st.ID); len(cs) != 0 {
		t.Errorf("comments read through someone who does not own the story: %d", len(cs))
	}

	// An attempt records the story; another user's story is refused.
	a := &Attempt{UserID: cand.ID, QuestionID: "why-sales", Lang: "en", Answer: "x", ClientToken: "story-attempt-0001", StoryID: &st.ID}
	if _, err := s.SaveAttempt(ctx, a); err != nil {
		t.Fatal(err)
	}
	foreign := &Attempt{UserID: coach.ID, QuestionID: "why-sales", Lang: "en", Answer: "x", ClientToken: "story-attempt-0002", StoryID: &st.ID}
	if _, err := s.SaveAttempt(ctx, foreign); !errors.Is(err, ErrNotFound) {
		t.Errorf("attempt with another user's story: %v", err)
	}
	if n := s.countRows(t, `SELECT COUNT(*) FROM attempts WHERE user_id = ?`, coach.ID); n != 0 {
		t.Errorf("the refused attempt was saved (%d)", n)
	}
	uses, err := s.StoryUses(ctx, cand.ID)
	if err != nil || len(uses) != 1 || uses[0].StoryID != st.ID || uses[0].QuestionID != "why-sales" {
		t.Fatalf("uses: %+v, %v", uses, err)
	}
	if err := s.DeleteStory(ctx, cand.ID, st.ID); err != nil {
		t.Fatal(err)
	}
	if n := s.countRows(t, `SELECT COUNT(*) FROM story_comments WHERE story_id = ?`, st.ID); n != 0 {
		t.Errorf("%d comments outlived their story", n)
	}
	kept, err := s.Attempt(ctx, cand.ID, a.ID)
	if err != nil || kept.StoryID != nil {
		t.Errorf("the attempt after its story went: %+v, %v", kept, err)
	}
}

// TestDeletingAUserTakesTheirStoriesAndComments: a candidate's deletion
// removes their stories and the comments on them; a coach's removes the
// comments they wrote.
func TestDeletingAUserTakesTheirStoriesAndComments(t *testing.T) {
	s := mustOpenStore(t)
	ctx := context.Background()
	coach, cand, set := coachFixture(t, s)
	coach2, cand2, set2 := coachFixture(t, s)
	for _, p := range [][3]int64{{set.ID, cand.ID, coach.ID}, {set2.ID, cand2.ID, coach2.ID}} {
		if err := s.Join(ctx, p[0], p[1]); err != nil {
			t.Fatal(err)
		}
		st := newStory(p[1], "story")
		st.Shared = true
		if err := s.CreateStory(ctx, st, 10); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddStoryComment(ctx, p[2], st.ID, "comment"); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.DeleteUser(ctx, cand.ID); err != nil {
		t.Fatal(err)
	}
	if n := s.countRows(t, `SELECT COUNT(*) FROM stories WHERE user_id = ?`, cand.ID); n != 0 {
		t.Errorf("%d stories outlived their owner", n)
	}
	if n := s.countRows(t, `SELECT COUNT(*) FROM story_comments WHERE coach_id = ?`, coach.ID); n != 0 {
		t.Errorf("%d comments on a deleted user's stories remain", n)
	}
	if err := s.DeleteUser(ctx, coach2.ID); err != nil {
		t.Fatal(err)
	}
	if n := s.countRows(t, `SELECT COUNT(*) FROM story_comments WHERE coach_id = ?`, coach2.ID); n != 0 {
		t.Errorf("%d comments outlived the coach who wrote them", n)
	}
	if n := s.countRows(t, `SELECT COUNT(*) FROM stories WHERE user_id = ?`, cand2.ID); n != 1 {
		t.Errorf("the other candidate's story went with the coach (%d left)", n)
	}
}
