package store

import (
	"context"
	"database/sql"
	"strings"
	"sync"

	"gorm.io/gorm"
)

// stmtPool is the SQLite connection pool as GORM sees it. It keeps every
// statement it runs prepared, once for the pool: database/sql then keeps
// one compiled copy on each connection that has run it, and a transaction
// takes the copy of its own connection (sql.Tx.StmtContext).
//
// GORM's own PrepareStmt mode does the same outside transactions, but a
// statement it first sees inside one it prepares on that transaction,
// which closes it at the end: every later transaction compiled it again.
// On a save (one transaction of several statements) sqlite3_prepare was
// a fifth of the handler's CPU.
//
// The cache holds at most max statement texts and never evicts one, so a
// statement is never closed while a request may be using it; a text that
// finds it full (the few that vary, such as IN lists of every length, once
// the common ones are in) runs unprepared, as it would without a cache.
type stmtPool struct {
	db  *sql.DB
	max int

	mu    sync.RWMutex
	stmts map[string]*sql.Stmt
}

func newStmtPool(db *sql.DB, max int) *stmtPool {
	return &stmtPool{db: db, max: max, stmts: map[string]*sql.Stmt{}}
}

// cached reports whether query is one the pool keeps prepared: reads and
// writes of rows. Schema changes and pragmas run once, unprepared.
func cached(query string) bool {
	q := strings.TrimLeft(query, " \t\r\n(")
	if len(q) < 6 {
		return false
	}
	switch strings.ToUpper(q[:4]) {
	case "SELE", "INSE", "UPDA", "DELE", "WITH":
		return true
	}
	return false
}

// stmt returns the prepared statement for query, preparing it the first
// time; nil (and no error) when the cache is full or query is not one to
// keep.
func (p *stmtPool) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if !cached(query) {
		return nil, nil
	}
	st, room := p.lookup(query)
	if st != nil || !room {
		return st, nil
	}
	st, err := p.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if old, ok := p.stmts[query]; ok {
		st.Close() // prepared twice at once; keep the first
		return old, nil
	}
	if len(p.stmts) >= p.max {
		st.Close()
		return nil, nil
	}
	p.stmts[query] = st
	return st, nil
}

// lookup returns the kept statement for query, if any, and whether the
// pool has room to keep one more.
func (p *stmtPool) lookup(query string) (st *sql.Stmt, room bool) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.stmts[query], len(p.stmts) < p.max
}

func (p *stmtPool) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	return p.db.PrepareContext(ctx, query)
}

func (p *stmtPool) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := p.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return p.db.ExecContext(ctx, query, args...)
	}
	return st.ExecContext(ctx, args...)
}

func (p *stmtPool) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := p.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return p.db.QueryContext(ctx, query, args...)
	}
	return st.QueryContext(ctx, args...)
}

func (p *stmtPool) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := p.stmt(ctx, query)
	if err != nil || st == nil {
		// A statement that does not compile fails again here, and the
		// row carries the error.
		return p.db.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// BeginTx starts a transaction whose statements use the pool's.
func (p *stmtPool) BeginTx(ctx context.Context, opts *sql.TxOptions) (gorm.ConnPool, error) {
	tx, err := p.db.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return &stmtTx{Tx: tx, pool: p}, nil
}

// GetDBConn is how gorm.DB.DB finds the *sql.DB.
func (p *stmtPool) GetDBConn() (*sql.DB, error) { return p.db, nil }

// stmtTx is a transaction of a stmtPool. It never prepares on the pool
// itself: that takes a second connection while the transaction holds one,
// and with every other connection taken by transactions waiting for
// SQLite's write lock, it would wait for one of them to give up. A
// statement the pool has not kept yet runs in the transaction unprepared
// and is prepared on the pool once the transaction has ended, when this
// request holds no connection (and the tables a migration made are
// committed).
type stmtTx struct {
	*sql.Tx
	pool    *stmtPool
	pending []string // statements to prepare on the pool after the end
}

// kept returns the pool's statement for query, or nil (and notes query
// for after the end) when the pool has not kept it.
func (t *stmtTx) kept(query string) *sql.Stmt {
	if !cached(query) {
		return nil
	}
	st, room := t.pool.lookup(query)
	if st == nil && room {
		t.pending = append(t.pending, query)
	}
	return st
}

func (t *stmtTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := t.kept(query); st != nil {
		return t.Tx.StmtContext(ctx, st).ExecContext(ctx, args...)
	}
	return t.Tx.ExecContext(ctx, query, args...)
}

func (t *stmtTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := t.kept(query); st != nil {
		return t.Tx.StmtContext(ctx, st).QueryContext(ctx, args...)
	}
	return t.Tx.QueryContext(ctx, query, args...)
}

func (t *stmtTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := t.kept(query); st != nil {
		return t.Tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
	}
	return t.Tx.QueryRowContext(ctx, query, args...)
}

// Commit commits, then prepares on the pool what the transaction ran
// unprepared.
func (t *stmtTx) Commit() error {
	err := t.Tx.Commit()
	t.warm()
	return err
}

// Rollback rolls back, then prepares on the pool what the transaction ran
// unprepared (a statement naming a table the transaction made fails to
// prepare and is left out).
func (t *stmtTx) Rollback() error {
	err := t.Tx.Rollback()
	t.warm()
	return err
}

func (t *stmtTx) warm() {
	pending := t.pending
	t.pending = nil
	for _, q := range pending {
		// Best effort: the statement ran, or failed, in the transaction.
		_, _ = t.pool.stmt(context.Background(), q)
	}
}

// GetDBConn is how gorm.DB.DB finds the *sql.DB inside a transaction.
func (t *stmtTx) GetDBConn() (*sql.DB, error) { return t.pool.db, nil }
