package store

import (
	"context"
	"time"
)

// Hit counts one request against key in a fixed window and reports whether
// it is within limit. The counter lives in the database, so several app
// instances share it. retryAfter is how long until the window resets.
func (s *Store) Hit(ctx context.Context, key string, limit int, window time.Duration) (allowed bool, retryAfter time.Duration, err error) {
	now := s.Now()
	cutoff := now.Add(-window)
	var row struct {
		Count       int
		WindowStart time.Time
	}
	err = s.db.WithContext(ctx).Raw(`INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, 1)
		ON CONFLICT (key) DO UPDATE SET
			count = CASE WHEN rate_limits.window_start <= ? THEN 1 ELSE rate_limits.count + 1 END,
			window_start = CASE WHEN rate_limits.window_start <= ? THEN excluded.window_start ELSE rate_limits.window_start END
		RETURNING count, window_start`, key, now, cutoff, cutoff).Scan(&row).Error
	if err != nil {
		return false, 0, err
	}
	retryAfter = row.WindowStart.Add(window).Sub(now)
	if retryAfter < time.Second {
		retryAfter = time.Second
	}
	return row.Count <= limit, retryAfter, nil
}

// ResetHits forgets the counter of key (after a successful login, say).
func (s *Store) ResetHits(ctx context.Context, key string) error {
	return s.db.WithContext(ctx).Exec(`DELETE FROM rate_limits WHERE key = ?`, key).Error
}

// ResetHitsWithPrefix forgets every counter whose key starts with prefix
// (compared as text, so no character of it is a wildcard).
func (s *Store) ResetHitsWithPrefix(ctx context.Context, prefix string) error {
	return s.db.WithContext(ctx).Exec(`DELETE FROM rate_limits WHERE substr(key, 1, ?) = ?`, len([]rune(prefix)), prefix).Error
}

// LoginKey names the counter of failed log-ins at one account from one
// client. Counting per account and client together, next to a count per
// client, keeps guessing slow without letting a stranger lock the owner
// out: the owner's own client has its own counter.
func LoginKey(email, client string) string {
	return LoginKeyPrefix(email) + client
}

// LoginKeyPrefix is the start of every LoginKey of email.
func LoginKeyPrefix(email string) string {
	return "login:acct:" + NormaliseEmail(email) + "|"
}
