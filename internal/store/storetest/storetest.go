// Package storetest opens stores for other packages' tests.
package storetest

import (
	"context"
	"testing"

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
