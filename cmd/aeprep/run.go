package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/aeprep/aeprep/content"
	"github.com/aeprep/aeprep/internal/config"
	"github.com/aeprep/aeprep/internal/library"
	"github.com/aeprep/aeprep/internal/store"
	"github.com/aeprep/aeprep/internal/web"
)

// run starts the server and blocks until ctx is cancelled, then drains
// in-flight requests. Tests call it directly on 127.0.0.1:0.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := config.Parse(args, getenv, stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.LogLevel)); err != nil {
		return fmt.Errorf("log-level: %w", err)
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	var contentFS fs.FS = content.FS
	if cfg.ContentDir != "" {
		contentFS = os.DirFS(cfg.ContentDir)
	}
	lib, err := library.Load(contentFS)
	if err != nil {
		return err
	}
	log.Info("content loaded", "questions", len(lib.Questions), "guide", len(lib.Guide), "ask", len(lib.Ask), "checklist", len(lib.Checklist))

	st, err := store.Open(ctx, cfg.DB, log)
	if err != nil {
		return err
	}
	defer st.Close()

	srv, err := web.New(web.Options{Store: st, Library: lib, Logger: log})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	fmt.Fprintf(stdout, "aeprep listening on http://%s\n", ln.Addr())
	log.Info("listening", "addr", ln.Addr().String(), "db", st.Dialect)

	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down", "timeout", cfg.Shutdown)
	sctx, cancel := context.WithTimeout(context.Background(), cfg.Shutdown)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}
