package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/i18n"
)

// One-time notes for the next page: a flash message ("Saved.") and the
// key of a browser draft the page should clear. They travel in a
// short-lived cookie, not in the session: a save or a sign-up then writes
// nothing to the sessions table, and showing the note on the next page
// writes nothing either (with the session it cost two updates a save, each
// queuing for SQLite's write lock). A note is only a courtesy and carries
// nothing secret; what comes back is checked before use: a flash must be
// one of the app's message keys, and a draft key must be the signed-in
// user's own.
const (
	noteCookie = "aeprep_note"
	noteFlash  = "f"
	noteDraft  = "d"
	noteMaxAge = 5 * 60 // seconds: the next page is normally a redirect away
)

var draftKeyRE = regexp.MustCompile(`^aeprep:draft:[0-9]+:[A-Za-z0-9:_-]{1,160}$`)

// notes is a request's view of the note cookie: what came in, what was
// taken and what this response adds.
type notes struct {
	in, out url.Values
	taken   bool
	written bool
}

func notesOf(c echo.Context) *notes {
	if n, ok := c.Get("notes").(*notes); ok {
		return n
	}
	n := &notes{in: url.Values{}, out: url.Values{}}
	if ck, err := c.Request().Cookie(noteCookie); err == nil && len(ck.Value) <= 512 {
		if v, err := url.ParseQuery(ck.Value); err == nil {
			n.in = v
		}
	}
	c.Set("notes", n)
	return n
}

// writeNotes sets the cookie once, just before the response's headers go
// out: with what this response added, or cleared when a note was taken.
func (s *Server) writeNotes(c echo.Context, n *notes) {
	if n.written {
		return
	}
	n.written = true
	c.Response().Before(func() {
		ck := &http.Cookie{Name: noteCookie, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
			Secure: s.secure || s.viaHTTPS(c.Request())}
		switch {
		case len(n.out) > 0:
			ck.Value, ck.MaxAge = n.out.Encode(), noteMaxAge
		case n.taken:
			ck.MaxAge = -1
		default:
			return
		}
		c.SetCookie(ck)
	})
}

// note leaves a note for the next page.
func (s *Server) note(c echo.Context, key, val string) {
	n := notesOf(c)
	n.out.Set(key, val)
	s.writeNotes(c, n)
}

// takeNote returns a note left by the previous response, once.
func (s *Server) takeNote(c echo.Context, key string) string {
	n := notesOf(c)
	v := n.in.Get(key)
	if v == "" {
		return ""
	}
	n.in.Del(key)
	n.taken = true
	s.writeNotes(c, n)
	return v
}

// flash shows a one-time message on the next page.
func (s *Server) flash(c echo.Context, key string) {
	s.note(c, noteFlash, key)
}

// takeFlash returns the message key left for this page, if it is one.
func (s *Server) takeFlash(c echo.Context) string {
	if k := s.takeNote(c, noteFlash); i18n.Has(k) {
		return k
	}
	return ""
}

// saveDraftNote tells the next page to clear the browser draft under key.
func (s *Server) saveDraftNote(c echo.Context, key string) {
	s.note(c, noteDraft, key)
}

// takeDraftNote returns the draft key left for this page, if it is the
// signed-in user's.
func (s *Server) takeDraftNote(c echo.Context) string {
	k := s.takeNote(c, noteDraft)
	u := userOf(c)
	if u == nil || !draftKeyRE.MatchString(k) || !strings.HasPrefix(k, "aeprep:draft:"+strconv.FormatInt(u.ID, 10)+":") {
		return ""
	}
	return k
}
