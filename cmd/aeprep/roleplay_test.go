package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestContentRoleplays: a -content folder's roleplays/ are checked like
// the built-in ones and merged with them; a broken one stops start-up
// with the file named.
func TestContentRoleplays(t *testing.T) {
	builtin, err := loadRoleplays("")
	if err != nil {
		t.Fatal(err)
	}
	n := len(builtin.List("en"))
	// No roleplays/ folder: the built-in ones.
	if lib, err := loadRoleplays(t.TempDir()); err != nil || len(lib.List("ja")) != n {
		t.Fatalf("folder without role-plays: %v", err)
	}
	// A coach's own scenario, in both languages, joins them.
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "roleplays"), 0o755)
	for _, lang := range []string{"ja", "en"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "content", "roleplays", "discovery-freight."+lang+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		s := strings.Replace(string(b), "id: discovery-freight", "id: coach-discovery", 1)
		s = strings.Replace(s, `title: "`, `title: "Coach's own - `, 1)
		os.WriteFile(filepath.Join(dir, "roleplays", "coach-discovery."+lang+".yaml"), []byte(s), 0o644)
	}
	lib, err := loadRoleplays(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(lib.List("en")) != n+1 || lib.Get("coach-discovery", "ja") == nil || lib.Get("discovery-freight", "en") == nil {
		t.Fatalf("merged: %d scenarios", len(lib.List("en")))
	}
	// A broken node: the error names the file and the node, and the
	// server does not start.
	bad := filepath.Join(dir, "roleplays", "coach-discovery.en.yaml")
	b, _ := os.ReadFile(bad)
	os.WriteFile(bad, []byte(strings.Replace(string(b), "default: later", "default: nowhere", 1)), 0o644)
	if _, err := loadRoleplays(dir); err == nil || !strings.Contains(err.Error(), "roleplays/coach-discovery.en.yaml node probe") ||
		!strings.Contains(err.Error(), `"nowhere"`) {
		t.Fatalf("broken scenario: %v", err)
	}
	// run refuses it too (the folder is a copy of the content with it).
	src, _ := filepath.Abs("../../content")
	full := t.TempDir()
	if err := os.CopyFS(full, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(full, "roleplays", "coach-discovery.en.yaml"), []byte(strings.Replace(string(b), "default: later", "default: nowhere", 1)), 0o644)
	err = run(context.Background(), []string{"-addr", "127.0.0.1:0", "-db", filepath.Join(t.TempDir(), "a.db"), "-content", full},
		func(string) string { return "" }, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "coach-discovery.en.yaml") {
		t.Fatalf("run with a broken scenario: %v", err)
	}
}
