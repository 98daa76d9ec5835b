// Package web is aeprep's HTTP layer: Echo routes, handlers, templates,
// middleware and the single error handler.
package web

import (
	"context"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/library"
	"github.com/aeprep/aeprep/internal/store"
	"github.com/aeprep/aeprep/static"
	"github.com/aeprep/aeprep/templates"
)

// Options are the dependencies of a Server.
type Options struct {
	Store   *store.Store
	Library *library.Library
	Logger  *slog.Logger
	Now     func() time.Time
	// Templates and Static default to the embedded copies.
	Templates fs.FS
	Static    fs.FS
}

// Server holds what every handler needs.
type Server struct {
	echo   *echo.Echo
	store  *store.Store
	lib    *library.Library
	log    *slog.Logger
	now    func() time.Time
	assets *assets
	tpl    *renderer
}

// New builds the server: it fingerprints static assets and parses every
// template once, failing if any page is broken.
func New(o Options) (*Server, error) {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
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
	s := &Server{store: o.Store, lib: o.Library, log: o.Logger, now: o.Now, assets: a, tpl: tpl}
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = s.handleError
	s.echo = e
	s.routes()
	return s, nil
}

// ServeHTTP makes Server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.echo.ServeHTTP(w, r)
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
