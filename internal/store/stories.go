package store

import (
	"context"
	"database/sql/driver"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// IDList is a list of taxonomy ids kept in one comma-separated column.
type IDList []string

// Value stores the list as "a,b,c".
func (l IDList) Value() (driver.Value, error) { return strings.Join(l, ","), nil }

// Scan reads "a,b,c" back.
func (l *IDList) Scan(v any) error {
	var s string
	switch x := v.(type) {
	case nil:
	case string:
		s = x
	case []byte:
		s = string(x)
	default:
		return fmt.Errorf("store: IDList from %T", v)
	}
	*l = nil
	for _, id := range strings.Split(s, ",") {
		if id != "" {
			*l = append(*l, id)
		}
	}
	return nil
}

// Story is one of a candidate's stories for interview answers.
type Story struct {
	ID         int64
	UserID     int64
	Title      string
	Situation  string
	Task       string
	Action     string
	Result     string
	Figures    string
	Skills     IDList // skill ids of the taxonomy
	Categories IDList // question category ids
	Lang       string
	Shared     bool // the coaches of the sets the owner joined may read it
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// StoryComment is a coach's comment on a shared story.
type StoryComment struct {
	ID        int64
	StoryID   int64
	CoachID   int64
	Body      string
	CreatedAt time.Time
	CoachName string `gorm:"->;-:migration"` // read with the comment
}

// StoryUse is one attempt that used a story.
type StoryUse struct {
	StoryID    int64
	QuestionID string
}

// CreateStory stores a new story for st.UserID, unless they already have
// max stories (ErrTooMany).
func (s *Store) CreateStory(ctx context.Context, st *Story, max int) error {
	now := s.Now()
	st.ID, st.CreatedAt, st.UpdatedAt = 0, now, now
	return s.write(ctx, func(tx *gorm.DB) error {
		if err := s.lockUser(tx, st.UserID); err != nil {
			return err
		}
		var n int64
		if err := tx.Model(&Story{}).Where("user_id = ?", st.UserID).Count(&n).Error; err != nil {
			return err
		}
		if n >= int64(max) {
			return ErrTooMany
		}
		return tx.Create(st).Error
	})
}

// Story returns the user's story with id; another user's is ErrNotFound.
func (s *Store) Story(ctx context.Context, userID, id int64) (*Story, error) {
	var st Story
	err := s.db.WithContext(ctx).Where("id = ? AND user_id = ?", id, userID).Take(&st).Error
	return &st, notFound(err)
}

// Stories lists the user's stories, most recently changed first.
func (s *Store) Stories(ctx context.Context, userID int64) ([]Story, error) {
	var out []Story
	err := s.db.WithContext(ctx).Where("user_id = ?", userID).Order("updated_at DESC, id DESC").Find(&out).Error
	return out, err
}

// UpdateStory saves the text, skills, categories and language of the
// user's story st.ID (its sharing is changed by ShareStory).
func (s *Store) UpdateStory(ctx context.Context, st *Story) error {
	st.UpdatedAt = s.Now()
	res := s.db.WithContext(ctx).Model(&Story{}).Where("id = ? AND user_id = ?", st.ID, st.UserID).Updates(map[string]any{
		"title": st.Title, "situation": st.Situation, "task": st.Task, "action": st.Action, "result": st.Result,
		"figures": st.Figures, "skills": st.Skills, "categories": st.Categories, "lang": st.Lang, "updated_at": st.UpdatedAt})
	return touched(res)
}

// DeleteStory removes the user's story and its comments; attempts that
// used it keep their answer and forget the story.
func (s *Store) DeleteStory(ctx context.Context, userID, id int64) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		return touched(tx.Where("id = ? AND user_id = ?", id, userID).Delete(&Story{}))
	})
}

// ShareStory shares the user's story with their coaches, or stops.
func (s *Store) ShareStory(ctx context.Context, userID, id int64, on bool) error {
	return touched(s.db.WithContext(ctx).Model(&Story{}).Where("id = ? AND user_id = ?", id, userID).
		Updates(map[string]any{"shared": on}))
}

// ShareAllStories shares every story of the user, or none; it returns
// how many stories changed.
func (s *Store) ShareAllStories(ctx context.Context, userID int64, on bool) (int64, error) {
	res := s.db.WithContext(ctx).Model(&Story{}).Where("user_id = ? AND shared <> ?", userID, on).
		Updates(map[string]any{"shared": on})
	return res.RowsAffected, res.Error
}

// StoryUses lists the user's attempts that used one of their stories.
func (s *Store) StoryUses(ctx context.Context, userID int64) ([]StoryUse, error) {
	var out []StoryUse
	err := s.db.WithContext(ctx).Model(&Attempt{}).Select("story_id, question_id").
		Where("user_id = ? AND story_id IS NOT NULL", userID).Order("created_at, id").Scan(&out).Error
	return out, err
}

// coachSees is the condition under which a coach may read story st: it is
// shared and its owner is a member of one of the coach's sets.
const coachSees = `st.shared = ? AND EXISTS (SELECT 1 FROM memberships m JOIN coach_sets cs ON cs.id = m.set_id
	WHERE cs.coach_id = ? AND m.candidate_id = st.user_id)`

// SharedStories lists the candidate's stories the coach may read, most
// recently changed first: none unless the candidate is in one of the
// coach's sets.
func (s *Store) SharedStories(ctx context.Context, coachID, candidateID int64) ([]Story, error) {
	var out []Story
	err := s.db.WithContext(ctx).Table("stories st").Select("st.*").
		Where("st.user_id = ? AND "+coachSees, candidateID, true, coachID).
		Order("st.updated_at DESC, st.id DESC").Find(&out).Error
	return out, err
}

// SharedStory returns a story the coach may read; any other is ErrNotFound.
func (s *Store) SharedStory(ctx context.Context, coachID, id int64) (*Story, error) {
	var st Story
	err := s.db.WithContext(ctx).Table("stories st").Select("st.*").
		Where("st.id = ? AND "+coachSees, id, true, coachID).Take(&st).Error
	return &st, notFound(err)
}

// AddStoryComment stores a coach's comment on a story they may read;
// any other story is ErrNotFound, and nothing is stored.
func (s *Store) AddStoryComment(ctx context.Context, coachID, storyID int64, body string) (*StoryComment, error) {
	c := &StoryComment{StoryID: storyID, CoachID: coachID, Body: body, CreatedAt: s.Now()}
	err := s.write(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Table("stories st").Where("st.id = ? AND "+coachSees, storyID, true, coachID).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return ErrNotFound
		}
		return tx.Omit("CoachName").Create(c).Error
	})
	return c, err
}

// StoryComments lists the comments on the owner's story, oldest first,
// with each coach's name.
func (s *Store) StoryComments(ctx context.Context, ownerID, storyID int64) ([]StoryComment, error) {
	return s.storyComments(ctx, "st.user_id = ? AND c.story_id = ?", ownerID, storyID)
}

// AllStoryComments lists the comments on every story of the owner (for
// export), by story, oldest first.
func (s *Store) AllStoryComments(ctx context.Context, ownerID int64) ([]StoryComment, error) {
	return s.storyComments(ctx, "st.user_id = ?", ownerID)
}

func (s *Store) storyComments(ctx context.Context, where string, args ...any) ([]StoryComment, error) {
	var out []StoryComment
	err := s.db.WithContext(ctx).Table("story_comments c").
		Select("c.id, c.story_id, c.coach_id, c.body, c.created_at, u.display_name AS coach_name").
		Joins("JOIN stories st ON st.id = c.story_id").Joins("JOIN users u ON u.id = c.coach_id").
		Where(where, args...).Order("c.story_id, c.created_at, c.id").Scan(&out).Error
	return out, err
}
