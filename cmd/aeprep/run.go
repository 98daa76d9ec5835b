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
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/aeprep/aeprep/content"
	"github.com/aeprep/aeprep/internal/config"
	"github.com/aeprep/aeprep/internal/library"
	"github.com/aeprep/aeprep/internal/mail"
	"github.com/aeprep/aeprep/internal/roleplay"
	"github.com/aeprep/aeprep/internal/store"
	"github.com/aeprep/aeprep/internal/web"
)

// run starts the server and blocks until ctx is cancelled, then drains
// in-flight requests. Tests call it directly on 127.0.0.1:0.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "backup" {
		return backup(ctx, args[1:], getenv, stdout, stderr)
	}
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
	rp, err := loadRoleplays(cfg.ContentDir)
	if err != nil {
		return err
	}
	log.Info("content loaded", "questions", len(lib.Questions), "guide", len(lib.Guide), "ask", len(lib.Ask), "checklist", len(lib.Checklist),
		"roleplays", len(rp.List("en")))

	st, err := store.Open(ctx, cfg.DB, log)
	if err != nil {
		return err
	}
	defer st.Close()

	var proxies []*net.IPNet
	for _, cidr := range strings.Split(cfg.TrustedProxies, ",") {
		if cidr = strings.TrimSpace(cidr); cidr == "" {
			continue
		}
		_, n, err := net.ParseCIDR(cidr)
		if err != nil {
			return fmt.Errorf("trusted-proxy: %w", err)
		}
		proxies = append(proxies, n)
	}
	var sender mail.Sender = mail.Log{Logger: log}
	if cfg.SMTP != "" {
		if sender, err = mail.NewSMTP(cfg.SMTP); err != nil {
			return err
		}
	} else {
		log.Warn("no SMTP server configured (-smtp): emails, such as sign-up confirmation links, are written to this log")
	}
	outbox := mail.NewOutbox(st, sender, cfg.MailFrom, log)
	tls := cfg.TLSCert != ""
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	if cfg.BaseURL == "" {
		cfg.BaseURL = listenURL(cfg.Addr, ln.Addr(), tls)
	}
	// Reports saved by an older analyser are redone once, before serving,
	// so no page shows a stale one.
	if n, err := web.Reanalyse(ctx, st, lib); err != nil {
		return fmt.Errorf("re-analysing stored answers: %w", err)
	} else if n > 0 {
		log.Info("re-analysed stored answers", "attempts", n)
	}
	srv, err := web.New(web.Options{Store: st, Library: lib, Roleplays: rp, Logger: log, SecureCookies: tls,
		TrustedProxies: proxies, Outbox: outbox, BaseURL: cfg.BaseURL, MailToLog: cfg.SMTP == "",
		Limits: web.Limits{SignupPerIP: cfg.SignupPerIP, LoginPerIP: cfg.LoginPerIP}})
	if err != nil {
		return err
	}
	cleanCtx, stopClean := context.WithCancel(ctx)
	defer stopClean()
	go st.Sessions().CleanupLoop(cleanCtx, 10*time.Minute, log)
	go outbox.Run(cleanCtx)
	hs := web.HTTPServer(srv, log)
	scheme := "http"
	if tls {
		scheme = "https"
	}
	fmt.Fprintf(stdout, "aeprep listening on %s://%s\n", scheme, ln.Addr())
	log.Info("listening", "addr", ln.Addr().String(), "db", st.Dialect)

	errc := make(chan error, 1)
	go func() {
		if tls {
			errc <- hs.ServeTLS(ln, cfg.TLSCert, cfg.TLSKey)
			return
		}
		errc <- hs.Serve(ln)
	}()
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

// listenURL is the address the server answers on, for links in emails
// when no -base-url is set: the configured host name (localhost when
// none), with the port actually bound.
func listenURL(addr string, bound net.Addr, tls bool) string {
	host, _, err := net.SplitHostPort(addr)
	if err != nil || host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	_, port, _ := net.SplitHostPort(bound.String())
	scheme := "http"
	if tls {
		scheme = "https"
	}
	return scheme + "://" + net.JoinHostPort(host, port)
}

// backup writes a consistent copy of the live SQLite database:
// aeprep backup [-db aeprep.db] FILE
func backup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("aeprep backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := getenv("AEPREP_DB")
	if db == "" {
		db = "aeprep.db"
	}
	fs.StringVar(&db, "db", db, "SQLite file to back up (AEPREP_DB)")
	fs.Usage = func() { fmt.Fprintln(stderr, "usage: aeprep backup [-db aeprep.db] FILE") }
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("backup: name one output file")
	}
	if store.IsPostgres(db) {
		return errors.New("backup: for PostgreSQL use pg_dump")
	}
	if _, err := os.Stat(db); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	st, err := store.Open(ctx, db, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(ctx, fs.Arg(0)); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backed up %s to %s\n", db, fs.Arg(0))
	return nil
}

// loadRoleplays loads the built-in role-play scenarios and, when dir (the
// -content folder) has a roleplays/ folder, its scenarios too, checked by
// the same roleplay.Load and merged in (one with a built-in id replaces
// it). An error names the file.
func loadRoleplays(dir string) (*roleplay.Library, error) {
	lib, err := roleplay.Load(content.FS)
	if err != nil {
		return nil, fmt.Errorf("built-in role-plays: %w", err)
	}
	if dir == "" {
		return lib, nil
	}
	if fi, err := os.Stat(filepath.Join(dir, "roleplays")); err != nil || !fi.IsDir() {
		return lib, nil
	}
	extra, err := roleplay.Load(os.DirFS(dir))
	if err != nil {
		return nil, fmt.Errorf("-content %s: %w", dir, err)
	}
	return roleplay.Merge(lib, extra), nil
}
