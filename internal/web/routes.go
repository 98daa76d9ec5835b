package web

import (
	"github.com/labstack/echo/v4"
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
	e.Use(echo.WrapMiddleware(s.sessions.LoadAndSave))
	e.Use(s.loadUser)
	e.Use(s.csrf)

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

	// Accounts
	e.GET("/signup", s.signupForm)
	e.POST("/signup", s.signup)
	e.GET("/login", s.loginForm)
	e.POST("/login", s.login)
	e.POST("/logout", s.logout)

	// Practice and history (signed in)
	// (Route-level middleware, not a Group: an Echo group with middleware
	// would also catch every unknown URL and turn 404s into log-in redirects.)
	u := s.requireUser
	e.GET("/practice/:id", s.practiceForm, u)
	e.POST("/practice/:id", s.savePractice, u)
	e.GET("/attempts/compare", s.compareAttempts, u)
	e.GET("/attempts/:id", s.attempt, u)
	e.POST("/attempts/:id/notes", s.updateNotes, u)
	e.GET("/attempts/:id/delete", s.confirmDeleteAttempt, u)
	e.POST("/attempts/:id/delete", s.deleteAttempt, u)
	e.POST("/checklist/:id", s.tickChecklist, u)

	// Your data
	e.GET("/me", s.me, u)
	e.GET("/me/export.json", s.exportJSON, u)
	e.GET("/me/export.md", s.exportMarkdown, u)
	e.GET("/me/delete", s.confirmDeleteAccount, u)
	e.POST("/me/delete", s.deleteAccount, u)
}
