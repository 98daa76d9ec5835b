package store

import (
	"context"
	"strings"
	"testing"

	"gorm.io/gorm"
)

// TestQuestionLookupsUseTheOrderedIndex runs the store's per-question reads
// of attempts (the cohort's cells kept and recomputed, the previous answer,
// a question's history, a save's card step, the practised summary) and asks SQLite for
// the plan of every statement they send: each must search attempts by
// user and question through one index, with no sort of its own. Migration
// 16 broke that once without any test noticing: its index no longer gave
// (created_at, id) order, and the latest-attempt look-ups fell back to
// reading every attempt of the user (the cohort page went from 65 ms to
// 1.9 s on the benchmark's fixture).
func TestQuestionLookupsUseTheOrderedIndex(t *testing.T) {
	s := mustOpenStore(t)
	if s.Dialect != "sqlite" {
		t.Skip("the plans are SQLite's")
	}
	ctx := context.Background()
	_, cand, set := coachFixture(t, s, "why-sales", "closing")
	if err := s.Join(ctx, set.ID, cand.ID); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for i := range 3 {
		a := &Attempt{UserID: cand.ID, QuestionID: "why-sales", Lang: "en", Answer: "an answer", ClientToken: "tok-" + string(rune('a'+i))}
		a.Ratings.Overall = 3
		if _, err := s.SaveAttempt(ctx, a); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
	}

	type stmt struct {
		sql  string
		vars []any
	}
	var seen []stmt
	record := func(tx *gorm.DB) {
		seen = append(seen, stmt{tx.Statement.SQL.String(), append([]any(nil), tx.Statement.Vars...)})
	}
	cb := s.db.Callback()
	if err := cb.Query().After("gorm:query").Register("plans_test", record); err != nil {
		t.Fatal(err)
	}
	if err := cb.Raw().After("gorm:raw").Register("plans_test", record); err != nil {
		t.Fatal(err)
	}
	if err := cb.Row().After("gorm:row").Register("plans_test", record); err != nil {
		t.Fatal(err)
	}

	if _, err := s.PractisedQuestions(ctx, cand.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AttemptsForQuestion(ctx, cand.ID, "why-sales"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PreviousAttempt(ctx, cand.ID, "why-sales", ids[2]); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CohortCells(ctx, set.ID, nil); err != nil {
		t.Fatal(err)
	}
	// A later self-rating recomputes the answer's cohort cells from
	// attempts (cohortcells.go).
	if err := s.UpdateRatings(ctx, cand.ID, ids[0], Ratings{Overall: 5}); err != nil {
		t.Fatal(err)
	}
	a := &Attempt{UserID: cand.ID, QuestionID: "why-sales", Lang: "en", Answer: "once more", ClientToken: "tok-z"}
	a.Ratings.Overall = 4
	if _, short, err := s.saveAttempt(ctx, a); err != nil || !short {
		t.Fatalf("save: short step %v, err %v", short, err)
	}
	for _, n := range []string{"plans_test"} {
		_ = cb.Query().Remove(n)
		_ = cb.Raw().Remove(n)
		_ = cb.Row().Remove(n)
	}

	checked := 0
	for _, st := range seen {
		low := strings.ToLower(st.sql)
		if !strings.Contains(low, "question_id") || !strings.Contains(low, "attempts") {
			continue
		}
		var plan []struct{ Detail string }
		if err := s.db.Raw("EXPLAIN QUERY PLAN "+st.sql, st.vars...).Scan(&plan).Error; err != nil {
			t.Fatalf("%s: %v", st.sql, err)
		}
		var lines []string
		for _, p := range plan {
			lines = append(lines, p.Detail)
		}
		got := strings.Join(lines, "; ")
		checked++
		for _, l := range lines {
			if strings.Contains(l, "attempts_user_created_") || strings.HasPrefix(l, "SCAN a") || strings.HasPrefix(l, "SCAN attempts") {
				t.Errorf("%s\nreads attempts past the per-question index: %s", st.sql, got)
			}
		}
		if strings.Contains(got, "TEMP B-TREE FOR ORDER BY") && strings.Contains(low, "order by") &&
			!strings.Contains(low, "group by") {
			t.Errorf("%s\nsorts what the index gives in order: %s", st.sql, got)
		}
	}
	if checked < 6 {
		t.Errorf("only %d statements read attempts by question; the test no longer sees the look-ups", checked)
	}
}
