package chart

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// Gap is a calibration (dumbbell) chart: for each category it places value A
// (a circle) and value B (a smaller diamond) on one scale, joins them with a
// line and prints the gap A − B at the right, e.g. self-rating vs coach rating
// on 1..5. A positive gap means A is higher than B.
//
// A NaN (or infinite) value draws no marker; the gap then prints NoValue.
//
// CSS classes: svg "chart chart-gap"; "grid", "axis", "tick", "gap-label"
// (category names), "gap-line" (connector), "pt pt-circle bar-a" and
// "pt pt-diamond bar-b" on the markers (fill is currentColor, so colour them
// with color or fill), "gap-value" plus "gap-pos", "gap-neg" or "gap-zero" on
// the printed gap, "gap-head", "legend", "legend-label".
type Gap struct {
	// ID must be unique on the page; it prefixes the ids in the SVG.
	ID string
	// Title names the chart (the SVG <title> and the Table caption).
	Title string
	// Desc is a short description for screen readers (<desc>); optional.
	Desc string
	// Labels name the categories, in order.
	Labels []string
	// A and B hold one value per label; NaN means none.
	A, B []float64
	// AName and BName name the two values in the legend and Table.
	AName, BName string
	// Min and Max fix the scale when Max > Min. Otherwise it is 1..5 when
	// every value lies there, and chosen from the data when not.
	Min, Max float64
	// LabelHead is the header of the label column in Table (may be empty).
	LabelHead string
	// Empty is the message shown when there is no finite value; DefaultEmpty
	// when blank.
	Empty string
}

func (x Gap) count() int { return max(len(x.Labels), len(x.A), len(x.B)) }

// gapHead is the Table header of the gap column.
func (x Gap) gapHead() string {
	a, b := x.AName, x.BName
	if a == "" {
		a = "A"
	}
	if b == "" {
		b = "B"
	}
	return a + " − " + b
}

// Table returns one row per category: label, A, B and the gap A − B.
func (x Gap) Table() Table {
	t := Table{Caption: x.Title, Head: []string{x.LabelHead, x.AName, x.BName, x.gapHead()}}
	for i := 0; i < x.count(); i++ {
		a, b := at(x.A, i), at(x.B, i)
		t.Rows = append(t.Rows, []string{str(x.Labels, i), num(a), num(b), signed(a - b)})
	}
	return t
}

// SVG renders the chart as an inline SVG.
func (x Gap) SVG() template.HTML {
	n := x.count()
	lo, hi, any := math.Inf(1), math.Inf(-1), false
	for i := 0; i < n; i++ {
		for _, v := range []float64{at(x.A, i), at(x.B, i)} {
			if !math.IsNaN(v) {
				lo, hi, any = math.Min(lo, v), math.Max(hi, v), true
			}
		}
	}
	if !any {
		return empty("gap", x.ID, x.Title, x.Desc, x.Empty)
	}
	var d0, d1, step float64
	switch {
	case finite(x.Min) && finite(x.Max) && x.Max > x.Min:
		d0, d1 = clamp(x.Min, -limit, limit), clamp(x.Max, -limit, limit)
		step = niceStep(d1-d0, 4)
	case lo >= 1 && hi <= 5:
		d0, d1, step = 1, 5, 1
	default:
		d0, d1, step = autoRange(lo, hi, false)
	}
	ticks := ticksIn(d0, d1, step)

	// Legend on top: A, B and what the gap means.
	aName, bName := x.AName, x.BName
	if aName == "" {
		aName = "A"
	}
	if bName == "" {
		bName = "B"
	}
	items := []legendItem{
		{text: aName, sw: 16, swatch: func(c *canvas, px, y float64) { c.marker("circle", px+8, y, 7.5, "bar-a") }},
		{text: bName, sw: 16, swatch: func(c *canvas, px, y float64) { c.marker("diamond", px+8, y, 4.6, "bar-b") }},
		{text: "Δ = " + x.gapHead()},
	}
	const gapCol = 64.0
	lxs, lrows, nrows := layoutLegend(items, 10, viewW-20)
	top := 14 + float64(nrows)*legendRow + 10

	labels := make([]string, n)
	for i := range labels {
		labels[i] = truncate(str(x.Labels, i), 200, fontSize)
	}
	left := math.Max(maxWidth(labels, fontSize)+18, 24)
	right := viewW - gapCol - 18
	const rowH = 34.0
	bottom := top + rowH*float64(n)
	h := bottom + 30
	xs := scale{d0, d1, left + 8, right - 8}

	var c canvas
	c.open("gap", x.ID, x.Title, x.Desc, viewW, h)
	c.drawLegend(items, lxs, lrows, 14)

	stepText := make([]string, len(ticks))
	for i, t := range ticks {
		stepText[i] = tickLabel(t, step)
	}
	gapW := 0.0
	if len(ticks) > 1 {
		gapW = xs.at(ticks[1]) - xs.at(ticks[0])
	}
	k := thin(maxWidth(stepText, tickFont), gapW)
	for i, t := range ticks {
		px := xs.at(t)
		c.line(px, top, px, bottom, "grid")
		if i%k == 0 {
			c.text(px, bottom+18, tickFont, "middle", "tick", stepText[i], "")
		}
	}
	c.line(left, bottom, right, bottom, "axis")
	c.text(viewW-10-gapCol/2, top-6, fontSize, "middle", "gap-head", "Δ", `font-weight="600"`)

	for i := 0; i < n; i++ {
		cy := top + rowH*(float64(i)+0.5)
		a, b := at(x.A, i), at(x.B, i)
		c.text(left-10, cy+5, fontSize, "end", "gap-label", labels[i], "")
		if !math.IsNaN(a) && !math.IsNaN(b) {
			fmt.Fprintf(&c, `<line x1="%s" y1="%s" x2="%s" y2="%s" class="gap-line" stroke="currentColor" stroke-opacity="0.45" stroke-width="4" stroke-linecap="round"/>`,
				f(xs.at(a)), f(cy), f(xs.at(b)), f(cy))
		}
		if !math.IsNaN(a) {
			c.marker("circle", xs.at(a), cy, 7.5, "bar-a")
		}
		if !math.IsNaN(b) {
			c.marker("diamond", xs.at(b), cy, 4.6, "bar-b")
		}
		d := a - b
		cls := "gap-value"
		switch {
		case math.IsNaN(d):
		case d > 0:
			cls += " gap-pos"
		case d < 0:
			cls += " gap-neg"
		default:
			cls += " gap-zero"
		}
		txt := signed(d)
		if strings.HasPrefix(txt, "-") {
			txt = "−" + txt[1:] // a real minus sign, as wide as the plus
		}
		c.text(viewW-10-gapCol/2, cy+5, fontSize, "middle", cls, truncate(txt, gapCol, fontSize), `font-weight="600"`)
	}
	return c.close()
}
