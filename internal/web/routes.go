package web

import (
	"strings"

	"github.com/klauspost/compress/gzhttp"
	"github.com/klauspost/compress/gzip"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// routes registers every route of the app. Keep them all here.
func (s *Server) routes() error {
	e := s.echo
	// Responses of 1 kB and more are gzipped around the whole of echo, so
	// error pages (written by echo's error handler after the middleware
	// has returned) are compressed too. klauspost's gzip takes about half
	// the CPU of the standard library's level 1, for a page as small.
	// Its stateless level keeps no encoder between writes: a pooled
	// level-1 encoder holds 0.8 MB, and the sign-ins' peak RSS rose 16 MB
	// with them. Pages are written in one piece (pooled render buffers),
	// so stateless costs them nothing. It leaves audio alone (already
	// compressed) and any response with a Content-Range, so recordings
	// keep their range requests. Zstd stays off for the same memory.
	gz, err := gzhttp.NewWrapper(gzhttp.MinSize(1024), gzhttp.CompressionLevel(gzip.StatelessCompression),
		gzhttp.EnableZstd(false))
	if err != nil {
		return err
	}
	s.handler = gz(e)
	e.Pre(middleware.RemoveTrailingSlashWithConfig(middleware.TrailingSlashConfig{RedirectCode: 301}))
	e.Use(s.recoverPanic)
	e.Use(s.logRequests)
	e.Use(s.secureHeaders)
	e.Use(s.language)
	e.Use(s.sessionUserSlot)
	e.Use(echo.WrapMiddleware(s.sessions.LoadAndSave))
	e.Use(s.loadUser)
	// After language and user are known, so a 413 page is in the user's
	// language; before csrf, the first middleware to read the body.
	// Practice forms may carry a recording of up to 10 MB.
	e.Use(middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{Limit: "1M", Skipper: isUpload}))
	e.Use(middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{Limit: uploadBodyLimit,
		Skipper: func(c echo.Context) bool { return !isUpload(c) }}))
	e.Use(s.csrf)

	// Operations
	e.GET("/healthz", s.healthz)

	// Static assets, served under fingerprinted names
	e.GET("/static/*", s.serveStatic)
	e.GET("/favicon.ico", s.favicon)

	// Public study pages
	// (visitors get them from a cache of rendered pages)
	pc := s.cachePublic
	e.GET("/", s.home, pc)
	e.GET("/guide", s.guide, pc)
	e.GET("/questions", s.questions, pc)
	e.GET("/questions/:id", s.question, pc)
	e.GET("/ask", s.ask, pc)
	e.GET("/checklist", s.checklist, pc)
	e.GET("/glossary", s.glossary, pc)

	// Accounts
	e.GET("/signup", s.signupForm)
	e.POST("/signup", s.signup)
	e.GET("/signup/sent", s.signupSent)
	e.GET("/signup/confirm/:token", s.confirmSignupForm)
	e.POST("/signup/confirm/:token", s.confirmSignup)
	e.GET("/login", s.loginForm)
	e.POST("/login", s.login)
	e.POST("/logout", s.logout)
	e.GET("/password/forgot", s.forgotForm)
	e.POST("/password/forgot", s.forgot)
	e.GET("/password/reset/:token", s.resetForm)
	e.POST("/password/reset/:token", s.reset)

	// Practice as a visitor: analysed, shown, stored nowhere but the
	// browser; imported into the account after sign-up
	e.GET("/try/:id", s.guestForm)
	e.POST("/try/:id", s.guestAnalyse)

	// Practice and history (signed in)
	// (Route-level middleware, not a Group: an Echo group with middleware
	// would also catch every unknown URL and turn 404s into log-in redirects.)
	u := s.requireUser
	e.GET("/practice/next", s.practiseNext, u)
	e.GET("/practice/:id", s.practiceForm) // visitors go on to /try/:id
	e.POST("/practice/:id", s.savePractice, u)
	e.GET("/attempts/compare", s.compareAttempts, u)
	e.GET("/attempts/:id", s.attempt, u)
	e.POST("/attempts/:id/notes", s.updateNotes, u)
	e.POST("/attempts/:id/ratings", s.rateAttempt, u)
	e.GET("/me/import", s.importForm, u)
	e.POST("/me/import", s.importGuest, u)
	e.GET("/attempts/:id/delete", s.confirmDeleteAttempt, u)
	e.POST("/attempts/:id/delete", s.deleteAttempt, u)
	e.POST("/checklist/:id", s.tickChecklist, u)
	e.POST("/attempts/:id/reply", s.candidateReply, u)
	e.GET("/review", s.review, u)
	e.GET("/recordings/:id", s.serveRecording, u)
	e.POST("/recordings/:id/delete", s.deleteRecording, u)
	e.GET("/mock", s.mockForm, u)
	e.POST("/mock", s.createMock, u)
	e.GET("/mock/:id", s.mockPage, u)
	e.POST("/mock/:id/answer", s.answerMock, u)
	e.POST("/mock/:id/ratings", s.rateMock, u)

	// The Prepare hub: prep sheets, the story bank and drills in one place
	e.GET("/prepare", s.prepare, u)

	// Prep sheets: one per job applied for, with its interview rounds
	// (ids are looked up through the signed-in user: another's is a 404)
	e.GET("/prep", s.prepList, u)
	e.GET("/prep/new", s.newPrepForm, u)
	e.POST("/prep", s.createPrep, u)
	e.GET("/prep/:id", s.prepSheet, u)
	e.POST("/prep/:id", s.updatePrep, u)
	e.GET("/prep/:id/edit", s.editPrepForm, u)
	e.GET("/prep/:id/delete", s.confirmDeletePrep, u)
	e.POST("/prep/:id/delete", s.deletePrep, u)
	e.POST("/prep/:id/mock", s.prepMock, u)
	e.GET("/prep/:id/rounds/new", s.newRoundForm, u)
	e.POST("/prep/:id/rounds", s.createRound, u)
	e.GET("/prep/:id/rounds/:round/edit", s.editRoundForm, u)
	e.POST("/prep/:id/rounds/:round", s.updateRound, u)
	e.GET("/prep/:id/rounds/:round/delete", s.confirmDeleteRound, u)
	e.POST("/prep/:id/rounds/:round/delete", s.deleteRound, u)
	e.GET("/prep/:id/rounds/:round/ics", s.roundICS, u)

	// Coaches' candidates: joining a set, leaving a coach
	e.GET("/join/:token", s.joinPage)
	e.POST("/join/:token", s.join, u)
	e.POST("/me/coaches/:id/leave", s.leaveCoach, u)

	// Your data
	e.GET("/me", s.me, u)
	e.GET("/me/progress", s.progress, u)
	e.GET("/me/settings", s.settings, u)
	e.POST("/me/settings", s.saveSettings, u)
	e.POST("/me/settings/dictation", s.saveCloudDictation, u) // dictation: the answer to the online service
	e.GET("/me/export.json", s.exportJSON, u)
	e.GET("/me/export.md", s.exportMarkdown, u)
	e.GET("/me/delete", s.confirmDeleteAccount, u)
	e.POST("/me/delete", s.deleteAccount, u)

	// Story bank (stories: the signed-in user's own; a coach reads only
	// the shared stories of their sets' members, anything else is a 404)
	e.GET("/stories", s.storiesList, u)
	e.GET("/stories/new", s.newStoryForm, u)
	e.POST("/stories", s.createStory, u)
	e.GET("/stories/coverage", s.storyCoverage, u)
	e.POST("/stories/share", s.shareAllStories, u)
	e.GET("/stories/:id", s.storyPage, u)
	e.POST("/stories/:id", s.updateStory, u)
	e.GET("/stories/:id/edit", s.editStoryForm, u)
	e.GET("/stories/:id/delete", s.confirmDeleteStory, u)
	e.POST("/stories/:id/delete", s.deleteStory, u)
	e.POST("/stories/:id/share", s.shareStory, u)
	e.GET("/coach/stories/:id", s.coachStory, s.requireCoach)
	e.POST("/coach/stories/:id/comments", s.commentStory, s.requireCoach)

	// Coaches (coach accounts only; every id is checked against the coach)
	co := s.requireCoach
	e.GET("/coach", s.coachHome, co)
	e.GET("/coach/sets", s.coachHome, co)
	e.GET("/coach/sets/new", s.newSetForm, co)
	e.POST("/coach/sets", s.createSet, co)
	e.GET("/coach/sets/:id", s.coachSetPage, co)
	e.POST("/coach/sets/:id", s.updateSet, co)
	e.GET("/coach/sets/:id/edit", s.editSetForm, co)
	e.POST("/coach/sets/:id/items", s.addBankItem, co)
	e.POST("/coach/sets/:id/custom", s.addCustomItem, co)
	e.POST("/coach/sets/:id/items/:item/move", s.moveItem, co)
	e.POST("/coach/sets/:id/items/:item/delete", s.deleteItem, co)
	e.POST("/coach/sets/:id/duplicate", s.duplicateSet, co)
	e.POST("/coach/sets/:id/archive", s.archiveSet, co)
	e.POST("/coach/sets/:id/invites", s.createInvite, co)
	e.POST("/coach/sets/:id/invites/:invite/revoke", s.revokeInvite, co)
	e.GET("/coach/sets/:id/export.csv", s.exportCohortCSV, co)
	e.GET("/coach/candidates/:id", s.coachCandidate, co)
	e.GET("/coach/attempts/:id", s.coachAttempt, co)
	e.POST("/coach/attempts/:id/review", s.saveFeedback, co)
	e.POST("/coach/attempts/:id/reply", s.coachReply, co)

	// Sales-maths drills (#16): a drill is looked up through its owner; a
	// coach adds a drill kind to their own set
	e.GET("/drills", s.drillsIndex, u)
	e.POST("/drills/:kind", s.startDrill, u)
	e.GET("/drills/attempts/:id", s.drillPage, u)
	e.POST("/drills/attempts/:id", s.answerDrill, u)
	e.POST("/coach/sets/:id/drills", s.addDrillItem, co)
	// Role-play (#15): scenarios, runs and their scorecards (signed in;
	// a run is its owner's), and coaches' side: a scenario in a set, a
	// member's run to read and comment on
	e.GET("/roleplay", s.roleplayList, u)
	e.GET("/roleplay/runs/:runID", s.roleplayRun, u)
	e.POST("/roleplay/runs/:runID/turns", s.postTurn, u)
	e.POST("/roleplay/runs/:runID/ratings", s.rateRun, u)
	e.GET("/roleplay/:id", s.roleplayBrief, u)
	e.POST("/roleplay/:id", s.startRoleplay, u)
	e.POST("/coach/sets/:id/roleplays", s.addRoleplayItem, co)
	e.GET("/coach/roleplay/runs/:runID", s.coachRun, co)
	e.POST("/coach/roleplay/runs/:runID/comments", s.commentRun, co)
	return nil
}

// isUpload reports whether the request is a multipart practice form,
// which may carry a recording.
func isUpload(c echo.Context) bool {
	r := c.Request()
	if r.Method != "POST" || !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		return false
	}
	switch c.Path() {
	case "/practice/:id", "/mock/:id/answer", "/try/:id":
		return true
	}
	return false
}
