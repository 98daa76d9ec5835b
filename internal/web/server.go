// Package web is aeprep's HTTP layer: Echo routes, handlers, templates,
// middleware and the single error handler.
package web

import (
	"context"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/content"
	"github.com/aeprep/aeprep/internal/library"
	"github.com/aeprep/aeprep/internal/mail"
	"github.com/aeprep/aeprep/internal/roleplay"
	"github.com/aeprep/aeprep/internal/store"
	"github.com/aeprep/aeprep/static"
	"github.com/aeprep/aeprep/templates"
)

// Options are the dependencies of a Server.
type Options struct {
	Store   *store.Store
	Library *library.Library
	// Roleplays are the role-play scenarios; nil loads the built-in ones.
	Roleplays *roleplay.Library
	Logger    *slog.Logger
	// Templates and Static default to the embedded copies.
	Templates fs.FS
	Static    fs.FS
	// SecureCookies marks cookies Secure; set it when served over TLS.
	SecureCookies bool
	// SessionIdle and SessionLifetime bound a session: it ends after this
	// much inactivity, or this long after login, whichever comes first.
	SessionIdle     time.Duration
	SessionLifetime time.Duration
	// Limits are the rate limits; zero values take the defaults.
	Limits Limits
	// TrustedProxies are reverse proxies whose X-Forwarded-For and
	// X-Forwarded-Proto headers are believed.
	TrustedProxies []*net.IPNet
	// Outbox is woken when a handler queues mail; nil leaves queued mail
	// to the delivery loop's next look.
	Outbox *mail.Outbox
	// MailToLog says emails go to the server's log (no SMTP server): the
	// "check your email" pages then say where to look.
	MailToLog bool
	// BaseURL is the public address that links in emails start with, e.g.
	// https://aeprep.example.com. Empty takes the request's own scheme and
	// host, which only tests should rely on: a client chooses its Host
	// header.
	BaseURL string
}

// Limits caps how often one IP or one account may try something.
type Limits struct {
	LoginPerIP      int // per LoginWindow
	LoginPerAccount int
	LoginWindow     time.Duration
	SignupPerIP     int // per SignupWindow
	SignupWindow    time.Duration
	// MailsPerAddress caps the sign-up and reset emails one address gets
	// per hour, so nobody's inbox can be flooded through aeprep.
	MailsPerAddress int
	ResetsPerIP     int // password-reset requests per IP per hour
}

func (l Limits) withDefaults() Limits {
	if l.LoginPerIP == 0 {
		l.LoginPerIP = 30
	}
	if l.LoginPerAccount == 0 {
		l.LoginPerAccount = 10
	}
	if l.LoginWindow == 0 {
		l.LoginWindow = 15 * time.Minute
	}
	if l.SignupPerIP == 0 {
		l.SignupPerIP = 20
	}
	if l.SignupWindow == 0 {
		l.SignupWindow = time.Hour
	}
	if l.MailsPerAddress == 0 {
		l.MailsPerAddress = 5
	}
	if l.ResetsPerIP == 0 {
		l.ResetsPerIP = 20
	}
	return l
}

// Server holds what every handler needs.
type Server struct {
	echo *echo.Echo
	// handler is echo behind the response compression (see routes).
	handler http.Handler
	store   *store.Store
	lib     *library.Library
	rp      *roleplay.Library
	log     *slog.Logger
	assets  *assets
	tpl     *renderer

	sessions  *scs.SessionManager
	csrfKey   []byte // signs CSRF tokens; shared by every instance
	sessStore *store.SessionStore
	limits    Limits
	secure    bool
	proxies   []*net.IPNet
	cache     *pageCache
	outbox    *mail.Outbox
	baseURL   string
	rubric    map[string]template.HTML // the practice rubric, per language
	mailLog   bool
}

// viaHTTPS reports whether the client reached us over TLS, directly or
// through a trusted proxy that says so.
func (s *Server) viaHTTPS(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	if len(s.proxies) == 0 || r.Header.Get("X-Forwarded-Proto") != "https" {
		return false
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	for _, n := range s.proxies {
		if n.Contains(ip) {
			return true
		}
	}
	return false
}

// New builds the server: it fingerprints static assets and parses every
// template once, failing if any page is broken.
func New(o Options) (*Server, error) {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Templates == nil {
		o.Templates = templates.FS
	}
	if o.Static == nil {
		o.Static = static.FS
	}
	a, err := newAssets(o.Static)
	if err != nil {
		return nil, err
	}
	tpl, err := newRenderer(o.Templates, a)
	if err != nil {
		return nil, err
	}
	s := &Server{store: o.Store, lib: o.Library, log: o.Logger, assets: a, tpl: tpl,
		limits: o.Limits.withDefaults(), secure: o.SecureCookies, cache: newPageCache(pageCacheEntries, pageCacheBytes),
		outbox: o.Outbox, baseURL: strings.TrimRight(o.BaseURL, "/"), mailLog: o.MailToLog}
	if s.rp = o.Roleplays; s.rp == nil {
		if s.rp, err = roleplay.Load(content.FS); err != nil {
			return nil, err
		}
	}
	if err := s.renderRubrics(); err != nil {
		return nil, err
	}
	if s.csrfKey, err = o.Store.Secret(context.Background(), "csrf"); err != nil {
		return nil, err
	}
	s.sessStore = o.Store.Sessions()
	s.sessStore.UserOf = func(b []byte) int64 {
		_, vals, err := sortedCodec{}.Decode(b)
		if err != nil {
			return 0
		}
		uid, _ := vals[keyUserID].(int64)
		return uid
	}
	s.sessions = newSessionManager(o, s.sessStore)
	e := echo.New()
	// Trust only the TCP peer's address for rate limiting, unless it is a
	// configured proxy; a client cannot pick its own IP with X-Forwarded-For.
	e.IPExtractor = echo.ExtractIPDirect()
	s.proxies = o.TrustedProxies
	if len(o.TrustedProxies) > 0 {
		var opts []echo.TrustOption
		opts = append(opts, echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false))
		for _, n := range o.TrustedProxies {
			opts = append(opts, echo.TrustIPRange(n))
		}
		e.IPExtractor = echo.ExtractIPFromXFFHeader(opts...)
	}
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = s.handleError
	s.echo = e
	if err := s.routes(); err != nil {
		return nil, err
	}
	return s, nil
}

// HTTPServer wraps h in an http.Server with the timeouts aeprep uses, so
// the app and the benchmark serve it the same way.
func HTTPServer(h http.Handler, log *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

// ServeHTTP makes Server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// healthz answers 200 when the database answers.
func (s *Server) healthz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
	defer cancel()
	if err := s.store.Ping(ctx); err != nil {
		s.log.Error("health check failed", "err", err)
		return c.String(http.StatusServiceUnavailable, "database unavailable\n")
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.String(http.StatusOK, "ok\n")
}
