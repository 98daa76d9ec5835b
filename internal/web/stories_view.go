package web

import (
	"errors"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/chart"
	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/insight"
	"github.com/aeprep/aeprep/internal/library"
	"github.com/aeprep/aeprep/internal/store"
	"github.com/aeprep/aeprep/internal/stories"
)

// What the story bank shows beside the stories: the analyser's check of
// each, the coverage of question kinds and skills, and the practice page's
// "Use a story" panel.

// storyCheckKinds are the findings a story's check shows: what a story
// answer is judged on before it is told (length, fillers and the like
// belong to the telling).
var storyCheckKinds = map[string]bool{insight.KindEvidence: true, insight.KindStructure: true, insight.KindOwnership: true}

// storyText is a story as it would be told: its parts in STAR order, then
// the figures. No part labels are added, so the structure check reads the
// candidate's own words, as it does in a spoken answer.
func storyText(st *store.Story) string {
	var parts []string
	for _, p := range []string{st.Situation, st.Task, st.Action, st.Result, st.Figures} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "\n\n")
}

// storyCheck analyses a story as a story answer to a question of its
// first category, and returns the findings on structure, figures and own
// part in lang (or only the length, when it is too short to judge).
func (s *Server) storyCheck(st *store.Story, lang string) insightView {
	in := insight.Input{Text: storyText(st), Lang: st.Lang, Format: insight.FormatStory}
	if len(st.Categories) > 0 {
		in.Category = st.Categories[0]
	}
	an := s.lib.Analyser()
	rep := an.Analyse(in)
	var v insightView
	for _, f := range rep.Findings {
		if storyCheckKinds[f.Kind] || rep.BelowMinimum && f.Kind == insight.KindLength {
			sum, next := an.Message(f, lang)
			v.Findings = append(v.Findings, findingView{Kind: f.Kind, Verdict: string(f.Verdict),
				Name: insight.KindName(f.Kind, lang), Summary: sum, Next: next})
		}
	}
	return v
}

// overuse is a story told for too many kinds of question.
type overuse struct {
	id   int64
	cats []string
	n    int
}

// overused reads which stories the user's attempts told for
// stories.OverusedAt or more categories of question. Coaches' own
// questions have no category of the bank and are left out.
func (s *Server) overused(uses []store.StoryUse) []overuse {
	usage := map[string][]string{}
	for _, us := range uses {
		if q, ok := s.lib.Question(us.QuestionID); ok {
			k := strconv.FormatInt(us.StoryID, 10)
			usage[k] = append(usage[k], q.Category)
		}
	}
	var out []overuse
	for _, o := range stories.Overused(usage) {
		id, _ := strconv.ParseInt(o.StoryID, 10, 64)
		out = append(out, overuse{id: id, cats: o.Categories, n: len(o.Categories)})
	}
	return out
}

// overuseView is an over-used story as a page shows it.
type overuseView struct {
	StoryID   int64
	Title     string
	Kinds     []string // the category names it was told for
	KindsText string   // Kinds as one line
	Note      string
}

// listSep separates the items of a list in a line of text in lang.
func listSep(lang string) string {
	if lang == "ja" {
		return "、"
	}
	return ", "
}

func (s *Server) overuseView(p *Page, o overuse, titles map[int64]string) overuseView {
	v := overuseView{StoryID: o.id, Title: titles[o.id]}
	for _, c := range o.cats {
		v.Kinds = append(v.Kinds, p.CategoryName(c))
	}
	v.KindsText = strings.Join(v.Kinds, listSep(p.Lang))
	v.Note = stories.Message("stories.overused", map[string]string{"story": v.Title, "n": strconv.Itoa(o.n),
		"max": strconv.Itoa(stories.OverusedAt - 1)}, p.Lang)
	return v
}

// coverageView is the coverage of categories × skills by some stories.
type coverageView struct {
	ID       string // prefix of ids on the page
	Own      bool   // the viewer's own stories: gaps link to a new story
	Stories  int
	Skills   []coverHead
	Rows     []coverRow
	Covered  int
	Cells    int
	Gaps     []coverGap
	Overused []overuseView
	Heat     template.HTML
	Caption  string
}

type coverHead struct {
	ID, Name string
	Count    int
}

type coverRow struct {
	coverHead
	Cells []coverCell
}

type coverCell struct {
	N      int
	Titles string // the stories that cover it, for the table
}

type coverGap struct {
	Text, Href string
}

// coverage builds the coverage of the bank's categories and skills by
// list; uses (attempts that told a story) flag the over-used ones.
func (s *Server) coverage(p *Page, list []store.Story, uses []store.StoryUse, own bool, id string) coverageView {
	var cats, skills []string
	for _, t := range s.lib.Categories {
		cats = append(cats, t.ID)
	}
	for _, t := range s.lib.Skills {
		skills = append(skills, t.ID)
	}
	titles := map[int64]string{}
	var in []stories.Story
	for _, st := range list {
		titles[st.ID] = st.Title
		in = append(in, stories.Story{ID: strconv.FormatInt(st.ID, 10), Title: st.Title, Skills: st.Skills, Categories: st.Categories})
	}
	m := stories.Coverage(in, cats, skills)
	v := coverageView{ID: id, Own: own, Stories: len(list), Covered: m.CoveredCells, Cells: len(cats) * len(skills),
		Caption: p.T("stories.cov.caption")}
	heat := chart.Heat{ID: id + "-heat", Title: p.T("stories.cov.caption"), Desc: p.T("stories.cov.desc"),
		LabelHead: p.T("stories.cov.kind"), Empty: p.T("stories.cov.none")}
	for _, sk := range skills {
		v.Skills = append(v.Skills, coverHead{ID: sk, Name: p.SkillName(sk), Count: m.SkillCount[sk]})
		heat.Cols = append(heat.Cols, p.SkillName(sk))
	}
	for i, c := range cats {
		row := coverRow{coverHead: coverHead{ID: c, Name: p.CategoryName(c), Count: m.CategoryCount[c]}}
		vals := make([]float64, len(skills))
		for j := range skills {
			cell := m.Cells[i][j]
			var names []string
			for _, sid := range cell.Stories {
				n, _ := strconv.ParseInt(sid, 10, 64)
				names = append(names, titles[n])
			}
			row.Cells = append(row.Cells, coverCell{N: len(cell.Stories), Titles: strings.Join(names, listSep(p.Lang))})
			vals[j] = float64(len(cell.Stories))
		}
		v.Rows = append(v.Rows, row)
		heat.Rows = append(heat.Rows, row.Name)
		heat.Values = append(heat.Values, vals)
	}
	// Counts of stories, not shares: the darkest shade is 4 or more, so
	// the legend reads 1, 2, 3 and more than 3.
	heat.Max = 4
	v.Heat = heat.SVG()
	for _, g := range m.Gaps {
		params := map[string]string{}
		gap := coverGap{}
		if c, ok := g.Params["category"]; ok {
			params["category"] = p.CategoryName(c)
			gap.Href = "/stories/new?category=" + c
		}
		if sk, ok := g.Params["skill"]; ok {
			params["skill"] = p.SkillName(sk)
			gap.Href = "/stories/new?skill=" + sk
		}
		gap.Text = stories.Message(g.Code, params, p.Lang)
		if !own {
			gap.Href = ""
		}
		v.Gaps = append(v.Gaps, gap)
	}
	for _, o := range s.overused(uses) {
		if _, ok := titles[o.id]; ok {
			v.Overused = append(v.Overused, s.overuseView(p, o, titles))
		}
	}
	return v
}

func (s *Server) storyCoverage(c echo.Context) error {
	u := userOf(c)
	ctx := c.Request().Context()
	list, err := s.store.Stories(ctx, u.ID)
	if err != nil {
		return err
	}
	uses, err := s.store.StoryUses(ctx, u.ID)
	if err != nil {
		return err
	}
	p := s.page(c, "")
	p.Title, p.Nav, p.Data = p.T("stories.cov.title"), "stories", s.coverage(p, list, uses, true, "cov")
	return s.render(c, http.StatusOK, "stories_coverage", p)
}

// --- The practice page's "Use a story" panel

// storyChoice is one story offered for a question.
type storyChoice struct {
	S        store.Story
	Category bool     // it lists the question's category
	Skills   []string // the question's skills it shows
	Why      string   // what fits, as one line for the page
}

// storyPanel is the panel's content: the stories that fit the question,
// best first, and which one the form has chosen ("" for none).
type storyPanel struct {
	Choices []storyChoice
	Picked  string
	Total   int // the user's stories, fitting or not
}

// storyPanelFor lists the signed-in user's stories that fit q.
func (s *Server) storyPanelFor(c echo.Context, q *library.Question, f *form) (*storyPanel, error) {
	list, err := s.store.Stories(c.Request().Context(), userOf(c).ID)
	if err != nil {
		return nil, err
	}
	byID := map[string]store.Story{}
	in := make([]stories.Story, len(list))
	for i, st := range list {
		k := strconv.FormatInt(st.ID, 10)
		byID[k] = st
		in[i] = stories.Story{ID: k, Skills: st.Skills, Categories: st.Categories}
	}
	sp := &storyPanel{Picked: f.Values["story_id"], Total: len(list)}
	for _, fit := range stories.Rank(in, q.Category, q.Skills) {
		ch := storyChoice{S: byID[fit.Story.ID], Category: fit.Category, Skills: fit.Skills}
		var why []string
		if fit.Category {
			why = append(why, i18n.T(langOf(c), "stories.panel.fitcat"))
		}
		for _, k := range fit.Skills {
			if t, ok := s.lib.Skill(k); ok {
				why = append(why, t.Name[langOf(c)])
			}
		}
		ch.Why = strings.Join(why, listSep(langOf(c)))
		sp.Choices = append(sp.Choices, ch)
	}
	return sp, nil
}

// readStoryChoice records the story the practice form chose on the
// attempt: one of the user's own, or none. Anything else is an error on
// the field.
func (s *Server) readStoryChoice(c echo.Context, f *form, a *store.Attempt) error {
	v := strings.TrimSpace(f.Values["story_id"])
	if v == "" {
		return nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		f.fail("story_id", "stories.err.pick")
		return nil
	}
	if _, err := s.store.Story(c.Request().Context(), userOf(c).ID, id); errors.Is(err, store.ErrNotFound) {
		f.fail("story_id", "stories.err.pick")
		return nil
	} else if err != nil {
		return err
	}
	a.StoryID = &id
	return nil
}

// attemptStory returns the story an attempt told, when it still exists.
func (s *Server) attemptStory(c echo.Context, a *store.Attempt) (*store.Story, error) {
	if a.StoryID == nil {
		return nil, nil
	}
	st, err := s.store.Story(c.Request().Context(), a.UserID, *a.StoryID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	return st, err
}
