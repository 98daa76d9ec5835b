package roleplay

import "strings"

// Grade maps a scorecard to a 1–5 grade, the score a run's spaced
// repetition uses (as the overall rubric score does for an answer: 1–2
// brings the scenario back in about a day, 5 pushes it out furthest):
//
//	1
//	+2 the buyer agreed a next step (+1 if it was only asked for)
//	+2 at least 70% of the MEDDICC and BANT elements uncovered (+1 from 40%)
//	+1 questions asked, at least as many open as closed
//	−1 each for: a discount given away, features pitched before discovery,
//	   more than 60% of the words spoken, the buyer ending the call
//
// clamped to 1–5.
func Grade(c Scorecard) int {
	g := 1
	switch {
	case c.NextStep:
		g += 2
	case c.AskedNextStep:
		g++
	}
	mg, mo := c.Uncovered("MEDDICC")
	bg, bo := c.Uncovered("BANT")
	if of := mo + bo; of > 0 {
		switch got := mg + bg; {
		case got*10 >= of*7:
			g += 2
		case got*10 >= of*4:
			g++
		}
	}
	if q := c.OpenQuestions + c.ClosedQuestions; q > 0 && c.OpenQuestions >= c.ClosedQuestions {
		g++
	}
	for _, bad := range []bool{len(c.GaveAway) > 0, len(c.PitchedEarly) > 0, c.TalkShare > 60, c.Outcome == EndBuyerEnded} {
		if bad {
			g--
		}
	}
	return clamp(g, 1, 5)
}

// Merge returns a library with the scenarios of l and then of extra; a
// scenario of extra with the id of one in l replaces it (both languages).
func Merge(l, extra *Library) *Library {
	out := &Library{byID: map[string]map[string]*Scenario{}}
	for _, src := range []*Library{l, extra} {
		if src == nil {
			continue
		}
		for _, id := range src.ids {
			if out.byID[id] == nil {
				out.ids = append(out.ids, id)
			}
			out.byID[id] = src.byID[id]
		}
	}
	out.sort()
	return out
}

// Paragraphs returns the situation as paragraphs: blank lines separate
// them, and the line breaks of the file inside one are dropped (joined by
// a space in English, by nothing in Japanese, which has no spaces).
func (s *Scenario) Paragraphs() []string {
	sep := " "
	if s.Lang == "ja" {
		sep = ""
	}
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s.Situation, "\r\n", "\n"), "\n\n") {
		var lines []string
		for _, l := range strings.Split(p, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		if len(lines) > 0 {
			out = append(out, strings.Join(lines, sep))
		}
	}
	return out
}
