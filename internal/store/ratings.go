package store

import (
	"context"

	"gorm.io/gorm"
)

// Rated reports whether any criterion has a rating. Ratings are optional
// when an answer is saved (0 is "not rated"); they can be given later.
func (r Ratings) Rated() bool {
	for _, k := range Criteria {
		if r.Get(k) != 0 {
			return true
		}
	}
	return false
}

// UpdateRatings replaces the self-ratings of the user's attempt and
// reschedules its card in the same transaction: a rating given after
// reading the insights schedules the question as if given at save time.
func (s *Store) UpdateRatings(ctx context.Context, userID, id int64, r Ratings) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		a, err := s.lockedAttempt(tx, userID, id)
		if err != nil {
			return err
		}
		err = tx.Model(&Attempt{}).Where("id = ?", id).Updates(map[string]any{
			"r_example": r.Example, "r_structure": r.Structure, "r_confidence": r.Confidence,
			"r_customer": r.Customer, "r_concise": r.Concise, "r_overall": r.Overall, "updated_at": s.Now()}).Error
		if err != nil {
			return err
		}
		if err := refreshCellsTx(tx, cellScope{userID: userID, item: a.QuestionID}); err != nil {
			return err
		}
		return s.rescheduleTx(tx, userID, a.QuestionID)
	})
}
