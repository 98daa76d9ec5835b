package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// mustOpenStore opens a fresh database: SQLite in a temp dir, or the
// PostgreSQL server named by AEPREP_TEST_POSTGRES when it is set.
func mustOpenStore(t *testing.T) *Store {
	t.Helper()
	dsn := filepath.Join(t.TempDir(), "test.db")
	if pg := os.Getenv("AEPREP_TEST_POSTGRES"); pg != "" {
		dsn = pg
	}
	s, err := Open(context.Background(), dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestOpenMigratesOnceAndSetsPragmas(t *testing.T) {
	if os.Getenv("AEPREP_TEST_POSTGRES") != "" {
		t.Skip("pragmas are SQLite's")
	}
	path := filepath.Join(t.TempDir(), "a.db")
	ctx := context.Background()
	s, err := Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.SchemaVersion(ctx)
	if err != nil || v != len(migrations) {
		t.Fatalf("schema version %d, %v; want %d", v, err, len(migrations))
	}
	var mode string
	s.DB.Raw("PRAGMA journal_mode").Scan(&mode)
	var fk int
	s.DB.Raw("PRAGMA foreign_keys").Scan(&fk)
	var busy int
	s.DB.Raw("PRAGMA busy_timeout").Scan(&busy)
	if mode != "wal" || fk != 1 || busy < 1000 {
		t.Fatalf("pragmas: journal_mode=%s foreign_keys=%d busy_timeout=%d", mode, fk, busy)
	}
	s.Close()

	// Opening again applies nothing twice.
	s, err = Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int64
	s.DB.Table("schema_migrations").Count(&n)
	if int(n) != len(migrations) {
		t.Fatalf("%d migration rows, want %d", n, len(migrations))
	}
}

func TestPing(t *testing.T) {
	s := mustOpenStore(t)
	if err := s.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
}
