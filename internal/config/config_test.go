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

func TestParseMailSettings(t *testing.T) {
	none := func(string) string { return "" }
	c, err := Parse(nil, none, io.Discard)
	if err != nil || c.SMTP != "" || c.BaseURL != "" || c.MailFrom != "aeprep <noreply@localhost>" {
		t.Fatalf("mail defaults: %+v %v", c, err)
	}
	env := map[string]string{"AEPREP_SMTP": "smtps://u:p@mail.example.com", "AEPREP_BASE_URL": "https://aeprep.example.com/",
		"AEPREP_MAIL_FROM": "Coach Desk <desk@example.com>"}
	c, err = Parse(nil, func(k string) string { return env[k] }, io.Discard)
	if err != nil || c.SMTP != env["AEPREP_SMTP"] || c.BaseURL != "https://aeprep.example.com" || c.MailFrom != env["AEPREP_MAIL_FROM"] {
		t.Fatalf("mail settings from env: %+v %v", c, err)
	}
	for _, args := range [][]string{
		{"-smtp", "smtp://mail.example.com"}, // links in real mail need the public address
		{"-base-url", "aeprep.example.com"},
		{"-base-url", "ftp://aeprep.example.com"},
		{"-base-url", "https://aeprep.example.com/sub/path"},
		{"-mail-from", "not an address"},
	} {
		if _, err := Parse(args, none, io.Discard); err == nil {
			t.Errorf("%v accepted", args)
		}
	}
}
