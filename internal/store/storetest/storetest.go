// Package storetest opens stores for other packages' tests.
package storetest

import (
	"context"
	"testing"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/aeprep/aeprep/internal/store"
)

// Open opens (and migrates) the database at dsn, a SQLite path or a
// postgres:// URL, and closes it when the test ends.
func Open(tb testing.TB, dsn string) *store.Store {
	tb.Helper()
	st, err := store.Open(context.Background(), dsn, nil)
	if err != nil {
		tb.Fatalf("store.Open(%s): %v", dsn, err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

// Conn opens a second connection to the database at dsn, outside the
// store, for what a test does behind the app's back: planting fixtures,
// ageing a row, checking what was written. The app's own handle stays
// private to the store. GORM's timestamps on this connection come from now
// (nil: the wall clock), so fixtures can follow a test's clock.
func Conn(tb testing.TB, dsn string, now func() time.Time) *gorm.DB {
	tb.Helper()
	cfg := &gorm.Config{Logger: logger.Discard}
	if now != nil {
		cfg.NowFunc = now
	}
	var dial gorm.Dialector
	if store.IsPostgres(dsn) {
		dial = postgres.Open(dsn)
	} else {
		dial = sqlite.Open(store.SQLiteDSN(dsn))
	}
	db, err := gorm.Open(dial, cfg)
	if err != nil {
		tb.Fatalf("storetest.Conn(%s): %v", dsn, err)
	}
	tb.Cleanup(func() {
		if sqlDB, err := db.DB(); err == nil {
			sqlDB.Close()
		}
	})
	return db
}
