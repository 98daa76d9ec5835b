package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aeprep/aeprep/internal/i18n"
)

// TestPasswordReset walks the forgotten-password flow as a person would:
// ask for a link, open the email, choose a new password; every other
// device is signed out and the link works once.
func TestPasswordReset(t *testing.T) {
	ts := newTestServer(t)
	laptop, phone := ts.client(t), ts.client(t)
	u := signup(t, ts, laptop, "forgetful@example.com", "ja")
	if r := ts.login(t, phone, "ja", "forgetful@example.com", testPassword); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("second device login: %d", r.StatusCode)
	}
	mails := len(ts.inbox.to("forgetful@example.com"))

	// The login page links to the form.
	if lp := ts.get(t, ts.client(t), "/login?lang=en"); lp.doc.Find(`a[href="/password/forgot"]`).Length() != 1 {
		t.Error("the login page has no forgotten-password link")
	}
	c := ts.client(t)
	form := ts.get(t, c, "/password/forgot?lang=en")
	if form.StatusCode != 200 || h1(form) != i18n.T("en", "forgot.title") || form.doc.Find(`label[for="email"]`).Length() != 1 {
		t.Fatalf("forgot form: %d %q", form.StatusCode, h1(form))
	}
	// A bad address comes back with the text typed and an error in the
	// page's language.
	for _, lang := range []string{"ja", "en"} {
		ts.get(t, c, "/password/forgot?lang="+lang)
		bad := ts.postForm(t, c, "/password/forgot", url.Values{"email": {"not-an-address"}})
		if bad.StatusCode != http.StatusUnprocessableEntity || bad.text("#email-error") != i18n.T(lang, "form.err.email") {
			t.Errorf("%s: bad address: %d %q", lang, bad.StatusCode, bad.text("#email-error"))
		}
		if v, _ := bad.doc.Find("#email").Attr("value"); v != "not-an-address" {
			t.Errorf("%s: typed address kept as %q", lang, v)
		}
	}
	ts.get(t, c, "/password/forgot?lang=en")
	r := ts.postForm(t, c, "/password/forgot", url.Values{"email": {"Forgetful@Example.com"}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/login" {
		t.Fatalf("forgot: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
	if lp := ts.get(t, c, "/login"); lp.text(".flash") != i18n.T("en", "flash.forgot.sent") {
		t.Errorf("flash after asking: %q", lp.text(".flash"))
	}
	// The email is in the account's language, whatever the page's.
	m := ts.waitMail(t, "forgetful@example.com", mails+1)
	if m.Subject != i18n.T("ja", "mail.reset.subject") {
		t.Errorf("reset email subject %q", m.Subject)
	}
	path := ts.linkIn(t, m, "/password/reset/")
	// Ask twice: both links work until one is used.
	ts.postForm(t, c, "/password/forgot", url.Values{"email": {"forgetful@example.com"}})
	path2 := ts.linkIn(t, ts.waitMail(t, "forgetful@example.com", mails+2), "/password/reset/")

	page := ts.get(t, c, path+"?lang=en")
	if page.StatusCode != 200 || page.text(".lead") != i18n.T("en", "reset.lead", "forgetful@example.com") {
		t.Fatalf("reset page: %d %q", page.StatusCode, page.text(".lead"))
	}
	short := ts.postRaw(t, c, path, url.Values{"password": {"short"}, csrfField: {formToken(t, page)}}.Encode())
	if short.StatusCode != http.StatusUnprocessableEntity || short.text("#password-error") != i18n.T("en", "form.err.password.short") {
		t.Errorf("short password: %d %q", short.StatusCode, short.text("#password-error"))
	}
	if got, _ := ts.store.UserByEmail(context.Background(), u.Email); got.PasswordHash != u.PasswordHash {
		t.Fatal("a refused new password changed the password")
	}
	const newPassword = "a brand new passphrase"
	done := ts.postRaw(t, c, path, url.Values{"password": {newPassword}, csrfField: {formToken(t, page)}}.Encode())
	if done.StatusCode != http.StatusSeeOther || done.Header.Get("Location") != "/me" {
		t.Fatalf("reset: %d %q (%s)", done.StatusCode, done.Header.Get("Location"), errorsOf(done))
	}
	if me := ts.get(t, c, "/me"); me.StatusCode != 200 || me.text(".flash") != i18n.T("ja", "flash.reset.done") {
		t.Errorf("after reset: %d flash %q", me.StatusCode, me.text(".flash"))
	}
	// Every device signed in before is signed out.
	for name, dev := range map[string]*http.Client{"laptop": laptop, "phone": phone} {
		if r := ts.get(t, dev, "/me"); r.StatusCode != http.StatusSeeOther {
			t.Errorf("%s still signed in after the reset: %d", name, r.StatusCode)
		}
	}
	// The new password works, the old one doesn't.
	if r := ts.login(t, ts.client(t), "en", "forgetful@example.com", testPassword); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("old password: %d", r.StatusCode)
	}
	if r := ts.login(t, ts.client(t), "en", "forgetful@example.com", newPassword); r.StatusCode != http.StatusSeeOther {
		t.Errorf("new password: %d", r.StatusCode)
	}
	// Both links are used up.
	for _, p := range []string{path, path2} {
		r := ts.get(t, ts.client(t), p+"?lang=en")
		if r.StatusCode != http.StatusNotFound || h1(r) != i18n.T("en", "reset.bad.title") || r.doc.Find(`a[href="/password/forgot"]`).Length() == 0 {
			t.Errorf("used link %s: %d %q", p, r.StatusCode, h1(r))
		}
	}

	// Links expire after an hour.
	ts.postForm(t, c, "/password/forgot", url.Values{"email": {"forgetful@example.com"}})
	late := ts.linkIn(t, ts.waitMail(t, "forgetful@example.com", mails+3), "/password/reset/")
	ts.db.Exec("UPDATE password_resets SET expires_at = ?", time.Now().UTC().Add(-time.Second))
	lp := ts.get(t, c, late)
	if lp.StatusCode != http.StatusNotFound {
		t.Errorf("expired link: %d", lp.StatusCode)
	}
	if r := ts.postForm(t, c, late, url.Values{"password": {"another new passphrase"}}); r.StatusCode != http.StatusNotFound {
		t.Errorf("posting to an expired link: %d", r.StatusCode)
	}

	// An address with no account gets a note, not a link.
	ts.postForm(t, c, "/password/forgot", url.Values{"email": {"stranger@example.com"}})
	if m := ts.waitMail(t, "stranger@example.com", 1); strings.Contains(m.Text, "/password/reset/") || !strings.Contains(m.Text, ts.URL+"/signup") {
		t.Errorf("email to an address with no account:\n%s", m.Text)
	}
}

// TestResetMailsPerAddress: one address gets at most MailsPerAddress
// emails an hour through the forms, however many IPs ask.
func TestResetMailsPerAddress(t *testing.T) {
	ts := newTestServer(t, withLimits(Limits{MailsPerAddress: 3}))
	for i := 0; i < 3; i++ {
		if r := ts.postForm(t, ts.client(t), "/password/forgot", url.Values{"email": {"victim@example.com"}}); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("request %d: %d", i+1, r.StatusCode)
		}
	}
	for _, lang := range []string{"ja", "en"} {
		c := ts.client(t)
		ts.get(t, c, "/password/forgot?lang="+lang)
		assertTooMany(t, ts.postForm(t, c, "/password/forgot", url.Values{"email": {"victim@example.com"}}), lang, 3600)
	}
	// Sign-ups to the same address count separately, with the same cap.
	for i := 0; i < 3; i++ {
		ts.submitSignup(t, ts.client(t), "en", signupValues("Flood", "victim@example.com", "en", "candidate"))
	}
	assertTooMany(t, ts.submitSignup(t, ts.client(t), "en", signupValues("Flood", "victim@example.com", "en", "candidate")), "en", 3600)
	ts.waitMail(t, "victim@example.com", 6)
	time.Sleep(200 * time.Millisecond)
	if n := len(ts.inbox.to("victim@example.com")); n != 6 {
		t.Errorf("%d emails to one address, want 6", n)
	}
}

// TestMailToLogNotice: with no mail server, the "check your email" pages
// say the link is in the server's log; with one, they don't.
func TestMailToLogNotice(t *testing.T) {
	for _, toLog := range []bool{true, false} {
		ts := newTestServer(t, withOptions(func(o *Options) { o.MailToLog = toLog }))
		c := ts.client(t)
		ts.submitSignup(t, c, "en", signupValues("Local", "local@example.com", "en", "candidate"))
		for _, path := range []string{"/signup/sent", "/password/forgot"} {
			r := ts.get(t, c, path)
			has := strings.Contains(r.text(".notice"), i18n.T("en", "sent.log"))
			if has != toLog {
				t.Errorf("%s with mail to the log %v: notice shown %v", path, toLog, has)
			}
		}
	}
}
