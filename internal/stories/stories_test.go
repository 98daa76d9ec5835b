package stories

import (
	"reflect"
	"strings"
	"testing"
)

var cats = []string{"track-record", "objections", "closing", "account-growth"}
var skills = []string{"negotiation", "determination", "empathy"}

func TestCoverage(t *testing.T) {
	tests := []struct {
		name       string
		stories    []Story
		covered    map[[2]string][]string // category, skill → story ids
		catCount   map[string]int
		skillCount map[string]int
		coveredN   int
		gapCodes   []string
	}{
		{
			name:       "no stories: everything is a gap",
			coveredN:   0,
			catCount:   map[string]int{},
			skillCount: map[string]int{},
			gapCodes: []string{"track-record", "objections", "closing", "account-growth",
				"negotiation", "determination", "empathy"},
		},
		{
			name: "two stories, one overlapping cell, unknown ids ignored, repeats counted once",
			stories: []Story{
				{ID: "a", Categories: []string{"closing", "objections", "closing"}, Skills: []string{"negotiation"}},
				{ID: "b", Categories: []string{"closing", "motivation"}, Skills: []string{"negotiation", "empathy", "flying"}},
			},
			covered: map[[2]string][]string{
				{"closing", "negotiation"}:    {"a", "b"},
				{"objections", "negotiation"}: {"a"},
				{"closing", "empathy"}:        {"b"},
			},
			coveredN:   3,
			catCount:   map[string]int{"closing": 2, "objections": 1},
			skillCount: map[string]int{"negotiation": 2, "empathy": 1},
			gapCodes:   []string{"track-record", "account-growth", "determination"},
		},
		{
			name: "a story with skills but no category covers no cell",
			stories: []Story{
				{ID: "c", Skills: []string{"determination"}},
			},
			coveredN:   0,
			catCount:   map[string]int{},
			skillCount: map[string]int{"determination": 1},
			gapCodes:   []string{"track-record", "objections", "closing", "account-growth", "negotiation", "empathy"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Coverage(tt.stories, cats, skills)
			if m.CoveredCells != tt.coveredN {
				t.Errorf("CoveredCells = %d, want %d", m.CoveredCells, tt.coveredN)
			}
			for i, c := range cats {
				for j, s := range skills {
					cell := m.Cells[i][j]
					if cell.Category != c || cell.Skill != s {
						t.Fatalf("cell %d,%d is %s×%s", i, j, cell.Category, cell.Skill)
					}
					want := tt.covered[[2]string{c, s}]
					if !reflect.DeepEqual(cell.Stories, want) {
						t.Errorf("%s×%s stories = %v, want %v", c, s, cell.Stories, want)
					}
				}
			}
			for _, c := range cats {
				if m.CategoryCount[c] != tt.catCount[c] {
					t.Errorf("CategoryCount[%s] = %d, want %d", c, m.CategoryCount[c], tt.catCount[c])
				}
			}
			for _, s := range skills {
				if m.SkillCount[s] != tt.skillCount[s] {
					t.Errorf("SkillCount[%s] = %d, want %d", s, m.SkillCount[s], tt.skillCount[s])
				}
			}
			var gaps []string
			for _, g := range m.Gaps {
				v := g.Params["category"] + g.Params["skill"]
				gaps = append(gaps, v)
			}
			if !reflect.DeepEqual(gaps, tt.gapCodes) {
				t.Errorf("gaps = %v, want %v", gaps, tt.gapCodes)
			}
		})
	}
}

func TestOverused(t *testing.T) {
	usage := map[string][]string{
		"fine":      {"closing", "closing", "objections", "track-record"},
		"stretched": {"closing", "objections", "track-record", "motivation", "closing"},
		"worst":     {"closing", "objections", "track-record", "motivation", "mistakes"},
		"empty":     {"", ""},
	}
	got := Overused(usage)
	var ids []string
	for _, o := range got {
		ids = append(ids, o.StoryID)
	}
	if want := []string{"worst", "stretched"}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("overused = %v, want %v", ids, want)
	}
	if want := []string{"closing", "motivation", "objections", "track-record"}; !reflect.DeepEqual(got[1].Categories, want) {
		t.Errorf("categories = %v, want %v", got[1].Categories, want)
	}
	n := got[0].Note
	for _, lang := range []string{"ja", "en"} {
		s := Message(n.Code, n.Params, lang)
		if !strings.Contains(s, "5") || !strings.Contains(s, "3") || strings.Contains(s, "{") {
			t.Errorf("%s message %q", lang, s)
		}
	}
}

func TestCatalog(t *testing.T) {
	if p := catalog.Problems(); len(p) > 0 {
		t.Error(p)
	}
}

func TestRank(t *testing.T) {
	all := []Story{
		{ID: "skill-only", Skills: []string{"empathy"}, Categories: []string{"motivation"}},
		{ID: "nothing", Skills: []string{"organisation"}, Categories: []string{"motivation"}},
		{ID: "category-only", Categories: []string{"objections"}},
		{ID: "both", Skills: []string{"negotiation", "empathy", "negotiation"}, Categories: []string{"closing", "objections"}},
		{ID: "two-skills", Skills: []string{"empathy", "negotiation"}},
	}
	tests := []struct {
		name     string
		category string
		skills   []string
		want     []string
		score    []int
	}{
		{"category and skills, best first, ties in input order", "objections", []string{"negotiation", "empathy"},
			[]string{"both", "category-only", "two-skills", "skill-only"}, []int{4, 2, 2, 1}},
		{"no category match", "pitching", []string{"empathy"}, []string{"skill-only", "both", "two-skills"}, []int{1, 1, 1}},
		{"nothing fits", "pitching", []string{"determination"}, nil, nil},
		{"an empty category matches nothing", "", nil, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Rank(all, tc.category, tc.skills)
			var ids []string
			var scores []int
			for _, f := range got {
				ids = append(ids, f.Story.ID)
				scores = append(scores, f.Score)
			}
			if !reflect.DeepEqual(ids, tc.want) || !reflect.DeepEqual(scores, tc.score) {
				t.Fatalf("got %v %v, want %v %v", ids, scores, tc.want, tc.score)
			}
		})
	}
	if f := Rank(all, "objections", []string{"negotiation", "empathy"})[0]; !f.Category || !reflect.DeepEqual(f.Skills, []string{"negotiation", "empathy"}) {
		t.Errorf("best fit %+v", f)
	}
}
