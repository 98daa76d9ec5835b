package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"gorm.io/gorm"
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
	// Versions are handed out to parallel branches, so they may have gaps;
	// they only have to rise.
	last := migrations[len(migrations)-1].version
	if err != nil || v != last {
		t.Fatalf("schema version %d, %v; want %d", v, err, last)
	}
	for i := 1; i < len(migrations); i++ {
		if migrations[i].version <= migrations[i-1].version {
			t.Errorf("migration %d (%s) after version %d", migrations[i].version, migrations[i].name, migrations[i-1].version)
		}
	}
	var mode string
	s.db.Raw("PRAGMA journal_mode").Scan(&mode)
	var fk int
	s.db.Raw("PRAGMA foreign_keys").Scan(&fk)
	var busy int
	s.db.Raw("PRAGMA busy_timeout").Scan(&busy)
	var cache int
	s.db.Raw("PRAGMA cache_size").Scan(&cache)
	if mode != "wal" || fk != 1 || busy < 1000 || cache != -1024 {
		t.Fatalf("pragmas: journal_mode=%s foreign_keys=%d busy_timeout=%d cache_size=%d", mode, fk, busy, cache)
	}
	s.Close()

	// Opening again applies nothing twice.
	s, err = Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int64
	s.db.Table("schema_migrations").Count(&n)
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

func TestSessionCommitSkipsUnchangedWrites(t *testing.T) {
	s := mustOpenStore(t)
	ctx := context.Background()
	ss := s.Sessions()
	ss.SkipWithin = time.Minute
	tok := "tok-" + t.Name()
	base := time.Now().UTC().Add(time.Hour).Truncate(time.Second)
	expiryOf := func() time.Time {
		t.Helper()
		var row sessionRow
		if err := s.db.Where("token = ?", tok).Take(&row).Error; err != nil {
			t.Fatal(err)
		}
		return row.Expiry.UTC()
	}
	if err := ss.Insert(ctx, tok, []byte("a"), base); err != nil {
		t.Fatal(err)
	}
	// Same data, expiry nudged by a second: no write.
	ss.CommitCtx(ctx, tok, []byte("a"), base.Add(time.Second))
	if got := expiryOf(); !got.Equal(base) {
		t.Fatalf("unchanged session rewritten: expiry %v, want %v", got, base)
	}
	// New data is always written.
	ss.CommitCtx(ctx, tok, []byte("b"), base.Add(2*time.Second))
	if b, ok, _ := ss.FindCtx(ctx, tok); !ok || string(b) != "b" {
		t.Fatalf("changed data not written: %q", b)
	}
	// An expiry moved by more than SkipWithin is written.
	ss.CommitCtx(ctx, tok, []byte("b"), base.Add(2*time.Minute))
	if got := expiryOf(); !got.Equal(base.Add(2 * time.Minute)) {
		t.Fatalf("expiry not pushed forward: %v", got)
	}
	// Another instance's write is seen on the next load and not undone.
	other := s.Sessions()
	other.SkipWithin = time.Minute
	other.CommitCtx(ctx, tok, []byte("from-b"), base.Add(3*time.Minute))
	if b, _, _ := ss.FindCtx(ctx, tok); string(b) != "from-b" {
		t.Fatalf("instance A reads %q", b)
	}
	ss.CommitCtx(ctx, tok, []byte("from-b"), base.Add(3*time.Minute+time.Second))
	if b, _, _ := other.FindCtx(ctx, tok); string(b) != "from-b" {
		t.Fatalf("after A's skipped commit the data is %q", b)
	}
	ss.DeleteCtx(ctx, tok)
	if _, ok, _ := ss.FindCtx(ctx, tok); ok {
		t.Fatal("deleted session found")
	}
}

// TestSessionCommitNeverRecreates: a commit (the end of a request that
// loaded the session earlier) only updates a row that still exists, on
// this instance's store and on another's.
func TestSessionCommitNeverRecreates(t *testing.T) {
	s := mustOpenStore(t)
	ctx := context.Background()
	a, b := s.Sessions(), s.Sessions()
	exp := time.Now().Add(time.Hour)
	if err := a.CommitCtx(ctx, "never-inserted", []byte("x"), exp); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := a.FindCtx(ctx, "never-inserted"); ok {
		t.Fatal("a commit created a session")
	}
	if err := a.Insert(ctx, "tok", []byte("x"), exp); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := b.FindCtx(ctx, "tok"); !ok {
		t.Fatal("inserted session not found")
	}
	if err := a.DeleteCtx(ctx, "tok"); err != nil {
		t.Fatal(err)
	}
	for _, ss := range []*SessionStore{a, b} {
		if err := ss.CommitCtx(ctx, "tok", []byte("y"), exp.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok, _ := a.FindCtx(ctx, "tok"); ok {
		t.Fatal("a destroyed session came back")
	}
}

// TestSQLiteStatementsRunUncancellable: on SQLite every statement runs
// under a context that cannot end (the driver would otherwise step each
// row in a goroutine of its own; see uncancellable), while the request's
// values still reach it. A read with an ended context still answers.
func TestSQLiteStatementsRunUncancellable(t *testing.T) {
	s := mustOpenStore(t)
	if s.Dialect != "sqlite" {
		t.Skip("PostgreSQL's driver cancels without a goroutine a row")
	}
	type key struct{}
	ctx, cancel := context.WithCancel(context.WithValue(context.Background(), key{}, "request"))
	var seen, cancellable, lost int
	check := func(tx *gorm.DB) {
		seen++
		if tx.Statement.Context.Done() != nil {
			cancellable++
		}
		if tx.Statement.Context.Value(key{}) != "request" {
			lost++
		}
	}
	cb := s.db.Callback()
	for _, err := range []error{
		cb.Query().Before("gorm:query").After("aeprep:uncancellable").Register("test:check", check),
		cb.Raw().Before("gorm:raw").After("aeprep:uncancellable").Register("test:check", check),
		cb.Create().Before("gorm:create").Register("test:check", check),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	u := &User{Email: "ctx@example.com", DisplayName: "Ctx", PasswordHash: "x", Lang: "en"}
	if err := s.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	a := &Attempt{UserID: u.ID, QuestionID: "why-sales", Lang: "en", Answer: "text", ClientToken: "ctx-1"}
	if _, err := s.SaveAttempt(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Cards(ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	cancel()
	if _, err := s.UserByID(ctx, u.ID); err != nil {
		t.Errorf("a read after the request ended: %v", err)
	}
	if seen < 5 || cancellable > 0 || lost > 0 {
		t.Errorf("%d statements seen, %d with a context that can end, %d without the request's values", seen, cancellable, lost)
	}
}

// TestSessionReadsItsUser: FindCtx with a SessionUser slot reads the user
// stored beside the session, every column as UserByID reads it; without a
// user kept beside it, or without a slot, it reads the session alone.
func TestSessionReadsItsUser(t *testing.T) {
	s := mustOpenStore(t)
	ctx := context.Background()
	u := &User{Email: fmt.Sprintf("sess-%d@example.com", time.Now().UnixNano()), DisplayName: "Sess", PasswordHash: "h",
		Lang: "ja", IsCoach: true, SessionEpoch: 4, TimeZone: "Asia/Tokyo", CloudDictation: CloudDictationAllow}
	if err := s.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	ss := s.Sessions()
	ss.UserOf = func(b []byte) int64 {
		if string(b) == "signed-in" {
			return u.ID
		}
		return 0
	}
	exp := time.Now().Add(time.Hour)
	tok := fmt.Sprintf("tok-%d", time.Now().UnixNano())
	if err := ss.Insert(ctx, tok, []byte("signed-in"), exp); err != nil {
		t.Fatal(err)
	}
	want, err := s.UserByID(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	sctx, su := WithSessionUser(ctx)
	b, ok, err := ss.FindCtx(sctx, tok)
	if err != nil || !ok || string(b) != "signed-in" || su.User == nil {
		t.Fatalf("find: %q %v %v, user %v", b, ok, err, su.User)
	}
	if fmt.Sprintf("%+v", *su.User) != fmt.Sprintf("%+v", *want) {
		t.Errorf("user read with the session\n%+v\nwant\n%+v", *su.User, *want)
	}
	// Signed out in place: the data no longer names a user.
	if err := ss.CommitCtx(ctx, tok, []byte("visitor"), exp.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	sctx, su = WithSessionUser(ctx)
	if b, ok, err := ss.FindCtx(sctx, tok); err != nil || !ok || string(b) != "visitor" || su.User != nil {
		t.Errorf("a visitor's session: %q %v %v, user %v", b, ok, err, su.User)
	}
	if b, ok, err := ss.FindCtx(ctx, tok); err != nil || !ok || string(b) != "visitor" {
		t.Errorf("without a slot: %q %v %v", b, ok, err)
	}
}
