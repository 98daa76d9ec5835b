package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/aeprep/aeprep/internal/auth"
	"github.com/aeprep/aeprep/internal/store"
)

// fuzzApp is the app set up once per fuzz target and process: inputs are
// served in-process (no TCP), with the cookies of one visitor or user.
type fuzzApp struct {
	srv     *Server
	cookies []*http.Cookie // the session (if signed in) and the CSRF cookie
	token   string         // the CSRF token
	errors  atomic.Int64   // error-level log records: a failed render logs one even when the status looks fine
}

// countErrors is a slog handler that counts error records.
type countErrors struct{ n *atomic.Int64 }

func (h countErrors) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelError }
func (h countErrors) Handle(context.Context, slog.Record) error {
	h.n.Add(1)
	return nil
}
func (h countErrors) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h countErrors) WithGroup(string) slog.Handler      { return h }

// newFuzzApp builds the app on a fresh SQLite file in dir and, when
// signedIn, signs a candidate in through the real log-in form.
func newFuzzApp(dir string, signedIn bool) (*fuzzApp, func(), error) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(dir, "fuzz.db"), nil)
	if err != nil {
		return nil, nil, err
	}
	a := &fuzzApp{}
	a.srv, err = New(Options{Store: st, Library: testLibrary, Logger: slog.New(countErrors{&a.errors}),
		Limits: Limits{LoginPerIP: 1 << 30, LoginPerAccount: 1 << 30, SignupPerIP: 1 << 30}})
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	hs := httptest.NewServer(a.srv)
	done := func() { hs.Close(); st.Close() }
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Get(hs.URL + "/signup?lang=en")
	if err != nil {
		done()
		return nil, nil, err
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	u, _ := url.Parse(hs.URL)
	a.token = pageCSRF(string(page))
	if signedIn {
		// The account is stored directly (sign-up waits for an emailed
		// link); the log-in goes through the real form.
		hash, err := auth.Hash(testPassword)
		if err == nil {
			err = st.CreateUser(ctx, &store.User{Email: "fuzz@example.com", DisplayName: "Fuzz Candidate", PasswordHash: hash, Lang: "en"})
		}
		if err != nil {
			done()
			return nil, nil, err
		}
		res, err := c.PostForm(hs.URL+"/login", url.Values{"email": {"fuzz@example.com"}, "password": {testPassword}, csrfField: {a.token}})
		if err != nil {
			done()
			return nil, nil, err
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			done()
			return nil, nil, fmt.Errorf("fuzz login: status %d", res.StatusCode)
		}
		// Signed in, forms carry the session's token.
		if res, err = c.Get(hs.URL + "/me"); err != nil {
			done()
			return nil, nil, err
		}
		page, _ = io.ReadAll(res.Body)
		res.Body.Close()
		a.token = pageCSRF(string(page))
	}
	a.cookies = jar.Cookies(u)
	if a.token == "" || (signedIn && len(a.cookies) < 2) {
		done()
		return nil, nil, fmt.Errorf("fuzz setup: cookies %v", a.cookies)
	}
	return a, done, nil
}

// fuzzTarget holds one fuzz target's app for the life of the process.
type fuzzTarget struct {
	once sync.Once
	app  *fuzzApp
	err  error
}

// get builds the app on first use. The target's temp dir is removed when
// f ends, so the app ends with it and a later run (-count=2) builds anew.
func (ft *fuzzTarget) get(f *testing.F, signedIn bool) *fuzzApp {
	f.Helper()
	ft.once.Do(func() {
		dir, err := os.MkdirTemp("", "aeprep-fuzz-")
		if err != nil {
			ft.err = err
			return
		}
		app, done, err := newFuzzApp(dir, signedIn)
		ft.app, ft.err = app, err
		f.Cleanup(func() {
			if done != nil {
				done()
			}
			os.RemoveAll(dir)
			*ft = fuzzTarget{}
		})
	})
	if ft.err != nil {
		f.Fatal(ft.err)
	}
	return ft.app
}

// post serves one fuzzed form body; the CSRF token goes in the header, or
// in front of the body so the body's own fields follow it.
func (a *fuzzApp) post(path, body string, tokenInBody bool) *httptest.ResponseRecorder {
	if tokenInBody {
		body = csrfField + "=" + a.token + "&" + body
	}
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if !tokenInBody {
		req.Header.Set(csrfHeader, a.token)
	}
	for _, ck := range a.cookies {
		req.AddCookie(ck)
	}
	rec := httptest.NewRecorder()
	a.srv.ServeHTTP(rec, req)
	return rec
}

// checkFuzzAnswer fails on a status outside want, on a 5xx, and on any
// error the app logged while answering.
func checkFuzzAnswer(t *testing.T, a *fuzzApp, errorsBefore int64, rec *httptest.ResponseRecorder, body string, want ...int) {
	t.Helper()
	ok := false
	for _, w := range want {
		ok = ok || rec.Code == w
	}
	if rec.Code >= 500 || !ok {
		t.Fatalf("body %q: status %d, want one of %v\n%.500s", body, rec.Code, want, rec.Body.String())
	}
	if n := a.errors.Load() - errorsBefore; n != 0 {
		t.Fatalf("body %q: the app logged %d errors (status %d)", body, n, rec.Code)
	}
	if strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") && !strings.Contains(rec.Body.String(), "</html>") && rec.Code != http.StatusSeeOther {
		t.Fatalf("body %q: status %d with a cut-off page", body, rec.Code)
	}
}

var practiceTarget, signupTarget fuzzTarget

func FuzzPracticeForm(f *testing.F) {
	good := practiceValues("I grew pipeline 30% in 3 months.", "tok-fuzz-seed-000000001", 4, 4, 4, 4, 4, 3).Encode()
	for _, seed := range []string{
		good,
		"",
		"answer=",
		"answer=%",
		"answer=%zz&r_overall=3",
		"answer=%ff%fe&notes=%00",
		"answer=x&r_overall=99999999999999999999999&seconds_taken=-1&time_limit=1e9",
		"answer=x&answer=y&client_token=a&client_token=b",
		"client_token=" + strings.Repeat("A", 64) + "&" + good,
		"answer=" + strings.Repeat("%E7%AD%94", 7000),
		"r_structure=0&r_overall=6&r_clarity=-3&r_evidence=%20",
		"time_limit=0&seconds_taken=86401&answer=ok",
		";;;&&&===",
		"notes=" + strings.Repeat("n", 5001) + "&answer=x",
		"answer=" + url.QueryEscape("<script>alert(1)</script>") + "&r_overall=5",
		"recording_ms=9999999999&recording_silence_ms=-5&answer=x",
	} {
		f.Add(seed, false)
		f.Add(seed, true)
	}
	app := practiceTarget.get(f, true)
	f.Fuzz(func(t *testing.T, body string, tokenInBody bool) {
		before := app.errors.Load()
		rec := app.post("/practice/why-sales", body, tokenInBody)
		checkFuzzAnswer(t, app, before, rec, body, 303, 422, 403, 413, 400)
		if rec.Code == http.StatusSeeOther && !regexp.MustCompile(`^/attempts/\d+$`).MatchString(rec.Header().Get("Location")) {
			t.Fatalf("body %q: saved, then sent to %q", body, rec.Header().Get("Location"))
		}
	})
}

func FuzzSignupForm(f *testing.F) {
	good := signupValues("Fuzz", "fuzz-seed@example.com", "en", "candidate").Encode()
	for _, seed := range []string{
		good,
		"",
		"email=a@b&password=x",
		"display_name=%00&email=x%40example.com&password=" + strings.Repeat("p", 257) + "&lang=en&role=candidate",
		"display_name=" + strings.Repeat("名", 51) + "&email=a%40example.com&password=long+enough+pw&lang=ja&role=coach",
		"email=%22a%22%40example.com&password=long+enough+pw&lang=en&role=candidate&display_name=q",
		"email=a%40example.com%0d%0aBcc%3a+x%40evil.example&password=long+enough+pw&lang=en&role=candidate&display_name=q",
		"role=admin&lang=fr&email=b%40example.com&password=long+enough+pw&display_name=x",
		"next=%2F%2Fevil.example&" + good,
		"next=https%3A%2F%2Fevil.example&" + signupValues("Fuzz", "fuzz-next@example.com", "en", "candidate").Encode(),
		"password=%ff%fe%fd%fc%fb%fa%f9%f8%f7%f6&email=c%40example.com&lang=en&role=candidate&display_name=x",
		"%%%%=&&&",
	} {
		f.Add(seed, false)
		f.Add(seed, true)
	}
	app := signupTarget.get(f, false)
	f.Fuzz(func(t *testing.T, body string, tokenInBody bool) {
		before := app.errors.Load()
		rec := app.post("/signup", body, tokenInBody)
		checkFuzzAnswer(t, app, before, rec, body, 303, 422, 403, 413, 400, 429)
		if loc := rec.Header().Get("Location"); rec.Code == http.StatusSeeOther && (!strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.ContainsAny(loc, "\\\r\n")) {
			t.Fatalf("body %q: signup sent to %q, off the site", body, loc)
		}
	})
}
