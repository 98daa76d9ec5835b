package stories

import "sort"

// Fit is how well one story fits a question.
type Fit struct {
	Story    Story
	Category bool     // the story lists the question's category
	Skills   []string // the question's skills the story shows, in the question's order
	Score    int      // 2 for the category, 1 for each skill
}

// Rank returns the stories that fit a question of category with skills:
// those that list the category or show at least one of the skills, best
// fit first. The category weighs as two skills, since it says what kind
// of answer the question wants; ties keep the order the stories came in.
func Rank(stories []Story, category string, skills []string) []Fit {
	var out []Fit
	for _, st := range stories {
		f := Fit{Story: st}
		has := map[string]bool{}
		for _, s := range st.Skills {
			has[s] = true
		}
		for _, c := range st.Categories {
			if c != "" && c == category {
				f.Category = true
			}
		}
		for _, s := range uniq(skills) {
			if has[s] {
				f.Skills = append(f.Skills, s)
			}
		}
		f.Score = len(f.Skills)
		if f.Category {
			f.Score += 2
		}
		if f.Score > 0 {
			out = append(out, f)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out
}
