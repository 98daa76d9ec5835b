package web

import (
	"errors"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/library"
	"github.com/aeprep/aeprep/internal/markdown"
	"github.com/aeprep/aeprep/internal/store"
)

// customCategory is the category shown for a coach's own questions.
const customCategory = "custom"

// findQuestion returns a bank question, or a coach's custom question that
// the signed-in user may see (its coach or a member of its set). Anything
// else is a 404.
func (s *Server) findQuestion(c echo.Context, id string) (*library.Question, error) {
	if q, ok := s.lib.Question(id); ok {
		return q, nil
	}
	u := userOf(c)
	if u == nil || !strings.HasPrefix(id, store.CustomPrefix) {
		return nil, echo.ErrNotFound
	}
	it, set, err := s.store.CustomItem(c.Request().Context(), u.ID, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, echo.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return customQuestion(it, set), nil
}

// customQuestion presents a coach's question like a bank question.
func customQuestion(it *store.SetItem, set *store.Set) *library.Question {
	secs := it.Seconds
	if secs == 0 {
		secs = set.TimeLimit
	}
	if secs == 0 {
		secs = 120
	}
	title := plainTitle(it.Prompt)
	q := &library.Question{ID: it.QuestionID, Category: customCategory, Seconds: secs,
		Title: map[string]string{"ja": title, "en": title}, Sections: map[string][]library.Section{}}
	var secs2 []library.Section
	if strings.TrimSpace(it.Guidance) != "" {
		secs2 = append(secs2, library.Section{Key: "guidance", HTML: markdown.Render(it.Guidance)})
	}
	for _, l := range library.Langs {
		q.Sections[l] = secs2
	}
	return q
}

// plainTitle turns a Markdown prompt into a one-line plain-text title.
func plainTitle(src string) string {
	src = strings.Join(strings.Fields(src), " ")
	src = strings.NewReplacer("**", "", "__", "", "`", "", "# ", "", "> ", "").Replace(src)
	if r := []rune(src); len(r) > 300 {
		src = string(r[:300]) + "…"
	}
	return src
}

// questionOfAttempt finds the question an attempt answered, for its owner
// or for a coach reading it: custom questions are looked up directly, as
// the reader may be the coach or the candidate, and the caller has already
// checked that they may see the attempt (a candidate who left the coach
// keeps their own answers).
func (s *Server) questionOfAttempt(c echo.Context, a *store.Attempt) (*library.Question, error) {
	if q, ok := s.lib.Question(a.QuestionID); ok {
		return q, nil
	}
	it, set, err := s.store.CustomItemOfAttempt(c.Request().Context(), a.QuestionID)
	if err != nil {
		// The question left the bank, or its set was deleted, after the
		// attempt was saved.
		return nil, echo.ErrNotFound
	}
	return customQuestion(it, set), nil
}

// questionsByID resolves many question ids at once: bank questions from
// the library, custom ones in two queries whatever their number. Ids that
// resolve to nothing are left out.
func (s *Server) questionsByID(c echo.Context, ids []string) (map[string]*library.Question, error) {
	out := map[string]*library.Question{}
	var custom []string
	for _, id := range ids {
		if q, ok := s.lib.Question(id); ok {
			out[id] = q
		} else if strings.HasPrefix(id, store.CustomPrefix) {
			custom = append(custom, id)
		}
	}
	items, sets, err := s.store.CustomItems(c.Request().Context(), custom)
	if err != nil {
		return nil, err
	}
	for id, it := range items {
		set, ok := sets[it.SetID]
		if !ok {
			continue
		}
		it := it
		out[id] = customQuestion(&it, &set)
	}
	return out, nil
}
