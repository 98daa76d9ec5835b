package web

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/insight"
	"github.com/aeprep/aeprep/internal/library"
	"github.com/aeprep/aeprep/internal/practice"
	"github.com/aeprep/aeprep/internal/store"
)

// mockSizes are the mock interview lengths offered.
var mockSizes = []int{3, 5, 8}

type mockFormData struct {
	Form     *form
	Sizes    []int
	Sets     []store.AssignedSet
	Picked   map[string]bool
	Sessions []mockListItem
}

type mockListItem struct {
	store.MockSession
	Answered int
	Total    int
}

func (s *Server) mockForm(c echo.Context) error {
	f := blankForm(langOf(c), "size", "5", "lang", langOf(c), "source", "mix")
	return s.renderMockForm(c, http.StatusOK, f, nil)
}

func (s *Server) renderMockForm(c echo.Context, status int, f *form, picked map[string]bool) error {
	u := userOf(c)
	ctx := c.Request().Context()
	sets, err := s.store.CandidateSets(ctx, u.ID)
	if err != nil {
		return err
	}
	list, err := s.mockList(c, 10)
	if err != nil {
		return err
	}
	if picked == nil {
		picked = map[string]bool{}
	}
	p := s.page(c, "")
	p.Title, p.Nav, p.Data = p.T("mock.title"), "me", mockFormData{Form: f, Sizes: mockSizes, Sets: sets, Picked: picked, Sessions: list}
	return s.render(c, status, "mock", p)
}

// mockList lists recent sessions with how far each got, in two queries.
func (s *Server) mockList(c echo.Context, limit int) ([]mockListItem, error) {
	u := userOf(c)
	ctx := c.Request().Context()
	ms, err := s.store.Mocks(ctx, u.ID, limit)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
	}
	byID, err := s.store.MockAnswerCounts(ctx, u.ID, ids)
	if err != nil {
		return nil, err
	}
	out := make([]mockListItem, 0, len(ms))
	for _, m := range ms {
		out = append(out, mockListItem{MockSession: m, Answered: byID[m.ID], Total: len(m.Questions())})
	}
	return out, nil
}

func (s *Server) createMock(c echo.Context) error {
	u := userOf(c)
	ctx := c.Request().Context()
	f := newForm(c, "size", "lang", "source", "set_id")
	params, err := c.FormParams()
	if err != nil {
		return err
	}
	size := f.intIn("size", 0, 100, 0)
	if !slices.Contains(mockSizes, size) {
		f.fail("size", "form.err.choice")
	}
	lang := f.Values["lang"]
	if !i18n.Supported(lang) {
		f.fail("lang", "form.err.choice")
	}
	picked := map[string]bool{}
	var pool []string
	m := &store.MockSession{UserID: u.ID, Lang: lang}
	switch f.Values["source"] {
	case "set":
		setID, err := strconv.ParseInt(f.Values["set_id"], 10, 64)
		ok := false
		if err == nil {
			ok, err = s.store.IsMember(ctx, setID, u.ID)
			if err != nil {
				return err
			}
		}
		if !ok {
			f.fail("source", "mock.err.set")
			break
		}
		items, err := s.store.SetItems(ctx, setID)
		if err != nil {
			return err
		}
		for _, it := range items {
			if drillKindOf(it.QuestionID) != "" {
				continue // a drill kind is done at /drills, not answered in an interview
			}
			pool = append(pool, it.QuestionID)
		}
		m.SetID = &setID
	case "mix":
		for _, id := range params["category"] {
			if _, ok := s.lib.Category(id); !ok {
				f.fail("category", "form.err.choice")
				continue
			}
			picked[id] = true
		}
		pool = practice.MixPool(s.bank(), picked)
		cats := make([]string, 0, len(picked))
		for k := range picked {
			cats = append(cats, k)
		}
		sort.Strings(cats)
		m.Categories = strings.Join(cats, ",")
	default:
		f.fail("source", "form.err.choice")
	}
	if f.Valid() && len(pool) == 0 {
		f.fail("source", "mock.err.empty")
	}
	if !f.Valid() {
		return s.renderMockForm(c, http.StatusUnprocessableEntity, f, picked)
	}
	return s.startMock(c, m, pool, size)
}

// startMock draws size questions from pool into m, stores it and opens
// it; /mock and a prep sheet's tailored mock both start here.
func (s *Server) startMock(c echo.Context, m *store.MockSession, pool []string, size int) error {
	chosen, err := s.pickMockQuestions(c, pool, size)
	if err != nil {
		return err
	}
	m.QuestionIDs = strings.Join(chosen, ",")
	if err := s.store.CreateMock(c.Request().Context(), m); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/mock/%d", m.ID))
}

// pickMockQuestions draws size distinct questions from pool, weighted
// toward the user's weak and due questions (practice.MockWeight).
func (s *Server) pickMockQuestions(c echo.Context, pool []string, size int) ([]string, error) {
	rows, err := s.store.Cards(c.Request().Context(), userOf(c).ID)
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	return practice.DrawMock(rng, pool, practiceCards(rows), s.userDayEnd(c), size), nil
}

// mockInProgress loads the user's mock interview named in the URL with its
// answers so far, and shows the pages in the interview's language.
func (s *Server) mockInProgress(c echo.Context) (*store.MockSession, []store.Attempt, error) {
	m, err := s.mockParam(c)
	if err != nil {
		return nil, nil, err
	}
	c.Set("lang", m.Lang)
	atts, err := s.store.MockAttempts(c.Request().Context(), m.UserID, m.ID)
	return m, atts, err
}

// mockParam loads the user's mock interview named in the URL.
func (s *Server) mockParam(c echo.Context) (*store.MockSession, error) {
	return owned(c, "id", s.store.Mock)
}

// nextMockQuestion returns the first question of the session not yet
// answered in it, and its 1-based number; "" when all are answered.
func nextMockQuestion(m *store.MockSession, atts []store.Attempt) (string, int) {
	answered := make([]string, len(atts))
	for i, a := range atts {
		answered[i] = a.QuestionID
	}
	return practice.NextMockQuestion(m.Questions(), answered)
}

func (s *Server) mockPage(c echo.Context) error {
	m, atts, err := s.mockInProgress(c) // the interview runs in the language chosen for it
	if err != nil {
		return err
	}
	next, n := nextMockQuestion(m, atts)
	if next == "" {
		return s.renderMockSummary(c, http.StatusOK, m, atts, nil)
	}
	q, err := s.findQuestion(c, next)
	if err != nil {
		return err
	}
	f := blankForm(m.Lang, "client_token", newClientToken())
	return s.renderMockStep(c, http.StatusOK, m, q, n, f)
}

func (s *Server) renderMockStep(c echo.Context, status int, m *store.MockSession, q *library.Question, n int, f *form) error {
	key := mockDraftKey(m.UserID, m.ID, q.ID)
	return s.renderPracticeFor(c, status, q, f, fmt.Sprintf("/mock/%d/answer", m.ID), key,
		&mockStep{ID: m.ID, Number: n, Total: len(m.Questions())})
}

func (s *Server) answerMock(c echo.Context) error {
	m, atts, err := s.mockInProgress(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	next, n := nextMockQuestion(m, atts)
	if next == "" || c.FormValue("question_id") != next {
		// A form from another tab or a retry of an answer already saved:
		// nothing to save twice; show where the interview stands.
		return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/mock/%d", m.ID))
	}
	q, err := s.findQuestion(c, next)
	if err != nil {
		return err
	}
	a, f, err := s.saveAnswer(c, q, &m.ID)
	if err != nil {
		return err
	}
	if a == nil {
		return s.renderMockStep(c, http.StatusUnprocessableEntity, m, q, n, f)
	}
	s.saveDraftNote(c, mockDraftKey(m.UserID, m.ID, q.ID))
	if n == len(m.Questions()) {
		if err := s.store.FinishMock(ctx, m.UserID, m.ID); err != nil {
			return err
		}
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/mock/%d", m.ID))
}

type mockSummaryData struct {
	Mock       *store.MockSession
	Answers    []attemptView
	TotalTime  int
	Focus      []string
	ClearDraft string
	Rate       *form // the ratings of every answer, asked for once, here
	Unrated    int   // answers with no rating yet
	Errors     []errorLink
}

// mockRatingName is the form field of one answer's rating in the summary.
func mockRatingName(attemptID int64, criterion string) string {
	return fmt.Sprintf("r_%d_%s", attemptID, criterion)
}

// renderMockSummary shows every answer of a finished interview with its
// insights and ratings, the total speaking time, and the three things to
// work on next; rate is the rating form coming back with errors, or nil.
func (s *Server) renderMockSummary(c echo.Context, status int, m *store.MockSession, atts []store.Attempt, rate *form) error {
	if m.FinishedAt == nil {
		if err := s.store.FinishMock(c.Request().Context(), m.UserID, m.ID); err != nil {
			return err
		}
	}
	d := mockSummaryData{Mock: m}
	for i := range atts {
		v, err := s.viewAttempt(c, &atts[i])
		if err != nil {
			continue
		}
		d.Answers = append(d.Answers, v)
		d.TotalTime += atts[i].SecondsTaken
	}
	d.Focus = mockFocus(s.lib.Analyser(), langOf(c), d.Answers)
	if c.Request().Method == http.MethodGet {
		d.ClearDraft = s.takeDraftNote(c)
	}
	if rate == nil {
		rate = blankForm(langOf(c))
		for _, v := range d.Answers {
			for _, k := range store.Criteria {
				if r := v.A.Ratings.Get(k); r != 0 {
					rate.Values[mockRatingName(v.A.ID, k)] = strconv.Itoa(r)
				}
			}
		}
	}
	var fields [][3]string
	for _, v := range d.Answers {
		if !v.A.Ratings.Rated() {
			d.Unrated++
		}
		for _, k := range store.Criteria {
			n := mockRatingName(v.A.ID, k)
			fields = append(fields, [3]string{n, n + "-1", "rubric." + k + ".name"})
		}
	}
	d.Rate, d.Errors = rate, summarise(rate, fields)
	p := s.page(c, "")
	p.Title, p.Nav, p.Data = p.T("mock.summary"), "me", d
	return s.render(c, status, "mock_summary", p)
}

// rateMock saves the ratings of a finished mock interview's answers, all
// in one form: the interview asks for them once, at the end.
func (s *Server) rateMock(c echo.Context) error {
	m, atts, err := s.mockInProgress(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if next, _ := nextMockQuestion(m, atts); next != "" {
		// Not finished: the ratings come at the end.
		return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/mock/%d", m.ID))
	}
	var names []string
	for _, a := range atts {
		for _, k := range store.Criteria {
			names = append(names, mockRatingName(a.ID, k))
		}
	}
	f := newForm(c, names...)
	rs := make([]store.Ratings, len(atts))
	for i, a := range atts {
		for _, k := range store.Criteria {
			rs[i].Set(k, f.optionalRating(mockRatingName(a.ID, k)))
		}
	}
	if !f.Valid() {
		return s.renderMockSummary(c, http.StatusUnprocessableEntity, m, atts, f)
	}
	for i, a := range atts {
		if rs[i] == a.Ratings {
			continue
		}
		if err := s.store.UpdateRatings(ctx, a.UserID, a.ID, rs[i]); err != nil {
			return err
		}
	}
	s.flash(c, "flash.rated")
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/mock/%d#mock-rate-h", m.ID))
}

// mockFocus says the three things to work on next (practice.MockFocus)
// in lang: an insight that warned, with its concrete next step, or a weak
// rubric criterion, with what a 5 looks like.
func mockFocus(an *insight.Analyser, lang string, answers []attemptView) []string {
	in := make([]practice.FocusAnswer, len(answers))
	for i, v := range answers {
		in[i].Findings = v.Report.Findings
		in[i].Ratings = map[string]int{}
		for _, k := range store.Criteria {
			in[i].Ratings[k] = v.A.Ratings.Get(k)
		}
	}
	var out []string
	for _, f := range practice.MockFocus(in, store.Criteria) {
		if f.Kind != "" {
			_, next := an.Message(f.Finding, lang)
			out = append(out, i18n.T(lang, "mock.focus.insight", insight.KindName(f.Kind, lang), f.Warned, f.Answers, next))
			continue
		}
		out = append(out, i18n.T(lang, "mock.focus.criterion", i18n.T(lang, "rubric."+f.Criterion+".name"), f.Average,
			i18n.T(lang, "rubric."+f.Criterion+".5")))
	}
	return out
}
