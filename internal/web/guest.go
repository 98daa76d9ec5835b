package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/library"
	"github.com/aeprep/aeprep/internal/store"
)

// A visitor can answer a question and read the insights before making an
// account: the server analyses the answer and stores nothing (no row of
// any kind, no session); the browser keeps the attempt in localStorage,
// and after sign-up /me/import saves it into the account like a normal
// answer.

// firstQuestionID is the question *Practise now* opens: the walk-through
// of one's experience is the usual opening of an interview, easy and
// about oneself, so a first answer needs no preparation.
const firstQuestionID = "walk-me-through-sales-experience"

// firstQuestion returns the question to start with; another easy one
// when the bank has no firstQuestionID.
func (s *Server) firstQuestion() *library.Question {
	if q, ok := s.lib.Question(firstQuestionID); ok {
		return q
	}
	for _, q := range s.lib.Questions {
		if q.Difficulty == 1 {
			return q
		}
	}
	return s.lib.Questions[0]
}

// guestQuestion returns the bank question named in the URL; a coach's
// own questions are not open to visitors.
func (s *Server) guestQuestion(c echo.Context) (*library.Question, error) {
	q, ok := s.lib.Question(c.Param("id"))
	if !ok {
		return nil, echo.ErrNotFound
	}
	return q, nil
}

func guestDraftKey(questionID string) string { return "aeprep:draft:guest:" + questionID }

// guestForm is the practice form for a visitor; a signed-in user gets
// the normal one.
func (s *Server) guestForm(c echo.Context) error {
	if userOf(c) != nil {
		return c.Redirect(http.StatusSeeOther, "/practice/"+c.Param("id"))
	}
	q, err := s.guestQuestion(c)
	if err != nil {
		return err
	}
	f := blankForm(langOf(c), "client_token", newClientToken())
	return s.renderGuestForm(c, http.StatusOK, q, f)
}

func (s *Server) renderGuestForm(c echo.Context, status int, q *library.Question, f *form) error {
	return s.renderPracticeFor(c, status, q, f, "/try/"+q.ID, guestDraftKey(q.ID), nil)
}

// guestAttempt is an answer as the browser keeps it until sign-up, and as
// /me/import receives it back.
type guestAttempt struct {
	ClientToken  string         `json:"client_token"`
	QuestionID   string         `json:"question_id"`
	Title        string         `json:"title"` // for the list on /me/import
	Lang         string         `json:"lang"`
	Answer       string         `json:"answer"`
	Notes        string         `json:"notes,omitempty"`
	SecondsTaken int            `json:"seconds_taken"`
	TimeLimit    int            `json:"time_limit"`
	Ratings      map[string]int `json:"ratings,omitempty"`
	SpokenMs     int            `json:"recording_ms,omitempty"`
}

type guestResultData struct {
	attemptView
	Keep string // the attempt as JSON, for the browser to keep
}

// guestAnalyse analyses a visitor's answer and shows the insights. It
// writes nothing to the database: the CSRF token is the visitor's
// double-submit cookie, and no session is started.
func (s *Server) guestAnalyse(c echo.Context) error {
	if userOf(c) != nil {
		// A signed-in user (say, signed in in another tab) saves for real.
		return s.savePractice(c)
	}
	q, err := s.guestQuestion(c)
	if err != nil {
		return err
	}
	a, f := readAnswer(c, q)
	if !f.Valid() {
		return s.renderGuestForm(c, http.StatusUnprocessableEntity, q, f)
	}
	rep := analyse(s.lib.Analyser(), a, q)
	g := guestAttempt{ClientToken: a.ClientToken, QuestionID: q.ID, Title: q.Title[a.Lang], Lang: a.Lang,
		Answer: a.Answer, Notes: a.Notes, SecondsTaken: a.SecondsTaken, TimeLimit: a.TimeLimit, Ratings: map[string]int{}}
	for _, k := range store.Criteria {
		if v := a.Ratings.Get(k); v != 0 {
			g.Ratings[k] = v
		}
	}
	if a.Recording != nil {
		g.SpokenMs = a.Recording.DurationMs
	}
	keep, err := json.Marshal(g)
	if err != nil {
		return err
	}
	p := s.page(c, "")
	p.Title, p.Nav = p.T("guest.title", q.Title[p.Lang]), "questions"
	p.Data = guestResultData{attemptView: attemptView{A: a, Q: q, Report: rep,
		Insight: newInsightView(s.lib.Analyser(), rep, q, a.Answer, p.Lang, nil), Criteria: store.Criteria}, Keep: string(keep)}
	return s.render(c, http.StatusOK, "guest_result", p)
}

type importData struct {
	Done     []importDone
	Skipped  []importSkip
	Tokens   string // client tokens the browser may now forget
	Received bool   // the page answers an import
}

type importDone struct {
	ID    int64
	Title string
	New   bool // false: imported before
}

type importSkip struct {
	Title  string
	Reason string
}

// importForm offers to import the answers given before signing up; the
// browser fills the form from localStorage.
func (s *Server) importForm(c echo.Context) error {
	p := s.page(c, "")
	p.Title, p.Nav, p.Data = p.T("import.title"), "me", importData{}
	return s.render(c, http.StatusOK, "import", p)
}

// importGuest saves the posted guest answers into the account, each
// checked like a normal save. A client token saves once, so importing the
// same answers again adds nothing.
func (s *Server) importGuest(c echo.Context) error {
	var list []json.RawMessage
	if err := json.Unmarshal([]byte(c.FormValue("attempts")), &list); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "import: not a JSON list")
	}
	if len(list) > maxCount("guest.import") {
		list = list[:maxCount("guest.import")]
	}
	u := userOf(c)
	ctx := c.Request().Context()
	p := s.page(c, "")
	d := importData{Received: true}
	var tokens []string
	for _, raw := range list {
		var g guestAttempt
		if err := json.Unmarshal(raw, &g); err != nil {
			d.Skipped = append(d.Skipped, importSkip{Reason: p.T("import.err.bad")})
			continue
		}
		if clientTokenRE.MatchString(g.ClientToken) {
			tokens = append(tokens, g.ClientToken)
		}
		q, ok := s.lib.Question(g.QuestionID)
		if !ok {
			d.Skipped = append(d.Skipped, importSkip{Title: g.Title, Reason: p.T("import.err.question")})
			continue
		}
		a, f := guestToAttempt(g, q, p.Lang)
		if !f.Valid() || !clientTokenRE.MatchString(g.ClientToken) {
			reason := p.T("import.err.bad")
			if g.Answer == "" && g.SpokenMs > 0 {
				reason = p.T("import.err.recording")
			} else if el := practiceErrors(f); len(el) > 0 {
				reason = el[0].Text
			}
			d.Skipped = append(d.Skipped, importSkip{Title: q.Title[p.Lang], Reason: reason})
			continue
		}
		a.UserID = u.ID
		if err := analyseInto(s.lib.Analyser(), a, q); err != nil {
			return err
		}
		created, err := s.store.SaveAttempt(ctx, a)
		if err != nil {
			return err
		}
		d.Done = append(d.Done, importDone{ID: a.ID, Title: q.Title[p.Lang], New: created})
	}
	d.Tokens = strings.Join(tokens, " ")
	p.Title, p.Nav, p.Data = p.T("import.title"), "me", d
	return s.render(c, http.StatusOK, "import", p)
}

// guestToAttempt checks a guest answer as the practice form would.
func guestToAttempt(g guestAttempt, q *library.Question, lang string) (*store.Attempt, *form) {
	if g.Lang == "ja" || g.Lang == "en" {
		lang = g.Lang
	}
	f := blankForm(lang, "answer", g.Answer, "notes", g.Notes, "client_token", g.ClientToken, "seconds_taken", strconv.Itoa(g.SecondsTaken), "time_limit", strconv.Itoa(g.TimeLimit))
	for _, k := range store.Criteria {
		if v, ok := g.Ratings[k]; ok {
			f.Values["r_"+k] = strconv.Itoa(v)
		}
	}
	for k := range g.Ratings {
		if !isCriterion(k) {
			f.fail("r_"+k, "form.err.choice")
		}
	}
	a := checkAnswer(f, q, lang)
	// The recording itself never left the browser: without text there is
	// nothing to import.
	requireAnswer(f, a)
	return a, f
}

func isCriterion(k string) bool {
	for _, c := range store.Criteria {
		if c == k {
			return true
		}
	}
	return false
}
