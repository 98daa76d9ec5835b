// Command aeprep serves the aeprep interview-practice app.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/aeprep/aeprep/internal/auth"
)

// defaultMemoryLimit is the Go runtime's soft memory limit for the server
// unless GOMEMLIMIT sets one (GOMEMLIMIT=off lifts it). The server's live
// heap is about 11 MB at rest and some 36 MB while a log-in hashes its
// password (argon2id takes 19 MiB); without a limit the collector lets the
// heap grow to twice the live size, and a burst of log-ins took the
// process past 170 MB. With one, the heap stays near the limit at most,
// and the process near the limit plus the binary and SQLite's caches
// (about 30 MB): under 100 MB through the benchmark. The limit is soft:
// a heap that truly needs more still gets it, with the collector's share
// of the CPU capped.
const defaultMemoryLimit = 56 << 20

// memoryLimit returns the limit to set, or false to leave the runtime's.
func memoryLimit(getenv func(string) string) (int64, bool) {
	if getenv("GOMEMLIMIT") != "" {
		return 0, false
	}
	return defaultMemoryLimit, true
}

func main() {
	if n, ok := memoryLimit(os.Getenv); ok {
		debug.SetMemoryLimit(n)
	}
	// Log-ins hash with argon2id, 19 MiB each: as many at once as the
	// limit in force leaves room for (GOMEMLIMIT=off: one per core).
	auth.SetMemoryBudget(debug.SetMemoryLimit(-1))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "aeprep:", err)
		os.Exit(1)
	}
}
