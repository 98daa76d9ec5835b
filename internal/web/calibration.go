package web

import (
	"html/template"
	"math"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/chart"
	"github.com/aeprep/aeprep/internal/coach"
	"github.com/aeprep/aeprep/internal/i18n"
)

// calibrationView is a calibration ready to show: the rows, a chart and
// one line that a person can act on (see coach.Read).
type calibrationView struct {
	Rows    []coach.Calibration
	N       int
	Reading string
	Chart   template.HTML
}

// calibrationView reads a calibration to the candidate (self) or to their
// coach; id names the chart's elements.
func (s *Server) calibrationView(c echo.Context, cal []coach.Calibration, self bool, id string) calibrationView {
	v := calibrationView{Rows: cal}
	r, ok := coach.Read(cal)
	if !ok {
		return v
	}
	v.N = cal[0].N
	lang := langOf(c)
	who := "coach"
	if self {
		who = "self"
	}
	name := i18n.T(lang, "rubric."+r.Criterion+".name")
	switch r.Verdict {
	case coach.Aligned:
		v.Reading = i18n.T(lang, "cal.aligned."+who)
	case coach.Higher:
		v.Reading = i18n.T(lang, "cal.higher."+who, name, r.By)
	default:
		v.Reading = i18n.T(lang, "cal.lower."+who, name, r.By)
	}
	v.Chart = calibrationChart(lang, cal, id)
	return v
}

// calibrationChart draws self against coach ratings per criterion.
func calibrationChart(lang string, cal []coach.Calibration, id string) template.HTML {
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
