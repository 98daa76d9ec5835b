package evalset

import "github.com/aeprep/aeprep/internal/insight"

// Input turns a case into the analyser's input.
func (c *Case) Input() insight.Input {
	in := insight.Input{Text: c.Text, Lang: c.Lang, Format: c.Format, Category: c.Category, SuggestedSeconds: c.Seconds}
	for _, p := range c.Points {
		in.Points = append(in.Points, insight.Point{ID: p.ID, Cues: p.Cues})
	}
	return in
}

// Current returns what an runs on a case: pass the app's analyser (the
// one whose vocabulary is the glossary, library.Library.Analyser) to
// measure what users get.
func Current(an *insight.Analyser) func(Case) Got {
	return func(c Case) Got {
		r := an.Analyse(c.Input())
		g := Got{Verdicts: map[string]string{}}
		for _, f := range r.Findings {
			g.Verdicts[f.Kind] = string(f.Verdict)
		}
		for _, p := range r.Points {
			if p.Covered {
				g.Covered = append(g.Covered, p.ID)
			}
		}
		return g
	}
}
