package web

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/gob"
	"errors"
	"net/http"
	"net/url"
	"sort"
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
	sm.Codec = sortedCodec{}
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

// sortedCodec encodes a session as scs's gob codec does, but with its
// values in key order. Gob writes a map in Go's map order, which changes
// from one encoding to the next, so a session with two values (the user
// and the epoch) came out as different bytes on about half the requests,
// and the store's check for an unchanged session (see
// store.SessionStore.SkipWithin) rewrote it. Sessions stored by scs's own
// codec still decode.
type sortedCodec struct{}

type sortedSession struct {
	Deadline time.Time
	Keys     []string
	Values   []any
}

func (sortedCodec) Encode(deadline time.Time, values map[string]any) ([]byte, error) {
	p := sortedSession{Deadline: deadline, Keys: make([]string, 0, len(values))}
	for k := range values {
		p.Keys = append(p.Keys, k)
	}
	sort.Strings(p.Keys)
	for _, k := range p.Keys {
		p.Values = append(p.Values, values[k])
	}
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(&p); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func (sortedCodec) Decode(b []byte) (time.Time, map[string]any, error) {
	var p sortedSession
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&p); err != nil || len(p.Keys) != len(p.Values) {
		return scs.GobCodec{}.Decode(b)
	}
	values := make(map[string]any, len(p.Keys))
	for i, k := range p.Keys {
		values[k] = p.Values[i]
	}
	return p.Deadline, values, nil
}

// sessionUserSlot lets the session store read the session's user in the
// same query as the session (store.WithSessionUser); loadUser takes it.
func (s *Server) sessionUserSlot(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx, _ := store.WithSessionUser(c.Request().Context())
		c.SetRequest(c.Request().WithContext(ctx))
		return next(c)
	}
}

// loadUser puts the signed-in user, if any, into the context: the one
// read with the session when it is the one the session names, else read
// now (a session stored before its user was kept beside it).
func (s *Server) loadUser(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		if uid := s.sessions.GetInt64(ctx, keyUserID); uid != 0 {
			var (
				u   *store.User
				err error
			)
			if su := store.SessionUserOf(ctx); su != nil && su.User != nil && su.User.ID == uid {
				u = su.User
			} else {
				u, err = s.store.UserByID(ctx, uid)
			}
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

// csrf protects every state-changing request in two ways, each enough
// on its own against a browser:
//
//   - Where it comes from: a browser names the page's origin (Origin, and
//     Sec-Fetch-Site); a POST from any other origin is refused, including
//     another port or a sibling subdomain of this site, which share its
//     cookies.
//   - A token bound to the session: for a signed-in user an HMAC of the
//     session token, so it changes at every log-in and is worth nothing
//     with another session; for a visitor (the log-in, sign-up and password
//     forms) an HMAC of a random pre-session cookie. Tokens are signed with
//     a key in the database, so any instance can check them, and nobody
//     without the key can make one for a cookie value they chose.
//
// The token is read from the X-CSRF-Token header or the form body, never
// from the query string.
func (s *Server) csrf(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		pre := ""
		if ck, err := r.Cookie(csrfCookie); err == nil && len(ck.Value) == 43 {
			pre = ck.Value
		}
		if pre == "" {
			b := make([]byte, 32)
			if _, err := rand.Read(b); err != nil {
				return err
			}
			pre = base64.RawURLEncoding.EncodeToString(b)
			c.SetCookie(&http.Cookie{Name: csrfCookie, Value: pre, Path: "/", HttpOnly: true,
				SameSite: http.SameSiteLaxMode, Secure: s.secure || s.viaHTTPS(r), MaxAge: 30 * 24 * 3600})
			pre = "" // a cookie made now was not sent: no token can match it
		}
		visitorToken := ""
		if pre != "" {
			visitorToken = s.csrfMAC("visitor", pre)
		}
		token := visitorToken
		if userOf(c) != nil {
			token = s.csrfMAC("session", s.sessions.Token(r.Context()))
		}
		if token == "" {
			// A first visit: the form carries the token of the cookie set
			// above.
			token = s.csrfMAC("visitor", cookieSet(c, csrfCookie))
		}
		c.Set("csrf", token)
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			return next(c)
		}
		if !s.sameOrigin(r) {
			return echo.NewHTTPError(http.StatusForbidden, "cross-origin request")
		}
		sent := r.Header.Get(csrfHeader)
		if sent == "" {
			// A body cut off by the size limit (one sent without a
			// Content-Length) is a 413, not a missing token.
			// A form with a file (a practice answer with a recording) must
			// be parsed as multipart: once ParseForm has run, FormValue
			// would not look into a multipart body, and the token in it
			// would go unseen.
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
			sent = r.PostForm.Get(csrfField) // the body only, not the query string
		}
		signedIn := userOf(c) != nil
		ok := sent != "" && (signedIn && subtle.ConstantTimeCompare([]byte(sent), []byte(token)) == 1 ||
			// A visitor's form, or a log-in or sign-up form opened before
			// signing in in another tab.
			pre != "" && (!signedIn || visitorForm(c.Path())) &&
				subtle.ConstantTimeCompare([]byte(sent), []byte(visitorToken)) == 1)
		if !ok && !signedIn && sent != "" {
			// A token we gave a session that has ended since (logged out
			// elsewhere, expired, its account deleted while this form was
			// open or this request ran): the answer is "signed out".
			if ck, err := r.Cookie(sessionCookie); err == nil && ck.Value != "" &&
				subtle.ConstantTimeCompare([]byte(sent), []byte(s.csrfMAC("session", ck.Value))) == 1 {
				return c.Redirect(http.StatusSeeOther, "/login")
			}
		}
		if !ok {
			return echo.NewHTTPError(http.StatusForbidden, "csrf token missing or invalid")
		}
		return next(c)
	}
}

// visitorForm reports whether the route is one of the forms a visitor
// posts, which take the pre-session token even once signed in.
func visitorForm(path string) bool {
	switch path {
	case "/login", "/signup", "/signup/confirm/:token", "/password/forgot", "/password/reset/:token":
		return true
	}
	return false
}

// cookieSet returns the value of the cookie called name that this
// response sets.
func cookieSet(c echo.Context, name string) string {
	for _, v := range c.Response().Header().Values("Set-Cookie") {
		if ck, err := http.ParseSetCookie(v); err == nil && ck.Name == name {
			return ck.Value
		}
	}
	return ""
}

// csrfMAC signs value (a session token or a pre-session cookie) for use
// as a CSRF token.
func (s *Server) csrfMAC(kind, value string) string {
	m := hmac.New(sha256.New, s.csrfKey)
	m.Write([]byte(kind + "\x00" + value))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// sameOrigin reports whether a state-changing request comes from this
// site's own pages. A browser sends Origin with every POST (and
// Sec-Fetch-Site); when present it must be this origin: the public
// address (-base-url) or the address the request was sent to, with the
// scheme the client used (TLS directly or through a trusted proxy).
// Requests without either header come from programs, not browsers, and
// are left to the token.
func (s *Server) sameOrigin(r *http.Request) bool {
	if o := r.Header.Get("Origin"); o != "" {
		scheme := "http"
		if s.viaHTTPS(r) {
			scheme = "https"
		}
		if strings.EqualFold(o, scheme+"://"+r.Host) {
			return true
		}
		if s.baseURL != "" {
			if u, err := url.Parse(s.baseURL); err == nil && strings.EqualFold(o, u.Scheme+"://"+u.Host) {
				return true
			}
		}
		return false
	}
	switch r.Header.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none":
		return true
	}
	return false
}

func csrfOf(c echo.Context) string {
	t, _ := c.Get("csrf").(string)
	return t
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
	// Session deadlines follow the wall clock, not the store's: the session
	// manager checks them against time.Now itself.
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
