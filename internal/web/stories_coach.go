package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/store"
)

// Coaches and the story bank: a coach reads, and comments on, the stories
// the members of their sets chose to share, and sees their coverage on the
// candidate's page. An unshared story, or one of someone outside the
// coach's sets, is a 404.

// candidateStories is the story part of a coach's page about a candidate.
type candidateStories struct {
	Stories  []store.Story
	Coverage coverageView
}

// candidateStoriesFor lists what the candidate shares with the signed-in
// coach, with its coverage.
func (s *Server) candidateStoriesFor(c echo.Context, p *Page, candidateID int64) (candidateStories, error) {
	ctx := c.Request().Context()
	list, err := s.store.SharedStories(ctx, userOf(c).ID, candidateID)
	if err != nil {
		return candidateStories{}, err
	}
	// Over-use counts only attempts that told a shared story.
	uses, err := s.store.StoryUses(ctx, candidateID)
	if err != nil {
		return candidateStories{}, err
	}
	return candidateStories{Stories: list, Coverage: s.coverage(p, list, uses, false, "ccov")}, nil
}

// sharedStoryParam loads a story the signed-in coach may read.
func (s *Server) sharedStoryParam(c echo.Context) (*store.Story, error) {
	return owned(c, "id", s.store.SharedStory)
}

func (s *Server) coachStory(c echo.Context) error {
	st, err := s.sharedStoryParam(c)
	if err != nil {
		return err
	}
	return s.renderCoachStory(c, http.StatusOK, st, &form{Values: map[string]string{}, Errors: map[string]string{}, lang: langOf(c)})
}

func (s *Server) renderCoachStory(c echo.Context, status int, st *store.Story, f *form) error {
	ctx := c.Request().Context()
	cs, err := s.store.StoryComments(ctx, st.UserID, st.ID)
	if err != nil {
		return err
	}
	owner, err := s.store.UserByID(ctx, st.UserID)
	if err != nil {
		return err
	}
	p := s.page(c, "")
	d := storyPageData{Story: st, Check: s.storyCheck(st, p.Lang), Comments: commentViews(cs), Comment: f,
		Candidate: owner, Errors: summarise(f, [][3]string{{"body", "comment-body", "stories.comment"}})}
	p.Title, p.Nav, p.Data = st.Title, "coach", d
	return s.render(c, status, "stories_coach", p)
}

func (s *Server) commentStory(c echo.Context) error {
	st, err := s.sharedStoryParam(c)
	if err != nil {
		return err
	}
	f := newForm(c, "body")
	body := f.text("body", true, maxLen("story.comment"))
	if !f.Valid() {
		return s.renderCoachStory(c, http.StatusUnprocessableEntity, st, f)
	}
	if _, err := s.store.AddStoryComment(c.Request().Context(), userOf(c).ID, st.ID, body); errors.Is(err, store.ErrNotFound) {
		// Unshared between the page and the post.
		return echo.ErrNotFound
	} else if err != nil {
		return err
	}
	s.flash(c, "stories.flash.commented")
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/coach/stories/%d#comments", st.ID))
}
