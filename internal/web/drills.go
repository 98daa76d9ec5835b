package web

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/drills"
	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/store"
	"github.com/aeprep/aeprep/internal/textcode"
)

// --- Sales-maths drills (/drills): a drill's numbers come from the seed
// stored before it is shown (so a reload shows the same drill), it is
// answered once, and drills come in runs of three.

// drillRunLength is how many drills a run has.
const drillRunLength = 3

// drillText renders a message of package drills in lang.
func drillText(t textcode.Text, lang string) string { return drills.Message(t.Code, t.Params, lang) }

// drillName is a kind's name in lang.
func drillName(kind, lang string) string { return drillText(drills.KindName(kind), lang) }

// drillKindOf returns the drill kind a set-item or card key names
// ("drill:arr" is "arr"), or "" for anything else.
func drillKindOf(key string) string {
	if kind, ok := store.DrillKindOf(key); ok && drills.IsKind(kind) {
		return kind
	}
	return ""
}

// drillFuncs are the drills' template functions (added in render.go).
var drillFuncs = map[string]any{
	"drillKind":  drillKindOf,
	"drillKinds": func() []string { return drills.Kinds },
	"drillName":  drillName,
}

// drillKindView is one kind as the lists show it: its record and where
// its review card stands.
type drillKindView struct {
	Kind     string
	Name     string
	Stat     store.DrillStat
	Accuracy int    // percent right, rounded down
	State    string // "new" (queued by a coach's set), "due", "later", or "" without a card
	Due      string // when it comes back, for "later"
	card     *store.CardRow
}

type drillRecentView struct {
	store.DrillAttempt
	Name string
}

type drillsIndexData struct {
	Kinds  []drillKindView
	Recent []drillRecentView
}

func (s *Server) drillsIndex(c echo.Context) error {
	kinds, err := s.drillKindViews(c)
	if err != nil {
		return err
	}
	recent, err := s.store.RecentDrills(c.Request().Context(), userOf(c).ID, 10)
	if err != nil {
		return err
	}
	lang := langOf(c)
	d := drillsIndexData{Kinds: kinds}
	for _, a := range recent {
		d.Recent = append(d.Recent, drillRecentView{DrillAttempt: a, Name: drillName(a.Kind, lang)})
	}
	p := s.page(c, "")
	p.Title, p.Nav, p.Data = p.T("drills.title"), "me", d
	return s.render(c, http.StatusOK, "drills", p)
}

// startDrill makes a new drill of the kind, with a new seed, stored before
// it is shown. A drill started from the one before it ("after", answered)
// is the next of its run, until the run has three.
func (s *Server) startDrill(c echo.Context) error {
	kind := c.Param("kind")
	if !drills.IsKind(kind) {
		return echo.ErrNotFound
	}
	u := userOf(c)
	ctx := c.Request().Context()
	a := &store.DrillAttempt{UserID: u.ID, Kind: kind, Seed: rand.Int64N(1 << 53), Lang: langOf(c), Step: 1}
	if after, err := strconv.ParseInt(c.FormValue("after"), 10, 64); err == nil && after > 0 {
		prev, err := s.store.Drill(ctx, u.ID, after)
		switch {
		case err == nil && prev.Answered() && prev.Step < drillRunLength:
			run := prev.Run()
			a.Step, a.RunID = prev.Step+1, &run
		case err != nil && !errors.Is(err, store.ErrNotFound):
			return err
		}
	}
	if err := s.store.CreateDrill(ctx, a); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/drills/attempts/%d", a.ID))
}

// drillParam loads the signed-in user's drill named in the URL; anyone
// else's is a 404.
func (s *Server) drillParam(c echo.Context) (*store.DrillAttempt, error) {
	return owned(c, "id", s.store.Drill)
}

// drillAnswerForm is the answer form of a drill.
type drillAnswerForm struct {
	Answer string
}

// readDrillAnswer reads the form: the answer, as typed, within its length.
func readDrillAnswer(c echo.Context) (drillAnswerForm, *form) {
	f := newForm(c, "answer")
	return drillAnswerForm{Answer: f.text("answer", false, maxLen("drills.answer"))}, f
}

// check marks the answer against the drill. A number it cannot read is an
// error for the form, in lang (the empty answer included), not a wrong
// answer.
func (fm drillAnswerForm) check(f *form, d drills.Drill, lang string) (drills.Result, string) {
	if !f.Valid() {
		return drills.Result{}, f.Err("answer")
	}
	res := drills.CheckIn(d, fm.Answer, lang)
	if strings.HasPrefix(res.Note.Code, "drills.err.") {
		return res, drillText(res.Note, lang)
	}
	return res, ""
}

type drillPageData struct {
	A       *store.DrillAttempt
	Name    string
	Prompt  []string
	Rule    string
	Target  int // suggested seconds
	Elapsed int // seconds since the drill was shown, for the timer
	Form    *form
	Error   string // what is wrong with the answer, in the page's language
	Errors  []errorLink
	// Once answered:
	Note       string // what the checker says of a wrong answer
	Expected   string
	Solution   []string
	NextReview string
	NextStep   int // the next drill's step in the run; 0 when the run is done
	RunRight   int // right answers of a finished run
}

func (s *Server) drillPage(c echo.Context) error {
	a, err := s.drillParam(c)
	if err != nil {
		return err
	}
	f := &form{Values: map[string]string{}, Errors: map[string]string{}, lang: langOf(c)}
	return s.renderDrill(c, http.StatusOK, a, f, "")
}

func (s *Server) renderDrill(c echo.Context, status int, a *store.DrillAttempt, f *form, errMsg string) error {
	lang := langOf(c)
	ctx := c.Request().Context()
	d := drills.Generate(a.Kind, a.Seed, a.Lang)
	v := drillPageData{A: a, Name: drillName(a.Kind, lang), Rule: drillText(d.Rule(), lang), Target: drills.Target(a.Kind),
		Form: f, Error: errMsg}
	for _, t := range drills.Prompt(d, lang) {
		v.Prompt = append(v.Prompt, drillText(t, lang))
	}
	if errMsg != "" {
		sep := ": "
		if lang == "ja" {
			sep = "："
		}
		v.Errors = []errorLink{{Href: "#answer", Text: i18n.T(lang, "drills.answer") + sep + errMsg}}
	}
	if !a.Answered() {
		v.Elapsed = max(0, int(s.store.Now().Sub(a.CreatedAt).Seconds()))
	} else {
		res := drills.CheckIn(d, a.Answer, lang)
		if !a.Correct && !res.Correct { // what was wrong with it (the stored mark is the one that counts)
			v.Note = drillText(res.Note, lang)
		}
		v.Expected = drills.FormatAnswer(d, d.Rounded(), lang)
		for _, t := range drills.Solution(d, lang) {
			v.Solution = append(v.Solution, drillText(t, lang))
		}
		card, err := s.store.CardFor(ctx, a.UserID, store.DrillKey(a.Kind))
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if err == nil {
			v.NextReview = s.dueText(lang, card.Due)
		}
		if a.Step < drillRunLength {
			v.NextStep = a.Step + 1
		} else {
			run, err := s.store.DrillRun(ctx, a.UserID, a.Run())
			if err != nil {
				return err
			}
			for _, r := range run {
				if r.Correct {
					v.RunRight++
				}
			}
		}
	}
	p := s.page(c, "")
	p.Title, p.Nav, p.Data = v.Name, "me", v
	return s.render(c, status, "drills_attempt", p)
}

// answerDrill checks and saves the answer, once. A drill answered already
// shows its stored result and saves nothing.
func (s *Server) answerDrill(c echo.Context) error {
	a, err := s.drillParam(c)
	if err != nil {
		return err
	}
	page := fmt.Sprintf("/drills/attempts/%d", a.ID)
	if a.Answered() {
		s.flash(c, "drills.flash.answered")
		return c.Redirect(http.StatusSeeOther, page)
	}
	lang := langOf(c)
	fm, f := readDrillAnswer(c)
	res, errMsg := fm.check(f, drills.Generate(a.Kind, a.Seed, a.Lang), lang)
	if errMsg != "" {
		f.fail("answer", "drills.answer") // marks the field; the message is errMsg
		return s.renderDrill(c, http.StatusUnprocessableEntity, a, f, errMsg)
	}
	// Time is the server's, from the moment the drill was stored: a
	// reload does not restart it. A drill left open for a day counts a day.
	secs := min(max(0, int(s.store.Now().Sub(a.CreatedAt).Seconds())), 86400)
	ans := &store.DrillAttempt{ID: a.ID, UserID: a.UserID, Answer: fm.Answer, Correct: res.Correct, SecondsTaken: secs,
		Score: drills.Score(res.Correct, secs, drills.Target(a.Kind))}
	switch err := s.store.AnswerDrill(c.Request().Context(), ans); {
	case errors.Is(err, store.ErrDrillAnswered): // answered meanwhile, in another tab
		s.flash(c, "drills.flash.answered")
	case errors.Is(err, store.ErrNotFound):
		return echo.ErrNotFound
	case err != nil:
		return err
	}
	// No #result: a fragment would stop the verdict taking focus (autofocus).
	return c.Redirect(http.StatusSeeOther, page)
}
