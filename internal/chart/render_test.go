package chart

import (
	"html/template"
	"os"
	"path/filepath"
	"testing"
)

// chartCSS is the stylesheet suggested for the app (static/css/app.css); the
// preview pages below use it so that the screenshots show the real colours.
const chartCSS = `
.chart { display: block; width: 100%; max-width: 46rem; height: auto; color: var(--text); }
.chart .grid { stroke: var(--border); stroke-opacity: 1; }
.chart .axis { stroke: var(--muted); }
.chart .tick, .chart .empty { fill: var(--muted); }
.chart .empty-frame { stroke: var(--border); stroke-opacity: 1; }
.chart .s1, .chart .bar-a { color: var(--accent); }
.chart .s2, .chart .bar-b { color: var(--warn); }
.chart .s3 { color: var(--good); }
.chart .s4 { color: var(--bad); }
.chart .s5 { color: var(--text); }
.chart .s6 { color: var(--muted); }
.chart .pt { stroke: var(--surface); stroke-width: 1.5; }
.chart .bar { fill: var(--accent); }
.chart .gap-line { stroke: var(--muted); stroke-opacity: .55; }
.chart .heat0 { fill: var(--surface-2); fill-opacity: 1; }
.chart .heat1 { fill: color-mix(in srgb, var(--accent) 15%, var(--surface)); fill-opacity: 1; }
.chart .heat2 { fill: color-mix(in srgb, var(--accent) 28%, var(--surface)); fill-opacity: 1; }
.chart .heat3 { fill: color-mix(in srgb, var(--accent) 45%, var(--surface)); fill-opacity: 1; }
.chart .heat4 { fill: var(--accent); fill-opacity: 1; }
.chart .heat-none { stroke: var(--border); stroke-opacity: 1; }
.chart .heat-num { fill: var(--text); }
.chart .heat-num4 { fill: var(--accent-text); }
`

// pageCSS copies the app's colour variables (light, and dark under .dark).
const pageCSS = `
:root { --bg:#f7f8fa; --surface:#fff; --surface-2:#eef2f6; --text:#1b2430; --muted:#4f5b6a; --border:#d5dce4;
  --accent:#1f5f8b; --accent-text:#fff; --good:#1d6b3a; --bad:#a1262c; --warn:#7a4d00; }
:root.dark { --bg:#0f1419; --surface:#171e26; --surface-2:#1f2833; --text:#e6ebf0; --muted:#a9b4c0; --border:#2e3a47;
  --accent:#7cc0f0; --accent-text:#0b1620; --good:#7fd69d; --bad:#ff9a9f; --warn:#f5c46a; }
body { margin: 0; padding: 8px; background: var(--surface); color: var(--text);
  font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans JP", "Noto Sans CJK JP", sans-serif; }
`

// TestWritePreviews writes every sample chart to $CHART_OUT as .svg and as
// light and dark .html pages, for screenshots with headless Chromium:
//
//	CHART_OUT=/tmp/charts go test ./internal/chart -run TestWritePreviews
//	chromium --headless --no-sandbox --disable-gpu --screenshot=/tmp/charts/lines.png \
//	  --window-size=700,450 file:///tmp/charts/lines.html
func TestWritePreviews(t *testing.T) {
	dir := os.Getenv("CHART_OUT")
	if dir == "" {
		t.Skip("set CHART_OUT to a folder to write SVG/HTML previews")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	long := sampleBars()
	long.ID = "long"
	long.Labels = []string{"Presentation skills", "Listening comprehension", "Reading aloud", "Writing", "Speaking", "Interaction with others", "Grammar"}
	neg := Bars{ID: "neg", Title: "Change", Labels: []string{"Reading", "Listening", "Writing", "Speaking"}, Values: []float64{1.5, -0.5, -2, 0.25}, ValueFormat: "%+.2f"}
	hbars := sampleBars()
	hbars.ID, hbars.Horizontal = "hbars", true
	many := Lines{ID: "many", Title: "Many weeks", Desc: "Weekly average over a year.", YMin: 1, YMax: 5}
	var vals, vals2 []float64
	for i := 0; i < 52; i++ {
		many.XLabels = append(many.XLabels, "2025-"+string(rune('0'+(i/10)%10))+string(rune('0'+i%10)))
		vals = append(vals, 1+float64((i*7)%40)/10)
		vals2 = append(vals2, 2+float64((i*3)%25)/10)
	}
	vals[10], vals[11] = nan, nan
	many.Series = []Series{{Name: "Self", Values: vals, Class: "s1"}, {Name: "Coach", Values: vals2, Class: "s2"}}
	six := sampleLines()
	six.ID = "six"
	six.Series = append(six.Series,
		Series{Name: "Vocabulary", Values: []float64{2, 2, 2.5, 3, 3, 3}, Class: "s5"},
		Series{Name: "Interaction (with a rather long name)", Values: []float64{1.5, 2, 2, 2.5, 3, 4.5}, Class: "s6"})
	rot := Heat{ID: "rot", Title: "Criteria by week", Rows: []string{"Week 1", "Week 2", "Week 3"},
		Cols:   []string{"Pronunciation", "Structure", "Vocabulary", "Fluency", "Comprehension", "Interaction", "Grammar", "Accuracy", "Register"},
		Values: [][]float64{{1, 2, 3, 4, 5, 0, 2, 3, 4}, {5, 4, 3, 2, 1, 0, 1, 2, 3}, {2, 2, 2, 2, 2, 2, nan, 2, 2}}, Max: 5}
	jp := Gap{ID: "jp", Title: "自己評価と講師評価", Labels: []string{"発音", "構成", "やりとり", "理解"},
		A: []float64{4, 3, 3.5, 2}, B: []float64{3, 3.5, 3.5, 4}, AName: "自己評価", BName: "講師評価"}
	charts := map[string]template.HTML{
		"lines": sampleLines().SVG(), "bars": sampleBars().SVG(), "gap": sampleGap().SVG(), "heat": sampleHeat().SVG(),
		"bars-long": long.SVG(), "bars-neg": neg.SVG(), "bars-h": hbars.SVG(), "lines-many": many.SVG(), "lines-six": six.SVG(),
		"heat-rot": rot.SVG(), "gap-jp": jp.SVG(), "empty": Lines{ID: "e", Title: "Nothing", Empty: "No ratings yet"}.SVG(),
	}
	for name, svg := range charts {
		if _, err := inspect(string(svg)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		write(t, filepath.Join(dir, name+".svg"), string(svg))
		for suffix, class := range map[string]string{"": "", "-dark": "dark"} {
			page := `<!doctype html><html lang="en" class="` + class + `"><meta charset="utf-8"><title>` + name +
				`</title><style>` + pageCSS + chartCSS + `</style><body>` + string(svg) + `</body></html>`
			write(t, filepath.Join(dir, name+suffix+".html"), page)
		}
	}
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
