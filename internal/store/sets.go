package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Set is a coach's question set.
type Set struct {
	ID          int64
	CoachID     int64
	Title       string
	Description string // Markdown, sanitised when rendered
	Lang        string
	TimeLimit   int // seconds per question; 0 = each question's own
	DueAt       *time.Time
	ArchivedAt  *time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// TableName maps Set to coach_sets.
func (Set) TableName() string { return "coach_sets" }

// SetItem is one question of a set: a bank question, or a custom question
// written by the coach (Prompt set), whose QuestionID is "custom-<id>".
type SetItem struct {
	ID         int64
	SetID      int64
	Position   int
	QuestionID string
	Prompt     string // custom questions only (Markdown)
	Guidance   string // custom questions only (Markdown)
	Seconds    int
}

// IsCustom reports whether the coach wrote this question.
func (it SetItem) IsCustom() bool { return it.Prompt != "" }

// CustomPrefix starts the question id of a coach's custom question.
const CustomPrefix = "custom-"

// CreateSet stores a set with its first items.
func (s *Store) CreateSet(ctx context.Context, set *Set, items []SetItem) error {
	now := s.Now()
	set.CreatedAt, set.UpdatedAt = now, now
	return s.write(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(set).Error; err != nil {
			return err
		}
		for i := range items {
			items[i].SetID = set.ID
			items[i].Position = i + 1
			if err := createItem(tx, &items[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

func createItem(tx *gorm.DB, it *SetItem) error {
	custom := it.IsCustom()
	if custom {
		it.QuestionID = ""
	}
	if err := tx.Create(it).Error; err != nil {
		return err
	}
	if custom {
		it.QuestionID = fmt.Sprintf("%s%d", CustomPrefix, it.ID)
		return tx.Model(it).Update("question_id", it.QuestionID).Error
	}
	return nil
}

// CoachSets lists a coach's sets, newest first; archived ones only when asked.
func (s *Store) CoachSets(ctx context.Context, coachID int64, archived bool) ([]Set, error) {
	var out []Set
	q := s.db.WithContext(ctx).Where("coach_id = ?", coachID)
	if archived {
		q = q.Where("archived_at IS NOT NULL")
	} else {
		q = q.Where("archived_at IS NULL")
	}
	err := q.Order("created_at DESC, id DESC").Find(&out).Error
	return out, err
}

// CoachSet returns the coach's set; another coach's set is ErrNotFound.
func (s *Store) CoachSet(ctx context.Context, coachID, setID int64) (*Set, error) {
	var set Set
	err := s.db.WithContext(ctx).Where("id = ? AND coach_id = ?", setID, coachID).Take(&set).Error
	return &set, notFound(err)
}

// SetByID returns a set whoever owns it (for candidates' views).
func (s *Store) SetByID(ctx context.Context, setID int64) (*Set, error) {
	var set Set
	err := s.db.WithContext(ctx).Where("id = ?", setID).Take(&set).Error
	return &set, notFound(err)
}

// SetItems lists a set's questions in order.
func (s *Store) SetItems(ctx context.Context, setID int64) ([]SetItem, error) {
	var out []SetItem
	err := s.db.WithContext(ctx).Where("set_id = ?", setID).Order("position, id").Find(&out).Error
	return out, err
}

// UpdateSet saves a set's own fields.
func (s *Store) UpdateSet(ctx context.Context, set *Set) error {
	set.UpdatedAt = s.Now()
	return s.db.WithContext(ctx).Model(set).Select("title", "description", "lang", "time_limit", "due_at", "updated_at").Updates(set).Error
}

// Errors of adding a question to a set.
var (
	ErrSetFull    = errors.New("store: the set has as many questions as it may")
	ErrItemExists = errors.New("store: the question is in the set already")
)

// AddItem appends a question to the end of a set that has fewer than
// limit questions (else ErrSetFull); a bank question the set holds already
// is ErrItemExists. Both checks run inside the write, so concurrent adds
// can neither pass the limit nor add a question twice.
func (s *Store) AddItem(ctx context.Context, setID int64, it *SetItem, limit int) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		// Adds to one set queue here (with joins and removals).
		if err := s.lockSetTx(tx, setID); err != nil {
			return err
		}
		var items []SetItem
		if err := tx.Select("question_id", "position").Where("set_id = ?", setID).Find(&items).Error; err != nil {
			return err
		}
		it.SetID = setID
		it.Position = 1
		for _, x := range items {
			if !it.IsCustom() && x.QuestionID == it.QuestionID {
				return ErrItemExists
			}
			it.Position = max(it.Position, x.Position+1)
		}
		if len(items) >= limit {
			return ErrSetFull
		}
		if err := createItem(tx, it); err != nil {
			return err
		}
		// The members' answers to it since joining become cells.
		if err := s.lockMembersTx(tx, setID); err != nil {
			return err
		}
		return refreshCellsTx(tx, cellScope{setID: setID, item: it.QuestionID})
	})
}

// CountItems returns how many questions a set has.
func (s *Store) CountItems(ctx context.Context, setID int64) (int, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&SetItem{}).Where("set_id = ?", setID).Count(&n).Error
	return int(n), err
}

// MoveItem swaps an item with its neighbour above (up) or below.
func (s *Store) MoveItem(ctx context.Context, setID, itemID int64, up bool) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		var items []SetItem
		if err := tx.Where("set_id = ?", setID).Order("position, id").Find(&items).Error; err != nil {
			return err
		}
		i := -1
		for k, it := range items {
			if it.ID == itemID {
				i = k
			}
		}
		if i < 0 {
			return ErrNotFound
		}
		j := i + 1
		if up {
			j = i - 1
		}
		if j < 0 || j >= len(items) {
			return nil
		}
		items[i], items[j] = items[j], items[i]
		for k := range items {
			if err := tx.Model(&SetItem{}).Where("id = ?", items[k].ID).Update("position", k+1).Error; err != nil {
				return err
			}
		}
		return nil
	})
}

// DeleteItem removes a question from a set, and its cohort cells.
func (s *Store) DeleteItem(ctx context.Context, setID, itemID int64) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		if err := s.lockSetTx(tx, setID); err != nil {
			return err
		}
		var it SetItem
		if err := tx.Where("id = ? AND set_id = ?", itemID, setID).Take(&it).Error; err != nil {
			return notFound(err)
		}
		if err := tx.Delete(&SetItem{}, it.ID).Error; err != nil {
			return err
		}
		if err := s.lockMembersTx(tx, setID); err != nil {
			return err
		}
		return refreshCellsTx(tx, cellScope{setID: setID, item: it.QuestionID})
	})
}

// DuplicateSet copies a coach's set and its questions (not its invites or
// candidates) as a new set.
func (s *Store) DuplicateSet(ctx context.Context, coachID, setID int64, title string) (*Set, error) {
	src, err := s.CoachSet(ctx, coachID, setID)
	if err != nil {
		return nil, err
	}
	items, err := s.SetItems(ctx, setID)
	if err != nil {
		return nil, err
	}
	cp := *src
	cp.ID, cp.Title, cp.ArchivedAt = 0, title, nil
	for i := range items {
		items[i].ID = 0
	}
	if err := s.CreateSet(ctx, &cp, items); err != nil {
		return nil, err
	}
	return &cp, nil
}

// ArchiveSet archives or restores a coach's set.
func (s *Store) ArchiveSet(ctx context.Context, coachID, setID int64, archive bool) error {
	var at *time.Time
	if archive {
		now := s.Now()
		at = &now
	}
	return touched(s.db.WithContext(ctx).Model(&Set{}).Where("id = ? AND coach_id = ?", setID, coachID).
		Updates(map[string]any{"archived_at": at, "updated_at": s.Now()}))
}

// CustomItem returns the custom question with id "custom-<n>" if the user
// may see it: its set's coach, or a member of its set.
func (s *Store) CustomItem(ctx context.Context, userID int64, questionID string) (*SetItem, *Set, error) {
	it, set, err := s.CustomItemOfAttempt(ctx, questionID)
	if err != nil {
		return nil, nil, err
	}
	if set.CoachID != userID {
		ok, err := s.IsMember(ctx, set.ID, userID)
		if err != nil {
			return nil, nil, err
		}
		if !ok {
			return nil, nil, ErrNotFound
		}
	}
	return it, set, nil
}

// CustomItemOfAttempt returns the custom question with id "custom-<n>"
// whoever asks. It is for showing an attempt the caller may already see
// (their own, or one shared with them): a candidate who left the coach
// still reads their own answers.
func (s *Store) CustomItemOfAttempt(ctx context.Context, questionID string) (*SetItem, *Set, error) {
	if !strings.HasPrefix(questionID, CustomPrefix) {
		return nil, nil, ErrNotFound
	}
	var it SetItem
	if err := s.db.WithContext(ctx).Where("question_id = ? AND prompt <> ''", questionID).Take(&it).Error; err != nil {
		return nil, nil, notFound(err)
	}
	set, err := s.SetByID(ctx, it.SetID)
	if err != nil {
		return nil, nil, err
	}
	return &it, set, nil
}

// CustomItems returns the custom questions with the given ids and their
// sets, in two queries, for pages that list many answers. It does not
// check who may see them: callers list only answers the reader may see.
func (s *Store) CustomItems(ctx context.Context, questionIDs []string) (map[string]SetItem, map[int64]Set, error) {
	var ids []string
	for _, q := range questionIDs {
		if strings.HasPrefix(q, CustomPrefix) {
			ids = append(ids, q)
		}
	}
	items := map[string]SetItem{}
	sets := map[int64]Set{}
	if len(ids) == 0 {
		return items, sets, nil
	}
	var rows []SetItem
	if err := s.db.WithContext(ctx).Where("question_id IN ? AND prompt <> ''", ids).Find(&rows).Error; err != nil {
		return nil, nil, err
	}
	setIDs := []int64{}
	for _, it := range rows {
		items[it.QuestionID] = it
		setIDs = append(setIDs, it.SetID)
	}
	if len(setIDs) > 0 {
		var ss []Set
		if err := s.db.WithContext(ctx).Where("id IN ?", setIDs).Find(&ss).Error; err != nil {
			return nil, nil, err
		}
		for _, x := range ss {
			sets[x.ID] = x
		}
	}
	return items, sets, nil
}

// SetTimeLimit returns the time limit a coach set for a question in one of
// the candidate's sets (the shortest, if several), or 0 when none did.
func (s *Store) SetTimeLimit(ctx context.Context, candidateID int64, questionID string) (int, error) {
	var n *int
	err := s.db.WithContext(ctx).Raw(`SELECT MIN(cs.time_limit) FROM memberships m
		JOIN coach_sets cs ON cs.id = m.set_id AND cs.archived_at IS NULL AND cs.time_limit > 0
		JOIN set_items si ON si.set_id = cs.id AND si.question_id = ?
		WHERE m.candidate_id = ?`, questionID, candidateID).Scan(&n).Error
	if err != nil || n == nil {
		return 0, err
	}
	return *n, nil
}
