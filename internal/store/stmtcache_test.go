package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mattn/go-sqlite3"
)

// countingDriver is SQLite that counts the statements it compiles: with
// no Execer or Queryer, database/sql prepares every statement it runs.
type countingDriver struct {
	sqlite3.SQLiteDriver
	prepares atomic.Int64
}

func (d *countingDriver) Open(dsn string) (driver.Conn, error) {
	c, err := d.SQLiteDriver.Open(dsn)
	if err != nil {
		return nil, err
	}
	return &countingConn{c.(*sqlite3.SQLiteConn), d}, nil
}

type countingConn struct {
	c *sqlite3.SQLiteConn
	d *countingDriver
}

func (c *countingConn) Prepare(q string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), q)
}

func (c *countingConn) PrepareContext(ctx context.Context, q string) (driver.Stmt, error) {
	c.d.prepares.Add(1)
	return c.c.PrepareContext(ctx, q)
}
func (c *countingConn) Close() error              { return c.c.Close() }
func (c *countingConn) Begin() (driver.Tx, error) { return c.c.Begin() }
func (c *countingConn) BeginTx(ctx context.Context, o driver.TxOptions) (driver.Tx, error) {
	return c.c.BeginTx(ctx, o)
}

var countingDrivers atomic.Int64

// countingPool opens a fresh SQLite database through a countingDriver.
func countingPool(t *testing.T, max int) (*stmtPool, *countingDriver) {
	t.Helper()
	d := &countingDriver{}
	name := fmt.Sprintf("sqlite3-counting-%d", countingDrivers.Add(1))
	sql.Register(name, d)
	db, err := sql.Open(name, SQLiteDSN(filepath.Join(t.TempDir(), "count.db")))
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(4)
	p := newStmtPool(db, max)
	t.Cleanup(func() { db.Close() }) // with the connections go their statements
	return p, d
}

// TestStmtPoolKeepsStatementsAcrossTransactions: a statement run in
// transaction after transaction is compiled once per connection, not once
// per transaction (GORM's PrepareStmt compiled it again in each one).
func TestStmtPoolKeepsStatementsAcrossTransactions(t *testing.T) {
	ctx := context.Background()
	p, d := countingPool(t, 64)
	if _, err := p.ExecContext(ctx, `CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)`); err != nil {
		t.Fatal(err)
	}
	before := d.prepares.Load()
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				pool, err := p.BeginTx(ctx, nil)
				if err != nil {
					errs <- err
					return
				}
				tx := pool.(*stmtTx)
				if _, err := tx.ExecContext(ctx, `INSERT INTO notes (body) VALUES (?)`, fmt.Sprint(w, i)); err != nil {
					errs <- err
					tx.Rollback()
					return
				}
				var n int
				if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM notes WHERE body <> ?`, "").Scan(&n); err != nil || n == 0 {
					errs <- fmt.Errorf("count in the transaction: %d, %v", n, err)
					tx.Rollback()
					return
				}
				if err := tx.Commit(); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	var n int
	if err := p.QueryRowContext(ctx, `SELECT COUNT(*) FROM notes`).Scan(&n); err != nil || n != 200 {
		t.Fatalf("rows: %d, %v", n, err)
	}
	// Two statements in 200 transactions on at most 4 connections: each
	// compiled unprepared by at most the 4 first transactions, on the pool
	// after each of those, and once on each connection; the count after
	// the transactions adds one more (BEGIN and COMMIT are not prepared).
	if got := d.prepares.Load() - before; got > 2*(4+4+4)+1 {
		t.Errorf("%d statements compiled for 200 transactions of two statements each", got)
	}
	// The count sees compiles: the same insert in ten plain transactions
	// is compiled ten times.
	before = d.prepares.Load()
	for i := 0; i < 10; i++ {
		tx, err := p.db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO notes (body) VALUES (?)`, "plain"); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	if got := d.prepares.Load() - before; got != 10 {
		t.Errorf("plain transactions: %d compiles, want 10", got)
	}
}

// TestStmtPoolInTransactionsThatChangeTheSchema: a transaction that makes
// a table can use it at once (the pool cannot prepare on another
// connection what is not committed); schema changes are not kept; a real
// error in a statement still comes back.
func TestStmtPoolInTransactionsThatChangeTheSchema(t *testing.T) {
	ctx := context.Background()
	p, _ := countingPool(t, 64)
	pool, err := p.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	tx := pool.(*stmtTx)
	for _, q := range []string{
		`CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)`,
		`CREATE INDEX items_name ON items (name)`,
		`INSERT INTO items (name) VALUES ('first')`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	var name string
	if err := tx.QueryRowContext(ctx, `SELECT name FROM items WHERE id = ?`, 1).Scan(&name); err != nil || name != "first" {
		t.Fatalf("read in the transaction: %q, %v", name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO no_such_table (x) VALUES (1)`); err == nil {
		t.Error("an insert into a missing table succeeded")
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := p.QueryRowContext(ctx, `SELECT name FROM items WHERE id = ?`, 1).Scan(&name); err != nil || name != "first" {
		t.Fatalf("read after commit: %q, %v", name, err)
	}
	p.mu.RLock()
	defer p.mu.RUnlock()
	for q := range p.stmts {
		if !cached(q) {
			t.Errorf("kept %q", q)
		}
	}
	if _, ok := p.stmts[`SELECT name FROM items WHERE id = ?`]; !ok {
		t.Errorf("the read is not kept: %v", p.stmts)
	}
}

// TestStmtPoolTransactionNeedsNoSecondConnection: a transaction runs a
// statement the pool has not kept while every other connection is taken
// by a transaction waiting for SQLite's write lock. Preparing it on the
// pool would wait for a connection until one of those gave up (10 s, then
// "database is locked"), as it did once in CI.
func TestStmtPoolTransactionNeedsNoSecondConnection(t *testing.T) {
	ctx := context.Background()
	p, _ := countingPool(t, 64)
	if _, err := p.ExecContext(ctx, `CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)`); err != nil {
		t.Fatal(err)
	}
	first, err := p.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	tx := first.(*stmtTx)
	// Three more transactions take the other three connections and wait
	// in BEGIN IMMEDIATE for the write lock the first one holds.
	var wg sync.WaitGroup
	errs := make(chan error, 3)
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pool, err := p.BeginTx(ctx, nil)
			if err != nil {
				errs <- err
				return
			}
			other := pool.(*stmtTx)
			if _, err := other.ExecContext(ctx, `INSERT INTO notes (body) VALUES (?)`, "later"); err != nil {
				other.Rollback()
				errs <- err
				return
			}
			errs <- other.Commit()
		}()
	}
	for p.db.Stats().InUse < 4 {
		time.Sleep(10 * time.Millisecond)
	}
	done := make(chan error, 1)
	go func() {
		_, err := tx.ExecContext(ctx, `INSERT INTO notes (body) VALUES (?)`, "first")
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the transaction's statement waited 5 s for a second connection")
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	var n int
	if err := p.QueryRowContext(ctx, `SELECT COUNT(*) FROM notes`).Scan(&n); err != nil || n != 4 {
		t.Fatalf("rows: %d, %v", n, err)
	}
	if _, ok := p.stmts[`INSERT INTO notes (body) VALUES (?)`]; !ok {
		t.Error("the insert is not kept after the transactions")
	}
}

// TestStmtPoolWhenFull: past its size the pool runs statements unprepared
// and keeps the ones it has.
func TestStmtPoolWhenFull(t *testing.T) {
	ctx := context.Background()
	p, _ := countingPool(t, 3)
	if _, err := p.ExecContext(ctx, `CREATE TABLE t (v INTEGER)`); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 10; i++ {
		q := fmt.Sprintf(`INSERT INTO t (v) VALUES (%d)`, i)
		if _, err := p.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	var sum int
	if err := p.QueryRowContext(ctx, `SELECT SUM(v) FROM t`).Scan(&sum); err != nil || sum != 45 {
		t.Fatalf("sum %d, %v", sum, err)
	}
	if len(p.stmts) != 3 {
		t.Errorf("%d statements kept, want 3", len(p.stmts))
	}
}
