package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/drills"
)

// prepareData is the Prepare hub: one card for each thing a candidate
// readies before an interview (prep sheets, the story bank, sales-maths
// drills), each with where it stands.
type prepareData struct {
	Sheets      int
	Next        *roundView // the next interview of any sheet, or nil
	Stories     int
	Uncovered   []string // question categories no story covers yet, by name
	Categories  int
	DrillsDue   []drillKindView
	DrillsKinds int
}

// prepare shows the hub that the header's "Prepare" link opens.
func (s *Server) prepare(c echo.Context) error {
	ctx, u := c.Request().Context(), userOf(c)
	p := s.page(c, "")
	p.Title, p.Nav = p.T("prepare.title"), "prepare"
	var d prepareData
	sheets, err := s.store.PrepSheets(ctx, u.ID)
	if err != nil {
		return err
	}
	d.Sheets = len(sheets)
	if d.Next, err = s.nextRoundView(c, p); err != nil {
		return err
	}
	list, err := s.store.Stories(ctx, u.ID)
	if err != nil {
		return err
	}
	d.Stories = len(list)
	covered := map[string]bool{}
	for _, st := range list {
		for _, cat := range st.Categories {
			covered[cat] = true
		}
	}
	d.Categories = len(s.lib.Categories)
	for _, cat := range s.lib.Categories {
		if !covered[cat.ID] {
			d.Uncovered = append(d.Uncovered, cat.Name[p.Lang])
		}
	}
	if d.DrillsDue, err = s.dueDrills(c); err != nil {
		return err
	}
	d.DrillsKinds = len(drills.Kinds) // every kind has a view; no second read of the cards
	p.Data = d
	return s.render(c, http.StatusOK, "prepare", p)
}
