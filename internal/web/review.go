package web

import (
	"errors"
	"html/template"
	"math"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/chart"
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

// dayEnd is the end of the user's day. Times are UTC; a day boundary in
// UTC is close enough for "due today".
func (s *Server) dayEnd() time.Time {
	now := s.store.Now().UTC()
	y, m, d := now.Date()
	return time.Date(y, m, d, 23, 59, 59, 0, time.UTC)
}

// queueItem is one question waiting for review.
type queueItem struct {
	Q         *library.Question
	Card      store.CardRow
	LastScore int
	New       bool
	DueText   string
}

// reviewQueue returns the user's due questions, weakest first, then the
// new cards queued by their coaches' sets; and the dashboard counts.
func (s *Server) reviewQueue(c echo.Context) ([]queueItem, srs.Counts, error) {
	u := userOf(c)
	rows, err := s.store.Cards(c.Request().Context(), u.ID)
	if err != nil {
		return nil, srs.Counts{}, err
	}
	byKey := map[string]store.CardRow{}
	items := make([]srs.Item, 0, len(rows))
	for _, r := range rows {
		byKey[r.QuestionID] = r
		items = append(items, srs.Item{Key: r.QuestionID, Card: r.Card(), LastScore: r.LastScore})
	}
	dayEnd := s.dayEnd()
	counts := srs.CountCards(items, dayEnd)
	var out []queueItem
	lang := langOf(c)
	keys := make([]string, 0, len(rows))
	for _, r := range rows {
		keys = append(keys, r.QuestionID)
	}
	qs, err := s.questionsByID(c, keys)
	if err != nil {
		return nil, srs.Counts{}, err
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
	Queue  []queueItem
	Counts srs.Counts
}

// review takes the user through due questions, weakest first.
func (s *Server) review(c echo.Context) error {
	q, counts, err := s.reviewQueue(c)
	if err != nil {
		return err
	}
	p := s.page(c, "")
	p.Title, p.Nav, p.Data = p.T("srs.title"), "me", reviewPageData{Queue: q, Counts: counts}
	return s.render(c, http.StatusOK, "review", p)
}

// calibrationChart draws self against coach ratings per criterion.
func (s *Server) calibrationChart(lang string, cal []store.Calibration, id string) template.HTML {
	g := chart.Gap{ID: id, Title: i18n.T(lang, "cal.title"), Desc: i18n.T(lang, "cal.desc"),
		AName: i18n.T(lang, "cal.self"), BName: i18n.T(lang, "cal.coach"), Empty: i18n.T(lang, "cal.none")}
	for _, x := range cal {
		g.Labels = append(g.Labels, i18n.T(lang, "rubric."+x.Criterion+".name"))
		a, b := x.Self, x.Coach
		if x.N == 0 {
			a, b = math.NaN(), math.NaN()
		}
		g.A = append(g.A, a)
		g.B = append(g.B, b)
	}
	return g.SVG()
}
