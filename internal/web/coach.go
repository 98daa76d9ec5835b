package web

import (
	"context"
	"errors"
	"html/template"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/library"
	"github.com/aeprep/aeprep/internal/markdown"
	"github.com/aeprep/aeprep/internal/store"
)

// dateLayout is how a due date or an invite's expiry is typed.
const dateLayout = "2006-01-02"

// requireCoach lets only coach accounts through.
func (s *Server) requireCoach(next echo.HandlerFunc) echo.HandlerFunc {
	return s.requireUser(func(c echo.Context) error {
		if !userOf(c).IsCoach {
			return echo.NewHTTPError(http.StatusForbidden)
		}
		return next(c)
	})
}

func paramID(c echo.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, echo.ErrNotFound
	}
	return id, nil
}

// coachSet loads the signed-in coach's set named in the URL; another
// coach's set is a 404.
func (s *Server) coachSet(c echo.Context) (*store.Set, error) {
	return owned(c, "id", s.store.CoachSet)
}

// itemView is a set question ready to show.
type itemView struct {
	Item store.SetItem
	Q    *library.Question
	HTML template.HTML // custom prompt, rendered and sanitised
}

func (s *Server) itemViews(set *store.Set, items []store.SetItem) []itemView {
	out := make([]itemView, 0, len(items))
	for i := range items {
		it := items[i]
		v := itemView{Item: it}
		if it.IsCustom() {
			v.Q = customQuestion(&it, set)
			v.HTML = markdown.Render(it.Prompt)
		} else if q, ok := s.lib.Question(it.QuestionID); ok {
			v.Q = q
		} else if q, ok := drillQuestion(it.QuestionID); ok { // a drill kind (drills_coach.go)
			v.Q = q
		} else {
			continue // left the bank
		}
		out = append(out, v)
	}
	return out
}

// --- Set list and dashboard

type coachHomeData struct {
	Sets     []setSummary
	Archived []store.Set
	Waiting  []coachQueueItem
	Replies  []coachQueueItem
	Behind   []behindView
	More     bool        // more answers wait than are listed
	Rounds   []roundView // interview dates members share (prep)
}

// coachQueueItem is an answer on the coach's home: waiting for feedback, or
// with a new reply from the candidate.
type coachQueueItem struct {
	AttemptID   int64
	CandidateID int64
	Candidate   string
	Q           *library.Question
	At          time.Time
}

type behindView struct {
	store.BehindMember
	Overdue bool
}

// coachQueues fills the coach's home lists: answers waiting for feedback,
// candidates' new replies, and members behind on sets due within three
// days or overdue. Every query is bound to the signed-in coach.
func (s *Server) coachQueues(c echo.Context, d *coachHomeData) error {
	ctx := c.Request().Context()
	coach := userOf(c)
	waiting, err := s.store.AwaitingFeedback(ctx, coach.ID, maxCount("coach.home.rows")+1)
	if err != nil {
		return err
	}
	if len(waiting) > maxCount("coach.home.rows") {
		waiting, d.More = waiting[:maxCount("coach.home.rows")], true
	}
	replies, err := s.store.NewReplies(ctx, coach.ID, maxCount("coach.home.rows"))
	if err != nil {
		return err
	}
	now := s.store.Now()
	behind, err := s.store.MembersBehind(ctx, coach.ID, now.Add(3*24*time.Hour))
	if err != nil {
		return err
	}
	var ids []string
	for _, w := range waiting {
		ids = append(ids, w.QuestionID)
	}
	for _, r := range replies {
		ids = append(ids, r.QuestionID)
	}
	qs, err := s.questionsByID(c, ids)
	if err != nil {
		return err
	}
	for _, w := range waiting {
		if q, ok := qs[w.QuestionID]; ok {
			d.Waiting = append(d.Waiting, coachQueueItem{AttemptID: w.AttemptID, CandidateID: w.CandidateID, Candidate: w.Candidate, Q: q, At: w.CreatedAt})
		}
	}
	for _, r := range replies {
		if q, ok := qs[r.QuestionID]; ok {
			d.Replies = append(d.Replies, coachQueueItem{AttemptID: r.AttemptID, CandidateID: r.CandidateID, Candidate: r.Candidate, Q: q, At: r.CreatedAt})
		}
	}
	for _, b := range behind {
		d.Behind = append(d.Behind, behindView{BehindMember: b, Overdue: b.DueAt.Before(now)})
	}
	return nil
}

type setSummary struct {
	Set     store.Set
	Matrix  *matrix
	HTML    template.HTML
	Invites int
}

func (s *Server) coachHome(c echo.Context) error {
	u := userOf(c)
	ctx := c.Request().Context()
	sets, err := s.store.CoachSets(ctx, u.ID, false)
	if err != nil {
		return err
	}
	archived, err := s.store.CoachSets(ctx, u.ID, true)
	if err != nil {
		return err
	}
	d := coachHomeData{Archived: archived}
	if err := s.coachQueues(c, &d); err != nil {
		return err
	}
	for _, set := range sets {
		m, err := s.buildMatrix(c, &set, c.QueryParam("sort"), 1)
		if err != nil {
			return err
		}
		d.Sets = append(d.Sets, setSummary{Set: set, Matrix: m, HTML: markdown.Render(set.Description)})
	}
	p := s.page(c, "")
	if d.Rounds, err = s.sharedRounds(c, p, 0); err != nil { // prep
		return err
	}
	p.Title, p.Nav, p.Data = p.T("coach.title"), "coach", d
	return s.render(c, http.StatusOK, "coach", p)
}

// owned loads the record the URL parameter names through load, which looks
// it up as the signed-in user's (their own, or shared with them as a
// coach): a malformed id, a missing record and another user's are all the
// same 404.
func owned[T any](c echo.Context, param string, load func(ctx context.Context, userID, id int64) (*T, error)) (*T, error) {
	id, err := paramID(c, param)
	if err != nil {
		return nil, err
	}
	v, err := load(c.Request().Context(), userOf(c).ID, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, echo.ErrNotFound
	}
	return v, err
}
