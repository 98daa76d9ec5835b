package evalset

import (
	"strings"
	"testing"
	"testing/fstest"
)

const sample = `
- id: en-1
  lang: en
  format: story
  quality: strong
  points:
    - {id: a, cues: ["x"]}
    - {id: b, cues: ["y"]}
  text: "t"
  expect: {length: good, evidence: warn}
  covers: [a]
- id: ja-1
  lang: ja
  quality: weak
  text: "t"
  expect: {length: warn}
`

func TestEvaluate(t *testing.T) {
	fsys := fstest.MapFS{"d/en/x.yaml": {Data: []byte(sample)}}
	cases, err := LoadTree(fsys, "d")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 2 || cases[1].Expected("manners") != "none" {
		t.Fatalf("cases %+v", cases)
	}
	s := Evaluate(cases, func(c Case) Got {
		if c.ID == "en-1" {
			return Got{Verdicts: map[string]string{"length": "good", "evidence": "good"}, Covered: []string{"a", "b"}}
		}
		return Got{Verdicts: map[string]string{"length": "warn"}}
	})
	// en: 9 kinds, one wrong (evidence); ja: all 9 right
	if s.Lang("en").Agree != 8 || s.Lang("en").N != 9 || s.Lang("ja").Agree != 9 || s.Strong("en").Agree != 8 {
		t.Errorf("scores en %v ja %v strong %v", s.Lang("en"), s.Lang("ja"), s.Strong("en"))
	}
	if p := s.Points["en"]; p.Agree != 1 || p.N != 2 {
		t.Errorf("points %v", *p)
	}
	if s.Confusion["en/evidence"][[2]string{"warn", "good"}] != 1 {
		t.Errorf("confusion %v", s.Confusion["en/evidence"])
	}
	rep := s.Report(true)
	for _, want := range []string{"overall", "en-1", "point:b", "confusion"} {
		if !strings.Contains(rep, want) {
			t.Errorf("report lacks %q:\n%s", want, rep)
		}
	}
}

func TestLoadRejectsBadCases(t *testing.T) {
	for name, y := range map[string]string{
		"bad lang":    "- {id: x, lang: fr, quality: strong, text: t}",
		"bad verdict": "- {id: x, lang: en, quality: strong, text: t, expect: {length: ok}}",
		"bad kind":    "- {id: x, lang: en, quality: strong, text: t, expect: {tone: good}}",
		"duplicate":   "- {id: x, lang: en, quality: strong, text: t}\n- {id: x, lang: en, quality: weak, text: t}",
		"bad format":  "- {id: x, lang: en, quality: strong, format: poem, text: t}",
	} {
		if _, err := Load(fstest.MapFS{"a.yaml": {Data: []byte(y)}}, "."); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
