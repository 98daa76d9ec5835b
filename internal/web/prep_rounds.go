package web

import (
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"unicode"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/ics"
	"github.com/aeprep/aeprep/internal/rounds"
	"github.com/aeprep/aeprep/internal/store"
)

// --- A sheet's interview rounds: add, edit, delete, and a calendar file

type roundFormData struct {
	Sheet   *store.PrepSheet
	Round   *store.PrepRound // nil for a new round
	Form    *prepForm
	Formats []string
	Zones   []string
	Errors  []errorLink
	Action  string
}

func (s *Server) renderRoundForm(c echo.Context, status int, sh *store.PrepSheet, r *store.PrepRound, f *prepForm) error {
	p := s.page(c, "")
	d := roundFormData{Sheet: sh, Round: r, Form: f, Formats: rounds.Formats, Zones: commonZones, Errors: f.summary(roundErrorFields),
		Action: fmt.Sprintf("/prep/%d/rounds", sh.ID)}
	p.Title = p.T("prep.round.new")
	if r != nil {
		d.Action = fmt.Sprintf("/prep/%d/rounds/%d", sh.ID, r.ID)
		p.Title = p.T("prep.round.edit")
	}
	p.Nav, p.Data = "prep", d
	return s.render(c, status, "prep_round_form", p)
}

func (s *Server) newRoundForm(c echo.Context) error {
	sh, err := s.prepParam(c)
	if err != nil {
		return err
	}
	f := emptyPrepForm(c, map[string]string{"zone": userOf(c).Zone(), "minutes": "60"})
	return s.renderRoundForm(c, http.StatusOK, sh, nil, f)
}

func (s *Server) createRound(c echo.Context) error {
	sh, err := s.prepParam(c)
	if err != nil {
		return err
	}
	f := &prepForm{form: newForm(c, roundFields...), msgs: map[string]string{}}
	r := bindRound(f, s.store.Now())
	if !f.Valid() {
		return s.renderRoundForm(c, http.StatusUnprocessableEntity, sh, nil, f)
	}
	r.SheetID = sh.ID
	err = s.store.AddPrepRound(c.Request().Context(), sh.UserID, &r, maxCount("prep.rounds"))
	switch {
	case errors.Is(err, store.ErrTooMany):
		f.fail("round_name", "prep.err.rounds")
		return s.renderRoundForm(c, http.StatusUnprocessableEntity, sh, nil, f)
	case errors.Is(err, store.ErrNotFound):
		return echo.ErrNotFound
	case err != nil:
		return err
	}
	s.flash(c, "prep.flash.round")
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/prep/%d#rounds", sh.ID))
}

// roundParam loads the user's sheet and its round named in the URL.
func (s *Server) roundParam(c echo.Context) (*store.PrepSheet, *store.PrepRound, error) {
	sh, err := s.prepParam(c)
	if err != nil {
		return nil, nil, err
	}
	id, err := paramID(c, "round")
	if err != nil {
		return nil, nil, err
	}
	r, err := s.store.PrepRound(c.Request().Context(), sh.UserID, sh.ID, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil, echo.ErrNotFound
	}
	return sh, r, err
}

func (s *Server) editRoundForm(c echo.Context) error {
	sh, r, err := s.roundParam(c)
	if err != nil {
		return err
	}
	return s.renderRoundForm(c, http.StatusOK, sh, r, emptyPrepForm(c, roundValues(r)))
}

func (s *Server) updateRound(c echo.Context) error {
	sh, old, err := s.roundParam(c)
	if err != nil {
		return err
	}
	f := &prepForm{form: newForm(c, roundFields...), msgs: map[string]string{}}
	r := bindRound(f, s.store.Now())
	if !f.Valid() {
		return s.renderRoundForm(c, http.StatusUnprocessableEntity, sh, old, f)
	}
	r.ID, r.SheetID = old.ID, sh.ID
	if err := s.store.UpdatePrepRound(c.Request().Context(), sh.UserID, &r); errors.Is(err, store.ErrNotFound) {
		return echo.ErrNotFound
	} else if err != nil {
		return err
	}
	s.flash(c, "prep.flash.round")
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/prep/%d#rounds", sh.ID))
}

func (s *Server) confirmDeleteRound(c echo.Context) error {
	sh, r, err := s.roundParam(c)
	if err != nil {
		return err
	}
	p := s.page(c, "")
	v := s.roundView(p, r, s.store.Now())
	p.Title, p.Nav = p.T("prep.round.delete.title"), "prep"
	p.Data = prepDeleteData{Sheet: sh, Round: &v, Action: fmt.Sprintf("/prep/%d/rounds/%d/delete", sh.ID, r.ID)}
	return s.render(c, http.StatusOK, "prep_delete", p)
}

func (s *Server) deleteRound(c echo.Context) error {
	sh, r, err := s.roundParam(c)
	if err != nil {
		return err
	}
	if err := s.store.DeletePrepRound(c.Request().Context(), sh.UserID, sh.ID, r.ID); errors.Is(err, store.ErrNotFound) {
		return echo.ErrNotFound
	} else if err != nil {
		return err
	}
	s.flash(c, "prep.flash.round.deleted")
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/prep/%d#rounds", sh.ID))
}

// roundICS sends the round as an iCalendar file, in the round's own time
// zone, with a reminder the day before and that day's checklist.
func (s *Server) roundICS(c echo.Context) error {
	sh, r, err := s.roundParam(c)
	if err != nil {
		return err
	}
	lang := langOf(c)
	var desc []string
	desc = append(desc, sh.Company+" · "+sh.RoleTitle)
	if r.Interviewers != "" {
		desc = append(desc, i18n.T(lang, "prep.round.interviewers")+": "+r.Interviewers)
	}
	desc = append(desc, "", i18n.T(lang, "prep.daybefore")+":")
	for _, it := range rounds.DayBefore(r.Format) {
		desc = append(desc, "- "+rounds.Message(it.Text.Code, it.Text.Params, lang))
	}
	ev := ics.Event{
		UID:         fmt.Sprintf("prep-round-%d@aeprep", r.ID),
		Start:       r.Start(),
		End:         r.End(),
		Summary:     i18n.T(lang, "prep.ics.summary", r.Name, sh.Company, sh.RoleTitle),
		Location:    r.Address,
		Description: strings.Join(desc, "\n"),
		AlarmText:   i18n.T(lang, "prep.ics.alarm", r.Name, sh.Company),
	}
	if r.Format == rounds.Video {
		ev.URL, ev.Location = r.Link, r.Link
	}
	b, err := ics.Write([]ics.Event{ev}, s.store.Now())
	if err != nil {
		return fmt.Errorf("prep: calendar file of round %d: %w", r.ID, err)
	}
	h := c.Response().Header()
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": icsFilename(sh, r)}))
	h.Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, "text/calendar; charset=utf-8", b)
}

// icsFilename names the file after the date and the company:
// "interview-2027-01-15-acme.ics"; letters of any script are kept (sent
// RFC 2231-encoded), everything else becomes a hyphen.
func icsFilename(sh *store.PrepSheet, r *store.PrepRound) string {
	var b strings.Builder
	dash := false
	for _, ch := range strings.ToLower(sh.Company) {
		if unicode.IsLetter(ch) || unicode.IsDigit(ch) {
			b.WriteRune(ch)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
		if b.Len() > 60 {
			break
		}
	}
	name := strings.Trim(b.String(), "-")
	if name == "" {
		return "interview-" + r.LocalDate + ".ics"
	}
	return "interview-" + r.LocalDate + "-" + name + ".ics"
}
