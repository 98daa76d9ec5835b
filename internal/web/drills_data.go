package web

import (
	"bytes"
	"fmt"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/drills"
	"github.com/aeprep/aeprep/internal/practice"
	"github.com/aeprep/aeprep/internal/store"
)

// --- Drills on other pages: the kinds' records and review state (for
// /drills, /me/progress and /review) and the export.

// drillKindViews lists every kind, in teaching order, with the user's
// record and review card.
func (s *Server) drillKindViews(c echo.Context) ([]drillKindView, error) {
	u := userOf(c)
	ctx := c.Request().Context()
	stats, err := s.store.DrillStats(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	rows, err := s.store.DrillCards(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	cards := map[string]store.CardRow{}
	for _, r := range rows {
		if kind := drillKindOf(r.QuestionID); kind != "" {
			cards[kind] = r
		}
	}
	lang, dayEnd := langOf(c), s.userDayEnd(c)
	var out []drillKindView
	for _, kind := range drills.Kinds {
		v := drillKindView{Kind: kind, Name: drillName(kind, lang), Stat: stats[kind]}
		if v.Stat.Attempts > 0 {
			v.Accuracy = v.Stat.Correct * 100 / v.Stat.Attempts
		}
		if r, ok := cards[kind]; ok {
			v.card = &r
			switch card := r.Card(); {
			case card.IsNew() && !r.Due.After(dayEnd):
				v.State = "new"
			case card.IsNew():
			case !r.Due.After(dayEnd):
				v.State = "due"
			default:
				v.State, v.Due = "later", s.dueText(lang, r.Due)
			}
		}
		out = append(out, v)
	}
	return out, nil
}

// dueDrills are the kinds due for review today, in the review queue's
// order (package practice): the due ones weakest first, then those a
// coach's set queued.
func (s *Server) dueDrills(c echo.Context) ([]drillKindView, error) {
	kinds, err := s.drillKindViews(c)
	if err != nil {
		return nil, err
	}
	byKey := map[string]drillKindView{}
	var cards []practice.Card
	for _, k := range kinds {
		if k.State == "due" || k.State == "new" {
			byKey[k.card.QuestionID] = k
			cards = append(cards, practice.Card{QuestionID: k.card.QuestionID, State: k.card.Card(), LastScore: k.card.LastScore})
		}
	}
	q := practice.ReviewQueue(cards, s.userDayEnd(c), s.store.Now())
	var out []drillKindView
	for _, key := range append(q.Due, q.New...) {
		out = append(out, byKey[key])
	}
	return out, nil
}

// progressDrills are the kinds the user has done or has queued, for the
// progress page's drills block.
func (s *Server) progressDrills(c echo.Context) ([]drillKindView, error) {
	kinds, err := s.drillKindViews(c)
	if err != nil {
		return nil, err
	}
	var out []drillKindView
	for _, k := range kinds {
		if k.Stat.Attempts > 0 || k.State != "" {
			out = append(out, k)
		}
	}
	return out, nil
}

// exportDrill is one drill in the export: enough to make it again
// (kind, seed, language) and what was answered.
type exportDrill struct {
	ID           int64      `json:"id"`
	Kind         string     `json:"kind"`
	Seed         int64      `json:"seed"`
	Lang         string     `json:"lang"`
	Answer       string     `json:"answer"`
	Correct      bool       `json:"correct"`
	SecondsTaken int        `json:"seconds_taken"`
	CreatedAt    time.Time  `json:"created_at"`
	AnsweredAt   *time.Time `json:"answered_at"`
}

func (s *Server) exportDrills(c echo.Context) ([]exportDrill, error) {
	all, err := s.store.AllDrills(c.Request().Context(), userOf(c).ID)
	if err != nil {
		return nil, err
	}
	out := make([]exportDrill, 0, len(all))
	for _, a := range all {
		out = append(out, exportDrill{ID: a.ID, Kind: a.Kind, Seed: a.Seed, Lang: a.Lang, Answer: a.Answer, Correct: a.Correct,
			SecondsTaken: a.SecondsTaken, CreatedAt: a.CreatedAt, AnsweredAt: a.AnsweredAt})
	}
	return out, nil
}

// drillsMarkdown writes the drills section of the Markdown export.
func drillsMarkdown(b *bytes.Buffer, p *Page, list []exportDrill) {
	if len(list) == 0 {
		return
	}
	fmt.Fprintf(b, "## %s\n\n", p.T("export.drills"))
	for _, d := range list {
		name := mdEscape(drillName(d.Kind, p.Lang))
		if d.AnsweredAt == nil {
			fmt.Fprintf(b, "- %s\n", p.T("export.drill.unseen", p.Time(d.CreatedAt), name))
			continue
		}
		mark := p.T("drills.wrong")
		if d.Correct {
			mark = p.T("drills.right")
		}
		fmt.Fprintf(b, "- %s\n", p.T("export.drill.line", p.Time(*d.AnsweredAt), name, mdEscape(d.Answer), mark, p.Seconds(d.SecondsTaken)))
	}
	b.WriteString("\n")
}
