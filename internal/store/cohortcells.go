package store

import (
	"context"
	"strings"

	"gorm.io/gorm"
)

// The cohort matrix reads its cells from cohort_cells (migration 18): one
// row per membership and set item with at least one answer since joining,
// holding what a full recompute from attempts, reviews and drill_attempts
// gives (CohortCells). Every write that can change a cell keeps the rows
// in the same transaction:
//
//   - a save adds its attempt to the user's cells of that question
//     (bumpCellsTx, one statement);
//   - deleting an attempt, changing its self-rating, a coach's feedback
//     and answering a drill recompute the user's cells of that item;
//   - joining recomputes the new member's cells, adding or removing a set
//     item that item's cells in the set;
//   - leaving, and deleting an account or a set, delete the rows through
//     the foreign key to memberships; deleting a coach's account also
//     clears their ratings from the cells of other coaches' sets.
//
// TestCohortCellsFollowEveryChange checks the rows against the full
// recompute after every step of random sequences of these changes.

// cellScope names the cells a change can touch: those of a set, a
// candidate, an item, or any combination; a zero field is any.
type cellScope struct {
	setID, userID int64
	item          string
}

// cellsWhere is the scope as a condition on cohort_cells. Without a set,
// a candidate's cells are found through their memberships, so the primary
// key (set_id first) still serves the look-up.
func (sc cellScope) cellsWhere() (string, []any) {
	conds, args := []string{"1 = 1"}, []any{}
	switch {
	case sc.setID != 0:
		conds, args = append(conds, "set_id = ?"), append(args, sc.setID)
	case sc.userID != 0:
		conds, args = append(conds, "set_id IN (SELECT set_id FROM memberships WHERE candidate_id = ?)"), append(args, sc.userID)
	}
	if sc.userID != 0 {
		conds, args = append(conds, "user_id = ?"), append(args, sc.userID)
	}
	if sc.item != "" {
		conds, args = append(conds, "item = ?"), append(args, sc.item)
	}
	return strings.Join(conds, " AND "), args
}

// sources returns the scope as the parts of a recompute: from, the
// memberships (m) × their set's distinct items (si) in scope; where, the
// condition on m; and their arguments, in that order.
func (sc cellScope) sources() (from, where string, args []any) {
	items := []string{"1 = 1"}
	if sc.setID != 0 {
		items, args = append(items, "set_id = ?"), append(args, sc.setID)
	}
	if sc.item != "" {
		items, args = append(items, "question_id = ?"), append(args, sc.item)
	}
	where = "1 = 1"
	if sc.userID != 0 {
		where, args = "m.candidate_id = ?", append(args, sc.userID)
	}
	return `memberships m JOIN (SELECT DISTINCT set_id, question_id FROM set_items WHERE ` + strings.Join(items, " AND ") + `) si
		ON si.set_id = m.set_id`, where, args
}

// sinceJoining is the condition on attempts a that count in membership
// m's cell of item si.
const sinceJoining = `a.user_id = m.candidate_id AND a.question_id = si.question_id AND a.created_at >= m.joined_at`

// latestSince picks one column of the latest such attempt; every column
// asked for is in attempts_user_question_latest_idx, so no row is read.
func latestSince(col string) string {
	return `(SELECT a.` + col + ` FROM attempts a WHERE ` + sinceJoining + ` ORDER BY a.created_at DESC, a.id DESC LIMIT 1)`
}

// refreshCellsTx recomputes every cell in scope from the attempts,
// reviews and drills tx sees: the rows in scope are deleted, then those
// with answers inserted again. Drill items ("drill:<kind>") count answered
// drills and the right ones; question items (bank and custom) count
// answers and carry the latest one's ratings. Other items (role-plays)
// have no cells.
func refreshCellsTx(tx *gorm.DB, sc cellScope) error {
	where, wargs := sc.cellsWhere()
	if err := tx.Exec(`DELETE FROM cohort_cells WHERE `+where, wargs...).Error; err != nil {
		return err
	}
	from, cond, args := sc.sources()
	err := tx.Exec(`INSERT INTO cohort_cells (set_id, user_id, item, attempts, correct, latest_id, latest_at, self_overall, coach_overall)
		SELECT c.set_id, c.user_id, c.item, c.cnt, 0, c.latest_id, c.latest_at, c.self_overall, COALESCE(r.r_overall, 0)
		FROM (SELECT m.set_id, m.candidate_id AS user_id, si.question_id AS item,
				(SELECT COUNT(*) FROM attempts a WHERE `+sinceJoining+`) AS cnt,
				`+latestSince("id")+` AS latest_id, `+latestSince("created_at")+` AS latest_at,
				`+latestSince("r_overall")+` AS self_overall
			FROM `+from+` WHERE `+cond+`) c
		LEFT JOIN reviews r ON r.attempt_id = c.latest_id
		WHERE c.cnt > 0`, args...).Error
	if err != nil {
		return err
	}
	return tx.Exec(`INSERT INTO cohort_cells (set_id, user_id, item, attempts, correct)
		SELECT m.set_id, m.candidate_id, si.question_id, COUNT(*), SUM(CASE WHEN d.correct THEN 1 ELSE 0 END)
		FROM `+from+`
		JOIN drill_attempts d ON d.user_id = m.candidate_id AND '`+DrillPrefix+`' || d.kind = si.question_id
			AND d.answered_at IS NOT NULL AND d.answered_at >= m.joined_at
		WHERE `+cond+`
		GROUP BY m.set_id, m.candidate_id, si.question_id`, args...).Error
}

// bumpCellsTx adds attempt a, just created in tx, to its user's cells of
// its question in every set they joined before it was saved that holds the
// question: one more answer, and a new latest answer (no coach's rating
// yet) unless a later one is stored already, as when saves commit out of
// order. It is the only cell statement a save runs; it reads the new
// attempt, the user's memberships and the cells by their keys.
func (s *Store) bumpCellsTx(tx *gorm.DB, a *Attempt) error {
	const newer = `(excluded.latest_at > cohort_cells.latest_at OR (excluded.latest_at = cohort_cells.latest_at AND excluded.latest_id > cohort_cells.latest_id))`
	return tx.Exec(`INSERT INTO cohort_cells (set_id, user_id, item, attempts, correct, latest_id, latest_at, self_overall, coach_overall)
		SELECT m.set_id, m.candidate_id, a.question_id, 1, 0, a.id, a.created_at, a.r_overall, 0
		FROM attempts a JOIN memberships m ON m.candidate_id = a.user_id AND m.joined_at <= a.created_at
		WHERE a.id = ? AND EXISTS (SELECT 1 FROM set_items si WHERE si.set_id = m.set_id AND si.question_id = a.question_id)
		ON CONFLICT (set_id, user_id, item) DO UPDATE SET attempts = cohort_cells.attempts + 1,
			latest_id = CASE WHEN `+newer+` THEN excluded.latest_id ELSE cohort_cells.latest_id END,
			latest_at = CASE WHEN `+newer+` THEN excluded.latest_at ELSE cohort_cells.latest_at END,
			self_overall = CASE WHEN `+newer+` THEN excluded.self_overall ELSE cohort_cells.self_overall END,
			coach_overall = CASE WHEN `+newer+` THEN 0 ELSE cohort_cells.coach_overall END`, a.ID).Error
}

// lockSetTx makes writes that change a set's items or members queue on
// PostgreSQL (SQLite has one writer anyway), so a join and an item added
// at the same moment cannot each miss the other's row.
func (s *Store) lockSetTx(tx *gorm.DB, setID int64) error {
	if s.Dialect != "postgres" {
		return nil
	}
	return tx.Exec(`SELECT id FROM coach_sets WHERE id = ? FOR UPDATE`, setID).Error
}

// lockMembersTx takes the lock of every member of the set (see lockUser),
// in id order, so no member's save is half-way while the set's cells of
// an item are recomputed. PostgreSQL only.
func (s *Store) lockMembersTx(tx *gorm.DB, setID int64) error {
	if s.Dialect != "postgres" {
		return nil
	}
	return tx.Exec(`SELECT id FROM users WHERE id IN (SELECT candidate_id FROM memberships WHERE set_id = ?) ORDER BY id FOR UPDATE`, setID).Error
}

// RebuildCohortCells recomputes every cohort cell: for data written behind
// the store's back, as the benchmark's bulk-loaded fixture is.
func (s *Store) RebuildCohortCells(ctx context.Context) error {
	return s.write(ctx, func(tx *gorm.DB) error { return refreshCellsTx(tx, cellScope{}) })
}
