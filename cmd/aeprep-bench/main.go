// Command aeprep-bench measures aeprep's throughput, latency, CPU time and
// memory: it fills a fresh database with a cohort-sized fixture by bulk
// SQL, builds the real server (cmd/aeprep) and runs one or more instances
// of it as separate processes on that database, signs users in over HTTP,
// and drives each case from its own process with a built-in keep-alive
// load generator on loopback. It prints requests/s, p50 and p99 per case,
// compared with serving a static file in the same run, with the servers'
// CPU time per request and peak memory read from /proc.
//
//	go run ./cmd/aeprep-bench [-quick] [-duration 5s] [-concurrency 8] [-db sqlite|pg|postgres://...] [-instances 1,2]
//
// Targets are printed beside the numbers as PASS or MISS; a miss never
// makes the command fail.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/aeprep/aeprep/content"
	"github.com/aeprep/aeprep/internal/library"
	"github.com/aeprep/aeprep/internal/store"
)

type options struct {
	duration    time.Duration
	concurrency int
	db          string
	fixture     string
	instances   []int // a pass of the cases for each count of servers
	maxRequests uint64
	saveUsers   int
	cases       string
	cpuProfile  string
	serverBin   string
	keep        bool
}

func main() {
	o, err := parseFlags(os.Args[1:], os.Getenv)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "aeprep-bench:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "aeprep-bench:", err)
		os.Exit(1)
	}
}

// parseFlags reads the options; getenv supplies AEPREP_TEST_POSTGRES for
// -db pg.
func parseFlags(args []string, getenv func(string) string) (options, error) {
	var o options
	fs := flag.NewFlagSet("aeprep-bench", flag.ContinueOnError)
	fs.DurationVar(&o.duration, "duration", 5*time.Second, "how long each case runs")
	fs.IntVar(&o.concurrency, "concurrency", 8, "concurrent client connections")
	fs.StringVar(&o.db, "db", "sqlite", `"sqlite" (a temp file), "pg" ($AEPREP_TEST_POSTGRES) or a postgres:// URL (a temporary schema is created there and dropped)`)
	fs.StringVar(&o.fixture, "fixture", "full", "fixture size: full (300 candidates × 60 questions × 10 attempts) or small (50 × 20 × 5)")
	instances := fs.String("instances", "1", "server processes sharing the database, or a comma-separated list (1,2) for one pass of the cases per count")
	quick := fs.Bool("quick", false, "a smoke run: -fixture small -duration 2s (unless given)")
	fs.Uint64Var(&o.maxRequests, "max-requests", 1_000_000, "stop a case after this many requests even before -duration")
	fs.IntVar(&o.saveUsers, "save-users", 0, "candidates the save case rotates over (default: one per connection)")
	fs.StringVar(&o.cases, "cases", "", "run only the cases whose name matches this regexp (the baseline always runs)")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of the first server during the load phase of the first pass to this file (the server is built with a profiling hook)")
	fs.StringVar(&o.serverBin, "server-bin", "", "run this aeprep binary instead of building ./cmd/aeprep")
	fs.BoolVar(&o.keep, "keep", false, "keep the temporary SQLite database and the servers' logs, and print where")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if *quick {
		if !set["fixture"] {
			o.fixture = "small"
		}
		if !set["duration"] {
			o.duration = 2 * time.Second
		}
	}
	for _, f := range strings.Split(*instances, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > 8 {
			return o, fmt.Errorf("-instances: %q is not a count from 1 to 8", f)
		}
		o.instances = append(o.instances, n)
	}
	if o.db == "pg" {
		if o.db = getenv("AEPREP_TEST_POSTGRES"); o.db == "" {
			return o, errors.New("-db pg: AEPREP_TEST_POSTGRES is not set")
		}
	}
	if _, ok := shapes[o.fixture]; !ok {
		return o, fmt.Errorf("-fixture: %q is neither full nor small", o.fixture)
	}
	if o.concurrency < 1 {
		return o, errors.New("-concurrency must be at least 1")
	}
	return o, nil
}

// pass is one run of the cases against a number of servers.
type pass struct {
	servers []*server
	results []*result
	// setupPeak is each server's VmHWM after start-up and the sign-ins
	// (argon2id), loadPeak its VmHWM over the cases alone (-1 when the
	// kernel mark could not be reset), both in KiB. (The kernel's
	// ru_maxrss at exit is not used: Go starts a child sharing the parent's
	// memory until exec, and Linux then counts the benchmark's own RSS,
	// fixture and all, as the server's; on PostgreSQL that showed 120 MB
	// for servers whose VmHWM never passed 92.)
	setupPeak, loadPeak []int64
	problems            [][]string // each server's logged warnings and errors
}

func run(ctx context.Context, o options, out io.Writer) error {
	sh := shapes[o.fixture]
	if o.saveUsers <= 0 {
		o.saveUsers = o.concurrency
	}
	o.saveUsers = min(o.saveUsers, sh.Candidates)
	var filter *regexp.Regexp
	if o.cases != "" {
		var err error
		if filter, err = regexp.Compile(o.cases); err != nil {
			return fmt.Errorf("-cases: %w", err)
		}
	}
	work, err := os.MkdirTemp("", "aeprep-bench-")
	if err != nil {
		return err
	}
	defer func() {
		if !o.keep {
			os.RemoveAll(work)
		}
	}()

	// The server binary builds while the fixture loads.
	type built struct {
		bin string
		err error
	}
	binc := make(chan built, 1)
	if o.serverBin != "" {
		binc <- built{bin: o.serverBin}
	} else {
		go func() {
			bin, err := buildServer(ctx, work, o.cpuProfile != "")
			binc <- built{bin, err}
		}()
	}

	// The database: a temp SQLite file, or a scratch schema on PostgreSQL,
	// migrated by the store and filled here over a connection of the
	// benchmark's own.
	dsn, dbDesc, cleanup, err := scratchDB(ctx, o, work)
	if err != nil {
		<-binc
		return err
	}
	defer cleanup()
	lib, err := library.Load(content.FS)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, dsn, nil)
	if err != nil {
		return err
	}
	dialect := st.Dialect
	st.Close()

	fmt.Fprintf(out, "aeprep-bench: %s, %d CPUs, load average %s, %s, fixture %s, %d connections, %s per case, server instances: %s\n",
		runtime.Version(), runtime.NumCPU(), loadAvg(), dbDesc, o.fixture, o.concurrency, o.duration, joinInts(o.instances))
	fx, err := buildFixture(ctx, dialect, dsn, lib, sh)
	if err != nil {
		<-binc
		return err
	}
	if err := rebuildCells(ctx, dsn, fx); err != nil {
		<-binc
		return err
	}
	fmt.Fprintf(out, "fixture (in the benchmark's process): %d users, set of %d questions, %d attempts, %d reviews in %s",
		sh.Candidates+2, sh.Questions, fx.Attempts, fx.Reviews, fx.Took.Round(time.Millisecond))
	if main, wal := dbSize(dsn); main > 0 {
		fmt.Fprintf(out, " (database %.0f MB, WAL %.0f MB)", float64(main)/(1<<20), float64(wal)/(1<<20))
	}
	fmt.Fprintln(out)
	b := <-binc
	if b.err != nil {
		return b.err
	}

	var passes []*pass
	for i, n := range o.instances {
		profile := ""
		if i == 0 && o.cpuProfile != "" {
			if profile, err = filepath.Abs(o.cpuProfile); err != nil {
				return err
			}
		}
		p, err := runPass(ctx, o, out, b.bin, dsn, work, n, dialect, fx, filter, profile)
		if err != nil {
			return err
		}
		passes = append(passes, p)
		report(out, p, dialect)
	}
	if len(passes) > 1 {
		compare(out, passes, dialect)
	}
	fmt.Fprintf(out, "load average at the end: %s\n", loadAvg())
	if o.keep {
		fmt.Fprintf(out, "kept: %s (database %s)\n", work, dsn)
	}
	return nil
}

// runPass starts n servers, signs the fixture's users in, runs every case
// against them and stops them.
func runPass(ctx context.Context, o options, out io.Writer, bin, dsn, work string, n int, dialect string, fx *fixture, filter *regexp.Regexp, profile string) (*pass, error) {
	servers, err := startServers(ctx, bin, dsn, work, n, profile)
	if err != nil {
		return nil, err
	}
	defer stopServers(servers)
	p := &pass{servers: servers}
	sampleCtx, stopSampling := context.WithCancel(ctx)
	defer stopSampling()
	go sample(sampleCtx, servers, 50*time.Millisecond)

	client := &http.Client{
		Transport: &http.Transport{
			Proxy:               nil,
			DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
			MaxIdleConns:        4 * o.concurrency,
			MaxIdleConnsPerHost: 4 * o.concurrency,
			IdleConnTimeout:     90 * time.Second,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Timeout:       60 * time.Second,
	}
	defer client.CloseIdleConnections()
	var bases, pids []string
	for _, s := range servers {
		bases = append(bases, s.base)
		pids = append(pids, strconv.Itoa(s.pid()))
	}
	fmt.Fprintf(out, "\n== %d server instance(s): %s (pids %s)\n", n, strings.Join(bases, ", "), strings.Join(pids, ", "))

	// Real sessions, signed in over HTTP, spread over the servers: the
	// sessions are in the database, so any server knows them all.
	t0 := time.Now()
	emails := []string{fx.CoachEmail, fx.Candidates[0], fx.HeavyEmail}
	for i := range o.saveUsers {
		emails = append(emails, fx.Candidates[(1+i)%len(fx.Candidates)])
	}
	sess, err := loginAll(ctx, client, bases, emails)
	if err != nil {
		return nil, err
	}
	coach, cand, heavy, savers := sess[0], sess[1], sess[2], sess[3:]
	loadPeakKnown := true
	for _, s := range servers {
		p.setupPeak = append(p.setupPeak, s.status("VmHWM"))
		// Restart the high-water mark so the load phase's peak can be
		// told apart from the sign-ins'.
		loadPeakKnown = s.resetPeak() && loadPeakKnown
	}
	fmt.Fprintf(out, "signed in %d sessions over HTTP in %s; server peak RSS after start-up and sign-ins: %s\n",
		len(sess), time.Since(t0).Round(time.Millisecond), kibs(p.setupPeak))

	css, err := stylesheet(ctx, client, bases[0])
	if err != nil {
		return nil, err
	}
	cases := buildCases(o, dialect, fx, css, coach, cand, heavy, savers)
	l := &loader{client: client, servers: servers, concurrency: o.concurrency, duration: o.duration, maxRequests: o.maxRequests}
	if profile != "" {
		if err := servers[0].profile(profile, true); err != nil {
			return nil, err
		}
	}
	for i, c := range cases {
		if i > 0 && filter != nil && !filter.MatchString(c.Name) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for _, s := range servers {
			s.sampledPeak() // each case's peak starts with it
		}
		t := time.Now()
		if err := probe(ctx, l, c, fx); err != nil {
			fmt.Fprintf(out, "probe %s: %v\n", c.Name, err)
		}
		r := &result{Case: c}
		if c.Missing == "" {
			// A page that takes long is warm after its probe.
			r = l.run(ctx, c, time.Since(t) < 100*time.Millisecond)
		}
		for _, s := range servers {
			r.PeakRSS = append(r.PeakRSS, max(s.sampledPeak(), s.status("VmRSS")))
		}
		p.results = append(p.results, r)
	}
	if profile != "" {
		if err := servers[0].profile(profile, false); err != nil {
			return nil, err
		}
		fmt.Fprintf(out, "CPU profile of server 1 over the cases: %s\n", profile)
	}
	for _, s := range servers {
		hwm := int64(-1)
		if loadPeakKnown {
			hwm = s.status("VmHWM")
		}
		p.loadPeak = append(p.loadPeak, hwm)
	}
	stopSampling()
	client.CloseIdleConnections()
	stopServers(servers)
	for _, s := range servers {
		p.problems = append(p.problems, s.logProblems())
	}
	return p, nil
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ",")
}

func kibs(ks []int64) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = kib(k)
	}
	return strings.Join(s, ", ")
}

// loadAvg is the 1, 5 and 15 minute load averages, or "n/a".
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "n/a"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "n/a"
	}
	return strings.Join(f[:3], " ")
}

func ms(d time.Duration) string {
	switch {
	case d >= 100*time.Millisecond:
		return fmt.Sprintf("%.0f ms", float64(d)/1e6)
	case d >= 10*time.Millisecond:
		return fmt.Sprintf("%.1f ms", float64(d)/1e6)
	}
	return fmt.Sprintf("%.2f ms", float64(d)/1e6)
}

// size is a body size for people.
func size(n int) string {
	switch {
	case n == 0:
		return "-"
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func kib(k int64) string {
	if k <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.1f MB", float64(k)/1024)
}

// procStatus reads a "kB" field of /proc/<pid>/status (Linux), or -1.
func procStatus(pid int, field string) int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			n, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				return -1
			}
			return n
		}
	}
	return -1
}

// scratchDB returns the DSN of an empty database for this run and a
// function that removes it.
func scratchDB(ctx context.Context, o options, dir string) (dsn, desc string, cleanup func(), err error) {
	if o.db == "sqlite" || o.db == "" {
		dsn = filepath.Join(dir, "bench.db")
		return dsn, "SQLite " + dsn, func() {}, nil
	}
	if !store.IsPostgres(o.db) {
		return "", "", nil, fmt.Errorf("-db: %q is neither sqlite nor a postgres:// URL", o.db)
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "aeprep_bench_" + hex.EncodeToString(b)
	admin, err := gorm.Open(postgres.Open(o.db), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		return "", "", nil, err
	}
	if err := admin.WithContext(ctx).Exec(`CREATE SCHEMA ` + schema).Error; err != nil {
		return "", "", nil, fmt.Errorf("postgres: create schema: %w", err)
	}
	sep := "?"
	if strings.Contains(o.db, "?") {
		sep = "&"
	}
	cleanup = func() {
		admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		if sqlDB, err := admin.DB(); err == nil {
			sqlDB.Close()
		}
	}
	return o.db + sep + "search_path=" + schema, "PostgreSQL (schema " + schema + ")", cleanup, nil
}

// dbSize is the size of a SQLite database file and of its WAL.
func dbSize(dsn string) (main, wal int64) {
	if store.IsPostgres(dsn) {
		return 0, 0
	}
	if fi, err := os.Stat(dsn); err == nil {
		main = fi.Size()
	}
	if fi, err := os.Stat(dsn + "-wal"); err == nil {
		wal = fi.Size()
	}
	return main, wal
}

// session is a signed-in browser: its Cookie header and CSRF token.
type session struct {
	email  string
	cookie string
	csrf   string
}

// loginAll signs every email in over HTTP, one after the other, each on
// the next of the servers in turn: each
// login verifies an argon2id hash, which takes 19 MiB for its duration,
// and a burst of them would set the process's peak memory.
func loginAll(ctx context.Context, client *http.Client, bases []string, emails []string) ([]session, error) {
	out := make([]session, len(emails))
	for i, e := range emails {
		var err error
		if out[i], err = login(ctx, client, bases[i%len(bases)], e); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// login does what a browser does: GET /login for the CSRF cookie and the
// form's token, POST the form with them, keep the cookies the server sets,
// and read the signed-in session's token from /me.
func login(ctx context.Context, client *http.Client, base, email string) (session, error) {
	s := session{email: email}
	cookies := map[string]string{}
	keep := func(res *http.Response) {
		for _, ck := range res.Cookies() {
			cookies[ck.Name] = ck.Value
		}
	}
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/login", nil)
	res, err := client.Do(req)
	if err != nil {
		return s, err
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	keep(res)
	s.csrf = formCSRF(string(page))
	if s.csrf == "" || cookies["aeprep_csrf"] == "" {
		return s, errors.New("login: GET /login gave no CSRF cookie and token")
	}
	form := url.Values{"email": {email}, "password": {benchPassword}, "_csrf": {s.csrf}}
	req, _ = http.NewRequestWithContext(ctx, "POST", base+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Cookie", "aeprep_csrf="+cookies["aeprep_csrf"])
	res, err = client.Do(req)
	if err != nil {
		return s, err
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		return s, fmt.Errorf("login %s: status %d", email, res.StatusCode)
	}
	keep(res)
	if cookies["aeprep_session"] == "" {
		return s, fmt.Errorf("login %s: no session cookie", email)
	}
	var parts []string
	for _, k := range []string{"aeprep_csrf", "aeprep_session", "lang"} {
		if v := cookies[k]; v != "" {
			parts = append(parts, k+"="+v)
		}
	}
	s.cookie = strings.Join(parts, "; ")
	// Signed in, forms carry the session's token.
	req, _ = http.NewRequestWithContext(ctx, "GET", base+"/me", nil)
	req.Header.Set("Cookie", s.cookie)
	res, err = client.Do(req)
	if err != nil {
		return s, err
	}
	page, _ = io.ReadAll(res.Body)
	res.Body.Close()
	if s.csrf = formCSRF(string(page)); s.csrf == "" {
		return s, fmt.Errorf("login %s: /me has no CSRF token (status %d)", email, res.StatusCode)
	}
	return s, nil
}

var csrfInputRE = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// formCSRF reads the CSRF token of the first form on a page.
func formCSRF(html string) string {
	if m := csrfInputRE.FindStringSubmatch(html); m != nil {
		return m[1]
	}
	return ""
}

var stylesheetRE = regexp.MustCompile(`<link[^>]+rel="?stylesheet"?[^>]*href="([^"]+)"`)

// stylesheet reads the fingerprinted CSS URL from the home page.
func stylesheet(ctx context.Context, client *http.Client, base string) (string, error) {
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/", nil)
	res, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return "", err
	}
	m := stylesheetRE.FindSubmatch(b)
	if m == nil {
		return "", errors.New("no <link rel=stylesheet> on the home page")
	}
	return string(m[1]), nil
}
