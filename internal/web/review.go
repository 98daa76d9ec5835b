package web

import (
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/library"
	"github.com/aeprep/aeprep/internal/practice"
	"github.com/aeprep/aeprep/internal/srs"
	"github.com/aeprep/aeprep/internal/store"
)

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

// queueCounts are the review tiles: Total is every question the user can
// practise (the bank, and their coaches' own questions).
type queueCounts = practice.Counts

// practiceCards turns the store's card rows into what package practice
// reads.
func practiceCards(rows []store.CardRow) []practice.Card {
	out := make([]practice.Card, len(rows))
	for i, r := range rows {
		out[i] = practice.Card{QuestionID: r.QuestionID, State: r.Card(), LastScore: r.LastScore}
	}
	return out
}

// bank is the question bank as package practice reads it.
func (s *Server) bank() []practice.Question {
	out := make([]practice.Question, len(s.lib.Questions))
	for i, q := range s.lib.Questions {
		out[i] = practice.Question{ID: q.ID, Category: q.Category, Skills: q.Skills}
	}
	return out
}

// reviewQueue returns the user's due questions, weakest first, then the
// new cards queued by their coaches' sets; and the dashboard counts.
func (s *Server) reviewQueue(c echo.Context) ([]queueItem, queueCounts, error) {
	cs, err := s.userCards(c)
	if err != nil {
		return nil, queueCounts{}, err
	}
	counts, err := s.countQuestions(c, cs)
	if err != nil {
		return nil, queueCounts{}, err
	}
	return s.queueOf(c, cs), counts, nil
}

// dueQueue is reviewQueue without the counts (the attempt page's "next
// due"), reviewCounts the counts without the queue (the dashboard's
// tiles): each reads what it shows.
func (s *Server) dueQueue(c echo.Context) ([]queueItem, error) {
	cs, err := s.userCards(c)
	if err != nil {
		return nil, err
	}
	return s.queueOf(c, cs), nil
}

func (s *Server) reviewCounts(c echo.Context) (queueCounts, error) {
	cs, err := s.userCards(c)
	if err != nil {
		return queueCounts{}, err
	}
	return s.countQuestions(c, cs)
}

// cardSet is the signed-in user's cards, by question, with the questions
// they are for (those still there).
type cardSet struct {
	rows  []store.CardRow
	byKey map[string]store.CardRow
	qs    map[string]*library.Question
}

func (s *Server) userCards(c echo.Context) (cardSet, error) {
	rows, err := s.store.Cards(c.Request().Context(), userOf(c).ID)
	if err != nil {
		return cardSet{}, err
	}
	cs := cardSet{rows: rows, byKey: make(map[string]store.CardRow, len(rows))}
	keys := make([]string, 0, len(rows))
	for _, r := range rows {
		cs.byKey[r.QuestionID] = r
		keys = append(keys, r.QuestionID)
	}
	cs.qs, err = s.questionsByID(c, keys)
	return cs, err
}

// countQuestions sorts every question there is to practise (the bank,
// and the coaches' questions that are still there) into the tiles.
func (s *Server) countQuestions(c echo.Context, cs cardSet) (queueCounts, error) {
	answered, err := s.store.AnsweredQuestions(c.Request().Context(), userOf(c).ID)
	if err != nil {
		return queueCounts{}, err
	}
	all := make([]string, 0, len(s.lib.Questions)+len(cs.qs))
	for _, q := range s.lib.Questions {
		all = append(all, q.ID)
	}
	for id := range cs.qs {
		if _, ok := s.lib.Question(id); !ok {
			all = append(all, id)
		}
	}
	return practice.CountQuestions(all, answered, practiceCards(cs.rows), s.userDayEnd(c)), nil
}

// queueOf orders the cards for review (practice.ReviewQueue).
func (s *Server) queueOf(c echo.Context, cs cardSet) []queueItem {
	queue := practice.ReviewQueue(practiceCards(cs.rows), s.userDayEnd(c), s.store.Now())
	var out []queueItem
	lang := langOf(c)
	add := func(key string, isNew bool) {
		q, ok := cs.qs[key]
		if !ok {
			return // left the bank, or the coach's set is gone
		}
		r := cs.byKey[key]
		out = append(out, queueItem{Q: q, Card: r, LastScore: r.LastScore, New: isNew, DueText: s.dueText(lang, r.Due)})
	}
	for _, id := range queue.Due {
		add(id, false)
	}
	for _, id := range queue.New {
		add(id, true)
	}
	return out
}

type reviewPageData struct {
	Queue    []queueItem
	Counts   queueCounts
	Starters []*library.Question // new questions to offer when nothing is due
	Drills   []drillKindView     // drill kinds due (drills_data.go)
	Roleplay []scenarioItem      // role-play scenarios due (roleplay.go)
}

// review takes the user through due questions, weakest first.
func (s *Server) review(c echo.Context) error {
	q, counts, err := s.reviewQueue(c)
	if err != nil {
		return err
	}
	d := reviewPageData{Queue: q, Counts: counts}
	if d.Drills, err = s.dueDrills(c); err != nil {
		return err
	}
	if d.Roleplay, err = s.dueScenarios(c); err != nil {
		return err
	}
	if len(q) == 0 {
		if d.Starters, err = s.newQuestions(c, 3); err != nil {
			return err
		}
	}
	p := s.page(c, "")
	p.Title, p.Nav, p.Data = p.T("srs.title"), "me", d
	return s.render(c, http.StatusOK, "review", p)
}
