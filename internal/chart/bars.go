package chart

import (
	"fmt"
	"html/template"
	"math"
)

// Bars is a bar chart with one bar per label and the value printed at the end
// of each bar.
//
// Vertical bars fall back to the horizontal layout when their labels or values
// would not fit side by side, so the chart stays readable on a phone. A NaN
// (or infinite) value draws no bar and prints NoValue. Negative values grow
// the other way from the zero line.
//
// CSS classes: svg "chart chart-bars" (plus "chart-bars-horizontal" when laid
// out as rows); "grid", "axis", "tick", "bar" (fill
// falls back to currentColor), "bar-value", "bar-label".
type Bars struct {
	// ID must be unique on the page; it prefixes the ids in the SVG.
	ID string
	// Title names the chart (the SVG <title> and the Table caption).
	Title string
	// Desc is a short description for screen readers (<desc>); optional.
	Desc string
	// Labels name the bars, in order.
	Labels []string
	// Values holds one value per label; NaN means no data.
	Values []float64
	// Max fixes the end of the value axis (for example 100 for percentages);
	// 0 means automatic. Larger values are drawn at Max.
	Max float64
	// Horizontal lays the bars out as rows instead of columns.
	Horizontal bool
	// ValueFormat is the fmt verb for the printed values, e.g. "%.0f" or
	// "%.0f%%"; empty means up to two decimals.
	ValueFormat string
	// LabelHead and ValueHead are the Table headers (ValueHead defaults to
	// Title).
	LabelHead, ValueHead string
	// Empty is the message shown when there is no finite value; DefaultEmpty
	// when blank.
	Empty string
}

func (x Bars) count() int { return max(len(x.Labels), len(x.Values)) }

// Table returns one row per bar: label and formatted value.
func (x Bars) Table() Table {
	head := x.ValueHead
	if head == "" {
		head = x.Title
	}
	t := Table{Caption: x.Title, Head: []string{x.LabelHead, head}}
	for i := 0; i < x.count(); i++ {
		v := math.NaN()
		if i < len(x.Values) {
			v = x.Values[i]
		}
		t.Rows = append(t.Rows, []string{str(x.Labels, i), formatValue(x.ValueFormat, v)})
	}
	return t
}

// SVG renders the chart as an inline SVG.
func (x Bars) SVG() template.HTML {
	n := x.count()
	lo, hi, any := 0.0, 0.0, false
	for i := range x.Values {
		if v := at(x.Values, i); !math.IsNaN(v) {
			lo, hi, any = math.Min(lo, v), math.Max(hi, v), true
		}
	}
	if !any {
		return empty("bars", x.ID, x.Title, x.Desc, x.Empty)
	}
	var d0, d1, step float64
	if finite(x.Max) && x.Max > 0 {
		d1 = clamp(x.Max, 0, limit)
		step = niceStep(d1-lo, 4)
		if lo < 0 {
			d0 = math.Floor(lo/step) * step
		}
	} else {
		d0, d1, step = autoRange(lo, hi, true)
	}
	ticks := ticksIn(d0, d1, step)
	tickText := make([]string, len(ticks))
	for i, t := range ticks {
		tickText[i] = tickLabel(t, step)
	}

	vals := make([]float64, n)
	valText := make([]string, n)
	for i := range vals {
		vals[i] = at(x.Values, i)
		valText[i] = clean(formatValue(x.ValueFormat, vals[i]))
	}
	valW := maxWidth(valText, fontSize)

	if !x.Horizontal && n <= 24 {
		left := math.Max(maxWidth(tickText, tickFont)+14, 28)
		band := (viewW - left - 10) / float64(n)
		labels := make([]string, n)
		for i := range labels {
			labels[i] = truncate(str(x.Labels, i), 140, fontSize)
		}
		if maxWidth(labels, fontSize) <= band-6 && valW <= band-4 {
			return x.vertical(d0, d1, ticks, tickText, vals, valText, labels, left, band)
		}
	}
	return x.horizontal(d0, d1, ticks, tickText, vals, valText, valW)
}

func (x Bars) vertical(d0, d1 float64, ticks []float64, tickText []string, vals []float64, valText, labels []string, left, band float64) template.HTML {
	const top, plotH = 24.0, 210.0
	bottom := top + plotH
	h := bottom + 30
	ys := scale{d0, d1, bottom, top}
	right := viewW - 10
	var c canvas
	c.open("bars", x.ID, x.Title, x.Desc, viewW, h)
	for i, t := range ticks {
		y := ys.at(t)
		c.line(left, y, right, y, "grid")
		c.text(left-8, y+4, tickFont, "end", "tick", tickText[i], "")
	}
	zero := ys.at(0)
	barW := math.Min(band*0.7, 72)
	for i := range vals {
		cx := left + band*(float64(i)+0.5)
		v := vals[i]
		vy := zero - 6 // label above the zero line for NaN and negatives
		if !math.IsNaN(v) {
			y := ys.at(v)
			top, hgt := math.Min(y, zero), math.Abs(y-zero)
			if hgt > 0.01 {
				fmt.Fprintf(&c, `<rect x="%s" y="%s" width="%s" height="%s" class="bar" fill="currentColor"/>`, f(cx-barW/2), f(top), f(barW), f(hgt))
			}
			if v > 0 {
				vy = y - 6
			}
		}
		c.text(cx, vy, fontSize, "middle", "bar-value", valText[i], `font-weight="600"`)
		c.text(cx, bottom+20, fontSize, "middle", "bar-label", labels[i], "")
	}
	c.line(left, zero, right, zero, "axis")
	c.line(left, top, left, bottom, "axis")
	return c.close()
}

func (x Bars) horizontal(d0, d1 float64, ticks []float64, tickText []string, vals []float64, valText []string, valW float64) template.HTML {
	n := len(vals)
	for i := range valText {
		valText[i] = truncate(valText[i], 160, fontSize)
	}
	valW = math.Min(valW, 160)
	// Keep at least 150 units for the bars themselves.
	labelMax := math.Min(200, viewW-10-16-150-valW-14)
	labels := make([]string, n)
	for i := range labels {
		labels[i] = truncate(str(x.Labels, i), labelMax, fontSize)
	}
	const top, rowH, barH = 8.0, 30.0, 18.0
	left := maxWidth(labels, fontSize) + 16
	right := viewW - valW - 14
	xs := scale{d0, d1, left, right}
	zero := xs.at(0)
	bottom := top + rowH*float64(n)
	h := bottom + 30

	var c canvas
	c.open("bars chart-bars-horizontal", x.ID, x.Title, x.Desc, viewW, h)
	// Grid with thinned tick labels.
	tw := maxWidth(tickText, tickFont)
	gap := right - left
	if len(ticks) > 1 {
		gap = xs.at(ticks[1]) - xs.at(ticks[0])
	}
	k := thin(tw, gap)
	for i, t := range ticks {
		px := xs.at(t)
		c.line(px, top, px, bottom, "grid")
		if i%k == 0 {
			c.text(px, bottom+18, tickFont, "middle", "tick", tickText[i], "")
		}
	}
	for i, v := range vals {
		cy := top + rowH*(float64(i)+0.5)
		c.text(left-8, cy+5, fontSize, "end", "bar-label", labels[i], "")
		vx := zero + 6 // label right of the zero line for NaN and negatives
		if !math.IsNaN(v) {
			px := xs.at(v)
			l, w := math.Min(px, zero), math.Abs(px-zero)
			if w > 0.01 {
				fmt.Fprintf(&c, `<rect x="%s" y="%s" width="%s" height="%s" class="bar" fill="currentColor"/>`, f(l), f(cy-barH/2), f(w), f(barH))
			}
			if v > 0 {
				vx = px + 6
			}
		}
		c.text(vx, cy+5, fontSize, "start", "bar-value", valText[i], `font-weight="600"`)
	}
	c.line(zero, top, zero, bottom, "axis")
	return c.close()
}
