package web

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/roleplay"
	"github.com/aeprep/aeprep/internal/store"
)

// Role-play runs in the candidate's other pages: /me, their coaches' sets
// and the export.

// recentRuns lists the user's latest n runs.
func (s *Server) recentRuns(c echo.Context, n int) ([]runItem, error) {
	runs, err := s.store.RoleplayRuns(c.Request().Context(), userOf(c).ID, n)
	if err != nil {
		return nil, err
	}
	return s.runItems(runs, langOf(c)), nil
}

// roleplayItem turns a set item keyed "roleplay:<id>" into the
// candidate's set line: done once a run of it started after they joined
// has finished.
func (s *Server) roleplayItem(c echo.Context, key string, runs []store.RoleplayRun, joined time.Time) (setItemDone, bool) {
	id, ok := strings.CutPrefix(key, store.RoleplayKeyPrefix)
	if !ok {
		return setItemDone{}, false
	}
	sc := s.rp.Get(id, langOf(c))
	if sc == nil {
		return setItemDone{}, false
	}
	it := setItemDone{RP: sc}
	for _, r := range runs {
		if r.ScenarioID == id && r.Finished() && !r.StartedAt.Before(joined) {
			it.Done = true
		}
	}
	return it, true
}

// exportTurn is one turn of a run in the export.
type exportTurn struct {
	Turn      int       `json:"turn"`
	Reply     string    `json:"reply"`
	Moves     []string  `json:"moves"`
	BuyerLine string    `json:"buyer_line"`
	CreatedAt time.Time `json:"created_at"`
}

// exportComment is a coach's comment on a run in the export.
type exportComment struct {
	Coach     string    `json:"coach"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
}

// exportRun is one role-play run in the export.
type exportRun struct {
	ID         int64            `json:"id"`
	Scenario   string           `json:"scenario_id"`
	Title      string           `json:"title"`
	Lang       string           `json:"lang"`
	Status     string           `json:"status"`
	EndReason  string           `json:"end_reason,omitempty"`
	StartedAt  time.Time        `json:"started_at"`
	FinishedAt *time.Time       `json:"finished_at,omitempty"`
	Summary    store.RunSummary `json:"scorecard"`
	Ratings    map[string]int   `json:"ratings"`
	Turns      []exportTurn     `json:"turns"`
	Comments   []exportComment  `json:"comments,omitempty"`
}

// exportRoleplays collects every run of the user, with its turns and
// coaches' comments, oldest first.
func (s *Server) exportRoleplays(c echo.Context) ([]exportRun, error) {
	ctx := c.Request().Context()
	u := userOf(c)
	runs, err := s.store.RoleplayRuns(ctx, u.ID, 0)
	if err != nil {
		return nil, err
	}
	turns, err := s.store.AllRoleplayTurns(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	comments, err := s.store.AllRoleplayComments(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	byRun := map[int64][]exportTurn{}
	for _, t := range turns {
		byRun[t.RunID] = append(byRun[t.RunID], exportTurn{Turn: t.Turn, Reply: t.Reply, Moves: t.MoveList(), BuyerLine: t.BuyerLine, CreatedAt: t.CreatedAt})
	}
	notes := map[int64][]exportComment{}
	for _, cm := range comments {
		notes[cm.RunID] = append(notes[cm.RunID], exportComment{Coach: cm.CoachName, Body: cm.Body, CreatedAt: cm.CreatedAt})
	}
	out := []exportRun{}
	for i := len(runs) - 1; i >= 0; i-- {
		r := runs[i]
		e := exportRun{ID: r.ID, Scenario: r.ScenarioID, Title: s.scenarioTitle(r.ScenarioID, r.Lang), Lang: r.Lang, Status: r.Status,
			EndReason: r.EndReason, StartedAt: r.StartedAt, FinishedAt: r.FinishedAt, Summary: r.RunSummary,
			Ratings: map[string]int{}, Turns: byRun[r.ID], Comments: notes[r.ID]}
		if e.Turns == nil {
			e.Turns = []exportTurn{}
		}
		for _, k := range store.Criteria {
			e.Ratings[k] = r.Ratings.Get(k)
		}
		out = append(out, e)
	}
	return out, nil
}

// markdownRoleplays writes the runs' section of the Markdown export.
func markdownRoleplays(b *bytes.Buffer, p *Page, runs []exportRun) {
	if len(runs) == 0 {
		return
	}
	fmt.Fprintf(b, "## %s\n\n", p.T("roleplay.history"))
	for _, r := range runs {
		fmt.Fprintf(b, "### %s\n\n", mdEscape(r.Title))
		status := p.T("roleplay.running", len(r.Turns))
		if r.Status == store.RunFinished {
			status = p.T("roleplay.end."+r.EndReason) + " · " + p.T("roleplay.grade", r.Summary.Grade) +
				fmt.Sprintf(" · MEDDICC %d/%d · BANT %d/%d", r.Summary.MeddiccGot, r.Summary.MeddiccOf, r.Summary.BantGot, r.Summary.BantOf)
		}
		fmt.Fprintf(b, "*%s* · %s\n\n", p.Time(r.StartedAt), status)
		for _, t := range r.Turns {
			moves := make([]string, len(t.Moves))
			for i, m := range t.Moves {
				moves[i] = roleplay.MoveName(roleplay.Move(m), p.Lang)
			}
			fmt.Fprintf(b, "%d. **%s:** %s", t.Turn, p.T("roleplay.you"), strings.ReplaceAll(t.Reply, "\n", " "))
			if len(moves) > 0 {
				fmt.Fprintf(b, " *(%s)*", strings.Join(moves, ", "))
			}
			fmt.Fprintf(b, "\n   > %s\n", strings.ReplaceAll(t.BuyerLine, "\n", " "))
		}
		for _, cm := range r.Comments {
			fmt.Fprintf(b, "\n**%s (%s):** %s\n", p.T("roleplay.comments"), cm.Coach, strings.ReplaceAll(cm.Body, "\n", " "))
		}
		b.WriteString("\n")
	}
}
