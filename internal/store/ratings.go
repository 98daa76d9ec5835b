package store

import (
	"context"

	"gorm.io/gorm"
)

// Criteria are the rubric's criteria, in display order.
var Criteria = []string{"example", "structure", "confidence", "customer", "concise", "overall"}

// Ratings are the self-ratings of one attempt, each 1 to 5.
type Ratings struct {
	Example    int `gorm:"column:r_example"`
	Structure  int `gorm:"column:r_structure"`
	Confidence int `gorm:"column:r_confidence"`
	Customer   int `gorm:"column:r_customer"`
	Concise    int `gorm:"column:r_concise"`
	Overall    int `gorm:"column:r_overall"`
}

// Get returns the rating of a criterion by name.
func (r Ratings) Get(criterion string) int {
	switch criterion {
	case "example":
		return r.Example
	case "structure":
		return r.Structure
	case "confidence":
		return r.Confidence
	case "customer":
		return r.Customer
	case "concise":
		return r.Concise
	case "overall":
		return r.Overall
	}
	return 0
}

// Set sets the rating of a criterion by name.
func (r *Ratings) Set(criterion string, v int) {
	switch criterion {
	case "example":
		r.Example = v
	case "structure":
		r.Structure = v
	case "confidence":
		r.Confidence = v
	case "customer":
		r.Customer = v
	case "concise":
		r.Concise = v
	case "overall":
		r.Overall = v
	}
}

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
		if err := s.lockUser(tx, userID); err != nil {
			return err
		}
		var a Attempt
		if err := tx.Where("id = ? AND user_id = ?", id, userID).Take(&a).Error; err != nil {
			return notFound(err)
		}
		err := tx.Model(&Attempt{}).Where("id = ?", id).Updates(map[string]any{
			"r_example": r.Example, "r_structure": r.Structure, "r_confidence": r.Confidence,
			"r_customer": r.Customer, "r_concise": r.Concise, "r_overall": r.Overall, "updated_at": s.Now()}).Error
		if err != nil {
			return err
		}
		return s.rescheduleTx(tx, userID, a.QuestionID)
	})
}
