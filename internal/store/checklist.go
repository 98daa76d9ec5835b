package store

import (
	"context"

	"gorm.io/gorm/clause"
)

// Ticks returns the ids of the checklist items the user has ticked.
func (s *Store) Ticks(ctx context.Context, userID int64) (map[string]bool, error) {
	var ids []string
	err := s.db.WithContext(ctx).Table("checklist_ticks").Where("user_id = ?", userID).Pluck("item_id", &ids).Error
	out := make(map[string]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, err
}

// SetTick ticks or unticks one checklist item for the user.
func (s *Store) SetTick(ctx context.Context, userID int64, itemID string, on bool) error {
	db := s.db.WithContext(ctx)
	if !on {
		return db.Exec(`DELETE FROM checklist_ticks WHERE user_id = ? AND item_id = ?`, userID, itemID).Error
	}
	return db.Table("checklist_ticks").Clauses(clause.OnConflict{DoNothing: true}).Create(map[string]any{
		"user_id": userID, "item_id": itemID, "created_at": s.Now(),
	}).Error
}
