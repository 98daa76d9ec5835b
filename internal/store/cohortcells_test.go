package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/aeprep/aeprep/internal/coach"
)

// recomputedCells computes a set's cells from attempts, reviews and drills
// alone, as CohortCells did before cohort_cells kept them: per member and
// item, the answers since joining and the latest one's ratings, and the
// drills answered since joining with how many were right.
func recomputedCells(t *testing.T, s *Store, setID int64) coach.Cells {
	t.Helper()
	var rows []struct {
		UserID       int64
		QuestionID   string
		Cnt          int
		ID           int64
		SelfOverall  int
		CoachOverall sql.NullInt64
	}
	err := s.db.Raw(`WITH c AS (
			SELECT m.candidate_id AS user_id, si.question_id,
				(SELECT COUNT(*) FROM attempts a WHERE a.user_id = m.candidate_id AND a.question_id = si.question_id AND a.created_at >= m.joined_at) AS cnt,
				(SELECT a.id FROM attempts a WHERE a.user_id = m.candidate_id AND a.question_id = si.question_id AND a.created_at >= m.joined_at
					ORDER BY a.created_at DESC, a.id DESC LIMIT 1) AS id
			FROM memberships m JOIN set_items si ON si.set_id = m.set_id WHERE m.set_id = ?
		)
		SELECT c.user_id, c.question_id, c.cnt, c.id, a.r_overall AS self_overall, r.r_overall AS coach_overall
		FROM c JOIN attempts a ON a.id = c.id LEFT JOIN reviews r ON r.attempt_id = c.id`, setID).Scan(&rows).Error
	if err != nil {
		t.Fatal(err)
	}
	cells := coach.Cells{}
	put := func(user int64, item string, c coach.Cell) {
		if cells[user] == nil {
			cells[user] = map[string]coach.Cell{}
		}
		cells[user][item] = c
	}
	for _, r := range rows {
		put(r.UserID, r.QuestionID, coach.Cell{Attempts: r.Cnt, LatestID: r.ID, SelfOverall: r.SelfOverall, CoachOverall: int(r.CoachOverall.Int64)})
	}
	var drills []struct {
		UserID     int64
		QuestionID string
		Attempts   int
		Correct    int
	}
	err = s.db.Raw(`SELECT m.candidate_id AS user_id, si.question_id, COUNT(*) AS attempts,
			SUM(CASE WHEN d.correct THEN 1 ELSE 0 END) AS correct
		FROM memberships m JOIN set_items si ON si.set_id = m.set_id
		JOIN drill_attempts d ON d.user_id = m.candidate_id AND 'drill:' || d.kind = si.question_id
			AND d.answered_at IS NOT NULL AND d.answered_at >= m.joined_at
		WHERE m.set_id = ? GROUP BY m.candidate_id, si.question_id`, setID).Scan(&drills).Error
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range drills {
		put(d.UserID, d.QuestionID, coach.Cell{Drill: true, Attempts: d.Attempts, Correct: d.Correct})
	}
	return cells
}

// checkCells compares what the matrix reads for a set (its cells, every
// member's and a page's, and the totals it ranks by) with a full recompute.
func checkCells(t *testing.T, s *Store, setID int64, step string) {
	t.Helper()
	ctx := context.Background()
	want := recomputedCells(t, s, setID)
	got, err := s.CohortCells(ctx, setID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		for user := range mergeKeys(got, want) {
			for item := range mergeKeys(got[user], want[user]) {
				if g, w := got[user][item], want[user][item]; g != w {
					t.Errorf("after %s: set %d, user %d, %s: cell %+v, recomputed %+v", step, setID, user, item, g, w)
				}
			}
		}
		t.FailNow()
	}
	var users []int64
	for u := range want {
		users = append(users, u)
	}
	if len(users) > 0 {
		some := users[:1+len(users)/2]
		page, err := s.CohortCells(ctx, setID, some)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range some {
			if !reflect.DeepEqual(page[u], want[u]) {
				t.Fatalf("after %s: set %d, a page's cells of user %d: %v, want %v", step, setID, u, page[u], want[u])
			}
		}
	}
	items, err := s.SetItems(ctx, setID)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i, it := range items {
		if i%3 != 2 { // the matrix leaves out items whose question left the bank
			ids = append(ids, it.QuestionID)
		}
	}
	totals, err := s.CohortTotals(ctx, setID, ids)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		if w := coach.TotalsOf(ids, want[u]); totals[u] != w {
			t.Fatalf("after %s: set %d, user %d: totals %+v, want %+v", step, setID, u, totals[u], w)
		}
	}
	for u, tot := range totals {
		if _, ok := want[u]; !ok {
			t.Fatalf("after %s: set %d: totals %+v for user %d, who has no cell", step, setID, tot, u)
		}
	}
}

func mergeKeys[K comparable, V any](a, b map[K]V) map[K]bool {
	out := map[K]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

// TestCohortCellsFollowEveryChange runs random sequences of every change
// that touches a cohort cell (saves, a form saved twice, deleted answers,
// self-ratings given later, coaches' feedback, joins and leaves, items
// added and removed, drills shown and answered, accounts deleted, a clock
// that stands still or goes back) and checks every set's cells against a
// full recompute after each step.
func TestCohortCellsFollowEveryChange(t *testing.T) {
	steps := 200
	if testing.Short() {
		steps = 50
	}
	for seed := uint64(1); seed <= 4; seed++ {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) { cellsScenario(t, seed, steps) })
	}
}

func cellsScenario(t *testing.T, seed uint64, steps int) {
	s := mustOpenStore(t)
	clock := time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return clock }
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(seed, 17))
	newUser := func(isCoach bool) *User {
		u := &User{Email: fmt.Sprintf("cells-%d-%d@example.com", seed, rand.Int64()), DisplayName: "U", PasswordHash: "x", Lang: "en", IsCoach: isCoach}
		if err := s.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		return u
	}
	coaches := []*User{newUser(true), newUser(true)}
	var cands []*User
	for range 3 { // few, so cells see many answers, late ratings and out-of-order saves
		cands = append(cands, newUser(false))
	}
	// The items a set may hold: bank questions, drill kinds and a
	// role-play (which never has a cell); custom questions are added as
	// they are written.
	pool := []string{"q-one", "q-two", "q-three", "q-four", DrillKey("meetings"), DrillKey("nrr"), RoleplayKey("discovery")}
	var sets []*Set
	newSet := func(c *User, items ...string) {
		set := &Set{CoachID: c.ID, Title: "S", Lang: "en"}
		var its []SetItem
		for _, q := range items {
			its = append(its, SetItem{QuestionID: q})
		}
		if err := s.CreateSet(ctx, set, its); err != nil {
			t.Fatal(err)
		}
		sets = append(sets, set)
	}
	newSet(coaches[0], "q-one", "q-two", DrillKey("meetings"))
	newSet(coaches[0], "q-two", "q-three")
	newSet(coaches[1], "q-one", "q-three", RoleplayKey("discovery"))
	answerable := func() []string { // questions with attempts: the bank's and the custom ones
		var out []string
		for _, q := range pool {
			if _, drill := DrillKindOf(q); !drill && q != RoleplayKey("discovery") {
				out = append(out, q)
			}
		}
		return out
	}
	type saved struct {
		id, user int64
	}
	var attempts []saved
	lastToken := map[int64]string{}
	pick := func(us []*User) *User { return us[rng.IntN(len(us))] }
	save := func(u *User, q, token string) string {
		a := &Attempt{UserID: u.ID, QuestionID: q, Lang: "en", Answer: "x", Insights: "{}",
			ClientToken: fmt.Sprintf("cells-%d-%s-xxxxxxxxxxxx", seed, token)}
		a.Ratings.Set("overall", rng.IntN(6)) // 0: not rated
		if tok, ok := lastToken[u.ID]; ok && rng.IntN(8) == 0 {
			a.ClientToken = tok // the same form posted again: nothing new
		}
		created, err := s.SaveAttempt(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		if created {
			attempts = append(attempts, saved{a.ID, u.ID})
			lastToken[u.ID] = a.ClientToken
		}
		return fmt.Sprintf("save %s by %d (created %v)", q, u.ID, created)
	}
	tolerated := func(err error, ok ...error) {
		t.Helper()
		for _, e := range ok {
			if errors.Is(err, e) {
				return
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}

	for step := 0; step < steps; step++ {
		switch rng.IntN(8) {
		case 0: // the clock goes back (a save committed out of order)
			clock = clock.Add(-time.Duration(1+rng.IntN(90)) * time.Minute)
		case 1: // it stands still: equal times, ids decide
		default:
			clock = clock.Add(time.Duration(1+rng.IntN(180)) * time.Minute)
		}
		var what string
		switch op := rng.IntN(100); {
		case op < 35: // a save; sometimes two of one question in the same instant
			u := pick(cands)
			qs := answerable()
			q := qs[rng.IntN(len(qs))]
			if rng.IntN(4) == 0 { // saved before a save already stored: committed out of order
				clock = clock.Add(-2 * time.Hour)
			}
			for n := range 1 + rng.IntN(2) {
				what = save(u, q, fmt.Sprintf("%04d-%d", step, n))
			}
		case op < 42 && len(attempts) > 0: // an answer deleted
			i := rng.IntN(len(attempts))
			tolerated(s.DeleteAttempt(ctx, attempts[i].user, attempts[i].id))
			what = fmt.Sprintf("delete attempt %d", attempts[i].id)
			attempts = slices.Delete(attempts, i, i+1)
		case op < 50 && len(attempts) > 0: // rated by its author later
			a := attempts[rng.IntN(len(attempts))]
			var r Ratings
			r.Set("overall", rng.IntN(6))
			tolerated(s.UpdateRatings(ctx, a.user, a.id, r))
			what = fmt.Sprintf("self-rating of %d", a.id)
		case op < 62 && len(attempts) > 0: // a coach's feedback, new or changed, mostly on a recent answer
			a := attempts[rng.IntN(len(attempts))]
			if rng.IntN(3) != 0 {
				a = attempts[len(attempts)-1-rng.IntN(min(3, len(attempts)))]
			}
			f := &Feedback{AttemptID: a.id, CoachID: pick(coaches).ID, Comment: "ok"}
			f.Ratings.Set("overall", 1+rng.IntN(5))
			tolerated(s.SaveFeedback(ctx, f), ErrFeedbackByOther)
			what = fmt.Sprintf("feedback on %d by %d", a.id, f.CoachID)
		case op < 72 && len(sets) > 0: // a candidate joins, and may answer in the same instant
			u, set := pick(cands), sets[rng.IntN(len(sets))]
			if rng.IntN(3) == 0 { // joined before answers already stored (a clock behind) count them
				clock = clock.Add(-2 * time.Hour)
			}
			tolerated(s.Join(ctx, set.ID, u.ID), ErrAlreadyMember)
			what = fmt.Sprintf("%d joins %d", u.ID, set.ID)
			items, err := s.SetItems(ctx, set.ID)
			tolerated(err)
			if len(items) == 0 {
				break
			}
			if it := items[rng.IntN(len(items))]; slices.Contains(answerable(), it.QuestionID) && rng.IntN(2) == 0 {
				what += ", then " + save(u, it.QuestionID, fmt.Sprintf("%04d-joined", step))
			}
		case op < 76: // a candidate leaves a coach
			u, c := pick(cands), pick(coaches)
			tolerated(s.LeaveCoach(ctx, u.ID, c.ID), ErrNotFound)
			what = fmt.Sprintf("%d leaves coach %d", u.ID, c.ID)
		case op < 82 && len(sets) > 0: // an item added: from the pool, or a custom question
			set := sets[rng.IntN(len(sets))]
			it := &SetItem{QuestionID: pool[rng.IntN(len(pool))]}
			if rng.IntN(4) == 0 {
				it = &SetItem{Prompt: "Tell me about a deal you lost."}
			}
			tolerated(s.AddItem(ctx, set.ID, it, 8), ErrItemExists, ErrSetFull)
			if it.IsCustom() && it.ID != 0 {
				pool = append(pool, it.QuestionID)
			}
			what = fmt.Sprintf("add %s to %d", it.QuestionID, set.ID)
		case op < 87 && len(sets) > 0: // an item removed
			set := sets[rng.IntN(len(sets))]
			items, err := s.SetItems(ctx, set.ID)
			tolerated(err)
			if len(items) == 0 {
				continue
			}
			it := items[rng.IntN(len(items))]
			tolerated(s.DeleteItem(ctx, set.ID, it.ID))
			what = fmt.Sprintf("remove %s from %d", it.QuestionID, set.ID)
		case op < 95: // a drill shown, and mostly answered
			u := pick(cands)
			d := &DrillAttempt{UserID: u.ID, Kind: []string{"meetings", "nrr"}[rng.IntN(2)], Seed: int64(step), Lang: "en"}
			tolerated(s.CreateDrill(ctx, d))
			if rng.IntN(5) != 0 {
				ans := &DrillAttempt{ID: d.ID, UserID: u.ID, Answer: "42", Correct: rng.IntN(2) == 0, SecondsTaken: 30, Score: 3}
				tolerated(s.AnswerDrill(ctx, ans))
			}
			what = fmt.Sprintf("drill %s by %d", d.Kind, u.ID)
		case op < 97: // a candidate deletes their account; another signs up
			i := rng.IntN(len(cands))
			gone := cands[i]
			tolerated(s.DeleteUser(ctx, gone.ID))
			attempts = slices.DeleteFunc(attempts, func(a saved) bool { return a.user == gone.ID })
			cands[i] = newUser(false)
			what = fmt.Sprintf("account %d deleted", gone.ID)
		default: // a coach deletes theirs: their sets and feedback go; a new coach starts a set
			i := rng.IntN(len(coaches))
			gone := coaches[i]
			// First, feedback of theirs on the latest answers, which other
			// coaches' sets may show.
			for _, a := range attempts {
				f := &Feedback{AttemptID: a.id, CoachID: gone.ID, Comment: "ok"}
				f.Ratings.Set("overall", 1+rng.IntN(5))
				tolerated(s.SaveFeedback(ctx, f), ErrFeedbackByOther)
			}
			tolerated(s.DeleteUser(ctx, gone.ID))
			sets = slices.DeleteFunc(sets, func(set *Set) bool { return set.CoachID == gone.ID })
			coaches[i] = newUser(true)
			newSet(coaches[i], "q-one", "q-four", DrillKey("nrr"))
			what = fmt.Sprintf("coach %d deleted", gone.ID)
		}
		if what == "" {
			continue
		}
		for _, set := range sets {
			checkCells(t, s, set.ID, fmt.Sprintf("step %d (%s)", step, what))
		}
	}
	// A rebuild from scratch gives the same rows.
	if err := s.RebuildCohortCells(ctx); err != nil {
		t.Fatal(err)
	}
	for _, set := range sets {
		checkCells(t, s, set.ID, "the rebuild")
	}
}

// TestCohortCellsUnderConcurrentWrites: members save while their coach
// adds and removes questions and others join; the cells end as a full
// recompute gives. (On PostgreSQL this is what the set and member locks
// are for; SQLite has one writer.)
func TestCohortCellsUnderConcurrentWrites(t *testing.T) {
	s := mustOpenStore(t)
	ctx := context.Background()
	newUser := func(isCoach bool) *User {
		u := &User{Email: fmt.Sprintf("cells-conc-%d@example.com", rand.Int64()), DisplayName: "U", PasswordHash: "x", Lang: "en", IsCoach: isCoach}
		if err := s.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		return u
	}
	c := newUser(true)
	set := &Set{CoachID: c.ID, Title: "S", Lang: "en"}
	if err := s.CreateSet(ctx, set, []SetItem{{QuestionID: "c-1"}, {QuestionID: "c-2"}}); err != nil {
		t.Fatal(err)
	}
	var early, late []*User
	for range 3 {
		u := newUser(false)
		if err := s.Join(ctx, set.ID, u.ID); err != nil {
			t.Fatal(err)
		}
		early = append(early, u)
	}
	for range 2 {
		late = append(late, newUser(false))
	}
	qs := []string{"c-1", "c-2", "c-3", "c-4", "c-5"}
	errs := make(chan error, 16)
	var wg sync.WaitGroup
	for i, u := range append(early, late...) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range 12 {
				a := &Attempt{UserID: u.ID, QuestionID: qs[(i+n)%len(qs)], Lang: "en", Answer: "x", Insights: "{}",
					ClientToken: fmt.Sprintf("conc-%d-%d-xxxxxxxxxxxxxxxx", u.ID, n)}
				a.Ratings.Set("overall", 1+n%5)
				if _, err := s.SaveAttempt(ctx, a); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Add(2)
	go func() { // the coach edits the set
		defer wg.Done()
		for _, q := range []string{"c-3", "c-4", "c-5"} {
			if err := s.AddItem(ctx, set.ID, &SetItem{QuestionID: q}, 10); err != nil {
				errs <- err
				return
			}
		}
		items, err := s.SetItems(ctx, set.ID)
		if err == nil {
			err = s.DeleteItem(ctx, set.ID, items[0].ID)
		}
		if err != nil {
			errs <- err
		}
	}()
	go func() { // latecomers join while saving
		defer wg.Done()
		for _, u := range late {
			if err := s.Join(ctx, set.ID, u.ID); err != nil {
				errs <- err
				return
			}
		}
	}()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	checkCells(t, s, set.ID, "concurrent writes")
}

// TestMigration18FillsTheCells: a database from before migration 18 gets
// its cohort's cells computed when it runs.
func TestMigration18FillsTheCells(t *testing.T) {
	s := mustOpenStore(t)
	if s.Dialect != "sqlite" {
		t.Skip("undoes a migration: not on a shared PostgreSQL database")
	}
	ctx := context.Background()
	c := &User{Email: "m18-coach@example.com", DisplayName: "C", PasswordHash: "x", Lang: "en", IsCoach: true}
	u := &User{Email: "m18-cand@example.com", DisplayName: "U", PasswordHash: "x", Lang: "en"}
	for _, x := range []*User{c, u} {
		if err := s.CreateUser(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	set := &Set{CoachID: c.ID, Title: "S", Lang: "en"}
	if err := s.CreateSet(ctx, set, []SetItem{{QuestionID: "m-1"}, {QuestionID: DrillKey("nrr")}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Join(ctx, set.ID, u.ID); err != nil {
		t.Fatal(err)
	}
	for n := range 3 {
		a := &Attempt{UserID: u.ID, QuestionID: "m-1", Lang: "en", Answer: "x", Insights: "{}", ClientToken: fmt.Sprintf("m18-%d-xxxxxxxxxxxxxxxx", n)}
		a.Ratings.Set("overall", 2+n)
		if _, err := s.SaveAttempt(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	d := &DrillAttempt{UserID: u.ID, Kind: "nrr", Seed: 1, Lang: "en"}
	if err := s.CreateDrill(ctx, d); err != nil {
		t.Fatal(err)
	}
	if err := s.AnswerDrill(ctx, &DrillAttempt{ID: d.ID, UserID: u.ID, Answer: "1", Correct: true, Score: 4}); err != nil {
		t.Fatal(err)
	}
	// Back to version 17.
	err := exec(s.db, `DROP TABLE cohort_cells`, `DROP INDEX attempts_user_created_cover_idx`,
		`CREATE INDEX attempts_user_created_idx ON attempts (user_id, created_at)`, `DELETE FROM schema_migrations WHERE version = 18`)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Migrate(ctx, nil); err != nil {
		t.Fatal(err)
	}
	checkCells(t, s, set.ID, "migration 18")
	cells, err := s.CohortCells(ctx, set.ID, nil)
	if got := cells[u.ID]; err != nil || got["m-1"].Attempts != 3 || got["m-1"].SelfOverall != 4 || got[DrillKey("nrr")].Correct != 1 {
		t.Errorf("cells after the migration %+v, %v", got, err)
	}
}

// BenchmarkBumpCells is what the cohort's cells add to a save: the one
// statement saveAttempt runs (bumpCellsTx) in its transaction, for a
// member of a 60-question set with 10 answers to each and for a user in
// no set, against a transaction that runs nothing.
func BenchmarkBumpCells(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	newUser := func(email string) *User {
		u := &User{Email: email, DisplayName: "U", PasswordHash: "x", Lang: "en"}
		if err := s.CreateUser(ctx, u); err != nil {
			b.Fatal(err)
		}
		return u
	}
	coachU, member, loner := newUser("c@example.com"), newUser("m@example.com"), newUser("l@example.com")
	var items []SetItem
	for q := range 60 {
		items = append(items, SetItem{QuestionID: fmt.Sprintf("q-%02d", q)})
	}
	set := &Set{CoachID: coachU.ID, Title: "S", Lang: "en"}
	if err := s.CreateSet(ctx, set, items); err != nil {
		b.Fatal(err)
	}
	if err := s.Join(ctx, set.ID, member.ID); err != nil {
		b.Fatal(err)
	}
	last := map[int64]*Attempt{}
	for _, u := range []*User{member, loner} {
		for n := range 600 {
			a := &Attempt{UserID: u.ID, QuestionID: items[n%60].QuestionID, Lang: "en", Answer: strings.Repeat("x", 600),
				Insights: strings.Repeat("{}", 1500), ClientToken: fmt.Sprintf("b-%d-%d-xxxxxxxxxxxxxxxx", u.ID, n)}
			a.Ratings.Set("overall", 1+n%5)
			if _, err := s.SaveAttempt(ctx, a); err != nil {
				b.Fatal(err)
			}
			last[u.ID] = a
		}
	}
	b.Run("empty transaction", func(b *testing.B) {
		for b.Loop() {
			if err := s.write(ctx, func(tx *gorm.DB) error { return nil }); err != nil {
				b.Fatal(err)
			}
		}
	})
	for name, u := range map[string]*User{"member of a set": member, "in no set": loner} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if err := s.write(ctx, func(tx *gorm.DB) error { return s.bumpCellsTx(tx, last[u.ID]) }); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestCohortCellsReadBackWhatIsStored: the numbers CohortCells packs into
// one (up to 2^30 answers and 2^27 right, ratings 0–5) and the item come back
// whole, a drill's as a drill cell.
func TestCohortCellsReadBackWhatIsStored(t *testing.T) {
	s := mustOpenStore(t)
	ctx := context.Background()
	c := &User{Email: fmt.Sprintf("pack-c-%d@example.com", rand.Int64()), DisplayName: "C", PasswordHash: "x", Lang: "en", IsCoach: true}
	u := &User{Email: fmt.Sprintf("pack-u-%d@example.com", rand.Int64()), DisplayName: "U", PasswordHash: "x", Lang: "en"}
	for _, x := range []*User{c, u} {
		if err := s.CreateUser(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	set := &Set{CoachID: c.ID, Title: "S", Lang: "en"}
	if err := s.CreateSet(ctx, set, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.Join(ctx, set.ID, u.ID); err != nil {
		t.Fatal(err)
	}
	want := map[string]coach.Cell{
		"q,with,commas": {Attempts: 1<<30 - 1, LatestID: 1<<53 + 7, SelfOverall: 5, CoachOverall: 5},
		"q-small":       {Attempts: 1, LatestID: 1},
		DrillKey("nrr"): {Attempts: 1 << 29, Correct: 1<<27 - 1, Drill: true},
	}
	for item, cell := range want {
		if err := s.db.Exec(`INSERT INTO cohort_cells (set_id, user_id, item, attempts, correct, latest_id, self_overall, coach_overall)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, set.ID, u.ID, item, cell.Attempts, cell.Correct, cell.LatestID, cell.SelfOverall, cell.CoachOverall).Error; err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.CohortCells(ctx, set.ID, []int64{u.ID})
	if err != nil || !reflect.DeepEqual(got[u.ID], want) {
		t.Errorf("cells %+v, %v; want %+v", got[u.ID], err, want)
	}
}
