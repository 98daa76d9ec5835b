package store

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

// TestCloudDictationAnswer: a new user has not answered (ask); each of the
// three answers is stored and read back; anything else is refused and
// changes nothing; a missing user is ErrNotFound.
func TestCloudDictationAnswer(t *testing.T) {
	s := mustOpenStore(t)
	ctx := context.Background()
	// (A unique address: on PostgreSQL the store suite shares one database.)
	u := &User{Email: fmt.Sprintf("dictation-%d@example.com", time.Now().UnixNano()), DisplayName: "D", PasswordHash: "x", Lang: "en"}
	if err := s.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	read := func() string {
		t.Helper()
		got, err := s.UserByID(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got.CloudDictation
	}
	if got := read(); got != CloudDictationAsk {
		t.Fatalf("new user: %q, want ask", got)
	}
	for _, v := range []string{CloudDictationDeny, CloudDictationAllow, CloudDictationAsk, CloudDictationDeny} {
		if err := s.SetCloudDictation(ctx, u.ID, v); err != nil {
			t.Fatalf("set %q: %v", v, err)
		}
		if got := read(); got != v {
			t.Errorf("set %q, read %q", v, got)
		}
	}
	for _, bad := range []string{"Allow", "yes", "ask", " deny"} {
		if err := s.SetCloudDictation(ctx, u.ID, bad); !errors.Is(err, ErrBadCloudDictation) {
			t.Errorf("%q: %v", bad, err)
		}
	}
	if got := read(); got != CloudDictationDeny {
		t.Errorf("after refused values: %q", got)
	}
	if err := s.SetCloudDictation(ctx, u.ID+99, CloudDictationAllow); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing user: %v", err)
	}
}
