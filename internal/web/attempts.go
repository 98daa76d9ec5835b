package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/insight"
	"github.com/aeprep/aeprep/internal/library"
	"github.com/aeprep/aeprep/internal/store"
)

// attemptView is an attempt with what its page shows beside it.
type attemptView struct {
	A         *store.Attempt
	Q         *library.Question
	Report    insight.Report // as stored at save time
	Insight   insightView    // the report in the viewer's language
	Criteria  []string
	Recording *store.RecordingInfo
}

// viewAttempt shows an attempt's stored report in the viewer's language
// (a coach reading English sees English feedback on a Japanese answer);
// viewing never re-runs the analyser. The previous attempt at the same
// question, when there is one, shows what changed since.
func (s *Server) viewAttempt(c echo.Context, a *store.Attempt) (attemptView, error) {
	q, err := s.questionOfAttempt(c, a)
	if err != nil {
		return attemptView{}, err
	}
	ctx := c.Request().Context()
	rec, err := s.store.RecordingOf(ctx, a.ID)
	switch {
	case err == nil:
	case errors.Is(err, store.ErrNotFound):
		rec = nil
	default:
		return attemptView{}, err
	}
	rep := storedReport(s.lib.Analyser(), q, a, rec)
	var prev *insight.Report
	if p, err := s.store.PreviousAttempt(ctx, a.UserID, a.QuestionID, a.ID); err == nil {
		pr := storedReport(s.lib.Analyser(), q, p, nil)
		prev = &pr
	} else if !errors.Is(err, store.ErrNotFound) {
		return attemptView{}, err
	}
	iv := newInsightView(s.lib.Analyser(), rep, q, a.Answer, langOf(c), prev)
	return attemptView{A: a, Q: q, Report: rep, Insight: iv, Criteria: store.Criteria, Recording: rec}, nil
}

// attemptParam loads the signed-in user's attempt named in the URL; any
// other id, including another user's, is a 404.
func (s *Server) attemptParam(c echo.Context, name string) (*store.Attempt, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil {
		id, err = strconv.ParseInt(c.QueryParam(name), 10, 64)
		if err != nil {
			return nil, echo.ErrNotFound
		}
	}
	return s.store.Attempt(c.Request().Context(), userOf(c).ID, id)
}

type attemptData struct {
	attemptView
	Others     []store.Attempt
	ClearDraft string
	NotesForm  *form
	Feedback   feedbackData
	Next       *nextReview
	NextDue    *library.Question // the next question waiting in the review queue
	DueLeft    int
	RateForm   *form // the ratings, to give or change after reading the insights
	RateErrors []errorLink
	Story      *store.Story // the story bank story the answer told, if any
}

func (s *Server) attempt(c echo.Context) error {
	a, err := s.attemptParam(c, "id")
	if err != nil {
		return err
	}
	return s.renderAttempt(c, http.StatusOK, a, attemptForms{})
}

// attemptForms are the forms of an attempt's page that come back with
// errors; a nil one is drawn afresh.
type attemptForms struct {
	Notes, Reply, Rate *form
}

// renderAttempt renders an attempt's page, the one render path for it.
func (s *Server) renderAttempt(c echo.Context, status int, a *store.Attempt, back attemptForms) error {
	nf, rf, rateF := back.Notes, back.Reply, back.Rate
	v, err := s.viewAttempt(c, a)
	if err != nil {
		return err
	}
	fb, err := s.feedbackOf(c, v, false)
	if err != nil {
		return err
	}
	if rf == nil {
		rf = blankForm(langOf(c))
	}
	fb.Reply = rf
	if fb.Feedback != nil && fb.Feedback.SeenAt == nil && c.Request().Method == http.MethodGet {
		if err := s.store.MarkFeedbackSeen(c.Request().Context(), a.ID); err != nil {
			return err
		}
	}
	ctx := c.Request().Context()
	all, err := s.store.AttemptsForQuestion(ctx, a.UserID, a.QuestionID)
	if err != nil {
		return err
	}
	d := attemptData{attemptView: v, NotesForm: nf, Feedback: fb}
	d.Next, err = s.nextReview(c, a)
	if err != nil {
		return err
	}
	if u := userOf(c); u != nil && u.ID == a.UserID {
		queue, err := s.dueQueue(c)
		if err != nil {
			return err
		}
		for _, it := range queue {
			if it.Q.ID != a.QuestionID {
				if d.NextDue == nil {
					d.NextDue = it.Q
				}
				d.DueLeft++
			}
		}
	}
	for _, o := range all {
		if o.ID != a.ID {
			d.Others = append(d.Others, o)
		}
	}
	if c.Request().Method == http.MethodGet {
		d.ClearDraft = s.takeDraftNote(c)
	}
	if rateF == nil {
		rateF = blankForm(langOf(c))
		for _, k := range store.Criteria {
			if v := a.Ratings.Get(k); v != 0 {
				rateF.Values["r_"+k] = strconv.Itoa(v)
			}
		}
	}
	d.RateForm, d.RateErrors = rateF, ratingErrors(rateF)
	if d.Story, err = s.attemptStory(c, a); err != nil {
		return err
	}
	if d.NotesForm == nil {
		d.NotesForm = blankForm(langOf(c), "notes", a.Notes)
	}
	p := s.page(c, "")
	p.Title, p.Nav, p.Data = p.T("attempt.title", v.Q.Title[p.Lang]), "me", d
	return s.render(c, status, "attempt", p)
}

func (s *Server) updateNotes(c echo.Context) error {
	a, err := s.attemptParam(c, "id")
	if err != nil {
		return err
	}
	f := newForm(c, "notes")
	notes := f.text("notes", false, maxLen("practice.notes"))
	if !f.Valid() {
		return s.renderAttempt(c, http.StatusUnprocessableEntity, a, attemptForms{Notes: f})
	}
	if err := s.store.UpdateNotes(c.Request().Context(), a.UserID, a.ID, notes); err != nil {
		return err
	}
	s.flash(c, "flash.notes")
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/attempts/%d", a.ID))
}

func (s *Server) confirmDeleteAttempt(c echo.Context) error {
	a, err := s.attemptParam(c, "id")
	if err != nil {
		return err
	}
	v, err := s.viewAttempt(c, a)
	if err != nil {
		return err
	}
	p := s.page(c, "")
	p.Title, p.Nav, p.Data = p.T("attempt.delete.title"), "me", v
	return s.render(c, http.StatusOK, "attempt_delete", p)
}

func (s *Server) deleteAttempt(c echo.Context) error {
	a, err := s.attemptParam(c, "id")
	if err != nil {
		return err
	}
	if err := s.store.DeleteAttempt(c.Request().Context(), a.UserID, a.ID); err != nil {
		return err
	}
	s.flash(c, "flash.deleted")
	return c.Redirect(http.StatusSeeOther, "/questions/"+a.QuestionID)
}

type compareData struct {
	Left, Right attemptView
	Ratings     []ratingDelta
	Gained      []findingChange // findings that got better
	Lost        []findingChange // findings that got worse
	Same        int             // findings with the same verdict
}

// ratingDelta is one criterion's self-rating in the older and newer
// answer; 0 is not rated.
type ratingDelta struct {
	Criterion string
	Old, New  int
}

// Diff is new minus old, when both are rated.
func (d ratingDelta) Diff() int {
	if d.Old == 0 || d.New == 0 {
		return 0
	}
	return d.New - d.Old
}

// findingChange is one kind of insight whose verdict changed.
type findingChange struct {
	Kind, Name string
	Old, New   insight.Verdict // "" when the report had no such finding
	Summary    string          // the newer answer's finding, or the older's when gone, in the viewer's language
}

// verdictRank orders verdicts from worse to better.
func verdictRank(v insight.Verdict) int {
	switch v {
	case insight.Warn:
		return 1
	case insight.Info:
		return 2
	case insight.Good:
		return 3
	}
	return 0
}

// compareReports lists the findings that got better and worse between
// two reports, in the newer report's order, in the viewer's language.
func compareReports(an *insight.Analyser, older, newer insight.Report, lang string) (gained, lost []findingChange, same int) {
	old := map[string]insight.Finding{}
	for _, f := range older.Findings {
		old[f.Kind] = f
	}
	seen := map[string]bool{}
	for _, f := range newer.Findings {
		seen[f.Kind] = true
		o, had := old[f.Kind]
		sum, _ := an.Message(f, lang)
		ch := findingChange{Kind: f.Kind, Name: insight.KindName(f.Kind, lang), Old: o.Verdict, New: f.Verdict, Summary: sum}
		switch ro, rn := verdictRank(o.Verdict), verdictRank(f.Verdict); {
		case !had || rn > ro:
			if had || f.Verdict == insight.Good {
				gained = append(gained, ch)
			}
		case rn < ro:
			lost = append(lost, ch)
		default:
			same++
		}
	}
	for _, f := range older.Findings {
		if !seen[f.Kind] && f.Verdict == insight.Good {
			sum, _ := an.Message(f, lang)
			lost = append(lost, findingChange{Kind: f.Kind, Name: insight.KindName(f.Kind, lang), Old: f.Verdict, Summary: sum})
		}
	}
	return gained, lost, same
}

func (s *Server) compareAttempts(c echo.Context) error {
	a, err := s.attemptParam(c, "a")
	if err != nil {
		return err
	}
	b, err := s.attemptParam(c, "b")
	if err != nil {
		return err
	}
	if a.QuestionID != b.QuestionID {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	// Older on the left, newer on the right, however they were picked.
	if b.CreatedAt.Before(a.CreatedAt) {
		a, b = b, a
	}
	l, err := s.viewAttempt(c, a)
	if err != nil {
		return err
	}
	r, err := s.viewAttempt(c, b)
	if err != nil {
		return err
	}
	p := s.page(c, "")
	d := compareData{Left: l, Right: r}
	for _, k := range store.Criteria {
		d.Ratings = append(d.Ratings, ratingDelta{Criterion: k, Old: a.Ratings.Get(k), New: b.Ratings.Get(k)})
	}
	d.Gained, d.Lost, d.Same = compareReports(s.lib.Analyser(), l.Report, r.Report, langOf(c))
	p.Title, p.Nav, p.Data = p.T("compare.title"), "me", d
	return s.render(c, http.StatusOK, "compare", p)
}

// ratingForm reads the six optional ratings of a form, each under
// prefix + criterion.
func ratingForm(c echo.Context, prefix string) (store.Ratings, *form) {
	var names []string
	for _, k := range store.Criteria {
		names = append(names, prefix+k)
	}
	f := newForm(c, names...)
	var r store.Ratings
	for _, k := range store.Criteria {
		r.Set(k, f.optionalRating(prefix+k))
	}
	return r, f
}

// rateAttempt saves the self-ratings of an answer, given after reading
// its insights (or changed later); the card is rescheduled with them.
func (s *Server) rateAttempt(c echo.Context) error {
	a, err := s.attemptParam(c, "id")
	if err != nil {
		return err
	}
	r, f := ratingForm(c, "r_")
	if f.Valid() && !r.Rated() {
		f.fail("r_overall", "rate.err.none")
	}
	if !f.Valid() {
		return s.renderAttempt(c, http.StatusUnprocessableEntity, a, attemptForms{Rate: f})
	}
	if err := s.store.UpdateRatings(c.Request().Context(), a.UserID, a.ID, r); err != nil {
		return err
	}
	s.flash(c, "flash.rated")
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/attempts/%d", a.ID))
}
