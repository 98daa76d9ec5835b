package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
)

// Secret returns the server secret called name, making it on first use.
// It lives in the database, so every instance signs and checks with the
// same key; the first instance to ask makes it, the others read it.
func (s *Store) Secret(ctx context.Context, name string) ([]byte, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	db := s.db.WithContext(ctx)
	if err := db.Exec(`INSERT INTO app_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`,
		name, hex.EncodeToString(b)).Error; err != nil {
		return nil, err
	}
	var v string
	if err := db.Raw(`SELECT value FROM app_secrets WHERE name = ?`, name).Scan(&v).Error; err != nil {
		return nil, err
	}
	key, err := hex.DecodeString(v)
	if err != nil || len(key) < 32 {
		return nil, fmt.Errorf("store: secret %q is damaged", name)
	}
	return key, nil
}
