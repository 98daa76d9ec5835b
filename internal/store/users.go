package store

import (
	"context"
	"errors"
	"strings"
	"time"
	_ "time/tzdata" // zone names work on a system without a zoneinfo database

	"gorm.io/gorm"
)

// ErrEmailTaken is returned when signing up with an email already in use.
var ErrEmailTaken = errors.New("store: email already registered")

// User is an account: a candidate, a coach, or both.
type User struct {
	ID           int64
	Email        string
	DisplayName  string
	PasswordHash string
	Lang         string
	IsCoach      bool
	SessionEpoch int    // sessions from an older epoch are signed out
	TimeZone     string // IANA name; "" takes the default of Lang
	// CloudDictation is the answer to dictating through the browser's
	// cloud speech service: CloudDictationAsk, CloudDictationAllow or
	// CloudDictationDeny.
	CloudDictation string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// ErrBadTimeZone is returned for a time-zone name the system does not know.
var ErrBadTimeZone = errors.New("store: unknown time zone")

// DefaultTimeZone is the zone of a user who has not chosen one: Japan's
// for Japanese users, UTC for the others.
func DefaultTimeZone(lang string) string {
	if lang == "ja" {
		return "Asia/Tokyo"
	}
	return "UTC"
}

// LoadZone checks an IANA zone name and loads it. Names are what
// time.LoadLocation accepts, minus "Local" and the empty name (which would
// mean the server's own zone).
func LoadZone(name string) (*time.Location, error) {
	if name == "" || name == "Local" || len(name) > 64 || strings.ContainsAny(name, " \\") {
		return nil, ErrBadTimeZone
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, ErrBadTimeZone
	}
	return loc, nil
}

// Zone returns the user's time-zone name, the default of their language
// when none is set.
func (u *User) Zone() string {
	if u.TimeZone != "" {
		return u.TimeZone
	}
	return DefaultTimeZone(u.Lang)
}

// Location returns the user's time zone. A stored name the system no
// longer knows falls back to the default of their language.
func (u *User) Location() *time.Location {
	if loc, err := LoadZone(u.Zone()); err == nil {
		return loc
	}
	if loc, err := LoadZone(DefaultTimeZone(u.Lang)); err == nil {
		return loc
	}
	return time.UTC
}

// SetTimeZone stores the user's time zone; the name must load.
func (s *Store) SetTimeZone(ctx context.Context, userID int64, name string) error {
	if _, err := LoadZone(name); err != nil {
		return err
	}
	res := s.db.WithContext(ctx).Model(&User{}).Where("id = ?", userID).
		Updates(map[string]any{"time_zone": name, "updated_at": s.Now()})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return nil
}

// The answers to dictation through the browser's cloud speech service,
// where audio leaves the user's machine (on-device dictation never asks).
const (
	CloudDictationAsk   = ""      // not answered yet: ask before the first use
	CloudDictationAllow = "allow" // use it without asking
	CloudDictationDeny  = "deny"  // never use it; type, or dictate on the device
)

// ErrBadCloudDictation is returned for a cloud-dictation answer that is
// none of CloudDictationAsk, CloudDictationAllow and CloudDictationDeny.
var ErrBadCloudDictation = errors.New("store: unknown cloud-dictation answer")

// ValidCloudDictation reports whether v is one of the cloud-dictation
// answers.
func ValidCloudDictation(v string) bool {
	return v == CloudDictationAsk || v == CloudDictationAllow || v == CloudDictationDeny
}

// SetCloudDictation stores the user's answer to cloud dictation.
func (s *Store) SetCloudDictation(ctx context.Context, userID int64, v string) error {
	return s.SaveSettings(ctx, userID, Settings{CloudDictation: &v})
}

// Settings are what the settings page changes; a nil field stays as it is.
type Settings struct {
	TimeZone       *string // an IANA name that LoadZone accepts
	CloudDictation *string // see ValidCloudDictation
}

// SaveSettings checks every given setting and stores them together, or
// none: ErrBadTimeZone or ErrBadCloudDictation for a value it refuses.
func (s *Store) SaveSettings(ctx context.Context, userID int64, set Settings) error {
	cols := map[string]any{"updated_at": s.Now()}
	if set.TimeZone != nil {
		if _, err := LoadZone(*set.TimeZone); err != nil {
			return err
		}
		cols["time_zone"] = *set.TimeZone
	}
	if set.CloudDictation != nil {
		if !ValidCloudDictation(*set.CloudDictation) {
			return ErrBadCloudDictation
		}
		cols["cloud_dictation"] = *set.CloudDictation
	}
	return touched(s.db.WithContext(ctx).Model(&User{}).Where("id = ?", userID).Updates(cols))
}

// NormaliseEmail lowercases and trims an email so lookups match.
func NormaliseEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// CreateUser inserts u; the email must be new.
func (s *Store) CreateUser(ctx context.Context, u *User) error {
	u.Email = NormaliseEmail(u.Email)
	now := s.Now()
	u.CreatedAt, u.UpdatedAt = now, now
	err := s.write(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&User{}).Where("email = ?", u.Email).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return ErrEmailTaken
		}
		return tx.Create(u).Error
	})
	if err != nil && isUniqueViolation(err) {
		return ErrEmailTaken
	}
	return err
}

// UserByID returns the user with id.
func (s *Store) UserByID(ctx context.Context, id int64) (*User, error) {
	var u User
	err := s.db.WithContext(ctx).Where("id = ?", id).Take(&u).Error
	return &u, notFound(err)
}

// UserByEmail returns the user with email.
func (s *Store) UserByEmail(ctx context.Context, email string) (*User, error) {
	var u User
	err := s.db.WithContext(ctx).Where("email = ?", NormaliseEmail(email)).Take(&u).Error
	return &u, notFound(err)
}

// DeleteUser removes the user and, through foreign keys and explicit
// deletes, every row of theirs, including their sessions.
func (s *Store) DeleteUser(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		// Lock the user row first, as every save for the user does
		// (lockUser): a save running meanwhile then waits for the deletion
		// and fails on the missing user, instead of the two deadlocking on
		// each other's rows.
		if err := s.lockUser(tx, id); err != nil {
			return err
		}
		// A coach's feedback goes with their account: the cells it rated
		// in other coaches' sets lose that rating. (Their own sets'
		// cells, and a candidate's, go with the memberships.)
		if err := tx.Exec(`UPDATE cohort_cells SET coach_overall = 0
			WHERE coach_overall > 0 AND latest_id IN (SELECT attempt_id FROM reviews WHERE coach_id = ?)`, id).Error; err != nil {
			return err
		}
		for _, table := range []string{"recordings", "cards", "attempts", "mock_sessions", "checklist_ticks"} {
			if err := tx.Exec("DELETE FROM "+table+" WHERE user_id = ?", id).Error; err != nil {
				return err
			}
		}
		res := tx.Exec("DELETE FROM users WHERE id = ?", id)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrNotFound
		}
		return nil
	})
}

func notFound(err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return ErrNotFound
	}
	return err
}

// touched returns the error of an update or delete, or ErrNotFound when it
// matched no row.
func touched(res *gorm.DB) error {
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return nil
}

func isUniqueViolation(err error) bool {
	msg := strings.ToLower(err.Error())
	return strings.Contains(msg, "unique") || strings.Contains(msg, "duplicate key")
}
