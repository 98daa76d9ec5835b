package store

import (
	"context"
	"crypto/sha256"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/schema"
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
	// UserOf reads the signed-in user's id out of a session's data (0
	// for none); the store keeps it beside the data, so that FindCtx can
	// read the session's user in the same query (see WithSessionUser).
	UserOf func(data []byte) int64

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
	UserID *int64 // the signed-in user (see SessionStore.UserOf)
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

// SessionUser is filled by FindCtx, when the request's context carries
// one (WithSessionUser), with the user the session was stored for, read
// in the same query as the session. The caller still checks that it is
// the user the session's data names, and its session epoch.
type SessionUser struct {
	User *User
}

type sessionUserKey struct{}

// WithSessionUser returns ctx carrying an empty SessionUser for FindCtx to
// fill.
func WithSessionUser(ctx context.Context) (context.Context, *SessionUser) {
	su := &SessionUser{}
	return context.WithValue(ctx, sessionUserKey{}, su), su
}

// SessionUserOf returns the SessionUser ctx carries, or nil.
func SessionUserOf(ctx context.Context) *SessionUser {
	su, _ := ctx.Value(sessionUserKey{}).(*SessionUser)
	return su
}

// sessionUserColumns are the users columns read beside a session, as
// u_<column>, from GORM's schema of User so that none is left out.
var sessionUserColumns = sync.OnceValues(func() (string, error) {
	sch, err := schema.Parse(&User{}, &sync.Map{}, schema.NamingStrategy{})
	if err != nil {
		return "", err
	}
	cols := make([]string, 0, len(sch.DBNames))
	for _, c := range sch.DBNames {
		cols = append(cols, "u."+c+" AS u_"+c)
	}
	return strings.Join(cols, ", "), nil
})

// FindCtx returns the data of a live session, and fills the context's
// SessionUser, if any, in the same query.
func (ss *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	su := SessionUserOf(ctx)
	if su == nil {
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
	cols, err := sessionUserColumns()
	if err != nil {
		return nil, false, err
	}
	var rows []struct {
		Data   []byte
		Expiry time.Time
		User   User `gorm:"embedded;embeddedPrefix:u_"` // zero when none was kept (NULLs)
	}
	err = ss.s.db.WithContext(ctx).Raw(`SELECT s.data, s.expiry, `+cols+`
		FROM sessions s LEFT JOIN users u ON u.id = s.user_id WHERE s.token = ? AND s.expiry > ?`,
		token, ss.s.Now()).Scan(&rows).Error
	if err != nil {
		return nil, false, err
	}
	if len(rows) == 0 {
		return nil, false, nil
	}
	r := rows[0]
	if r.User.ID != 0 {
		u := r.User
		su.User = &u
	}
	ss.remember(token, r.Data, r.Expiry)
	return r.Data, true, nil
}

// userColumn is the user_id to store beside data: nil (NULL) for none.
func (ss *SessionStore) userColumn(data []byte) *int64 {
	if ss.UserOf == nil {
		return nil
	}
	if id := ss.UserOf(data); id != 0 {
		return &id
	}
	return nil
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
		Updates(map[string]any{"data": b, "expiry": expiry, "user_id": ss.userColumn(b)})
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
	row := sessionRow{Token: token, Data: b, Expiry: expiry.UTC(), UserID: ss.userColumn(b)}
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
