package web

import (
	"errors"
	"net/http"
	"net/mail"
	"strings"
	"time"
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
	if u := userOf(c); u != nil {
		return c.Redirect(http.StatusSeeOther, homeOf(u))
	}
	f := blankForm(langOf(c), "lang", langOf(c), "role", "candidate")
	return s.renderAccount(c, http.StatusOK, "signup", f)
}

// signupInput is the sign-up form, checked.
type signupInput struct {
	Name, Email, Password string
	Lang, Role            string // a supported language; "candidate" or "coach"
	Next, TZ              string // where to go after confirming; the browser's time zone
}

// readSignup reads and checks the sign-up form. The password is never
// echoed back in the form.
func readSignup(c echo.Context) (signupInput, *form) {
	f := newForm(c, "display_name", "email", "password", "lang", "role", "next", "tz")
	in := signupInput{Password: f.Values["password"], Lang: f.Values["lang"], Role: f.Values["role"],
		Next: f.Values["next"], TZ: f.Values["tz"]}
	in.Name = f.text("display_name", true, maxLen("account.display_name"))
	in.Email = f.text("email", true, maxLen("account.email"))
	if in.Email != "" && !validEmail(in.Email) {
		f.fail("email", "form.err.email")
	}
	if msg := passwordProblem(in.Password); msg != "" {
		f.fail("password", msg)
	}
	if !i18n.Supported(in.Lang) {
		f.fail("lang", "form.err.choice")
	}
	if in.Role != "candidate" && in.Role != "coach" {
		f.fail("role", "form.err.choice")
	}
	f.Values["password"] = ""
	return in, f
}

func (s *Server) signup(c echo.Context) error {
	if err := s.rateLimited(c, "signup:ip:"+c.RealIP(), s.limits.SignupPerIP, s.limits.SignupWindow); err != nil {
		return err
	}
	in, f := readSignup(c)
	if !f.Valid() {
		return s.renderAccount(c, http.StatusUnprocessableEntity, "signup", f)
	}
	name, email, pw, lang, role := in.Name, in.Email, in.Password, in.Lang, in.Role
	// From here on the answer is the same whether or not the address has
	// an account, and so is the work done (one hash, one mail queued): the
	// form can't be used to find out who uses aeprep.
	email = store.NormaliseEmail(email)
	if err := s.rateLimited(c, "signup:email:"+email, s.limits.MailsPerAddress, time.Hour); err != nil {
		return err
	}
	hash, err := auth.Hash(pw)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	existing, err := s.store.UserByEmail(ctx, email)
	switch {
	case errors.Is(err, store.ErrNotFound):
		su := &store.Signup{Email: email, DisplayName: name, PasswordHash: hash, Lang: lang,
			IsCoach: role == "coach", Next: safeNext(in.Next), TimeZone: signupZone(in.TZ, lang)}
		err = s.store.CreateSignup(ctx, su, signupTTL, func(token string) store.Mail {
			return s.mailTo(email, lang, "mail.confirm", s.link(c, "/signup/confirm/"+token))
		})
	case err != nil:
		return err
	default:
		err = s.store.QueueMail(ctx, s.mailTo(email, existing.Lang, "mail.exists",
			s.link(c, "/login"), s.link(c, "/password/forgot")))
	}
	if err != nil {
		return err
	}
	s.outbox.Kick()
	if err := s.put(c, keySentTo, email); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/signup/sent")
}

const (
	signupTTL = 24 * time.Hour // how long a confirmation link works
	resetTTL  = time.Hour      // how long a password-reset link works
)

// mailTo composes the email key.subject / key.body in lang; args fill
// the body's placeholders.
func (s *Server) mailTo(to, lang, key string, args ...any) store.Mail {
	return store.Mail{ToAddr: to, Subject: i18n.T(lang, key+".subject"), Body: i18n.T(lang, key+".body", args...)}
}

// link makes an absolute URL for an email.
func (s *Server) link(c echo.Context, path string) string {
	base := s.baseURL
	if base == "" {
		base = c.Scheme() + "://" + c.Request().Host
	}
	return base + path
}

type sentData struct {
	To    string // the address, when this browser just signed up
	ToLog bool   // emails go to the server's log
}

// signupSent tells a new user to look in their inbox.
func (s *Server) signupSent(c echo.Context) error {
	p := s.page(c, "")
	p.Title, p.Nav = p.T("sent.title"), "signup"
	p.Data = sentData{To: s.sessions.GetString(c.Request().Context(), keySentTo), ToLog: s.mailLog}
	return s.render(c, http.StatusOK, "signup_sent", p)
}

type confirmData struct {
	Signup *store.Signup
	Token  string
}

// confirmSignupForm shows what the account will be; the account is made
// by the POST, so a mail scanner opening the link creates nothing.
func (s *Server) confirmSignupForm(c echo.Context) error {
	token := c.Param("token")
	su, err := s.store.SignupByToken(c.Request().Context(), token)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	p := s.page(c, "")
	p.Nav = "signup"
	if err != nil {
		p.Title = p.T("confirm.bad.title")
		p.Data = confirmData{}
		return s.render(c, http.StatusNotFound, "signup_confirm", p)
	}
	p.Title = p.T("confirm.title")
	p.Data = confirmData{Signup: su, Token: token}
	return s.render(c, http.StatusOK, "signup_confirm", p)
}

// confirmSignup creates the account, signs it in and goes on to the page
// the person was heading for when they signed up.
func (s *Server) confirmSignup(c echo.Context) error {
	u, next, err := s.store.ConfirmSignup(c.Request().Context(), c.Param("token"))
	switch {
	case errors.Is(err, store.ErrNotFound):
		p := s.page(c, "")
		p.Title, p.Nav, p.Data = p.T("confirm.bad.title"), "signup", confirmData{}
		return s.render(c, http.StatusNotFound, "signup_confirm", p)
	case errors.Is(err, store.ErrEmailTaken):
		s.flash(c, "confirm.taken")
		return c.Redirect(http.StatusSeeOther, "/login")
	case err != nil:
		return err
	}
	if err := s.startSession(c, u); err != nil {
		return err
	}
	if u.IsCoach {
		s.flash(c, "flash.welcome.coach")
	} else {
		s.flash(c, "flash.welcome")
	}
	return c.Redirect(http.StatusSeeOther, firstNonEmpty(safeNext(next), homeOf(u)))
}

// homeOf is where a user lands after signing in: a coach's own home, or
// the candidate's page.
func homeOf(u *store.User) string {
	if u.IsCoach {
		return "/coach"
	}
	return "/me"
}

// signupZone is a new account's time zone: the one the browser reported
// (a hidden field filled by script) when the system knows it, otherwise
// the default of the chosen language.
func signupZone(fromBrowser, lang string) string {
	if _, err := store.LoadZone(fromBrowser); err == nil {
		return fromBrowser
	}
	return store.DefaultTimeZone(lang)
}

func (s *Server) loginForm(c echo.Context) error {
	if userOf(c) != nil {
		return c.Redirect(http.StatusSeeOther, firstNonEmpty(safeNext(c.QueryParam("next")), homeOf(userOf(c))))
	}
	f := blankForm(langOf(c))
	return s.renderAccount(c, http.StatusOK, "login", f)
}

// loginInput is the log-in form, checked only for shape: whether the
// account exists is never told apart from a wrong password.
type loginInput struct{ Email, Password, Next string }

func readLogin(c echo.Context) (loginInput, *form) {
	f := newForm(c, "email", "password", "next")
	in := loginInput{Email: store.NormaliseEmail(f.Values["email"]), Password: f.Values["password"], Next: f.Values["next"]}
	f.Values["password"] = ""
	if in.Email == "" || in.Password == "" || !utf8.ValidString(in.Email) ||
		len(in.Password) > maxLen("account.password") || len(in.Email) > maxLen("account.email") {
		f.fail("email", "login.err")
	}
	return in, f
}

func (s *Server) login(c echo.Context) error {
	if err := s.rateLimited(c, "login:ip:"+c.RealIP(), s.limits.LoginPerIP, s.limits.LoginWindow); err != nil {
		return err
	}
	in, f := readLogin(c)
	if !f.Valid() {
		return s.renderAccount(c, http.StatusUnprocessableEntity, "login", f)
	}
	email, pw := in.Email, in.Password
	if err := s.rateLimited(c, store.LoginKey(email, c.RealIP()), s.limits.LoginPerAccount, s.limits.LoginWindow); err != nil {
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
	_ = s.store.ResetHits(ctx, store.LoginKey(email, c.RealIP()))
	if err := s.startSession(c, u); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, firstNonEmpty(safeNext(in.Next), homeOf(u)))
}

// startSession signs u in under a fresh session token (no fixation) and
// switches the interface to their language.
func (s *Server) startSession(c echo.Context, u *store.User) error {
	ctx := c.Request().Context()
	if err := s.newSession(ctx); err != nil {
		return err
	}
	s.sessions.Put(ctx, keyUserID, u.ID)
	s.sessions.Put(ctx, keyEpoch, u.SessionEpoch)
	s.sessions.Remove(ctx, keySentTo)
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

// validEmail accepts a bare address with a dot in its domain.
func validEmail(email string) bool {
	a, err := mail.ParseAddress(email)
	return err == nil && a.Address == email && strings.Contains(email[strings.LastIndex(email, "@")+1:], ".")
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
