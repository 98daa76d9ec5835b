package store

import (
	"context"
	"time"
)

// RecordingInfo is a recording without its bytes.
type RecordingInfo struct {
	ID         int64
	AttemptID  int64
	UserID     int64
	Mime       string
	Size       int
	DurationMs int
	SilenceMs  int
	CreatedAt  time.Time
}

// Recording is the audio of a spoken answer, kept in the database so any
// instance can serve it.
type Recording struct {
	RecordingInfo
	Data []byte
}

// RecordingOf returns the recording of an attempt, without its bytes.
func (s *Store) RecordingOf(ctx context.Context, attemptID int64) (*RecordingInfo, error) {
	var r RecordingInfo
	err := s.db.WithContext(ctx).Table("recordings").Where("attempt_id = ?", attemptID).
		Select("id, attempt_id, user_id, mime, size, duration_ms, silence_ms, created_at").Take(&r).Error
	return &r, notFound(err)
}

// RecordingData returns a recording with its bytes.
func (s *Store) RecordingData(ctx context.Context, id int64) (*Recording, error) {
	var r Recording
	err := s.db.WithContext(ctx).Where("id = ?", id).Take(&r).Error
	return &r, notFound(err)
}

// DeleteRecording removes the owner's recording.
func (s *Store) DeleteRecording(ctx context.Context, userID, id int64) error {
	res := s.db.WithContext(ctx).Where("id = ? AND user_id = ?", id, userID).Delete(&Recording{})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return nil
}
