package store

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// SessionStore keeps web sessions in the database (the sessions table), so
// every app instance sees the same sessions. It implements scs.CtxStore.
type SessionStore struct {
	s *Store
}

type sessionRow struct {
	Token  string `gorm:"primaryKey"`
	Data   []byte
	Expiry time.Time
}

func (sessionRow) TableName() string { return "sessions" }

// Sessions returns the session store.
func (s *Store) Sessions() *SessionStore { return &SessionStore{s: s} }

// FindCtx returns the data of a live session.
func (ss *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var row sessionRow
	err := ss.s.DB.WithContext(ctx).Where("token = ? AND expiry > ?", token, ss.s.Now()).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return row.Data, true, nil
}

// CommitCtx saves a session.
func (ss *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	row := sessionRow{Token: token, Data: b, Expiry: expiry.UTC()}
	return ss.s.DB.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "token"}},
		DoUpdates: clause.AssignmentColumns([]string{"data", "expiry"}),
	}).Create(&row).Error
}

// DeleteCtx removes a session.
func (ss *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	return ss.s.DB.WithContext(ctx).Where("token = ?", token).Delete(&sessionRow{}).Error
}

// Find, Commit and Delete satisfy scs.Store for callers without a context.
func (ss *SessionStore) Find(token string) ([]byte, bool, error) {
	return ss.FindCtx(context.Background(), token)
}

// Commit saves a session.
func (ss *SessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return ss.CommitCtx(context.Background(), token, b, expiry)
}

// Delete removes a session.
func (ss *SessionStore) Delete(token string) error {
	return ss.DeleteCtx(context.Background(), token)
}

// Count returns the number of stored sessions (tests use it).
func (ss *SessionStore) Count(ctx context.Context) (int64, error) {
	var n int64
	err := ss.s.DB.WithContext(ctx).Model(&sessionRow{}).Count(&n).Error
	return n, err
}

// DeleteExpired removes sessions past their expiry.
func (ss *SessionStore) DeleteExpired(ctx context.Context) (int64, error) {
	res := ss.s.DB.WithContext(ctx).Where("expiry <= ?", ss.s.Now()).Delete(&sessionRow{})
	return res.RowsAffected, res.Error
}

// CleanupLoop deletes expired sessions every interval until ctx ends. Every
// instance may run it; the delete is idempotent.
func (ss *SessionStore) CleanupLoop(ctx context.Context, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := ss.DeleteExpired(ctx); err != nil && ctx.Err() == nil && log != nil {
				log.Warn("session cleanup", "err", err)
			}
		}
	}
}
