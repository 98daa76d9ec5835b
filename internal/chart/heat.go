package chart

import (
	"fmt"
	"html/template"
	"math"
)

// Heat is a heat-map grid of rows × columns. Each cell is shaded in one of
// five buckets and also prints its number, so it reads without colour:
//
//	heat0: value ≤ 0
//	heat1: 0 < value ≤ Max/4
//	heat2: Max/4 < value ≤ Max/2
//	heat3: Max/2 < value ≤ 3·Max/4
//	heat4: value > 3·Max/4
//
// A NaN (or infinite) cell is drawn as an outline ("heat-none") with NoValue.
// A legend under the grid gives the upper bound of each bucket.
//
// CSS classes: svg "chart chart-heat"; "heat0".."heat4" and "heat-none" on
// cells (fill falls back to translucent currentColor); "heat-num" plus
// "heat-num0".."heat-num4" on the printed numbers; "heat-row", "heat-col";
// "legend", "legend-label".
type Heat struct {
	// ID must be unique on the page; it prefixes the ids in the SVG.
	ID string
	// Title names the chart (the SVG <title> and the Table caption).
	Title string
	// Desc is a short description for screen readers (<desc>); optional.
	Desc string
	// Rows and Cols label the grid.
	Rows, Cols []string
	// Values[r][c] is the value of row r, column c; NaN means none.
	Values [][]float64
	// Max is the value of the darkest bucket; 0 means the largest value.
	Max float64
	// LabelHead is the header of the row-label column in Table (may be empty).
	LabelHead string
	// Empty is the message shown when there is no finite value; DefaultEmpty
	// when blank.
	Empty string
}

func (x Heat) size() (rows, cols int) {
	rows, cols = max(len(x.Rows), len(x.Values)), len(x.Cols)
	for _, r := range x.Values {
		cols = max(cols, len(r))
	}
	return rows, cols
}

func (x Heat) value(r, c int) float64 {
	if r < 0 || r >= len(x.Values) {
		return math.NaN()
	}
	return at(x.Values[r], c)
}

// Table returns one row per grid row, one column per grid column.
func (x Heat) Table() Table {
	nr, nc := x.size()
	t := Table{Caption: x.Title, Head: []string{x.LabelHead}}
	for c := 0; c < nc; c++ {
		t.Head = append(t.Head, str(x.Cols, c))
	}
	for r := 0; r < nr; r++ {
		row := []string{str(x.Rows, r)}
		for c := 0; c < nc; c++ {
			v := math.NaN()
			if r < len(x.Values) && c < len(x.Values[r]) {
				v = x.Values[r][c]
			}
			row = append(row, num(v))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// bucket returns the shade (0..4) of v on a 0..mx scale.
func bucket(v, mx float64) int {
	if !(v > 0) || !(mx > 0) {
		return 0
	}
	b := int(math.Ceil(v/mx*4 - 1e-9))
	return int(clamp(float64(b), 1, 4))
}

// Fallback fill opacities of the buckets, used when no stylesheet colours them.
var heatOpacity = [5]string{"0.04", "0.12", "0.22", "0.34", "0.48"}

// SVG renders the chart as an inline SVG.
func (x Heat) SVG() template.HTML {
	nr, nc := x.size()
	mx, any := 0.0, false
	for r := 0; r < nr; r++ {
		for c := 0; c < nc; c++ {
			if v := x.value(r, c); !math.IsNaN(v) {
				mx, any = math.Max(mx, v), true
			}
		}
	}
	if !any || nr == 0 || nc == 0 {
		return empty("heat", x.ID, x.Title, x.Desc, x.Empty)
	}
	if finite(x.Max) && x.Max > 0 {
		mx = clamp(x.Max, 0, limit)
	}

	const cellFont = 14.0
	rowLabels := make([]string, nr)
	for r := range rowLabels {
		rowLabels[r] = truncate(str(x.Rows, r), 170, fontSize)
	}
	colLabels := make([]string, nc)
	for c := range colLabels {
		colLabels[c] = truncate(str(x.Cols, c), 110, fontSize)
	}
	cellText := make([][]string, nr)
	numW := 0.0
	for r := range cellText {
		cellText[r] = make([]string, nc)
		for c := range cellText[r] {
			cellText[r][c] = num(x.value(r, c))
			numW = math.Max(numW, textWidth(cellText[r][c], cellFont))
		}
	}

	left := math.Max(maxWidth(rowLabels, fontSize)+14, 10)
	minCell := math.Max(numW+10, 30)
	cellW := clamp((viewW-left-10)/float64(nc), minCell, 80)
	colW := maxWidth(colLabels, fontSize)
	rotate := colW > cellW-6
	head, right := 26.0, 10.0
	if rotate {
		head = colW*math.Sqrt2/2 + 16
		right = math.Max(right, colW*math.Sqrt2/2-cellW/2+8)
	}
	const cellH = 32.0
	w := math.Max(viewW, left+cellW*float64(nc)+right)
	top := head
	bottom := top + cellH*float64(nr)

	// Legend: one swatch per bucket with its upper bound.
	var items []legendItem
	for b := 0; b < 5; b++ {
		label := "0"
		if b > 0 {
			label = "≤ " + num(mx*float64(b)/4)
			if b == 4 {
				label = "> " + num(mx*3/4)
			}
		}
		b := b
		items = append(items, legendItem{text: label, sw: 22, swatch: func(c *canvas, px, y float64) {
			c.cell(b, px, y-8, 22, 16)
		}})
	}
	lxs, lrows, nrows := layoutLegend(items, left, w-left-10)
	legendTop := bottom + 26
	h := legendTop + float64(nrows-1)*legendRow + 16

	var c canvas
	c.open("heat", x.ID, x.Title, x.Desc, w, h)
	for ci, l := range colLabels {
		cx := left + cellW*(float64(ci)+0.5)
		if rotate {
			c.text(cx-4, top-8, fontSize, "start", "heat-col", l, fmt.Sprintf(`transform="rotate(-45 %s %s)"`, f(cx-4), f(top-8)))
		} else {
			c.text(cx, top-9, fontSize, "middle", "heat-col", l, "")
		}
	}
	for r := 0; r < nr; r++ {
		y := top + cellH*float64(r)
		c.text(left-8, y+cellH/2+5, fontSize, "end", "heat-row", rowLabels[r], "")
		for ci := 0; ci < nc; ci++ {
			v := x.value(r, ci)
			px := left + cellW*float64(ci)
			if math.IsNaN(v) {
				fmt.Fprintf(&c, `<rect x="%s" y="%s" width="%s" height="%s" rx="3" class="heat-none" fill="none" stroke="currentColor" stroke-opacity="0.3" stroke-dasharray="3 3"/>`,
					f(px+1.5), f(y+1.5), f(cellW-3), f(cellH-3))
				c.text(px+cellW/2, y+cellH/2+5, cellFont, "middle", "heat-num heat-none-num", cellText[r][ci], "")
				continue
			}
			b := bucket(v, mx)
			c.cell(b, px+1, y+1, cellW-2, cellH-2)
			c.text(px+cellW/2, y+cellH/2+5, cellFont, "middle", fmt.Sprintf("heat-num heat-num%d", b), cellText[r][ci], "")
		}
	}
	c.drawLegend(items, lxs, lrows, legendTop)
	return c.close()
}

// cell draws one heat-map cell of bucket b.
func (c *canvas) cell(b int, x, y, w, h float64) {
	fmt.Fprintf(c, `<rect x="%s" y="%s" width="%s" height="%s" rx="3" class="heat%d" fill="currentColor" fill-opacity="%s"/>`,
		f(x), f(y), f(w), f(h), b, heatOpacity[b])
}
