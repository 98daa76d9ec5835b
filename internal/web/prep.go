package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/rounds"
	"github.com/aeprep/aeprep/internal/store"
)

// --- The list of prep sheets and a sheet's own fields (new, edit, delete)

type prepListItem struct {
	Sheet store.PrepSheet
	Next  *roundView // the sheet's next round, if any
	N     int        // rounds in all
}

func (s *Server) prepList(c echo.Context) error {
	u := userOf(c)
	ctx := c.Request().Context()
	sheets, err := s.store.PrepSheets(ctx, u.ID)
	if err != nil {
		return err
	}
	all, err := s.store.UserPrepRounds(ctx, u.ID)
	if err != nil {
		return err
	}
	p := s.page(c, "")
	now := s.store.Now()
	items := make([]prepListItem, 0, len(sheets))
	for _, sh := range sheets {
		it := prepListItem{Sheet: sh}
		for i := range all {
			r := &all[i]
			if r.SheetID != sh.ID {
				continue
			}
			it.N++
			if it.Next == nil && r.StartsAt.After(now) {
				v := s.roundView(p, r, now)
				it.Next = &v
			}
		}
		items = append(items, it)
	}
	p.Title, p.Nav, p.Data = p.T("prep.title"), "prep", items
	return s.render(c, http.StatusOK, "prep_list", p)
}

type prepFormData struct {
	Form    *prepForm
	Sheet   *store.PrepSheet // nil for a new sheet
	Formats []string
	Zones   []string
	Errors  []errorLink
}

func (s *Server) newPrepForm(c echo.Context) error {
	f := emptyPrepForm(c, map[string]string{"zone": userOf(c).Zone(), "minutes": "60"})
	return s.renderPrepForm(c, http.StatusOK, f, nil)
}

func (s *Server) renderPrepForm(c echo.Context, status int, f *prepForm, sh *store.PrepSheet) error {
	p := s.page(c, "")
	d := prepFormData{Form: f, Sheet: sh, Formats: rounds.Formats, Zones: commonZones}
	d.Errors = f.summary(append(append([][3]string{}, sheetErrorFields...), roundErrorFields...))
	p.Title, p.Nav, p.Data = p.T("prep.new"), "prep", d
	if sh != nil {
		p.Title = p.T("prep.edit")
	}
	return s.render(c, status, "prep_form", p)
}

func (s *Server) createPrep(c echo.Context) error {
	u := userOf(c)
	f := &prepForm{form: newForm(c, append(append([]string{}, sheetFields...), roundFields...)...), msgs: map[string]string{}}
	sh := &store.PrepSheet{UserID: u.ID}
	bindSheet(f, sh)
	var first []store.PrepRound
	if roundGiven(f) {
		if r := bindRound(f, s.store.Now()); f.Valid() {
			first = append(first, r)
		}
	}
	if !f.Valid() {
		return s.renderPrepForm(c, http.StatusUnprocessableEntity, f, nil)
	}
	err := s.store.CreatePrepSheet(c.Request().Context(), sh, first, maxCount("prep.sheets"))
	if errors.Is(err, store.ErrTooMany) {
		f.fail("company", "prep.err.sheets")
		return s.renderPrepForm(c, http.StatusUnprocessableEntity, f, nil)
	}
	if err != nil {
		return err
	}
	s.flash(c, "prep.flash.created")
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/prep/%d", sh.ID))
}

// prepParam loads the signed-in user's sheet named in the URL; another
// user's is a 404.
func (s *Server) prepParam(c echo.Context) (*store.PrepSheet, error) {
	return owned(c, "id", s.store.PrepSheet)
}

func (s *Server) editPrepForm(c echo.Context) error {
	sh, err := s.prepParam(c)
	if err != nil {
		return err
	}
	return s.renderPrepForm(c, http.StatusOK, emptyPrepForm(c, sheetValues(sh)), sh)
}

func (s *Server) updatePrep(c echo.Context) error {
	sh, err := s.prepParam(c)
	if err != nil {
		return err
	}
	f := &prepForm{form: newForm(c, sheetFields...), msgs: map[string]string{}}
	changed := *sh
	bindSheet(f, &changed)
	if !f.Valid() {
		return s.renderPrepForm(c, http.StatusUnprocessableEntity, f, sh)
	}
	if err := s.store.UpdatePrepSheet(c.Request().Context(), &changed); errors.Is(err, store.ErrNotFound) {
		return echo.ErrNotFound
	} else if err != nil {
		return err
	}
	s.flash(c, "prep.flash.saved")
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/prep/%d", sh.ID))
}

type prepDeleteData struct {
	Sheet  *store.PrepSheet
	Round  *roundView // nil when the whole sheet goes
	Rounds int
	Action string
}

func (s *Server) confirmDeletePrep(c echo.Context) error {
	sh, err := s.prepParam(c)
	if err != nil {
		return err
	}
	rs, err := s.store.PrepRounds(c.Request().Context(), sh.UserID, sh.ID)
	if err != nil {
		return err
	}
	p := s.page(c, "")
	p.Title, p.Nav = p.T("prep.delete.title"), "prep"
	p.Data = prepDeleteData{Sheet: sh, Rounds: len(rs), Action: fmt.Sprintf("/prep/%d/delete", sh.ID)}
	return s.render(c, http.StatusOK, "prep_delete", p)
}

func (s *Server) deletePrep(c echo.Context) error {
	sh, err := s.prepParam(c)
	if err != nil {
		return err
	}
	if err := s.store.DeletePrepSheet(c.Request().Context(), sh.UserID, sh.ID); errors.Is(err, store.ErrNotFound) {
		return echo.ErrNotFound
	} else if err != nil {
		return err
	}
	s.flash(c, "prep.flash.deleted")
	return c.Redirect(http.StatusSeeOther, "/prep")
}
