package main

// The servers under test: the real cmd/aeprep binary, built once per run,
// each instance its own process, so its memory and CPU time are its own
// and not the fixture builder's or the load generator's.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// serverPkg is the package the benchmark builds and runs.
const serverPkg = "github.com/aeprep/aeprep/cmd/aeprep"

// profileHook is compiled into the server, through go build -overlay and
// only when -cpuprofile asks for it, so the shipped source stays as it is:
// SIGUSR1 starts a CPU profile into $AEPREP_BENCH_CPUPROFILE, SIGUSR2 ends
// it and renames it into place, which tells the benchmark it is complete.
const profileHook = `package main

import (
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
)

func init() {
	path := os.Getenv("AEPREP_BENCH_CPUPROFILE")
	if path == "" {
		return
	}
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, syscall.SIGUSR1, syscall.SIGUSR2)
	go func() {
		var f *os.File
		for s := range sig {
			switch {
			case s == syscall.SIGUSR1 && f == nil:
				var err error
				if f, err = os.Create(path + ".part"); err == nil {
					err = pprof.StartCPUProfile(f)
				}
				if err != nil {
					os.Stderr.WriteString("level=ERROR msg=\"bench cpu profile\" err=\"" + err.Error() + "\"\n")
					f = nil
				}
			case s == syscall.SIGUSR2 && f != nil:
				pprof.StopCPUProfile()
				f.Close()
				os.Rename(path+".part", path)
				f = nil
			}
		}
	}()
}
`

// buildServer builds cmd/aeprep into dir, with the profiling hook when
// profile is set. It needs the go command and this module's source.
func buildServer(ctx context.Context, dir string, profile bool) (string, error) {
	bin := filepath.Join(dir, "aeprep")
	args := []string{"build", "-o", bin}
	if profile {
		bin += "-profiled"
		out, err := exec.CommandContext(ctx, "go", "list", "-f", "{{.Dir}}", serverPkg).Output()
		if err != nil {
			return "", fmt.Errorf("go list %s: %w (run the benchmark inside the aeprep module, or pass -server-bin)", serverPkg, err)
		}
		hook := filepath.Join(dir, "bench_profile_hook.go")
		if err := os.WriteFile(hook, []byte(profileHook), 0o644); err != nil {
			return "", err
		}
		overlay, _ := json.Marshal(map[string]map[string]string{"Replace": {
			filepath.Join(strings.TrimSpace(string(out)), "zz_bench_profile_hook.go"): hook}})
		ovPath := filepath.Join(dir, "overlay.json")
		if err := os.WriteFile(ovPath, overlay, 0o644); err != nil {
			return "", err
		}
		args = []string{"build", "-overlay", ovPath, "-o", bin}
	}
	cmd := exec.CommandContext(ctx, "go", append(args, serverPkg)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build %s: %w\n%s(run the benchmark inside the aeprep module, or pass -server-bin)", serverPkg, err, out)
	}
	return bin, nil
}

// server is one running aeprep process.
type server struct {
	n    int // 1-based instance number
	cmd  *exec.Cmd
	base string // http://127.0.0.1:port
	log  string // its stderr, a file
	done chan struct{}
	err  error // cmd.Wait's, once done is closed

	mu      sync.Mutex
	peakRSS int64 // highest VmRSS sampled since the last mark, KiB
}

// startServers starts n instances of bin on dsn, one after the other (the
// first one migrates, if anything is left to migrate), and waits for each
// to answer /healthz.
func startServers(ctx context.Context, bin, dsn, dir string, n int, profile string) ([]*server, error) {
	var out []*server
	for i := range n {
		s, err := startServer(ctx, bin, dsn, dir, i+1, profile)
		if err != nil {
			stopServers(out)
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

func startServer(ctx context.Context, bin, dsn, dir string, n int, profile string) (*server, error) {
	s := &server{n: n, log: filepath.Join(dir, fmt.Sprintf("server-%d.log", n)), done: make(chan struct{})}
	logf, err := os.Create(s.log)
	if err != nil {
		return nil, err
	}
	defer logf.Close()
	// The limits are raised because every sign-in comes from one IP.
	s.cmd = exec.Command(bin, "-addr", "127.0.0.1:0", "-db", dsn, "-log-level", "warn",
		"-signup-limit", "1000000", "-login-limit", "1000000")
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AEPREP_") { // only the flags configure it
			env = append(env, kv)
		}
	}
	if profile != "" {
		env = append(env, "AEPREP_BENCH_CPUPROFILE="+profile)
	}
	s.cmd.Env = env
	s.cmd.Stderr = logf
	addr := make(chan string, 1)
	s.cmd.Stdout = &addrWriter{addr: addr}
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		s.err = s.cmd.Wait()
		close(s.done)
	}()
	select {
	case s.base = <-addr:
	case <-s.done:
		return nil, fmt.Errorf("server %d exited before listening: %v\n%s", n, s.err, tailFile(s.log, 2000))
	case <-time.After(2 * time.Minute):
		s.stop()
		return nil, fmt.Errorf("server %d did not listen within 2 minutes\n%s", n, tailFile(s.log, 2000))
	case <-ctx.Done():
		s.stop()
		return nil, ctx.Err()
	}
	hc := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{Proxy: nil}}
	defer hc.CloseIdleConnections()
	res, err := hc.Get(s.base + "/healthz")
	if err != nil {
		s.stop()
		return nil, fmt.Errorf("server %d: healthz: %w", n, err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		s.stop()
		return nil, fmt.Errorf("server %d: healthz: status %d", n, res.StatusCode)
	}
	return s, nil
}

// stop asks the server to drain and exit (SIGTERM), and kills it if it
// has not within 20 s.
func (s *server) stop() {
	select {
	case <-s.done:
		return
	default:
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(20 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
	}
}

func stopServers(ss []*server) {
	var wg sync.WaitGroup
	for _, s := range ss {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.stop()
		}()
	}
	wg.Wait()
}

func (s *server) pid() int { return s.cmd.Process.Pid }

// status reads a "kB" field of the server's /proc/<pid>/status, or -1.
func (s *server) status(field string) int64 { return procStatus(s.pid(), field) }

// cpu is the CPU time (user and system, all threads) the server has used,
// from /proc/<pid>/stat, in clock ticks of 10 ms (USER_HZ is 100 on Linux).
func (s *server) cpu() time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.pid()))
	if err != nil {
		return 0
	}
	// The command name, in parentheses, may hold spaces: count fields
	// after its closing parenthesis. utime and stime are fields 14 and 15.
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0
	}
	ut, err1 := strconv.ParseInt(f[11], 10, 64)
	st, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0
	}
	return time.Duration(ut+st) * 10 * time.Millisecond
}

// resetPeak restarts the kernel's high-water mark (VmHWM) of the server at
// its current RSS (Linux 4.0+), and the sampled peak with it. It reports
// whether the kernel mark could be reset.
func (s *server) resetPeak() bool {
	s.mu.Lock()
	s.peakRSS = 0
	s.mu.Unlock()
	return os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", s.pid()), []byte("5"), 0) == nil
}

// sampledPeak returns the highest VmRSS sampled since the last call (or
// resetPeak) and starts again from the current one.
func (s *server) sampledPeak() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.peakRSS
	s.peakRSS = 0
	return p
}

// sample records VmRSS every interval until ctx ends: VmHWM gives the
// peak of the whole run, the samples give each case's.
func sample(ctx context.Context, ss []*server, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		for _, s := range ss {
			if rss := s.status("VmRSS"); rss > 0 {
				s.mu.Lock()
				s.peakRSS = max(s.peakRSS, rss)
				s.mu.Unlock()
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// profile has the first server write its CPU profile of the load phase:
// start says begin (SIGUSR1), otherwise end it (SIGUSR2) and wait for the
// file to be in place.
func (s *server) profile(path string, start bool) error {
	if start {
		os.Remove(path)
		return s.cmd.Process.Signal(syscall.SIGUSR1)
	}
	if err := s.cmd.Process.Signal(syscall.SIGUSR2); err != nil {
		return err
	}
	for range 100 {
		if _, err := os.Stat(path); err == nil {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return errors.New("the server wrote no CPU profile")
}

// logProblems returns the server's warnings and errors, less the notice
// that mail goes to the log (no SMTP server in a benchmark).
func (s *server) logProblems() []string {
	b, err := os.ReadFile(s.log)
	if err != nil {
		return nil
	}
	var out []string
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.Contains(line, "no SMTP server configured") {
			continue
		}
		out = append(out, line)
	}
	return out
}

// addrWriter takes the server's stdout and sends the URL of its first
// "aeprep listening on URL" line.
type addrWriter struct {
	buf  []byte
	addr chan string
	sent bool
}

func (w *addrWriter) Write(p []byte) (int, error) {
	if w.sent {
		return len(p), nil
	}
	w.buf = append(w.buf, p...)
	for {
		i := bytes.IndexByte(w.buf, '\n')
		if i < 0 {
			return len(p), nil
		}
		line := string(w.buf[:i])
		w.buf = w.buf[i+1:]
		if u, ok := strings.CutPrefix(line, "aeprep listening on "); ok {
			w.addr <- strings.TrimSpace(u)
			w.sent, w.buf = true, nil
			return len(p), nil
		}
	}
}

func tailFile(path string, n int) string {
	b, _ := os.ReadFile(path)
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}
