package store

import (
	"context"
	"errors"
	"fmt"
	"gorm.io/gorm"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
	"time"
)

// drillClock is a settable clock for the store.
type drillClock struct{ t time.Time }

func (c *drillClock) now() time.Time { return c.t }

func newDrillStore(t *testing.T) (*Store, *drillClock) {
	t.Helper()
	s := mustOpenStore(t)
	clk := &drillClock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	s.Now = clk.now
	return s, clk
}

// answerAt shows a drill at the clock, moves the clock on by secs and
// answers it.
func answerAt(t *testing.T, s *Store, clk *drillClock, userID int64, kind string, correct bool, secs, score int) *DrillAttempt {
	t.Helper()
	ctx := context.Background()
	a := &DrillAttempt{UserID: userID, Kind: kind, Seed: clk.t.Unix(), Lang: "en"}
	if err := s.CreateDrill(ctx, a); err != nil {
		t.Fatal(err)
	}
	clk.t = clk.t.Add(time.Duration(secs) * time.Second)
	ans := &DrillAttempt{ID: a.ID, UserID: userID, Answer: "42", Correct: correct, SecondsTaken: secs, Score: score}
	if err := s.AnswerDrill(ctx, ans); err != nil {
		t.Fatal(err)
	}
	return ans
}

func TestDrillStoredBeforeShownAndAnsweredOnce(t *testing.T) {
	s, clk := newDrillStore(t)
	ctx := context.Background()
	me, other := progressUser(t, s), progressUser(t, s)
	a := &DrillAttempt{UserID: me.ID, Kind: "nrr", Seed: 1234567, Lang: "ja"}
	if err := s.CreateDrill(ctx, a); err != nil {
		t.Fatal(err)
	}
	got, err := s.Drill(ctx, me.ID, a.ID)
	if err != nil || got.Seed != 1234567 || got.Kind != "nrr" || got.Lang != "ja" || got.Step != 1 || got.Answered() {
		t.Fatalf("read back %+v, %v", got, err)
	}
	if _, err := s.Drill(ctx, other.ID, a.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("another user reads the drill: %v", err)
	}
	// Another user's answer is refused and writes nothing.
	if err := s.AnswerDrill(ctx, &DrillAttempt{ID: a.ID, UserID: other.ID, Answer: "1", Correct: true, Score: 5}); !errors.Is(err, ErrNotFound) {
		t.Errorf("another user answers: %v", err)
	}
	if _, err := s.CardFor(ctx, other.ID, DrillKey("nrr")); !errors.Is(err, ErrNotFound) {
		t.Errorf("another user's answer made them a card: %v", err)
	}
	clk.t = clk.t.Add(70 * time.Second)
	first := &DrillAttempt{ID: a.ID, UserID: me.ID, Answer: "108.8%", Correct: true, SecondsTaken: 70, Score: 4}
	if err := s.AnswerDrill(ctx, first); err != nil {
		t.Fatal(err)
	}
	if !first.Answered() || first.Kind != "nrr" || first.Seed != 1234567 {
		t.Errorf("answer returned %+v", first)
	}
	card, err := s.CardFor(ctx, me.ID, "drill:nrr")
	if err != nil || card.Reps != 1 || card.LastScore != 4 || !card.Due.After(clk.t) {
		t.Fatalf("card after one answer: %+v, %v", card, err)
	}
	// Answering again: the first answer stands, the card is unchanged.
	clk.t = clk.t.Add(time.Hour)
	again := &DrillAttempt{ID: a.ID, UserID: me.ID, Answer: "1", Correct: false, SecondsTaken: 3, Score: 1}
	if err := s.AnswerDrill(ctx, again); !errors.Is(err, ErrDrillAnswered) {
		t.Fatalf("second answer: %v", err)
	}
	if again.Answer != "108.8%" || !again.Correct {
		t.Errorf("second answer is given back %+v, want the stored one", again)
	}
	got, _ = s.Drill(ctx, me.ID, a.ID)
	if got.Answer != "108.8%" || !got.Correct || got.SecondsTaken != 70 || got.Score != 4 {
		t.Errorf("stored after a second answer: %+v", got)
	}
	card2, _ := s.CardFor(ctx, me.ID, "drill:nrr")
	if card2.Reps != 1 || !card2.Due.Equal(card.Due) {
		t.Errorf("a second answer moved the card: %+v", card2)
	}
	// Rescheduling replays the drills: the card comes out the same, not
	// reset as a question without attempts would be.
	if err := s.write(ctx, func(tx *gorm.DB) error { return s.rescheduleTx(tx, me.ID, "drill:nrr") }); err != nil {
		t.Fatal(err)
	}
	card3, _ := s.CardFor(ctx, me.ID, "drill:nrr")
	if card3.Reps != 1 || !card3.Due.Equal(card.Due) || card3.LastScore != 4 {
		t.Errorf("replayed card %+v, want %+v", card3, card)
	}
}

// TestDrillGradeSchedules: the grade of an answer sets when the kind comes
// back: wrong (1) sooner than right but slow (3), sooner than right (4),
// sooner than right and quick (5).
func TestDrillGradeSchedules(t *testing.T) {
	s, clk := newDrillStore(t)
	ctx := context.Background()
	var gaps []time.Duration
	for _, score := range []int{1, 3, 4, 5} {
		u := progressUser(t, s)
		// A first answer right, then the graded one a day later.
		answerAt(t, s, clk, u.ID, "coverage", true, 30, 4)
		clk.t = clk.t.Add(24 * time.Hour)
		answerAt(t, s, clk, u.ID, "coverage", score > 1, 30, score)
		card, err := s.CardFor(ctx, u.ID, "drill:coverage")
		if err != nil || card.Reps != 2 || card.LastScore != score {
			t.Fatalf("score %d: card %+v, %v", score, card, err)
		}
		gaps = append(gaps, card.Due.Sub(*card.LastReview))
	}
	for i := 1; i < len(gaps); i++ {
		if gaps[i] <= gaps[i-1] {
			t.Errorf("score %d comes back after %v, not later than score %d's %v", []int{1, 3, 4, 5}[i], gaps[i], []int{1, 3, 4, 5}[i-1], gaps[i-1])
		}
	}
}

func TestDrillStatsRunsAndExport(t *testing.T) {
	s, clk := newDrillStore(t)
	ctx := context.Background()
	me, other := progressUser(t, s), progressUser(t, s)
	first := answerAt(t, s, clk, me.ID, "arr", true, 40, 4)
	answerAt(t, s, clk, me.ID, "arr", false, 40, 1)
	answerAt(t, s, clk, me.ID, "ramp", true, 40, 5)
	answerAt(t, s, clk, other.ID, "arr", true, 40, 5)
	pending := &DrillAttempt{UserID: me.ID, Kind: "arr", Seed: 9, Lang: "en"}
	if err := s.CreateDrill(ctx, pending); err != nil {
		t.Fatal(err)
	}
	stats, err := s.DrillStats(ctx, me.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a := stats["arr"]; a.Attempts != 2 || a.Correct != 1 || len(stats) != 2 || stats["ramp"].Correct != 1 {
		t.Errorf("stats %+v", stats)
	}
	recent, err := s.RecentDrills(ctx, me.ID, 10)
	if err != nil || len(recent) != 3 || recent[0].Kind != "ramp" {
		t.Errorf("recent %+v, %v", recent, err)
	}
	all, err := s.AllDrills(ctx, me.ID)
	if err != nil || len(all) != 4 || all[0].ID != first.ID || all[3].Answered() {
		t.Errorf("all %d, %v", len(all), err)
	}
	// A run: the first drill and two after it.
	runID := first.ID
	for step := 2; step <= 3; step++ {
		a := &DrillAttempt{UserID: me.ID, Kind: "arr", Seed: int64(step), Lang: "en", Step: step, RunID: &runID}
		if err := s.CreateDrill(ctx, a); err != nil {
			t.Fatal(err)
		}
		if a.Run() != runID {
			t.Errorf("run of step %d: %d", step, a.Run())
		}
	}
	run, err := s.DrillRun(ctx, me.ID, runID)
	if err != nil || len(run) != 3 || run[0].ID != runID || run[2].Step != 3 {
		t.Errorf("run %+v, %v", run, err)
	}
	if run, _ := s.DrillRun(ctx, other.ID, runID); len(run) != 0 {
		t.Errorf("another user sees the run: %d", len(run))
	}
}

func TestDrillsDeletedWithTheAccount(t *testing.T) {
	s, clk := newDrillStore(t)
	ctx := context.Background()
	me, other := progressUser(t, s), progressUser(t, s)
	answerAt(t, s, clk, me.ID, "acv", true, 40, 4)
	answerAt(t, s, clk, other.ID, "acv", true, 40, 4)
	if err := s.DeleteUser(ctx, me.ID); err != nil {
		t.Fatal(err)
	}
	count := func(table string, id int64) int64 {
		var n int64
		if err := s.db.Table(table).Where("user_id = ?", id).Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count("drill_attempts", me.ID) + count("cards", me.ID); n != 0 {
		t.Errorf("%d drill rows left after deleting the account", n)
	}
	if count("drill_attempts", other.ID) != 1 || count("cards", other.ID) != 1 {
		t.Error("another user's drills went too")
	}
}

// TestDrillItemsOfASet: a drill kind in a coach's set is queued on joining,
// counts as done once a drill of its kind is answered after joining, and
// fills its matrix cell with the answers and how many were right.
func TestDrillItemsOfASet(t *testing.T) {
	s, clk := newDrillStore(t)
	ctx := context.Background()
	coachU := &User{Email: fmt.Sprintf("drill-coach-%d@example.com", rand.Int64()), DisplayName: "C", PasswordHash: "x", Lang: "en", IsCoach: true}
	if err := s.CreateUser(ctx, coachU); err != nil {
		t.Fatal(err)
	}
	due := clk.t.Add(48 * time.Hour)
	set := &Set{CoachID: coachU.ID, Title: "Numbers", Lang: "en", DueAt: &due}
	if err := s.CreateSet(ctx, set, []SetItem{{QuestionID: "why-sales"}, {QuestionID: DrillKey("meetings")}}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddItem(ctx, set.ID, &SetItem{QuestionID: DrillKey("meetings")}, 100); !errors.Is(err, ErrItemExists) {
		t.Errorf("the same drill twice: %v", err)
	}
	me, outsider := progressUser(t, s), progressUser(t, s)
	answerAt(t, s, clk, me.ID, "meetings", false, 30, 1) // before joining: not the coach's business
	clk.t = clk.t.Add(time.Minute)
	if err := s.Join(ctx, set.ID, me.ID); err != nil {
		t.Fatal(err)
	}
	items, err := s.CandidateSetItems(ctx, me.ID)
	if err != nil || len(items[set.ID]) != 2 || items[set.ID][1].Done {
		t.Fatalf("items before any drill since joining: %+v, %v", items, err)
	}
	clk.t = clk.t.Add(time.Minute)
	answerAt(t, s, clk, me.ID, "meetings", true, 30, 5)
	answerAt(t, s, clk, me.ID, "meetings", true, 30, 5)
	answerAt(t, s, clk, me.ID, "meetings", false, 30, 1)
	answerAt(t, s, clk, outsider.ID, "meetings", true, 30, 5)
	items, _ = s.CandidateSetItems(ctx, me.ID)
	if !items[set.ID][1].Done || items[set.ID][0].Done {
		t.Errorf("done: %+v", items[set.ID])
	}
	sets, err := s.CandidateSets(ctx, me.ID)
	if err != nil || len(sets) != 1 || sets[0].Questions != 2 || sets[0].Answered != 1 {
		t.Errorf("assigned sets %+v, %v", sets, err)
	}
	// A role-play scenario in the set is done by a run finished since
	// joining; one still running does not count.
	if err := s.AddItem(ctx, set.ID, &SetItem{QuestionID: RoleplayKeyPrefix + "discovery-freight"}, 100); err != nil {
		t.Fatal(err)
	}
	run := &RoleplayRun{UserID: me.ID, ScenarioID: "discovery-freight", Lang: "en", State: "{}"}
	if err := s.StartRoleplay(ctx, run); err != nil {
		t.Fatal(err)
	}
	if items, _ = s.CandidateSetItems(ctx, me.ID); items[set.ID][2].Done {
		t.Error("a running role-play counts as done")
	}
	end := clk.t.Add(time.Minute)
	if err := s.db.Model(&RoleplayRun{}).Where("id = ?", run.ID).Updates(map[string]any{"status": RunFinished, "finished_at": end}).Error; err != nil {
		t.Fatal(err)
	}
	if items, _ = s.CandidateSetItems(ctx, me.ID); !items[set.ID][2].Done {
		t.Error("a finished role-play does not count as done")
	}
	if sets, err = s.CandidateSets(ctx, me.ID); err != nil || sets[0].Questions != 3 || sets[0].Answered != 2 {
		t.Errorf("assigned sets with a role-play %+v, %v", sets, err)
	}
	if err := s.DeleteItem(ctx, set.ID, s.mustItemID(t, set.ID, RoleplayKeyPrefix+"discovery-freight")); err != nil {
		t.Fatal(err)
	}
	behind, err := s.MembersBehind(ctx, coachU.ID, due.Add(time.Hour))
	if err != nil || len(behind) != 1 || behind[0].Answered != 1 || behind[0].Questions != 2 {
		t.Errorf("members behind %+v, %v", behind, err)
	}
	cells, err := s.CohortCells(ctx, set.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := cells[me.ID][DrillKey("meetings")]
	if !c.Drill || c.Attempts != 3 || c.Correct != 2 || c.Accuracy() != 66 {
		t.Errorf("drill cell %+v", c)
	}
	if _, ok := cells[outsider.ID]; ok {
		t.Error("a non-member has cells")
	}
	if only, _ := s.CohortCells(ctx, set.ID, []int64{outsider.ID}); len(only) != 0 {
		t.Errorf("cells of a non-member: %v", only)
	}
}

// TestJoiningQueuesADrillCard: joining a set with a drill kind queues the
// kind's card as new and due, like a question's.
func TestJoiningQueuesADrillCard(t *testing.T) {
	s, clk := newDrillStore(t)
	ctx := context.Background()
	coachU := &User{Email: fmt.Sprintf("drill-coach2-%d@example.com", rand.Int64()), DisplayName: "C", PasswordHash: "x", Lang: "ja", IsCoach: true}
	if err := s.CreateUser(ctx, coachU); err != nil {
		t.Fatal(err)
	}
	set := &Set{CoachID: coachU.ID, Title: "Numbers", Lang: "ja"}
	if err := s.CreateSet(ctx, set, []SetItem{{QuestionID: DrillKey("commission")}}); err != nil {
		t.Fatal(err)
	}
	me := progressUser(t, s)
	if err := s.Join(ctx, set.ID, me.ID); err != nil {
		t.Fatal(err)
	}
	card, err := s.CardFor(ctx, me.ID, "drill:commission")
	if err != nil || card.Reps != 0 || card.Due.After(clk.t) {
		t.Fatalf("queued card %+v, %v", card, err)
	}
	answerAt(t, s, clk, me.ID, "commission", true, 60, 5)
	card, _ = s.CardFor(ctx, me.ID, "drill:commission")
	if card.Reps != 1 || !card.Due.After(clk.t.Add(24*time.Hour)) {
		t.Errorf("after a quick right answer the card is %+v", card)
	}
}

// mustItemID finds the id of a set's item by its key.
func (s *Store) mustItemID(t *testing.T, setID int64, key string) int64 {
	t.Helper()
	items, err := s.SetItems(context.Background(), setID)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.QuestionID == key {
			return it.ID
		}
	}
	t.Fatalf("no item %s in set %d", key, setID)
	return 0
}

// TestDrillCardsAreTheDrillsAlone: DrillCards lists the drill cards of
// the user and no question's card, nor another user's.
func TestDrillCardsAreTheDrillsAlone(t *testing.T) {
	s, clk := newDrillStore(t)
	ctx := context.Background()
	coachU := &User{Email: fmt.Sprintf("drill-coach3-%d@example.com", rand.Int64()), DisplayName: "C", PasswordHash: "x", Lang: "ja", IsCoach: true}
	if err := s.CreateUser(ctx, coachU); err != nil {
		t.Fatal(err)
	}
	set := &Set{CoachID: coachU.ID, Title: "Mixed", Lang: "ja"}
	if err := s.CreateSet(ctx, set, []SetItem{{QuestionID: DrillKey("commission")}, {QuestionID: "why-sales"},
		{QuestionID: "drillish-question"}}); err != nil {
		t.Fatal(err)
	}
	me, other := progressUser(t, s), progressUser(t, s)
	for _, u := range []*User{me, other} {
		if err := s.Join(ctx, set.ID, u.ID); err != nil {
			t.Fatal(err)
		}
	}
	answerAt(t, s, clk, me.ID, "quota", true, 60, 5)
	all, err := s.Cards(ctx, me.ID)
	if err != nil || len(all) != 4 {
		t.Fatalf("cards: %d, %v", len(all), err)
	}
	got, err := s.DrillCards(ctx, me.ID)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, c := range got {
		if c.UserID != me.ID {
			t.Errorf("another user's card: %+v", c)
		}
		keys = append(keys, c.QuestionID)
	}
	sort.Strings(keys)
	if want := []string{"drill:commission", "drill:quota"}; !slices.Equal(keys, want) {
		t.Errorf("drill cards %v, want %v", keys, want)
	}
}
