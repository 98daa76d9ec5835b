package web

import (
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/library"
	"github.com/aeprep/aeprep/internal/srs"
	"github.com/aeprep/aeprep/internal/store"
)

var scheduler = srs.NewScheduler()

// nextReview says when a question comes back for review.
type nextReview struct {
	Due  time.Time
	Text string
}

func (s *Server) nextReview(c echo.Context, a *store.Attempt) (*nextReview, error) {
	card, err := s.store.CardFor(c.Request().Context(), a.UserID, a.QuestionID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &nextReview{Due: card.Due, Text: s.dueText(langOf(c), card.Due)}, nil
}

// dueText says "next review in 4 days" in the user's language.
func (s *Server) dueText(lang string, due time.Time) string {
	n, unit := srs.HumanInterval(s.store.Now(), due)
	if n == 0 {
		return i18n.T(lang, "srs.now")
	}
	return i18n.T(lang, "srs.in."+unit, n)
}

// dayEnd is the last instant of the user's today, in their time zone:
// what is due by then is "due today".
func (s *Server) userDayEnd(c echo.Context) time.Time {
	loc := time.UTC
	if u := userOf(c); u != nil {
		loc = u.Location()
	}
	y, m, d := s.store.Now().In(loc).Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, loc).Add(-time.Nanosecond)
}

// queueItem is one question waiting for review.
type queueItem struct {
	Q         *library.Question
	Card      store.CardRow
	LastScore int
	New       bool
	DueText   string
}

// queueCounts are the review tiles. They add up: Due + Later + New is
// Total, every question the user can practise (the bank, and their
// coaches' own questions).
type queueCounts struct {
	Due   int // answered before, due for review by the end of today
	Later int // answered before, due after today
	New   int // never answered
	Total int
}

// Answered is how many questions have been answered at least once.
func (q queueCounts) Answered() int { return q.Due + q.Later }

// reviewQueue returns the user's due questions, weakest first, then the
// new cards queued by their coaches' sets; and the dashboard counts.
func (s *Server) reviewQueue(c echo.Context) ([]queueItem, queueCounts, error) {
	u := userOf(c)
	ctx := c.Request().Context()
	rows, err := s.store.Cards(ctx, u.ID)
	if err != nil {
		return nil, queueCounts{}, err
	}
	answered, err := s.store.AnsweredQuestions(ctx, u.ID)
	if err != nil {
		return nil, queueCounts{}, err
	}
	byKey := map[string]store.CardRow{}
	items := make([]srs.Item, 0, len(rows))
	for _, r := range rows {
		byKey[r.QuestionID] = r
		items = append(items, srs.Item{Key: r.QuestionID, Card: r.Card(), LastScore: r.LastScore})
	}
	dayEnd := s.userDayEnd(c)
	var out []queueItem
	lang := langOf(c)
	keys := make([]string, 0, len(rows))
	for _, r := range rows {
		keys = append(keys, r.QuestionID)
	}
	qs, err := s.questionsByID(c, keys)
	if err != nil {
		return nil, queueCounts{}, err
	}
	// Every question there is to practise: the bank, and the coaches'
	// questions that are still there.
	var counts queueCounts
	all := map[string]bool{}
	for _, q := range s.lib.Questions {
		all[q.ID] = true
	}
	for id := range qs {
		all[id] = true
	}
	for id := range all {
		counts.Total++
		if !answered[id] {
			counts.New++
			continue
		}
		if r, ok := byKey[id]; ok && !r.Card().IsNew() && !r.Due.After(dayEnd) {
			counts.Due++
		} else {
			counts.Later++
		}
	}
	add := func(key string, isNew bool) {
		q, ok := qs[key]
		if !ok {
			return // left the bank, or the coach's set is gone
		}
		r := byKey[key]
		out = append(out, queueItem{Q: q, Card: r, LastScore: r.LastScore, New: isNew, DueText: s.dueText(lang, r.Due)})
	}
	for _, it := range scheduler.DueQueue(items, dayEnd, s.store.Now()) {
		add(it.Key, false)
	}
	for _, r := range rows {
		if r.Reps == 0 && !r.Due.After(dayEnd) {
			add(r.QuestionID, true)
		}
	}
	return out, counts, nil
}

type reviewPageData struct {
	Queue    []queueItem
	Counts   queueCounts
	Starters []*library.Question // new questions to offer when nothing is due
}

// review takes the user through due questions, weakest first.
func (s *Server) review(c echo.Context) error {
	q, counts, err := s.reviewQueue(c)
	if err != nil {
		return err
	}
	d := reviewPageData{Queue: q, Counts: counts}
	if len(q) == 0 {
		if d.Starters, err = s.newQuestions(c, 3); err != nil {
			return err
		}
	}
	p := s.page(c, "")
	p.Title, p.Nav, p.Data = p.T("srs.title"), "me", d
	return s.render(c, http.StatusOK, "review", p)
}
