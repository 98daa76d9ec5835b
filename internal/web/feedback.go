package web

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/markdown"
	"github.com/aeprep/aeprep/internal/store"
)

// feedbackData is an attempt with a coach's feedback and the replies
// under it, for the coach's page and the candidate's.
type feedbackData struct {
	attemptView
	Candidate *store.User
	Feedback  *store.Feedback // the coach's rating and comment, if given
	Replies   []replyView
	Form      *form
	Reply     *form
	CanReply  bool
	Replied   bool // the viewer has replied already
	Coach     bool
	Comment   template.HTML
	// OtherCoach names the coach who gave the feedback when it is not
	// the coach looking at it: their feedback is shown, not offered for
	// editing.
	OtherCoach string
}

type replyView struct {
	store.Reply
	Author string
	HTML   template.HTML
}

func (s *Server) coachAttempt(c echo.Context) error {
	a, err := s.sharedAttempt(c)
	if err != nil {
		return err
	}
	// Rendered first, so the page still marks a reply that is new.
	if err := s.renderCoachAttempt(c, http.StatusOK, a, nil, nil); err != nil {
		return err
	}
	if err := s.store.MarkRepliesSeen(c.Request().Context(), userOf(c).ID, a.ID); err != nil {
		s.log.Warn("coach's reading of a reply not recorded", "attempt", a.ID, "err", err)
	}
	return nil
}

func (s *Server) sharedAttempt(c echo.Context) (*store.Attempt, error) {
	return owned(c, "id", s.store.SharedAttempt)
}

// feedbackOf gathers the feedback on the attempt v shows, for a coach
// (coach) or the candidate.
func (s *Server) feedbackOf(c echo.Context, v attemptView, coach bool) (feedbackData, error) {
	ctx := c.Request().Context()
	d := feedbackData{attemptView: v, Coach: coach}
	r, replies, err := s.store.FeedbackOf(ctx, v.A.ID)
	switch {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		return d, err
	default:
		d.Feedback = r
		d.Comment = markdown.Render(r.Comment)
		me := userOf(c).ID
		if coach && r.CoachID != me {
			d.OtherCoach = "?"
			if u, err := s.store.UserByID(ctx, r.CoachID); err == nil {
				d.OtherCoach = u.DisplayName
			}
		}
		theyReplied := false
		// A thread has two or three authors however long it grows: each
		// is looked up once, the signed-in user not at all.
		names := map[int64]string{me: userOf(c).DisplayName}
		for _, rp := range replies {
			name, ok := names[rp.AuthorID]
			if !ok {
				if u, err := s.store.UserByID(ctx, rp.AuthorID); err == nil {
					name = u.DisplayName
				}
				names[rp.AuthorID] = name
			}
			d.Replies = append(d.Replies, replyView{Reply: rp, Author: name, HTML: markdown.Render(rp.Body)})
			if rp.AuthorID == me {
				d.Replied = true
			} else {
				theyReplied = true
			}
		}
		// The candidate may answer the feedback, and so may a second
		// coach; the coach who wrote it answers the candidate's reply, not
		// their own feedback.
		d.CanReply = !d.Replied && (!coach || d.OtherCoach != "" || theyReplied)
	}
	return d, nil
}

func (s *Server) renderCoachAttempt(c echo.Context, status int, a *store.Attempt, f, rf *form) error {
	v, err := s.viewAttempt(c, a)
	if err != nil {
		return err
	}
	d, err := s.feedbackOf(c, v, true)
	if err != nil {
		return err
	}
	cand, err := s.store.UserByID(c.Request().Context(), a.UserID)
	if err != nil {
		return err
	}
	d.Candidate = cand
	if f == nil {
		f = blankForm(langOf(c))
		if d.Feedback != nil && d.OtherCoach == "" {
			for _, k := range store.Criteria {
				f.Values["r_"+k] = strconv.Itoa(d.Feedback.Ratings.Get(k))
			}
			f.Values["comment"] = d.Feedback.Comment
		}
	}
	if rf == nil {
		rf = blankForm(langOf(c))
	}
	d.Form, d.Reply = f, rf
	if !rf.Valid() {
		d.CanReply = true // a reply that came back with errors keeps its form
	}
	p := s.page(c, "")
	p.Title, p.Nav, p.Data = p.T("feedback.title", cand.DisplayName), "coach", d
	return s.render(c, status, "coach_attempt", p)
}

// readFeedback reads and checks a coach's ratings (all six required) and
// comment.
func readFeedback(c echo.Context) (*store.Feedback, *form) {
	fields := []string{"comment"}
	for _, k := range store.Criteria {
		fields = append(fields, "r_"+k)
	}
	f := newForm(c, fields...)
	r := &store.Feedback{Comment: f.text("comment", false, maxLen("feedback.comment"))}
	for _, k := range store.Criteria {
		r.Ratings.Set(k, f.rating("r_"+k))
	}
	return r, f
}

func (s *Server) saveFeedback(c echo.Context) error {
	a, err := s.sharedAttempt(c)
	if err != nil {
		return err
	}
	r, f := readFeedback(c)
	r.AttemptID, r.CoachID = a.ID, userOf(c).ID
	if !f.Valid() {
		return s.renderCoachAttempt(c, http.StatusUnprocessableEntity, a, f, nil)
	}
	if err := s.store.SaveFeedback(c.Request().Context(), r); errors.Is(err, store.ErrFeedbackByOther) {
		// The page explains; the comment typed stays in the form.
		return s.renderCoachAttempt(c, http.StatusConflict, a, f, nil)
	} else if err != nil {
		return err
	}
	s.flash(c, "feedback.flash.saved")
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/coach/attempts/%d", a.ID))
}

// coachReply and candidateReply add one follow-up under a coach's
// feedback, from the coach (coach route) or the candidate (their own
// attempt).
func (s *Server) coachReply(c echo.Context) error {
	a, err := s.sharedAttempt(c)
	if err != nil {
		return err
	}
	return s.addReply(c, a, fmt.Sprintf("/coach/attempts/%d", a.ID), true)
}

func (s *Server) candidateReply(c echo.Context) error {
	a, err := s.attemptParam(c, "id")
	if err != nil {
		return err
	}
	return s.addReply(c, a, fmt.Sprintf("/attempts/%d", a.ID), false)
}

func (s *Server) addReply(c echo.Context, a *store.Attempt, back string, coach bool) error {
	ctx := c.Request().Context()
	r, _, err := s.store.FeedbackOf(ctx, a.ID)
	if errors.Is(err, store.ErrNotFound) {
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	f := newForm(c, "body")
	body := f.text("body", true, maxLen("feedback.reply"))
	if !f.Valid() {
		if coach {
			return s.renderCoachAttempt(c, http.StatusUnprocessableEntity, a, nil, f)
		}
		return s.renderAttempt(c, http.StatusUnprocessableEntity, a, attemptForms{Reply: f})
	}
	if err := s.store.AddReply(ctx, r.ID, userOf(c).ID, body); err != nil {
		if errors.Is(err, store.ErrAlreadyReplied) {
			return echo.NewHTTPError(http.StatusConflict)
		}
		return err
	}
	s.flash(c, "feedback.flash.reply")
	return c.Redirect(http.StatusSeeOther, back+"#feedback")
}
