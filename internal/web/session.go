package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/alexedwards/scs/v2"
	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/store"
)

const (
	sessionCookie = "aeprep_session"
	csrfCookie    = "aeprep_csrf"
	csrfField     = "_csrf"
	csrfHeader    = "X-CSRF-Token"
	keyUserID     = "uid"
	keyEpoch      = "epoch" // the user's session epoch at login
	keySentTo     = "sent_to"
	keyFlash      = "flash"
	keySavedDraft = "saved_draft"
)

func newSessionManager(o Options, st *store.SessionStore) *scs.SessionManager {
	sm := scs.New()
	sm.IdleTimeout = o.SessionIdle
	if sm.IdleTimeout == 0 {
		sm.IdleTimeout = 24 * time.Hour
	}
	// Skip rewriting an unchanged session whose idle expiry would move by
	// less than 1/20 of the idle timeout (at most a minute): a signed-in
	// page view then costs no database write.
	st.SkipWithin = min(sm.IdleTimeout/20, time.Minute)
	sm.Store = st
	sm.Lifetime = o.SessionLifetime
	if sm.Lifetime == 0 {
		sm.Lifetime = 14 * 24 * time.Hour
	}
	sm.Cookie.Name = sessionCookie
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = o.SecureCookies
	sm.Cookie.Path = "/"
	return sm
}

// loadUser puts the signed-in user, if any, into the context.
func (s *Server) loadUser(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		if uid := s.sessions.GetInt64(ctx, keyUserID); uid != 0 {
			u, err := s.store.UserByID(ctx, uid)
			switch {
			case err == nil && u.SessionEpoch == s.sessions.GetInt(ctx, keyEpoch):
				c.Set("user", u)
			case err == nil || err == store.ErrNotFound:
				// The account is gone, or its password changed since this
				// session signed in.
				_ = s.sessions.Destroy(ctx)
			default:
				return err
			}
		}
		return next(c)
	}
}

func userOf(c echo.Context) *store.User {
	u, _ := c.Get("user").(*store.User)
	return u
}

// requireUser sends visitors to log in, and back here afterwards.
func (s *Server) requireUser(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if userOf(c) != nil {
			return next(c)
		}
		if c.Request().Method != http.MethodGet {
			return echo.NewHTTPError(http.StatusUnauthorized)
		}
		return c.Redirect(http.StatusSeeOther, "/login?next="+url.QueryEscape(c.Request().URL.RequestURI()))
	}
}

// csrf protects every state-changing request with a double-submit token:
// a random value in an HttpOnly SameSite cookie that each form and fetch
// must echo back. It keeps no server state, so any instance can check it.
func (s *Server) csrf(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		token := ""
		if ck, err := c.Cookie(csrfCookie); err == nil && len(ck.Value) == 43 {
			token = ck.Value
		}
		if token == "" {
			b := make([]byte, 32)
			if _, err := rand.Read(b); err != nil {
				return err
			}
			token = base64.RawURLEncoding.EncodeToString(b)
			c.SetCookie(&http.Cookie{Name: csrfCookie, Value: token, Path: "/", HttpOnly: true,
				SameSite: http.SameSiteLaxMode, Secure: s.secure, MaxAge: 30 * 24 * 3600})
		}
		c.Set("csrf", token)
		switch c.Request().Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			return next(c)
		}
		sent := c.Request().Header.Get(csrfHeader)
		if sent == "" {
			// A body cut off by the size limit (one sent without a
			// Content-Length) is a 413, not a missing token.
			// A form with a file (a practice answer with a recording) must
			// be parsed as multipart: once ParseForm has run, FormValue
			// would not look into a multipart body, and the token in it
			// would go unseen.
			r := c.Request()
			var err error
			if strings.HasPrefix(r.Header.Get(echo.HeaderContentType), echo.MIMEMultipartForm) {
				err = r.ParseMultipartForm(32 << 20)
			} else {
				err = r.ParseForm()
			}
			var he *echo.HTTPError
			if errors.As(err, &he) && he.Code == http.StatusRequestEntityTooLarge {
				return he
			}
			sent = c.FormValue(csrfField)
		}
		if _, err := c.Cookie(csrfCookie); err != nil || sent == "" ||
			subtle.ConstantTimeCompare([]byte(sent), []byte(token)) != 1 {
			return echo.NewHTTPError(http.StatusForbidden, "csrf token missing or invalid")
		}
		return next(c)
	}
}

func csrfOf(c echo.Context) string {
	t, _ := c.Get("csrf").(string)
	return t
}

// flash shows a one-time message on the next page. A flash is a courtesy:
// if a visitor's session can't be stored, the page goes on without it.
func (s *Server) flash(c echo.Context, key string) {
	if err := s.put(c, keyFlash, key); err != nil {
		s.log.Warn("flash not stored", "err", err)
	}
}

// put stores a value in the session, first starting a session for a
// visitor who has none.
func (s *Server) put(c echo.Context, key string, val any) error {
	ctx := c.Request().Context()
	if s.sessions.Token(ctx) == "" {
		if err := s.newSession(ctx); err != nil {
			return err
		}
	}
	s.sessions.Put(ctx, key, val)
	return nil
}

// newSession gives the request a fresh session token and inserts its row.
// The store's commit only updates rows that exist (so a logged-out session
// never comes back), which is why a new session is inserted here and not
// at the end of the request.
func (s *Server) newSession(ctx context.Context) error {
	if err := s.sessions.RenewToken(ctx); err != nil {
		return err
	}
	deadline := time.Now().Add(s.sessions.Lifetime).UTC()
	b, err := s.sessions.Codec.Encode(deadline, map[string]any{})
	if err != nil {
		return err
	}
	expiry := deadline
	if ie := time.Now().Add(s.sessions.IdleTimeout).UTC(); ie.Before(expiry) {
		expiry = ie
	}
	return s.sessStore.Insert(ctx, s.sessions.Token(ctx), b, expiry)
}

// safeNext keeps a post-login redirect on this site: it returns next when
// it is a path here, and "" otherwise. Browsers drop tabs and newlines from
// URLs and read a backslash as a slash, so any control character or space,
// raw or percent-encoded, makes next invalid, and what remains must parse as
// a bare path that doesn't start with // or /\.
func safeNext(next string) string {
	if next == "" || len(next) > 2048 || !utf8.ValidString(next) {
		return ""
	}
	decoded := next
	for i := 0; i < 3; i++ { // %25-encoded layers, as a lenient browser might read them
		d, err := url.PathUnescape(decoded)
		if err != nil {
			return ""
		}
		if d == decoded {
			break
		}
		decoded = d
	}
	for _, v := range []string{next, decoded} {
		if strings.IndexFunc(v, func(r rune) bool { return r < 0x20 || r == 0x7f || unicode.IsSpace(r) }) >= 0 ||
			!strings.HasPrefix(v, "/") || strings.HasPrefix(v, "//") || strings.ContainsRune(v, '\\') {
			return ""
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" || !strings.HasPrefix(u.Path, "/") {
		return ""
	}
	return next
}

// rateLimited counts one try against key and answers 429 past limit.
func (s *Server) rateLimited(c echo.Context, key string, limit int, window time.Duration) error {
	ok, retry, err := s.store.Hit(c.Request().Context(), key, limit, window)
	if err != nil {
		return err
	}
	if !ok {
		c.Response().Header().Set("Retry-After", itoa(int(retry.Seconds())+1))
		return echo.NewHTTPError(http.StatusTooManyRequests)
	}
	return nil
}
