package web

import (
	"fmt"
	"html/template"
	"math"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/chart"
	"github.com/aeprep/aeprep/internal/practice"
	"github.com/aeprep/aeprep/internal/store"
)

// progressWeeks is how many weeks the progress charts cover.
const progressWeeks = 12

// progressChart is one chart of the progress page with the numbers behind
// it; ID is unique on the page.
type progressChart struct {
	ID    string
	SVG   template.HTML
	Table chart.Table
}

// progressStat is one figure of the streaks and totals block.
type progressStat struct {
	Label, Value string
}

// progressTerm is a category the user has practised least, to suggest.
type progressTerm struct {
	ID, Name string
}

type progressData struct {
	Empty     bool
	Stats     []progressStat
	KeepUp    bool // practised yesterday but not yet today
	Trend     string
	Ratings   progressChart
	Weekly    progressChart
	Coverage  string // "practised 12 of 67 bank questions (17%)"
	Complete  bool   // every bank question practised
	Next      []progressTerm
	Category  progressChart
	Skill     progressChart
	Criteria  []string
	WeekCount int
	Drills    []drillKindView // the drills block (drills_data.go)
}

// progress shows the signed-in user's practice over time: streaks and
// totals, weekly self-ratings and answer counts, and coverage of the bank.
func (s *Server) progress(c echo.Context) error {
	u := userOf(c)
	pr, err := s.store.ProgressIn(c.Request().Context(), u.ID, progressWeeks, u.Location())
	if err != nil {
		return err
	}
	p := s.page(c, "")
	p.Title, p.Nav = p.T("progress.title"), "me"
	d := s.progressView(p, pr)
	if d.Drills, err = s.progressDrills(c); err != nil {
		return err
	}
	p.Data = d
	return s.render(c, http.StatusOK, "progress", p)
}

func (s *Server) progressView(p *Page, pr *store.Progress) progressData {
	d := progressData{Empty: pr.Total == 0, Criteria: store.Criteria, WeekCount: len(pr.Weeks)}
	if d.Empty {
		return d
	}
	days := func(n int) string {
		if n == 1 {
			return p.T("progress.days.one", n)
		}
		return p.T("progress.days.many", n)
	}
	streak := practice.Streaks(pr.Days, pr.Today)
	d.Stats = []progressStat{
		{p.T("progress.stats.current"), days(streak.Current)},
		{p.T("progress.stats.longest"), days(streak.Longest)},
		{p.T("progress.stats.answers"), p.T("progress.answers.n", pr.Total)},
		{p.T("progress.stats.days"), days(len(pr.Days))},
		{p.T("progress.stats.time"), progressTime(p, pr.Seconds)},
	}
	d.KeepUp = streak.KeepUp

	weeks := make([]string, len(pr.Weeks))
	counts := make([]float64, len(pr.Weeks))
	inWindow := 0
	for i, w := range pr.Weeks {
		weeks[i] = w.Start
		counts[i] = float64(w.Count)
		inWindow += w.Count
	}

	// 1. Weekly average self-rating per criterion.
	lines := chart.Lines{ID: "progress-ratings", Title: p.T("progress.ratings.title"),
		Desc: p.T("progress.ratings.desc", len(pr.Weeks)), XLabels: weeks,
		YMin: 1, YMax: 5, YTicks: []float64{1, 2, 3, 4, 5}, LabelHead: p.T("progress.week"), Empty: p.T("progress.nodata")}
	for i, k := range store.Criteria {
		vs := make([]float64, len(pr.Weeks))
		for j, w := range pr.Weeks {
			vs[j] = math.NaN()
			if v, ok := w.Avg[k]; ok && w.Count > 0 {
				vs[j] = v
			}
		}
		lines.Series = append(lines.Series, chart.Series{Name: p.T("rubric." + k + ".name"), Values: vs, Class: "s" + strconv.Itoa(i+1)})
	}
	d.Trend = progressTrend(p, pr.Weeks)
	if d.Trend != "" {
		lines.Desc += " " + d.Trend
	}
	// The table rounds to one decimal, like the rest of the app's ratings.
	table := chart.Table{Caption: lines.Title, Head: []string{lines.LabelHead}}
	for _, sr := range lines.Series {
		table.Head = append(table.Head, sr.Name)
	}
	for j, w := range weeks {
		row := []string{w}
		for _, sr := range lines.Series {
			if v := sr.Values[j]; math.IsNaN(v) {
				row = append(row, chart.NoValue)
			} else {
				row = append(row, fmt.Sprintf("%.1f", v))
			}
		}
		table.Rows = append(table.Rows, row)
	}
	d.Ratings = progressChart{ID: lines.ID, SVG: lines.SVG(), Table: table}

	// 2. Answers per week. Ten-character dates do not fit under twelve
	// columns, so the weeks are rows.
	bars := chart.Bars{ID: "progress-weekly", Title: p.T("progress.weekly.title"),
		Desc: p.T("progress.weekly.desc", len(pr.Weeks), inWindow), Labels: weeks, Values: counts,
		Horizontal: true, ValueFormat: "%.0f", LabelHead: p.T("progress.week"), ValueHead: p.T("progress.weekly.value"),
		Empty: p.T("progress.nodata")}
	d.Weekly = progressChart{ID: bars.ID, SVG: bars.SVG(), Table: bars.Table()}

	// 3. Coverage of the bank (coach-written questions are not in it).
	cov := practice.CoverageOf(s.bank(), pr.Practised)
	d.Coverage = p.T("progress.coverage.summary", cov.Total, cov.Done, practice.Share(cov.Done, cov.Total))
	d.Complete = cov.Complete()
	var cats, skills []string
	for _, t := range s.lib.Categories {
		cats = append(cats, t.ID)
	}
	for _, t := range s.lib.Skills {
		skills = append(skills, t.ID)
	}
	d.Category = progressCoverage(p, "progress-categories", p.T("progress.coverage.cat.title"), p.T("progress.coverage.cat.desc"),
		p.T("progress.coverage.category"), cats, p.CategoryName, cov.Category)
	d.Skill = progressCoverage(p, "progress-skills", p.T("progress.coverage.skill.title"), p.T("progress.coverage.skill.desc"),
		p.T("progress.coverage.skill"), skills, p.SkillName, cov.Skill)
	// Suggest the categories with the lowest share practised.
	for _, id := range cov.Next(cats, 2) {
		d.Next = append(d.Next, progressTerm{ID: id, Name: p.CategoryName(id)})
	}
	return d
}

// progressCoverage charts the share practised of each of terms (in their
// order, leaving out those no question uses), with its table.
func progressCoverage(p *Page, id, title, desc, head string, terms []string, name func(string) string, m map[string]practice.Tally) progressChart {
	b := chart.Bars{ID: id, Title: title, Desc: desc, Max: 100, Horizontal: true, ValueFormat: "%.0f%%",
		LabelHead: head, ValueHead: p.T("progress.coverage.share"), Empty: p.T("progress.nodata")}
	t := chart.Table{Caption: title, Head: []string{head, p.T("progress.coverage.practised"),
		p.T("progress.coverage.questions"), p.T("progress.coverage.share")}}
	for _, term := range terms {
		x := m[term]
		if x.Total == 0 {
			continue // a term no question uses
		}
		pct := x.Percent()
		b.Labels = append(b.Labels, name(term))
		b.Values = append(b.Values, pct)
		t.Rows = append(t.Rows, []string{name(term), strconv.Itoa(x.Done), strconv.Itoa(x.Total), fmt.Sprintf("%.0f%%", pct)})
	}
	return progressChart{ID: id, SVG: b.SVG(), Table: t}
}

// progressTime formats a total of seconds: "1 min 35 s", or hours and
// minutes once it reaches an hour.
func progressTime(p *Page, secs int) string {
	if secs < 3600 {
		return p.Seconds(secs)
	}
	return p.T("progress.time.hm", secs/3600, secs%3600/60)
}

// progressTrend says how the weekly overall average moved from the first
// week with answers to the last, or "" without any.
func progressTrend(p *Page, weeks []store.WeekStat) string {
	counts := make([]int, len(weeks))
	for i, w := range weeks {
		counts[i] = w.Count
	}
	switch tr := practice.TrendOf(counts); {
	case tr.First < 0:
		return ""
	case tr.First == tr.Last:
		return p.T("progress.ratings.one", weeks[tr.Last].Start, weeks[tr.Last].Avg["overall"])
	default:
		return p.T("progress.ratings.trend", weeks[tr.First].Start, weeks[tr.First].Avg["overall"], weeks[tr.Last].Start, weeks[tr.Last].Avg["overall"])
	}
}
