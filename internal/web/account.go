package web

import (
	"errors"
	"net/http"
	"net/mail"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/auth"
	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/store"
)

type accountData struct {
	Form *form
	Next string
}

func (s *Server) signupForm(c echo.Context) error {
	if userOf(c) != nil {
		return c.Redirect(http.StatusSeeOther, "/me")
	}
	f := &form{Values: map[string]string{"lang": langOf(c), "role": "candidate"}, Errors: map[string]string{}, lang: langOf(c)}
	return s.renderAccount(c, http.StatusOK, "signup", f)
}

func (s *Server) signup(c echo.Context) error {
	if err := s.rateLimited(c, "signup:ip:"+c.RealIP(), s.limits.SignupPerIP, s.limits.SignupWindow); err != nil {
		return err
	}
	f := newForm(c, "display_name", "email", "password", "lang", "role", "next")
	name := f.text("display_name", true, 50)
	email := f.text("email", true, 254)
	if email != "" {
		if a, err := mail.ParseAddress(email); err != nil || a.Address != email || !strings.Contains(email[strings.LastIndex(email, "@")+1:], ".") {
			f.fail("email", "form.err.email")
		}
	}
	pw := f.Values["password"]
	switch {
	case pw == "":
		f.fail("password", "form.err.required")
	case !utf8.ValidString(pw):
		f.fail("password", "form.err.encoding")
	case utf8.RuneCountInString(pw) < auth.MinPasswordLen:
		f.fail("password", "form.err.password.short")
	case len(pw) > auth.MaxPasswordLen:
		f.fail("password", "form.err.toolong")
	}
	lang := f.Values["lang"]
	if !i18n.Supported(lang) {
		f.fail("lang", "form.err.choice")
	}
	role := f.Values["role"]
	if role != "candidate" && role != "coach" {
		f.fail("role", "form.err.choice")
	}
	f.Values["password"] = "" // never echo a password back
	if !f.Valid() {
		return s.renderAccount(c, http.StatusUnprocessableEntity, "signup", f)
	}
	hash, err := auth.Hash(pw)
	if err != nil {
		return err
	}
	u := &store.User{Email: email, DisplayName: name, PasswordHash: hash, Lang: lang, IsCoach: role == "coach"}
	if err := s.store.CreateUser(c.Request().Context(), u); err != nil {
		if errors.Is(err, store.ErrEmailTaken) {
			f.fail("email", "form.err.email.taken")
			return s.renderAccount(c, http.StatusUnprocessableEntity, "signup", f)
		}
		return err
	}
	if err := s.startSession(c, u); err != nil {
		return err
	}
	s.flash(c, "flash.welcome")
	return c.Redirect(http.StatusSeeOther, firstNonEmpty(safeNext(f.Values["next"]), "/me"))
}

func (s *Server) loginForm(c echo.Context) error {
	if userOf(c) != nil {
		return c.Redirect(http.StatusSeeOther, firstNonEmpty(safeNext(c.QueryParam("next")), "/me"))
	}
	f := &form{Values: map[string]string{}, Errors: map[string]string{}, lang: langOf(c)}
	return s.renderAccount(c, http.StatusOK, "login", f)
}

func (s *Server) login(c echo.Context) error {
	if err := s.rateLimited(c, "login:ip:"+c.RealIP(), s.limits.LoginPerIP, s.limits.LoginWindow); err != nil {
		return err
	}
	f := newForm(c, "email", "password", "next")
	email := store.NormaliseEmail(f.Values["email"])
	pw := f.Values["password"]
	f.Values["password"] = ""
	if email == "" || pw == "" || !utf8.ValidString(email) || len(pw) > auth.MaxPasswordLen || len(email) > 254 {
		f.fail("email", "login.err")
		return s.renderAccount(c, http.StatusUnprocessableEntity, "login", f)
	}
	if err := s.rateLimited(c, "login:acct:"+email, s.limits.LoginPerAccount, s.limits.LoginWindow); err != nil {
		return err
	}
	ctx := c.Request().Context()
	u, err := s.store.UserByEmail(ctx, email)
	switch {
	case errors.Is(err, store.ErrNotFound):
		err = auth.VerifyNoUser(pw) // same work, same time
	case err != nil:
		return err
	default:
		err = auth.Verify(pw, u.PasswordHash)
	}
	if err != nil {
		f.fail("email", "login.err")
		return s.renderAccount(c, http.StatusUnauthorized, "login", f)
	}
	_ = s.store.ResetHits(ctx, "login:acct:"+email)
	if err := s.startSession(c, u); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, firstNonEmpty(safeNext(f.Values["next"]), "/me"))
}

// startSession signs u in under a fresh session token (no fixation) and
// switches the interface to their language.
func (s *Server) startSession(c echo.Context, u *store.User) error {
	ctx := c.Request().Context()
	if err := s.sessions.RenewToken(ctx); err != nil {
		return err
	}
	s.sessions.Put(ctx, keyUserID, u.ID)
	c.SetCookie(&http.Cookie{Name: langCookie, Value: u.Lang, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure})
	c.Set("lang", u.Lang)
	return nil
}

func (s *Server) logout(c echo.Context) error {
	if err := s.sessions.Destroy(c.Request().Context()); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/")
}

func (s *Server) renderAccount(c echo.Context, status int, page string, f *form) error {
	p := s.page(c, "")
	p.Title, p.Nav = p.T(page+".title"), page
	next := safeNext(f.Values["next"])
	if next == "" {
		next = safeNext(c.QueryParam("next"))
	}
	p.Data = accountData{Form: f, Next: next}
	return s.render(c, status, page, p)
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
