package store

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
)

// ErrAlreadyMember is returned when a candidate joins a set twice.
var ErrAlreadyMember = errors.New("store: already a member of this set")

// Membership links a candidate to a set they joined.
type Membership struct {
	ID          int64
	SetID       int64
	CandidateID int64
	JoinedAt    time.Time
}

// Join makes the candidate a member of the set and queues the set's
// questions as new cards due now (early enough to practise each before the
// set's due date), and computes their cohort cells (answers given in the
// same instant count), in one transaction: a member always has the set's
// cards.
func (s *Store) Join(ctx context.Context, setID, candidateID int64) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		if err := s.lockSetTx(tx, setID); err != nil {
			return err
		}
		if err := s.lockUser(tx, candidateID); err != nil {
			return err
		}
		var n int64
		if err := tx.Model(&Membership{}).Where("set_id = ? AND candidate_id = ?", setID, candidateID).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return ErrAlreadyMember
		}
		now := s.Now()
		if err := tx.Create(&Membership{SetID: setID, CandidateID: candidateID, JoinedAt: now}).Error; err != nil {
			return err
		}
		if err := refreshCellsTx(tx, cellScope{setID: setID, userID: candidateID}); err != nil {
			return err
		}
		var ids []string
		if err := tx.Model(&SetItem{}).Where("set_id = ?", setID).Order("position, id").Pluck("question_id", &ids).Error; err != nil {
			return err
		}
		return s.queueNewCards(tx, candidateID, ids, now)
	})
}

// IsMember reports whether the candidate belongs to the set.
func (s *Store) IsMember(ctx context.Context, setID, candidateID int64) (bool, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&Membership{}).Where("set_id = ? AND candidate_id = ?", setID, candidateID).Count(&n).Error
	return n > 0, err
}

// LeaveCoach removes the candidate from every set of the coach, and their
// cohort cells with the memberships; the coach no longer sees any of their
// attempts. It takes the candidate's lock (see lockUser), so a save of
// theirs in the meantime never meets a membership half gone.
func (s *Store) LeaveCoach(ctx context.Context, candidateID, coachID int64) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		if err := s.lockUser(tx, candidateID); err != nil {
			return err
		}
		return touched(tx.Exec(`DELETE FROM memberships WHERE candidate_id = ? AND set_id IN (SELECT id FROM coach_sets WHERE coach_id = ?)`, candidateID, coachID))
	})
}

// AssignedSet is a set a candidate joined, with their progress.
type AssignedSet struct {
	SetID     int64
	Title     string
	CoachID   int64
	CoachName string
	DueAt     *time.Time
	Questions int
	Answered  int
	JoinedAt  time.Time
}

// CandidateSets lists the sets a candidate belongs to, with progress, in
// one query. Progress counts answers given since joining, as the coach's
// matrix does: what the coach can see is what counts.
func (s *Store) CandidateSets(ctx context.Context, candidateID int64) ([]AssignedSet, error) {
	var rows []AssignedSet
	err := s.db.WithContext(ctx).Raw(`SELECT cs.id AS set_id, cs.title, cs.coach_id, u.display_name AS coach_name, cs.due_at, m.joined_at,
			`+setProgressColumns+`
		FROM memberships m JOIN coach_sets cs ON cs.id = m.set_id JOIN users u ON u.id = cs.coach_id
		WHERE m.candidate_id = ? AND cs.archived_at IS NULL
		ORDER BY cs.due_at IS NULL, cs.due_at, cs.id`, candidateID).Scan(&rows).Error
	return rows, err
}

// SharedAttempt returns an attempt the coach may see: an answer to a
// question of one of the coach's sets by a member of that set, given
// after they joined. Anything else is ErrNotFound.
func (s *Store) SharedAttempt(ctx context.Context, coachID, attemptID int64) (*Attempt, error) {
	var a Attempt
	err := s.db.WithContext(ctx).Raw(`SELECT a.* FROM attempts a WHERE a.id = ? AND EXISTS (
			SELECT 1 FROM memberships m JOIN coach_sets cs ON cs.id = m.set_id JOIN set_items si ON si.set_id = cs.id
			WHERE cs.coach_id = ? AND m.candidate_id = a.user_id AND si.question_id = a.question_id AND a.created_at >= m.joined_at)`,
		attemptID, coachID).Scan(&a).Error
	if err != nil {
		return nil, err
	}
	if a.ID == 0 {
		return nil, ErrNotFound
	}
	return &a, nil
}

// CoachCandidate returns a user who is a member of one of the coach's sets.
func (s *Store) CoachCandidate(ctx context.Context, coachID, candidateID int64) (*User, error) {
	var n int64
	err := s.db.WithContext(ctx).Raw(`SELECT COUNT(*) FROM memberships m JOIN coach_sets cs ON cs.id = m.set_id
		WHERE cs.coach_id = ? AND m.candidate_id = ?`, coachID, candidateID).Scan(&n).Error
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, ErrNotFound
	}
	return s.UserByID(ctx, candidateID)
}

// SharedAttempts lists a candidate's attempts visible to the coach, newest
// first.
func (s *Store) SharedAttempts(ctx context.Context, coachID, candidateID int64) ([]Attempt, error) {
	var out []Attempt
	err := s.db.WithContext(ctx).Raw(`SELECT a.* FROM attempts a WHERE a.user_id = ? AND EXISTS (
			SELECT 1 FROM memberships m JOIN coach_sets cs ON cs.id = m.set_id JOIN set_items si ON si.set_id = cs.id
			WHERE cs.coach_id = ? AND m.candidate_id = a.user_id AND si.question_id = a.question_id AND a.created_at >= m.joined_at)
		ORDER BY a.created_at DESC, a.id DESC`, candidateID, coachID).Scan(&out).Error
	return out, err
}
