package web

import (
	"errors"
	"html/template"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/coach"
	"github.com/aeprep/aeprep/internal/drills"
	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/library"
	"github.com/aeprep/aeprep/internal/store"
)

// --- Drills in coaches' sets: a set item "drill:<kind>" (added here),
// shown as a question titled with the kind, its matrix cell the member's
// accuracy.

// addDrillItem adds a drill kind to the coach's set. The form offers only
// kinds, so anything else is a 422; a kind the set has already is added
// once.
func (s *Server) addDrillItem(c echo.Context) error {
	set, err := s.coachSet(c)
	if err != nil {
		return err
	}
	kind := c.FormValue("kind")
	if !drills.IsKind(kind) {
		return echo.NewHTTPError(http.StatusUnprocessableEntity)
	}
	switch err := s.store.AddItem(c.Request().Context(), set.ID, &store.SetItem{QuestionID: store.DrillKey(kind)}, maxCount("set.items")); {
	case errors.Is(err, store.ErrSetFull):
		s.flash(c, "coach.err.toomany")
		return toSet(c, set.ID, "/edit#drills")
	case err != nil && !errors.Is(err, store.ErrItemExists):
		return err
	}
	s.flash(c, "coach.flash.drill")
	return toSet(c, set.ID, "/edit#items")
}

// drillQuestion stands in for a question where a set lists a drill kind,
// titled in both languages; false for any other key.
func drillQuestion(key string) (*library.Question, bool) {
	kind := drillKindOf(key)
	if kind == "" {
		return nil, false
	}
	q := &library.Question{ID: key, Seconds: drills.Target(kind), Title: map[string]string{},
		Sections: map[string][]library.Section{}}
	for _, l := range i18n.Langs {
		q.Title[l] = i18n.T(l, "drills.item", drillName(kind, l))
	}
	return q, true
}

// drillCellHTML is the matrix cell of a drill kind: answers since joining
// and the share right (escaped, as cellWriter's cells are).
func drillCellHTML(lang string, c coach.Cell) string {
	return `<td class="cell cell-drill">` + template.HTMLEscapeString(i18n.T(lang, "coach.cell.drill", c.Attempts, c.Accuracy())) + `</td>`
}
