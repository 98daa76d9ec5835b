package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/store"
)

// accountGone reports whether the request was signed in to an account
// that no longer exists.
func (s *Server) accountGone(c echo.Context) bool {
	u := userOf(c)
	if u == nil {
		return false
	}
	_, err := s.store.UserByID(context.WithoutCancel(c.Request().Context()), u.ID)
	return errors.Is(err, store.ErrNotFound)
}

type errorPage struct {
	Code  int
	Title string
	Body  string
}

// handleError is the one error handler: it logs the detail and shows the
// user a safe message in their language.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	code := http.StatusInternalServerError
	var he *echo.HTTPError
	switch {
	case errors.As(err, &he):
		code = he.Code
	case errors.Is(err, store.ErrNotFound):
		code = http.StatusNotFound
	}
	if (code == http.StatusNotFound || code >= 500) && s.accountGone(c) {
		// The account was deleted while this request ran (a save racing
		// the deletion runs into a foreign key to the deleted user, or
		// into its rows being gone): it is signed out, not an error.
		_ = s.sessions.Destroy(c.Request().Context())
		_ = c.Redirect(http.StatusSeeOther, "/login")
		return
	}
	if code >= 500 {
		s.log.Error("request failed", "method", c.Request().Method, "path", c.Request().URL.Path, "err", err)
	}
	key := strconv.Itoa(code)
	if !i18n.Has("error." + key + ".title") {
		switch {
		case code >= 500:
			key = "500"
		default:
			key = "400"
		}
	}
	lang := langOf(c)
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(code)
		return
	}
	p := s.page(c, i18n.T(lang, "error."+key+".title"))
	p.Data = errorPage{Code: code, Title: i18n.T(lang, "error."+key+".title"), Body: i18n.T(lang, "error."+key+".body")}
	c.Response().Header().Set("Cache-Control", "no-store")
	if rerr := s.render(c, code, "error", p); rerr != nil {
		s.log.Error("error page failed", "err", rerr)
		_ = c.String(code, http.StatusText(code))
	}
}
