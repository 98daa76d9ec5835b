package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/aeprep/aeprep/internal/srs"
)

// DrillPrefix starts the key of a drill kind where a question id goes: a
// coach's set item and the spaced-repetition card of "drill:meetings" are
// the meetings drill's.
const DrillPrefix = "drill:"

// DrillKey is the set-item and card key of a drill kind.
func DrillKey(kind string) string { return DrillPrefix + kind }

// DrillKindOf returns the kind a key names, and whether it names one.
func DrillKindOf(key string) (string, bool) {
	kind, ok := strings.CutPrefix(key, DrillPrefix)
	return kind, ok && kind != ""
}

// ErrDrillAnswered is returned when a drill that has its answer already is
// answered again; the first answer stands.
var ErrDrillAnswered = errors.New("store: the drill is answered already")

// DrillAttempt is one sales-maths drill shown to a user and, once, answered.
// Its numbers are drills.Generate(Kind, Seed, Lang).
type DrillAttempt struct {
	ID     int64
	UserID int64
	Kind   string
	Seed   int64
	Lang   string
	Step   int    // its place in a run of drills done one after another, from 1
	RunID  *int64 // the run's first drill; nil for that first one
	// Set when answered:
	Answer       string
	Correct      bool
	SecondsTaken int
	Score        int // the 1–5 grade the review schedule took (drills.Score)
	CreatedAt    time.Time
	AnsweredAt   *time.Time
}

// TableName maps DrillAttempt to drill_attempts.
func (DrillAttempt) TableName() string { return "drill_attempts" }

// Answered reports whether the drill has its answer.
func (a DrillAttempt) Answered() bool { return a.AnsweredAt != nil }

// Run is the id of the run the drill belongs to.
func (a DrillAttempt) Run() int64 {
	if a.RunID != nil {
		return *a.RunID
	}
	return a.ID
}

// CreateDrill stores a drill about to be shown, with its seed.
func (s *Store) CreateDrill(ctx context.Context, a *DrillAttempt) error {
	a.ID, a.CreatedAt, a.AnsweredAt = 0, s.Now(), nil
	if a.Step < 1 {
		a.Step = 1
	}
	return s.db.WithContext(ctx).Create(a).Error
}

// Drill returns the user's drill; anyone else's is ErrNotFound.
func (s *Store) Drill(ctx context.Context, userID, id int64) (*DrillAttempt, error) {
	var a DrillAttempt
	err := s.db.WithContext(ctx).Where("id = ? AND user_id = ?", id, userID).Take(&a).Error
	return &a, notFound(err)
}

// AnswerDrill saves the answer to the user's drill a.ID (a.Answer,
// a.Correct, a.SecondsTaken and a.Score) and reschedules the kind's card
// from every answered drill of the kind, in one transaction. A drill
// answered already keeps its first answer: ErrDrillAnswered, nothing
// written. Another user's drill is ErrNotFound.
func (s *Store) AnswerDrill(ctx context.Context, a *DrillAttempt) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		if err := s.lockUser(tx, a.UserID); err != nil {
			return err
		}
		var cur DrillAttempt
		if err := tx.Where("id = ? AND user_id = ?", a.ID, a.UserID).Take(&cur).Error; err != nil {
			return notFound(err)
		}
		if cur.Answered() {
			*a = cur
			return ErrDrillAnswered
		}
		now := s.Now()
		res := tx.Model(&DrillAttempt{}).Where("id = ? AND user_id = ? AND answered_at IS NULL", a.ID, a.UserID).
			Updates(map[string]any{"answer": a.Answer, "correct": a.Correct, "seconds_taken": a.SecondsTaken,
				"score": a.Score, "answered_at": now})
		if err := touched(res); err != nil {
			return err
		}
		if err := refreshCellsTx(tx, cellScope{userID: a.UserID, item: DrillKey(cur.Kind)}); err != nil {
			return err
		}
		if err := s.rescheduleTx(tx, a.UserID, DrillKey(cur.Kind)); err != nil {
			return fmt.Errorf("store: drill card: %w", err)
		}
		cur.Answer, cur.Correct, cur.SecondsTaken, cur.Score, cur.AnsweredAt = a.Answer, a.Correct, a.SecondsTaken, a.Score, &now
		*a = cur
		return nil
	})
}

// replayDrillCard computes a drill kind's card by replaying its answered
// drills in order, each graded by its stored score, as replayCard does
// for a question's attempts.
func (s *Store) replayDrillCard(tx *gorm.DB, userID int64, kind string) (srs.Card, int, error) {
	var rows []DrillAttempt
	err := tx.Select("answered_at, score").Where("user_id = ? AND kind = ? AND answered_at IS NOT NULL", userID, kind).
		Order("answered_at, id").Find(&rows).Error
	if err != nil {
		return srs.Card{}, 0, err
	}
	if len(rows) == 0 {
		return srs.NewCard(s.Now()), 0, nil
	}
	sched := srs.NewScheduler()
	card, last := srs.NewCard(*rows[0].AnsweredAt), 0
	for _, r := range rows {
		last = r.Score
		card = sched.Review(card, r.Score, *r.AnsweredAt)
	}
	return card, last, nil
}

// DrillRun lists the user's drills of one run, in order.
func (s *Store) DrillRun(ctx context.Context, userID, runID int64) ([]DrillAttempt, error) {
	var out []DrillAttempt
	err := s.db.WithContext(ctx).Where("user_id = ? AND (id = ? OR run_id = ?)", userID, runID, runID).
		Order("step, id").Find(&out).Error
	return out, err
}

// DrillStat is a user's record on one drill kind.
type DrillStat struct {
	Kind     string
	Attempts int // answered
	Correct  int
}

// DrillStats returns the user's record on each kind they have answered, by
// kind, in one query.
func (s *Store) DrillStats(ctx context.Context, userID int64) (map[string]DrillStat, error) {
	var rows []struct {
		Kind     string
		Attempts int
		Correct  int
	}
	err := s.db.WithContext(ctx).Model(&DrillAttempt{}).
		Select("kind, COUNT(*) AS attempts, SUM(CASE WHEN correct THEN 1 ELSE 0 END) AS correct").
		Where("user_id = ? AND answered_at IS NOT NULL", userID).Group("kind").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: drill stats: %w", err)
	}
	out := make(map[string]DrillStat, len(rows))
	for _, r := range rows {
		out[r.Kind] = DrillStat{Kind: r.Kind, Attempts: r.Attempts, Correct: r.Correct}
	}
	return out, nil
}

// RecentDrills lists the user's answered drills, newest first.
func (s *Store) RecentDrills(ctx context.Context, userID int64, limit int) ([]DrillAttempt, error) {
	var out []DrillAttempt
	err := s.db.WithContext(ctx).Where("user_id = ? AND answered_at IS NOT NULL", userID).
		Order("answered_at DESC, id DESC").Limit(limit).Find(&out).Error
	return out, err
}

// AllDrills lists every drill of the user, answered or not, oldest first
// (for the export).
func (s *Store) AllDrills(ctx context.Context, userID int64) ([]DrillAttempt, error) {
	var out []DrillAttempt
	err := s.db.WithContext(ctx).Where("user_id = ?", userID).Order("created_at, id").Find(&out).Error
	return out, err
}
