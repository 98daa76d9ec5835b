package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// hist is a log-bucketed latency histogram: each bucket is 1% wider than
// the one before, so percentiles are within 1% whatever the run length,
// in fixed memory.
type hist struct {
	counts [histBuckets]uint64
	n      uint64
	max    time.Duration
}

const (
	histBuckets = 2200 // 1µs·1.01^2200 ≈ 3 hours
	histGrowth  = 1.01
)

func bucketOf(d time.Duration) int {
	us := float64(d) / float64(time.Microsecond)
	if us <= 1 {
		return 0
	}
	b := int(math.Log(us)/math.Log(histGrowth)) + 1
	return min(b, histBuckets-1)
}

// upper is the largest latency that falls in bucket b.
func upper(b int) time.Duration {
	return time.Duration(math.Pow(histGrowth, float64(b)) * float64(time.Microsecond))
}

func (h *hist) add(d time.Duration) {
	h.counts[bucketOf(d)]++
	h.n++
	h.max = max(h.max, d)
}

func (h *hist) merge(o *hist) {
	for i, c := range o.counts {
		h.counts[i] += c
	}
	h.n += o.n
	h.max = max(h.max, o.max)
}

// quantile returns the latency below which a share q of requests fell.
func (h *hist) quantile(q float64) time.Duration {
	if h.n == 0 {
		return 0
	}
	want := uint64(math.Ceil(q * float64(h.n)))
	var seen uint64
	for b, c := range h.counts {
		seen += c
		if seen >= want {
			return min(upper(b), h.max)
		}
	}
	return h.max
}

// benchCase is one URL hammered by the load generator.
type benchCase struct {
	Name   string
	Method string
	Path   string
	Status int // the only status that counts as a success
	// Body returns the request body of worker w's i-th request ("" for none).
	Body func(w int, i uint64) string
	// Cookie returns the Cookie header of worker w's i-th request.
	Cookie func(w int, i uint64) string
	// Concurrency overrides the loader's number of connections when > 0.
	Concurrency int
	// Missing is set when a probe found the route absent; the case is
	// reported but not run.
	Missing string
	// Size is the uncompressed body size the probe saw.
	Size   int
	target target
}

// target is what a case is compared against.
type target struct {
	Desc  string
	Check func(r, base *result) (bool, bool) // applies, ok
}

type result struct {
	Case     *benchCase
	Requests uint64
	Errors   uint64
	Elapsed  time.Duration
	Hist     hist
	FirstErr string
	// ServerCPU is the CPU time (user and system, all threads) the
	// servers used during the run, ClientCPU the benchmark's own (the
	// load generator).
	ServerCPU, ClientCPU time.Duration
	// PeakRSS is each server's highest sampled VmRSS during the case, KiB.
	PeakRSS []int64
}

// cpuPerRequest is the servers' CPU time per request: less sensitive than
// req/s to other load on the machine.
func (r *result) cpuPerRequest() time.Duration { return perRequest(r.ServerCPU, r.Requests) }

func perRequest(d time.Duration, n uint64) time.Duration {
	if n == 0 {
		return 0
	}
	return d / time.Duration(n)
}

// cpuTime is the CPU time this process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func (r *result) rps() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

// loader drives the servers: connection w talks to servers[w % n], so
// the load is spread round-robin per connection.
type loader struct {
	client      *http.Client
	servers     []*server
	concurrency int
	duration    time.Duration
	maxRequests uint64
}

func (l *loader) request(ctx context.Context, c *benchCase, w int, i uint64) (*http.Request, error) {
	var body io.Reader
	b := ""
	if c.Body != nil {
		b = c.Body(w, i)
		body = strings.NewReader(b)
	}
	base := l.servers[w%len(l.servers)].base
	req, err := http.NewRequestWithContext(ctx, c.Method, base+c.Path, body)
	if err != nil {
		return nil, err
	}
	if c.Body != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	// Ask for gzip as a browser does, but set the header ourselves so the
	// transport hands back the compressed bytes: the server pays for
	// compression, the load generator does not pay to undo it.
	req.Header.Set("Accept-Encoding", "gzip")
	req.Header.Set("Accept-Language", "ja,en-US;q=0.8")
	req.Header.Set("User-Agent", "aeprep-bench")
	if c.Cookie != nil {
		if ck := c.Cookie(w, i); ck != "" {
			req.Header.Set("Cookie", ck)
		}
	}
	return req, nil
}

// once sends one request and returns its status and body.
func (l *loader) once(ctx context.Context, c *benchCase, w int, i uint64) (int, string, error) {
	req, err := l.request(ctx, c, w, i)
	if err != nil {
		return 0, "", err
	}
	req.Header.Del("Accept-Encoding") // let the transport decompress
	res, err := l.client.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, string(b), err
}

// run drives c with l.concurrency workers for l.duration or l.maxRequests
// requests, whichever ends first, after a short warm-up.
func (l *loader) run(ctx context.Context, c *benchCase, warm bool) *result {
	r := &result{Case: c}
	conc := l.concurrency
	if c.Concurrency > 0 {
		conc = c.Concurrency
	}
	var wg sync.WaitGroup
	if warm {
		// Warm-up: one request per connection, not counted, so every
		// connection is open and every pool warm before the clock starts.
		for w := range conc {
			wg.Add(1)
			go func() {
				defer wg.Done()
				l.hit(ctx, c, w, uint64(1_000_000_000+w), nil)
			}()
		}
		wg.Wait()
	}

	var sent atomic.Uint64
	var mu sync.Mutex
	cpu0, srv0 := cpuTime(), l.serverCPU()
	start := time.Now()
	deadline := start.Add(l.duration)
	for w := range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := &hist{}
			var errs uint64
			first := ""
			for time.Now().Before(deadline) {
				i := sent.Add(1)
				if i > l.maxRequests {
					break
				}
				if e := l.hit(ctx, c, w, i, h); e != "" {
					errs++
					if first == "" {
						first = e
					}
				}
			}
			mu.Lock()
			r.Hist.merge(h)
			r.Errors += errs
			if r.FirstErr == "" {
				r.FirstErr = first
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	r.Elapsed = time.Since(start)
	r.ServerCPU, r.ClientCPU = l.serverCPU()-srv0, cpuTime()-cpu0
	r.Requests = r.Hist.n
	return r
}

func (l *loader) serverCPU() time.Duration {
	var d time.Duration
	for _, s := range l.servers {
		d += s.cpu()
	}
	return d
}

// hit sends one request, reads the whole body and records its latency in
// h (when not nil). It returns a description of the failure, or "".
func (l *loader) hit(ctx context.Context, c *benchCase, w int, i uint64, h *hist) string {
	t0 := time.Now()
	req, err := l.request(ctx, c, w, i)
	if err != nil {
		return err.Error()
	}
	res, err := l.client.Do(req)
	if err == nil {
		_, err = io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
	if h != nil {
		h.add(time.Since(t0))
	}
	switch {
	case err != nil:
		return err.Error()
	case res.StatusCode != c.Status:
		return fmt.Sprintf("status %d (want %d)", res.StatusCode, c.Status)
	}
	return ""
}
