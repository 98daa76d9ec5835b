package web

import (
	"github.com/labstack/echo/v4/middleware"
)

// routes registers every route of the app. Keep them all here.
func (s *Server) routes() {
	e := s.echo
	e.Pre(middleware.RemoveTrailingSlashWithConfig(middleware.TrailingSlashConfig{RedirectCode: 301}))
	e.Use(s.recoverPanic)
	e.Use(s.logRequests)
	e.Use(secureHeaders)
	e.Use(middleware.BodyLimit("1M"))
	e.Use(middleware.GzipWithConfig(middleware.GzipConfig{Level: 5, MinLength: 1024}))
	e.Use(s.language)

	// Operations
	e.GET("/healthz", s.healthz)

	// Static assets, served under fingerprinted names
	e.GET("/static/*", s.serveStatic)

	// Public study pages
	e.GET("/", s.home)
	e.GET("/guide", s.guide)
	e.GET("/questions", s.questions)
	e.GET("/questions/:id", s.question)
	e.GET("/ask", s.ask)
	e.GET("/checklist", s.checklist)
}
