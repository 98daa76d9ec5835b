package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/aeprep/aeprep/internal/srs"
)

// CardRow is the stored spaced-repetition state of one (user, question).
type CardRow struct {
	UserID        int64  `gorm:"primaryKey"`
	QuestionID    string `gorm:"primaryKey"`
	Due           time.Time
	Stability     float64
	Difficulty    float64
	ElapsedDays   uint64
	ScheduledDays uint64
	Reps          uint64
	Lapses        uint64
	State         int
	LastReview    *time.Time
	LastScore     int
	UpdatedAt     time.Time
}

// TableName maps CardRow to cards.
func (CardRow) TableName() string { return "cards" }

// Card converts the row to the scheduler's card.
func (r CardRow) Card() srs.Card {
	c := srs.Card{Due: r.Due, Stability: r.Stability, Difficulty: r.Difficulty, ElapsedDays: r.ElapsedDays,
		ScheduledDays: r.ScheduledDays, Reps: r.Reps, Lapses: r.Lapses, State: r.State}
	if r.LastReview != nil {
		c.LastReview = *r.LastReview
	}
	return c
}

// lockUser serialises writers of one user's scheduling state. SQLite's
// BEGIN IMMEDIATE already serialises every writer; PostgreSQL needs a row
// lock so two concurrent saves cannot both replay without the other.
func (s *Store) lockUser(tx *gorm.DB, userID int64) error {
	if s.Dialect != "postgres" {
		return nil
	}
	return tx.Exec(`SELECT id FROM users WHERE id = ? FOR UPDATE`, userID).Error
}

// rescheduleTx recomputes a card by replaying every attempt at the
// question in order, each scored by the coach's overall rating when there
// is one, else the self-rating. Replaying (rather than updating the stored
// card) makes the result the same whatever order concurrent saves and late
// coach ratings arrive in.
func (s *Store) rescheduleTx(tx *gorm.DB, userID int64, questionID string) error {
	card, last, err := s.replayCard(tx, userID, questionID)
	if err != nil {
		return err
	}
	return s.storeCard(tx, userID, questionID, card, last)
}

// replayCard computes a card from the question's attempts, in order, and
// returns it with the last score.
func (s *Store) replayCard(tx *gorm.DB, userID int64, questionID string) (srs.Card, int, error) {
	if kind, ok := DrillKindOf(questionID); ok { // a drill kind replays its drill attempts (drills.go)
		return s.replayDrillCard(tx, userID, kind)
	}
	var rows []struct {
		CreatedAt    time.Time
		ROverall     int
		CoachOverall *int
	}
	err := tx.Raw(`SELECT a.created_at, a.r_overall, r.r_overall AS coach_overall FROM attempts a
		LEFT JOIN reviews r ON r.attempt_id = a.id
		WHERE a.user_id = ? AND a.question_id = ? ORDER BY a.created_at, a.id`, userID, questionID).Scan(&rows).Error
	if err != nil {
		return srs.Card{}, 0, err
	}
	if len(rows) == 0 {
		return srs.NewCard(s.Now()), 0, nil
	}
	sched := srs.NewScheduler()
	card, last := srs.NewCard(rows[0].CreatedAt), 0
	for _, r := range rows {
		coach := 0
		if r.CoachOverall != nil {
			coach = *r.CoachOverall
		}
		score := srs.EffectiveScore(r.ROverall, coach)
		if score == 0 {
			// Not rated yet (by the candidate or a coach): it adds no
			// review step until it is, so an unread score can't pull the
			// question forward or push it back.
			continue
		}
		last = score
		card = sched.Review(card, last, r.CreatedAt)
	}
	return card, last, nil
}

// storeCard writes a card's state.
func (s *Store) storeCard(tx *gorm.DB, userID int64, questionID string, card srs.Card, lastScore int) error {
	row := &CardRow{UserID: userID, QuestionID: questionID, Due: card.Due.UTC(), Stability: card.Stability,
		Difficulty: card.Difficulty, ElapsedDays: card.ElapsedDays, ScheduledDays: card.ScheduledDays, Reps: card.Reps,
		Lapses: card.Lapses, State: card.State, LastScore: lastScore, UpdatedAt: s.Now()}
	if !card.LastReview.IsZero() {
		lr := card.LastReview.UTC()
		row.LastReview = &lr
	}
	// One upsert written out (both SQLite and PostgreSQL have it); GORM's
	// reflective OnConflict build was a tenth of a save.
	return tx.Exec(`INSERT INTO cards (user_id, question_id, due, stability, difficulty, elapsed_days, scheduled_days,
			reps, lapses, state, last_review, last_score, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (user_id, question_id) DO UPDATE SET due = excluded.due, stability = excluded.stability,
			difficulty = excluded.difficulty, elapsed_days = excluded.elapsed_days, scheduled_days = excluded.scheduled_days,
			reps = excluded.reps, lapses = excluded.lapses, state = excluded.state, last_review = excluded.last_review,
			last_score = excluded.last_score, updated_at = excluded.updated_at`,
		row.UserID, row.QuestionID, row.Due, row.Stability, row.Difficulty, row.ElapsedDays, row.ScheduledDays,
		row.Reps, row.Lapses, row.State, row.LastReview, row.LastScore, row.UpdatedAt).Error
}

// appendReviewTx updates a card for a newly saved attempt by one review
// step, without replaying the history, when that gives exactly what the
// replay would: the stored card has one review per earlier attempt, and
// the new attempt comes last in replay order. Otherwise (a first answer, a
// save that committed out of order, a card behind its attempts) it
// reports false and the caller replays.
func (s *Store) appendReviewTx(tx *gorm.DB, a *Attempt) (bool, error) {
	var card CardRow
	err := tx.Where("user_id = ? AND question_id = ?", a.UserID, a.QuestionID).Take(&card).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return false, nil
	}
	if err != nil || card.Reps == 0 || a.Ratings.Overall == 0 {
		// (An unrated attempt leaves the card as it is; the replay says so.)
		return false, err
	}
	// In one statement: the attempts that scheduled (rated by the
	// candidate or by a coach), and the last attempt in replay order, read
	// back as the replay would read it (PostgreSQL keeps microseconds).
	var st struct {
		N         int64
		LastID    int64
		CreatedAt time.Time
	}
	if err := tx.Raw(`SELECT
			(SELECT COUNT(*) FROM attempts a WHERE a.user_id = ? AND a.question_id = ?
				AND (a.r_overall > 0 OR EXISTS (SELECT 1 FROM reviews r WHERE r.attempt_id = a.id AND r.r_overall > 0))) AS n,
			l.id AS last_id, l.created_at
		FROM (SELECT id, created_at FROM attempts WHERE user_id = ? AND question_id = ?
			ORDER BY created_at DESC, id DESC LIMIT 1) l`,
		a.UserID, a.QuestionID, a.UserID, a.QuestionID).Scan(&st).Error; err != nil {
		return false, err
	}
	if uint64(st.N) != card.Reps+1 || st.LastID != a.ID {
		return false, nil
	}
	last := struct{ CreatedAt time.Time }{st.CreatedAt}
	score := srs.EffectiveScore(a.Ratings.Overall, 0) // a new attempt has no coach rating yet
	c := srs.NewScheduler().Review(card.Card(), score, last.CreatedAt)
	return true, s.storeCard(tx, a.UserID, a.QuestionID, c, score)
}

// CardFor returns the user's card for a question.
func (s *Store) CardFor(ctx context.Context, userID int64, questionID string) (*CardRow, error) {
	var r CardRow
	err := s.db.WithContext(ctx).Where("user_id = ? AND question_id = ?", userID, questionID).Take(&r).Error
	return &r, notFound(err)
}

// Cards lists every card of the user. The rows are scanned by hand: the
// review queue, /me and every attempt page read all of a user's cards,
// and GORM's reflective scan was a third of the call (60 cards: 0.37 ms,
// 0.26 ms by hand, with half the allocations).
func (s *Store) Cards(ctx context.Context, userID int64) ([]CardRow, error) {
	return s.cardsWhere(ctx, "user_id = ?", userID)
}

// DrillCards lists the user's drill cards (keys DrillKey(kind)) alone: the
// progress and drills pages show these, not the questions' cards.
func (s *Store) DrillCards(ctx context.Context, userID int64) ([]CardRow, error) {
	// LIKE, not a key range: PostgreSQL's collations need not order
	// punctuation by its bytes. DrillPrefix has no LIKE wildcards.
	return s.cardsWhere(ctx, "user_id = ? AND question_id LIKE ?", userID, DrillPrefix+"%")
}

func (s *Store) cardsWhere(ctx context.Context, where string, args ...any) ([]CardRow, error) {
	rows, err := s.db.WithContext(ctx).Raw(`SELECT user_id, question_id, due, stability, difficulty, elapsed_days,
		scheduled_days, reps, lapses, state, last_review, last_score, updated_at
		FROM cards WHERE `+where+` ORDER BY due, question_id`, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []CardRow
	for rows.Next() {
		var (
			r    CardRow
			last sql.NullTime
		)
		if err := rows.Scan(&r.UserID, &r.QuestionID, &r.Due, &r.Stability, &r.Difficulty, &r.ElapsedDays,
			&r.ScheduledDays, &r.Reps, &r.Lapses, &r.State, &last, &r.LastScore, &r.UpdatedAt); err != nil {
			return nil, err
		}
		if last.Valid {
			lr := last.Time
			r.LastReview = &lr
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// queueNewCards adds never-practised questions as new cards, due at due,
// leaving existing cards alone, in the caller's transaction.
func (s *Store) queueNewCards(tx *gorm.DB, userID int64, questionIDs []string, due time.Time) error {
	if len(questionIDs) == 0 {
		return nil
	}
	now := s.Now()
	rows := make([]CardRow, 0, len(questionIDs))
	for _, q := range questionIDs {
		rows = append(rows, CardRow{UserID: userID, QuestionID: q, Due: due.UTC(), UpdatedAt: now})
	}
	return tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&rows).Error
}
