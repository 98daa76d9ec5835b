package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// ErrTooMany is returned when an owner already has as many of a thing as
// the caller allows.
var ErrTooMany = errors.New("store: limit reached")

// PrepSheet is a candidate's preparation for one job application: the
// company and role, the posting as pasted, research notes and the culture.
type PrepSheet struct {
	ID          int64
	UserID      int64
	Company     string
	RoleTitle   string
	Posting     string
	Product     string
	Customers   string
	Competitors string
	News        string
	Culture     string // "casual", "formal" or "" (not known yet)
	// ShareDates lets the coaches of the sets the candidate joined see
	// the dates of this sheet's rounds.
	ShareDates bool
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// PrepRound is one interview round of a sheet. The wall time and zone are
// what the invitation said and what the candidate sees; StartsAt is the
// same instant in UTC, kept for ordering and for finding the next round.
type PrepRound struct {
	ID           int64
	SheetID      int64
	Position     int
	Name         string
	LocalDate    string // 2027-01-15
	LocalTime    string // 10:00
	TimeZone     string // IANA name
	Minutes      int
	Format       string // phone, video, in-person
	Link         string
	Address      string
	Interviewers string
	StartsAt     time.Time
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Start is the round's start in its own zone, from the wall time (so a
// change of the zone's rules after saving moves the instant, not the
// 10:00 the interviewer gave). A zone the server no longer knows falls
// back to the stored instant in UTC.
func (r PrepRound) Start() time.Time {
	loc, err := LoadZone(r.TimeZone)
	if err != nil || r.TimeZone == "" {
		return r.StartsAt.UTC()
	}
	t, err := time.ParseInLocation("2006-01-02 15:04", r.LocalDate+" "+r.LocalTime, loc)
	if err != nil {
		return r.StartsAt.In(loc)
	}
	return t
}

// End is the round's end in its own zone.
func (r PrepRound) End() time.Time { return r.Start().Add(time.Duration(r.Minutes) * time.Minute) }

// CreatePrepSheet stores a new sheet with its first rounds in one
// transaction, refusing it with ErrTooMany when the user already has
// maxSheets sheets.
func (s *Store) CreatePrepSheet(ctx context.Context, sh *PrepSheet, rounds []PrepRound, maxSheets int) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&PrepSheet{}).Where("user_id = ?", sh.UserID).Count(&n).Error; err != nil {
			return err
		}
		if n >= int64(maxSheets) {
			return ErrTooMany
		}
		if err := tx.Create(sh).Error; err != nil {
			return err
		}
		for i := range rounds {
			rounds[i].SheetID = sh.ID
			rounds[i].Position = i + 1
			rounds[i].StartsAt = rounds[i].StartsAt.UTC()
			if err := tx.Create(&rounds[i]).Error; err != nil {
				return err
			}
		}
		return nil
	})
}

// PrepSheet returns one of the user's sheets; anyone else's is ErrNotFound.
func (s *Store) PrepSheet(ctx context.Context, userID, id int64) (*PrepSheet, error) {
	var sh PrepSheet
	err := s.db.WithContext(ctx).Where("id = ? AND user_id = ?", id, userID).Take(&sh).Error
	return &sh, notFound(err)
}

// PrepSheets lists the user's sheets, most recently changed first.
func (s *Store) PrepSheets(ctx context.Context, userID int64) ([]PrepSheet, error) {
	var out []PrepSheet
	err := s.db.WithContext(ctx).Where("user_id = ?", userID).Order("updated_at DESC, id DESC").Find(&out).Error
	return out, err
}

// UpdatePrepSheet saves a sheet's own fields (not its rounds); a sheet of
// another user is ErrNotFound.
func (s *Store) UpdatePrepSheet(ctx context.Context, sh *PrepSheet) error {
	sh.UpdatedAt = s.Now()
	return s.write(ctx, func(tx *gorm.DB) error {
		return touched(tx.Model(&PrepSheet{}).Where("id = ? AND user_id = ?", sh.ID, sh.UserID).Updates(map[string]any{
			"company": sh.Company, "role_title": sh.RoleTitle, "posting": sh.Posting, "product": sh.Product,
			"customers": sh.Customers, "competitors": sh.Competitors, "news": sh.News, "culture": sh.Culture,
			"share_dates": sh.ShareDates, "updated_at": sh.UpdatedAt,
		}))
	})
}

// DeletePrepSheet deletes one of the user's sheets and its rounds.
func (s *Store) DeletePrepSheet(ctx context.Context, userID, id int64) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		// Rounds first: the cascade would do it, but not every
		// connection has foreign keys switched on.
		if err := tx.Exec(`DELETE FROM prep_rounds WHERE sheet_id IN (SELECT id FROM prep_sheets WHERE id = ? AND user_id = ?)`, id, userID).Error; err != nil {
			return err
		}
		return touched(tx.Where("id = ? AND user_id = ?", id, userID).Delete(&PrepSheet{}))
	})
}

// PrepRounds lists the rounds of one of the user's sheets, earliest first.
func (s *Store) PrepRounds(ctx context.Context, userID, sheetID int64) ([]PrepRound, error) {
	var out []PrepRound
	err := s.db.WithContext(ctx).Where("sheet_id = ? AND sheet_id IN (SELECT id FROM prep_sheets WHERE user_id = ?)", sheetID, userID).
		Order("starts_at, position, id").Find(&out).Error
	return out, err
}

// UserPrepRounds lists every round of the user's sheets, earliest first.
func (s *Store) UserPrepRounds(ctx context.Context, userID int64) ([]PrepRound, error) {
	var out []PrepRound
	err := s.db.WithContext(ctx).Where("sheet_id IN (SELECT id FROM prep_sheets WHERE user_id = ?)", userID).
		Order("starts_at, position, id").Find(&out).Error
	return out, err
}

// PrepRound returns a round of one of the user's sheets.
func (s *Store) PrepRound(ctx context.Context, userID, sheetID, roundID int64) (*PrepRound, error) {
	var r PrepRound
	err := s.db.WithContext(ctx).Where("id = ? AND sheet_id = ? AND sheet_id IN (SELECT id FROM prep_sheets WHERE user_id = ?)",
		roundID, sheetID, userID).Take(&r).Error
	return &r, notFound(err)
}

// AddPrepRound adds a round at the end of one of the user's sheets (at
// most maxRounds) and marks the sheet changed, in one transaction.
func (s *Store) AddPrepRound(ctx context.Context, userID int64, r *PrepRound, maxRounds int) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		if err := ownSheet(tx, userID, r.SheetID, s.Now()); err != nil {
			return err
		}
		var last struct{ N, Top int }
		if err := tx.Model(&PrepRound{}).Select("COUNT(*) AS n, COALESCE(MAX(position), 0) AS top").
			Where("sheet_id = ?", r.SheetID).Scan(&last).Error; err != nil {
			return err
		}
		if last.N >= maxRounds {
			return ErrTooMany
		}
		r.Position = last.Top + 1
		r.StartsAt = r.StartsAt.UTC()
		return tx.Create(r).Error
	})
}

// UpdatePrepRound saves a round of one of the user's sheets.
func (s *Store) UpdatePrepRound(ctx context.Context, userID int64, r *PrepRound) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		if err := ownSheet(tx, userID, r.SheetID, s.Now()); err != nil {
			return err
		}
		return touched(tx.Model(&PrepRound{}).Where("id = ? AND sheet_id = ?", r.ID, r.SheetID).Updates(map[string]any{
			"name": r.Name, "local_date": r.LocalDate, "local_time": r.LocalTime, "time_zone": r.TimeZone,
			"minutes": r.Minutes, "format": r.Format, "link": r.Link, "address": r.Address,
			"interviewers": r.Interviewers, "starts_at": r.StartsAt.UTC(), "updated_at": s.Now(),
		}))
	})
}

// DeletePrepRound deletes a round of one of the user's sheets.
func (s *Store) DeletePrepRound(ctx context.Context, userID, sheetID, roundID int64) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		if err := ownSheet(tx, userID, sheetID, s.Now()); err != nil {
			return err
		}
		return touched(tx.Where("id = ? AND sheet_id = ?", roundID, sheetID).Delete(&PrepRound{}))
	})
}

// ownSheet checks inside a write that the sheet is the user's, and marks
// it changed.
func ownSheet(tx *gorm.DB, userID, sheetID int64, now time.Time) error {
	return touched(tx.Model(&PrepSheet{}).Where("id = ? AND user_id = ?", sheetID, userID).Update("updated_at", now))
}

// UpcomingRound is a round still to come, with its sheet's company and role.
type UpcomingRound struct {
	PrepRound
	Company   string
	RoleTitle string
	UserID    int64
	// DisplayName is the candidate's, for a coach's list.
	DisplayName string
}

// NextPrepRound returns the user's first round starting after now, or
// ErrNotFound.
func (s *Store) NextPrepRound(ctx context.Context, userID int64, now time.Time) (*UpcomingRound, error) {
	var out []UpcomingRound
	err := s.db.WithContext(ctx).Raw(`SELECT r.*, ps.company, ps.role_title, ps.user_id FROM prep_rounds r
		JOIN prep_sheets ps ON ps.id = r.sheet_id
		WHERE ps.user_id = ? AND r.starts_at > ? ORDER BY r.starts_at, r.id LIMIT 1`, userID, now.UTC()).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: next round: %w", err)
	}
	if len(out) == 0 {
		return nil, ErrNotFound
	}
	return &out[0], nil
}

// SharedUpcomingRounds lists the rounds after now that candidates share
// with the coach: rounds of sheets marked ShareDates, of candidates who
// are members of one of the coach's sets; candidateID 0 means every such
// candidate. Earliest first, at most limit.
func (s *Store) SharedUpcomingRounds(ctx context.Context, coachID, candidateID int64, now time.Time, limit int) ([]UpcomingRound, error) {
	var out []UpcomingRound
	err := s.db.WithContext(ctx).Raw(`SELECT r.*, ps.company, ps.role_title, ps.user_id, u.display_name FROM prep_rounds r
		JOIN prep_sheets ps ON ps.id = r.sheet_id JOIN users u ON u.id = ps.user_id
		WHERE ps.share_dates = ? AND r.starts_at > ? AND (? = 0 OR ps.user_id = ?)
		  AND EXISTS (SELECT 1 FROM memberships m JOIN coach_sets cs ON cs.id = m.set_id
		              WHERE cs.coach_id = ? AND m.candidate_id = ps.user_id)
		ORDER BY r.starts_at, r.id LIMIT ?`, true, now.UTC(), candidateID, candidateID, coachID, limit).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: shared rounds: %w", err)
	}
	return out, nil
}
