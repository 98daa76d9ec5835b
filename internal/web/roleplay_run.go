package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/roleplay"
	"github.com/aeprep/aeprep/internal/store"
)

// turnSeconds is the soft time per reply on the conversation page: the
// timer says when it has passed and cuts nothing.
const turnSeconds = 90

// turnView is one exchange of a transcript as shown.
type turnView struct {
	Index int
	Reply string
	Moves []string // the detected moves, named in the page's language
	Line  string   // the buyer's answer
}

// elementView is one MEDDICC or BANT line of a scorecard.
type elementView struct {
	Name      string
	Framework string
	Uncovered bool
	Turn      int
	Question  string
}

// scoreView is a finished run's scorecard as shown.
type scoreView struct {
	C         roleplay.Scorecard
	Grade     int
	Elements  []elementView
	Findings  []string
	Outcome   string
	GaveAway  string
	MGot, MOf int
	BGot, BOf int
}

// runPage is what the conversation page shows.
type runPage struct {
	Run       *store.RoleplayRun
	Sc        *roleplay.Scenario
	Opening   string
	Turns     []turnView
	Current   string // the buyer line the candidate answers next
	NextTurn  int
	Seconds   int
	Form      *form // the reply form
	Errors    []errorLink
	DraftKey  string
	Score     *scoreView
	Rate      *form
	RateErr   []errorLink
	Criteria  []string
	Comments  []store.RoleplayComment
	Coach     bool   // a coach reading a member's run
	Candidate string // whose run, for the coach
	Comment   *form  // the coach's comment form
	ShowForm  bool   // the reply form: while running, or to show a refused reply
}

// runParam reads :runID and returns the user's run, or a 404.
func (s *Server) runParam(c echo.Context) (*store.RoleplayRun, error) {
	return owned(c, "runID", s.store.RoleplayRun)
}

// runScenario is the run's scenario in the run's language.
func (s *Server) runScenario(r *store.RoleplayRun) (*roleplay.Scenario, error) {
	sc := s.rp.Get(r.ScenarioID, r.Lang)
	if sc == nil {
		return nil, echo.ErrNotFound // the scenario left the content
	}
	return sc, nil
}

// transcript decodes a run's saved turns.
func transcript(turns []store.RoleplayTurn) ([]roleplay.Turn, error) {
	out := make([]roleplay.Turn, len(turns))
	for i, t := range turns {
		if err := json.Unmarshal([]byte(t.Detail), &out[i]); err != nil {
			return nil, fmt.Errorf("role-play turn %d of run %d: %w", t.Turn, t.RunID, err)
		}
	}
	return out, nil
}

// moveNames names moves in lang.
func moveNames(moves []roleplay.Move, lang string) []string {
	out := make([]string, len(moves))
	for i, m := range moves {
		out[i] = roleplay.MoveName(m, lang)
	}
	return out
}

// newScoreView turns a scorecard into what the page shows, in lang.
func newScoreView(c roleplay.Scorecard, lang string) *scoreView {
	v := &scoreView{C: c, Grade: roleplay.Grade(c), Outcome: roleplay.Message(roleplay.Finding{Code: "outcome." + c.Outcome}, lang)}
	for _, e := range c.Elements {
		v.Elements = append(v.Elements, elementView{Name: roleplay.ElementName(e.Code, lang), Framework: e.Framework,
			Uncovered: e.Uncovered, Turn: e.Turn, Question: e.Question})
	}
	for _, f := range c.Findings {
		if strings.HasPrefix(f.Code, "element.missed") || strings.HasPrefix(f.Code, "outcome.") {
			continue // shown with the elements and as the outcome
		}
		v.Findings = append(v.Findings, roleplay.Message(f, lang))
	}
	v.MGot, v.MOf = c.Uncovered("MEDDICC")
	v.BGot, v.BOf = c.Uncovered("BANT")
	return v
}

// summaryOf is a scorecard's figures as the store keeps them.
func summaryOf(c roleplay.Scorecard) store.RunSummary {
	mg, mo := c.Uncovered("MEDDICC")
	bg, bo := c.Uncovered("BANT")
	return store.RunSummary{Grade: roleplay.Grade(c), MeddiccGot: mg, MeddiccOf: mo, BantGot: bg, BantOf: bo,
		OpenQuestions: c.OpenQuestions, ClosedQuestions: c.ClosedQuestions, TalkShare: c.TalkShare,
		NextStep: c.NextStep, GaveAway: len(c.GaveAway)}
}

// buildRunPage reads a run's turns and comments and lays out the page.
func (s *Server) buildRunPage(c echo.Context, r *store.RoleplayRun) (*runPage, error) {
	sc, err := s.runScenario(r)
	if err != nil {
		return nil, err
	}
	ctx := c.Request().Context()
	rows, err := s.store.RoleplayTurns(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	ts, err := transcript(rows)
	if err != nil {
		return nil, err
	}
	lang := langOf(c)
	d := &runPage{Run: r, Sc: sc, Opening: sc.Line(sc.Start, sc.Trust), NextTurn: r.Turns + 1, Seconds: turnSeconds,
		DraftKey: fmt.Sprintf("aeprep:rpdraft:%d", r.ID), Criteria: store.Criteria}
	d.Current = d.Opening
	for _, t := range ts {
		d.Turns = append(d.Turns, turnView{Index: t.Index, Reply: t.Reply, Moves: moveNames(t.Moves, lang), Line: t.Line})
		d.Current = t.Line
	}
	if r.Finished() {
		d.Score = newScoreView(roleplay.Score(sc, ts), lang)
		d.Rate = &form{Values: map[string]string{}, Errors: map[string]string{}, lang: lang}
		for _, k := range store.Criteria {
			if v := r.Ratings.Get(k); v > 0 {
				d.Rate.Values["r_"+k] = strconv.Itoa(v)
			}
		}
	}
	if d.Comments, err = s.store.RoleplayComments(ctx, r.ID); err != nil {
		return nil, err
	}
	return d, nil
}

// renderRun renders the conversation page.
func (s *Server) renderRun(c echo.Context, status int, d *runPage) error {
	if d.Form == nil {
		d.Form = &form{Values: map[string]string{}, Errors: map[string]string{}, lang: langOf(c)}
	}
	d.ShowForm = !d.Coach && (!d.Run.Finished() || !d.Form.Valid())
	if !d.Form.Valid() {
		d.Errors = summarise(d.Form, [][3]string{{"reply", "reply", "roleplay.reply"}})
	}
	if d.Rate != nil && !d.Rate.Valid() {
		d.RateErr = ratingErrors(d.Rate)
	}
	p := s.page(c, "")
	p.Title, p.Nav, p.Data = d.Sc.Title, "roleplay", d
	return s.render(c, status, "roleplay_run", p)
}

// roleplayRun shows a run: the conversation so far and the reply form, or
// once it has ended, the scorecard.
func (s *Server) roleplayRun(c echo.Context) error {
	r, err := s.runParam(c)
	if err != nil {
		return err
	}
	d, err := s.buildRunPage(c, r)
	if err != nil {
		return err
	}
	return s.renderRun(c, http.StatusOK, d)
}

// wantsJSON reports whether the client asked for JSON (roleplay.js).
func wantsJSON(c echo.Context) bool {
	return strings.Contains(c.Request().Header.Get("Accept"), "application/json")
}

// turnReply is the JSON answer to a reply posted by roleplay.js.
type turnReply struct {
	Turn      int      `json:"turn"`
	Reply     string   `json:"reply,omitempty"`
	Moves     []string `json:"moves,omitempty"`
	BuyerLine string   `json:"buyerLine,omitempty"`
	NextTurn  int      `json:"nextTurn"`
	Done      bool     `json:"done"`
	Redirect  string   `json:"redirect,omitempty"`
	Error     string   `json:"error,omitempty"`
}

// postTurn saves one reply: the moves are detected, the buyer answers,
// and a reply that ends the run scores it and schedules the scenario.
// The hidden field "turn" must name the next turn; a second tab posting
// the same turn gets the run as it stands instead of a second save.
func (s *Server) postTurn(c echo.Context) error {
	r, err := s.runParam(c)
	if err != nil {
		return err
	}
	f := newForm(c, "reply", "turn")
	reply := f.text("reply", true, maxLen("roleplay.reply"))
	if f.Errors["reply"] == "form.err.required" {
		f.Errors["reply"] = "roleplay.err.empty"
	}
	turn, _ := strconv.Atoi(f.Values["turn"])
	url := fmt.Sprintf("/roleplay/runs/%d", r.ID)
	if r.Finished() {
		f.fail("reply", "roleplay.err.finished")
	}
	if !f.Valid() {
		return s.rejectTurn(c, r, f)
	}
	sc, err := s.runScenario(r)
	if err != nil {
		return err
	}
	var saved roleplay.Turn
	after, err := s.store.PostRoleplayTurn(c.Request().Context(), r.UserID, r.ID, turn, func(cur *store.RoleplayRun, prior func() ([]store.RoleplayTurn, error)) (store.RoleplayStep, error) {
		return stepRun(sc, cur, prior, reply, &saved)
	})
	switch {
	case errors.Is(err, store.ErrNotFound):
		return echo.ErrNotFound
	case errors.Is(err, store.ErrRunFinished):
		f.fail("reply", "roleplay.err.finished")
		return s.rejectTurn(c, after, f)
	case errors.Is(err, store.ErrStaleTurn):
		// Saved already (another tab, a resubmitted form): show the run
		// as it stands.
		if wantsJSON(c) {
			return c.JSON(http.StatusConflict, turnReply{Turn: turn, NextTurn: after.Turns + 1, Done: after.Finished(), Redirect: url,
				Error: i18n.T(langOf(c), "roleplay.flash.stale")})
		}
		s.flash(c, "roleplay.flash.stale")
		return c.Redirect(http.StatusSeeOther, url)
	case err != nil:
		return err
	}
	if wantsJSON(c) {
		return c.JSON(http.StatusOK, turnReply{Turn: saved.Index, Reply: saved.Reply, Moves: moveNames(saved.Moves, langOf(c)),
			BuyerLine: saved.Line, NextTurn: after.Turns + 1, Done: after.Finished(), Redirect: url})
	}
	if after.Finished() {
		s.flash(c, "roleplay.flash.ended")
	}
	return c.Redirect(http.StatusSeeOther, url+"#turn-"+strconv.Itoa(after.Turns))
}

// stepRun computes one reply's change to the run as stored (inside the
// store's transaction): the engine's step, and at the end the scorecard.
func stepRun(sc *roleplay.Scenario, cur *store.RoleplayRun, prior func() ([]store.RoleplayTurn, error), reply string, saved *roleplay.Turn) (store.RoleplayStep, error) {
	var st roleplay.State
	if err := json.Unmarshal([]byte(cur.State), &st); err != nil {
		return store.RoleplayStep{}, fmt.Errorf("role-play run %d state: %w", cur.ID, err)
	}
	next, t := roleplay.Step(sc, st, reply, cur.Lang)
	if t.Index == 0 {
		return store.RoleplayStep{}, fmt.Errorf("role-play run %d: no step from node %q", cur.ID, st.Node)
	}
	b, err := json.Marshal(next)
	if err != nil {
		return store.RoleplayStep{}, err
	}
	detail, err := json.Marshal(t)
	if err != nil {
		return store.RoleplayStep{}, err
	}
	codes := make([]string, len(t.Moves))
	for i, m := range t.Moves {
		codes[i] = string(m)
	}
	step := store.RoleplayStep{State: string(b), Turn: store.RoleplayTurn{Reply: reply, Moves: strings.Join(codes, ","),
		BuyerNode: t.To, BuyerLine: t.Line, Detail: string(detail)}}
	if next.Done {
		rows, err := prior()
		if err != nil {
			return step, err
		}
		ts, err := transcript(rows)
		if err != nil {
			return step, err
		}
		step.Done, step.EndReason = true, next.Outcome
		step.Summary = summaryOf(roleplay.Score(sc, append(ts, t)))
	}
	*saved = t
	return step, nil
}

// rejectTurn answers a reply that was not saved: 422 with the text kept.
func (s *Server) rejectTurn(c echo.Context, r *store.RoleplayRun, f *form) error {
	if wantsJSON(c) {
		return c.JSON(http.StatusUnprocessableEntity, turnReply{NextTurn: r.Turns + 1, Done: r.Finished(), Error: f.Err("reply")})
	}
	d, err := s.buildRunPage(c, r)
	if err != nil {
		return err
	}
	d.Form = f
	return s.renderRun(c, http.StatusUnprocessableEntity, d)
}

// rateRun saves the candidate's rubric rating of a finished run.
func (s *Server) rateRun(c echo.Context) error {
	r, err := s.runParam(c)
	if err != nil {
		return err
	}
	rt, f := ratingForm(c, "r_")
	if f.Valid() && !rt.Rated() {
		f.fail("r_overall", "rate.err.none")
	}
	if f.Valid() && !r.Finished() {
		f.fail("r_overall", "roleplay.err.notyet")
	}
	if !f.Valid() {
		d, err := s.buildRunPage(c, r)
		if err != nil {
			return err
		}
		d.Rate = f
		return s.renderRun(c, http.StatusUnprocessableEntity, d)
	}
	if err := s.store.RateRoleplay(c.Request().Context(), r.UserID, r.ID, rt); err != nil {
		return err
	}
	s.flash(c, "flash.rated")
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/roleplay/runs/%d#rate", r.ID))
}
