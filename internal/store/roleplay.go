package store

import (
	"context"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/aeprep/aeprep/internal/srs"
)

// Role-play run statuses.
const (
	RunRunning  = "running"
	RunFinished = "finished"
)

// RoleplayKeyPrefix starts the card and set-item key of a scenario:
// "roleplay:<scenario-id>".
const RoleplayKeyPrefix = "roleplay:"

// RoleplayKey is the card and set-item key of a scenario.
func RoleplayKey(scenarioID string) string { return RoleplayKeyPrefix + scenarioID }

// Errors of PostRoleplayTurn.
var (
	// ErrRunFinished: the run has ended; no more replies are taken.
	ErrRunFinished = errors.New("store: role-play run has finished")
	// ErrStaleTurn: the reply names a turn that is already saved (a
	// second tab, a resubmitted form) or not the next one; nothing was
	// saved, and the run is returned as it stands.
	ErrStaleTurn = errors.New("store: role-play turn already saved")
)

// RunSummary is a finished run's scorecard in figures, kept for lists,
// scheduling and the cohort matrix.
type RunSummary struct {
	Grade           int  `json:"grade"` // 1–5, see roleplay.Grade
	MeddiccGot      int  `json:"meddicc_uncovered"`
	MeddiccOf       int  `json:"meddicc_of"`
	BantGot         int  `json:"bant_uncovered"`
	BantOf          int  `json:"bant_of"`
	OpenQuestions   int  `json:"open_questions"`
	ClosedQuestions int  `json:"closed_questions"`
	TalkShare       int  `json:"talk_share_pct"`
	NextStep        bool `json:"next_step_secured"`
	GaveAway        int  `json:"turns_giving_away"`
}

// RoleplayRun is one run of a scenario by a user.
type RoleplayRun struct {
	ID         int64
	UserID     int64
	ScenarioID string
	Lang       string
	State      string // roleplay.State as JSON
	Status     string
	EndReason  string
	Turns      int
	StartedAt  time.Time
	FinishedAt *time.Time
	UpdatedAt  time.Time
	Ratings    `gorm:"embedded"`
	RunSummary `gorm:"embedded"`
}

// TableName maps RoleplayRun to roleplay_runs.
func (RoleplayRun) TableName() string { return "roleplay_runs" }

// Finished reports whether the run has ended.
func (r *RoleplayRun) Finished() bool { return r.Status == RunFinished }

// RoleplayTurn is one saved reply and the buyer's answer to it.
type RoleplayTurn struct {
	ID        int64
	RunID     int64
	UserID    int64
	Turn      int    // 1-based
	Reply     string // what the candidate said
	Moves     string // detected moves, comma-separated codes
	BuyerNode string // the node the buyer answered from
	BuyerLine string // the buyer's answer
	Detail    string // roleplay.Turn as JSON
	CreatedAt time.Time
}

// TableName maps RoleplayTurn to roleplay_turns.
func (RoleplayTurn) TableName() string { return "roleplay_turns" }

// MoveList splits Moves.
func (t RoleplayTurn) MoveList() []string {
	if t.Moves == "" {
		return nil
	}
	return strings.Split(t.Moves, ",")
}

// RoleplayStep is what a reply changes: the run's new state, the turn to
// save and, when it ended the run, how and its scorecard's figures.
type RoleplayStep struct {
	State     string
	Turn      RoleplayTurn
	Done      bool
	EndReason string
	Summary   RunSummary
}

// StartRoleplay stores a new running run (ID, times and status are set).
func (s *Store) StartRoleplay(ctx context.Context, r *RoleplayRun) error {
	now := s.Now()
	r.StartedAt, r.UpdatedAt, r.Status, r.Turns = now, now, RunRunning, 0
	return s.write(ctx, func(tx *gorm.DB) error { return tx.Create(r).Error })
}

// RoleplayRun returns the user's run; another user's is ErrNotFound.
func (s *Store) RoleplayRun(ctx context.Context, userID, runID int64) (*RoleplayRun, error) {
	var r RoleplayRun
	err := s.db.WithContext(ctx).Where("id = ? AND user_id = ?", runID, userID).Take(&r).Error
	return &r, notFound(err)
}

// RoleplayTurns lists a run's turns in order.
func (s *Store) RoleplayTurns(ctx context.Context, runID int64) ([]RoleplayTurn, error) {
	var out []RoleplayTurn
	err := s.db.WithContext(ctx).Where("run_id = ?", runID).Order("turn").Find(&out).Error
	return out, err
}

// PostRoleplayTurn saves reply number turn of the user's run, in one
// transaction: the run must be the user's (else ErrNotFound), running
// (else ErrRunFinished) and turn must be the next one (else ErrStaleTurn:
// two tabs posting the same turn save it once). step computes the change
// from the run as stored. The update is conditional on the turn count it
// read and the turn row is unique per (run, turn), so the rule holds
// across instances on PostgreSQL too. step may read the turns saved
// before this one, inside the transaction, with prior. It returns the run as it stands
// after the call, also on ErrRunFinished and ErrStaleTurn.
func (s *Store) PostRoleplayTurn(ctx context.Context, userID, runID int64, turn int,
	step func(r *RoleplayRun, prior func() ([]RoleplayTurn, error)) (RoleplayStep, error)) (*RoleplayRun, error) {
	var out RoleplayRun
	err := s.write(ctx, func(tx *gorm.DB) error {
		if err := s.lockUser(tx, userID); err != nil {
			return err
		}
		var r RoleplayRun
		if err := tx.Where("id = ? AND user_id = ?", runID, userID).Take(&r).Error; err != nil {
			return notFound(err)
		}
		out = r
		if r.Status != RunRunning {
			return ErrRunFinished
		}
		if turn != r.Turns+1 {
			return ErrStaleTurn
		}
		st, err := step(&r, func() ([]RoleplayTurn, error) {
			var out []RoleplayTurn
			return out, tx.Where("run_id = ?", runID).Order("turn").Find(&out).Error
		})
		if err != nil {
			return err
		}
		now := s.Now()
		upd := map[string]any{"state": st.State, "turns": turn, "updated_at": now}
		if st.Done {
			upd["status"], upd["end_reason"], upd["finished_at"] = RunFinished, st.EndReason, now
			sm := st.Summary
			for k, v := range map[string]any{"grade": sm.Grade, "meddicc_got": sm.MeddiccGot, "meddicc_of": sm.MeddiccOf,
				"bant_got": sm.BantGot, "bant_of": sm.BantOf, "open_questions": sm.OpenQuestions,
				"closed_questions": sm.ClosedQuestions, "talk_share": sm.TalkShare, "next_step": sm.NextStep, "gave_away": sm.GaveAway} {
				upd[k] = v
			}
		}
		res := tx.Model(&RoleplayRun{}).Where("id = ? AND turns = ? AND status = ?", runID, r.Turns, RunRunning).Updates(upd)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrStaleTurn // another instance saved this turn first
		}
		t := st.Turn
		t.ID, t.RunID, t.UserID, t.Turn, t.CreatedAt = 0, runID, userID, turn, now
		if err := tx.Create(&t).Error; err != nil {
			return err
		}
		if st.Done {
			if err := s.rescheduleRoleplayTx(tx, userID, r.ScenarioID); err != nil {
				return err
			}
		}
		return tx.Where("id = ?", runID).Take(&out).Error
	})
	if errors.Is(err, ErrStaleTurn) || errors.Is(err, ErrRunFinished) {
		// Read the run as it stands now (the transaction's copy may be
		// from before another tab's save).
		if r, rerr := s.RoleplayRun(ctx, userID, runID); rerr == nil {
			out = *r
		}
		return &out, err
	}
	if err != nil && isUniqueViolation(err) {
		r, rerr := s.RoleplayRun(ctx, userID, runID)
		if rerr != nil {
			return nil, rerr
		}
		return r, ErrStaleTurn
	}
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// rescheduleRoleplayTx recomputes the user's card for a scenario by
// replaying their finished runs of it in order, each reviewed with its
// grade: a badly scored run brings the scenario back sooner.
func (s *Store) rescheduleRoleplayTx(tx *gorm.DB, userID int64, scenarioID string) error {
	var rows []struct {
		FinishedAt time.Time
		Grade      int
	}
	if err := tx.Model(&RoleplayRun{}).Select("finished_at, grade").
		Where("user_id = ? AND scenario_id = ? AND status = ? AND grade > 0", userID, scenarioID, RunFinished).
		Order("finished_at, id").Scan(&rows).Error; err != nil {
		return err
	}
	key := RoleplayKey(scenarioID)
	if len(rows) == 0 {
		return nil
	}
	sched := srs.NewScheduler()
	card, last := srs.NewCard(rows[0].FinishedAt), 0
	for _, r := range rows {
		last = r.Grade
		card = sched.Review(card, r.Grade, r.FinishedAt)
	}
	return s.storeCard(tx, userID, key, card, last)
}

// RateRoleplay stores the user's self-rating of a finished run.
func (s *Store) RateRoleplay(ctx context.Context, userID, runID int64, r Ratings) error {
	return touched(s.db.WithContext(ctx).Model(&RoleplayRun{}).Where("id = ? AND user_id = ? AND status = ?", runID, userID, RunFinished).
		Updates(map[string]any{"r_example": r.Example, "r_structure": r.Structure, "r_confidence": r.Confidence,
			"r_customer": r.Customer, "r_concise": r.Concise, "r_overall": r.Overall, "updated_at": s.Now()}))
}

// RoleplayRuns lists the user's runs, newest first (limit 0: all).
func (s *Store) RoleplayRuns(ctx context.Context, userID int64, limit int) ([]RoleplayRun, error) {
	var out []RoleplayRun
	q := s.db.WithContext(ctx).Where("user_id = ?", userID).Order("started_at DESC, id DESC")
	if limit > 0 {
		q = q.Limit(limit)
	}
	return out, q.Find(&out).Error
}

// AllRoleplayTurns lists every turn of the user's runs, by run and turn
// (for export).
func (s *Store) AllRoleplayTurns(ctx context.Context, userID int64) ([]RoleplayTurn, error) {
	var out []RoleplayTurn
	err := s.db.WithContext(ctx).Where("user_id = ?", userID).Order("run_id, turn").Find(&out).Error
	return out, err
}

// RoleplayComment is a coach's comment on a run.
type RoleplayComment struct {
	ID        int64
	RunID     int64
	CoachID   int64
	Body      string
	CreatedAt time.Time
	CoachName string `gorm:"->;-:migration"`
}

// TableName maps RoleplayComment to roleplay_feedback.
func (RoleplayComment) TableName() string { return "roleplay_feedback" }

// sharedRunSQL holds for a run a coach may see: its scenario is in one of
// the coach's sets that the candidate joined, and it started after they
// joined.
const sharedRunSQL = `EXISTS (SELECT 1 FROM memberships m JOIN coach_sets cs ON cs.id = m.set_id JOIN set_items si ON si.set_id = cs.id
	WHERE cs.coach_id = ? AND m.candidate_id = roleplay_runs.user_id AND si.question_id = ` + "'" + RoleplayKeyPrefix + "'" + ` || roleplay_runs.scenario_id
	AND roleplay_runs.started_at >= m.joined_at)`

// SharedRoleplayRun returns a run the coach may see; anything else is
// ErrNotFound.
func (s *Store) SharedRoleplayRun(ctx context.Context, coachID, runID int64) (*RoleplayRun, error) {
	var r RoleplayRun
	err := s.db.WithContext(ctx).Where("id = ? AND "+sharedRunSQL, runID, coachID).Take(&r).Error
	return &r, notFound(err)
}

// AddRoleplayComment stores a coach's comment on a run the coach may see.
func (s *Store) AddRoleplayComment(ctx context.Context, coachID, runID int64, body string) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&RoleplayRun{}).Where("id = ? AND "+sharedRunSQL, runID, coachID).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return ErrNotFound
		}
		return tx.Create(&RoleplayComment{RunID: runID, CoachID: coachID, Body: body, CreatedAt: s.Now()}).Error
	})
}

// RoleplayComments lists a run's comments, oldest first, with the coach's
// name.
func (s *Store) RoleplayComments(ctx context.Context, runID int64) ([]RoleplayComment, error) {
	var out []RoleplayComment
	err := s.db.WithContext(ctx).Table("roleplay_feedback f").Select("f.*, u.display_name AS coach_name").
		Joins("JOIN users u ON u.id = f.coach_id").Where("f.run_id = ?", runID).Order("f.created_at, f.id").Scan(&out).Error
	return out, err
}

// AllRoleplayComments lists the comments on the user's runs (for export).
func (s *Store) AllRoleplayComments(ctx context.Context, userID int64) ([]RoleplayComment, error) {
	var out []RoleplayComment
	err := s.db.WithContext(ctx).Table("roleplay_feedback f").Select("f.*, u.display_name AS coach_name").
		Joins("JOIN users u ON u.id = f.coach_id").Joins("JOIN roleplay_runs r ON r.id = f.run_id").
		Where("r.user_id = ?", userID).Order("f.run_id, f.created_at, f.id").Scan(&out).Error
	return out, err
}

// CohortRuns returns, for the set's members, the latest run of each of the
// set's scenarios started since they joined, keyed by candidate id and
// item key ("roleplay:<id>").
func (s *Store) CohortRuns(ctx context.Context, setID int64) (map[int64]map[string]RoleplayRun, error) {
	var rows []RoleplayRun
	err := s.db.WithContext(ctx).Raw(`SELECT r.* FROM roleplay_runs r
		JOIN memberships m ON m.candidate_id = r.user_id AND m.set_id = ?
		JOIN set_items si ON si.set_id = m.set_id AND si.question_id = '`+RoleplayKeyPrefix+`' || r.scenario_id
		WHERE r.started_at >= m.joined_at AND r.id = (SELECT r2.id FROM roleplay_runs r2
			WHERE r2.user_id = r.user_id AND r2.scenario_id = r.scenario_id AND r2.started_at >= m.joined_at
			ORDER BY r2.started_at DESC, r2.id DESC LIMIT 1)`, setID).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := map[int64]map[string]RoleplayRun{}
	for _, r := range rows {
		if out[r.UserID] == nil {
			out[r.UserID] = map[string]RoleplayRun{}
		}
		out[r.UserID][RoleplayKey(r.ScenarioID)] = r
	}
	return out, nil
}
