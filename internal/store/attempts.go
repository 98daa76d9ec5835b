package store

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// Attempt is one saved answer to a question.
type Attempt struct {
	ID           int64
	UserID       int64
	QuestionID   string
	Lang         string
	Answer       string
	SecondsTaken int
	TimeLimit    int
	Ratings      `gorm:"embedded"`
	Notes        string
	Insights     string     // JSON of the insight report at save time
	InsightsV    int        `gorm:"column:insights_v"` // the analyser version that wrote Insights
	SpokenMs     int        `gorm:"->;-:migration"`    // a recording's length, read by AttemptsWithInsightsBelow only
	SilenceMs    int        `gorm:"->;-:migration"`    // a recording's leading silence, likewise
	ClientToken  string     // one per rendered form, so a resubmitted form saves once
	MockID       *int64     // the mock interview it was part of, if any
	StoryID      *int64     // the story bank story it told, if any (the user's own)
	Recording    *Recording `gorm:"-"` // saved with the attempt when set
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// SaveAttempt stores a new attempt. If the same form (client token) was
// already saved, for example after a network retry, it returns the saved
// attempt instead of a second copy; created reports which happened.
func (s *Store) SaveAttempt(ctx context.Context, a *Attempt) (created bool, err error) {
	created, _, err = s.saveAttempt(ctx, a)
	return created, err
}

// saveAttempt is SaveAttempt; short reports whether the card took one
// review step rather than a replay (tests read it).
func (s *Store) saveAttempt(ctx context.Context, a *Attempt) (created, short bool, err error) {
	now := s.Now()
	a.CreatedAt, a.UpdatedAt = now, now
	err = s.write(ctx, func(tx *gorm.DB) error {
		if err := s.lockUser(tx, a.UserID); err != nil {
			return err
		}
		// A resubmitted form: the saved attempt instead of a second one.
		// (Only its id is read unless there is one: nearly every save is new.)
		var prevID int64
		if err := tx.Raw(`SELECT id FROM attempts WHERE user_id = ? AND client_token = ?`, a.UserID, a.ClientToken).
			Scan(&prevID).Error; err != nil {
			return err
		}
		if prevID != 0 {
			var prev Attempt
			if err := tx.Where("id = ?", prevID).Take(&prev).Error; err != nil {
				return err
			}
			*a = prev
			return nil
		}
		created = true
		if a.StoryID != nil {
			// Only one of the user's own stories can be recorded.
			var n int64
			if err := tx.Model(&Story{}).Where("id = ? AND user_id = ?", *a.StoryID, a.UserID).Count(&n).Error; err != nil {
				return err
			}
			if n == 0 {
				return ErrNotFound
			}
		}
		rec := a.Recording
		if err := tx.Omit("Recording").Create(a).Error; err != nil {
			return err
		}
		if err := s.bumpCellsTx(tx, a); err != nil {
			return err
		}
		if rec != nil {
			rec.AttemptID, rec.UserID, rec.CreatedAt = a.ID, a.UserID, a.CreatedAt
			if err := tx.Create(rec).Error; err != nil {
				return err
			}
		}
		// The attempt and its card change together, or not at all. Most
		// saves add one review to the card; the rest replay its history.
		short = false // a retried transaction starts over
		if ok, err := s.appendReviewTx(tx, a); err != nil || ok {
			short = ok && err == nil
			return err
		}
		return s.rescheduleTx(tx, a.UserID, a.QuestionID)
	})
	return created, short && err == nil, err
}

// Attempt returns the user's attempt with id; another user's gives
// ErrNotFound.
func (s *Store) Attempt(ctx context.Context, userID, id int64) (*Attempt, error) {
	var a Attempt
	err := s.db.WithContext(ctx).Where("id = ? AND user_id = ?", id, userID).Take(&a).Error
	return &a, notFound(err)
}

// AttemptsForQuestion lists the user's attempts at a question, newest first.
func (s *Store) AttemptsForQuestion(ctx context.Context, userID int64, questionID string) ([]Attempt, error) {
	var out []Attempt
	err := s.db.WithContext(ctx).Where("user_id = ? AND question_id = ?", userID, questionID).
		Order("created_at DESC, id DESC").Find(&out).Error
	return out, err
}

// CountAttempts counts the user's attempts at a question.
func (s *Store) CountAttempts(ctx context.Context, userID int64, questionID string) (int, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&Attempt{}).Where("user_id = ? AND question_id = ?", userID, questionID).Count(&n).Error
	return int(n), err
}

// RecentAttempts lists the user's latest attempts, newest first, for a
// list: without the answer, the notes and the stored report (several KB
// an attempt, most of what reading the rows cost).
func (s *Store) RecentAttempts(ctx context.Context, userID int64, limit int) ([]Attempt, error) {
	cols := []string{"id", "user_id", "question_id", "lang", "seconds_taken", "time_limit", "insights_v", "mock_id", "story_id", "created_at", "updated_at"}
	for _, k := range Criteria {
		cols = append(cols, "r_"+k)
	}
	var out []Attempt
	err := s.db.WithContext(ctx).Select(cols).Where("user_id = ?", userID).Order("created_at DESC, id DESC").Limit(limit).Find(&out).Error
	return out, err
}

// AllAttempts lists every attempt of the user, oldest first (for export).
func (s *Store) AllAttempts(ctx context.Context, userID int64) ([]Attempt, error) {
	var out []Attempt
	err := s.db.WithContext(ctx).Where("user_id = ?", userID).Order("created_at, id").Find(&out).Error
	return out, err
}

// QuestionStat sums up a user's practice of one question.
type QuestionStat struct {
	QuestionID  string
	Attempts    int
	LastAt      time.Time
	BestOverall int
}

// practisedSQL is answered from attempts_user_question_latest_idx alone
// (TestPractisedQuestionsReadTheIndexOnly).
const practisedSQL = `SELECT question_id, COUNT(*) AS attempts, MAX(created_at) AS last_at, MAX(r_overall) AS best_overall
		FROM attempts WHERE user_id = ? GROUP BY question_id ORDER BY MAX(created_at) DESC`

// PractisedQuestions aggregates the user's attempts per question, most
// recently practised first, in one query.
func (s *Store) PractisedQuestions(ctx context.Context, userID int64) ([]QuestionStat, error) {
	var rows []struct {
		QuestionID  string
		Attempts    int
		LastAt      string
		BestOverall int
	}
	err := s.db.WithContext(ctx).Raw(practisedSQL, userID).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]QuestionStat, len(rows))
	for i, r := range rows {
		out[i] = QuestionStat{QuestionID: r.QuestionID, Attempts: r.Attempts, BestOverall: r.BestOverall, LastAt: parseTime(r.LastAt)}
	}
	return out, nil
}

// parseTime reads a timestamp that an aggregate returned as text (SQLite
// loses the column type through MAX()).
func parseTime(s string) time.Time {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999-07:00", "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// UpdateNotes changes the notes of the user's attempt.
func (s *Store) UpdateNotes(ctx context.Context, userID, id int64, notes string) error {
	res := s.db.WithContext(ctx).Model(&Attempt{}).Where("id = ? AND user_id = ?", id, userID).
		Updates(map[string]any{"notes": notes, "updated_at": s.Now()})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return nil
}

// DeleteAttempt removes the user's attempt and reschedules its card
// without it.
func (s *Store) DeleteAttempt(ctx context.Context, userID, id int64) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		a, err := s.lockedAttempt(tx, userID, id)
		if err != nil {
			return err
		}
		if err := tx.Delete(&Attempt{}, a.ID).Error; err != nil {
			return err
		}
		if err := refreshCellsTx(tx, cellScope{userID: userID, item: a.QuestionID}); err != nil {
			return err
		}
		var left int64
		if err := tx.Model(&Attempt{}).Where("user_id = ? AND question_id = ?", userID, a.QuestionID).Count(&left).Error; err != nil {
			return err
		}
		if left == 0 {
			return tx.Exec(`DELETE FROM cards WHERE user_id = ? AND question_id = ?`, userID, a.QuestionID).Error
		}
		return s.rescheduleTx(tx, userID, a.QuestionID)
	})
}

// AttemptsWithInsightsBelow returns up to limit attempts whose stored
// report was written by an analyser older than version, oldest first,
// with their recording's length when they have one.
func (s *Store) AttemptsWithInsightsBelow(ctx context.Context, version, limit int) ([]Attempt, error) {
	var out []Attempt
	err := s.db.WithContext(ctx).Table("attempts").
		Select("attempts.*, COALESCE(r.duration_ms, 0) AS spoken_ms, COALESCE(r.silence_ms, 0) AS silence_ms").
		Joins("LEFT JOIN recordings r ON r.attempt_id = attempts.id").
		Where("attempts.insights_v < ?", version).Order("attempts.id").Limit(limit).Find(&out).Error
	return out, err
}

// SetInsights replaces an attempt's stored report with one written by
// analyser version, unless a report of that version or newer is already
// stored (another instance got there first). It reports whether it did.
func (s *Store) SetInsights(ctx context.Context, id int64, report string, version int) (bool, error) {
	var n int64
	err := s.write(ctx, func(tx *gorm.DB) error {
		res := tx.Exec(`UPDATE attempts SET insights = ?, insights_v = ? WHERE id = ? AND insights_v < ?`, report, version, id, version)
		n = res.RowsAffected
		return res.Error
	})
	return n > 0, err
}

// PreviousAttempt returns the user's attempt at a question, in the same
// language, saved just before the attempt with id, or ErrNotFound for the
// first one.
func (s *Store) PreviousAttempt(ctx context.Context, userID int64, questionID string, id int64) (*Attempt, error) {
	var cur Attempt
	if err := s.db.WithContext(ctx).Select("id, created_at, lang").Where("id = ? AND user_id = ?", id, userID).Take(&cur).Error; err != nil {
		return nil, notFound(err)
	}
	var a Attempt
	err := s.db.WithContext(ctx).Where("user_id = ? AND question_id = ? AND lang = ? AND (created_at < ? OR (created_at = ? AND id < ?))",
		userID, questionID, cur.Lang, cur.CreatedAt, cur.CreatedAt, id).Order("created_at DESC, id DESC").Take(&a).Error
	return &a, notFound(err)
}

// lockedAttempt takes the user's lock (see lockUser) and loads their
// attempt; another user's is ErrNotFound.
func (s *Store) lockedAttempt(tx *gorm.DB, userID, id int64) (*Attempt, error) {
	if err := s.lockUser(tx, userID); err != nil {
		return nil, err
	}
	var a Attempt
	if err := tx.Where("id = ? AND user_id = ?", id, userID).Take(&a).Error; err != nil {
		return nil, notFound(err)
	}
	return &a, nil
}
