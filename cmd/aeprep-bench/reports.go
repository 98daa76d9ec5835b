package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/aeprep/aeprep/internal/library"
	"github.com/aeprep/aeprep/internal/store"
	"github.com/aeprep/aeprep/internal/web"
)

// reportKey names one answer of the fixture to one question.
type reportKey struct {
	question string
	answer   int // index into answers
}

// analysedReports returns the report the app stores for each of the
// fixture's answer texts to each question of the bank, and the analyser
// version it stores them with. The app makes them itself: each pair is
// saved once, unanalysed, in a scratch SQLite database, and web.Reanalyse
// (what the server runs at start-up) analyses it. So the fixture's
// attempts carry current reports, as a live database's do, the attempt
// page reads them instead of analysing afresh, and the servers find
// nothing to re-analyse when they start.
func analysedReports(ctx context.Context, lib *library.Library) (map[reportKey]string, int, error) {
	dir, err := os.MkdirTemp("", "aeprep-bench-reports-")
	if err != nil {
		return nil, 0, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "reports.db")
	st, err := store.Open(ctx, path, nil)
	if err != nil {
		return nil, 0, err
	}
	defer st.Close()
	db, err := openBulk(path)
	if err != nil {
		return nil, 0, err
	}
	defer db.Close()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO users (id, email, display_name, password_hash, lang, is_coach, created_at, updated_at)
		VALUES (1, 'reports@bench.test', 'Reports', '', 'en', false, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`); err != nil {
		return nil, 0, fmt.Errorf("reports: %w", err)
	}
	att := newBulk(ctx, tx, false, "attempts", "id", "user_id", "question_id", "lang", "answer", "seconds_taken", "time_limit",
		"r_example", "r_structure", "r_confidence", "r_customer", "r_concise", "r_overall", "insights", "client_token", "created_at", "updated_at")
	keys := map[int64]reportKey{}
	id := int64(0)
	for _, q := range lib.Questions {
		for a := range answers {
			id++
			keys[id] = reportKey{q.ID, a}
			// The fixture's time limit, seconds and rating: the report
			// depends on the text, its language and the time limit.
			if err := att.add(id, 1, q.ID, answerLang(a), answers[a], 100, 120, 3, 3, 3, 3, 3, 3, "{}",
				fmt.Sprintf("report-%d", id), "2026-01-01 00:00:00", "2026-01-01 00:00:00"); err != nil {
				return nil, 0, err
			}
		}
	}
	if err := att.close(); err != nil {
		return nil, 0, err
	}
	if err := tx.Commit(); err != nil {
		return nil, 0, err
	}
	if _, err := web.Reanalyse(ctx, st, lib); err != nil {
		return nil, 0, fmt.Errorf("reports: %w", err)
	}
	rows, err := db.QueryContext(ctx, `SELECT id, insights, insights_v FROM attempts`)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := make(map[reportKey]string, len(keys))
	version := -1
	for rows.Next() {
		var (
			id     int64
			report string
			v      int
		)
		if err := rows.Scan(&id, &report, &v); err != nil {
			return nil, 0, err
		}
		if version >= 0 && v != version {
			return nil, 0, fmt.Errorf("reports: analysed with versions %d and %d", version, v)
		}
		version = v
		out[keys[id]] = report
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	if len(out) != len(keys) || version <= 0 {
		return nil, 0, fmt.Errorf("reports: %d of %d answers analysed (version %d)", len(out), len(keys), version)
	}
	return out, version, nil
}

// answerLang is the language of answers[a]: the first half is Japanese.
func answerLang(a int) string {
	if a < len(answers)/2 {
		return "ja"
	}
	return "en"
}
