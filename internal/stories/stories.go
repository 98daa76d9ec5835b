// Package stories holds the pure side of the story bank: a candidate's
// stories as plain values, and the coverage of question categories and
// skills they give. It has no web or database code.
package stories

import (
	"sort"
	"strconv"
	"strings"

	"github.com/aeprep/aeprep/internal/textcode"
)

// Story is one example from a candidate's work, as the story bank keeps it.
// Skills and Categories hold taxonomy ids.
type Story struct {
	ID         string
	Title      string
	Situation  string
	Task       string
	Action     string
	Result     string
	Figures    string
	Skills     []string
	Categories []string
}

// Text is the story's words in one string, for keyword matching.
func (s Story) Text() string {
	return strings.Join([]string{s.Title, s.Situation, s.Task, s.Action, s.Result, s.Figures}, "\n")
}

// Cell is one category × skill pair of the matrix.
type Cell struct {
	Category string
	Skill    string
	Stories  []string // ids of the stories that list both
}

// Covered reports whether at least one story covers the cell.
func (c Cell) Covered() bool { return len(c.Stories) > 0 }

// Matrix is the coverage of categories × skills by a set of stories.
type Matrix struct {
	Categories []string
	Skills     []string
	// Cells[i][j] is Categories[i] × Skills[j].
	Cells [][]Cell
	// CategoryCount and SkillCount count the stories that list each id
	// (whatever the other axis).
	CategoryCount map[string]int
	SkillCount    map[string]int
	// CoveredCells counts the cells with a story, out of len(Categories)*len(Skills).
	CoveredCells int
	// Gaps are the messages on what has no story: first each category and
	// skill with none at all, then nothing else (a cell gap is read off
	// Cells; listing all of them would drown the two that matter).
	Gaps []textcode.Text
}

// Coverage builds the matrix of categories × skills for stories. Ids a story
// lists that are not on either axis are ignored.
func Coverage(stories []Story, categories, skills []string) Matrix {
	m := Matrix{
		Categories:    append([]string(nil), categories...),
		Skills:        append([]string(nil), skills...),
		Cells:         make([][]Cell, len(categories)),
		CategoryCount: make(map[string]int, len(categories)),
		SkillCount:    make(map[string]int, len(skills)),
	}
	for i, c := range categories {
		m.Cells[i] = make([]Cell, len(skills))
		for j, s := range skills {
			m.Cells[i][j] = Cell{Category: c, Skill: s}
		}
	}
	ci := index(categories)
	si := index(skills)
	for _, st := range stories {
		cats := uniq(st.Categories)
		sks := uniq(st.Skills)
		for _, c := range cats {
			if _, ok := ci[c]; ok {
				m.CategoryCount[c]++
			}
		}
		for _, s := range sks {
			if _, ok := si[s]; ok {
				m.SkillCount[s]++
			}
		}
		for _, c := range cats {
			i, ok := ci[c]
			if !ok {
				continue
			}
			for _, s := range sks {
				if j, ok := si[s]; ok {
					m.Cells[i][j].Stories = append(m.Cells[i][j].Stories, st.ID)
				}
			}
		}
	}
	for i := range m.Cells {
		for j := range m.Cells[i] {
			if m.Cells[i][j].Covered() {
				m.CoveredCells++
			}
		}
	}
	for _, c := range categories {
		if m.CategoryCount[c] == 0 {
			m.Gaps = append(m.Gaps, textcode.New("stories.gap.category", "category", c))
		}
	}
	for _, s := range skills {
		if m.SkillCount[s] == 0 {
			m.Gaps = append(m.Gaps, textcode.New("stories.gap.skill", "skill", s))
		}
	}
	return m
}

// OverusedAt is the number of different question categories from which a
// story counts as stretched. A good story fits two or three kinds of
// question (a hard-won deal is track record, objections and closing); told
// for a fourth, it is being bent to fit, and in a five- to eight-question
// interview one story behind four answers leaves the panel hearing the same
// example and doubting there are others.
const OverusedAt = 4

// Overuse is a story used for too many different kinds of question.
type Overuse struct {
	StoryID    string
	Categories []string // the distinct categories, sorted
	Note       textcode.Text
}

// Overused reads usage records (story id → the question category of each
// attempt that used it, repeats allowed) and returns the stories used for
// OverusedAt or more different categories, most stretched first.
func Overused(usage map[string][]string) []Overuse {
	var out []Overuse
	for id, cats := range usage {
		u := uniq(cats)
		sort.Strings(u)
		if len(u) >= OverusedAt {
			out = append(out, Overuse{
				StoryID:    id,
				Categories: u,
				Note: textcode.New("stories.overused", "story", id,
					"n", strconv.Itoa(len(u)), "max", strconv.Itoa(OverusedAt-1)),
			})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i].Categories) != len(out[j].Categories) {
			return len(out[i].Categories) > len(out[j].Categories)
		}
		return out[i].StoryID < out[j].StoryID
	})
	return out
}

func index(list []string) map[string]int {
	m := make(map[string]int, len(list))
	for i, s := range list {
		m[s] = i
	}
	return m
}

func uniq(list []string) []string {
	seen := make(map[string]bool, len(list))
	var out []string
	for _, s := range list {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

var catalog = textcode.Catalog{
	"stories.gap.category": {"「{category}」の質問に使えるストーリーがまだありません。", "No story yet for {category} questions."},
	"stories.gap.skill":    {"「{skill}」を示すストーリーがまだありません。", "No story yet that shows {skill}."},
	"stories.overused": {"このストーリー({story})は{n}種類の質問に使われています。1つのストーリーは{max}種類までにとどめ、別の例も用意しましょう。",
		"This story ({story}) has been used for {n} different kinds of question. Keep one story to {max} at most and prepare other examples."},
}

// Message renders one of this package's codes in lang ("ja" or "en").
func Message(code string, params map[string]string, lang string) string {
	return catalog.Message(code, params, lang)
}
