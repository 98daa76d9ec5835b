package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/practice"
	"github.com/aeprep/aeprep/internal/roleplay"
	"github.com/aeprep/aeprep/internal/store"
)

// Role-play pages: the scenario list, a scenario's briefing and starting a
// run. The conversation and its scorecard are in roleplay_run.go, the
// coach's side in roleplay_coach.go.

// scenarioItem is one scenario on the list.
type scenarioItem struct {
	S       *roleplay.Scenario
	Due     bool   // its card is due by the end of today
	DueText string // when it comes back, once run
	Runs    int
}

// runItem is one of the user's runs in a list.
type runItem struct {
	store.RoleplayRun
	Title string
}

type roleplayListData struct {
	Scenarios  []scenarioItem
	Due        []scenarioItem
	Runs       []runItem
	Types      []string
	Type       string
	Difficulty int
}

// scenario returns the scenario id in lang, or a 404.
func (s *Server) scenario(id, lang string) (*roleplay.Scenario, error) {
	sc := s.rp.Get(id, lang)
	if sc == nil {
		return nil, echo.ErrNotFound
	}
	return sc, nil
}

// scenarioTitle is a run's scenario title in lang, or its id when the
// scenario has gone from the content.
func (s *Server) scenarioTitle(id, lang string) string {
	if sc := s.rp.Get(id, lang); sc != nil {
		return sc.Title
	}
	return id
}

// runItems names the runs' scenarios in lang.
func (s *Server) runItems(runs []store.RoleplayRun, lang string) []runItem {
	out := make([]runItem, len(runs))
	for i, r := range runs {
		out[i] = runItem{RoleplayRun: r, Title: s.scenarioTitle(r.ScenarioID, lang)}
	}
	return out
}

// scenarioCards returns the user's role-play cards by scenario id, and
// the ids due by the end of their today, weakest first.
func (s *Server) scenarioCards(c echo.Context) (map[string]store.CardRow, []string, error) {
	rows, err := s.store.Cards(c.Request().Context(), userOf(c).ID)
	if err != nil {
		return nil, nil, err
	}
	byID := map[string]store.CardRow{}
	var cards []store.CardRow
	for _, r := range rows {
		if id, ok := strings.CutPrefix(r.QuestionID, store.RoleplayKeyPrefix); ok && s.rp.Get(id, "en") != nil {
			byID[id] = r
			cards = append(cards, r)
		}
	}
	q := practice.ReviewQueue(practiceCards(cards), s.userDayEnd(c), s.store.Now())
	var due []string
	for _, key := range append(q.Due, q.New...) {
		due = append(due, strings.TrimPrefix(key, store.RoleplayKeyPrefix))
	}
	return byID, due, nil
}

// dueScenarios lists the scenarios due for the user (for /review).
func (s *Server) dueScenarios(c echo.Context) ([]scenarioItem, error) {
	cards, due, err := s.scenarioCards(c)
	if err != nil {
		return nil, err
	}
	var out []scenarioItem
	for _, id := range due {
		out = append(out, scenarioItem{S: s.rp.Get(id, langOf(c)), Due: true, DueText: s.dueText(langOf(c), cards[id].Due)})
	}
	return out, nil
}

// roleplayList shows the scenarios, filtered by call type and difficulty
// (GET parameters, so it works without JavaScript), the user's due
// scenarios and past runs.
func (s *Server) roleplayList(c echo.Context) error {
	lang := langOf(c)
	d := roleplayListData{Types: roleplay.CallTypes}
	if t := c.QueryParam("type"); slices.Contains(roleplay.CallTypes, t) {
		d.Type = t
	}
	if n, err := strconv.Atoi(c.QueryParam("difficulty")); err == nil && n >= 1 && n <= 3 {
		d.Difficulty = n
	}
	cards, due, err := s.scenarioCards(c)
	if err != nil {
		return err
	}
	runs, err := s.store.RoleplayRuns(c.Request().Context(), userOf(c).ID, 0)
	if err != nil {
		return err
	}
	count := map[string]int{}
	for _, r := range runs {
		count[r.ScenarioID]++
	}
	for _, sc := range s.rp.List(lang) {
		it := scenarioItem{S: sc, Due: slices.Contains(due, sc.ID), Runs: count[sc.ID]}
		if card, ok := cards[sc.ID]; ok && card.Reps > 0 {
			it.DueText = s.dueText(lang, card.Due)
		}
		if it.Due {
			d.Due = append(d.Due, it)
		}
		if (d.Type == "" || sc.Type == d.Type) && (d.Difficulty == 0 || sc.Difficulty == d.Difficulty) {
			d.Scenarios = append(d.Scenarios, it)
		}
	}
	d.Runs = s.runItems(runs[:min(len(runs), 20)], lang)
	p := s.page(c, "")
	p.Title, p.Nav, p.Data = p.T("roleplay.title"), "roleplay", d
	return s.render(c, http.StatusOK, "roleplay_list", p)
}

// roleplayBrief shows a scenario's briefing with a Start button.
func (s *Server) roleplayBrief(c echo.Context) error {
	sc, err := s.scenario(c.Param("id"), langOf(c))
	if err != nil {
		return err
	}
	p := s.page(c, "")
	p.Title, p.Nav, p.Data = sc.Title, "roleplay", sc
	return s.render(c, http.StatusOK, "roleplay_brief", p)
}

// startRoleplay starts a run of the scenario in the page's language.
func (s *Server) startRoleplay(c echo.Context) error {
	lang := langOf(c)
	sc, err := s.scenario(c.Param("id"), lang)
	if err != nil {
		return err
	}
	st, err := json.Marshal(roleplay.Start(sc))
	if err != nil {
		return err
	}
	r := &store.RoleplayRun{UserID: userOf(c).ID, ScenarioID: sc.ID, Lang: sc.Lang, State: string(st)}
	if err := s.store.StartRoleplay(c.Request().Context(), r); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/roleplay/runs/%d", r.ID))
}
