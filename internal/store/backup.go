package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Backup writes a consistent copy of a live SQLite database to path with
// VACUUM INTO, which reads one snapshot while writers carry on. The file
// must not exist yet. PostgreSQL has its own tools (pg_dump).
func (s *Store) Backup(ctx context.Context, path string) error {
	if s.Dialect != "sqlite" {
		return errors.New("store: backup is for SQLite; use pg_dump for PostgreSQL")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if _, err := os.Stat(abs); err == nil {
		return fmt.Errorf("store: backup: %s already exists", abs)
	}
	if err := s.db.WithContext(ctx).Exec(`VACUUM INTO ?`, abs).Error; err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	return nil
}
