package insight

import "strings"

// ---- talking points ----

func (a *analysis) points() []PointResult {
	if len(a.in.Points) == 0 {
		return nil
	}
	toks := tokens(a.nt.low)
	out := make([]PointResult, 0, len(a.in.Points))
	for _, p := range a.in.Points {
		pr := PointResult{ID: p.ID}
		for _, cue := range p.Cues {
			c := asciiLower(normalize(cue).txt)
			c = strings.TrimSpace(c)
			if c == "" {
				continue
			}
			for _, r := range a.findCue(c, toks) {
				if a.cl.negated[a.cl.clauseAt(r[0])] {
					continue
				}
				pr.Covered = true
				pr.Matched = appendUnique(pr.Matched, cue)
				a.span(r[0], r[1], SpanPoint, p.ID)
			}
		}
		out = append(out, pr)
	}
	return out
}

// token is an ASCII word or a symbol of the text.
type token struct {
	start, end int
}

// tokens splits lower-cased text into ASCII words (letters, digits and
// inner apostrophes) and single symbols such as % or $.
func tokens(low string) []token {
	var out []token
	for i := 0; i < len(low); {
		c := low[i]
		switch {
		case isWordByte(c):
			j := i
			for j < len(low) && (isWordByte(low[j]) || low[j] == '\'' && j+1 < len(low) && isAlpha(low[j+1])) {
				j++
			}
			out = append(out, token{i, j})
			i = j
		case c == '%' || c == '$' || c == '+' || c == '#' || c == '&':
			out = append(out, token{i, i + 1})
			i++
		default:
			i++
		}
	}
	return out
}

// findCue returns the byte ranges where cue matches: as a substring when
// it has non-ASCII letters (Japanese), else as a sequence of tokens where
// each matches a whole word and the last one a word start ("quota" finds
// "quotas").
func (a *analysis) findCue(cue string, toks []token) [][2]int {
	low := a.nt.low
	var out [][2]int
	if !isASCII(cue) {
		for i := 0; ; {
			j := strings.Index(low[i:], cue)
			if j < 0 {
				break
			}
			out = append(out, [2]int{i + j, i + j + len(cue)})
			i += j + len(cue)
		}
		return out
	}
	ct := tokens(cue)
	if len(ct) == 0 {
		return nil
	}
	for i := range toks {
		j, ok := i, true
		for k, t := range ct {
			cw := cue[t.start:t.end]
			// "i sold" also finds "I have sold", "I then sold"
			for k > 0 && j < len(toks) && cueSkip[low[toks[j].start:toks[j].end]] && low[toks[j].start:toks[j].end] != cw {
				j++
			}
			if j >= len(toks) {
				ok = false
				break
			}
			w := low[toks[j].start:toks[j].end]
			if k == len(ct)-1 {
				ok = strings.HasPrefix(w, cw)
			} else {
				ok = w == cw
			}
			if !ok {
				break
			}
			j++
		}
		if ok {
			out = append(out, [2]int{toks[i].start, toks[j-1].end})
		}
	}
	return out
}

// Words a multiword cue may skip between its words: auxiliaries and
// adverbs that do not change what was said.
var cueSkip = toSet("have", "had", "also", "then", "personally", "just", "really", "first", "always", "quickly", "both", "all", "even", "still", "immediately", "actually", "usually", "often", "directly")
