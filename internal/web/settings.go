package web

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/i18n"
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
	Form           *form
	Zones          []string
	Now            string   // the time now in the saved zone, with its abbreviation
	CloudDictation []string // the answers to dictation through the browser's online service, in the order shown
}

// cloudDictationChoices are the radio buttons of the cloud-dictation
// setting; "ask" stands for store.CloudDictationAsk, the empty answer, so
// that every button has a value.
var cloudDictationChoices = []string{"ask", store.CloudDictationAllow, store.CloudDictationDeny}

func cloudDictationValue(answer string) string {
	if answer == store.CloudDictationAsk {
		return "ask"
	}
	return answer
}

// parseCloudDictation reads a posted choice: "ask", "allow" or "deny".
func parseCloudDictation(v string) (string, bool) {
	if !slices.Contains(cloudDictationChoices, v) {
		return "", false
	}
	if v == "ask" {
		return store.CloudDictationAsk, true
	}
	return v, true
}

// settingsInput is the settings page's form: the time zone, and the answer
// to cloud dictation (absent from an older form: then it stays as it is).
type settingsInput struct {
	TimeZone       string
	CloudDictation *string
}

// readSettings reads and checks the settings form.
func readSettings(c echo.Context) (settingsInput, *form) {
	var sf settingsInput
	f := newForm(c, "tz", "cloud_dictation")
	sf.TimeZone = f.text("tz", true, maxLen("settings.tz"))
	if f.Valid() {
		if _, err := store.LoadZone(sf.TimeZone); err != nil {
			f.fail("tz", "settings.tz.err")
		}
	}
	if _, sent := c.Request().PostForm["cloud_dictation"]; sent {
		if v, ok := parseCloudDictation(f.Get("cloud_dictation")); ok {
			sf.CloudDictation = &v
		} else {
			f.fail("cloud_dictation", "settings.dictation.err")
		}
	}
	return sf, f
}

// settings shows the user's settings: the time zone times and streak
// days are counted in, and whether dictation may use the browser's online
// speech service.
func (s *Server) settings(c echo.Context) error {
	u := userOf(c)
	f := blankForm(langOf(c), "tz", u.Zone(), "cloud_dictation", cloudDictationValue(u.CloudDictation))
	return s.renderSettings(c, http.StatusOK, f)
}

func (s *Server) renderSettings(c echo.Context, status int, f *form) error {
	p := s.page(c, "")
	p.Title, p.Nav = p.T("settings.title"), "settings"
	if !slices.Contains(cloudDictationChoices, f.Get("cloud_dictation")) {
		// A refused answer: the buttons show the saved one.
		f.Values["cloud_dictation"] = cloudDictationValue(userOf(c).CloudDictation)
	}
	p.Data = settingsData{Form: f, Zones: commonZones, Now: p.Time(s.store.Now()), CloudDictation: cloudDictationChoices}
	return s.render(c, status, "settings", p)
}

func (s *Server) saveSettings(c echo.Context) error {
	u := userOf(c)
	sf, f := readSettings(c)
	if !f.Valid() {
		return s.renderSettings(c, http.StatusUnprocessableEntity, f)
	}
	err := s.store.SaveSettings(c.Request().Context(), u.ID, store.Settings{TimeZone: &sf.TimeZone, CloudDictation: sf.CloudDictation})
	switch {
	case errors.Is(err, store.ErrBadTimeZone):
		f.fail("tz", "settings.tz.err")
		return s.renderSettings(c, http.StatusUnprocessableEntity, f)
	case errors.Is(err, store.ErrBadCloudDictation):
		f.fail("cloud_dictation", "settings.dictation.err")
		return s.renderSettings(c, http.StatusUnprocessableEntity, f)
	case err != nil:
		return err
	}
	s.flash(c, "settings.saved")
	return c.Redirect(http.StatusSeeOther, "/me/settings")
}

// saveCloudDictation keeps the answer the dictation control asked for
// (static/js/dictation.js posts it with the X-CSRF-Token header and
// Accept: application/json, and gets 204). A plain form post goes back to
// the settings page.
func (s *Server) saveCloudDictation(c echo.Context) error {
	u := userOf(c)
	v, ok := parseCloudDictation(c.FormValue("cloud_dictation"))
	script := strings.Contains(c.Request().Header.Get(echo.HeaderAccept), echo.MIMEApplicationJSON)
	if !ok {
		if script {
			return c.JSON(http.StatusUnprocessableEntity, map[string]string{"error": i18n.T(langOf(c), "settings.dictation.err")})
		}
		f := &form{Values: map[string]string{"tz": u.Zone()}, Errors: map[string]string{"cloud_dictation": "settings.dictation.err"}, lang: langOf(c)}
		return s.renderSettings(c, http.StatusUnprocessableEntity, f)
	}
	if err := s.store.SetCloudDictation(c.Request().Context(), u.ID, v); err != nil {
		return err
	}
	if script {
		return c.NoContent(http.StatusNoContent)
	}
	s.flash(c, "settings.saved")
	return c.Redirect(http.StatusSeeOther, "/me/settings")
}
