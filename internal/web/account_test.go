package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/store"
)

// testPassword is the password every test account signs up with.
const testPassword = "correct horse battery"

// jarCookie returns the value of the named cookie in c's jar, or "".
func (ts *testServer) jarCookie(t *testing.T, c *http.Client, name string) string {
	t.Helper()
	u, _ := url.Parse(ts.URL)
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == name {
			return ck.Value
		}
	}
	return ""
}

// setJarCookie plants a cookie in c's jar, as a browser holding it would.
func (ts *testServer) setJarCookie(c *http.Client, name, value string) {
	u, _ := url.Parse(ts.URL)
	c.Jar.SetCookies(u, []*http.Cookie{{Name: name, Value: value, Path: "/"}})
}

// csrfToken returns the CSRF token a page gives c: the log-in form's for a
// visitor, the token on /me (where /login sends a signed-in user) for a
// signed-in one. The cookie alone is not a token.
func (ts *testServer) csrfToken(t *testing.T, c *http.Client) string {
	t.Helper()
	r := ts.get(t, c, "/login")
	if r.StatusCode == http.StatusSeeOther {
		r = ts.get(t, c, r.Header.Get("Location"))
	}
	return formToken(t, r)
}

// formToken reads the CSRF token from the form on the page at path.
func formToken(t *testing.T, r *response) string {
	t.Helper()
	if r.doc == nil {
		t.Fatalf("no HTML page (status %d)", r.StatusCode)
	}
	tok, ok := r.doc.Find("input[name=_csrf]").First().Attr("value")
	if !ok || tok == "" {
		t.Fatal("page has no CSRF token field")
	}
	return tok
}

// postRaw POSTs body as a form, exactly as given.
func (ts *testServer) postRaw(t *testing.T, c *http.Client, path, body string, headers ...string) *response {
	t.Helper()
	req, err := http.NewRequest("POST", ts.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return do(t, c, req)
}

// postForm POSTs vals with c's CSRF token added.
func (ts *testServer) postForm(t *testing.T, c *http.Client, path string, vals url.Values) *response {
	t.Helper()
	v := url.Values{}
	for k, x := range vals {
		v[k] = x
	}
	v.Set(csrfField, ts.csrfToken(t, c))
	return ts.postRaw(t, c, path, v.Encode())
}

func signupValues(name, email, lang, role string) url.Values {
	return url.Values{"display_name": {name}, "email": {email}, "password": {testPassword}, "lang": {lang}, "role": {role}}
}

// submitSignup opens the signup page (in pageLang) and submits vals with the
// token read from the form, as a browser would.
func (ts *testServer) submitSignup(t *testing.T, c *http.Client, pageLang string, vals url.Values) *response {
	t.Helper()
	form := ts.get(t, c, "/signup?lang="+pageLang)
	if form.StatusCode != 200 {
		t.Fatalf("GET /signup: %d", form.StatusCode)
	}
	vals.Set(csrfField, formToken(t, form))
	return ts.postRaw(t, c, "/signup", vals.Encode())
}

// signup creates a candidate account whose preferred language is lang and
// leaves c signed in.
func signup(t *testing.T, ts *testServer, c *http.Client, email, lang string) *store.User {
	t.Helper()
	return ts.signupAs(t, c, "Test "+lang, email, lang, "candidate")
}

// signupAs signs up through the form, opens the confirmation email and
// confirms, as a person would, and leaves c signed in.
func (ts *testServer) signupAs(t *testing.T, c *http.Client, name, email, lang, role string) *store.User {
	t.Helper()
	addr := store.NormaliseEmail(email)
	before := len(ts.inbox.to(addr))
	r := ts.submitSignup(t, c, lang, signupValues(name, email, lang, role))
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/signup/sent" {
		t.Fatalf("signup %s: status %d to %q\n%s", email, r.StatusCode, r.Header.Get("Location"), errorsOf(r))
	}
	if cr := ts.confirmEmail(t, c, addr, before+1); cr.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirming %s: status %d\n%s", email, cr.StatusCode, errorsOf(cr))
	}
	u, err := ts.store.UserByEmail(context.Background(), email)
	if err != nil {
		t.Fatalf("signup %s: no user row: %v", email, err)
	}
	return u
}

// confirmEmail waits for the nth email to addr, follows its confirmation
// link in c, and presses the button on the page it opens.
func (ts *testServer) confirmEmail(t *testing.T, c *http.Client, addr string, n int) *response {
	t.Helper()
	path := ts.linkIn(t, ts.waitMail(t, addr, n), "/signup/confirm/")
	page := ts.get(t, c, path)
	if page.StatusCode != http.StatusOK || page.doc.Find(`form[action="`+path+`"]`).Length() != 1 {
		t.Fatalf("confirmation page %s: %d %q", path, page.StatusCode, h1(page))
	}
	return ts.postRaw(t, c, path, url.Values{csrfField: {formToken(t, page)}}.Encode())
}

// login opens the login page and submits email and password.
func (ts *testServer) login(t *testing.T, c *http.Client, lang, email, password string) *response {
	t.Helper()
	form := ts.get(t, c, "/login?lang="+lang)
	vals := url.Values{"email": {email}, "password": {password}, csrfField: {formToken(t, form)}}
	return ts.postRaw(t, c, "/login", vals.Encode())
}

// errorsOf sums up the form errors on a page, for failure messages.
func errorsOf(r *response) string {
	if r.doc == nil {
		return r.body
	}
	var out []string
	r.doc.Find(".field-error, .form-errors").Each(func(_ int, s *goquery.Selection) {
		out = append(out, strings.TrimSpace(s.Text()))
	})
	return strings.Join(out, "; ")
}

func h1(r *response) string {
	if r.doc == nil {
		return ""
	}
	return r.text("h1")
}

func (ts *testServer) count(t *testing.T, query string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := ts.db.Raw(query, args...).Scan(&n).Error; err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func responseCookie(r *response, name string) *http.Cookie {
	for _, ck := range r.Cookies() {
		if ck.Name == name {
			return ck
		}
	}
	return nil
}

func TestSignupInBothLanguages(t *testing.T) {
	for _, tc := range []struct {
		pageLang, prefLang, role string
		coach                    bool
	}{
		{"ja", "en", "coach", true},
		{"en", "ja", "candidate", false},
	} {
		t.Run(tc.pageLang+"-page-prefers-"+tc.prefLang, func(t *testing.T) {
			ts := newTestServer(t)
			c := ts.client(t)
			email := "Mixed.Case." + tc.prefLang + "@Example.COM"
			sub := ts.submitSignup(t, c, tc.pageLang, signupValues("Hana "+tc.prefLang, email, tc.prefLang, tc.role))
			if sub.StatusCode != http.StatusSeeOther || sub.Header.Get("Location") != "/signup/sent" {
				t.Fatalf("signup: %d to %q (%s)", sub.StatusCode, sub.Header.Get("Location"), errorsOf(sub))
			}
			// No account until the address is confirmed.
			if n := ts.count(t, "SELECT COUNT(*) FROM users"); n != 0 {
				t.Fatalf("%d users before confirmation", n)
			}
			sent := ts.get(t, c, "/signup/sent")
			if h1(sent) != i18n.T(tc.pageLang, "sent.title") || sent.text(".lead") != i18n.T(tc.pageLang, "sent.lead", strings.ToLower(email)) {
				t.Errorf("sent page: %q / %q", h1(sent), sent.text(".lead"))
			}
			if me := ts.get(t, c, "/me"); me.StatusCode != http.StatusSeeOther {
				t.Errorf("/me before confirming: %d, want a log-in redirect", me.StatusCode)
			}
			// The email is in the language chosen on the form, and links to
			// a page that shows what will be created.
			m := ts.waitMail(t, strings.ToLower(email), 1)
			if m.Subject != i18n.T(tc.prefLang, "mail.confirm.subject") || m.From != "aeprep <noreply@aeprep.test>" {
				t.Errorf("email %q from %q", m.Subject, m.From)
			}
			path := ts.linkIn(t, m, "/signup/confirm/")
			page := ts.get(t, c, path)
			if page.StatusCode != 200 || h1(page) != i18n.T(tc.pageLang, "confirm.title") ||
				!strings.Contains(page.text(".facts"), "Hana "+tc.prefLang) || !strings.Contains(page.text(".facts"), strings.ToLower(email)) {
				t.Fatalf("confirmation page: %d %q %q", page.StatusCode, h1(page), page.text(".facts"))
			}
			// Opening the link creates nothing (mail scanners open links).
			if n := ts.count(t, "SELECT COUNT(*) FROM users"); n != 0 {
				t.Fatalf("%d users after opening the link", n)
			}
			r := ts.postRaw(t, c, path, url.Values{csrfField: {formToken(t, page)}}.Encode())
			// A coach lands on their own home, a candidate on theirs.
			home := "/me"
			if tc.coach {
				home = "/coach"
			}
			if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != home {
				t.Fatalf("confirm: %d to %q, want %s", r.StatusCode, r.Header.Get("Location"), home)
			}
			// The link works once.
			if again := ts.get(t, ts.client(t), path+"?lang="+tc.pageLang); again.StatusCode != http.StatusNotFound || h1(again) != i18n.T(tc.pageLang, "confirm.bad.title") {
				t.Errorf("used link: %d %q", again.StatusCode, h1(again))
			}
			u, err := ts.store.UserByEmail(context.Background(), strings.ToLower(email))
			if err != nil {
				t.Fatal(err)
			}
			if u.Email != strings.ToLower(email) || u.DisplayName != "Hana "+tc.prefLang || u.Lang != tc.prefLang || u.IsCoach != tc.coach {
				t.Errorf("stored user %+v", u)
			}
			if !strings.HasPrefix(u.PasswordHash, "$argon2id$") || strings.Contains(u.PasswordHash, testPassword) {
				t.Errorf("password stored as %q", u.PasswordHash)
			}

			lang := responseCookie(r, langCookie)
			if lang == nil || lang.Value != tc.prefLang || !lang.HttpOnly || lang.SameSite != http.SameSiteLaxMode {
				t.Errorf("lang cookie %+v, want %s", lang, tc.prefLang)
			}
			sess := responseCookie(r, sessionCookie)
			if sess == nil || sess.Value == "" || !sess.HttpOnly || sess.SameSite != http.SameSiteLaxMode || sess.Path != "/" {
				t.Fatalf("session cookie %+v", sess)
			}
			if n := ts.count(t, "SELECT COUNT(*) FROM sessions WHERE token = ?", sess.Value); n != 1 {
				t.Errorf("%d session rows for the new cookie", n)
			}

			me := ts.get(t, c, "/me")
			if me.StatusCode != 200 {
				t.Fatalf("/me after signup: %d", me.StatusCode)
			}
			if got, _ := me.doc.Find("html").Attr("lang"); got != tc.prefLang {
				t.Errorf("/me in %q, want the preferred %q", got, tc.prefLang)
			}
			if h1(me) != i18n.T(tc.prefLang, "me.hello", u.DisplayName) {
				t.Errorf("/me h1 %q", h1(me))
			}
			welcome := "flash.welcome"
			if tc.coach {
				welcome = "flash.welcome.coach"
			}
			if me.text(".flash") != i18n.T(tc.prefLang, welcome) {
				t.Errorf("welcome flash %q", me.text(".flash"))
			}
			// The flash shows once.
			if again := ts.get(t, c, "/me"); again.doc.Find(".flash").Length() != 0 {
				t.Error("welcome flash shown twice")
			}
			// Signed in, the signup and login pages send you on.
			for _, p := range []string{"/signup", "/login"} {
				if r := ts.get(t, c, p); r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != home {
					t.Errorf("GET %s signed in: %d %q", p, r.StatusCode, r.Header.Get("Location"))
				}
			}

			// Log out and back in with the email in another case.
			ts.postForm(t, c, "/logout", nil)
			in := ts.login(t, c, tc.pageLang, strings.ToUpper(email), testPassword)
			if in.StatusCode != http.StatusSeeOther || in.Header.Get("Location") != home {
				t.Fatalf("login: %d %q (%s)", in.StatusCode, in.Header.Get("Location"), errorsOf(in))
			}
			if ck := responseCookie(in, sessionCookie); ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode {
				t.Errorf("login session cookie %+v", ck)
			}
			if ck := responseCookie(in, langCookie); ck == nil || ck.Value != tc.prefLang {
				t.Errorf("login lang cookie %+v", ck)
			}
			if r := ts.get(t, c, "/me"); r.StatusCode != 200 {
				t.Errorf("/me after login: %d", r.StatusCode)
			}
		})
	}
}

func TestCSRFCookieIsHttpOnlyLax(t *testing.T) {
	ts := newTestServer(t)
	r := ts.get(t, ts.client(t), "/signup")
	ck := responseCookie(r, csrfCookie)
	if ck == nil || len(ck.Value) != 43 || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode {
		t.Fatalf("csrf cookie %+v", ck)
	}
	// The token is signed from the cookie, not the cookie itself: a cookie
	// planted from a sibling origin is no token (issue 12).
	if tok := formToken(t, r); len(tok) != 43 || tok == ck.Value {
		t.Errorf("form token %q for cookie %q", tok, ck.Value)
	}
}

func TestLoginWrongPasswordIsGeneric(t *testing.T) {
	ts := newTestServer(t)
	signup(t, ts, ts.client(t), "known@example.com", "ja")
	for _, lang := range []string{"ja", "en"} {
		var msgs []string
		for _, email := range []string{"known@example.com", "unknown@example.com"} {
			c := ts.client(t)
			r := ts.login(t, c, lang, email, "wrong password 123")
			if r.StatusCode != http.StatusUnauthorized {
				t.Fatalf("%s %s: status %d", lang, email, r.StatusCode)
			}
			msg := r.text("#login-error")
			if msg != i18n.T(lang, "login.err") {
				t.Errorf("%s %s: message %q", lang, email, msg)
			}
			msgs = append(msgs, msg)
			if v, _ := r.doc.Find("#email").Attr("value"); v != email {
				t.Errorf("%s: email field shows %q, want %q", lang, v, email)
			}
			if v, ok := r.doc.Find("#password").Attr("value"); ok || strings.Contains(r.body, "wrong password 123") {
				t.Errorf("%s: password echoed (%q)", lang, v)
			}
			if got, _ := r.doc.Find("#email").Attr("aria-describedby"); got != "login-error" {
				t.Errorf("email not tied to the error: %q", got)
			}
			if responseCookie(r, sessionCookie) != nil || ts.jarCookie(t, c, sessionCookie) != "" {
				t.Error("failed login started a session")
			}
			if me := ts.get(t, c, "/me"); me.StatusCode != http.StatusSeeOther {
				t.Errorf("/me after failed login: %d", me.StatusCode)
			}
		}
		if msgs[0] != msgs[1] {
			t.Errorf("%s: wrong password %q vs unknown email %q", lang, msgs[0], msgs[1])
		}
	}
	// Empty fields are also refused without a session.
	c := ts.client(t)
	r := ts.login(t, c, "en", "", "")
	if r.StatusCode != http.StatusUnprocessableEntity || r.text("#login-error") != i18n.T("en", "login.err") {
		t.Errorf("empty login: %d %q", r.StatusCode, r.text("#login-error"))
	}
}

func TestLogoutDestroysSession(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	signup(t, ts, c, "bye@example.com", "en")
	tok := ts.jarCookie(t, c, sessionCookie)
	if tok == "" || ts.count(t, "SELECT COUNT(*) FROM sessions WHERE token = ?", tok) != 1 {
		t.Fatal("no stored session after signup")
	}
	me := ts.get(t, c, "/me")
	if me.doc.Find(`form[action="/logout"] input[name=_csrf]`).Length() != 1 {
		t.Fatal("no logout form with a CSRF token")
	}
	r := ts.postRaw(t, c, "/logout", url.Values{csrfField: {formToken(t, me)}}.Encode())
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/" {
		t.Fatalf("logout: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM sessions WHERE token = ?", tok); n != 0 {
		t.Errorf("session row still there after logout (%d)", n)
	}
	if r := ts.get(t, c, "/me"); r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/login?next=%2Fme" {
		t.Errorf("/me after logout: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
	// A copy of the old cookie is worthless.
	thief := ts.client(t)
	ts.setJarCookie(thief, sessionCookie, tok)
	if r := ts.get(t, thief, "/me"); r.StatusCode != http.StatusSeeOther {
		t.Errorf("/me with the old cookie: %d", r.StatusCode)
	}
	home := ts.get(t, c, "/")
	if home.doc.Find(`form[action="/logout"]`).Length() != 0 || home.doc.Find(`a[href="/login"]`).Length() == 0 {
		t.Error("header still shows a signed-in user")
	}
}

func TestSessionTokenChangesAtLogin(t *testing.T) {
	ts := newTestServer(t)
	signup(t, ts, ts.client(t), "fix@example.com", "en")

	// A token planted by an attacker before login is not the one used after.
	c := ts.client(t)
	ts.setJarCookie(c, sessionCookie, "attacker-chosen-token-0123456789abcdef")
	before := ts.jarCookie(t, c, sessionCookie)
	r := ts.login(t, c, "en", "fix@example.com", testPassword)
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %d", r.StatusCode)
	}
	after := ts.jarCookie(t, c, sessionCookie)
	if after == "" || after == before {
		t.Fatalf("session cookie %q before login, %q after", before, after)
	}
	attacker := ts.client(t)
	ts.setJarCookie(attacker, sessionCookie, before)
	if r := ts.get(t, attacker, "/me"); r.StatusCode != http.StatusSeeOther {
		t.Errorf("planted token gives /me: %d", r.StatusCode)
	}

	// Logging in again over a live session also renews the token and
	// retires the old one.
	// (The login page redirects a signed-in user, so post directly.)
	again := ts.postForm(t, c, "/login", url.Values{"email": {"fix@example.com"}, "password": {testPassword}})
	if again.StatusCode != http.StatusSeeOther {
		t.Fatalf("second login: %d", again.StatusCode)
	}
	renewed := ts.jarCookie(t, c, sessionCookie)
	if renewed == after {
		t.Error("token not renewed at the second login")
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM sessions WHERE token = ?", after); n != 0 {
		t.Errorf("old session row kept after renewal (%d)", n)
	}
	if r := ts.get(t, c, "/me"); r.StatusCode != 200 {
		t.Errorf("/me with the renewed token: %d", r.StatusCode)
	}
}

func TestSignupValidation(t *testing.T) {
	long := strings.Repeat("名", 51)
	cases := []struct {
		name   string
		vals   url.Values
		errors map[string]string // field -> i18n key
	}{
		{"missing fields", url.Values{"display_name": {""}, "email": {""}, "password": {""}, "lang": {"en"}, "role": {"candidate"}},
			map[string]string{"display_name": "form.err.required", "email": "form.err.required", "password": "form.err.required"}},
		{"bad email", url.Values{"display_name": {"Ken"}, "email": {"ken@@example"}, "password": {testPassword}, "lang": {"ja"}, "role": {"candidate"}},
			map[string]string{"email": "form.err.email"}},
		{"email without a dot in the domain", url.Values{"display_name": {"Ken"}, "email": {"ken@localhost"}, "password": {testPassword}, "lang": {"ja"}, "role": {"candidate"}},
			map[string]string{"email": "form.err.email"}},
		{"email with a name", url.Values{"display_name": {"Ken"}, "email": {"Ken <ken@example.com>"}, "password": {testPassword}, "lang": {"ja"}, "role": {"candidate"}},
			map[string]string{"email": "form.err.email"}},
		{"short password", url.Values{"display_name": {"Ken"}, "email": {"ken@example.com"}, "password": {"123456789"}, "lang": {"ja"}, "role": {"coach"}},
			map[string]string{"password": "form.err.password.short"}},
		{"bad lang and role", url.Values{"display_name": {"Ken"}, "email": {"ken@example.com"}, "password": {testPassword}, "lang": {"de"}, "role": {"admin"}},
			map[string]string{"lang": "form.err.choice", "role": "form.err.choice"}},
		{"long name", url.Values{"display_name": {long}, "email": {"ken@example.com"}, "password": {testPassword}, "lang": {"ja"}, "role": {"candidate"}},
			map[string]string{"display_name": "form.err.toolong"}},
		{"invalid UTF-8 name", url.Values{"display_name": {"Ken\xff"}, "email": {"ken@example.com"}, "password": {testPassword}, "lang": {"ja"}, "role": {"candidate"}},
			map[string]string{"display_name": "form.err.encoding"}},
	}
	ts := newTestServer(t)
	for _, lang := range []string{"ja", "en"} {
		for _, tc := range cases {
			t.Run(lang+"/"+tc.name, func(t *testing.T) {
				c := ts.client(t)
				vals := url.Values{}
				for k, v := range tc.vals {
					vals[k] = append([]string(nil), v...)
				}
				r := ts.submitSignup(t, c, lang, vals)
				if r.StatusCode != http.StatusUnprocessableEntity {
					t.Fatalf("status %d, want 422", r.StatusCode)
				}
				if r.text(".form-errors") != i18n.T(lang, "form.errors") {
					t.Errorf("summary %q", r.text(".form-errors"))
				}
				for _, field := range []string{"display_name", "email", "password", "lang", "role"} {
					el := r.doc.Find("#" + field + "-error")
					key, want := tc.errors[field]
					if !want {
						if el.Length() != 0 {
							t.Errorf("unexpected error on %s: %q", field, el.Text())
						}
						continue
					}
					if !el.HasClass("field-error") || strings.TrimSpace(el.Text()) != i18n.T(lang, key) {
						t.Errorf("%s error %q, want %q", field, el.Text(), i18n.T(lang, key))
					}
					// Next to its own field.
					if r.doc.Find("[name="+field+"]").First().Closest(".field").Find("#"+field+"-error").Length() != 1 {
						t.Errorf("%s error is not inside the field's container", field)
					}
				}
				if v, _ := r.doc.Find("#display_name").Attr("value"); v != strings.ToValidUTF8(tc.vals.Get("display_name"), "") {
					t.Errorf("display name kept as %q", v)
				}
				if v, _ := r.doc.Find("#email").Attr("value"); v != tc.vals.Get("email") {
					t.Errorf("email kept as %q", v)
				}
				if v, ok := r.doc.Find("#password").Attr("value"); ok {
					t.Errorf("password field has value %q", v)
				}
				if pw := tc.vals.Get("password"); pw != "" && strings.Contains(r.body, pw) {
					t.Error("password echoed in the page")
				}
				if got, _ := r.doc.Find("html").Attr("lang"); got != lang {
					t.Errorf("page in %q", got)
				}
				if n := ts.count(t, "SELECT COUNT(*) FROM users"); n != 0 {
					t.Errorf("%d users created", n)
				}
				if responseCookie(r, sessionCookie) != nil {
					t.Error("rejected signup started a session")
				}
			})
		}
	}
}

// TestSignupExistingEmail: signing up with a registered address answers
// exactly as for a new one, creates nothing, and emails the owner instead.
func TestSignupExistingEmail(t *testing.T) {
	ts := newTestServer(t)
	owner := signup(t, ts, ts.client(t), "dup@example.com", "ja")
	mails := 1
	for _, lang := range []string{"ja", "en"} {
		for _, email := range []string{"dup@example.com", "DUP@Example.com"} {
			c := ts.client(t)
			r := ts.submitSignup(t, c, lang, signupValues("Other", email, lang, "coach"))
			if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/signup/sent" {
				t.Fatalf("%s: status %d to %q", email, r.StatusCode, r.Header.Get("Location"))
			}
			if responseCookie(r, sessionCookie) != nil && ts.get(t, c, "/me").StatusCode == 200 {
				t.Fatalf("%s: signed in as the owner", email)
			}
			mails++
			m := ts.waitMail(t, "dup@example.com", mails)
			// In the owner's language, whatever the form said.
			if m.Subject != i18n.T(owner.Lang, "mail.exists.subject") || strings.Contains(m.Text, "/signup/confirm/") {
				t.Errorf("email to the owner: %q\n%s", m.Subject, m.Text)
			}
			ts.linkIn(t, m, "/login")
			ts.linkIn(t, m, "/password/forgot")
		}
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM users"); n != 1 {
		t.Errorf("%d users, want 1", n)
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM signups"); n != 0 {
		t.Errorf("%d pending signups for a registered address", n)
	}
	if u, _ := ts.store.UserByEmail(context.Background(), "dup@example.com"); u.DisplayName != owner.DisplayName || u.IsCoach || u.PasswordHash != owner.PasswordHash {
		t.Errorf("the owner's account changed: %+v", u)
	}
}

// TestSignupConfirmRaces: two pending sign-ups for one address; the first
// confirmed wins, the second link then explains itself.
func TestSignupConfirmRaces(t *testing.T) {
	ts := newTestServer(t)
	a, b := ts.client(t), ts.client(t)
	for _, c := range []*http.Client{a, b} {
		if r := ts.submitSignup(t, c, "en", signupValues("Twice", "twice@example.com", "en", "candidate")); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("signup: %d", r.StatusCode)
		}
	}
	first := ts.linkIn(t, ts.waitMail(t, "twice@example.com", 1), "/signup/confirm/")
	second := ts.linkIn(t, ts.waitMail(t, "twice@example.com", 2), "/signup/confirm/")
	pa, pb := ts.get(t, a, first), ts.get(t, b, second)
	if r := ts.postRaw(t, b, second, url.Values{csrfField: {formToken(t, pb)}}.Encode()); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("second link: %d", r.StatusCode)
	}
	// Every pending sign-up for the address went with the first confirmation.
	r := ts.postRaw(t, a, first, url.Values{csrfField: {formToken(t, pa)}}.Encode())
	if r.StatusCode != http.StatusNotFound || h1(r) != i18n.T("en", "confirm.bad.title") {
		t.Errorf("first link after the second was used: %d %q", r.StatusCode, h1(r))
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM users WHERE email = 'twice@example.com'"); n != 1 {
		t.Errorf("%d accounts", n)
	}
	// Links expire after a day.
	if r := ts.submitSignup(t, ts.client(t), "en", signupValues("Late", "late@example.com", "en", "candidate")); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("signup: %d", r.StatusCode)
	}
	late := ts.linkIn(t, ts.waitMail(t, "late@example.com", 1), "/signup/confirm/")
	ts.db.Exec("UPDATE signups SET expires_at = ? WHERE email = 'late@example.com'", time.Now().UTC().Add(-time.Minute))
	if r := ts.get(t, ts.client(t), late); r.StatusCode != http.StatusNotFound {
		t.Errorf("expired link: %d", r.StatusCode)
	}
	// Made-up links are 404 too, and say what to do.
	for _, p := range []string{"/signup/confirm/nonsense", "/signup/confirm/" + strings.Repeat("A", 43)} {
		r := ts.get(t, ts.client(t), p+"?lang=ja")
		if r.StatusCode != http.StatusNotFound || h1(r) != i18n.T("ja", "confirm.bad.title") || r.doc.Find(`a[href="/signup"]`).Length() == 0 {
			t.Errorf("%s: %d %q", p, r.StatusCode, h1(r))
		}
	}
}

func TestSignupNextRedirect(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	// A visitor practises as a guest (see guest_test.go); a page that
	// needs an account sends them to log in and back.
	r := ts.get(t, c, "/practice/why-sales")
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/try/why-sales" {
		t.Fatalf("visitor to practice: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
	login := ts.get(t, c, "/login?next=%2Fpractice%2Fwhy-sales")
	if login.StatusCode != 200 || login.text(".notice") != i18n.T("ja", "login.practise") {
		t.Fatalf("login page with next: %d %q", login.StatusCode, login.text(".notice"))
	}
	if v, _ := login.doc.Find("input[name=next]").Attr("value"); v != "/practice/why-sales" {
		t.Errorf("login form next %q", v)
	}
	// Follow the sign-up link from the login page.
	href, _ := login.doc.Find(`a[href^="/signup"]`).Last().Attr("href")
	form := ts.get(t, c, href)
	next, _ := form.doc.Find("input[name=next]").Attr("value")
	if next != "/practice/why-sales" {
		t.Fatalf("signup link %q carries next %q", href, next)
	}
	vals := signupValues("Nao", "nao@example.com", "ja", "candidate")
	vals.Set("next", next)
	vals.Set(csrfField, formToken(t, form))
	if s := ts.postRaw(t, c, "/signup", vals.Encode()); s.StatusCode != http.StatusSeeOther {
		t.Fatalf("signup with next: %d", s.StatusCode)
	}
	s := ts.confirmEmail(t, c, "nao@example.com", 1)
	if s.StatusCode != http.StatusSeeOther || s.Header.Get("Location") != "/practice/why-sales" {
		t.Fatalf("confirming a signup with next: %d %q", s.StatusCode, s.Header.Get("Location"))
	}
	if p := ts.get(t, c, "/practice/why-sales"); p.StatusCode != 200 || p.doc.Find("#practice-form").Length() != 1 {
		t.Errorf("practice after signup: %d", p.StatusCode)
	}

	// A next pointing off-site is ignored.
	for _, bad := range []string{"//evil.example/", "https://evil.example/", "/\\evil.example"} {
		c := ts.client(t)
		email := "eve" + strconv.Itoa(len(bad)) + "@example.com"
		vals := signupValues("Eve", email, "en", "candidate")
		vals.Set("next", bad)
		ts.submitSignup(t, c, "en", vals)
		r := ts.confirmEmail(t, c, email, 1)
		if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/me" {
			t.Errorf("next=%q: %d %q", bad, r.StatusCode, r.Header.Get("Location"))
		}
	}
	// Logging in with next also comes back.
	c2 := ts.client(t)
	lf := ts.get(t, c2, "/login?next=%2Fpractice%2Fwhy-sales")
	in := ts.postRaw(t, c2, "/login", url.Values{"email": {"nao@example.com"}, "password": {testPassword},
		"next": {"/practice/why-sales"}, csrfField: {formToken(t, lf)}}.Encode())
	if in.StatusCode != http.StatusSeeOther || in.Header.Get("Location") != "/practice/why-sales" {
		t.Errorf("login with next: %d %q", in.StatusCode, in.Header.Get("Location"))
	}
}

func TestVisitorsAreSentToLogin(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	for _, p := range []string{"/me", "/me/export.json", "/me/delete", "/attempts/1", "/attempts/compare?a=1&b=2"} {
		r := ts.get(t, c, p)
		if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/login?next="+url.QueryEscape(p) {
			t.Errorf("GET %s as visitor: %d %q", p, r.StatusCode, r.Header.Get("Location"))
		}
	}
	// A visitor's POST with a good token is refused, not redirected.
	for _, p := range []string{"/practice/why-sales", "/checklist/" + testLibrary.Checklist[0].ID, "/me/delete", "/attempts/1/delete"} {
		r := ts.postForm(t, c, p, url.Values{"done": {"1"}})
		if r.StatusCode != http.StatusUnauthorized {
			t.Errorf("POST %s as visitor: %d", p, r.StatusCode)
		}
	}
}

func TestRateLimitLoginPerIP(t *testing.T) {
	ts := newTestServer(t, withLimits(Limits{LoginPerIP: 3, LoginPerAccount: 100}))
	for i := 0; i < 3; i++ {
		r := ts.login(t, ts.client(t), "en", "nobody"+strconv.Itoa(i)+"@example.com", "wrong password")
		if r.StatusCode != http.StatusUnauthorized {
			t.Fatalf("try %d: %d", i+1, r.StatusCode)
		}
	}
	for _, lang := range []string{"ja", "en"} {
		r := ts.login(t, ts.client(t), lang, "someone-"+lang+"@example.com", "wrong password")
		assertTooMany(t, r, lang, 15*60)
	}
}

func TestRateLimitLoginPerAccount(t *testing.T) {
	ts := newTestServer(t, withLimits(Limits{LoginPerIP: 100, LoginPerAccount: 3}))
	signup(t, ts, ts.client(t), "target@example.com", "en")

	// A successful login resets the account's counter.
	for i := 0; i < 2; i++ {
		ts.login(t, ts.client(t), "en", "target@example.com", "guess "+strconv.Itoa(i))
	}
	if r := ts.login(t, ts.client(t), "en", "target@example.com", testPassword); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("right password under the limit: %d", r.StatusCode)
	}
	for i := 0; i < 3; i++ {
		r := ts.login(t, ts.client(t), "en", "Target@Example.com", "guess "+strconv.Itoa(i))
		if r.StatusCode != http.StatusUnauthorized {
			t.Fatalf("guess %d: %d", i+1, r.StatusCode)
		}
	}
	// Locked, even with the right password, in either language and case.
	assertTooMany(t, ts.login(t, ts.client(t), "ja", "target@example.com", testPassword), "ja", 15*60)
	assertTooMany(t, ts.login(t, ts.client(t), "en", "TARGET@example.com", "guess"), "en", 15*60)
	// Other accounts from the same IP are unaffected.
	if r := ts.login(t, ts.client(t), "en", "other@example.com", "guess"); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("other account: %d", r.StatusCode)
	}
}

func TestRateLimitSignupPerIP(t *testing.T) {
	ts := newTestServer(t, withLimits(Limits{SignupPerIP: 2}))
	signup(t, ts, ts.client(t), "one@example.com", "ja")
	// A rejected signup counts too.
	bad := ts.submitSignup(t, ts.client(t), "en", signupValues("", "two@example.com", "en", "candidate"))
	if bad.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("invalid signup: %d", bad.StatusCode)
	}
	for _, lang := range []string{"ja", "en"} {
		r := ts.submitSignup(t, ts.client(t), lang, signupValues("Three", "three-"+lang+"@example.com", lang, "candidate"))
		assertTooMany(t, r, lang, 3600)
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM users"); n != 1 {
		t.Errorf("%d users, want 1", n)
	}
}

// assertTooMany checks a 429 answer: the friendly page in lang and a
// Retry-After of at most window seconds (plus rounding).
func assertTooMany(t *testing.T, r *response, lang string, window int) {
	t.Helper()
	if r.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("status %d, want 429", r.StatusCode)
	}
	if h1(r) != i18n.T(lang, "error.429.title") {
		t.Errorf("429 h1 %q, want %q", h1(r), i18n.T(lang, "error.429.title"))
	}
	if !strings.Contains(r.body, i18n.T(lang, "error.429.body")) {
		t.Error("429 body text missing")
	}
	ra, err := strconv.Atoi(r.Header.Get("Retry-After"))
	if err != nil || ra < window-60 || ra > window+1 {
		t.Errorf("Retry-After %q", r.Header.Get("Retry-After"))
	}
}

func TestAccountDeletion(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	u := signup(t, ts, c, "leaver@example.com", "en")
	other := ts.client(t)
	keeper := signup(t, ts, other, "keeper@example.com", "ja")
	saveAttempt(t, ts, c, "why-sales", "My answer with 30% growth over 6 months.")
	saveAttempt(t, ts, c, "why-sales", "A second answer.")
	saveAttempt(t, ts, other, "why-sales", "The keeper's answer.")
	for _, it := range testLibrary.Checklist[:2] {
		if r := ts.postForm(t, c, "/checklist/"+it.ID, url.Values{"done": {"1"}}); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("tick: %d", r.StatusCode)
		}
	}
	ts.postForm(t, other, "/checklist/"+testLibrary.Checklist[0].ID, url.Values{"done": {"1"}})
	// The same account signed in on a second device.
	second := ts.client(t)
	if r := ts.login(t, second, "en", "leaver@example.com", testPassword); r.StatusCode != http.StatusSeeOther {
		t.Fatal("second device login failed")
	}

	rows := func(uid int64) (users, attempts, ticks int64) {
		return ts.count(t, "SELECT COUNT(*) FROM users WHERE id = ?", uid),
			ts.count(t, "SELECT COUNT(*) FROM attempts WHERE user_id = ?", uid),
			ts.count(t, "SELECT COUNT(*) FROM checklist_ticks WHERE user_id = ?", uid)
	}
	if a, b, d := rows(u.ID); a != 1 || b != 2 || d != 2 {
		t.Fatalf("setup rows %d %d %d", a, b, d)
	}

	page := ts.get(t, c, "/me/delete")
	if page.StatusCode != 200 || h1(page) != i18n.T("en", "account.delete.title") {
		t.Fatalf("confirm page: %d %q", page.StatusCode, h1(page))
	}
	for _, tc := range []struct{ pw, key string }{{"not my password", "account.delete.wrong"}, {"", "form.err.required"}} {
		r := ts.postForm(t, c, "/me/delete", url.Values{"password": {tc.pw}})
		if r.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("password %q: %d", tc.pw, r.StatusCode)
		}
		if got := r.text("#password-error"); got != i18n.T("en", tc.key) {
			t.Errorf("password %q: error %q", tc.pw, got)
		}
		if tc.pw != "" && strings.Contains(r.body, tc.pw) {
			t.Error("password echoed")
		}
		if a, b, d := rows(u.ID); a != 1 || b != 2 || d != 2 {
			t.Fatalf("rows changed after a refused delete: %d %d %d", a, b, d)
		}
	}
	if r := ts.get(t, c, "/me"); r.StatusCode != 200 {
		t.Fatalf("still signed in after a refused delete? %d", r.StatusCode)
	}

	tok := ts.jarCookie(t, c, sessionCookie)
	r := ts.postForm(t, c, "/me/delete", url.Values{"password": {testPassword}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/?deleted=1" {
		t.Fatalf("delete: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
	if a, b, d := rows(u.ID); a != 0 || b != 0 || d != 0 {
		t.Errorf("rows left: users %d, attempts %d, ticks %d", a, b, d)
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM users WHERE email = ?", "leaver@example.com"); n != 0 {
		t.Errorf("user row by email left: %d", n)
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM rate_limits WHERE key LIKE ?", "%leaver@example.com%"); n != 0 {
		t.Errorf("%d rate-limit rows still hold the deleted email", n)
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?", "leaver@example.com"); n != 0 {
		t.Errorf("%d emails to the deleted address still logged", n)
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM sessions WHERE token = ?", tok); n != 0 {
		t.Errorf("session row left: %d", n)
	}
	if r := ts.get(t, c, "/me"); r.StatusCode != http.StatusSeeOther {
		t.Errorf("/me after deletion: %d", r.StatusCode)
	}
	if home := ts.get(t, c, "/?deleted=1"); home.text(".flash") != i18n.T("en", "flash.account.deleted") ||
		home.doc.Find(`form[action="/logout"]`).Length() != 0 {
		t.Errorf("home after deletion: flash %q", home.text(".flash"))
	}
	if r := ts.get(t, second, "/me"); r.StatusCode != http.StatusSeeOther {
		t.Errorf("/me on the second device after deletion: %d", r.StatusCode)
	}
	if r := ts.login(t, ts.client(t), "en", "leaver@example.com", testPassword); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("login to the deleted account: %d", r.StatusCode)
	}
	// Other users keep everything.
	if a, b, d := rows(keeper.ID); a != 1 || b != 1 || d != 1 {
		t.Errorf("other user's rows: %d %d %d", a, b, d)
	}
	if r := ts.get(t, other, "/me"); r.StatusCode != 200 {
		t.Errorf("other user's /me: %d", r.StatusCode)
	}
	// The email can be used again.
	signup(t, ts, ts.client(t), "leaver@example.com", "ja")
}
