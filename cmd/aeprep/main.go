// Command aeprep serves the aeprep interview-practice app.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// defaultMemoryLimit is the Go runtime's soft memory limit for the server
// unless GOMEMLIMIT sets one (GOMEMLIMIT=off lifts it). The server's live
// heap is about 11 MB; what grows a process past 100 MB is garbage the
// collector has not reached yet, above all the 19 MiB argon2id buffer of
// every log-in. With a limit the collector runs as the heap nears it and
// returns freed memory to the system, so the process stays near the limit
// plus SQLite's page caches and the binary. A heap that truly needs more
// still gets it: the limit is soft, and the collector's share of the CPU
// stays capped.
const defaultMemoryLimit = 64 << 20

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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "aeprep:", err)
		os.Exit(1)
	}
}
