package chart

import (
	"html/template"
	"math"
	"reflect"
	"strings"
	"testing"
)

const evil = `<script>alert(1)</script>&"`

var nan = math.NaN()

// sample specs, one of each chart, with a NaN somewhere.
func sampleLines() Lines {
	return Lines{
		ID: "wk", Title: "Weekly ratings", Desc: "Average rating per week, by skill.",
		XLabels: []string{"W1", "W2", "W3", "W4", "W5", "W6"},
		Series: []Series{
			{Name: "Reading", Values: []float64{2, 2.5, 3, nan, 3.5, 4}, Class: "s1"},
			{Name: "Listening", Values: []float64{3, 3, 3.25, 3.5, 3.5, 3.75}, Class: "s2"},
			{Name: "Writing", Values: []float64{1, 1.5, nan, nan, 2.5, 3}, Class: "s3"},
			{Name: "Speaking", Values: []float64{4, 3.5, 3.5, 4, 4.5, 5}, Class: "s4"},
		},
		YMin: 1, YMax: 5, YTicks: []float64{1, 2, 3, 4, 5},
		LabelHead: "Week", Empty: "No ratings yet",
	}
}

func sampleBars() Bars {
	return Bars{
		ID: "att", Title: "Attempts per day", Desc: "Number of practice attempts each day.",
		Labels: []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"},
		Values: []float64{3, 5, 0, nan, 8, 12, 1}, ValueFormat: "%.0f",
		LabelHead: "Day", ValueHead: "Attempts", Empty: "No attempts yet",
	}
}

func sampleGap() Gap {
	return Gap{
		ID: "cal", Title: "Self vs coach", Desc: "Self-rating and coach rating per criterion.",
		Labels: []string{"Pronunciation", "Structure", "Interaction", "Comprehension"},
		A:      []float64{4, 3, 3.5, nan},
		B:      []float64{3, 3.5, 3.5, 4},
		AName:  "Self", BName: "Coach", LabelHead: "Criterion", Empty: "No ratings",
	}
}

func sampleHeat() Heat {
	return Heat{
		ID: "hm", Title: "Practice by weekday", Desc: "Attempts per weekday and week.",
		Rows:   []string{"W1", "W2", "W3"},
		Cols:   []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"},
		Values: [][]float64{{0, 1, 2, 3, 4, 5, 6}, {8, 7, nan, 5, 0, 0, 2}, {1, 1, 2}},
		Max:    8, LabelHead: "Week", Empty: "No practice yet",
	}
}

type rendered struct {
	name, id, title, desc string
	svg                   template.HTML
	table                 Table
}

func allSamples() []rendered {
	l, b, g, h := sampleLines(), sampleBars(), sampleGap(), sampleHeat()
	hb := b
	hb.ID, hb.Horizontal = "atth", true
	return []rendered{
		{"lines", l.ID, l.Title, l.Desc, l.SVG(), l.Table()},
		{"bars", b.ID, b.Title, b.Desc, b.SVG(), b.Table()},
		{"bars-h", hb.ID, hb.Title, hb.Desc, hb.SVG(), hb.Table()},
		{"gap", g.ID, g.Title, g.Desc, g.SVG(), g.Table()},
		{"heat", h.ID, h.Title, h.Desc, h.SVG(), h.Table()},
	}
}

func mustInspect(t *testing.T, s template.HTML) doc {
	t.Helper()
	d, err := inspect(string(s))
	if err != nil {
		t.Fatalf("%v\n%s", err, s)
	}
	return d
}

func TestAccessibleWellFormed(t *testing.T) {
	for _, r := range allSamples() {
		t.Run(r.name, func(t *testing.T) {
			d := mustInspect(t, r.svg)
			raw := string(r.svg)
			if strings.Contains(strings.ToLower(raw), "<script") || strings.Contains(strings.ToLower(raw), "style") {
				t.Errorf("output contains <script or style")
			}
			root := d.root()
			want := r.id + "-title " + r.id + "-desc"
			if got := root.attrs["aria-labelledby"]; got != want {
				t.Errorf("aria-labelledby = %q, want %q", got, want)
			}
			if ts := d.all("title", ""); len(ts) != 1 || ts[0].text != r.title || ts[0].attrs["id"] != r.id+"-title" {
				t.Errorf("title = %+v", ts)
			}
			if ds := d.all("desc", ""); len(ds) != 1 || ds[0].text != r.desc {
				t.Errorf("desc = %+v", ds)
			}
			if !root.hasClass("chart") {
				t.Errorf("root class = %q", root.attrs["class"])
			}
			for _, e := range d.elems {
				if id, ok := e.attrs["id"]; ok && !strings.HasPrefix(id, r.id+"-") {
					t.Errorf("id %q not prefixed with %q", id, r.id)
				}
			}
			if r.table.Caption != r.title {
				t.Errorf("table caption = %q", r.table.Caption)
			}
		})
	}
}

func TestNoDescOmitsDesc(t *testing.T) {
	b := sampleBars()
	b.Desc = ""
	d := mustInspect(t, b.SVG())
	if got := d.root().attrs["aria-labelledby"]; got != "att-title" {
		t.Errorf("aria-labelledby = %q", got)
	}
	if len(d.all("desc", "")) != 0 {
		t.Error("empty desc written")
	}
}

func TestIDSanitized(t *testing.T) {
	b := sampleBars()
	b.ID = `x y"<z>`
	d := mustInspect(t, b.SVG())
	if got := d.root().attrs["aria-labelledby"]; got != "x-y--z--title x-y--z--desc" {
		t.Errorf("aria-labelledby = %q", got)
	}
	b.ID = ""
	d = mustInspect(t, b.SVG())
	if got := d.root().attrs["aria-labelledby"]; got != "chart-title chart-desc" {
		t.Errorf("aria-labelledby = %q", got)
	}
}

func TestEscaping(t *testing.T) {
	l := sampleLines()
	l.Title, l.Desc, l.XLabels[0], l.Series[0].Name, l.Series[0].Class = evil, evil, evil, evil, `s1" onload="x`
	b := sampleBars()
	b.Title, b.Desc, b.Labels[0], b.ValueFormat = evil, evil, evil, "%.0f<b>"
	bh := b
	bh.Horizontal = true
	g := sampleGap()
	g.Title, g.Desc, g.Labels[0], g.AName, g.BName = evil, evil, evil, evil, evil
	h := sampleHeat()
	h.Title, h.Desc, h.Rows[0], h.Cols[0] = evil, evil, evil, evil
	e := Lines{ID: "e", Title: evil, Desc: evil, Empty: evil}
	for name, s := range map[string]template.HTML{"lines": l.SVG(), "bars": b.SVG(), "bars-h": bh.SVG(), "gap": g.SVG(), "heat": h.SVG(), "empty": e.SVG()} {
		t.Run(name, func(t *testing.T) {
			raw := string(s)
			for _, bad := range []string{"<script", "</script", "<b>", `onload`} {
				if strings.Contains(raw, bad) {
					t.Errorf("raw %q in output:\n%s", bad, raw)
				}
			}
			if !strings.Contains(raw, "&lt;script&gt;alert(1)&lt;/script&gt;&amp;&#34;") {
				t.Errorf("escaped label missing:\n%s", raw)
			}
			d := mustInspect(t, s)
			if got := d.all("title", "")[0].text; got != evil {
				t.Errorf("title decodes to %q", got)
			}
			found := false
			for _, tx := range d.texts() {
				if strings.HasPrefix(tx, "<script>") || strings.HasPrefix(tx, "Δ = <script>") {
					found = true
				}
			}
			if !found {
				t.Errorf("label not shown as text: %q", d.texts())
			}
		})
	}
}

func TestControlCharactersDropped(t *testing.T) {
	b := Bars{ID: "c", Title: "a\x00b\x1bc\uFFFE", Labels: []string{"x\x01y", "\xff\xfe"}, Values: []float64{1, 2}}
	d := mustInspect(t, b.SVG())
	if got := d.all("title", "")[0].text; got != "abc" {
		t.Errorf("title = %q", got)
	}
}

func TestEmpty(t *testing.T) {
	cases := map[string]template.HTML{
		"lines":      Lines{ID: "l", Title: "T", Empty: "Nothing yet"}.SVG(),
		"lines-nan":  Lines{ID: "l", Title: "T", Empty: "Nothing yet", XLabels: []string{"a"}, Series: []Series{{Values: []float64{nan, math.Inf(1)}}}}.SVG(),
		"bars":       Bars{ID: "b", Title: "T", Empty: "Nothing yet"}.SVG(),
		"bars-nan":   Bars{ID: "b", Title: "T", Empty: "Nothing yet", Labels: []string{"a"}, Values: []float64{nan}}.SVG(),
		"gap":        Gap{ID: "g", Title: "T", Empty: "Nothing yet"}.SVG(),
		"gap-labels": Gap{ID: "g", Title: "T", Empty: "Nothing yet", Labels: []string{"a", "b"}}.SVG(),
		"heat":       Heat{ID: "h", Title: "T", Empty: "Nothing yet"}.SVG(),
		"heat-cols":  Heat{ID: "h", Title: "T", Empty: "Nothing yet", Cols: []string{"a"}}.SVG(),
	}
	for name, s := range cases {
		t.Run(name, func(t *testing.T) {
			d := mustInspect(t, s)
			if got := d.all("text", "empty"); len(got) != 1 || got[0].text != "Nothing yet" {
				t.Errorf("empty text = %+v", got)
			}
			if d.all("title", "")[0].text != "T" {
				t.Error("title missing")
			}
		})
	}
	// Zero values render too, with the default message.
	for _, s := range []template.HTML{Lines{}.SVG(), Bars{}.SVG(), Gap{}.SVG(), Heat{}.SVG()} {
		d := mustInspect(t, s)
		if got := d.all("text", "empty"); len(got) != 1 || got[0].text != DefaultEmpty {
			t.Errorf("zero value: empty text = %+v", got)
		}
	}
	for _, tb := range []Table{Lines{}.Table(), Bars{}.Table(), Gap{}.Table(), Heat{}.Table()} {
		if len(tb.Rows) != 0 {
			t.Errorf("zero-value table has rows: %+v", tb)
		}
	}
}

func TestLinesGapsAndMarkers(t *testing.T) {
	l := sampleLines()
	d := mustInspect(t, l.SVG())
	groups := groupsOf(d, "series")
	// The legend repeats each series group once, after the plot.
	if len(groups) != 2*len(l.Series) {
		t.Fatalf("%d series groups, want %d", len(groups), 2*len(l.Series))
	}
	shapes := map[string]bool{}
	dashes := map[string]bool{}
	for i, s := range l.Series {
		g := groups[i]
		if !g.group.hasClass(s.Class) {
			t.Errorf("series %d group class %q", i, g.group.attrs["class"])
		}
		finiteN := 0
		for _, v := range s.Values {
			if !math.IsNaN(v) {
				finiteN++
			}
		}
		var markers []elem
		var paths []elem
		for _, e := range g.kids {
			if e.hasClass("pt") {
				markers = append(markers, e)
			}
			if e.hasClass("line") {
				paths = append(paths, e)
			}
		}
		if len(markers) != finiteN {
			t.Errorf("series %d: %d markers, want %d", i, len(markers), finiteN)
		}
		var shape string
		for _, c := range markers[0].classes() {
			if strings.HasPrefix(c, "pt-") {
				shape = c
			}
		}
		for _, m := range markers {
			if !m.hasClass(shape) {
				t.Errorf("series %d mixes marker shapes", i)
			}
		}
		shapes[shape] = true
		if len(paths) != 1 {
			t.Fatalf("series %d: %d paths", i, len(paths))
		}
		dashes[paths[0].attrs["stroke-dasharray"]] = true
		// A NaN breaks the line: one more "M" per gap.
		wantM := 1
		for j := 1; j < len(s.Values); j++ {
			if math.IsNaN(s.Values[j-1]) && !math.IsNaN(s.Values[j]) {
				wantM++
			}
		}
		if got := strings.Count(paths[0].attrs["d"], "M"); got != wantM {
			t.Errorf("series %d path %q has %d segments, want %d", i, paths[0].attrs["d"], got, wantM)
		}
		// Legend entry uses the same marker shape.
		leg := groups[len(l.Series)+i]
		if len(leg.kids) < 2 || !leg.kids[1].hasClass(shape) {
			t.Errorf("legend %d does not use %s", i, shape)
		}
	}
	if len(shapes) != len(l.Series) {
		t.Errorf("marker shapes not distinct: %v", shapes)
	}
	if len(dashes) != 3 {
		t.Errorf("dash patterns: %v", dashes)
	}
	// Fixed 1..5 range: exactly the five given ticks.
	var ticks []string
	for _, e := range d.all("text", "tick") {
		ticks = append(ticks, e.text)
	}
	if !reflect.DeepEqual(ticks, []string{"1", "2", "3", "4", "5"}) {
		t.Errorf("ticks = %q", ticks)
	}
	if n := len(d.all("text", "legend-label")); n != 4 {
		t.Errorf("%d legend labels", n)
	}
}

type group struct {
	group elem
	kids  []elem
}

// groupsOf returns each <g> with the class and the elements after it up to
// the next <g> (enough for the flat groups the charts write).
func groupsOf(d doc, class string) []group {
	var out []group
	for i, e := range d.elems {
		if e.name != "g" || !e.hasClass(class) {
			continue
		}
		g := group{group: e}
		for _, k := range d.elems[i+1:] {
			if k.name == "g" || k.name == "text" {
				break
			}
			g.kids = append(g.kids, k)
		}
		out = append(out, g)
	}
	return out
}

func TestLinesAutoRangeAndDefaults(t *testing.T) {
	l := Lines{ID: "a", Title: "Auto", XLabels: []string{"a", "b", "c"},
		Series: []Series{{Values: []float64{10, 35, 80}}, {Values: []float64{nan, 5}}}}
	d := mustInspect(t, l.SVG())
	var ticks []string
	for _, e := range d.all("text", "tick") {
		ticks = append(ticks, e.text)
	}
	if !reflect.DeepEqual(ticks, []string{"0", "20", "40", "60", "80"}) {
		t.Errorf("ticks = %q", ticks)
	}
	if len(d.all("g", "legend")) != 0 {
		t.Error("legend drawn for unnamed series")
	}
	if len(d.all("g", "s1")) != 1 || len(d.all("g", "s2")) != 1 {
		t.Error("default classes s1, s2 not used")
	}
	// The lone point of series 2 has a marker but no line.
	for _, g := range groupsOf(d, "s2") {
		for _, k := range g.kids {
			if k.hasClass("line") {
				t.Error("line drawn for a single point")
			}
		}
	}
}

func TestLinesManyLabelsThinned(t *testing.T) {
	l := Lines{ID: "m", Title: "Many"}
	var vals []float64
	for i := 0; i < 52; i++ {
		l.XLabels = append(l.XLabels, "2025-W"+string(rune('A'+i%26)))
		vals = append(vals, float64(i%5+1))
	}
	l.Series = []Series{{Name: "x", Values: vals}}
	d := mustInspect(t, l.SVG())
	xl := d.all("text", "x-label")
	if len(xl) == 0 || len(xl) >= 52 {
		t.Errorf("%d x labels shown", len(xl))
	}
	if len(d.all("", "pt")) != 52+1 {
		t.Errorf("%d markers", len(d.all("", "pt")))
	}
}

func TestBars(t *testing.T) {
	b := sampleBars()
	d := mustInspect(t, b.SVG())
	if d.root().hasClass("chart-bars-horizontal") {
		t.Error("short labels should stay vertical")
	}
	bars := d.all("rect", "bar")
	if len(bars) != 5 { // 7 values, one NaN, one zero
		t.Errorf("%d bars, want 5", len(bars))
	}
	var vals []string
	for _, e := range d.all("text", "bar-value") {
		vals = append(vals, e.text)
	}
	if want := []string{"3", "5", "0", NoValue, "8", "12", "1"}; !reflect.DeepEqual(vals, want) {
		t.Errorf("value labels %q, want %q", vals, want)
	}

	b.Horizontal = true
	d = mustInspect(t, b.SVG())
	if !d.root().hasClass("chart-bars-horizontal") || len(d.all("rect", "bar")) != 5 {
		t.Error("horizontal bars wrong")
	}

	// Long labels make a vertical chart fall back to rows.
	b.Horizontal = false
	b.Labels = []string{"Presentation skills", "Listening comprehension", "Reading", "Writing", "Speaking", "Interaction", "Grammar"}
	d = mustInspect(t, b.SVG())
	if !d.root().hasClass("chart-bars-horizontal") {
		t.Error("long labels did not fall back to horizontal")
	}

	// Negative values and a fixed max clamp.
	nb := Bars{ID: "n", Title: "Neg", Labels: []string{"a", "b", "c"}, Values: []float64{-3, 2, 50}, Max: 10}
	d = mustInspect(t, nb.SVG())
	if len(d.all("rect", "bar")) != 3 {
		t.Error("negative bar missing")
	}
	if got := d.all("text", "bar-value")[2].text; got != "50" {
		t.Errorf("clamped bar prints %q", got)
	}
}

func TestGap(t *testing.T) {
	g := sampleGap()
	d := mustInspect(t, g.SVG())
	var gaps []string
	for _, e := range d.all("text", "gap-value") {
		gaps = append(gaps, e.text)
	}
	if want := []string{"+1", "−0.5", "0", NoValue}; !reflect.DeepEqual(gaps, want) {
		t.Errorf("gaps %q, want %q", gaps, want)
	}
	// Legend has one of each marker; rows have 3 A (one NaN) and 4 B.
	if n := len(d.all("", "bar-a")); n != 1+3 {
		t.Errorf("%d A markers", n)
	}
	if n := len(d.all("", "bar-b")); n != 1+4 {
		t.Errorf("%d B markers", n)
	}
	if n := len(d.all("line", "gap-line")); n != 3 {
		t.Errorf("%d connectors", n)
	}
	var ticks []string
	for _, e := range d.all("text", "tick") {
		ticks = append(ticks, e.text)
	}
	if !reflect.DeepEqual(ticks, []string{"1", "2", "3", "4", "5"}) {
		t.Errorf("ticks %q", ticks)
	}
	if !d.all("", "bar-a")[1].hasClass("pt-circle") || !d.all("", "bar-b")[1].hasClass("pt-diamond") {
		t.Error("A and B markers must differ in shape")
	}
}

func TestHeat(t *testing.T) {
	h := sampleHeat()
	d := mustInspect(t, h.SVG())
	// 21 cells: row 2 has a NaN and row 3 has 3 of 7 values; those 5 are outlined.
	cells := 0
	for b := 0; b < 5; b++ {
		cells += len(d.all("rect", "heat"+string(rune('0'+b))))
	}
	if cells-5 != 7+6+3 { // minus the 5 legend swatches
		t.Errorf("%d shaded cells", cells-5)
	}
	if n := len(d.all("rect", "heat-none")); n != 1+4 {
		t.Errorf("%d empty cells", n)
	}
	var nums []string
	for _, e := range d.all("text", "heat-num") {
		nums = append(nums, e.text)
	}
	if len(nums) != 21 || nums[0] != "0" || nums[6] != "6" || nums[9] != NoValue {
		t.Errorf("cell numbers %q", nums)
	}
	if got := d.all("text", "heat-num4"); len(got) != 2 || got[0].text != "8" || got[1].text != "7" {
		t.Errorf("heat4 numbers %+v", got)
	}
}

func TestBucket(t *testing.T) {
	for _, c := range []struct {
		v, max float64
		want   int
	}{{0, 8, 0}, {-1, 8, 0}, {0.1, 8, 1}, {2, 8, 1}, {2.1, 8, 2}, {4, 8, 2}, {6, 8, 3}, {6.5, 8, 4}, {8, 8, 4}, {80, 8, 4}, {nan, 8, 0}, {3, 0, 0}} {
		if got := bucket(c.v, c.max); got != c.want {
			t.Errorf("bucket(%v, %v) = %d, want %d", c.v, c.max, got, c.want)
		}
	}
}

func TestHeatRotatesLongColumns(t *testing.T) {
	h := Heat{ID: "r", Title: "R", Rows: []string{"a"}, Cols: []string{"Pronunciation", "Structure", "Vocabulary", "Fluency", "Comprehension", "Interaction", "Grammar", "Accuracy", "Register"},
		Values: [][]float64{{1, 2, 3, 4, 5, 6, 7, 8, 9}}}
	d := mustInspect(t, h.SVG())
	for _, e := range d.all("text", "heat-col") {
		if !strings.HasPrefix(e.attrs["transform"], "rotate(-45") {
			t.Fatalf("column label %q not rotated", e.text)
		}
	}
}

func TestTables(t *testing.T) {
	lt := sampleLines().Table()
	if want := []string{"Week", "Reading", "Listening", "Writing", "Speaking"}; !reflect.DeepEqual(lt.Head, want) {
		t.Errorf("lines head %q", lt.Head)
	}
	if want := []string{"W4", NoValue, "3.5", NoValue, "4"}; !reflect.DeepEqual(lt.Rows[3], want) {
		t.Errorf("lines row 4 %q, want %q", lt.Rows[3], want)
	}
	if len(lt.Rows) != 6 {
		t.Errorf("lines rows %d", len(lt.Rows))
	}
	bt := sampleBars().Table()
	if want := []string{"Day", "Attempts"}; !reflect.DeepEqual(bt.Head, want) {
		t.Errorf("bars head %q", bt.Head)
	}
	wantBars := [][]string{{"Mon", "3"}, {"Tue", "5"}, {"Wed", "0"}, {"Thu", NoValue}, {"Fri", "8"}, {"Sat", "12"}, {"Sun", "1"}}
	if !reflect.DeepEqual(bt.Rows, wantBars) {
		t.Errorf("bars rows %q", bt.Rows)
	}
	gt := sampleGap().Table()
	if want := []string{"Criterion", "Self", "Coach", "Self − Coach"}; !reflect.DeepEqual(gt.Head, want) {
		t.Errorf("gap head %q", gt.Head)
	}
	wantGap := [][]string{{"Pronunciation", "4", "3", "+1"}, {"Structure", "3", "3.5", "-0.5"}, {"Interaction", "3.5", "3.5", "0"}, {"Comprehension", NoValue, "4", NoValue}}
	if !reflect.DeepEqual(gt.Rows, wantGap) {
		t.Errorf("gap rows %q", gt.Rows)
	}
	ht := sampleHeat().Table()
	if len(ht.Head) != 8 || ht.Head[1] != "Mon" {
		t.Errorf("heat head %q", ht.Head)
	}
	if want := []string{"W3", "1", "1", "2", NoValue, NoValue, NoValue, NoValue}; !reflect.DeepEqual(ht.Rows[2], want) {
		t.Errorf("heat row 3 %q", ht.Rows[2])
	}
	if ht.Rows[1][3] != NoValue || ht.Rows[0][7] != "6" {
		t.Errorf("heat rows %q", ht.Rows)
	}
	// Values keep their precision up to two decimals.
	ft := Lines{Series: []Series{{Name: "a", Values: []float64{10.0 / 3, -0.5, 1234567}}}}.Table()
	if want := []string{"", "3.33"}; !reflect.DeepEqual(ft.Rows[0], want) || ft.Rows[1][1] != "-0.5" || ft.Rows[2][1] != "1234567" {
		t.Errorf("formatted rows %q", ft.Rows)
	}
}

func TestFormatting(t *testing.T) {
	for v, want := range map[float64]string{0: "0", math.Copysign(0, -1): "0", 1.005: "1", 2.5: "2.5", 1e12: "1e+12", 0.001: "0.001", math.Inf(1): NoValue} {
		if got := num(v); got != want {
			t.Errorf("num(%v) = %q, want %q", v, got, want)
		}
	}
	if got := f(math.NaN()); got != "0" {
		t.Errorf("f(NaN) = %q", got)
	}
	if got := truncate("Listening comprehension", 80, 13); !strings.HasSuffix(got, "…") || textWidth(got, 13) > 80 {
		t.Errorf("truncate = %q", got)
	}
	if got := sanitizeClass(`s1 bad"x ok-2`); got != "s1 ok-2" {
		t.Errorf("sanitizeClass = %q", got)
	}
}
