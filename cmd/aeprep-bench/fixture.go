package main

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/aeprep/aeprep/internal/auth"
	"github.com/aeprep/aeprep/internal/library"
	"github.com/aeprep/aeprep/internal/store"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver for the bulk load
	_ "github.com/mattn/go-sqlite3"    // database/sql driver for the bulk load
)

// benchPassword is every fixture account's password; it is hashed once.
const benchPassword = "bench password 2026"

// shape is the size of a fixture.
type shape struct {
	Candidates int // members of the coach's set
	Questions  int // bank questions in the set
	PerCell    int // attempts per candidate per question
	Heavy      int // attempts of the heavy user (for /me/progress)
}

var shapes = map[string]shape{
	"full":  {Candidates: 300, Questions: 60, PerCell: 10, Heavy: 2000},
	"small": {Candidates: 50, Questions: 20, PerCell: 5, Heavy: 500},
}

// fixture is what the load cases need to know about the data.
type fixture struct {
	Shape      shape
	CoachEmail string
	SetID      int64
	Candidates []string // emails, in id order
	HeavyEmail string
	Attempts   int // rows inserted into attempts
	Reviews    int
	Took       time.Duration
	// CandAttempt is the latest attempt at why-sales of Candidates[0].
	CandAttempt int64
}

// bulk inserts rows into one table with multi-row INSERTs inside tx. Full
// batches reuse one prepared statement.
type bulk struct {
	ctx      context.Context
	tx       *sql.Tx
	postgres bool
	table    string
	cols     []string
	per      int // rows per statement
	args     []any
	n        int
	full     *sql.Stmt
}

func newBulk(ctx context.Context, tx *sql.Tx, postgres bool, table string, cols ...string) *bulk {
	per := 20000 / len(cols) // well under SQLite's 32,766 and PostgreSQL's 65,535 parameters
	per = min(per, 1000)
	return &bulk{ctx: ctx, tx: tx, postgres: postgres, table: table, cols: cols, per: per,
		args: make([]any, 0, per*len(cols))}
}

func (b *bulk) query(rows int) string {
	var sb strings.Builder
	sb.WriteString("INSERT INTO " + b.table + " (" + strings.Join(b.cols, ", ") + ") VALUES ")
	p := 1
	for r := range rows {
		if r > 0 {
			sb.WriteByte(',')
		}
		sb.WriteByte('(')
		for c := range b.cols {
			if c > 0 {
				sb.WriteByte(',')
			}
			if b.postgres {
				sb.WriteString("$" + strconv.Itoa(p))
			} else {
				sb.WriteByte('?')
			}
			p++
		}
		sb.WriteByte(')')
	}
	return sb.String()
}

func (b *bulk) add(vals ...any) error {
	if len(vals) != len(b.cols) {
		return fmt.Errorf("bulk %s: %d values for %d columns", b.table, len(vals), len(b.cols))
	}
	b.args = append(b.args, vals...)
	b.n++
	if b.n == b.per {
		return b.flush()
	}
	return nil
}

func (b *bulk) flush() error {
	if b.n == 0 {
		return nil
	}
	var err error
	if b.n == b.per {
		if b.full == nil {
			if b.full, err = b.tx.PrepareContext(b.ctx, b.query(b.per)); err != nil {
				return fmt.Errorf("bulk %s: %w", b.table, err)
			}
		}
		_, err = b.full.ExecContext(b.ctx, b.args...)
	} else {
		_, err = b.tx.ExecContext(b.ctx, b.query(b.n), b.args...)
	}
	if err != nil {
		return fmt.Errorf("bulk %s: %w", b.table, err)
	}
	b.args, b.n = b.args[:0], 0
	return nil
}

func (b *bulk) close() error {
	err := b.flush()
	if b.full != nil {
		b.full.Close()
	}
	return err
}

// answers are realistic answer texts of varied length, Japanese and
// English, picked round-robin so rows are not all alike.
var answers = func() []string {
	ja := "前職では中堅製造業向けにSaaSの新規開拓を担当し、四半期のクォータを六期連続で達成しました。" +
		"特に印象に残っているのは、競合に決まりかけていた案件で、現場の購買担当者だけでなく工場長と財務責任者に個別にヒアリングし、" +
		"在庫回転日数の改善という経営課題に提案を結び付けたことです。結果として年間二千四百万円の契約を獲得し、導入後半年で在庫を一八%削減できました。" +
		"この経験から、顧客の言葉の裏にある事業上の痛みを数字で捉え、意思決定者ごとに価値を言い換えることが営業の核心だと考えています。"
	en := "In my last role I owned new business for mid-market manufacturers and hit quota six quarters in a row. " +
		"The deal I am proudest of was one we were about to lose to a competitor: instead of staying with the buyer, I interviewed the plant manager " +
		"and the CFO separately and tied our proposal to their inventory-turns problem. We closed a 240k annual contract and the customer cut inventory " +
		"by 18% within six months. What I took from it is that the job is to find the business pain behind the request, put a number on it, " +
		"and restate the value in each decision maker's own terms, then agree a mutual plan with dates so the deal does not stall."
	var out []string
	// 90 to 230 characters in Japanese (270 to 690 bytes), 250 to 550 in
	// English: shorter than many real answers, to keep the fixture quick.
	for _, n := range []int{90, 140, 180, 230} {
		out = append(out, string([]rune(ja)[:min(n, len([]rune(ja)))]))
	}
	for _, n := range []int{250, 350, 450, 550} {
		out = append(out, en[:min(n, len(en))])
	}
	return out
}()

// buildFixture fills an empty, migrated database with one coach, a set of
// sh.Questions bank questions, sh.Candidates members with sh.PerCell
// attempts at every question (about one in five of their latest answers
// reviewed by the coach), cards for every practised question, and one
// heavy user with sh.Heavy attempts spread over four months. Every attempt
// carries the report the app would have stored with it (analysedReports).
func buildFixture(ctx context.Context, dialect, dsn string, lib *library.Library, sh shape) (*fixture, error) {
	start := time.Now()
	reports, reportsV, err := analysedReports(ctx, lib)
	if err != nil {
		return nil, err
	}
	if sh.Questions > len(lib.Questions) {
		return nil, fmt.Errorf("fixture: the bank has %d questions, fewer than %d", len(lib.Questions), sh.Questions)
	}
	hash, err := auth.Hash(benchPassword)
	if err != nil {
		return nil, err
	}
	// The set's questions: why-sales (the practice case) first, then the
	// bank in order.
	qids := []string{"why-sales"}
	if _, ok := lib.Question("why-sales"); !ok {
		return nil, fmt.Errorf("fixture: the bank has no why-sales question")
	}
	for _, q := range lib.Questions {
		if len(qids) == sh.Questions {
			break
		}
		if q.ID != "why-sales" {
			qids = append(qids, q.ID)
		}
	}

	// The fixture is bulk-loaded over a connection of its own: the app's
	// handle is private to the store.
	sqlDB, err := openBulk(dsn)
	if err != nil {
		return nil, err
	}
	defer sqlDB.Close()
	pg := dialect == "postgres"
	tx, err := sqlDB.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()

	now := time.Now().UTC().Truncate(time.Second)
	rng := rand.New(rand.NewPCG(2026, 1))
	fx := &fixture{Shape: sh, CoachEmail: "coach@bench.test", SetID: 1, HeavyEmail: "heavy@bench.test"}

	// Users: the coach is 1, candidates 2..n+1, the heavy user n+2.
	users := newBulk(ctx, tx, pg, "users", "id", "email", "display_name", "password_hash", "lang", "is_coach", "created_at", "updated_at")
	joined := now.AddDate(0, 0, -60)
	if err := users.add(int64(1), fx.CoachEmail, "Coach Sato", hash, "ja", true, joined, joined); err != nil {
		return nil, err
	}
	candID := func(i int) int64 { return int64(i + 2) }
	for i := range sh.Candidates {
		email := fmt.Sprintf("cand%04d@bench.test", i)
		fx.Candidates = append(fx.Candidates, email)
		lang := "ja"
		if i%3 == 0 {
			lang = "en"
		}
		if err := users.add(candID(i), email, fmt.Sprintf("Candidate %04d", i), hash, lang, false, joined, joined); err != nil {
			return nil, err
		}
	}
	heavyID := candID(sh.Candidates)
	if err := users.add(heavyID, fx.HeavyEmail, "Heavy User", hash, "en", false, now.AddDate(0, -5, 0), now); err != nil {
		return nil, err
	}
	if err := users.close(); err != nil {
		return nil, err
	}

	// The set, its items, an invite, the memberships.
	if _, err := tx.ExecContext(ctx, rebind(pg, `INSERT INTO coach_sets (id, coach_id, title, description, lang, time_limit, due_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`), fx.SetID, 1, "Enterprise AE cohort",
		"Answer every question **twice** before the panel interview.", "ja", 0, now.AddDate(0, 0, 14), joined, joined); err != nil {
		return nil, err
	}
	items := newBulk(ctx, tx, pg, "set_items", "id", "set_id", "position", "question_id", "prompt", "guidance", "seconds")
	for j, q := range qids {
		if err := items.add(int64(j+1), fx.SetID, j+1, q, "", "", 0); err != nil {
			return nil, err
		}
	}
	if err := items.close(); err != nil {
		return nil, err
	}
	sum := sha256.Sum256([]byte("bench-invite-token"))
	if _, err := tx.ExecContext(ctx, rebind(pg, `INSERT INTO invites (id, set_id, token_hash, token, created_at) VALUES (?, ?, ?, ?, ?)`),
		1, fx.SetID, hex.EncodeToString(sum[:]), "bench-invite-token", joined); err != nil {
		return nil, err
	}
	mem := newBulk(ctx, tx, pg, "memberships", "id", "set_id", "candidate_id", "joined_at")
	for i := range sh.Candidates {
		if err := mem.add(int64(i+1), fx.SetID, candID(i), joined.Add(time.Duration(i)*time.Second)); err != nil {
			return nil, err
		}
	}
	if err := mem.close(); err != nil {
		return nil, err
	}

	// Attempts, reviews and cards. Attempts are planned first and inserted
	// in time order, as a live database receives them, so one user's rows
	// are spread over the table among everybody else's rather than packed
	// together (which would flatter every per-user query).
	type planned struct {
		at      time.Time
		user    int64
		q       string
		k       int  // how many earlier answers the user gave to q
		reviewd bool // the coach reviewed it
		id      int64
		overall int
	}
	plan := make([]planned, 0, sh.Candidates*sh.Questions*sh.PerCell+sh.Heavy)
	type cardPlan struct {
		user int64
		q    string
		last int // index into plan of the latest answer
		reps int
	}
	var cardPlans []cardPlan
	start45 := now.AddDate(0, 0, -45)
	for i := range sh.Candidates {
		for j, qid := range qids {
			for k := range sh.PerCell {
				at := start45.Add(time.Duration(k)*96*time.Hour + time.Duration(j)*30*time.Minute + time.Duration(i)*5*time.Second)
				// The coach reviewed the latest answer of one cell in five.
				rev := k == sh.PerCell-1 && (i*7+j)%5 == 0
				plan = append(plan, planned{at: at, user: candID(i), q: qid, k: k, reviewd: rev})
			}
			if sh.PerCell > 0 {
				cardPlans = append(cardPlans, cardPlan{user: candID(i), q: qid, last: len(plan) - 1, reps: sh.PerCell})
			}
		}
	}
	// The heavy user: answers spread over the last 120 days, most days a
	// few, ending today, so the progress page has streaks and gaps.
	lastHeavy := map[string]int{}
	repsHeavy := map[string]int{}
	for a := range sh.Heavy {
		day := (sh.Heavy - 1 - a) * 120 / sh.Heavy
		if day%9 == 4 { // a gap every nine days
			day++
		}
		at := now.Add(-time.Duration(day)*24*time.Hour - time.Duration(a%17)*3*time.Minute - time.Minute)
		q := lib.Questions[a%len(lib.Questions)].ID
		plan = append(plan, planned{at: at, user: heavyID, q: q, k: a * 10 / sh.Heavy})
		lastHeavy[q] = len(plan) - 1
		repsHeavy[q]++
	}
	for _, q := range lib.Questions {
		if last, ok := lastHeavy[q.ID]; ok {
			cardPlans = append(cardPlans, cardPlan{user: heavyID, q: q.ID, last: last, reps: repsHeavy[q.ID]})
		}
	}
	order := make([]int32, len(plan))
	for i := range order {
		order[i] = int32(i)
	}
	sort.SliceStable(order, func(x, y int) bool { return plan[order[x]].at.Before(plan[order[y]].at) })

	// Inserting in time order would update the per-user indexes at random
	// places; drop them and build them again afterwards, which sorts once.
	// (Their definitions are read back from the database, so they stay the
	// migrations'.)
	indexes, err := dropIndexes(ctx, tx, pg, "attempts")
	if err != nil {
		return nil, err
	}
	att := newBulk(ctx, tx, pg, "attempts", "id", "user_id", "question_id", "lang", "answer", "seconds_taken", "time_limit",
		"r_example", "r_structure", "r_confidence", "r_customer", "r_concise", "r_overall", "notes", "insights",
		"insights_v", "client_token", "created_at", "updated_at")
	rating := func(base int) int { return max(1, min(5, base+rng.IntN(3)-1)) }
	for n, i := range order {
		p := &plan[i]
		p.id = int64(n + 1)
		ai := n % len(answers)
		lang, ans := answerLang(ai), answers[ai]
		report, ok := reports[reportKey{p.q, ai}]
		if !ok {
			return nil, fmt.Errorf("fixture: no report for %s", p.q)
		}
		if p.user == candID(0) && p.q == "why-sales" {
			fx.CandAttempt = p.id // the latest, as they go in time order
		}
		base := 2 + p.k/4 // answers get better with practice
		p.overall = rating(base)
		notes := ""
		if p.k%4 == 0 {
			notes = "Lead with the number next time."
		}
		if err := att.add(p.id, p.user, p.q, lang, ans, 60+rng.IntN(120), 120,
			rating(base), rating(base), rating(base), rating(base), rating(base), p.overall, notes, report, reportsV,
			"fx"+strconv.FormatInt(p.id, 10)+"-"+strconv.FormatInt(p.user, 10)+"-bench", p.at, p.at); err != nil {
			return nil, err
		}
	}
	if err := att.close(); err != nil {
		return nil, err
	}
	for _, ddl := range indexes {
		if _, err := tx.ExecContext(ctx, ddl); err != nil {
			return nil, fmt.Errorf("fixture: %s: %w", ddl, err)
		}
	}
	fx.Attempts = len(plan)

	rev := newBulk(ctx, tx, pg, "reviews", "id", "attempt_id", "coach_id", "r_example", "r_structure", "r_confidence",
		"r_customer", "r_concise", "r_overall", "comment", "seen_at", "created_at", "updated_at")
	for i := range plan {
		p := &plan[i]
		if !p.reviewd {
			continue
		}
		fx.Reviews++
		r := rating(3)
		var seen any
		if p.user%2 == 0 {
			seen = p.at.Add(48 * time.Hour)
		}
		if err := rev.add(int64(fx.Reviews), p.id, int64(1), rating(3), rating(3), rating(3), rating(3), rating(3), r,
			"Good structure; quantify the outcome earlier.", seen, p.at.Add(24*time.Hour), p.at.Add(24*time.Hour)); err != nil {
			return nil, err
		}
		p.overall = r // the coach's rating schedules the card
	}
	if err := rev.close(); err != nil {
		return nil, err
	}

	cards := newBulk(ctx, tx, pg, "cards", "user_id", "question_id", "due", "stability", "difficulty", "elapsed_days",
		"scheduled_days", "reps", "lapses", "state", "last_review", "last_score", "updated_at")
	for _, c := range cardPlans {
		last := plan[c.last]
		due := last.at.AddDate(0, 0, 1+rng.IntN(20))
		if err := cards.add(c.user, c.q, due, 2+rng.Float64()*20, 3+rng.Float64()*5, 0, 5, c.reps, rng.IntN(2), 2,
			last.at, last.overall, last.at); err != nil {
			return nil, err
		}
	}
	if err := cards.close(); err != nil {
		return nil, err
	}
	if pg {
		// Explicit ids leave the identity sequences behind; move them on.
		for _, t := range []string{"users", "coach_sets", "set_items", "invites", "memberships", "attempts", "reviews"} {
			if _, err := tx.ExecContext(ctx, fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%[1]s', 'id'), (SELECT MAX(id) FROM %[1]s))`, t)); err != nil {
				return nil, fmt.Errorf("fixture: sequence of %s: %w", t, err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	if pg {
		// Autovacuum would gather statistics and mark the new pages all
		// visible soon after a load like this in production; do it now,
		// so plans are not made blind and index-only scans do not visit
		// the table. With ANALYZE alone autovacuum ran during the first
		// pass of -instances 1,2, and the one-connection cases of the
		// second pass ran 2-3 times as fast as the same cases of the first.
		if _, err := sqlDB.ExecContext(ctx, `VACUUM ANALYZE`); err != nil {
			return nil, err
		}
	}
	fx.Took = time.Since(start)
	return fx, nil
}

// rebuildCells has the store compute the cohort's cells (store.RebuildCohortCells),
// which the app keeps with every write and the bulk load went past; its
// time counts in the fixture's.
func rebuildCells(ctx context.Context, dsn string, fx *fixture) error {
	start := time.Now()
	st, err := store.Open(ctx, dsn, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.RebuildCohortCells(ctx); err != nil {
		return fmt.Errorf("fixture: cohort cells: %w", err)
	}
	fx.Took += time.Since(start)
	return nil
}

// rebind turns ? placeholders into $n for PostgreSQL.
func rebind(postgres bool, q string) string {
	if !postgres {
		return q
	}
	var sb strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			sb.WriteString("$" + strconv.Itoa(n))
			continue
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// dropIndexes drops table's secondary indexes (not those behind primary
// keys or UNIQUE constraints) and returns the statements that recreate them.
func dropIndexes(ctx context.Context, tx *sql.Tx, postgres bool, table string) ([]string, error) {
	q := `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`
	if postgres {
		q = `SELECT i.indexname, i.indexdef FROM pg_indexes i
			WHERE i.schemaname = current_schema() AND i.tablename = $1
			AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`
	}
	rows, err := tx.QueryContext(ctx, q, table)
	if err != nil {
		return nil, fmt.Errorf("fixture: indexes of %s: %w", table, err)
	}
	var names, ddl []string
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			rows.Close()
			return nil, err
		}
		names, ddl = append(names, name), append(ddl, def)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, name := range names {
		if _, err := tx.ExecContext(ctx, `DROP INDEX `+name); err != nil {
			return nil, fmt.Errorf("fixture: drop index %s: %w", name, err)
		}
	}
	return ddl, nil
}

// openBulk opens a plain database/sql connection to the benchmark's
// database, with the same SQLite pragmas the store uses.
func openBulk(dsn string) (*sql.DB, error) {
	if store.IsPostgres(dsn) {
		return sql.Open("pgx", dsn)
	}
	db, err := sql.Open("sqlite3", store.SQLiteDSN(dsn))
	if err == nil {
		db.SetMaxOpenConns(1)
	}
	return db, err
}
