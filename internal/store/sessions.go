package store

import (
	"context"
	"crypto/sha256"
	"errors"
	"log/slog"
	"sync"
	"time"

	"gorm.io/gorm"
)

// SessionStore keeps web sessions in the database (the sessions table), so
// every app instance sees the same sessions. It implements scs.CtxStore.
//
// The session library commits the session on every request to push its
// idle expiry forward. When the data is what the database already holds
// and the expiry moved by less than SkipWithin, the write is skipped: a
// signed-in page view then costs no write. The cache behind that only
// remembers what this instance last read or wrote; FindCtx refreshes it
// from the database on every request, so another instance's writes are
// never overwritten by a skipped one.
type SessionStore struct {
	s          *Store
	SkipWithin time.Duration

	mu   sync.Mutex
	seen map[string]seenSession
}

type seenSession struct {
	sum    [32]byte
	expiry time.Time
}

type sessionRow struct {
	Token  string `gorm:"primaryKey"`
	Data   []byte
	Expiry time.Time
}

func (sessionRow) TableName() string { return "sessions" }

// Sessions returns a session store over the database.
func (s *Store) Sessions() *SessionStore {
	return &SessionStore{s: s, seen: map[string]seenSession{}}
}

func (ss *SessionStore) remember(token string, b []byte, expiry time.Time) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if len(ss.seen) > 10000 {
		ss.seen = map[string]seenSession{}
	}
	ss.seen[token] = seenSession{sum: sha256.Sum256(b), expiry: expiry}
}

func (ss *SessionStore) forget(token string) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	delete(ss.seen, token)
}

// unchanged reports whether committing b with expiry would only nudge the
// expiry of what the database holds by less than SkipWithin.
func (ss *SessionStore) unchanged(token string, b []byte, expiry time.Time) bool {
	if ss.SkipWithin <= 0 {
		return false
	}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	prev, ok := ss.seen[token]
	if !ok || prev.sum != sha256.Sum256(b) {
		return false
	}
	d := expiry.Sub(prev.expiry)
	return d >= 0 && d < ss.SkipWithin
}

// FindCtx returns the data of a live session.
func (ss *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var row sessionRow
	err := ss.s.db.WithContext(ctx).Where("token = ? AND expiry > ?", token, ss.s.Now()).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	ss.remember(token, row.Data, row.Expiry)
	return row.Data, true, nil
}

// CommitCtx saves a session that already exists. It only updates a row
// that is still there: a request that loaded the session before a logout
// (on any instance) and finishes after it must not bring the session back.
// A new session is stored with Insert first; a commit of a token with no
// row writes nothing.
func (ss *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	if ss.unchanged(token, b, expiry) {
		return nil
	}
	expiry = expiry.UTC()
	res := ss.s.db.WithContext(ctx).Model(&sessionRow{}).Where("token = ?", token).
		Updates(map[string]any{"data": b, "expiry": expiry})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		ss.forget(token)
		return nil
	}
	ss.remember(token, b, expiry)
	return nil
}

// Insert stores a new session under a freshly made token (at login, or
// when a visitor's session first holds something).
func (ss *SessionStore) Insert(ctx context.Context, token string, b []byte, expiry time.Time) error {
	row := sessionRow{Token: token, Data: b, Expiry: expiry.UTC()}
	if err := ss.s.db.WithContext(ctx).Create(&row).Error; err != nil {
		return err
	}
	ss.remember(token, b, row.Expiry)
	return nil
}

// DeleteCtx removes a session.
func (ss *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	ss.forget(token)
	return ss.s.db.WithContext(ctx).Where("token = ?", token).Delete(&sessionRow{}).Error
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
	err := ss.s.db.WithContext(ctx).Model(&sessionRow{}).Count(&n).Error
	return n, err
}

// DeleteExpired removes sessions past their expiry.
func (ss *SessionStore) DeleteExpired(ctx context.Context) (int64, error) {
	res := ss.s.db.WithContext(ctx).Where("expiry <= ?", ss.s.Now()).Delete(&sessionRow{})
	return res.RowsAffected, res.Error
}

// CleanupLoop deletes expired sessions, sign-up and reset links, and old
// sent mail, every interval until ctx ends. Every instance may run it; the
// deletes are idempotent.
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
			if err := ss.s.DeleteExpiredLinks(ctx); err != nil && ctx.Err() == nil && log != nil {
				log.Warn("link cleanup", "err", err)
			}
		}
	}
}
