package chart_test

import (
	"fmt"
	"math"

	"github.com/aeprep/aeprep/internal/chart"
)

// A weekly ratings chart on a fixed 1..5 scale, with a week without data.
func ExampleLines() {
	c := chart.Lines{
		ID:      "ratings",
		Title:   "Average rating per week",
		Desc:    "Reading rose from 2 to 4; listening stayed near 3.",
		XLabels: []string{"W1", "W2", "W3", "W4"},
		Series: []chart.Series{
			{Name: "Reading", Values: []float64{2, 3, math.NaN(), 4}, Class: "s1"},
			{Name: "Listening", Values: []float64{3, 3, 3.5, 3}, Class: "s2"},
		},
		YMin: 1, YMax: 5, YTicks: []float64{1, 2, 3, 4, 5},
		LabelHead: "Week",
		Empty:     "No ratings yet",
	}
	svg := c.SVG()     // template.HTML: put it in the page with {{.Chart}}
	table := c.Table() // the same numbers for a <table> next to it
	fmt.Println(len(svg) > 0, table.Head)
}

// Attempts per day as vertical bars with whole-number labels.
func ExampleBars() {
	c := chart.Bars{
		ID: "attempts", Title: "Attempts per day",
		Labels:      []string{"Mon", "Tue", "Wed"},
		Values:      []float64{3, 0, 5},
		ValueFormat: "%.0f",
		Empty:       "No attempts yet",
	}
	_ = c.SVG()
	fmt.Println(c.Table().Rows)
}

// Self-rating against coach rating per criterion; the gap is Self − Coach.
func ExampleGap() {
	c := chart.Gap{
		ID: "calibration", Title: "Self vs coach",
		Labels: []string{"Pronunciation", "Structure"},
		A:      []float64{4, 3}, AName: "Self",
		B: []float64{3, 3.5}, BName: "Coach",
		Empty: "No ratings yet",
	}
	_ = c.SVG()
	fmt.Println(c.Table().Rows)
}

// Practice counts per weekday and week, shaded in five buckets up to Max.
func ExampleHeat() {
	c := chart.Heat{
		ID: "practice", Title: "Practice by weekday",
		Rows:   []string{"W1", "W2"},
		Cols:   []string{"Mon", "Tue", "Wed"},
		Values: [][]float64{{0, 2, 4}, {1, math.NaN(), 8}},
		Max:    8,
		Empty:  "No practice yet",
	}
	_ = c.SVG()
	fmt.Println(c.Table().Rows)
}
