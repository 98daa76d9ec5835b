package web

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/insight"
	"github.com/aeprep/aeprep/internal/library"
	"github.com/aeprep/aeprep/internal/store"
)

// timeChoices are the timer lengths offered besides the question's own
// suggestion; 0 is no limit.
var timeChoices = []int{60, 120, 180, 0}

type practiceData struct {
	Q          *library.Question
	Form       *form
	Criteria   []string
	Times      []int
	DraftKey   string
	Previous   int
	CoachLimit int       // a coach's time limit for this question, if any
	Action     string    // where the form posts
	Mock       *mockStep // set during a mock interview
	ClearDraft string    // draft key the server just saved, to clear in the browser
	// Rubric is the rubric rendered at start-up, used while nothing in it
	// is chosen or wrong; empty, the template renders it.
	Rubric template.HTML
	Guest  bool        // a visitor: nothing is stored, the result stays in the browser
	Errors []errorLink // the error summary at the top of the form
	// Stories is the "Use a story" panel (story bank), for a signed-in user.
	Stories *storyPanel
}

// renderRubrics renders the practice form's rubric once per language,
// with nothing chosen: most practice pages show it so, and it is most of
// the page's template work.
func (s *Server) renderRubrics() error {
	s.rubric = map[string]template.HTML{}
	for _, lang := range i18n.Langs {
		var b bytes.Buffer
		f := blankForm(lang)
		t, _ := s.tpl.page(lang, "practice")
		err := t.ExecuteTemplate(&b, "rubric",
			map[string]any{"Page": &Page{Lang: lang}, "Form": f, "Criteria": store.Criteria})
		if err != nil {
			return fmt.Errorf("rubric (%s): %w", lang, err)
		}
		s.rubric[lang] = template.HTML(b.String())
	}
	return nil
}

// untouchedRubric reports whether nothing in the form's rubric is chosen
// or marked wrong.
func untouchedRubric(f *form) bool {
	for _, k := range store.Criteria {
		if f.Values["r_"+k] != "" || f.Errors["r_"+k] != "" {
			return false
		}
	}
	return true
}

// mockStep is where a mock interview stands.
type mockStep struct {
	ID     int64
	Number int // 1-based number of this question
	Total  int
}

// draftKey names the browser's autosaved draft of userID's answer to
// questionID; mockDraftKey the one of a question in mock interview mockID.
// takeDraftNote accepts only the signed-in user's keys (notes.go).
func draftKey(userID int64, questionID string) string {
	return fmt.Sprintf("aeprep:draft:%d:%s", userID, questionID)
}

func mockDraftKey(userID, mockID int64, questionID string) string {
	return draftKey(userID, fmt.Sprintf("mock%d:%s", mockID, questionID))
}

func newClientToken() string {
	b := make([]byte, 18)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

var clientTokenRE = regexp.MustCompile(`^[A-Za-z0-9_-]{16,64}$`)

func (s *Server) practiceForm(c echo.Context) error {
	if userOf(c) == nil {
		if _, ok := s.lib.Question(c.Param("id")); !ok {
			// A coach's own question needs the account it was shared with.
			return s.requireUser(nil)(c)
		}
		// A visitor practises a bank question as a guest: the same form,
		// nothing stored.
		return c.Redirect(http.StatusSeeOther, "/try/"+url.PathEscape(c.Param("id")))
	}
	q, err := s.findQuestion(c, c.Param("id"))
	if err != nil {
		return err
	}
	// The time limit is left empty: renderPracticeFor picks the coach's or
	// the question's own.
	f := blankForm(langOf(c), "client_token", newClientToken())
	return s.renderPractice(c, http.StatusOK, q, f)
}

func (s *Server) renderPractice(c echo.Context, status int, q *library.Question, f *form) error {
	u := userOf(c)
	return s.renderPracticeFor(c, status, q, f, "/practice/"+q.ID, draftKey(u.ID, q.ID), nil)
}

func (s *Server) renderPracticeFor(c echo.Context, status int, q *library.Question, f *form, action, key string, mock *mockStep) error {
	u := userOf(c)
	prev := 0
	if u != nil {
		n, err := s.store.CountAttempts(c.Request().Context(), u.ID, q.ID)
		if err != nil {
			return err
		}
		prev = n
	}
	p := s.page(c, "")
	p.Title, p.Nav = p.T("practice.title", q.Title[p.Lang]), "questions"
	d := practiceData{Q: q, Form: f, Criteria: store.Criteria, Times: timeChoices,
		DraftKey: key, Previous: prev, Action: action, Mock: mock, Guest: u == nil,
		Errors: practiceErrors(f)}
	// A coach's time limit for this bank question in one of the
	// candidate's sets is offered, and is the default. (A coach's own
	// question carries its time already.)
	if u != nil && q.Category != customCategory {
		if n, err := s.store.SetTimeLimit(c.Request().Context(), u.ID, q.ID); err != nil {
			return err
		} else if n > 0 && n != q.Seconds {
			d.CoachLimit = n
		}
	}
	if f.Values["time_limit"] == "" {
		f.Values["time_limit"] = strconv.Itoa(q.Seconds)
		if d.CoachLimit > 0 {
			f.Values["time_limit"] = strconv.Itoa(d.CoachLimit)
		}
	}
	if c.Request().Method == http.MethodGet {
		d.ClearDraft = s.takeDraftNote(c)
	}
	if u != nil {
		sp, err := s.storyPanelFor(c, q, f)
		if err != nil {
			return err
		}
		d.Stories = sp
	}
	if untouchedRubric(f) && mock == nil {
		d.Rubric = s.rubric[p.Lang]
	}
	p.Data = d
	return s.render(c, status, "practice", p)
}

func (s *Server) savePractice(c echo.Context) error {
	q, err := s.findQuestion(c, c.Param("id"))
	if err != nil {
		return err
	}
	u := userOf(c)
	a, f, err := s.saveAnswer(c, q, nil)
	if err != nil {
		return err
	}
	if a == nil {
		return s.renderPractice(c, http.StatusUnprocessableEntity, q, f)
	}
	s.saveDraftNote(c, draftKey(u.ID, q.ID))
	s.flash(c, "flash.saved")
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/attempts/%d", a.ID))
}

// saveAnswer validates the practice form and saves the attempt. It returns
// a nil attempt and the form, with its errors, when the input is invalid.
func (s *Server) saveAnswer(c echo.Context, q *library.Question, mockID *int64) (*store.Attempt, *form, error) {
	a, f := readAnswer(c, q)
	if err := s.readStoryChoice(c, f, a); err != nil {
		return nil, nil, err
	}
	if !f.Valid() {
		return nil, f, nil
	}
	a.UserID, a.MockID = userOf(c).ID, mockID
	if err := analyseInto(s.lib.Analyser(), a, q); err != nil {
		return nil, nil, err
	}
	if _, err := s.store.SaveAttempt(c.Request().Context(), a); err != nil {
		return nil, nil, err
	}
	return a, f, nil
}

// answerFields are the fields of the practice form.
func answerFields() []string {
	fields := []string{"answer", "notes", "seconds_taken", "time_limit", "client_token", "recording_ms", "recording_silence_ms", "story_id"}
	for _, k := range store.Criteria {
		fields = append(fields, "r_"+k)
	}
	return fields
}

// readAnswer reads and checks a practice form into an attempt without a
// user; the form carries the errors. Ratings are optional (they can be
// given after reading the insights), and a recording alone is an answer.
func readAnswer(c echo.Context, q *library.Question) (*store.Attempt, *form) {
	f := newForm(c, answerFields()...)
	a := checkAnswer(f, q, langOf(c))
	a.Recording = readRecording(c, f)
	requireAnswer(f, a)
	return a, f
}

// checkAnswer checks the typed fields of an answer (all but the recording).
func checkAnswer(f *form, q *library.Question, lang string) *store.Attempt {
	a := &store.Attempt{QuestionID: q.ID, Lang: lang}
	a.Answer = f.text("answer", false, maxLen("practice.answer"))
	a.Notes = f.text("notes", false, maxLen("practice.notes"))
	for _, k := range store.Criteria {
		a.Ratings.Set(k, f.optionalRating("r_"+k))
	}
	a.SecondsTaken = f.intIn("seconds_taken", 0, 24*3600, 0)
	a.TimeLimit = f.intIn("time_limit", 0, 3600, q.Seconds)
	a.ClientToken = f.Values["client_token"]
	if !clientTokenRE.MatchString(a.ClientToken) {
		// A form without a valid token still saves once; it just gets a
		// fresh token (only a hand-made request lacks one).
		a.ClientToken = newClientToken()
		f.Values["client_token"] = a.ClientToken
	}
	return a
}

// requireAnswer fails a form with neither text nor a recording.
func requireAnswer(f *form, a *store.Attempt) {
	if a.Answer == "" && a.Recording == nil && f.Errors["answer"] == "" && f.Errors["recording"] == "" {
		f.fail("answer", "practice.err.empty")
	}
}

// analyseInto stores the insight report of the answer in the attempt.
func analyseInto(an *insight.Analyser, a *store.Attempt, q *library.Question) error {
	b, err := json.Marshal(analyse(an, a, q))
	if err != nil {
		return err
	}
	a.Insights, a.InsightsV = string(b), insightsVersion
	return nil
}

// optionalRating checks a 1-5 rating that may be left out (0).
func (f *form) optionalRating(name string) int {
	if strings.TrimSpace(f.Values[name]) == "" {
		return 0
	}
	return f.rating(name)
}
