package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"time"
)

// Errors of an invite that can no longer be used.
var (
	ErrInviteExpired = errors.New("store: invite expired")
	ErrInviteRevoked = errors.New("store: invite revoked")
)

// Invite is a link that lets candidates join a set.
type Invite struct {
	ID        int64
	SetID     int64
	TokenHash string
	Token     string // shown to the set's coach so they can copy the link again
	ExpiresAt *time.Time
	RevokedAt *time.Time
	CreatedAt time.Time
}

// Active reports whether the invite can still be used at now.
func (in Invite) Active(now time.Time) bool {
	return in.RevokedAt == nil && (in.ExpiresAt == nil || now.Before(*in.ExpiresAt))
}

// hashToken is how a secret token is stored and looked up: its SHA-256.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CreateInvite makes a new invite link for a set and returns its token,
// 256 random bits. Look-ups go through the token's hash, in constant time
// per row and with no timing difference between near misses.
func (s *Store) CreateInvite(ctx context.Context, setID int64, expires *time.Time) (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	token := base64.RawURLEncoding.EncodeToString(b)
	in := Invite{SetID: setID, TokenHash: hashToken(token), Token: token, ExpiresAt: expires, CreatedAt: s.Now()}
	if err := s.db.WithContext(ctx).Create(&in).Error; err != nil {
		return "", err
	}
	return token, nil
}

// Invites lists a set's invites, newest first.
func (s *Store) Invites(ctx context.Context, setID int64) ([]Invite, error) {
	var out []Invite
	err := s.db.WithContext(ctx).Where("set_id = ?", setID).Order("created_at DESC, id DESC").Find(&out).Error
	return out, err
}

// RevokeInvite stops an invite from working.
func (s *Store) RevokeInvite(ctx context.Context, setID, inviteID int64) error {
	return touched(s.db.WithContext(ctx).Model(&Invite{}).Where("id = ? AND set_id = ? AND revoked_at IS NULL", inviteID, setID).
		Update("revoked_at", s.Now()))
}

// InviteByToken finds the invite a token belongs to, and its set. An
// unknown token is ErrNotFound; a revoked or expired one (or one of an
// archived set) says so.
func (s *Store) InviteByToken(ctx context.Context, token string) (*Invite, *Set, error) {
	if len(token) < 20 || len(token) > 100 {
		return nil, nil, ErrNotFound
	}
	var in Invite
	if err := s.db.WithContext(ctx).Where("token_hash = ?", hashToken(token)).Take(&in).Error; err != nil {
		return nil, nil, notFound(err)
	}
	set, err := s.SetByID(ctx, in.SetID)
	if err != nil {
		return nil, nil, err
	}
	switch {
	case in.RevokedAt != nil || set.ArchivedAt != nil:
		return &in, set, ErrInviteRevoked
	case in.ExpiresAt != nil && !s.Now().Before(*in.ExpiresAt):
		return &in, set, ErrInviteExpired
	}
	return &in, set, nil
}
