package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/library"
	"github.com/aeprep/aeprep/internal/store"
)

// coachSetPart loads the signed-in coach's set named in the URL and the id
// of one of its parts (an item or an invite), the URL parameter part.
func (s *Server) coachSetPart(c echo.Context, part string) (*store.Set, int64, error) {
	set, err := s.coachSet(c)
	if err != nil {
		return nil, 0, err
	}
	id, err := paramID(c, part)
	return set, id, err
}

// toSet redirects to one of a set's pages: where is "/edit",
// "/edit#items" or "#invites".
func toSet(c echo.Context, setID int64, where string) error {
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/coach/sets/%d%s", setID, where))
}

// --- Creating and editing sets

type setFormData struct {
	Form    *form
	Set     *store.Set
	Items   []itemView
	Picked  map[string]bool
	Bank    []*library.Question
	Filter  library.Filter
	Custom  *form
	Invites []store.Invite
	NewLink string
	Now     time.Time
	BaseURL string
}

func (s *Server) newSetForm(c echo.Context) error {
	f := blankForm(langOf(c), "lang", langOf(c))
	return s.renderSetForm(c, http.StatusOK, f, nil)
}

func (s *Server) renderSetForm(c echo.Context, status int, f *form, picked map[string]bool) error {
	p := s.page(c, "")
	p.Title, p.Nav = p.T("coach.set.new"), "coach"
	if picked == nil {
		picked = map[string]bool{}
	}
	p.Data = setFormData{Form: f, Picked: picked, Bank: s.lib.Questions}
	return s.render(c, status, "coach_set_new", p)
}

// setInput is the set form (new or edit), checked.
type setInput struct {
	Title, Description, Lang string
	TimeLimit                int        // seconds per answer; 0: each question's own
	DueAt                    *time.Time // end of the due day, or nil
}

// readSet reads and checks the fields the new-set and edit forms share.
func readSet(c echo.Context) (setInput, *form) {
	f := newForm(c, "title", "description", "lang", "time_limit", "due")
	in := setInput{Lang: f.Values["lang"]}
	in.Title = f.text("title", true, maxLen("set.title"))
	in.Description = f.text("description", false, maxLen("set.description"))
	if !i18n.Supported(in.Lang) {
		f.fail("lang", "form.err.choice")
	}
	if v := strings.TrimSpace(f.Values["time_limit"]); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 1800 {
			f.fail("time_limit", "coach.err.time")
		} else {
			in.TimeLimit = n
		}
	}
	if v := strings.TrimSpace(f.Values["due"]); v != "" {
		d, err := time.Parse(dateLayout, v)
		if err != nil {
			f.fail("due", "coach.err.date")
		} else {
			end := d.Add(24*time.Hour - time.Second).UTC()
			in.DueAt = &end
		}
	}
	return in, f
}

// apply copies the form's values onto a set.
func (in setInput) apply(set *store.Set) {
	set.Title, set.Description, set.Lang = in.Title, in.Description, in.Lang
	set.TimeLimit, set.DueAt = in.TimeLimit, in.DueAt
}

// readCustomItem reads and checks the form for a coach's own question.
func readCustomItem(c echo.Context) (*store.SetItem, *form) {
	f := newForm(c, "prompt", "guidance", "seconds")
	it := &store.SetItem{}
	it.Prompt = f.text("prompt", true, maxLen("set.prompt"))
	it.Guidance = f.text("guidance", false, maxLen("set.guidance"))
	if v := strings.TrimSpace(f.Values["seconds"]); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 30 || n > 600 {
			f.fail("seconds", "coach.err.seconds")
		}
		it.Seconds = n
	}
	return it, f
}

func (s *Server) createSet(c echo.Context) error {
	in, f := readSet(c)
	set := &store.Set{CoachID: userOf(c).ID}
	in.apply(set)
	params, err := c.FormParams()
	if err != nil {
		return err
	}
	picked := map[string]bool{}
	var items []store.SetItem
	for _, id := range params["q"] {
		if _, ok := s.lib.Question(id); !ok {
			f.fail("q", "coach.err.unknown")
			continue
		}
		if !picked[id] {
			picked[id] = true
			items = append(items, store.SetItem{QuestionID: id})
		}
	}
	if len(items) == 0 {
		f.fail("q", "coach.err.noquestions")
	}
	if len(items) > maxCount("set.items") {
		f.fail("q", "coach.err.toomany")
	}
	if !f.Valid() {
		return s.renderSetForm(c, http.StatusUnprocessableEntity, f, picked)
	}
	if err := s.store.CreateSet(c.Request().Context(), set, items); err != nil {
		return err
	}
	s.flash(c, "coach.flash.created")
	return toSet(c, set.ID, "/edit")
}

func (s *Server) editSetForm(c echo.Context) error {
	set, err := s.coachSet(c)
	if err != nil {
		return err
	}
	f := setFormOf(langOf(c), set)
	return s.renderEditSet(c, http.StatusOK, set, f, nil)
}

// setFormOf is the set form filled from a saved set.
func setFormOf(lang string, set *store.Set) *form {
	f := blankForm(lang, "title", set.Title, "description", set.Description, "lang", set.Lang)
	if set.TimeLimit > 0 {
		f.Values["time_limit"] = strconv.Itoa(set.TimeLimit)
	}
	if set.DueAt != nil {
		f.Values["due"] = set.DueAt.Format(dateLayout)
	}
	return f
}

func (s *Server) renderEditSet(c echo.Context, status int, set *store.Set, f, custom *form) error {
	ctx := c.Request().Context()
	items, err := s.store.SetItems(ctx, set.ID)
	if err != nil {
		return err
	}
	if custom == nil {
		custom = blankForm(langOf(c))
	}
	filter := library.Filter{Q: strings.TrimSpace(c.QueryParam("q")), Category: c.QueryParam("category"), Skill: c.QueryParam("skill")}
	if _, ok := s.lib.Category(filter.Category); !ok {
		filter.Category = ""
	}
	if _, ok := s.lib.Skill(filter.Skill); !ok {
		filter.Skill = ""
	}
	picked := map[string]bool{}
	for _, it := range items {
		picked[it.QuestionID] = true
	}
	p := s.page(c, "")
	p.Title, p.Nav = p.T("coach.set.edit", set.Title), "coach"
	p.Data = setFormData{Form: f, Set: set, Items: s.itemViews(set, items), Picked: picked,
		Bank: s.lib.Search(filter), Filter: filter, Custom: custom}
	return s.render(c, status, "coach_set_edit", p)
}

func (s *Server) updateSet(c echo.Context) error {
	set, err := s.coachSet(c)
	if err != nil {
		return err
	}
	in, f := readSet(c)
	// Apply to a copy: a rejected form shows the stored set's title.
	upd := *set
	in.apply(&upd)
	if !f.Valid() {
		return s.renderEditSet(c, http.StatusUnprocessableEntity, set, f, nil)
	}
	if err := s.store.UpdateSet(c.Request().Context(), &upd); err != nil {
		return err
	}
	s.flash(c, "coach.flash.saved")
	return toSet(c, set.ID, "/edit")
}

func (s *Server) addBankItem(c echo.Context) error {
	set, err := s.coachSet(c)
	if err != nil {
		return err
	}
	id := c.FormValue("question_id")
	if _, ok := s.lib.Question(id); !ok {
		return echo.NewHTTPError(http.StatusUnprocessableEntity)
	}
	switch err := s.store.AddItem(c.Request().Context(), set.ID, &store.SetItem{QuestionID: id}, maxCount("set.items")); {
	case errors.Is(err, store.ErrSetFull):
		return echo.NewHTTPError(http.StatusUnprocessableEntity)
	case err != nil && !errors.Is(err, store.ErrItemExists): // a question twice is added once
		return err
	}
	return toSet(c, set.ID, "/edit#items")
}

func (s *Server) addCustomItem(c echo.Context) error {
	set, err := s.coachSet(c)
	if err != nil {
		return err
	}
	it, f := readCustomItem(c)
	ctx := c.Request().Context()
	if n, err := s.store.CountItems(ctx, set.ID); err != nil {
		return err
	} else if n >= maxCount("set.items") {
		f.fail("prompt", "coach.err.toomany")
	}
	if f.Valid() {
		err := s.store.AddItem(ctx, set.ID, it, maxCount("set.items"))
		if errors.Is(err, store.ErrSetFull) { // filled up since it was counted
			f.fail("prompt", "coach.err.toomany")
		} else if err != nil {
			return err
		}
	}
	if !f.Valid() {
		ef := setFormOf(langOf(c), set)
		return s.renderEditSet(c, http.StatusUnprocessableEntity, set, ef, f)
	}
	s.flash(c, "coach.flash.custom")
	return toSet(c, set.ID, "/edit#items")
}

func (s *Server) moveItem(c echo.Context) error {
	set, item, err := s.coachSetPart(c, "item")
	if err != nil {
		return err
	}
	if err := s.store.MoveItem(c.Request().Context(), set.ID, item, c.FormValue("dir") == "up"); err != nil {
		return err
	}
	return toSet(c, set.ID, "/edit#items")
}

func (s *Server) deleteItem(c echo.Context) error {
	set, item, err := s.coachSetPart(c, "item")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if n, err := s.store.CountItems(ctx, set.ID); err != nil {
		return err
	} else if n <= 1 {
		// A set keeps at least one question.
		s.flash(c, "coach.err.lastquestion")
		return toSet(c, set.ID, "/edit#items")
	}
	if err := s.store.DeleteItem(ctx, set.ID, item); err != nil {
		return err
	}
	return toSet(c, set.ID, "/edit#items")
}

func (s *Server) duplicateSet(c echo.Context) error {
	set, err := s.coachSet(c)
	if err != nil {
		return err
	}
	title := i18n.T(langOf(c), "coach.copyof", set.Title)
	if r := []rune(title); len(r) > maxLen("set.title") {
		title = string(r[:maxLen("set.title")])
	}
	cp, err := s.store.DuplicateSet(c.Request().Context(), set.CoachID, set.ID, title)
	if err != nil {
		return err
	}
	s.flash(c, "coach.flash.duplicated")
	return toSet(c, cp.ID, "/edit")
}

func (s *Server) archiveSet(c echo.Context) error {
	set, err := s.coachSet(c)
	if err != nil {
		return err
	}
	archive := c.FormValue("archive") != "0"
	if err := s.store.ArchiveSet(c.Request().Context(), set.CoachID, set.ID, archive); err != nil {
		return err
	}
	if archive {
		s.flash(c, "coach.flash.archived")
	} else {
		s.flash(c, "coach.flash.restored")
	}
	return c.Redirect(http.StatusSeeOther, "/coach")
}

func (s *Server) createInvite(c echo.Context) error {
	set, err := s.coachSet(c)
	if err != nil {
		return err
	}
	var expires *time.Time
	if v := strings.TrimSpace(c.FormValue("days")); v != "" && v != "0" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxCount("invite.days") {
			return echo.NewHTTPError(http.StatusUnprocessableEntity)
		}
		t := s.store.Now().Add(time.Duration(n) * 24 * time.Hour)
		expires = &t
	}
	if _, err := s.store.CreateInvite(c.Request().Context(), set.ID, expires); err != nil {
		return err
	}
	s.flash(c, "coach.flash.invite")
	return toSet(c, set.ID, "#invites")
}

func (s *Server) revokeInvite(c echo.Context) error {
	set, inv, err := s.coachSetPart(c, "invite")
	if err != nil {
		return err
	}
	if err := s.store.RevokeInvite(c.Request().Context(), set.ID, inv); err != nil {
		return err
	}
	s.flash(c, "coach.flash.revoked")
	return toSet(c, set.ID, "#invites")
}
