package store

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Signup is an account waiting for its email address to be confirmed.
// Nothing about it is shown to anyone but the holder of the link.
type Signup struct {
	ID           int64
	TokenHash    string
	Email        string
	DisplayName  string
	PasswordHash string
	Lang         string
	IsCoach      bool
	Next         string
	TimeZone     string
	CreatedAt    time.Time
	ExpiresAt    time.Time
}

// PasswordReset is a one-time link to choose a new password.
type PasswordReset struct {
	ID        int64
	TokenHash string
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

// newToken returns 256 random bits for a link.
func newToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

func plausibleToken(token string) bool { return len(token) >= 20 && len(token) <= 100 }

// CreateSignup stores a pending sign-up valid for ttl, and the mail that
// carries its link, in one transaction. compose gets the link's token.
func (s *Store) CreateSignup(ctx context.Context, su *Signup, ttl time.Duration, compose func(token string) Mail) error {
	token, err := newToken()
	if err != nil {
		return err
	}
	now := s.Now()
	su.ID, su.Email, su.TokenHash = 0, NormaliseEmail(su.Email), hashToken(token)
	su.CreatedAt, su.ExpiresAt = now, now.Add(ttl)
	return s.write(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(su).Error; err != nil {
			return err
		}
		return s.queueMail(tx, compose(token))
	})
}

// SignupByToken returns the live pending sign-up a link belongs to; an
// unknown, used or expired link is ErrNotFound.
func (s *Store) SignupByToken(ctx context.Context, token string) (*Signup, error) {
	if !plausibleToken(token) {
		return nil, ErrNotFound
	}
	var su Signup
	err := s.db.WithContext(ctx).Where("token_hash = ? AND expires_at > ?", hashToken(token), s.Now()).Take(&su).Error
	return &su, notFound(err)
}

// ConfirmSignup turns a pending sign-up into an account and returns it
// with the page the person was heading for. Every pending sign-up for the
// same address goes. An unknown, used or expired link is ErrNotFound; if
// the address has an account by now, ErrEmailTaken.
func (s *Store) ConfirmSignup(ctx context.Context, token string) (*User, string, error) {
	if !plausibleToken(token) {
		return nil, "", ErrNotFound
	}
	var u User
	var next string
	taken := false
	err := s.write(ctx, func(tx *gorm.DB) error {
		var su Signup
		err := tx.Where("token_hash = ? AND expires_at > ?", hashToken(token), s.Now()).Take(&su).Error
		if err != nil {
			return notFound(err)
		}
		if err := tx.Where("email = ?", su.Email).Delete(&Signup{}).Error; err != nil {
			return err
		}
		var n int64
		if err := tx.Model(&User{}).Where("email = ?", su.Email).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			// The address has an account by now: the pending rows are
			// stale, and go (this transaction commits their deletion).
			taken = true
			return nil
		}
		now := s.Now()
		u = User{Email: su.Email, DisplayName: su.DisplayName, PasswordHash: su.PasswordHash,
			Lang: su.Lang, IsCoach: su.IsCoach, TimeZone: su.TimeZone, CreatedAt: now, UpdatedAt: now}
		next = su.Next
		return tx.Create(&u).Error
	})
	switch {
	case err != nil && isUniqueViolation(err), err == nil && taken:
		return nil, "", ErrEmailTaken
	case err != nil:
		return nil, "", err
	}
	return &u, next, nil
}

// CreatePasswordReset stores a reset link for userID valid for ttl, and
// the mail that carries it, in one transaction.
func (s *Store) CreatePasswordReset(ctx context.Context, userID int64, ttl time.Duration, compose func(token string) Mail) error {
	token, err := newToken()
	if err != nil {
		return err
	}
	now := s.Now()
	pr := PasswordReset{TokenHash: hashToken(token), UserID: userID, CreatedAt: now, ExpiresAt: now.Add(ttl)}
	return s.write(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&pr).Error; err != nil {
			return err
		}
		return s.queueMail(tx, compose(token))
	})
}

// UserByResetToken returns the account a live reset link belongs to; an
// unknown, used or expired link is ErrNotFound.
func (s *Store) UserByResetToken(ctx context.Context, token string) (*User, error) {
	if !plausibleToken(token) {
		return nil, ErrNotFound
	}
	var u User
	err := s.db.WithContext(ctx).Table("users").Select("users.*").
		Joins("JOIN password_resets r ON r.user_id = users.id").
		Where("r.token_hash = ? AND r.expires_at > ?", hashToken(token), s.Now()).Take(&u).Error
	return &u, notFound(err)
}

// ResetPassword sets a new password hash through a live reset link, uses
// up every reset link of the account and moves its session epoch on, so
// every session signed in before is signed out.
func (s *Store) ResetPassword(ctx context.Context, token, hash string) (*User, error) {
	if !plausibleToken(token) {
		return nil, ErrNotFound
	}
	var u User
	err := s.write(ctx, func(tx *gorm.DB) error {
		var pr PasswordReset
		q := tx
		if s.Dialect == "postgres" {
			// Two resets through one link at once: the second waits,
			// then finds the link used. (SQLite's immediate transactions
			// already serialise writers.)
			q = q.Clauses(clause.Locking{Strength: "UPDATE"})
		}
		err := q.Where("token_hash = ? AND expires_at > ?", hashToken(token), s.Now()).Take(&pr).Error
		if err != nil {
			return notFound(err)
		}
		if err := tx.Where("user_id = ?", pr.UserID).Delete(&PasswordReset{}).Error; err != nil {
			return err
		}
		res := tx.Model(&User{}).Where("id = ?", pr.UserID).Updates(map[string]any{
			"password_hash": hash, "session_epoch": gorm.Expr("session_epoch + 1"), "updated_at": s.Now()})
		if res.Error != nil {
			return res.Error
		}
		return notFound(tx.Where("id = ?", pr.UserID).Take(&u).Error)
	})
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// DeleteExpiredLinks removes expired sign-ups and reset links, and sent
// mail older than a week.
func (s *Store) DeleteExpiredLinks(ctx context.Context) error {
	now := s.Now()
	db := s.db.WithContext(ctx)
	if err := db.Where("expires_at <= ?", now).Delete(&Signup{}).Error; err != nil {
		return err
	}
	if err := db.Where("expires_at <= ?", now).Delete(&PasswordReset{}).Error; err != nil {
		return err
	}
	return db.Where("sent_at IS NOT NULL AND sent_at <= ?", now.Add(-7*24*time.Hour)).Delete(&Mail{}).Error
}

// ForgetEmail removes what is kept under an email address outside the
// account itself: rate-limit counters keyed by it and mail sent to it.
// Deleting an account calls it.
func (s *Store) ForgetEmail(ctx context.Context, email string) error {
	email = NormaliseEmail(email)
	db := s.db.WithContext(ctx)
	keys := []string{"signup:email:" + email, "reset:email:" + email}
	if err := db.Exec(`DELETE FROM rate_limits WHERE key IN ?`, keys).Error; err != nil {
		return err
	}
	if err := s.ResetHitsWithPrefix(ctx, LoginKeyPrefix(email)); err != nil {
		return err
	}
	if err := db.Where("email = ?", email).Delete(&Signup{}).Error; err != nil {
		return err
	}
	return db.Where("to_addr = ?", email).Delete(&Mail{}).Error
}
