package chart

import (
	"math"
	"testing"
)

// seeds are awkward values every fuzz target starts from.
var seeds = []float64{0, 1, -1, 3.5, math.NaN(), math.Inf(1), math.Inf(-1), 1e308, -1e308,
	math.MaxFloat64, math.SmallestNonzeroFloat64, 1e-310, 5e15, -0.0}

// values spreads four fuzzed numbers (and NaN) over n points.
func values(n uint8, vs ...float64) []float64 {
	out := make([]float64, int(n)%60)
	for i := range out {
		if i%(len(vs)+1) == len(vs) {
			out[i] = math.NaN()
			continue
		}
		out[i] = vs[i%(len(vs)+1)]
	}
	return out
}

func labels(n uint8, s string) []string {
	out := make([]string, int(n)%60)
	for i := range out {
		if i%2 == 0 {
			out[i] = s
		}
	}
	return out
}

func FuzzLines(f *testing.F) {
	for i, v := range seeds {
		f.Add(v, seeds[(i+3)%len(seeds)], seeds[(i+7)%len(seeds)], 0.0, 5.0, uint8(i*5), evil)
	}
	f.Add(1.0, 5.0, 3.0, 1.0, 5.0, uint8(12), "W")
	f.Add(1e308, -1e308, 1e307, -1e308, 1e308, uint8(3), "")
	f.Add(1.0, 1.0000000000000002, 1.0, 1.0, 1.0000000000000002, uint8(9), "x\x00\xff")
	f.Fuzz(func(t *testing.T, a, b, c, ymin, ymax float64, n uint8, label string) {
		l := Lines{ID: label, Title: label, Desc: label, Empty: label,
			XLabels: labels(n, label),
			Series: []Series{
				{Name: label, Values: values(n, a, b, c), Class: label},
				{Name: "b", Values: values(n/2+1, c, a)},
				{Values: values(n%7, b)},
			},
			YMin: ymin, YMax: ymax, YTicks: []float64{a, ymin, ymax, b}}
		if _, err := inspect(string(l.SVG())); err != nil {
			t.Fatalf("%v\n%s", err, l.SVG())
		}
		l.YMin, l.YMax, l.YTicks = 0, 0, nil
		if _, err := inspect(string(l.SVG())); err != nil {
			t.Fatalf("auto range: %v\n%s", err, l.SVG())
		}
		_ = l.Table()
	})
}

func FuzzBars(f *testing.F) {
	for i, v := range seeds {
		f.Add(v, seeds[(i+5)%len(seeds)], seeds[(i+9)%len(seeds)], seeds[(i+2)%len(seeds)], uint8(i*3), i%2 == 0, evil, "%.0f")
	}
	f.Add(-5.0, 3.0, 0.0, 0.0, uint8(7), false, "Mon", "%.1f%%")
	f.Add(1e308, -1e308, 1.0, 10.0, uint8(30), true, "", "%d %s %!")
	f.Fuzz(func(t *testing.T, a, b, c, mx float64, n uint8, horizontal bool, label, format string) {
		x := Bars{ID: label, Title: label, Desc: label, Empty: label,
			Labels: labels(n, label), Values: values(n, a, b, c),
			Max: mx, Horizontal: horizontal, ValueFormat: format}
		if _, err := inspect(string(x.SVG())); err != nil {
			t.Fatalf("%v\n%s", err, x.SVG())
		}
		_ = x.Table()
	})
}

func FuzzGapHeat(f *testing.F) {
	for i, v := range seeds {
		f.Add(v, seeds[(i+4)%len(seeds)], seeds[(i+6)%len(seeds)], uint8(i*2), evil)
	}
	f.Fuzz(func(t *testing.T, a, b, mx float64, n uint8, label string) {
		g := Gap{ID: label, Title: label, Labels: labels(n, label), A: values(n, a, b), B: values(n, b), AName: label, BName: label, Min: a, Max: mx}
		if _, err := inspect(string(g.SVG())); err != nil {
			t.Fatalf("gap: %v\n%s", err, g.SVG())
		}
		g.Min, g.Max = 0, 0
		if _, err := inspect(string(g.SVG())); err != nil {
			t.Fatalf("gap auto: %v\n%s", err, g.SVG())
		}
		h := Heat{ID: label, Title: label, Rows: labels(n%9, label), Cols: labels(n%13, label), Max: mx}
		for r := 0; r < int(n)%9; r++ {
			h.Values = append(h.Values, values(n%13, a, b, mx))
		}
		if _, err := inspect(string(h.SVG())); err != nil {
			t.Fatalf("heat: %v\n%s", err, h.SVG())
		}
		_, _ = g.Table(), h.Table()
	})
}
