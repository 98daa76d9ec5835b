package main

// The durability tests' harness: the binary built once, the server run as a
// subprocess, an HTTP client that signs up and saves, and checks on the
// database the server left behind.

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"gorm.io/gorm"

	"github.com/aeprep/aeprep/internal/store"
	"github.com/aeprep/aeprep/internal/store/storetest"
)

// bankQuestions are real question ids from the shipped content.
var bankQuestions = []string{"why-sales", "mistake-and-lesson", "walk-me-through-sales-experience"}

const testPassword = "correct horse battery staple"

var (
	binDir    string // created by TestMain, removed after the run
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "aeprep-durability-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "durability: temp dir:", err)
		os.Exit(1)
	}
	binDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// aeprepBinary builds the real binary the first time a test needs it.
func aeprepBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		binPath = filepath.Join(binDir, "aeprep")
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		start := time.Now()
		out, err := exec.CommandContext(ctx, "go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
			return
		}
		t.Logf("built %s in %v", binPath, time.Since(start).Round(time.Millisecond))
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// childEnv is the test's environment without AEPREP_* settings, so only
// the flags the tests pass configure the server.
func childEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AEPREP_") {
			env = append(env, kv)
		}
	}
	return env
}

// syncBuffer is a bytes.Buffer safe for a writer and concurrent readers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// readyWriter collects stdout and reports the URL of the
// "aeprep listening on URL" line once.
type readyWriter struct {
	syncBuffer
	once  sync.Once
	ready chan string
}

func (w *readyWriter) Write(p []byte) (int, error) {
	n, err := w.syncBuffer.Write(p)
	out := w.String()
	if i := strings.Index(out, "aeprep listening on "); i >= 0 {
		rest := out[i+len("aeprep listening on "):]
		if j := strings.IndexByte(rest, '\n'); j >= 0 {
			w.once.Do(func() { w.ready <- strings.TrimSpace(rest[:j]) })
		}
	}
	return n, err
}

// proc is one running aeprep server process.
type proc struct {
	cmd    *exec.Cmd
	URL    string
	stdout *readyWriter
	stderr *syncBuffer
	done   chan struct{} // closed when the process has exited
	err    error         // cmd.Wait's result, valid after done
}

// startServer runs the binary on 127.0.0.1:0 with db and waits for it to
// listen and answer /healthz.
func startServer(t *testing.T, db string, extra ...string) *proc {
	t.Helper()
	bin := aeprepBinary(t)
	args := append([]string{"-addr", "127.0.0.1:0", "-db", db, "-signup-limit", "1000", "-login-limit", "1000",
		"-log-level", "info"}, extra...)
	p := &proc{stdout: &readyWriter{ready: make(chan string, 1)}, stderr: &syncBuffer{}, done: make(chan struct{})}
	p.cmd = exec.Command(bin, args...)
	p.cmd.Env = childEnv()
	p.cmd.Stdout = p.stdout
	p.cmd.Stderr = p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		p.err = p.cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		p.kill()
		if t.Failed() {
			t.Logf("server %s stderr (tail):\n%s", p.URL, tail(p.stderr.String(), 4000))
		}
	})
	select {
	case u := <-p.stdout.ready:
		if !strings.HasPrefix(u, "http://127.0.0.1:") {
			t.Fatalf("server listens on %q, want loopback http", u)
		}
		p.URL = u
	case <-p.done:
		t.Fatalf("server exited before listening: %v\nstdout: %s\nstderr: %s", p.err, p.stdout.String(), p.stderr.String())
	case <-time.After(60 * time.Second):
		t.Fatalf("server did not print its address within 60s\nstderr: %s", p.stderr.String())
	}
	hc := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{Proxy: nil}}
	defer hc.CloseIdleConnections()
	res, err := hc.Get(p.URL + "/healthz")
	if err != nil {
		t.Fatalf("healthz: %v", err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("healthz: %d %q", res.StatusCode, body)
	}
	return p
}

// kill sends SIGKILL (if still running) and waits for the exit.
func (p *proc) kill() {
	select {
	case <-p.done:
		return
	default:
	}
	_ = p.cmd.Process.Signal(syscall.SIGKILL)
	select {
	case <-p.done:
	case <-time.After(30 * time.Second):
	}
}

// stop sends SIGTERM and waits up to within for the exit; it fails the
// test unless the process exits with status 0.
func (p *proc) stop(t *testing.T, within time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatalf("SIGTERM: %v", err)
	}
	select {
	case <-p.done:
	case <-time.After(within):
		p.kill()
		t.Fatalf("server did not exit within %v of SIGTERM", within)
	}
	took := time.Since(start)
	if p.err != nil {
		t.Fatalf("server exit after SIGTERM: %v (want status 0)\nstderr: %s", p.err, tail(p.stderr.String(), 4000))
	}
	return took
}

func tail(s string, n int) string {
	if len(s) > n {
		return "..." + s[len(s)-n:]
	}
	return s
}

// errorLines returns the server's log lines at level ERROR.
func errorLines(log string) []string {
	var out []string
	for _, l := range strings.Split(log, "\n") {
		if strings.Contains(l, "level=ERROR") {
			out = append(out, l)
		}
	}
	return out
}

func checkNoLockErrors(t *testing.T, log string) {
	t.Helper()
	for _, bad := range []string{"database is locked", "SQLITE_BUSY", "database table is locked"} {
		if n := strings.Count(log, bad); n > 0 {
			t.Errorf("server log mentions %q %d times", bad, n)
		}
	}
}

// newTransport is a loopback-only transport with room for many idle
// connections, so concurrent clients reuse them.
func newTransport() *http.Transport {
	return &http.Transport{
		Proxy:                 nil,
		DialContext:           (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   256,
		IdleConnTimeout:       30 * time.Second,
		ResponseHeaderTimeout: 60 * time.Second,
	}
}

// client is one browser: a cookie jar that does not follow redirects.
type client struct {
	base string
	jar  *cookiejar.Jar
	hc   *http.Client

	mu         sync.Mutex
	token      string // the CSRF token forms carry for…
	tokenOfSes string // …this session cookie ("" for a visitor)
}

func newClient(base string, tr http.RoundTripper) *client {
	jar, _ := cookiejar.New(nil)
	c := &client{jar: jar}
	c.use(base, tr)
	return c
}

// use points the client (keeping its cookies) at a server.
func (c *client) use(base string, tr http.RoundTripper) {
	c.base = base
	c.hc = &http.Client{Jar: c.jar, Transport: tr, Timeout: 60 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func (c *client) cookie(name string) string {
	u, _ := url.Parse(c.base)
	for _, ck := range c.jar.Cookies(u) {
		if ck.Name == name {
			return ck.Value
		}
	}
	return ""
}

var csrfInputRE = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// csrf returns the token the site's forms give this client now: the token
// is bound to the session, so it is read again from a page (the log-in
// form, or /me once signed in) whenever the session cookie has changed.
func (c *client) csrf() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	ses := c.cookie("aeprep_session")
	if c.token != "" && c.tokenOfSes == ses {
		return c.token
	}
	path := "/login"
	for i := 0; i < 2; i++ {
		res, err := c.hc.Get(c.base + path)
		if err != nil {
			return ""
		}
		b, _ := io.ReadAll(io.LimitReader(res.Body, 8<<20))
		res.Body.Close()
		if res.StatusCode == http.StatusSeeOther {
			path = res.Header.Get("Location")
			continue
		}
		if m := csrfInputRE.FindSubmatch(b); m != nil {
			c.token, c.tokenOfSes = string(m[1]), c.cookie("aeprep_session")
		}
		break
	}
	return c.token
}

type reply struct {
	status   int
	location string
	body     string
}

func (c *client) get(path string) (reply, error) {
	res, err := c.hc.Get(c.base + path)
	if err != nil {
		return reply{}, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(io.LimitReader(res.Body, 64<<20))
	return reply{res.StatusCode, res.Header.Get("Location"), string(b)}, err
}

func (c *client) post(path string, form url.Values) (reply, error) {
	form.Set("_csrf", c.csrf())
	res, err := c.hc.PostForm(c.base+path, form)
	if err != nil {
		return reply{}, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(io.LimitReader(res.Body, 64<<20))
	return reply{res.StatusCode, res.Header.Get("Location"), string(b)}, err
}

// signup creates an account through the real form, confirms it through
// the link the server emailed (with no SMTP server set up, aeprep writes
// its emails to its log, which p holds), and leaves the client signed in.
func (c *client) signup(p *proc, email, name string) error {
	r, err := c.get("/signup")
	if err != nil {
		return fmt.Errorf("GET /signup: %w", err)
	}
	if r.status != http.StatusOK || c.csrf() == "" {
		return fmt.Errorf("GET /signup: %d, csrf cookie %q", r.status, c.csrf())
	}
	r, err = c.post("/signup", url.Values{"display_name": {name}, "email": {email}, "password": {testPassword},
		"lang": {"en"}, "role": {"candidate"}})
	if err != nil {
		return fmt.Errorf("POST /signup: %w", err)
	}
	if r.status != http.StatusSeeOther || r.location != "/signup/sent" {
		return fmt.Errorf("POST /signup: %d to %q: %s", r.status, r.location, snippet(r.body))
	}
	link, err := p.mailedLink(email, "/signup/confirm/")
	if err != nil {
		return err
	}
	if r, err = c.get(link); err != nil || r.status != http.StatusOK {
		return fmt.Errorf("GET %s: %d %v", link, r.status, err)
	}
	r, err = c.post(link, url.Values{})
	if err != nil {
		return fmt.Errorf("confirming: %w", err)
	}
	if r.status != http.StatusSeeOther || r.location != "/me" {
		return fmt.Errorf("confirming: %d to %q: %s", r.status, r.location, snippet(r.body))
	}
	return nil
}

// mailedLink waits for the server to log an email to addr and returns the
// path of its link starting with prefix.
func (p *proc) mailedLink(addr, prefix string) (string, error) {
	re := regexp.MustCompile(`to=` + regexp.QuoteMeta(addr) + ` .*?https?://[^/\s"]+(` + regexp.QuoteMeta(prefix) + `[A-Za-z0-9_-]+)`)
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(p.stderr.String()); m != nil {
			return m[1], nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return "", fmt.Errorf("no email with a %s link to %s in the server log", prefix, addr)
}

// snippet sums up an unexpected response body for a failure message: the
// form's field errors when it has any, else the start of its text.
func snippet(s string) string {
	if doc, err := goquery.NewDocumentFromReader(strings.NewReader(s)); err == nil {
		var errs []string
		doc.Find(".field-error, [role=alert], .flash").Each(func(_ int, e *goquery.Selection) {
			id, _ := e.Attr("id")
			errs = append(errs, strings.TrimSpace(id+" "+strings.Join(strings.Fields(e.Text()), " ")))
		})
		doc.Find("[aria-invalid=true]").Each(func(_ int, e *goquery.Selection) {
			name, _ := e.Attr("name")
			errs = append(errs, "invalid field "+name)
		})
		if len(errs) > 0 {
			return strings.Join(errs, "; ")
		}
		if title := strings.TrimSpace(doc.Find("title").Text()); title != "" {
			s = title + ": " + doc.Find("main").Text()
		}
	}
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return s
}

// save is one practice form submission and, once acknowledged, the id of
// the attempt the server redirected to.
type save struct {
	qid     string
	token   string
	answer  string
	notes   string
	seconds int
	ratings store.Ratings
	id      int64
}

func randToken() string {
	b := make([]byte, 18)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func randRating() int {
	var b [1]byte
	_, _ = rand.Read(b[:])
	return int(b[0])%5 + 1
}

// newSave prepares a submission with a unique answer text and random
// ratings (overall, when > 0, is fixed).
func newSave(label, qid string, overall int) *save {
	tok := randToken()
	s := &save{qid: qid, token: tok, seconds: 30 + randRating()*10,
		answer: fmt.Sprintf("%s [%s]\nI moved into sales because I like solving a client's problem — 顧客の課題を解決する。", label, tok),
		notes:  "notes for " + label}
	for _, k := range store.Criteria {
		s.ratings.Set(k, randRating())
	}
	if overall > 0 {
		s.ratings.Overall = overall
	}
	return s
}

func (s *save) form() url.Values {
	f := url.Values{"client_token": {s.token}, "answer": {s.answer}, "notes": {s.notes},
		"seconds_taken": {strconv.Itoa(s.seconds)}, "time_limit": {"120"}}
	for _, k := range store.Criteria {
		f.Set("r_"+k, strconv.Itoa(s.ratings.Get(k)))
	}
	return f
}

// multipartBody encodes the practice form as a browser does: the page's
// form is multipart/form-data, and an empty file input is sent as a part
// with an empty file name.
func (s *save) multipartBody(csrf string) (string, *bytes.Buffer) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	f := s.form()
	f.Set("_csrf", csrf)
	for _, k := range []string{"_csrf", "client_token", "time_limit", "answer", "seconds_taken"} {
		_ = w.WriteField(k, f.Get(k))
	}
	_, _ = w.CreateFormFile("recording", "")
	for _, k := range store.Criteria {
		_ = w.WriteField("r_"+k, f.Get("r_"+k))
	}
	_ = w.WriteField("notes", f.Get("notes"))
	_ = w.Close()
	return w.FormDataContentType(), &b
}

// submit posts the practice form. A 303 to /attempts/N sets s.id; any
// other status comes back as a reply with a nil error.
func (c *client) submit(s *save) (reply, error) {
	ctype, body := s.multipartBody(c.csrf())
	res, err := c.hc.Post(c.base+"/practice/"+s.qid, ctype, body)
	if err != nil {
		return reply{}, err
	}
	b, err := io.ReadAll(io.LimitReader(res.Body, 64<<20))
	res.Body.Close()
	r := reply{res.StatusCode, res.Header.Get("Location"), string(b)}
	if err != nil {
		return r, err
	}
	if r.status == http.StatusSeeOther {
		id, perr := strconv.ParseInt(strings.TrimPrefix(r.location, "/attempts/"), 10, 64)
		if !strings.HasPrefix(r.location, "/attempts/") || perr != nil || id <= 0 {
			return r, fmt.Errorf("303 to unexpected %q", r.location)
		}
		s.id = id
	}
	return r, nil
}

// openStore opens the database file (which must exist) with the store
// package, as the server does.
// openedStore is a store a test opened on the app's database file, with a
// second connection (DB) for reading what the app wrote behind its back.
type openedStore struct {
	*store.Store
	DB *gorm.DB
}

func openStore(t *testing.T, path string) *openedStore {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database file: %v", err)
	}
	return &openedStore{Store: storetest.Open(t, path), DB: storetest.Conn(t, path, nil)}
}

func allAttempts(t *testing.T, st *openedStore) []store.Attempt {
	t.Helper()
	var out []store.Attempt
	if err := st.DB.Order("id").Find(&out).Error; err != nil {
		t.Fatal(err)
	}
	return out
}

func userID(t *testing.T, st *openedStore, email string) int64 {
	t.Helper()
	u, err := st.UserByEmail(context.Background(), email)
	if err != nil {
		t.Fatalf("user %s: %v", email, err)
	}
	return u.ID
}

// checkSaved reports every expected save that is missing, duplicated or
// altered in atts (indexed by client token).
func checkSaved(t *testing.T, what string, want []*save, uid int64, byToken map[string][]store.Attempt) (found int) {
	t.Helper()
	bad := 0
	for _, s := range want {
		rows := byToken[s.token]
		switch {
		case len(rows) == 0:
			bad++
			if bad <= 10 {
				t.Errorf("%s: acknowledged save %d (%q) missing", what, s.id, firstLine(s.answer))
			}
			continue
		case len(rows) > 1:
			bad++
			if bad <= 10 {
				t.Errorf("%s: save %q stored %d times", what, firstLine(s.answer), len(rows))
			}
			continue
		}
		a := rows[0]
		if a.ID != s.id || a.UserID != uid || a.QuestionID != s.qid || a.Answer != s.answer || a.Notes != s.notes ||
			a.Ratings != s.ratings || a.SecondsTaken != s.seconds || a.TimeLimit != 120 {
			bad++
			if bad <= 10 {
				t.Errorf("%s: save %q altered:\n got id=%d user=%d q=%s ratings=%+v secs=%d limit=%d answer=%q notes=%q\nwant id=%d user=%d q=%s ratings=%+v secs=%d limit=120 answer=%q notes=%q",
					what, firstLine(s.answer), a.ID, a.UserID, a.QuestionID, a.Ratings, a.SecondsTaken, a.TimeLimit, a.Answer, a.Notes,
					s.id, uid, s.qid, s.ratings, s.seconds, s.answer, s.notes)
			}
			continue
		}
		found++
	}
	if bad > 10 {
		t.Errorf("%s: %d bad saves in all", what, bad)
	}
	return found
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func indexByToken(atts []store.Attempt) map[string][]store.Attempt {
	m := make(map[string][]store.Attempt, len(atts))
	for _, a := range atts {
		m[a.ClientToken] = append(m[a.ClientToken], a)
	}
	return m
}

// checkCardsMatchAttempts checks that every (user, question) with attempts
// has a card whose Reps equals the number of attempts: the attempt and its
// card are written in one transaction.
func checkCardsMatchAttempts(t *testing.T, what string, st *openedStore) {
	t.Helper()
	var rows []struct {
		UserID     int64
		QuestionID string
		N          int64
		Reps       *int64
	}
	err := st.DB.Raw(`SELECT a.user_id, a.question_id, COUNT(*) AS n, c.reps FROM attempts a
		LEFT JOIN cards c ON c.user_id = a.user_id AND c.question_id = a.question_id
		GROUP BY a.user_id, a.question_id, c.reps`).Scan(&rows).Error
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Reps == nil || *r.Reps != r.N {
			t.Errorf("%s: user %d question %s: %d attempts, card reps %v", what, r.UserID, r.QuestionID, r.N, r.Reps)
		}
	}
}

func integrityOK(t *testing.T, what string, st *openedStore) {
	t.Helper()
	var res []string
	if err := st.DB.Raw(`PRAGMA integrity_check`).Scan(&res).Error; err != nil {
		t.Fatalf("%s: integrity_check: %v", what, err)
	}
	if len(res) != 1 || res[0] != "ok" {
		t.Errorf("%s: integrity_check = %q, want [ok]", what, res)
	}
}

// failures collects unexpected outcomes from many goroutines.
type failures struct {
	mu   sync.Mutex
	n    int
	msgs []string
}

func (f *failures) add(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n++
	if len(f.msgs) < 20 {
		f.msgs = append(f.msgs, fmt.Sprintf(format, args...))
	}
}

func (f *failures) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.n
}

func (f *failures) report(t *testing.T, what string) {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.n == 0 {
		return
	}
	t.Errorf("%s: %d failures; first ones:\n%s", what, f.n, strings.Join(f.msgs, "\n"))
}

func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, int(float64(len(s))*p))]
}
