package web

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver for creating test schemas
	"gorm.io/gorm"

	"github.com/aeprep/aeprep/content"
	"github.com/aeprep/aeprep/internal/library"
	"github.com/aeprep/aeprep/internal/store"
	"github.com/aeprep/aeprep/internal/store/storetest"
)

// testLibrary is loaded once: content never changes during a test run.
var testLibrary = func() *library.Library {
	l, err := library.Load(content.FS)
	if err != nil {
		panic(err)
	}
	return l
}()

type testServer struct {
	*httptest.Server
	store *store.Store
	db    *gorm.DB // a second connection, for fixtures and checks behind the app's back
	app   *Server
	inbox *inbox // the mail the app sent
}

// serverConfig is what newTestServer's options change.
type serverConfig struct {
	dsn   string           // the database; "" for a fresh one
	inbox *inbox           // where the app's mail goes; nil for a fresh inbox
	set   []func(*Options) // changes to the app's options
	tls   bool             // serve over HTTPS
}

// serverOption changes how newTestServer builds the app.
type serverOption func(*serverConfig)

// withOptions changes the app's Options, for example its rate limits.
func withOptions(set func(*Options)) serverOption {
	return func(c *serverConfig) { c.set = append(c.set, set) }
}

// withLimits sets the app's rate limits.
func withLimits(l Limits) serverOption {
	return withOptions(func(o *Options) { o.Limits = l })
}

// withClock fixes the store's clock, which every part of the app reads.
func withClock(now func() time.Time) serverOption {
	return withOptions(func(o *Options) { o.Store.Now = now })
}

// withDatabase runs the app on the database at dsn, shared with another
// instance, delivering its mail to ib (which the instances share too).
func withDatabase(dsn string, ib *inbox) serverOption {
	return func(c *serverConfig) { c.dsn, c.inbox = dsn, ib }
}

// withTLS serves the app over HTTPS, with Secure cookies; ts.Client()
// trusts its certificate.
func withTLS() serverOption {
	return func(c *serverConfig) {
		c.tls = true
		c.set = append(c.set, func(o *Options) { o.SecureCookies = true })
	}
}

// newTestServer starts the real app on a fresh temp database (or the one
// withDatabase names), its mail delivered to ts.inbox.
func newTestServer(t *testing.T, opts ...serverOption) *testServer {
	t.Helper()
	var cfg serverConfig
	for _, opt := range opts {
		opt(&cfg)
	}
	if cfg.dsn == "" {
		cfg.dsn = testDSN(t)
	}
	if cfg.inbox == nil {
		cfg.inbox = &inbox{}
	}
	st := storetest.Open(t, cfg.dsn)
	o := Options{Store: st, Library: testLibrary}
	startOutboxTo(t, &o, cfg.inbox)
	for _, set := range cfg.set {
		set(&o)
	}
	srv, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(srv)
	if cfg.tls {
		ts.StartTLS()
	} else {
		ts.Start()
	}
	t.Cleanup(ts.Close)
	return &testServer{Server: ts, store: st, db: storetest.Conn(t, cfg.dsn, func() time.Time { return st.Now() }), app: srv, inbox: cfg.inbox}
}

// newTestServerWith is newTestServer with options changed by set.
func newTestServerWith(t *testing.T, set func(*Options)) *testServer {
	t.Helper()
	return newTestServer(t, withOptions(set))
}

// testDSN names a fresh database for one test: a SQLite file in a temp
// dir or, when AEPREP_TEST_POSTGRES names a PostgreSQL server, a schema of
// its own there, dropped afterwards.
func testDSN(t *testing.T) string {
	t.Helper()
	pg := os.Getenv("AEPREP_TEST_POSTGRES")
	if pg == "" {
		return filepath.Join(t.TempDir(), "test.db")
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", pg)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if db, err := sql.Open("pgx", pg); err == nil {
			db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
			db.Close()
		}
	})
	sep := "?"
	if strings.Contains(pg, "?") {
		sep = "&"
	}
	return pg + sep + "search_path=" + schema
}

// client returns a client with its own cookie jar that does not follow
// redirects, so tests see them.
func (ts *testServer) client(t *testing.T) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

type response struct {
	*http.Response
	body string
	doc  *goquery.Document
}

func (ts *testServer) get(t *testing.T, c *http.Client, path string, headers ...string) *response {
	t.Helper()
	req, err := http.NewRequest("GET", ts.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return do(t, c, req)
}

func do(t *testing.T, c *http.Client, req *http.Request) *response {
	t.Helper()
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	r := &response{Response: res, body: string(b)}
	if strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		r.doc, err = goquery.NewDocumentFromReader(strings.NewReader(r.body))
		if err != nil {
			t.Fatal(err)
		}
	}
	return r
}

func (r *response) text(sel string) string {
	return strings.TrimSpace(r.doc.Find(sel).First().Text())
}

func ciRequired() bool { return os.Getenv("CI") == "true" }
