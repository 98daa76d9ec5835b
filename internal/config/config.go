// Package config reads aeprep's settings from command-line flags, falling
// back to environment variables, then to defaults.
package config

import (
	"flag"
	"fmt"
	"io"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Config is everything the server needs to start.
type Config struct {
	Addr       string        // listen address, e.g. "localhost:8080"
	DB         string        // SQLite path or postgres:// URL
	ContentDir string        // serve content from this folder instead of the embedded copy
	LogLevel   string        // debug, info, warn, error
	Shutdown   time.Duration // how long to drain requests on SIGTERM
	TLSCert    string        // serve HTTPS with this certificate...
	TLSKey     string        // ...and key
	// TrustedProxies are CIDRs of reverse proxies whose X-Forwarded-For and
	// X-Forwarded-Proto headers are believed.
	TrustedProxies string
	SignupPerIP    int // sign-ups allowed per IP per hour
	// BaseURL is the public address links in emails start with.
	BaseURL string
	// SMTP is the mail server (smtp:// or smtps:// URL); empty writes
	// emails to the log instead.
	SMTP       string
	MailFrom   string // sender address of aeprep's emails
	LoginPerIP int    // log-in tries allowed per IP per 15 minutes
}

// Parse builds a Config from args (without the program name) and getenv.
func Parse(args []string, getenv func(string) string, stderr io.Writer) (Config, error) {
	env := func(key, def string) string {
		if v := getenv(key); v != "" {
			return v
		}
		return def
	}
	var c Config
	fs := flag.NewFlagSet("aeprep", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.Addr, "addr", env("AEPREP_ADDR", "localhost:8080"), "listen address (AEPREP_ADDR)")
	fs.StringVar(&c.DB, "db", env("AEPREP_DB", "aeprep.db"), "SQLite file or postgres:// URL (AEPREP_DB)")
	fs.StringVar(&c.ContentDir, "content", env("AEPREP_CONTENT", ""), "serve content from this folder instead of the embedded copy (AEPREP_CONTENT)")
	fs.StringVar(&c.LogLevel, "log-level", env("AEPREP_LOG_LEVEL", "info"), "log level: debug, info, warn, error (AEPREP_LOG_LEVEL)")
	fs.StringVar(&c.TLSCert, "tls-cert", env("AEPREP_TLS_CERT", ""), "TLS certificate file; with -tls-key serves HTTPS (AEPREP_TLS_CERT)")
	fs.StringVar(&c.TLSKey, "tls-key", env("AEPREP_TLS_KEY", ""), "TLS key file (AEPREP_TLS_KEY)")
	fs.StringVar(&c.TrustedProxies, "trusted-proxy", env("AEPREP_TRUSTED_PROXY", ""), "comma-separated CIDRs of reverse proxies to trust for X-Forwarded-* (AEPREP_TRUSTED_PROXY)")
	fs.IntVar(&c.SignupPerIP, "signup-limit", envInt(getenv, "AEPREP_SIGNUP_LIMIT", 20), "sign-ups allowed per IP per hour (AEPREP_SIGNUP_LIMIT)")
	fs.IntVar(&c.LoginPerIP, "login-limit", envInt(getenv, "AEPREP_LOGIN_LIMIT", 30), "log-in tries allowed per IP per 15 minutes (AEPREP_LOGIN_LIMIT)")
	fs.StringVar(&c.BaseURL, "base-url", env("AEPREP_BASE_URL", ""), "public address for links in emails, e.g. https://aeprep.example.com (AEPREP_BASE_URL; default: the listen address)")
	fs.StringVar(&c.SMTP, "smtp", env("AEPREP_SMTP", ""), "mail server: smtp://user:pass@host:587 or smtps://user:pass@host:465; empty writes emails to the log (AEPREP_SMTP)")
	fs.StringVar(&c.MailFrom, "mail-from", env("AEPREP_MAIL_FROM", "aeprep <noreply@localhost>"), "sender of aeprep's emails (AEPREP_MAIL_FROM)")
	shutdown := env("AEPREP_SHUTDOWN_TIMEOUT", "15s")
	fs.Func("shutdown-timeout", "how long to drain in-flight requests on exit (AEPREP_SHUTDOWN_TIMEOUT)", func(s string) error {
		shutdown = s
		return nil
	})
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	d, err := time.ParseDuration(shutdown)
	if err != nil {
		return c, fmt.Errorf("shutdown-timeout: %w", err)
	}
	c.Shutdown = d
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if (c.TLSCert == "") != (c.TLSKey == "") {
		return c, fmt.Errorf("-tls-cert and -tls-key go together")
	}
	if c.BaseURL == "" && c.SMTP != "" {
		// Links in real emails must point at the public address, which
		// the listen address rarely is.
		return c, fmt.Errorf("-base-url is needed with -smtp: emails link to it")
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") {
			return c, fmt.Errorf("-base-url %q: give scheme and host, like https://aeprep.example.com", c.BaseURL)
		}
		c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	}
	if _, err := mail.ParseAddress(c.MailFrom); err != nil {
		return c, fmt.Errorf("-mail-from %q: %w", c.MailFrom, err)
	}
	return c, nil
}

func envInt(getenv func(string) string, key string, def int) int {
	if v := getenv(key); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n > 0 {
			return n
		}
	}
	return def
}
