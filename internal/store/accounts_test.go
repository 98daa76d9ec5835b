package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestSignupAndResetLinks(t *testing.T) {
	s := mustOpenStore(t)
	ctx := context.Background()
	// Unique addresses: on PostgreSQL the store tests share a database.
	addr := fmt.Sprintf("new-%d@example.com", time.Now().UnixNano())
	var token string
	su := &Signup{Email: strings.ToUpper(addr[:1]) + addr[1:], DisplayName: "New", PasswordHash: "h1", Lang: "en", Next: "/me"}
	if err := s.CreateSignup(ctx, su, time.Hour, func(tok string) Mail {
		token = tok
		return Mail{ToAddr: addr, Subject: "s", Body: "link " + tok}
	}); err != nil {
		t.Fatal(err)
	}
	if len(token) < 40 {
		t.Fatalf("token %q", token)
	}
	var n int64
	s.db.Model(&Mail{}).Where("to_addr = ?", addr).Count(&n)
	if n != 1 {
		t.Fatalf("%d mails queued", n)
	}
	if _, err := s.SignupByToken(ctx, token+"x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("wrong token: %v", err)
	}
	u, next, err := s.ConfirmSignup(ctx, token)
	if err != nil || u.Email != addr || u.PasswordHash != "h1" || next != "/me" {
		t.Fatalf("confirm: %+v %q %v", u, next, err)
	}
	if _, _, err := s.ConfirmSignup(ctx, token); !errors.Is(err, ErrNotFound) {
		t.Errorf("second confirm: %v", err)
	}

	// An address that got an account some other way meanwhile: the link
	// says so, and the stale pending rows go.
	var late string
	if err := s.CreateSignup(ctx, &Signup{Email: "late-" + addr, DisplayName: "Late", PasswordHash: "h", Lang: "ja"}, time.Hour,
		func(tok string) Mail { late = tok; return Mail{ToAddr: "late-" + addr, Body: tok} }); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateUser(ctx, &User{Email: "late-" + addr, DisplayName: "Other", PasswordHash: "x", Lang: "ja"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.ConfirmSignup(ctx, late); !errors.Is(err, ErrEmailTaken) {
		t.Errorf("confirming for a taken address: %v", err)
	}
	s.db.Model(&Signup{}).Where("email = ?", "late-"+addr).Count(&n)
	if n != 0 {
		t.Errorf("%d stale pending sign-ups kept", n)
	}

	var reset string
	if err := s.CreatePasswordReset(ctx, u.ID, time.Hour, func(tok string) Mail {
		reset = tok
		return Mail{ToAddr: u.Email, Subject: "r", Body: tok}
	}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.UserByResetToken(ctx, reset); err != nil || got.ID != u.ID {
		t.Fatalf("reset lookup: %+v %v", got, err)
	}
	got, err := s.ResetPassword(ctx, reset, "h2")
	if err != nil || got.PasswordHash != "h2" || got.SessionEpoch != u.SessionEpoch+1 {
		t.Fatalf("reset: %+v %v", got, err)
	}
	if _, err := s.ResetPassword(ctx, reset, "h3"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second reset: %v", err)
	}
	// Expired links are refused and cleaned up.
	if err := s.CreatePasswordReset(ctx, u.ID, -time.Second, func(tok string) Mail { return Mail{ToAddr: u.Email, Body: tok} }); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteExpiredLinks(ctx); err != nil {
		t.Fatal(err)
	}
	s.db.Model(&PasswordReset{}).Where("user_id = ?", u.ID).Count(&n)
	if n != 0 {
		t.Errorf("%d reset rows after cleanup", n)
	}
}
