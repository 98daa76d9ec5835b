// Package store keeps aeprep's data with GORM on SQLite (the embedded
// default) or PostgreSQL, and owns the versioned schema migrations.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// ErrNotFound is returned when a record does not exist or does not belong
// to the caller; handlers turn it into a 404.
var ErrNotFound = errors.New("store: not found")

// Store wraps the database handle.
type Store struct {
	db      *gorm.DB // private: only the store runs SQL
	Dialect string   // "sqlite" or "postgres"
	// Now is the app's one clock: the store, GORM's CreatedAt and
	// UpdatedAt stamps, scheduling and the handlers all read it. Open sets
	// it to the wall clock in UTC; tests set their own.
	Now func() time.Time

	// writer lets one write transaction at a time into SQLite, which
	// allows only one writer anyway: queued here, the next one starts
	// the moment the last commits, instead of retrying on SQLite's busy
	// handler with growing sleeps (which made save p99 latencies of
	// hundreds of milliseconds under load). Unused on PostgreSQL.
	writer chan struct{}
}

// write runs fn in a transaction, one at a time on SQLite.
func (s *Store) write(ctx context.Context, fn func(tx *gorm.DB) error) error {
	if s.writer != nil {
		select {
		case s.writer <- struct{}{}:
			defer func() { <-s.writer }()
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if s.writer != nil {
		// Once it has its turn, a write runs to its end even if the
		// request is gone (see uncancellable).
		ctx = context.WithoutCancel(ctx)
	}
	return s.db.WithContext(ctx).Transaction(fn)
}

// uncancellable runs every SQLite statement under its context without the
// cancellation: with a context that can end, the SQLite driver steps each
// row in a goroutine of its own so that it can interrupt it, and
// database/sql starts one to watch every result set. On the benchmark's
// fixture that made a user's 60 review cards cost 2.8 ms to read instead
// of 0.6 ms. A local SQLite statement takes milliseconds, so nothing is
// lost by letting it finish when the request is gone; a transaction runs
// to its end either way (see write), so a save is never half made.
func uncancellable(db *gorm.DB) error {
	detach := func(tx *gorm.DB) {
		if tx.Statement.Context != nil {
			tx.Statement.Context = context.WithoutCancel(tx.Statement.Context)
		}
	}
	cb := db.Callback()
	for _, err := range []error{
		cb.Query().Before("gorm:query").Register("aeprep:uncancellable", detach),
		cb.Row().Before("gorm:row").Register("aeprep:uncancellable", detach),
		cb.Raw().Before("gorm:raw").Register("aeprep:uncancellable", detach),
		cb.Create().Before("gorm:begin_transaction").Register("aeprep:uncancellable", detach),
		cb.Update().Before("gorm:begin_transaction").Register("aeprep:uncancellable", detach),
		cb.Delete().Before("gorm:begin_transaction").Register("aeprep:uncancellable", detach),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// SQLiteDSN turns a file path into a DSN with the pragmas aeprep relies on:
// WAL for concurrent readers, foreign keys, a busy timeout so writers wait
// instead of failing, and BEGIN IMMEDIATE so a transaction takes the write
// lock up front rather than failing on upgrade.
func SQLiteDSN(path string) string {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", "10000")
	q.Set("_txlock", "immediate")
	q.Set("_synchronous", "NORMAL")
	// A page cache of 1 MiB a connection instead of SQLite's 2 MiB: with
	// 8 connections that is up to 8 MB less for the server (issue #17's
	// 100 MB), and the cohort page sorted by progress, which reads every
	// member's cells, answers in 13-17 ms (p50, one connection) instead
	// of 11-12 ms; its target is 100 ms.
	q.Set("_cache_size", "-1024")
	return "file:" + path + "?" + q.Encode()
}

// Open connects to dsn (a SQLite path or a postgres:// URL) and runs any
// pending migrations.
func Open(ctx context.Context, dsn string, log *slog.Logger) (*Store, error) {
	s := &Store{Now: func() time.Time { return time.Now().UTC() }}
	// GORM reads s.Now at each stamp, so a clock set after Open is GORM's too.
	cfg := &gorm.Config{Logger: logger.Discard, NowFunc: func() time.Time { return s.Now() }}
	var (
		db      *gorm.DB
		err     error
		dialect string
	)
	if IsPostgres(dsn) {
		dialect = "postgres"
		db, err = gorm.Open(postgres.Open(dsn), cfg)
	} else {
		dialect = "sqlite"
		// SQLite compiles each statement on every call unless it is kept
		// prepared: for the session look-up that was a tenth of a
		// signed-in page's CPU, and a fifth of a save's. stmtPool keeps
		// them, in transactions too (stmtcache.go). PostgreSQL's driver
		// (pgx) caches its statements already.
		var sqlDB *sql.DB
		if sqlDB, err = sql.Open(sqlite.DriverName, SQLiteDSN(dsn)); err == nil {
			db, err = gorm.Open(sqlite.New(sqlite.Config{Conn: newStmtPool(sqlDB, 512)}), cfg)
			if err != nil {
				sqlDB.Close()
			}
		}
	}
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", dialect, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	if dialect == "sqlite" {
		// One writer at a time is SQLite's model; a few readers share WAL.
		sqlDB.SetMaxOpenConns(8)
	} else {
		sqlDB.SetMaxOpenConns(20)
	}
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	s.db, s.Dialect = db, dialect
	if dialect == "sqlite" {
		s.writer = make(chan struct{}, 1)
		if err := uncancellable(db); err != nil {
			return nil, err
		}
	}
	if err := s.Ping(ctx); err != nil {
		return nil, fmt.Errorf("store: %s does not answer: %w", dialect, err)
	}
	if err := s.Migrate(ctx, log); err != nil {
		return nil, err
	}
	return s, nil
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}

// Close releases the connection pool.
func (s *Store) Close() error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// Observe calls fn with the text of every statement the store reads with
// from now on (queries, row scans, raw reads), for tests and tools that
// count queries per page. It runs no SQL and cannot change any.
func (s *Store) Observe(name string, fn func(sql string)) error {
	call := func(tx *gorm.DB) { fn(tx.Statement.SQL.String()) }
	cb := s.db.Callback()
	if err := cb.Query().After("gorm:query").Register(name, call); err != nil {
		return err
	}
	if err := cb.Row().After("gorm:row").Register(name, call); err != nil {
		return err
	}
	return cb.Raw().After("gorm:raw").Register(name, call)
}
