package main

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// startRun runs the real app on a free port and returns its base URL.
func startRun(t *testing.T, args ...string) (string, context.CancelFunc, chan error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	errc := make(chan error, 1)
	getenv := func(string) string { return "" }
	go func() {
		errc <- run(ctx, append([]string{"-addr", "127.0.0.1:0"}, args...), getenv, pw, io.Discard)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		cancel()
		t.Fatalf("server did not start: %v (%v)", err, <-errc)
	}
	go io.Copy(io.Discard, pr)
	url := strings.TrimSpace(line[strings.Index(line, "http://"):])
	return url, cancel, errc
}

func TestRunServesAndShutsDown(t *testing.T) {
	db := filepath.Join(t.TempDir(), "aeprep.db")
	url, cancel, errc := startRun(t, "-db", db)
	for _, p := range []string{"/healthz", "/", "/guide", "/questions"} {
		res, err := http.Get(url + p)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Fatalf("%s: %d", p, res.StatusCode)
		}
	}
	if _, err := os.Stat(db); err != nil {
		t.Fatalf("database file not created: %v", err)
	}
	cancel()
	select {
	case err := <-errc:
		if err != nil {
			t.Fatalf("shutdown: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("no graceful shutdown")
	}
}

func TestRunRefusesBrokenContent(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "questions"), 0o755)
	for _, d := range []string{"guide", "ask", "checklist"} {
		os.MkdirAll(filepath.Join(dir, d), 0o755)
	}
	os.WriteFile(filepath.Join(dir, "taxonomy.yaml"), []byte("categories:\n  - {id: a, ja: あ, en: A}\nskills:\n  - {id: b, ja: い, en: B}\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "questions", "x.en.md"), []byte("---\nid: x\ntitle: X\n---\nbody\n"), 0o644)
	err := run(context.Background(), []string{"-addr", "127.0.0.1:0", "-db", filepath.Join(dir, "a.db"), "-content", dir},
		func(string) string { return "" }, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "questions/x.en.md") {
		t.Fatalf("broken content dir: %v", err)
	}
}

func TestRunServesContentFromFolder(t *testing.T) {
	// -content points at a copy of the shipped content: the app starts on it.
	src, _ := filepath.Abs("../../content")
	url, cancel, errc := startRun(t, "-db", filepath.Join(t.TempDir(), "a.db"), "-content", src)
	res, err := http.Get(url + "/questions/why-sales")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("status %d", res.StatusCode)
	}
	cancel()
	<-errc
}

func TestRunFlagErrors(t *testing.T) {
	err := run(context.Background(), []string{"-no-such-flag"}, func(string) string { return "" }, io.Discard, io.Discard)
	if err == nil {
		t.Fatal("unknown flag accepted")
	}
}

func TestListenURL(t *testing.T) {
	bound := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 43210}
	for _, tc := range []struct {
		addr string
		tls  bool
		want string
	}{
		{"localhost:8080", false, "http://localhost:43210"},
		{"127.0.0.1:0", false, "http://127.0.0.1:43210"},
		{":8080", true, "https://localhost:43210"},
		{"0.0.0.0:8080", false, "http://localhost:43210"},
	} {
		if got := listenURL(tc.addr, bound, tc.tls); got != tc.want {
			t.Errorf("listenURL(%q, tls=%v) = %q, want %q", tc.addr, tc.tls, got, tc.want)
		}
	}
	// A bad SMTP URL stops the server at start-up.
	err := run(context.Background(), []string{"-addr", "127.0.0.1:0", "-db", t.TempDir() + "/x.db",
		"-smtp", "gopher://mail.example.com", "-base-url", "https://aeprep.example.com"}, func(string) string { return "" }, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "smtp") {
		t.Errorf("bad -smtp: %v", err)
	}
}

// TestMemoryLimit: the server sets its own soft memory limit unless
// GOMEMLIMIT names one (the runtime reads that itself).
func TestMemoryLimit(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	if n, ok := memoryLimit(env(nil)); !ok || n != 56<<20 {
		t.Errorf("no GOMEMLIMIT: limit %d, %v", n, ok)
	}
	for _, v := range []string{"off", "200MiB"} {
		if _, ok := memoryLimit(env(map[string]string{"GOMEMLIMIT": v})); ok {
			t.Errorf("GOMEMLIMIT=%s was overridden", v)
		}
	}
}
