package web

import (
	"fmt"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/i18n"
)

const langCookie = "lang"

// contentSecurityPolicy allows only this origin: no inline script or style,
// no third-party source, no framing.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; media-src 'self' blob:; object-src 'none'; base-uri 'none'; " +
	"form-action 'self'; frame-ancestors 'none'"

func (s *Server) secureHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), geolocation=(), microphone=(self)")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if s.viaHTTPS(c.Request()) {
			h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
			// Whoever set them (the session manager, CSRF, language),
			// cookies sent over HTTPS are Secure.
			c.Response().Before(func() { markCookiesSecure(h) })
		}
		return next(c)
	}
}

// markCookiesSecure adds the Secure attribute to every Set-Cookie in h.
func markCookiesSecure(h http.Header) {
	vals := h.Values("Set-Cookie")
	if len(vals) == 0 {
		return
	}
	h.Del("Set-Cookie")
	for _, v := range vals {
		secure := false
		for _, attr := range strings.Split(v, ";")[1:] {
			if strings.EqualFold(strings.TrimSpace(attr), "secure") {
				secure = true
			}
		}
		if !secure {
			v += "; Secure"
		}
		h.Add("Set-Cookie", v)
	}
}

// language picks the user's language and remembers an explicit ?lang= choice
// in a cookie.
func (s *Server) language(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		lang := i18n.FromRequest(r, langCookie)
		if q := r.URL.Query().Get("lang"); i18n.Supported(q) {
			if ck, err := r.Cookie(langCookie); err != nil || ck.Value != q {
				c.SetCookie(&http.Cookie{Name: langCookie, Value: q, Path: "/", MaxAge: 365 * 24 * 3600,
					HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure || s.viaHTTPS(r)})
			}
		}
		c.Set("lang", lang)
		c.Response().Header().Add("Vary", "Accept-Language, Cookie")
		return next(c)
	}
}

func langOf(c echo.Context) string {
	if l, ok := c.Get("lang").(string); ok {
		return l
	}
	return i18n.Default
}

func (s *Server) logRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		r := c.Request()
		s.log.Debug("request", "method", r.Method, "path", r.URL.Path, "status", c.Response().Status,
			"bytes", c.Response().Size, "duration", time.Since(start))
		return nil
	}
}

func (s *Server) recoverPanic(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "value", v, "stack", string(debug.Stack()))
				err = fmt.Errorf("panic: %v", v)
			}
		}()
		return next(c)
	}
}
