package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/aeprep/aeprep/internal/coach"
)

// CohortMembers returns a set's members, by name as stored (the matrix
// sorts them again, whatever their case), scanned by hand: every page
// reads all of them.
func (s *Store) CohortMembers(ctx context.Context, setID int64) ([]coach.Member, error) {
	rows, err := s.db.WithContext(ctx).Raw(`SELECT m.candidate_id, u.display_name, u.email
		FROM memberships m JOIN users u ON u.id = m.candidate_id WHERE m.set_id = ? ORDER BY u.display_name, u.id`, setID).Rows()
	if err != nil {
		return nil, fmt.Errorf("store: cohort members: %w", err)
	}
	defer rows.Close()
	var members []coach.Member
	for rows.Next() {
		var m coach.Member
		if err := rows.Scan(&m.CandidateID, &m.DisplayName, &m.Email); err != nil {
			return nil, fmt.Errorf("store: cohort members: %w", err)
		}
		members = append(members, m)
	}
	return members, rows.Err()
}

// CohortCells returns the cells of the set's members listed in only (all
// members when only is nil), keyed by candidate id and question id, read
// from cohort_cells (cohortcells.go). Drill items ("drill:<kind>") have
// drill cells.
func (s *Store) CohortCells(ctx context.Context, setID int64, only []int64) (coach.Cells, error) {
	filter, args := "", []any{cellSep, setID}
	if only != nil {
		if len(only) == 0 {
			return coach.Cells{}, nil
		}
		filter, args = " AND user_id IN ?", append(args, only)
	}
	// One row per member, their cells joined into one text: the driver
	// crosses from Go to C for every column of every row, which for a
	// page's 3,000 cells of seven columns cost more than the query
	// (9.6 ms of a 20 ms page, BenchmarkCohortMatrix at 50 × 60). A
	// cell's four small numbers go as one (see parseCell): writing
	// numbers as text is most of what the join costs SQLite.
	rows, err := s.db.WithContext(ctx).Raw(`SELECT user_id, string_agg(
			(((CAST(attempts AS BIGINT) * `+cellCorrectSpan+` + correct) * 8 + self_overall) * 8 + coach_overall)
			|| ',' || latest_id || ',' || item, ?)
		FROM cohort_cells WHERE set_id = ?`+filter+` GROUP BY user_id`, args...).Rows()
	if err != nil {
		return nil, fmt.Errorf("store: cohort cells: %w", err)
	}
	defer rows.Close()
	cells := coach.Cells{}
	for rows.Next() {
		var (
			userID int64
			joined string
		)
		if err := rows.Scan(&userID, &joined); err != nil {
			return nil, fmt.Errorf("store: cohort cells: %w", err)
		}
		row := make(map[string]coach.Cell, strings.Count(joined, cellSep)+1)
		for more := true; more; {
			var text string
			text, joined, more = strings.Cut(joined, cellSep)
			item, c, err := parseCell(text)
			if err != nil {
				return nil, fmt.Errorf("store: cohort cells of user %d: %w", userID, err)
			}
			row[item] = c
		}
		cells[userID] = row
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: cohort cells: %w", err)
	}
	return cells, nil
}

// cellSep separates the cells CohortCells reads joined; no item id holds
// it, and the item comes last in each cell, after its numbers.
const cellSep = "\x1e"

// cellCorrectSpan is what a cell's count of answers is multiplied by to
// make room for its count of right drills below it, in the number
// CohortCells packs a cell's counts and ratings (0–5, 3 bits each) into:
// ((attempts × 2^27 + correct) × 8 + self_overall) × 8 + coach_overall,
// which holds up to 2^30 answers and 2^27 right drills in a cell.
const cellCorrectSpan = "134217728"

// parseCell reads one cell as CohortCells joins it:
// "packed,latest_id,item" (see cellCorrectSpan).
func parseCell(text string) (string, coach.Cell, error) {
	p, rest, ok1 := strings.Cut(text, ",")
	l, item, ok2 := strings.Cut(rest, ",")
	if !ok1 || !ok2 {
		return "", coach.Cell{}, fmt.Errorf("cell %q", text)
	}
	packed, err := strconv.ParseInt(p, 10, 64)
	if err != nil {
		return "", coach.Cell{}, fmt.Errorf("cell %q: %w", text, err)
	}
	latest, err := strconv.ParseInt(l, 10, 64)
	if err != nil {
		return "", coach.Cell{}, fmt.Errorf("cell %q: %w", text, err)
	}
	_, drill := DrillKindOf(item)
	return item, coach.Cell{Attempts: int(packed >> 33), Correct: int(packed >> 6 & (1<<27 - 1)), SelfOverall: int(packed >> 3 & 7),
		CoachOverall: int(packed & 7), LatestID: latest, Drill: drill}, nil
}

// CohortTotals sums, per member of the set with any answer, their cells of
// the items given (coach.TotalsOf over CohortCells), in one query: what
// the matrix ranks every member by, without reading their cells.
func (s *Store) CohortTotals(ctx context.Context, setID int64, items []string) (map[int64]coach.Totals, error) {
	out := map[int64]coach.Totals{}
	if len(items) == 0 {
		return out, nil
	}
	rows, err := s.db.WithContext(ctx).Raw(`SELECT user_id, COUNT(*),
			SUM(self_overall), SUM(CASE WHEN self_overall > 0 THEN 1 ELSE 0 END),
			SUM(coach_overall), SUM(CASE WHEN coach_overall > 0 THEN 1 ELSE 0 END)
		FROM cohort_cells WHERE set_id = ? AND item IN ? GROUP BY user_id`, setID, items).Rows()
	if err != nil {
		return nil, fmt.Errorf("store: cohort totals: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			userID int64
			t      coach.Totals
		)
		if err := rows.Scan(&userID, &t.Done, &t.SelfSum, &t.SelfRated, &t.CoachSum, &t.CoachRated); err != nil {
			return nil, fmt.Errorf("store: cohort totals: %w", err)
		}
		out[userID] = t
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: cohort totals: %w", err)
	}
	return out, nil
}

// CalibrationFor computes a candidate's calibration, over every attempt
// with a coach's feedback or only those with coachID's (coachID > 0), in
// one query.
func (s *Store) CalibrationFor(ctx context.Context, candidateID, coachID int64) ([]coach.Calibration, error) {
	var cols []string
	for _, k := range Criteria {
		// 0 is "not rated yet": left out of the self average.
		cols = append(cols, fmt.Sprintf("AVG(NULLIF(a.r_%[1]s, 0)) AS self_%[1]s, AVG(r.r_%[1]s) AS coach_%[1]s", k))
	}
	q := `SELECT COUNT(*) AS n, ` + strings.Join(cols, ", ") + ` FROM attempts a JOIN reviews r ON r.attempt_id = a.id WHERE a.user_id = ?`
	args := []any{candidateID}
	if coachID > 0 {
		q += ` AND r.coach_id = ?`
		args = append(args, coachID)
	}
	row := map[string]any{}
	if err := s.db.WithContext(ctx).Raw(q, args...).Scan(&row).Error; err != nil {
		return nil, err
	}
	n := int(toFloat(row["n"]))
	out := make([]coach.Calibration, 0, len(Criteria))
	for _, k := range Criteria {
		out = append(out, coach.Calibration{Criterion: k, Self: toFloat(row["self_"+k]), Coach: toFloat(row["coach_"+k]), N: n})
	}
	return out, nil
}

func toFloat(v any) float64 {
	switch x := v.(type) {
	case *any:
		// GORM scans computed SQLite columns (COUNT, AVG) into a map as
		// *interface{}.
		if x == nil {
			return 0
		}
		return toFloat(*x)
	case float64:
		return x
	case float32:
		return float64(x)
	case int64:
		return float64(x)
	case int32:
		return float64(x)
	case int:
		return float64(x)
	case []byte:
		var f float64
		fmt.Sscanf(string(x), "%g", &f)
		return f
	case string:
		var f float64
		fmt.Sscanf(x, "%g", &f)
		return f
	}
	return 0
}
