package web

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/store"
)

// TestCloudDictationSetting: the answer to dictation through the
// browser's online service is saved from /me/settings (together with the
// time zone, whose behaviour stays), refused in the user's language when
// it is none of the three with the typed zone kept, and handed to the
// dictation control on the practice page as data-cloud.
func TestCloudDictationSetting(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	u := signup(t, ts, c, "dictation-setting@example.com", "en")
	ctx := context.Background()
	zone0 := u.TimeZone
	stored := func() *store.User {
		t.Helper()
		got, err := ts.store.UserByID(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	checked := func(r *response) string {
		t.Helper()
		v, _ := r.doc.Find(`input[name="cloud_dictation"]:checked`).Attr("value")
		return v
	}
	control := func() *goquery.Selection {
		t.Helper()
		r := ts.get(t, c, "/practice/why-sales?lang=en")
		d := r.doc.Find("[data-dictation]")
		if r.StatusCode != 200 || d.Length() != 1 {
			t.Fatalf("practice: %d, %d dictation controls", r.StatusCode, d.Length())
		}
		return d
	}

	page := ts.get(t, c, "/me/settings?lang=en")
	if page.StatusCode != 200 || checked(page) != "ask" || page.doc.Find(`input[name="cloud_dictation"]`).Length() != 3 {
		t.Fatalf("settings: %d, checked %q, %d choices", page.StatusCode, checked(page), page.doc.Find(`input[name="cloud_dictation"]`).Length())
	}
	d := control()
	if v, ok := d.Attr("data-cloud"); !ok || v != "" {
		t.Errorf("a new user's control: data-cloud %q (present %v), want empty: ask", v, ok)
	}
	if d.AttrOr("data-target", "") != "answer" || d.AttrOr("data-lang", "") != "en-US" || d.AttrOr("data-save", "") != "/me/settings/dictation" {
		t.Errorf("control attributes: target %q lang %q save %q", d.AttrOr("data-target", ""), d.AttrOr("data-lang", ""), d.AttrOr("data-save", ""))
	}
	if _, guest := d.Attr("data-guest"); guest {
		t.Error("a signed-in user's control says guest")
	}

	// A value that is none of the three: a clear error in the user's
	// language next to the choice, the zone typed kept, nothing stored.
	for _, lang := range []string{"en", "ja"} {
		ts.get(t, c, "/me/settings?lang="+lang)
		bad := ts.postForm(t, c, "/me/settings", url.Values{"tz": {"Europe/Paris"}, "cloud_dictation": {"sometimes"}})
		if bad.StatusCode != http.StatusUnprocessableEntity || bad.text("#cloud_dictation-error") != i18n.T(lang, "settings.dictation.err") {
			t.Errorf("%s: bad answer: %d %q", lang, bad.StatusCode, bad.text("#cloud_dictation-error"))
		}
		if v, _ := bad.doc.Find("input#tz").Attr("value"); v != "Europe/Paris" {
			t.Errorf("%s: typed zone not kept: %q", lang, v)
		}
		if checked(bad) != "ask" {
			t.Errorf("%s: after a refused answer the saved one should show, got %q", lang, checked(bad))
		}
		if bad.doc.Find(`input[name="cloud_dictation"][aria-invalid="true"]`).Length() != 3 || !strings.Contains(bad.doc.Find("#cloud_dictation").AttrOr("aria-describedby", ""), "cloud_dictation-error") {
			t.Errorf("%s: the choice is not marked invalid", lang)
		}
		// Both wrong: both errors.
		both := ts.postForm(t, c, "/me/settings", url.Values{"tz": {"Mars/Olympus"}, "cloud_dictation": {"ALLOW"}})
		if both.StatusCode != http.StatusUnprocessableEntity || both.text("#tz-error") == "" || both.text("#cloud_dictation-error") == "" {
			t.Errorf("%s: two bad fields: %d, tz %q, dictation %q", lang, both.StatusCode, both.text("#tz-error"), both.text("#cloud_dictation-error"))
		}
	}
	if got := stored(); got.CloudDictation != "" || got.TimeZone != zone0 {
		t.Errorf("a refused form stored something: zone %q, dictation %q", got.TimeZone, got.CloudDictation)
	}

	// Turned off, with the zone, in one save.
	ok := ts.postForm(t, c, "/me/settings", url.Values{"tz": {"Asia/Tokyo"}, "cloud_dictation": {"deny"}})
	if ok.StatusCode != http.StatusSeeOther || ok.Header.Get("Location") != "/me/settings" {
		t.Fatalf("save: %d %q", ok.StatusCode, ok.Header.Get("Location"))
	}
	if got := stored(); got.CloudDictation != store.CloudDictationDeny || got.TimeZone != "Asia/Tokyo" {
		t.Errorf("stored zone %q, dictation %q", got.TimeZone, got.CloudDictation)
	}
	if r := ts.get(t, c, "/me/settings"); checked(r) != "deny" {
		t.Errorf("settings show %q after turning it off", checked(r))
	}
	if v := control().AttrOr("data-cloud", "?"); v != "deny" {
		t.Errorf("control after turning it off: data-cloud %q", v)
	}
	// A form without the field (an older page) leaves the answer alone.
	if r := ts.postForm(t, c, "/me/settings", url.Values{"tz": {"Europe/London"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("zone-only save: %d", r.StatusCode)
	}
	if got := stored(); got.CloudDictation != store.CloudDictationDeny || got.TimeZone != "Europe/London" {
		t.Errorf("zone-only save: zone %q, dictation %q", got.TimeZone, got.CloudDictation)
	}
	// And back to asking.
	ts.postForm(t, c, "/me/settings", url.Values{"tz": {"Europe/London"}, "cloud_dictation": {"ask"}})
	if got := stored(); got.CloudDictation != store.CloudDictationAsk {
		t.Errorf("back to asking: %q", got.CloudDictation)
	}

	// What the control posts when the user answers the question.
	tok := ts.csrfToken(t, c)
	js := func(body string) *response {
		return ts.postRaw(t, c, "/me/settings/dictation", body, csrfHeader, tok, "Accept", "application/json")
	}
	if r := js("cloud_dictation=allow"); r.StatusCode != http.StatusNoContent {
		t.Fatalf("script save: %d %s", r.StatusCode, r.body)
	}
	if got := stored(); got.CloudDictation != store.CloudDictationAllow || got.TimeZone != "Europe/London" {
		t.Errorf("after the script's save: zone %q, dictation %q", got.TimeZone, got.CloudDictation)
	}
	for _, body := range []string{"cloud_dictation=yes", "", "cloud_dictation="} {
		r := js(body)
		var e struct{ Error string }
		if err := json.Unmarshal([]byte(r.body), &e); r.StatusCode != http.StatusUnprocessableEntity || err != nil || e.Error != i18n.T("en", "settings.dictation.err") {
			t.Errorf("script save of %q: %d %s", body, r.StatusCode, r.body)
		}
	}
	if got := stored(); got.CloudDictation != store.CloudDictationAllow {
		t.Errorf("a refused script save changed the answer to %q", got.CloudDictation)
	}
	// The same endpoint as a plain form goes back to the settings page,
	// or shows it with the error.
	if r := ts.postForm(t, c, "/me/settings/dictation", url.Values{"cloud_dictation": {"never"}}); r.StatusCode != http.StatusUnprocessableEntity ||
		r.text("#cloud_dictation-error") != i18n.T("en", "settings.dictation.err") || r.doc.Find(`input[name="cloud_dictation"]:checked`).AttrOr("value", "") != "allow" {
		t.Errorf("bad form save: %d %q", r.StatusCode, r.text("#cloud_dictation-error"))
	}
	// The same endpoint as a plain form goes back to the settings page.
	if r := ts.postForm(t, c, "/me/settings/dictation", url.Values{"cloud_dictation": {"deny"}}); r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/me/settings" {
		t.Errorf("form save: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
	if got := stored(); got.CloudDictation != store.CloudDictationDeny {
		t.Errorf("form save stored %q", got.CloudDictation)
	}

	// A visitor's control keeps the answer in the browser: no preference,
	// no endpoint, no token on it.
	g := ts.get(t, ts.client(t), "/try/why-sales?lang=ja")
	gd := g.doc.Find("[data-dictation]")
	if _, guest := gd.Attr("data-guest"); !guest || gd.AttrOr("data-lang", "") != "ja-JP" {
		t.Errorf("visitor's control: guest %v, lang %q", guest, gd.AttrOr("data-lang", ""))
	}
	for _, a := range []string{"data-cloud", "data-save", "data-csrf"} {
		if _, has := gd.Attr(a); has {
			t.Errorf("visitor's control has %s", a)
		}
	}
}

// TestSaveSettingsIsAllOrNothing: the store refuses a bad value of either
// setting and then stores neither.
func TestSaveSettingsIsAllOrNothing(t *testing.T) {
	ts := newTestServer(t)
	u := signup(t, ts, ts.client(t), "dictation-store@example.com", "en")
	ctx := context.Background()
	zone, bad, deny := "Asia/Tokyo", "maybe", store.CloudDictationDeny
	if err := ts.store.SaveSettings(ctx, u.ID, store.Settings{TimeZone: &zone, CloudDictation: &bad}); err != store.ErrBadCloudDictation {
		t.Fatalf("bad answer: %v", err)
	}
	badZone := "Nowhere/Land"
	if err := ts.store.SaveSettings(ctx, u.ID, store.Settings{TimeZone: &badZone, CloudDictation: &deny}); err != store.ErrBadTimeZone {
		t.Fatalf("bad zone: %v", err)
	}
	if got, _ := ts.store.UserByID(ctx, u.ID); got.TimeZone != u.TimeZone || got.CloudDictation != "" {
		t.Errorf("half saved: zone %q, dictation %q", got.TimeZone, got.CloudDictation)
	}
	if err := ts.store.SetCloudDictation(ctx, u.ID+1000, deny); err != store.ErrNotFound {
		t.Errorf("unknown user: %v", err)
	}
}

// TestDictationPartialCall renders the partial the way another page
// includes it (see the comment at its top): for a textarea "reply", in a
// spoken language other than the page's.
func TestDictationPartialCall(t *testing.T) {
	ts := newTestServer(t)
	var buf bytes.Buffer
	p := &Page{Lang: "ja", CSRF: "tok"}
	err := ts.app.tpl.sets[p.Lang]["practice"].ExecuteTemplate(&buf, "dictation", map[string]any{"Page": p, "Target": "reply", "Lang": "en"})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	d := doc.Find("#reply-dictation[data-dictation]")
	if d.AttrOr("data-target", "") != "reply" || d.AttrOr("data-lang", "") != "en-US" {
		t.Errorf("target %q, lang %q", d.AttrOr("data-target", ""), d.AttrOr("data-lang", ""))
	}
	if doc.Find("#reply-dictation-button").Length() != 1 || doc.Find("#reply-dictation-status[aria-live=polite]").Length() != 1 ||
		doc.Find(`script[src*="js/dictation."]`).Length() != 1 {
		t.Error("the control lacks its button, live status or script")
	}
	if got := strings.TrimSpace(doc.Find("#reply-dictation-allow").Text()); got != i18n.T("ja", "dictation.consent.allow") {
		t.Errorf("buttons are not in the page's language: %q", got)
	}
}
