package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/store"
)

// commonZones are offered in the time-zone field's list; any other IANA
// name is accepted too.
var commonZones = []string{
	"Asia/Tokyo", "Asia/Seoul", "Asia/Shanghai", "Asia/Taipei", "Asia/Hong_Kong", "Asia/Singapore",
	"Asia/Bangkok", "Asia/Jakarta", "Asia/Manila", "Asia/Kolkata", "Asia/Dubai", "Australia/Sydney",
	"Australia/Perth", "Pacific/Auckland", "Pacific/Honolulu", "America/Los_Angeles", "America/Denver",
	"America/Chicago", "America/New_York", "America/Toronto", "America/Sao_Paulo", "America/Mexico_City",
	"Europe/London", "Europe/Dublin", "Europe/Paris", "Europe/Berlin", "Europe/Amsterdam", "Europe/Madrid",
	"Europe/Stockholm", "Europe/Istanbul", "Africa/Johannesburg", "UTC",
}

type settingsData struct {
	Form  *form
	Zones []string
	Now   string // the time now in the saved zone, with its abbreviation
}

// settings shows the user's settings: for now, the time zone times and
// streak days are counted in.
func (s *Server) settings(c echo.Context) error {
	u := userOf(c)
	f := blankForm(langOf(c), "tz", u.Zone())
	return s.renderSettings(c, http.StatusOK, f)
}

func (s *Server) renderSettings(c echo.Context, status int, f *form) error {
	p := s.page(c, "")
	p.Title, p.Nav = p.T("settings.title"), "settings"
	p.Data = settingsData{Form: f, Zones: commonZones, Now: p.Time(s.store.Now())}
	return s.render(c, status, "settings", p)
}

func (s *Server) saveSettings(c echo.Context) error {
	u := userOf(c)
	f := newForm(c, "tz")
	name := f.text("tz", true, maxLen("settings.tz"))
	if f.Valid() {
		if _, err := store.LoadZone(name); err != nil {
			f.fail("tz", "settings.tz.err")
		}
	}
	if !f.Valid() {
		return s.renderSettings(c, http.StatusUnprocessableEntity, f)
	}
	if err := s.store.SetTimeZone(c.Request().Context(), u.ID, name); errors.Is(err, store.ErrBadTimeZone) {
		f.fail("tz", "settings.tz.err")
		return s.renderSettings(c, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	s.flash(c, "settings.saved")
	return c.Redirect(http.StatusSeeOther, "/me/settings")
}
