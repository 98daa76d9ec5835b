package web

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/roleplay"
	"github.com/aeprep/aeprep/internal/store"
)

// A coach's side of the role-play: a scenario as an item of a set (key
// "roleplay:<id>"), and a member's run to read and comment on.

// addRoleplayItem adds a scenario in the set's language to the set.
func (s *Server) addRoleplayItem(c echo.Context) error {
	set, err := s.coachSet(c)
	if err != nil {
		return err
	}
	id := c.FormValue("scenario")
	if sc := s.rp.Get(id, set.Lang); sc == nil || sc.Lang != set.Lang {
		s.flash(c, "roleplay.coach.err.pick")
		return toSet(c, set.ID, "#rp-add")
	}
	switch err := s.store.AddItem(c.Request().Context(), set.ID, &store.SetItem{QuestionID: store.RoleplayKey(id)}, maxCount("set.items")); {
	case errors.Is(err, store.ErrSetFull):
		s.flash(c, "roleplay.coach.err.full")
	case errors.Is(err, store.ErrItemExists):
		s.flash(c, "roleplay.coach.err.dup")
	case err != nil:
		return err
	default:
		s.flash(c, "roleplay.coach.added")
	}
	return toSet(c, set.ID, "#rp-add")
}

// sharedRun reads :runID as a run the signed-in coach may see: its
// scenario is in one of the coach's sets that its candidate joined before
// starting it. Anything else is a 404.
func (s *Server) sharedRun(c echo.Context) (*store.RoleplayRun, error) {
	return owned(c, "runID", s.store.SharedRoleplayRun)
}

// coachRunPage is the run page as the coach reads it.
func (s *Server) coachRunPage(c echo.Context, r *store.RoleplayRun, comment *form) error {
	d, err := s.buildRunPage(c, r)
	if err != nil {
		return err
	}
	u, err := s.store.UserByID(c.Request().Context(), r.UserID)
	if err != nil {
		return err
	}
	d.Coach, d.Candidate, d.Comment = true, u.DisplayName, comment
	status := http.StatusOK
	if !comment.Valid() {
		status = http.StatusUnprocessableEntity
	}
	return s.renderRun(c, status, d)
}

// coachRun shows a member's run: the transcript, the scorecard once it
// has ended, and the comments.
func (s *Server) coachRun(c echo.Context) error {
	r, err := s.sharedRun(c)
	if err != nil {
		return err
	}
	return s.coachRunPage(c, r, newForm(c))
}

// commentRun saves a coach's comment on a member's run.
func (s *Server) commentRun(c echo.Context) error {
	r, err := s.sharedRun(c)
	if err != nil {
		return err
	}
	f := newForm(c, "comment")
	body := f.text("comment", true, maxLen("roleplay.comment"))
	if !f.Valid() {
		return s.coachRunPage(c, r, f)
	}
	switch err := s.store.AddRoleplayComment(c.Request().Context(), userOf(c).ID, r.ID, body); {
	case errors.Is(err, store.ErrNotFound):
		return echo.ErrNotFound
	case err != nil:
		return err
	}
	s.flash(c, "roleplay.coach.commented")
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/coach/roleplay/runs/%d#rp-comments-h", r.ID))
}

// setRoleplays is the role-play part of a coach's set page: the set's
// scenarios and those that can still be added, in the set's language.
type setRoleplays struct {
	Items   []setRoleplayItem
	Choices []*roleplay.Scenario
}

type setRoleplayItem struct {
	Item store.SetItem
	S    *roleplay.Scenario
}

// roleplayItems picks the set's role-play items, in order, with their
// scenario in the set's language.
func (s *Server) roleplayItems(set *store.Set, items []store.SetItem) []setRoleplayItem {
	var out []setRoleplayItem
	for _, it := range items {
		if id, ok := strings.CutPrefix(it.QuestionID, store.RoleplayKeyPrefix); ok {
			if sc := s.rp.Get(id, set.Lang); sc != nil {
				out = append(out, setRoleplayItem{Item: it, S: sc})
			}
		}
	}
	return out
}

// setRoleplayPart builds the set page's role-play part.
func (s *Server) setRoleplayPart(set *store.Set, items []store.SetItem) setRoleplays {
	d := setRoleplays{Items: s.roleplayItems(set, items)}
	in := map[string]bool{}
	for _, it := range d.Items {
		in[it.S.ID] = true
	}
	for _, sc := range s.rp.List(set.Lang) {
		if sc.Lang == set.Lang && !in[sc.ID] {
			d.Choices = append(d.Choices, sc)
		}
	}
	return d
}

// roleplayColumns adds the set's scenarios to a page of the cohort
// matrix: one column each, the cell the member's latest run since joining
// (its scorecard figures, or that it is in progress), linked to the run.
func (s *Server) roleplayColumns(c echo.Context, set *store.Set, items []store.SetItem, m *matrix) error {
	m.Roleplays = s.roleplayItems(set, items)
	if len(m.Roleplays) == 0 || len(m.Rows) == 0 {
		return nil
	}
	runs, err := s.store.CohortRuns(c.Request().Context(), set.ID)
	if err != nil {
		return err
	}
	lang := langOf(c)
	for i := range m.Rows {
		var b strings.Builder
		for _, it := range m.Roleplays {
			r, ok := runs[m.Rows[i].Member.CandidateID][it.Item.QuestionID]
			if !ok {
				b.WriteString(`<td class="cell cell-none"><span aria-hidden="true">—</span><span class="visually-hidden">` +
					template.HTMLEscapeString(i18n.T(lang, "roleplay.cell.none")) + `</span></td>`)
				continue
			}
			label, class := i18n.T(lang, "roleplay.cell.running"), "cell rp-cell"
			if r.Finished() {
				label = i18n.T(lang, "roleplay.grade", r.Grade) + fmt.Sprintf(" · M %d/%d · B %d/%d", r.MeddiccGot, r.MeddiccOf, r.BantGot, r.BantOf)
				class += " cell-s" + strconv.Itoa(min(max(r.Grade, 1), 5))
			}
			fmt.Fprintf(&b, `<td class="%s"><a href="/coach/roleplay/runs/%d">%s</a></td>`, class, r.ID, template.HTMLEscapeString(label))
		}
		m.Rows[i].RoleplayHTML = template.HTML(b.String())
	}
	return nil
}
