package web

import (
	"errors"
	"net/http"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/auth"
	"github.com/aeprep/aeprep/internal/store"
)

type forgotData struct {
	Form  *form
	ToLog bool // emails go to the server's log
}

func (s *Server) forgotForm(c echo.Context) error {
	f := blankForm(langOf(c), "email", c.QueryParam("email"))
	return s.renderForgot(c, http.StatusOK, f)
}

func (s *Server) renderForgot(c echo.Context, status int, f *form) error {
	p := s.page(c, "")
	p.Title, p.Nav, p.Data = p.T("forgot.title"), "login", forgotData{Form: f, ToLog: s.mailLog}
	return s.render(c, status, "password_forgot", p)
}

// forgot emails a reset link when the address has an account, and a note
// saying so when it has none: the answer on screen, and the work done,
// are the same either way.
func (s *Server) forgot(c echo.Context) error {
	if err := s.rateLimited(c, "reset:ip:"+c.RealIP(), s.limits.ResetsPerIP, time.Hour); err != nil {
		return err
	}
	f := newForm(c, "email")
	email := store.NormaliseEmail(f.text("email", true, maxLen("account.email")))
	if email != "" && !validEmail(email) {
		f.fail("email", "form.err.email")
	}
	if !f.Valid() {
		return s.renderForgot(c, http.StatusUnprocessableEntity, f)
	}
	if err := s.rateLimited(c, "reset:email:"+email, s.limits.MailsPerAddress, time.Hour); err != nil {
		return err
	}
	ctx := c.Request().Context()
	u, err := s.store.UserByEmail(ctx, email)
	switch {
	case errors.Is(err, store.ErrNotFound):
		err = s.store.QueueMail(ctx, s.mailTo(email, langOf(c), "mail.noaccount", s.link(c, "/signup")))
	case err != nil:
		return err
	default:
		err = s.store.CreatePasswordReset(ctx, u.ID, resetTTL, func(token string) store.Mail {
			return s.mailTo(u.Email, u.Lang, "mail.reset", s.link(c, "/password/reset/"+token))
		})
	}
	if err != nil {
		return err
	}
	s.outbox.Kick()
	s.flash(c, "flash.forgot.sent")
	return c.Redirect(http.StatusSeeOther, "/login")
}

type resetData struct {
	Form  *form
	Email string
	Token string
}

func (s *Server) renderReset(c echo.Context, status int, d resetData) error {
	p := s.page(c, "")
	p.Nav, p.Data = "login", d
	p.Title = p.T("reset.title")
	if d.Token == "" {
		p.Title = p.T("reset.bad.title")
	}
	return s.render(c, status, "password_reset", p)
}

func (s *Server) resetForm(c echo.Context) error {
	token := c.Param("token")
	u, err := s.store.UserByResetToken(c.Request().Context(), token)
	if errors.Is(err, store.ErrNotFound) {
		return s.renderReset(c, http.StatusNotFound, resetData{})
	}
	if err != nil {
		return err
	}
	f := blankForm(langOf(c))
	return s.renderReset(c, http.StatusOK, resetData{Form: f, Email: u.Email, Token: token})
}

// reset sets the new password, signs out every session of the account
// and signs this browser in under a new session.
func (s *Server) reset(c echo.Context) error {
	token := c.Param("token")
	ctx := c.Request().Context()
	u, err := s.store.UserByResetToken(ctx, token)
	if errors.Is(err, store.ErrNotFound) {
		return s.renderReset(c, http.StatusNotFound, resetData{})
	}
	if err != nil {
		return err
	}
	f := newForm(c, "password")
	pw := f.Values["password"]
	f.Values["password"] = ""
	if msg := passwordProblem(pw); msg != "" {
		f.fail("password", msg)
		return s.renderReset(c, http.StatusUnprocessableEntity, resetData{Form: f, Email: u.Email, Token: token})
	}
	hash, err := auth.Hash(pw)
	if err != nil {
		return err
	}
	u, err = s.store.ResetPassword(ctx, token, hash)
	if errors.Is(err, store.ErrNotFound) { // used up by a request a moment ago
		return s.renderReset(c, http.StatusNotFound, resetData{})
	}
	if err != nil {
		return err
	}
	_ = s.store.ResetHitsWithPrefix(ctx, store.LoginKeyPrefix(u.Email))
	if err := s.startSession(c, u); err != nil {
		return err
	}
	s.flash(c, "flash.reset.done")
	return c.Redirect(http.StatusSeeOther, homeOf(u))
}

// passwordProblem names what is wrong with a new password, or "".
func passwordProblem(pw string) string {
	switch {
	case pw == "":
		return "form.err.required"
	case !utf8.ValidString(pw):
		return "form.err.encoding"
	case utf8.RuneCountInString(pw) < auth.MinPasswordLen:
		return "form.err.password.short"
	case len(pw) > auth.MaxPasswordLen:
		return "form.err.toolong"
	}
	return ""
}
