package posting

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// want is what a test posting must give. Categories lists ids that must be
// among the stressed ones (the lexicon is broad, so not all of them).
type want struct {
	File         string        `json:"file"`
	Lang         string        `json:"lang"`
	Requirements []Requirement `json:"requirements"`
	Skills       []string      `json:"skills"`
	Categories   []string      `json:"categories_include"`
	Motion       string        `json:"motion"`
	Segments     []string      `json:"segments"`
	Tools        []string      `json:"tools"`
	DealTerms    []string      `json:"deal_terms"`
}

func TestPostings(t *testing.T) {
	b, err := os.ReadFile("testdata/expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var wants []want
	if err := json.Unmarshal(b, &wants); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("testdata/*.txt")
	if len(wants) != len(files) || len(files) < 12 {
		t.Fatalf("%d postings, %d expectations; want at least 12 of each, one per posting", len(files), len(wants))
	}
	perLang := map[string]int{}
	for _, w := range wants {
		perLang[w.Lang]++
		t.Run(w.File, func(t *testing.T) {
			text, err := os.ReadFile(filepath.Join("testdata", w.File))
			if err != nil {
				t.Fatal(err)
			}
			a := Analyse(string(text), w.Lang)
			var gotReq [][2]string
			for _, r := range a.Requirements {
				gotReq = append(gotReq, [2]string{r.Level, r.Text})
			}
			var wantReq [][2]string
			for _, r := range w.Requirements {
				wantReq = append(wantReq, [2]string{r.Level, r.Text})
			}
			if !reflect.DeepEqual(gotReq, wantReq) {
				t.Errorf("requirements:\n got  %q\n want %q", gotReq, wantReq)
			}
			if got := ids(a.Skills); !sameSet(got, w.Skills) {
				t.Errorf("skills = %v, want %v", got, w.Skills)
			}
			cats := ids(a.Categories)
			for _, c := range w.Categories {
				if !contains(cats, c) {
					t.Errorf("category %s not stressed; got %v", c, cats)
				}
			}
			if a.Motion != w.Motion {
				t.Errorf("motion = %q, want %q (evidence %v)", a.Motion, w.Motion, a.MotionEvidence)
			}
			if !reflect.DeepEqual(a.Segments, w.Segments) {
				t.Errorf("segments = %v, want %v", a.Segments, w.Segments)
			}
			if !sameSet(a.Tools, w.Tools) {
				t.Errorf("tools = %v, want %v", a.Tools, w.Tools)
			}
			if !reflect.DeepEqual(a.DealTerms, w.DealTerms) {
				t.Errorf("deal terms = %q, want %q", a.DealTerms, w.DealTerms)
			}
			if len(a.Practice) == 0 || len(a.Practice) > PracticeSize {
				t.Errorf("practice set has %d categories", len(a.Practice))
			}
			if len(a.Ask) == 0 || len(a.Ask) > MaxAsk {
				t.Errorf("%d questions to ask", len(a.Ask))
			}
			for _, n := range allTexts(a) {
				if _, ok := catalog[n]; !ok {
					t.Errorf("code %s has no message", n)
				}
			}
		})
	}
	if perLang["ja"] < 6 || perLang["en"] < 6 {
		t.Errorf("postings per language: %v", perLang)
	}
}

func allTexts(a Analysis) []string {
	var out []string
	for _, n := range a.Notes {
		out = append(out, n.Code)
	}
	for _, r := range a.Practice {
		for _, n := range r.Reasons {
			out = append(out, n.Code)
		}
	}
	for _, s := range a.Ask {
		out = append(out, s.Reason.Code)
	}
	return out
}

func ids(s []Stress) []string {
	var out []string
	for _, x := range s {
		out = append(out, x.ID)
	}
	return out
}

func sameSet(a, b []string) bool {
	a = append([]string(nil), a...)
	b = append([]string(nil), b...)
	sort.Strings(a)
	sort.Strings(b)
	return strings.Join(a, ",") == strings.Join(b, ",")
}
