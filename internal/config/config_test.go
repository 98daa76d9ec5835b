package config

import (
	"io"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	env := map[string]string{"AEPREP_DB": "/tmp/x.db", "AEPREP_ADDR": ":9000"}
	getenv := func(k string) string { return env[k] }

	c, err := Parse(nil, getenv, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.DB != "/tmp/x.db" || c.Addr != ":9000" || c.Shutdown != 15*time.Second {
		t.Fatalf("env fallback not used: %+v", c)
	}
	c, err = Parse([]string{"-addr", "127.0.0.1:1", "-db", "a.db", "-content", "dir"}, getenv, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:1" || c.DB != "a.db" || c.ContentDir != "dir" {
		t.Fatalf("flags did not win over env: %+v", c)
	}
	c, err = Parse(nil, func(string) string { return "" }, io.Discard)
	if err != nil || c.Addr != "localhost:8080" || c.DB != "aeprep.db" {
		t.Fatalf("defaults: %+v %v", c, err)
	}
	if _, err := Parse([]string{"-shutdown-timeout", "soon"}, getenv, io.Discard); err == nil {
		t.Fatal("bad duration accepted")
	}
	if _, err := Parse([]string{"stray"}, getenv, io.Discard); err == nil {
		t.Fatal("stray argument accepted")
	}
}
