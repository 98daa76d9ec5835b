package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/auth"
	"github.com/aeprep/aeprep/internal/library"
	"github.com/aeprep/aeprep/internal/roleplay"
	"github.com/aeprep/aeprep/internal/store"
)

type recentAttempt struct {
	store.Attempt
	Q *library.Question
}

type practisedQuestion struct {
	store.QuestionStat
	Q *library.Question
}

type meData struct {
	Recent      []recentAttempt
	Practised   []practisedQuestion
	Ticked      int
	Total       int
	Sets        []assignedSet
	Feedback    int
	FeedbackOn  []feedbackView // the answers with unread feedback
	Unread      map[int64]bool // the same, by attempt id, to mark them in lists
	Counts      queueCounts
	Calibration calibrationView
	Mocks       []mockListItem
	Starters    []*library.Question // offered until the first answer
	Zone        string
	NextRound   *roundView // the next interview of a prep sheet (prep)
	Roleplays   []runItem  // the latest role-play runs (roleplay.go)
}

// assignedSet is a coach's set on the candidate's page, with its
// questions and what they have answered of it.
type assignedSet struct {
	store.AssignedSet
	Items []setItemDone
	Next  *library.Question // the first question not answered yet
}

type setItemDone struct {
	Q    *library.Question
	RP   *roleplay.Scenario // a role-play item ("roleplay:<id>") instead of a question
	Done bool
}

type feedbackView struct {
	store.FeedbackItem
	Q *library.Question
}

// starterIDs are the first questions offered to a new candidate: short,
// about themselves, asked in nearly every interview.
var starterIDs = []string{"why-sales", "walk-me-through-sales-experience", "why-this-company"}

// newQuestions returns up to n questions the user has never answered: the
// starters first, then the bank's easiest.
func (s *Server) newQuestions(c echo.Context, n int) ([]*library.Question, error) {
	answered, err := s.store.AnsweredQuestions(c.Request().Context(), userOf(c).ID)
	if err != nil {
		return nil, err
	}
	var out []*library.Question
	seen := map[string]bool{}
	add := func(q *library.Question) {
		if len(out) < n && !answered[q.ID] && !seen[q.ID] {
			seen[q.ID] = true
			out = append(out, q)
		}
	}
	for _, id := range starterIDs {
		if q, ok := s.lib.Question(id); ok {
			add(q)
		}
	}
	for d := 1; d <= 3 && len(out) < n; d++ {
		for _, q := range s.lib.Questions {
			if q.Difficulty == d {
				add(q)
			}
		}
	}
	for _, q := range s.lib.Questions {
		add(q)
	}
	return out, nil
}

// practiseNext is the menu's Practise: a question never answered yet
// (a starter first), or the bank once every question has an answer.
func (s *Server) practiseNext(c echo.Context) error {
	qs, err := s.newQuestions(c, 1)
	if err != nil {
		return err
	}
	if len(qs) == 0 {
		return c.Redirect(http.StatusSeeOther, "/questions")
	}
	return c.Redirect(http.StatusSeeOther, "/practice/"+qs[0].ID)
}

func (s *Server) me(c echo.Context) error {
	u := userOf(c)
	ctx := c.Request().Context()
	recent, err := s.store.RecentAttempts(ctx, u.ID, 20)
	if err != nil {
		return err
	}
	stats, err := s.store.PractisedQuestions(ctx, u.ID)
	if err != nil {
		return err
	}
	ticks, err := s.store.Ticks(ctx, u.ID)
	if err != nil {
		return err
	}
	d := meData{Total: len(s.lib.Checklist)}
	var ids []string
	for _, a := range recent {
		ids = append(ids, a.QuestionID)
	}
	for _, st := range stats {
		ids = append(ids, st.QuestionID)
	}
	qs, err := s.questionsByID(c, ids)
	if err != nil {
		return err
	}
	for _, a := range recent {
		if q, ok := qs[a.QuestionID]; ok {
			d.Recent = append(d.Recent, recentAttempt{Attempt: a, Q: q})
		}
	}
	for _, st := range stats {
		if q, ok := qs[st.QuestionID]; ok {
			d.Practised = append(d.Practised, practisedQuestion{QuestionStat: st, Q: q})
		}
	}
	if d.Sets, err = s.assignedSets(c); err != nil {
		return err
	}
	fb, err := s.store.UnseenFeedbackList(ctx, u.ID)
	if err != nil {
		return err
	}
	d.Feedback, d.Unread = len(fb), map[int64]bool{}
	fbIDs := make([]string, 0, len(fb))
	for _, f := range fb {
		fbIDs = append(fbIDs, f.QuestionID)
	}
	fbQs, err := s.questionsByID(c, fbIDs)
	if err != nil {
		return err
	}
	for _, f := range fb {
		d.Unread[f.AttemptID] = true
		if q, ok := fbQs[f.QuestionID]; ok {
			d.FeedbackOn = append(d.FeedbackOn, feedbackView{FeedbackItem: f, Q: q})
		}
	}
	if len(recent) == 0 {
		if d.Starters, err = s.newQuestions(c, 3); err != nil {
			return err
		}
	}
	d.Zone = u.Zone()
	if d.Counts, err = s.reviewCounts(c); err != nil {
		return err
	}
	cal, err := s.store.CalibrationFor(ctx, u.ID, 0)
	if err != nil {
		return err
	}
	d.Calibration = s.calibrationView(c, cal, true, "my-cal")
	if d.Mocks, err = s.mockList(c, 5); err != nil {
		return err
	}
	if d.Roleplays, err = s.recentRuns(c, 5); err != nil {
		return err
	}
	for _, it := range s.lib.Checklist {
		if ticks[it.ID] {
			d.Ticked++
		}
	}
	p := s.page(c, "")
	if d.NextRound, err = s.nextRoundView(c, p); err != nil { // prep
		return err
	}
	p.Title, p.Nav, p.Data = p.T("me.title"), "me", d
	return s.render(c, http.StatusOK, "me", p)
}

// assignedSets are the candidate's sets with their questions, in order,
// and what is done of each.
func (s *Server) assignedSets(c echo.Context) ([]assignedSet, error) {
	ctx := c.Request().Context()
	u := userOf(c)
	sets, err := s.store.CandidateSets(ctx, u.ID)
	if err != nil || len(sets) == 0 {
		return nil, err
	}
	items, err := s.store.CandidateSetItems(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, its := range items {
		for _, it := range its {
			ids = append(ids, it.QuestionID)
		}
	}
	qs, err := s.questionsByID(c, ids)
	if err != nil {
		return nil, err
	}
	runs, err := s.store.RoleplayRuns(ctx, u.ID, 0) // role-play items (roleplay.go)
	if err != nil {
		return nil, err
	}
	out := make([]assignedSet, 0, len(sets))
	for _, set := range sets {
		v := assignedSet{AssignedSet: set}
		for _, it := range items[set.SetID] {
			if rp, ok := s.roleplayItem(c, it.QuestionID, runs, set.JoinedAt); ok {
				v.Items = append(v.Items, rp)
				continue
			}
			q, ok := qs[it.QuestionID]
			if !ok {
				q, ok = drillQuestion(it.QuestionID) // a drill kind (drills_coach.go)
			}
			if !ok {
				continue
			}
			v.Items = append(v.Items, setItemDone{Q: q, Done: it.Done})
			if !it.Done && v.Next == nil {
				v.Next = q
			}
		}
		out = append(out, v)
	}
	return out, nil
}

func (s *Server) confirmDeleteAccount(c echo.Context) error {
	f := blankForm(langOf(c))
	return s.renderDeleteAccount(c, http.StatusOK, f)
}

func (s *Server) renderDeleteAccount(c echo.Context, status int, f *form) error {
	p := s.page(c, "")
	p.Title, p.Nav, p.Data = p.T("account.delete.title"), "me", f
	return s.render(c, status, "account_delete", p)
}

func (s *Server) deleteAccount(c echo.Context) error {
	u := userOf(c)
	f := newForm(c, "password")
	pw := f.Values["password"]
	f.Values["password"] = ""
	if pw == "" {
		f.fail("password", "form.err.required")
		return s.renderDeleteAccount(c, http.StatusUnprocessableEntity, f)
	}
	if err := s.rateLimited(c, store.LoginKey(u.Email, c.RealIP()), s.limits.LoginPerAccount, s.limits.LoginWindow); err != nil {
		return err
	}
	if len(pw) > auth.MaxPasswordLen || auth.Verify(pw, u.PasswordHash) != nil {
		f.fail("password", "account.delete.wrong")
		return s.renderDeleteAccount(c, http.StatusUnprocessableEntity, f)
	}
	ctx := c.Request().Context()
	if err := s.store.DeleteUser(ctx, u.ID); err != nil {
		return err
	}
	// Rate-limit counters and sent mail are keyed by the email: forget
	// them with the account.
	if err := s.store.ForgetEmail(ctx, u.Email); err != nil {
		s.log.Warn("account deleted, rate-limit counters or mail log kept", "err", err)
	}
	if err := s.sessions.Destroy(ctx); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/?deleted=1")
}

func (s *Server) tickChecklist(c echo.Context) error {
	id := c.Param("id")
	found := false
	for _, it := range s.lib.Checklist {
		if it.ID == id {
			found = true
		}
	}
	if !found {
		return echo.ErrNotFound
	}
	on := c.FormValue("done") == "1"
	if err := s.store.SetTick(c.Request().Context(), userOf(c).ID, id, on); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/checklist#"+id)
}
