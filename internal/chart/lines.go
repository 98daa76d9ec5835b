package chart

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// Lines is a multi-series line chart over ordered x labels, such as weekly
// average ratings.
//
// Each series is drawn as a line with point markers; a NaN (or infinite) value
// leaves a gap. Series are told apart by colour (their Class), by marker shape
// (circle, square, triangle, diamond, cycled) and by dash pattern (solid,
// dashed, dotted, cycled), and a legend names them when any series has a Name.
//
// CSS classes: svg "chart chart-lines"; "grid", "axis", "tick" (axis labels),
// "x-label", "series" plus the series Class on each series group (lines and
// markers use currentColor, so setting color on the class colours both);
// "pt" and "pt-circle|pt-square|pt-triangle|pt-diamond" on markers; "legend",
// "legend-label".
type Lines struct {
	// ID must be unique on the page; it prefixes the ids in the SVG.
	ID string
	// Title names the chart (the SVG <title> and the Table caption).
	Title string
	// Desc is a short description or summary for screen readers (<desc>).
	// When empty, no <desc> is written and aria-labelledby names the title only.
	Desc string
	// XLabels label the points along the x axis, in order. When there are
	// more values than labels, the extra points get blank labels.
	XLabels []string
	// Series are the lines to draw.
	Series []Series
	// YMin and YMax fix the y range (for example 1 and 5 for ratings) when
	// YMax > YMin; otherwise the range is chosen from the data. Values outside
	// a fixed range are drawn at its edge.
	YMin, YMax float64
	// YTicks are the y values to label and grid; empty means automatic.
	YTicks []float64
	// LabelHead is the header of the x-label column in Table (may be empty).
	LabelHead string
	// Empty is the message shown when there is no finite value to plot;
	// DefaultEmpty when blank.
	Empty string
}

// Series is one line of a Lines chart.
type Series struct {
	// Name is shown in the legend and as a Table column header.
	Name string
	// Values holds one value per x label; NaN means no data.
	Values []float64
	// Class is the CSS class that colours the series, e.g. "s1".."s6".
	// When empty, "s1".."s6" is used by position.
	Class string
}

// seriesClass returns the sanitized class of series i.
func seriesClass(s Series, i int) string {
	if c := sanitizeClass(s.Class); c != "" {
		return c
	}
	return fmt.Sprintf("s%d", i%6+1)
}

// points returns the number of x positions.
func (x Lines) points() int {
	n := len(x.XLabels)
	for _, s := range x.Series {
		n = max(n, len(s.Values))
	}
	return n
}

// Table returns the chart's numbers: one row per x label, one column per
// series. Missing values are NoValue.
func (x Lines) Table() Table {
	t := Table{Caption: x.Title, Head: []string{x.LabelHead}}
	for _, s := range x.Series {
		t.Head = append(t.Head, s.Name)
	}
	n := x.points()
	for i := 0; i < n; i++ {
		row := []string{str(x.XLabels, i)}
		for _, s := range x.Series {
			v := math.NaN()
			if i < len(s.Values) {
				v = s.Values[i]
			}
			row = append(row, num(v))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// SVG renders the chart as an inline SVG.
func (x Lines) SVG() template.HTML {
	n := x.points()
	lo, hi, any := math.Inf(1), math.Inf(-1), false
	for _, s := range x.Series {
		for i := range s.Values {
			if v := at(s.Values, i); !math.IsNaN(v) {
				lo, hi, any = math.Min(lo, v), math.Max(hi, v), true
			}
		}
	}
	if !any || n == 0 {
		return empty("lines", x.ID, x.Title, x.Desc, x.Empty)
	}

	// Y range and ticks.
	var d0, d1 float64
	var ticks []float64
	var tickText []string
	if finite(x.YMin) && finite(x.YMax) && x.YMax > x.YMin {
		d0, d1 = clamp(x.YMin, -limit, limit), clamp(x.YMax, -limit, limit)
	}
	auto := !(d1 > d0)
	var step float64
	if auto {
		d0, d1, step = autoRange(lo, hi, false)
	} else {
		step = niceStep(d1-d0, 4)
	}
	for _, t := range x.YTicks {
		if finite(t) && t >= d0 && t <= d1 {
			ticks = append(ticks, t)
			tickText = append(tickText, num(t))
		}
	}
	if len(ticks) == 0 {
		ticks = ticksIn(d0, d1, step)
		for _, t := range ticks {
			tickText = append(tickText, tickLabel(t, step))
		}
	}

	// Horizontal layout: y labels on the left, x labels centred on bands.
	labels := make([]string, n)
	for i := range labels {
		labels[i] = truncate(str(x.XLabels, i), 120, fontSize)
	}
	left := math.Max(maxWidth(tickText, tickFont)+14, 28)
	right := 14.0
	var band float64
	var k int
	for pass := 0; pass < 2; pass++ {
		band = (viewW - left - right) / float64(n)
		k = thin(maxWidth(labels, fontSize), band)
		// Keep the first and last shown labels inside the viewBox.
		if w := textWidth(labels[0], fontSize); band/2+left-w/2 < 4 {
			left = w/2 - band/2 + 4
		}
		last := ((n - 1) / k) * k
		if w := textWidth(labels[last], fontSize); (viewW-right)-band*(float64(n-last)-0.5)+w/2 > viewW-4 {
			right = math.Max(right, w/2-band*(float64(n-last)-0.5)+4)
		}
	}
	const top, plotH = 12.0, 210.0
	bottom := top + plotH
	ys := scale{d0, d1, bottom, top}
	xAt := func(i int) float64 { return left + band*(float64(i)+0.5) }

	// Legend below the x labels.
	var items []legendItem
	named := false
	for _, s := range x.Series {
		named = named || strings.TrimSpace(s.Name) != ""
	}
	if named {
		for i, s := range x.Series {
			cls := seriesClass(s, i)
			shape, dash := markerShapes[i%len(markerShapes)], dashPatterns[i%len(dashPatterns)]
			items = append(items, legendItem{text: s.Name, sw: 34, swatch: func(c *canvas, x, y float64) {
				fmt.Fprintf(c, `<g class="series %s">`, cls)
				c.path(fmt.Sprintf("M%s %sH%s", f(x), f(y), f(x+34)), dash)
				c.marker(shape, x+17, y, 4.5, "")
				c.WriteString(`</g>`)
			}})
		}
	}
	legendTop := bottom + 46
	xs, rows, nrows := layoutLegend(items, 10, viewW-20)
	h := bottom + 32
	if nrows > 0 {
		h = legendTop + float64(nrows-1)*legendRow + 16
	}

	var c canvas
	c.open("lines", x.ID, x.Title, x.Desc, viewW, h)

	// Grid and y labels.
	for i, t := range ticks {
		y := ys.at(t)
		c.line(left, y, viewW-right, y, "grid")
		c.text(left-8, y+4, tickFont, "end", "tick", tickText[i], "")
	}
	c.line(left, top, left, bottom, "axis")
	c.line(left, bottom, viewW-right, bottom, "axis")
	for i := 0; i < n; i += k {
		c.line(xAt(i), bottom, xAt(i), bottom+4, "axis")
		c.text(xAt(i), bottom+20, fontSize, "middle", "x-label", labels[i], "")
	}

	// Series: line segments between consecutive values, markers on values.
	for si, s := range x.Series {
		cls := seriesClass(s, si)
		shape, dash := markerShapes[si%len(markerShapes)], dashPatterns[si%len(dashPatterns)]
		fmt.Fprintf(&c, `<g class="series %s">`, cls)
		var d strings.Builder
		run := 0
		for i := 0; i < n; i++ {
			v := at(s.Values, i)
			if math.IsNaN(v) {
				run = 0
				continue
			}
			cmd := "L"
			if run == 0 {
				cmd = "M"
			}
			fmt.Fprintf(&d, "%s%s %s", cmd, f(xAt(i)), f(ys.at(v)))
			run++
		}
		if strings.Contains(d.String(), "L") {
			c.path(d.String(), dash)
		}
		for i := 0; i < n; i++ {
			if v := at(s.Values, i); !math.IsNaN(v) {
				c.marker(shape, xAt(i), ys.at(v), 4.5, "")
			}
		}
		c.WriteString(`</g>`)
	}

	if nrows > 0 {
		c.drawLegend(items, xs, rows, legendTop)
	}
	return c.close()
}

// path writes a series line with the given dash pattern ("" for solid).
func (c *canvas) path(d, dash string) {
	fmt.Fprintf(c, `<path d="%s" class="line" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"`, d)
	if dash != "" {
		fmt.Fprintf(c, ` stroke-dasharray="%s"`, dash)
	}
	c.WriteString(`/>`)
}
