package store

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
)

// Errors of a coach's feedback and the replies under it.
var (
	// ErrFeedbackByOther is returned when a coach rates an attempt that
	// another coach (the candidate is in both coaches' sets) rated first.
	ErrFeedbackByOther = errors.New("store: another coach gave feedback on this attempt")
	// ErrAlreadyReplied is returned when an author replies twice under
	// the same feedback.
	ErrAlreadyReplied = errors.New("store: already replied")
)

// Feedback is a coach's rating and comment on an attempt. (The table
// keeps its first name, reviews.)
type Feedback struct {
	ID        int64
	AttemptID int64
	CoachID   int64
	Ratings   `gorm:"embedded"`
	Comment   string
	SeenAt    *time.Time
	CreatedAt time.Time
	UpdatedAt time.Time
}

// TableName maps Feedback to reviews.
func (Feedback) TableName() string { return "reviews" }

// Reply is one follow-up under a coach's feedback; each side may add one.
type Reply struct {
	ID         int64
	FeedbackID int64 `gorm:"column:review_id"`
	AuthorID   int64
	Body       string
	CreatedAt  time.Time
}

// TableName maps Reply to review_replies.
func (Reply) TableName() string { return "review_replies" }

// SaveFeedback creates or updates the coach's feedback on an attempt; a
// change counts as new feedback for the candidate. An attempt has one
// coach's feedback: another coach's is never replaced (ErrFeedbackByOther).
func (s *Store) SaveFeedback(ctx context.Context, f *Feedback) error {
	now := s.Now()
	return s.write(ctx, func(tx *gorm.DB) error {
		var a Attempt
		if err := tx.Where("id = ?", f.AttemptID).Take(&a).Error; err != nil {
			return notFound(err)
		}
		if err := s.lockUser(tx, a.UserID); err != nil {
			return err
		}
		var prev Feedback
		err := tx.Where("attempt_id = ?", f.AttemptID).Take(&prev).Error
		switch {
		case errors.Is(err, gorm.ErrRecordNotFound):
			f.CreatedAt, f.UpdatedAt, f.SeenAt = now, now, nil
			err = tx.Create(f).Error
		case err != nil:
			return err
		case prev.CoachID != f.CoachID:
			// Shared with two coaches: the first feedback stays whole.
			return ErrFeedbackByOther
		default:
			f.ID, f.CreatedAt, f.UpdatedAt, f.SeenAt = prev.ID, prev.CreatedAt, now, nil
			err = tx.Model(&Feedback{}).Where("id = ?", prev.ID).Updates(map[string]any{
				"coach_id": f.CoachID, "r_example": f.Example, "r_structure": f.Structure, "r_confidence": f.Confidence,
				"r_customer": f.Customer, "r_concise": f.Concise, "r_overall": f.Overall, "comment": f.Comment,
				"seen_at": nil, "updated_at": now,
			}).Error
		}
		if err != nil {
			return err
		}
		if err := refreshCellsTx(tx, cellScope{userID: a.UserID, item: a.QuestionID}); err != nil {
			return err
		}
		// The coach's rating now schedules this question's reviews.
		return s.rescheduleTx(tx, a.UserID, a.QuestionID)
	})
}

// FeedbackOf returns a coach's feedback on an attempt and its replies.
func (s *Store) FeedbackOf(ctx context.Context, attemptID int64) (*Feedback, []Reply, error) {
	var f Feedback
	if err := s.db.WithContext(ctx).Where("attempt_id = ?", attemptID).Take(&f).Error; err != nil {
		return nil, nil, notFound(err)
	}
	var replies []Reply
	err := s.db.WithContext(ctx).Where("review_id = ?", f.ID).Order("created_at, id").Find(&replies).Error
	return &f, replies, err
}

// AddReply adds the author's one reply under a coach's feedback.
func (s *Store) AddReply(ctx context.Context, feedbackID, authorID int64, body string) error {
	err := s.write(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&Reply{}).Where("review_id = ? AND author_id = ?", feedbackID, authorID).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return ErrAlreadyReplied
		}
		return tx.Create(&Reply{FeedbackID: feedbackID, AuthorID: authorID, Body: body, CreatedAt: s.Now()}).Error
	})
	if err != nil && isUniqueViolation(err) {
		return ErrAlreadyReplied
	}
	return err
}

// MarkFeedbackSeen records that the candidate read the feedback.
func (s *Store) MarkFeedbackSeen(ctx context.Context, attemptID int64) error {
	return s.db.WithContext(ctx).Model(&Feedback{}).Where("attempt_id = ? AND seen_at IS NULL", attemptID).Update("seen_at", s.Now()).Error
}
