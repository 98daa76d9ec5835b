package insight

import (
	"strings"
	"unicode/utf8"
)

// ---- English own actions and STAR labels ----

var irregularPast = toSet("built", "ran", "made", "took", "met", "led", "wrote", "set", "sent", "brought", "found", "gave", "got",
	"went", "began", "spoke", "drew", "chose", "sought", "caught", "taught", "held", "kept", "told", "won", "sold", "put", "cut",
	"spent", "rebuilt", "broke", "drove", "flew", "rewrote", "understood", "did", "hit", "shared", "laid", "ran", "rang", "stood",
	"brought", "dug", "grew", "bought", "knew", "lost", "paid", "split", "swapped", "threw", "wound", "won", "said", "left", "sat", "spoke")

var notPast = toSet("need", "feed", "speed", "succeed", "exceed", "proceed", "bleed", "breed", "seed", "heed", "indeed")

var actionAdverbs = toSet("then", "also", "first", "personally", "immediately", "quickly", "finally", "eventually", "just", "later",
	"even", "initially", "directly", "proactively", "carefully", "together", "all", "both", "jointly", "myself", "ourselves", "next", "and")

// isPast reports whether the English word w is a past-tense verb.
func isPast(w string) bool {
	return irregularPast[w] || len(w) > 3 && strings.HasSuffix(w, "ed") && !notPast[w]
}

// wordAfter returns the bounds of the letters that follow position j of s
// once the bytes in skip are passed over (k == e when none follow).
func wordAfter(s string, j int, skip string) (k, e int) {
	k = j
	for k < len(s) && strings.IndexByte(skip, s[k]) >= 0 {
		k++
	}
	e = k
	for e < len(s) && isAlpha(s[e]) {
		e++
	}
	return k, e
}

// pastActions finds "I <past-tense verb>" (the speaker's own action) and
// "we <past-tense verb>" (the team's) in lower-cased English text.
func pastActions(low string) []match {
	var out []match
	for i := 0; i < len(low); i++ {
		if (low[i] != 'i' && low[i] != 'w') || i > 0 && isWordByte(low[i-1]) {
			continue
		}
		grp, end := -1, 0
		switch {
		case low[i] == 'i' && (i+1 == len(low) || !isWordByte(low[i+1])) && !strings.HasPrefix(low[i+1:], ".e"):
			grp, end = grpSelf, i+1
		case strings.HasPrefix(low[i:], "we") && (i+2 == len(low) || !isWordByte(low[i+2])):
			grp, end = grpTeam, i+2
		default:
			continue
		}
		j := end
		for skip := 0; skip < 3; skip++ {
			k, e := wordAfter(low, j, " ,")
			w := low[k:e]
			if w == "" {
				break
			}
			if actionAdverbs[w] {
				j = e
				continue
			}
			if isPast(w) {
				out = append(out, match{start: i, end: e, cls: clsPast, group: grp, key: w})
			}
			break
		}
	}
	return out
}

// telegraphicActions finds the past-tense verb that opens a list item or
// follows its label, as notes and outlines are written without "I":
// "- Touch 1 (email): referenced the new plant", "- mapped 9 stakeholders".
func telegraphicActions(low string) []match {
	var out []match
	for start := 0; start < len(low); {
		end := strings.IndexByte(low[start:], '\n')
		if end < 0 {
			end = len(low)
		} else {
			end += start
		}
		line := low[start:end]
		at := -1
		if c := strings.IndexByte(line, ':'); c >= 0 && c < 48 {
			at = c + 1
		} else if t := strings.TrimLeft(line, " "); strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") {
			at = len(line) - len(t) + 2
		}
		if at >= 0 {
			if k, e := wordAfter(line, at, " *"); isPast(line[k:e]) {
				out = append(out, match{start: start + k, end: start + e, cls: clsPast, group: grpSelf, key: line[k:e]})
			}
		}
		start = end + 1
	}
	return out
}

// labels finds explicit STAR labels at the start of a line or sentence:
// "Situation:", "- Action 1:", "状況:", "【結果】".
func labels(txt, lang string) []match {
	var out []match
	table := labelEN
	if lang == "ja" {
		table = labelJA
	}
	lineStart := true
	for i := 0; i < len(txt); {
		c := txt[i]
		if c == '\n' {
			lineStart = true
			i++
			continue
		}
		if lineStart && (c == ' ' || c == '-' || c == '*' || isDigit(c) || c == '.' || c == ')') {
			i++
			continue
		}
		if lineStart || c == '.' || c == '!' || c == '?' {
			st := i
			if !lineStart {
				st = i + 1
				for st < len(txt) && txt[st] == ' ' {
					st++
				}
			}
			if m, ok := labelAt(txt, st, table); ok {
				out = append(out, m)
			}
		}
		if r, size := utf8.DecodeRuneInString(txt[i:]); r == '。' || r == '【' || r == '[' {
			st := i + size
			if r == '【' || r == '[' {
				st = i
			}
			if m, ok := labelAt(txt, st, table); ok {
				out = append(out, m)
			}
			lineStart = false
			i += size
			continue
		} else if r == '・' && lineStart {
			i += size
			continue
		}
		lineStart = false
		i++
	}
	return out
}

// labelAt reads a label word at i followed by optional digits and a colon
// (or a closing bracket for 【状況】).
func labelAt(txt string, i int, table map[string]int) (match, bool) {
	bracket := false
	if strings.HasPrefix(txt[i:], "【") {
		i += len("【")
		bracket = true
	} else if strings.HasPrefix(txt[i:], "[") {
		i++
		bracket = true
	}
	for i < len(txt) && txt[i] == '*' {
		i++ // **Situation**:
	}
	e := i
	words := 0
	for e < len(txt) {
		r, size := utf8.DecodeRuneInString(txt[e:])
		if r == ' ' {
			if words++; words > 3 {
				break
			}
		}
		if r == ':' || r == '】' || r == ']' || r == '*' || isDigitRune(r) || r == '\n' || r == '。' || r == '、' || r == '.' || r == ',' {
			break
		}
		e += size
	}
	word := strings.TrimSpace(asciiLower(txt[i:e]))
	part, ok := table[word]
	if !ok {
		return match{}, false
	}
	k := e
	for k < len(txt) && (txt[k] == ' ' || txt[k] == '*' || isDigit(txt[k])) {
		k++
	}
	switch {
	case k < len(txt) && txt[k] == ':':
	case bracket && (strings.HasPrefix(txt[k:], "】") || strings.HasPrefix(txt[k:], "]")):
	default:
		return match{}, false
	}
	if len(word) == 1 && !(k < len(txt) && txt[k] == ':') {
		return match{}, false
	}
	return match{start: i, end: e, cls: clsLabel, group: part, key: txt[i:e]}, true
}

func isDigitRune(r rune) bool { return r >= '0' && r <= '9' }

// storyStructure checks STAR: situation, action and result each clearly
// there, over more than one sentence; a miss needs its lesson.
func (a *analysis) storyStructure() Finding {
	var found [5]bool
	var sents [5]map[int]bool
	var cues []string
	for i := range sents {
		sents[i] = map[int]bool{}
	}
	mark := func(part int, m match) {
		found[part] = true
		sents[part][m.sent] = true
		if part < 4 {
			a.span(m.start, m.end, starSpans[part], "")
		}
		if len(cues) < 8 && m.key != "" {
			cues = appendUnique(cues, a.text(m))
		}
	}
	for _, m := range a.ms {
		if m.neg {
			continue
		}
		switch m.cls {
		case clsStar, clsLabel:
			if m.group == starA && a.lang == "en" && m.cls == clsStar && !strings.HasSuffix(m.key, "i") && m.key != "i decided" && m.key != "i personally" {
				continue
			}
			mark(m.group, m)
		}
	}
	// English own actions are the action part
	for _, m := range a.ownActs {
		if m.cls == clsPast {
			mark(starA, m)
		}
	}
	// Context told without a cue: an opening sentence about the customer
	// or the state of things, before the speaker's actions.
	if !found[starS] && a.sents >= 3 {
		if m, ok := a.contextOpening(); ok {
			mark(starS, m)
		}
	}
	// a figure in a clause that is not negated supports the result
	if !found[starR] {
		for _, fg := range a.figs {
			k := a.cl.clauseAt(fg.start)
			if !a.cl.negated[k] && a.cl.sentOf[k] > 0 {
				found[starR] = true
				sents[starR][a.cl.sentOf[k]] = true
				break
			}
		}
	}
	miss := a.missTold()
	missStory := a.in.Category == "mistakes" || a.lostDeal()
	allSents := map[int]bool{}
	parts := 0
	var have, missing []string
	for p := 0; p < 4; p++ {
		if found[p] {
			parts++
			have = append(have, starNames[p])
			for s := range sents[p] {
				allSents[s] = true
			}
		} else {
			missing = append(missing, starNames[p])
		}
	}
	f := Finding{Kind: KindStructure, Items: cues, Params: map[string]string{"format": FormatStory}}
	oneSentence := len(allSents) <= 1 && a.sents <= 1
	if oneSentence && parts > 2 {
		parts = 2
	}
	f.Params["parts"] = itoa(parts)
	f.Params["found"] = strings.Join(have, ",")
	f.Params["missing"] = strings.Join(missing, ",")
	if found[starLesson] {
		f.Params["lesson"] = "yes"
	}
	if miss {
		f.Params["miss"] = "yes"
	}
	// a miss told (no result) ends the story only with its lesson
	resultOK := found[starR] || miss && found[starLesson]
	// the target or task sets the scene as well as a situation does
	contextOK := found[starS] || found[starT] && len(a.figs) > 0
	switch {
	case oneSentence && parts >= 2:
		f.Verdict, f.Code = Warn, "structure.story.one-sentence"
	case contextOK && found[starA] && resultOK && (!missStory || found[starLesson]):
		f.Verdict, f.Code = Good, "structure.story.good"
		if miss {
			f.Code = "structure.story.miss-good"
		}
	case missStory && contextOK && found[starA] && resultOK:
		f.Verdict, f.Code = Warn, "structure.story.no-lesson"
	case parts == 0:
		f.Verdict, f.Code = Warn, "structure.story.none"
	default:
		f.Verdict, f.Code = Warn, "structure.story.missing"
		if !found[starR] && miss {
			f.Params["missing"] = strings.Replace(f.Params["missing"], "result", "", 1)
		}
		var need []string
		for _, p := range []int{starS, starA, starR} {
			if !found[p] && !(p == starR && miss) && !(p == starS && contextOK) {
				need = append(need, starNames[p])
			}
		}
		f.Params["need"] = strings.Join(need, ",")
	}
	a.rep.STAR = map[string]bool{}
	for i, n := range starNames {
		a.rep.STAR[n] = found[i]
	}
	return f
}

// contextOpening looks at the first sentence: it sets the scene when it
// names the customer or a company, or describes a state (was, were, had).
func (a *analysis) contextOpening() (match, bool) {
	end := len(a.nt.low)
	for k, s := range a.cl.sentOf {
		if s > 0 {
			end = a.cl.clauseStart[k]
			break
		}
	}
	first := a.nt.low[:end]
	for _, m := range a.ms {
		if m.start >= end {
			break
		}
		if m.cls == clsRef && m.group == grpCustomer || m.cls == clsStar && m.group == starS {
			return match{start: 0, end: end, cls: clsStar, group: starS}, true
		}
	}
	if a.lang == "en" {
		for _, w := range []string{" was ", " were ", " had ", " company", " account", " looked after", " called on", " managed ", " year at ", " with a ", " at a "} {
			if strings.Contains(" "+first, w) {
				return match{start: 0, end: end, cls: clsStar, group: starS}, true
			}
		}
		return match{}, false
	}
	for _, w := range []string{"でした", "ていた", "ていました", "だった", "会社", "企業", "お客様", "顧客", "では、", "で、", "上司", "指摘", "当時"} {
		if strings.Contains(first, w) {
			return match{start: 0, end: end, cls: clsStar, group: starS}, true
		}
	}
	return match{}, false
}

// negatedResult reports whether a result cue appears only inside negated
// clauses (a miss being told).
func (a *analysis) negatedResult() bool {
	neg, pos := false, false
	for _, m := range a.ms {
		if m.cls == clsStar && m.group == starR {
			if m.neg {
				neg = true
			} else {
				pos = true
			}
		}
	}
	return neg && !pos
}
