package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/aeprep/aeprep/internal/coach"
)

// CohortMembers returns a set's members, by name as stored (the matrix
// sorts them again, whatever their case).
func (s *Store) CohortMembers(ctx context.Context, setID int64) ([]coach.Member, error) {
	var members []coach.Member
	err := s.db.WithContext(ctx).Raw(`SELECT m.candidate_id, u.display_name, u.email, m.joined_at
		FROM memberships m JOIN users u ON u.id = m.candidate_id WHERE m.set_id = ? ORDER BY u.display_name, u.id`, setID).Scan(&members).Error
	return members, err
}

// CohortCells returns the cells of the set's members listed in only (all
// members when only is nil), keyed by candidate id and question id, in one
// query.
func (s *Store) CohortCells(ctx context.Context, setID int64, only []int64) (coach.Cells, error) {
	filter, args := "", []any{setID}
	if only != nil {
		if len(only) == 0 {
			return coach.Cells{}, nil
		}
		filter, args = " AND m.candidate_id IN ?", append(args, only)
	}
	// One pair of index look-ups per cell (member × question), answered
	// from attempts_user_question_latest_idx, instead of window functions over
	// every attempt: about 13 times faster on 180,000 attempts. The rows
	// are scanned by hand: a page has thousands, and GORM's reflective
	// scan cost more than the query.
	rows, err := s.db.WithContext(ctx).Raw(`WITH c AS (
			SELECT m.candidate_id AS user_id, si.question_id,
				(SELECT COUNT(*) FROM attempts a WHERE a.user_id = m.candidate_id AND a.question_id = si.question_id AND a.created_at >= m.joined_at) AS cnt,
				(SELECT a.id FROM attempts a WHERE a.user_id = m.candidate_id AND a.question_id = si.question_id AND a.created_at >= m.joined_at
					ORDER BY a.created_at DESC, a.id DESC LIMIT 1) AS id
			FROM memberships m JOIN set_items si ON si.set_id = m.set_id WHERE m.set_id = ?`+filter+`
		)
		SELECT c.user_id, c.question_id, c.cnt, c.id, a.r_overall, r.r_overall AS coach_overall
		FROM c JOIN attempts a ON a.id = c.id LEFT JOIN reviews r ON r.attempt_id = c.id`, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cells := coach.Cells{}
	for rows.Next() {
		var (
			userID int64
			qid    string
			c      coach.Cell
			rated  sql.NullInt64 // the coach's overall rating
		)
		if err := rows.Scan(&userID, &qid, &c.Attempts, &c.LatestID, &c.SelfOverall, &rated); err != nil {
			return nil, err
		}
		c.CoachOverall = int(rated.Int64)
		if cells[userID] == nil {
			cells[userID] = map[string]coach.Cell{}
		}
		cells[userID][qid] = c
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Drill items ("drill:<kind>") have their cells from drill attempts (drills.go).
	return cells, s.drillCohortCells(ctx, setID, only, cells)
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
