package web

import (
	"errors"
	"html/template"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/markdown"
	"github.com/aeprep/aeprep/internal/store"
)

type joinData struct {
	Set     *store.Set
	HTML    template.HTML
	Coach   *store.User
	Items   int
	Problem string // i18n key when the link cannot be used
	Token   string
	Member  bool
}

func (s *Server) joinPage(c echo.Context) error {
	return s.renderJoin(c, http.StatusOK)
}

func (s *Server) renderJoin(c echo.Context, status int) error {
	token := c.Param("token")
	ctx := c.Request().Context()
	if err := s.rateLimited(c, "join:ip:"+c.RealIP(), 60, 10*time.Minute); err != nil {
		return err
	}
	_, set, err := s.store.InviteByToken(ctx, token)
	d := joinData{Token: token}
	switch {
	case errors.Is(err, store.ErrNotFound):
		return echo.ErrNotFound
	case errors.Is(err, store.ErrInviteExpired):
		d.Problem, status = "join.expired", http.StatusGone
	case errors.Is(err, store.ErrInviteRevoked):
		d.Problem, status = "join.revoked", http.StatusGone
	case err != nil:
		return err
	}
	d.Set = set
	d.HTML = markdown.Render(set.Description)
	if coach, err := s.store.UserByID(ctx, set.CoachID); err == nil {
		d.Coach = coach
	}
	d.Items, _ = s.store.CountItems(ctx, set.ID)
	if u := userOf(c); u != nil && d.Problem == "" {
		d.Member, _ = s.store.IsMember(ctx, set.ID, u.ID)
	}
	p := s.page(c, "")
	p.Title, p.Nav, p.Data = p.T("join.title"), "", d
	return s.render(c, status, "join", p)
}

func (s *Server) join(c echo.Context) error {
	if err := s.rateLimited(c, "join:ip:"+c.RealIP(), 60, 10*time.Minute); err != nil {
		return err
	}
	ctx := c.Request().Context()
	_, set, err := s.store.InviteByToken(ctx, c.Param("token"))
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return echo.ErrNotFound
		}
		if errors.Is(err, store.ErrInviteExpired) || errors.Is(err, store.ErrInviteRevoked) {
			return s.renderJoin(c, http.StatusGone)
		}
		return err
	}
	u := userOf(c)
	if set.CoachID == u.ID {
		return echo.NewHTTPError(http.StatusUnprocessableEntity)
	}
	// Joining queues the set's questions for review, in the same write.
	if err := s.store.Join(ctx, set.ID, u.ID); err != nil {
		if errors.Is(err, store.ErrAlreadyMember) {
			s.flash(c, "join.already")
			return c.Redirect(http.StatusSeeOther, "/me")
		}
		return err
	}
	s.flash(c, "join.done")
	return c.Redirect(http.StatusSeeOther, "/me")
}

func (s *Server) leaveCoach(c echo.Context) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	if err := s.store.LeaveCoach(c.Request().Context(), userOf(c).ID, id); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return echo.ErrNotFound
		}
		return err
	}
	s.flash(c, "join.left")
	return c.Redirect(http.StatusSeeOther, "/me")
}
