package web

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/markdown"
	"github.com/aeprep/aeprep/internal/store"
)

// The story bank (/stories): a candidate writes each story once, in STAR
// parts with its figures, the skills it shows and the kinds of question it
// fits; the analyser checks it as it checks a story answer.

// storyFields are the text fields of the story form, in page order.
var storyFields = []string{"title", "situation", "task", "action", "result", "figures"}

// storyRequired says which of storyFields must be filled in. The task is
// often told with the situation, so it may stay empty.
var storyRequired = map[string]bool{"title": true, "situation": true, "action": true, "result": true}

// storyForm is the story form as typed: the text fields in the embedded
// form, the ticked skills and categories beside it.
type storyForm struct {
	*form
	Skills     map[string]bool
	Categories map[string]bool
}

// bindStory reads and checks the story form into a story without an
// owner or id. Unknown skills or categories (only a hand-made request
// sends them) are an error on their field, not dropped in silence.
func (s *Server) bindStory(c echo.Context) (*store.Story, *storyForm) {
	f := &storyForm{form: newForm(c, append(storyFields, "lang")...), Skills: map[string]bool{}, Categories: map[string]bool{}}
	st := &store.Story{}
	vals := map[string]*string{"title": &st.Title, "situation": &st.Situation, "task": &st.Task,
		"action": &st.Action, "result": &st.Result, "figures": &st.Figures}
	for _, name := range storyFields {
		*vals[name] = f.text(name, storyRequired[name], maxLen("story."+name))
	}
	params, _ := c.FormParams()
	st.Skills = s.pickIDs(f, "skills", params["skills"], f.Skills, func(id string) bool { _, ok := s.lib.Skill(id); return ok },
		len(s.lib.Skills))
	st.Categories = s.pickIDs(f, "categories", params["categories"], f.Categories, func(id string) bool { _, ok := s.lib.Category(id); return ok },
		maxCount("story.categories"))
	st.Lang = f.Values["lang"]
	if !i18n.Supported(st.Lang) {
		f.fail("lang", "form.err.choice")
	}
	return st, f
}

// pickIDs checks a list of ticked taxonomy ids: at least one, each known,
// no more than max; picked records what was ticked, to tick it again.
func (s *Server) pickIDs(f *storyForm, name string, ids []string, picked map[string]bool, known func(string) bool, max int) store.IDList {
	var out store.IDList
	for _, id := range ids {
		if picked[id] {
			continue
		}
		if !known(id) {
			f.fail(name, "stories.err."+name+".unknown")
			continue
		}
		picked[id] = true
		out = append(out, id)
	}
	switch {
	case len(out) == 0:
		f.fail(name, "stories.err."+name+".none")
	case len(out) > max:
		f.fail(name, "stories.err."+name+".toomany")
	}
	return out
}

// storyFormOf fills the form from a saved story, for editing.
func storyFormOf(c echo.Context, st *store.Story) *storyForm {
	f := &storyForm{form: &form{Values: map[string]string{"title": st.Title, "situation": st.Situation, "task": st.Task,
		"action": st.Action, "result": st.Result, "figures": st.Figures, "lang": st.Lang}, Errors: map[string]string{}, lang: langOf(c)},
		Skills: map[string]bool{}, Categories: map[string]bool{}}
	for _, id := range st.Skills {
		f.Skills[id] = true
	}
	for _, id := range st.Categories {
		f.Categories[id] = true
	}
	return f
}

// storyErrors is the error summary of the story form.
func storyErrors(f *storyForm) []errorLink {
	if f.Valid() {
		return nil
	}
	var fields [][3]string
	for _, name := range storyFields {
		fields = append(fields, [3]string{name, "story-" + name, "stories.f." + name})
	}
	fields = append(fields, [3]string{"skills", "skills-first", "stories.f.skills"},
		[3]string{"categories", "categories-first", "stories.f.categories"}, [3]string{"lang", "story-lang", "stories.f.lang"})
	return summarise(f.form, fields)
}

// storyParam loads the signed-in user's story named in the URL; any other
// id, another user's included, is a 404.
func (s *Server) storyParam(c echo.Context) (*store.Story, error) {
	return owned(c, "id", s.store.Story)
}

type storyListData struct {
	Stories  []store.Story
	Shared   int
	Coaches  bool // the user is in at least one coach's set
	Limit    int
	Uses     map[int64]int // attempts that used each story
	Overused map[int64]bool
}

func (s *Server) storiesList(c echo.Context) error {
	u := userOf(c)
	ctx := c.Request().Context()
	list, err := s.store.Stories(ctx, u.ID)
	if err != nil {
		return err
	}
	sets, err := s.store.CandidateSets(ctx, u.ID)
	if err != nil {
		return err
	}
	uses, err := s.store.StoryUses(ctx, u.ID)
	if err != nil {
		return err
	}
	d := storyListData{Stories: list, Coaches: len(sets) > 0, Limit: maxCount("story.per_user"), Uses: map[int64]int{}, Overused: map[int64]bool{}}
	for _, st := range list {
		if st.Shared {
			d.Shared++
		}
	}
	for _, us := range uses {
		d.Uses[us.StoryID]++
	}
	for _, o := range s.overused(uses) {
		d.Overused[o.id] = true
	}
	p := s.page(c, "")
	p.Title, p.Nav, p.Data = p.T("stories.title"), "stories", d
	return s.render(c, http.StatusOK, "stories_list", p)
}

type storyFormData struct {
	Form   *storyForm
	Story  *store.Story // nil for a new story
	Errors []errorLink
	Action string
	// MaxCategories is how many categories one story may claim.
	MaxCategories int
}

func (s *Server) renderStoryForm(c echo.Context, status int, st *store.Story, f *storyForm) error {
	p := s.page(c, "")
	d := storyFormData{Form: f, Story: st, Errors: storyErrors(f), Action: "/stories", MaxCategories: maxCount("story.categories")}
	p.Title = p.T("stories.new")
	if st != nil {
		p.Title, d.Action = p.T("stories.edit.title", st.Title), fmt.Sprintf("/stories/%d", st.ID)
	}
	p.Nav, p.Data = "stories", d
	return s.render(c, status, "stories_form", p)
}

func (s *Server) newStoryForm(c echo.Context) error {
	f := &storyForm{form: &form{Values: map[string]string{"lang": langOf(c)}, Errors: map[string]string{}, lang: langOf(c)},
		Skills: map[string]bool{}, Categories: map[string]bool{}}
	// A link from a coverage gap ticks the category or skill it was about.
	if id := c.QueryParam("category"); id != "" {
		if _, ok := s.lib.Category(id); ok {
			f.Categories[id] = true
		}
	}
	if id := c.QueryParam("skill"); id != "" {
		if _, ok := s.lib.Skill(id); ok {
			f.Skills[id] = true
		}
	}
	return s.renderStoryForm(c, http.StatusOK, nil, f)
}

func (s *Server) createStory(c echo.Context) error {
	st, f := s.bindStory(c)
	if !f.Valid() {
		return s.renderStoryForm(c, http.StatusUnprocessableEntity, nil, f)
	}
	st.UserID = userOf(c).ID
	err := s.store.CreateStory(c.Request().Context(), st, maxCount("story.per_user"))
	if errors.Is(err, store.ErrTooMany) {
		f.fail("title", "stories.err.toomany")
		return s.renderStoryForm(c, http.StatusUnprocessableEntity, nil, f)
	}
	if err != nil {
		return err
	}
	s.flash(c, "stories.flash.saved")
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/stories/%d", st.ID))
}

func (s *Server) editStoryForm(c echo.Context) error {
	st, err := s.storyParam(c)
	if err != nil {
		return err
	}
	return s.renderStoryForm(c, http.StatusOK, st, storyFormOf(c, st))
}

func (s *Server) updateStory(c echo.Context) error {
	old, err := s.storyParam(c)
	if err != nil {
		return err
	}
	st, f := s.bindStory(c)
	if !f.Valid() {
		return s.renderStoryForm(c, http.StatusUnprocessableEntity, old, f)
	}
	st.ID, st.UserID = old.ID, old.UserID
	if err := s.store.UpdateStory(c.Request().Context(), st); errors.Is(err, store.ErrNotFound) {
		return echo.ErrNotFound
	} else if err != nil {
		return err
	}
	s.flash(c, "stories.flash.saved")
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/stories/%d", st.ID))
}

// commentView is a coach's comment as a page shows it.
type commentView struct {
	store.StoryComment
	HTML template.HTML
}

func commentViews(cs []store.StoryComment) []commentView {
	out := make([]commentView, len(cs))
	for i, cm := range cs {
		out[i] = commentView{StoryComment: cm, HTML: markdown.Render(cm.Body)}
	}
	return out
}

type storyPageData struct {
	Story    *store.Story
	Check    insightView
	Comments []commentView
	Uses     int
	Overused *overuseView
	Coaches  bool
	// On the coach's page: the comment form, its errors, the story's owner.
	Comment   *form
	Errors    []errorLink
	Candidate *store.User
}

func (s *Server) storyPage(c echo.Context) error {
	st, err := s.storyParam(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	cs, err := s.store.StoryComments(ctx, st.UserID, st.ID)
	if err != nil {
		return err
	}
	uses, err := s.store.StoryUses(ctx, st.UserID)
	if err != nil {
		return err
	}
	sets, err := s.store.CandidateSets(ctx, st.UserID)
	if err != nil {
		return err
	}
	d := storyPageData{Story: st, Check: s.storyCheck(st, langOf(c)), Comments: commentViews(cs), Coaches: len(sets) > 0}
	for _, us := range uses {
		if us.StoryID == st.ID {
			d.Uses++
		}
	}
	p := s.page(c, "")
	for _, o := range s.overused(uses) {
		if o.id == st.ID {
			v := s.overuseView(p, o, map[int64]string{st.ID: st.Title})
			d.Overused = &v
		}
	}
	p.Title, p.Nav, p.Data = st.Title, "stories", d
	return s.render(c, http.StatusOK, "stories_show", p)
}

func (s *Server) confirmDeleteStory(c echo.Context) error {
	st, err := s.storyParam(c)
	if err != nil {
		return err
	}
	uses, err := s.store.StoryUses(c.Request().Context(), st.UserID)
	if err != nil {
		return err
	}
	n := 0
	for _, us := range uses {
		if us.StoryID == st.ID {
			n++
		}
	}
	p := s.page(c, "")
	p.Title, p.Nav, p.Data = p.T("stories.delete.title", st.Title), "stories", storyPageData{Story: st, Uses: n}
	return s.render(c, http.StatusOK, "stories_delete", p)
}

func (s *Server) deleteStory(c echo.Context) error {
	st, err := s.storyParam(c)
	if err != nil {
		return err
	}
	if err := s.store.DeleteStory(c.Request().Context(), st.UserID, st.ID); errors.Is(err, store.ErrNotFound) {
		return echo.ErrNotFound
	} else if err != nil {
		return err
	}
	s.flash(c, "stories.flash.deleted")
	return c.Redirect(http.StatusSeeOther, "/stories")
}

// shareStory shares one story with the user's coaches (shared=1) or stops.
func (s *Server) shareStory(c echo.Context) error {
	st, err := s.storyParam(c)
	if err != nil {
		return err
	}
	on := c.FormValue("shared") == "1"
	if err := s.store.ShareStory(c.Request().Context(), st.UserID, st.ID, on); err != nil {
		return err
	}
	s.flash(c, map[bool]string{true: "stories.flash.shared", false: "stories.flash.unshared"}[on])
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/stories/%d#sharing", st.ID))
}

// shareAllStories shares every story of the user (shared=1) or none.
func (s *Server) shareAllStories(c echo.Context) error {
	on := c.FormValue("shared") == "1"
	if _, err := s.store.ShareAllStories(c.Request().Context(), userOf(c).ID, on); err != nil {
		return err
	}
	s.flash(c, map[bool]string{true: "stories.flash.sharedall", false: "stories.flash.unsharedall"}[on])
	return c.Redirect(http.StatusSeeOther, "/stories")
}
