// Package chart renders small, accessible charts as inline SVG on the server.
//
// Every chart is a plain value (Lines, Bars, Gap, Heat) with two methods:
// SVG returns a template.HTML holding one inline <svg role="img"> whose
// aria-labelledby points at a <title> and <desc> inside it, and Table returns
// the same numbers as a Table so that the page can show them beside the chart.
//
// The output is made for a strict Content-Security-Policy: it never carries a
// style attribute, a <style> element or a script. Shapes are coloured through
// CSS classes (see the class names in each type's documentation) and fall back
// to currentColor, so a chart stays legible without the stylesheet. Series are
// also told apart by marker shape and dash pattern, heat-map cells carry their
// number, and bars carry their value, so nothing depends on colour alone.
//
// All text taken from a spec (titles, labels, names) is escaped with
// html.EscapeString after characters that XML forbids have been dropped, so
// the SVG is well-formed XML as well as safe HTML. Table strings are plain
// text: html/template escapes them when the page renders them.
//
// The viewBox is about 400 units wide and the SVG has width="100%", so it
// scales with its container; text is at least 13 units high: on a 360 px
// phone, where a chart gets about 330 px, that is 11 px or more. (At 600
// units wide it was 7 px.)
package chart

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Table is the data behind a chart, for rendering as an HTML table next to it.
// Its strings are plain text (not HTML).
type Table struct {
	Caption string
	Head    []string
	Rows    [][]string
}

// NoValue is what Table and the charts print for a missing (NaN or infinite)
// value.
const NoValue = "—"

// DefaultEmpty is the message shown when a spec's Empty field is blank and the
// chart has no data.
const DefaultEmpty = "No data"

const (
	viewW     = 400.0 // width of the viewBox of most charts
	fontSize  = 14.0  // labels, legends, values
	tickFont  = 13.0  // axis tick labels
	limit     = 1e300 // values are clamped to ±limit before any arithmetic
	legendRow = 24.0  // height of one legend row
)

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func clamp(v, lo, hi float64) float64 {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// at returns vs[i], or NaN when i is out of range or the value is not finite.
func at(vs []float64, i int) float64 {
	if i < 0 || i >= len(vs) || !finite(vs[i]) {
		return math.NaN()
	}
	return clamp(vs[i], -limit, limit)
}

// str returns ss[i], or "" when i is out of range.
func str(ss []string, i int) string {
	if i < 0 || i >= len(ss) {
		return ""
	}
	return ss[i]
}

// clean drops what XML 1.0 forbids (control characters, invalid UTF-8,
// U+FFFE/U+FFFF) and turns tabs and line breaks into spaces.
func clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case r < 0x20, r == 0xFFFE, r == 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
			return -1
		}
		return r
	}, s)
}

// esc makes user text safe for SVG text content inside HTML (and XML).
func esc(s string) string { return html.EscapeString(clean(s)) }

// sanitizeID keeps ASCII letters, digits, '-' and '_' and replaces anything
// else with '-'. An empty id becomes "chart".
func sanitizeID(id string) string {
	var b strings.Builder
	for _, r := range id {
		if r < utf8.RuneSelf && (r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	if b.Len() == 0 {
		return "chart"
	}
	return b.String()
}

// sanitizeClass keeps the class tokens of s made of ASCII letters, digits,
// '-' and '_'.
func sanitizeClass(s string) string {
	var out []string
	for _, f := range strings.Fields(s) {
		ok := true
		for _, r := range f {
			if r >= utf8.RuneSelf || !(r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, f)
		}
	}
	return strings.Join(out, " ")
}

// f formats a coordinate with at most two decimals. It never prints NaN or Inf.
func f(v float64) string {
	if !finite(v) {
		return "0"
	}
	v = math.Round(v*100) / 100
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// num formats a data value for people: up to two decimals, exponent notation
// for very large or very small magnitudes, NoValue when it is not finite.
func num(v float64) string {
	if !finite(v) {
		return NoValue
	}
	a := math.Abs(v)
	if a >= 1e9 || (a < 0.01 && a != 0) {
		return strconv.FormatFloat(v, 'g', 3, 64)
	}
	r := math.Round(v*100) / 100
	if r == 0 {
		r = 0
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// formatValue formats v with the fmt verb format, or with num when format is
// empty. Missing values give NoValue.
func formatValue(format string, v float64) string {
	if !finite(v) {
		return NoValue
	}
	if format == "" {
		return num(v)
	}
	return fmt.Sprintf(format, v)
}

// signed formats a difference with an explicit sign ("+1", "-0.5", "0").
func signed(d float64) string {
	if !finite(d) {
		return NoValue
	}
	s := num(d)
	if s == "0" || strings.HasPrefix(s, "-") {
		return s
	}
	return "+" + s
}

// textWidth estimates the rendered width of s in viewBox units for a
// proportional sans-serif font of the given size. It errs on the wide side.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r >= 0x1100 && (r <= 0x115F || (r >= 0x2E80 && r <= 0xA4CF) ||
			(r >= 0xAC00 && r <= 0xD7A3) || (r >= 0xF900 && r <= 0xFAFF) ||
			(r >= 0xFE30 && r <= 0xFE4F) || (r >= 0xFF00 && r <= 0xFF60) ||
			(r >= 0xFFE0 && r <= 0xFFE6) || r >= 0x1F300):
			w += 1.0 // wide: CJK, full-width, emoji
		case strings.ContainsRune("iljtfrI.,:;|!'()[]{} ", r):
			w += 0.36
		case r == 'm' || r == 'w' || r == 'M' || r == 'W' || r == '@' || r == '%':
			w += 0.9
		case unicode.IsUpper(r):
			w += 0.7
		default:
			w += 0.6
		}
	}
	return w * size
}

// truncate shortens s with an ellipsis so that it fits in maxW.
func truncate(s string, maxW, size float64) string {
	s = clean(s)
	if textWidth(s, size) <= maxW {
		return s
	}
	// Keep the longest prefix that fits with the ellipsis (linear in len(s)).
	room := maxW - textWidth("…", size)
	w, end := 0.0, 0
	for i, r := range s {
		w += textWidth(string(r), size)
		if w > room {
			break
		}
		end = i + utf8.RuneLen(r)
	}
	if t := strings.TrimRight(s[:end], " "); t != "" {
		return t + "…"
	}
	return "…"
}

// maxWidth is the widest textWidth among ss.
func maxWidth(ss []string, size float64) float64 {
	w := 0.0
	for _, s := range ss {
		w = math.Max(w, textWidth(s, size))
	}
	return w
}

// niceStep returns a step of 1, 2 or 5 times a power of ten that cuts span
// into about target intervals.
func niceStep(span float64, target int) float64 {
	if !finite(span) || span <= 0 {
		return 1
	}
	raw := span / float64(target)
	base := math.Pow(10, math.Floor(math.Log10(raw)))
	if base == 0 || !finite(base) {
		return 1
	}
	switch fr := raw / base; {
	case fr <= 1:
		return base
	case fr <= 2:
		return 2 * base
	case fr <= 5:
		return 5 * base
	default:
		return 10 * base
	}
}

// ticksIn lists the multiples of step within [d0, d1] (at most 50).
func ticksIn(d0, d1, step float64) []float64 {
	if !finite(step) || step <= 0 || !finite(d0) || !finite(d1) {
		return nil
	}
	var ts []float64
	start := math.Ceil(d0/step-1e-9) * step
	for i := 0; i < 50; i++ {
		t := start + float64(i)*step
		if t > d1+step*1e-9 {
			break
		}
		if r := math.Round(t/step) * step; finite(r) {
			t = r
		}
		if t == 0 {
			t = 0
		}
		ts = append(ts, t)
	}
	return ts
}

// autoRange extends [lo, hi] to round numbers and returns it with its ticks.
// With zero, the range always includes 0.
func autoRange(lo, hi float64, zero bool) (d0, d1, step float64) {
	if !finite(lo) || !finite(hi) {
		lo, hi = 0, 1
	}
	lo, hi = clamp(lo, -limit, limit), clamp(hi, -limit, limit)
	if lo > hi {
		lo, hi = hi, lo
	}
	if zero {
		lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	}
	if span := hi - lo; span < 1e-9 || span <= math.Max(math.Abs(lo), math.Abs(hi))*1e-9 {
		if zero {
			lo, hi = 0, 1 // only when every value is 0
		} else {
			pad := math.Max(math.Abs(hi)*0.1, 1)
			lo, hi = lo-pad, hi+pad
		}
	}
	step = niceStep(hi-lo, 4)
	d0 = math.Floor(lo/step) * step
	d1 = math.Ceil(hi/step) * step
	if !(d1 > d0) {
		d0, d1 = lo, hi
	}
	return d0, d1, step
}

// tickLabel formats a tick value with as many decimals as step needs.
func tickLabel(t, step float64) string {
	a := math.Abs(t)
	if a >= 1e9 || step < 1e-6 {
		return strconv.FormatFloat(t, 'g', 4, 64)
	}
	dec := 0
	if step < 1 {
		dec = int(math.Ceil(-math.Log10(step) - 1e-9))
	}
	s := strconv.FormatFloat(t, 'f', dec, 64)
	if s == "-0" {
		s = "0"
	}
	return s
}

// scale maps the data interval [d0, d1] onto [r0, r1], clamping outside values.
type scale struct{ d0, d1, r0, r1 float64 }

func (s scale) at(v float64) float64 {
	lo, hi := math.Min(s.d0, s.d1), math.Max(s.d0, s.d1)
	v = clamp(v, lo, hi)
	den := s.d1/2 - s.d0/2
	if den == 0 || !finite(den) {
		return s.r0
	}
	t := (v/2 - s.d0/2) / den
	return s.r0 + t*(s.r1-s.r0)
}

// canvas accumulates SVG markup.
type canvas struct {
	strings.Builder
}

// open writes the <svg> start tag with its <title> and <desc>.
func (c *canvas) open(kind, id, title, desc string, w, h float64) {
	id = sanitizeID(id)
	labelled := id + "-title"
	if desc != "" {
		labelled += " " + id + "-desc"
	}
	fmt.Fprintf(c, `<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-%s" role="img" aria-labelledby="%s" width="100%%" viewBox="0 0 %s %s" preserveAspectRatio="xMidYMid meet">`,
		kind, labelled, f(w), f(h))
	fmt.Fprintf(c, `<title id="%s-title">%s</title>`, id, esc(title))
	if desc != "" {
		fmt.Fprintf(c, `<desc id="%s-desc">%s</desc>`, id, esc(desc))
	}
}

func (c *canvas) close() template.HTML {
	c.WriteString(`</svg>`)
	return template.HTML(c.String()) //nolint:gosec // every piece of text is escaped with esc
}

// text writes a <text> element; s is raw text and gets escaped here.
// anchor is "start", "middle" or "end"; extra is optional raw attributes.
func (c *canvas) text(x, y, size float64, anchor, class, s, extra string) {
	fmt.Fprintf(c, `<text x="%s" y="%s" font-size="%s" text-anchor="%s" fill="currentColor"`, f(x), f(y), f(size), anchor)
	if class != "" {
		fmt.Fprintf(c, ` class="%s"`, class)
	}
	if extra != "" {
		c.WriteString(" " + extra)
	}
	fmt.Fprintf(c, `>%s</text>`, esc(s))
}

// line draws a grid line (class "grid") or an axis line (class "axis").
func (c *canvas) line(x1, y1, x2, y2 float64, class string) {
	switch class {
	case "grid":
		fmt.Fprintf(c, `<line x1="%s" y1="%s" x2="%s" y2="%s" class="grid" stroke="currentColor" stroke-opacity="0.15" stroke-width="1"/>`, f(x1), f(y1), f(x2), f(y2))
	default:
		fmt.Fprintf(c, `<line x1="%s" y1="%s" x2="%s" y2="%s" class="%s" stroke="currentColor" stroke-width="1"/>`, f(x1), f(y1), f(x2), f(y2), class)
	}
}

// empty renders the "no data" chart.
func empty(kind, id, title, desc, msg string) template.HTML {
	if strings.TrimSpace(msg) == "" {
		msg = DefaultEmpty
	}
	var c canvas
	const h = 120.0
	c.open(kind, id, title, desc, viewW, h)
	fmt.Fprintf(&c, `<rect x="1" y="1" width="%s" height="%s" rx="8" class="empty-frame" fill="none" stroke="currentColor" stroke-opacity="0.2" stroke-dasharray="6 4"/>`, f(viewW-2), f(h-2))
	c.text(viewW/2, h/2+5, 15, "middle", "empty", truncate(msg, viewW-40, 15), "")
	return c.close()
}

// Marker shapes, cycled over the series of a Lines chart.
var markerShapes = []string{"circle", "square", "triangle", "diamond"}

// Dash patterns, cycled over the series of a Lines chart (3 patterns and 4
// shapes give 12 distinct combinations).
var dashPatterns = []string{"", "8 7", "0.5 6"}

// marker writes a point marker of the given shape centred on (x, y).
func (c *canvas) marker(shape string, x, y, r float64, class string) {
	cls := "pt pt-" + shape
	if class != "" {
		cls += " " + class
	}
	switch shape {
	case "square":
		s := r * 0.9
		fmt.Fprintf(c, `<rect x="%s" y="%s" width="%s" height="%s" class="%s" fill="currentColor"/>`, f(x-s), f(y-s), f(2*s), f(2*s), cls)
	case "triangle":
		s := r * 1.25
		fmt.Fprintf(c, `<path d="M%s %sL%s %sL%s %sZ" class="%s" fill="currentColor"/>`,
			f(x), f(y-s), f(x+s), f(y+s*0.75), f(x-s), f(y+s*0.75), cls)
	case "diamond":
		s := r * 1.3
		fmt.Fprintf(c, `<path d="M%s %sL%s %sL%s %sL%s %sZ" class="%s" fill="currentColor"/>`,
			f(x), f(y-s), f(x+s), f(y), f(x), f(y+s), f(x-s), f(y), cls)
	default:
		fmt.Fprintf(c, `<circle cx="%s" cy="%s" r="%s" class="%s" fill="currentColor"/>`, f(x), f(y), f(r), cls)
	}
}

// legendItem is one entry of a legend: a swatch drawn at (x, y-centre) that is
// sw wide (0 for none), then a text.
type legendItem struct {
	text   string
	sw     float64
	swatch func(c *canvas, x, y float64)
}

// layoutLegend places items in rows within [x0, x0+maxW]. It returns the x of
// each item, its row, and the number of rows.
func layoutLegend(items []legendItem, x0, maxW float64) (xs []float64, rows []int, n int) {
	x, row := x0, 0
	for i := range items {
		it := &items[i]
		tw := maxW - it.sw - 8
		it.text = truncate(it.text, tw, fontSize)
		w := it.sw + textWidth(it.text, fontSize)
		if it.sw > 0 {
			w += 6
		}
		if x > x0 && x+w > x0+maxW {
			x, row = x0, row+1
		}
		xs = append(xs, x)
		rows = append(rows, row)
		x += w + 20
	}
	if len(items) == 0 {
		return nil, nil, 0
	}
	return xs, rows, row + 1
}

// drawLegend draws laid-out items; y0 is the vertical centre of the first row.
func (c *canvas) drawLegend(items []legendItem, xs []float64, rows []int, y0 float64) {
	c.WriteString(`<g class="legend">`)
	for i, it := range items {
		y := y0 + float64(rows[i])*legendRow
		x := xs[i]
		if it.sw > 0 && it.swatch != nil {
			it.swatch(c, x, y)
			x += it.sw + 6
		}
		c.text(x, y+5, fontSize, "start", "legend-label", it.text, "")
	}
	c.WriteString(`</g>`)
}

// thin returns k such that showing every k-th label, each at most w wide, of
// labels spaced gap apart leaves no overlaps.
func thin(w, gap float64) int {
	if gap <= 0 {
		return 1
	}
	k := int(math.Ceil((w + 8) / gap))
	if k < 1 {
		k = 1
	}
	return k
}
