package main

import (
	"bytes"
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

func noEnv(string) string { return "" }

func TestParseFlags(t *testing.T) {
	o, err := parseFlags([]string{"-quick"}, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if o.fixture != "small" || o.duration != 2*time.Second || len(o.instances) != 1 || o.instances[0] != 1 || o.db != "sqlite" {
		t.Errorf("-quick: fixture %q, duration %v, instances %v, db %q; want small, 2s, [1], sqlite", o.fixture, o.duration, o.instances, o.db)
	}
	o, err = parseFlags([]string{"-quick", "-duration", "7s", "-instances", "1,2"}, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if o.duration != 7*time.Second || len(o.instances) != 2 || o.instances[1] != 2 {
		t.Errorf("-quick -duration 7s -instances 1,2: duration %v, instances %v", o.duration, o.instances)
	}
	const pg = "postgres://u@127.0.0.1:1/db?sslmode=disable"
	o, err = parseFlags([]string{"-db", "pg"}, func(k string) string {
		if k == "AEPREP_TEST_POSTGRES" {
			return pg
		}
		return ""
	})
	if err != nil || o.db != pg {
		t.Errorf("-db pg with AEPREP_TEST_POSTGRES set: db %q, err %v", o.db, err)
	}
	for _, args := range [][]string{{"-db", "pg"}, {"-instances", "0"}, {"-instances", "1,x"}, {"-fixture", "huge"}, {"-concurrency", "0"}, {"extra"}} {
		if _, err := parseFlags(args, noEnv); err == nil {
			t.Errorf("parseFlags(%q) accepted", args)
		}
	}
}

func TestAddrWriter(t *testing.T) {
	addr := make(chan string, 1)
	w := &addrWriter{addr: addr}
	for _, p := range []string{"noise\naeprep list", "ening on http://127.0.0.1:4", "321\nmore\n"} {
		w.Write([]byte(p))
	}
	select {
	case got := <-addr:
		if got != "http://127.0.0.1:4321" {
			t.Errorf("address %q", got)
		}
	default:
		t.Fatal("no address read from a line split over writes")
	}
}

// TestQuickBench runs the quick benchmark end to end on SQLite with one
// server (the real binary, built for the test) and checks the report's
// shape: every case with its figures, a verdict where a target applies,
// the server's peak RSS. It asserts nothing about the figures themselves.
func TestQuickBench(t *testing.T) {
	if testing.Short() {
		t.Skip("long: builds cmd/aeprep and runs every case")
	}
	o, err := parseFlags([]string{"-quick", "-duration", "300ms", "-db", "sqlite", "-instances", "1"}, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	var out bytes.Buffer
	if err := run(ctx, o, &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	report := out.String()
	t.Log(report)

	// The case names, as the run made them for the small fixture.
	fx := &fixture{Shape: shapes["small"], SetID: 1}
	cases := buildCases(o, "sqlite", fx, "/static/app.css", session{}, session{}, session{}, []session{{}})
	if len(cases) < 11 {
		t.Fatalf("%d cases, want at least 11", len(cases))
	}
	lines := strings.Split(report, "\n")
	for _, c := range cases {
		var row string
		for _, l := range lines {
			if strings.HasPrefix(strings.TrimSpace(l), strings.TrimSpace(c.Name)+"  ") {
				row = l
				break
			}
		}
		if row == "" {
			t.Errorf("no row for case %q", c.Name)
			continue
		}
		// requests, req/s, p50, p99, CPU/req, load CPU/req, server RSS.
		if !regexp.MustCompile(`\s\d+\s+\d+\s+[\d.]+ ms\s+[\d.]+ ms\s+[\d.]+ ms\s+[\d.]+ ms\s+[\d.]+ MB\s+0\s+[\d.]+×`).MatchString(row) {
			t.Errorf("case %q: row lacks its figures or has errors: %q", c.Name, row)
		}
		if c.target.Check != nil && !strings.HasSuffix(strings.TrimSpace(row), "PASS") && !strings.HasSuffix(strings.TrimSpace(row), "MISS") {
			t.Errorf("case %q has a target but no PASS or MISS: %q", c.Name, row)
		}
	}
	m := regexp.MustCompile(`server 1 peak RSS: ([\d.]+) MB  target < 100 MB  (PASS|MISS)`).FindStringSubmatch(report)
	if m == nil {
		t.Fatal("no peak RSS line for server 1")
	}
	if mb, _ := strconv.ParseFloat(m[1], 64); mb < 5 || mb > 4096 {
		t.Errorf("server peak RSS %s MB: not the size of a Go server", m[1])
	}
	for _, bad := range []string{"probe ", "first error of", "logged"} {
		if strings.Contains(report, bad) {
			t.Errorf("report has %q", bad)
		}
	}
}
