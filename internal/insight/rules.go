package insight

import (
	"math"
	"strings"
	"unicode/utf8"
)

// ---- English own actions and STAR labels ----

var irregularPast = toSet("built", "ran", "made", "took", "met", "led", "wrote", "set", "sent", "brought", "found", "gave", "got",
	"went", "began", "spoke", "drew", "chose", "sought", "caught", "taught", "held", "kept", "told", "won", "sold", "put", "cut",
	"spent", "rebuilt", "broke", "drove", "flew", "rewrote", "understood", "did", "hit", "shared", "laid", "ran", "rang", "stood",
	"brought", "dug", "grew", "bought", "knew", "lost", "paid", "split", "swapped", "threw", "wound", "won")

var notPast = toSet("need", "feed", "speed", "succeed", "exceed", "proceed", "bleed", "breed", "seed", "heed", "indeed")

var actionAdverbs = toSet("then", "also", "first", "personally", "immediately", "quickly", "finally", "eventually", "just", "later",
	"even", "initially", "directly", "proactively", "carefully", "together", "all", "both", "jointly", "myself", "ourselves", "next", "and")

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
			k := j
			for k < len(low) && (low[k] == ' ' || low[k] == ',') {
				k++
			}
			e := k
			for e < len(low) && isAlpha(low[e]) {
				e++
			}
			w := low[k:e]
			if w == "" {
				break
			}
			if actionAdverbs[w] {
				j = e
				continue
			}
			if irregularPast[w] || len(w) > 3 && strings.HasSuffix(w, "ed") && !notPast[w] {
				out = append(out, match{start: i, end: e, cls: clsPast, group: grp, key: w})
			}
			break
		}
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

// ---- length ----

func (a *analysis) length() Finding {
	rep := a.rep
	f := Finding{Kind: KindLength, Verdict: Warn, Params: map[string]string{}}
	s := float64(rep.SuggestedSeconds)
	lo := int(math.Ceil(lengthLow * s * rate(a.lang)))
	hi := int(math.Floor(lengthHigh * s * rate(a.lang)))
	unit := "words"
	if a.lang == "ja" {
		unit = "chars"
	}
	f.Params["units"], f.Params["unit"] = itoa(rep.Units), unit
	f.Params["seconds"], f.Params["suggested"] = itoa(rep.EstimatedSeconds), itoa(rep.SuggestedSeconds)
	f.Params["lo"], f.Params["hi"] = itoa(lo), itoa(hi)
	switch {
	case rep.Units == 0:
		f.Code = "length.empty"
	case rep.BelowMinimum:
		f.Code = "length.minimum"
	case rep.Units < lo:
		f.Code = "length.short"
	case rep.Units > hi:
		f.Code = "length.long"
	default:
		f.Verdict, f.Code = Good, "length.good"
	}
	return f
}

// ---- evidence ----

func (a *analysis) evidence() (Finding, bool) {
	if a.format == FormatRoleplay {
		return Finding{}, false
	}
	f := Finding{Kind: KindEvidence}
	switch {
	case len(a.figs) > 0:
		f.Verdict, f.Code = Good, "evidence.good"
		f.Items = append([]string(nil), a.rep.Evidence...)
		f.Params = map[string]string{"n": itoa(len(a.figs))}
	case len(a.rep.Vague) > 0:
		f.Verdict, f.Code = Warn, "evidence.vague"
		f.Items = append([]string(nil), a.rep.Vague...)
	default:
		f.Verdict, f.Code = Warn, "evidence.none"
	}
	f.Params = withFormat(f.Params, a.format)
	return f, true
}

func withFormat(p map[string]string, format string) map[string]string {
	if p == nil {
		p = map[string]string{}
	}
	p["format"] = format
	return p
}

// ---- structure ----

func (a *analysis) structure() (Finding, bool) {
	switch a.format {
	case FormatProcess:
		return a.processStructure(), true
	case FormatRoleplay:
		return a.roleplayStructure(), true
	case FormatMotivation:
		return a.motivationStructure(), true
	case FormatKnowledge:
		return a.knowledgeStructure(), true
	}
	return a.storyStructure(), true
}

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

func (a *analysis) processStructure() Finding {
	steps := map[string]bool{}
	var items []string
	for _, m := range a.count(clsStep, -1) {
		steps[m.key] = true
		items = appendUnique(items, a.text(m))
	}
	// numbered lines: "1." "2)" at the start of lines
	numbered := 0
	for _, line := range strings.Split(a.nt.txt, "\n") {
		t := strings.TrimLeft(line, " -*")
		if len(t) > 1 && isDigit(t[0]) && (t[1] == '.' || t[1] == ')') {
			numbered++
		}
	}
	actionSents := map[int]bool{}
	for _, m := range a.ms {
		if !m.neg && (m.cls == clsPast || m.cls == clsStar && m.group == starA) {
			actionSents[m.sent] = true
		}
	}
	for _, m := range a.modalActions() {
		actionSents[m] = true
	}
	hasSteps := len(steps) >= 2 || numbered >= 2 || len(actionSents) >= 3
	examples := a.count(clsExample, -1)
	hasExample := a.processExample()
	for _, m := range examples {
		items = appendUnique(items, a.text(m))
	}
	f := Finding{Kind: KindStructure, Items: items, Params: map[string]string{"format": FormatProcess}}
	switch {
	case hasSteps && hasExample:
		f.Verdict, f.Code = Good, "structure.process.good"
	case hasSteps:
		f.Verdict, f.Code = Warn, "structure.process.no-example"
	case hasExample:
		f.Verdict, f.Code = Warn, "structure.process.no-steps"
	default:
		f.Verdict, f.Code = Warn, "structure.process.none"
	}
	return f
}

// modalActions returns sentence indexes with "I would/I'd/I will/I ask"
// style actions (a process told in the present or conditional).
// processExample reports whether a process answer gives a concrete case:
// an example cue, or the speaker's own past actions with a figure.
func (a *analysis) processExample() bool {
	return len(a.count(clsExample, -1)) > 0 || len(a.figs) > 0 && len(a.ownActs) > 0
}

// presentActions counts "I <verb>" in a process told in the present or
// conditional ("I ask", "I would map"), not "I think" or "I am".
func (a *analysis) presentActions() int {
	if a.lang != "en" {
		return 0
	}
	n := 0
	low := a.nt.low
	for _, t := range tokens(low) {
		if low[t.start:t.end] != "i" {
			continue
		}
		e := t.end
		for e < len(low) && low[e] == ' ' {
			e++
		}
		k := e
		for k < len(low) && (isAlpha(low[k]) || low[k] == '\'') {
			k++
		}
		if w := low[e:k]; w != "" && !notAction[w] {
			n++
		}
	}
	return n
}

var notAction = toSet("am", "was", "think", "believe", "guess", "feel", "hope", "mean", "know", "need", "want", "like", "love", "don't",
	"do", "can", "could", "might", "may", "have", "had", "suppose", "really", "just", "also", "'m", "wish", "see", "get", "is", "should", "must", "didn't", "won't", "can't", "never", "not")

func (a *analysis) modalActions() []int {
	if a.lang != "en" {
		var out []int
		for _, m := range a.ms {
			if m.cls == clsStep && !m.neg {
				out = append(out, m.sent)
			}
		}
		return out
	}
	var out []int
	low := a.nt.low
	for _, p := range []string{"i would ", "i'd ", "i will ", "i'll ", "i ask ", "i start ", "i map ", "i send ", "i book ", "i check ", "i build ", "i review ", "i call ", "i qualify ", "i confirm ", "i set ", "i make ", "i follow ", "i look ", "i use ", "i then "} {
		for i := 0; ; {
			j := strings.Index(low[i:], p)
			if j < 0 {
				break
			}
			at := i + j
			if at == 0 || !isWordByte(low[at-1]) {
				out = append(out, a.cl.sentOf[a.cl.clauseAt(at)])
			}
			i = at + len(p)
		}
	}
	return out
}

func (a *analysis) roleplayStructure() Finding {
	var moves [4]bool
	var items []string
	for _, m := range a.count(clsRole, -1) {
		if m.group < 4 {
			moves[m.group] = true
			items = appendUnique(items, a.text(m))
		}
	}
	if strings.ContainsAny(a.nt.txt, "?") {
		moves[roleAsk] = true
	}
	buyer := false
	if a.lang == "en" {
		you := 0
		for _, m := range a.ms {
			if m.cls == clsRef && m.group == grpCustomer && (m.key == "you" || m.key == "your" || m.key == "yours") {
				you++
			}
		}
		buyer = you >= 2
	} else {
		buyer = len(a.count(clsRole, roleBuyer)) > 0 || moves[roleAsk] || moves[roleConcern] || moves[roleNeed] || strings.Contains(a.nt.txt, "ご")
	}
	n := 0
	var done, missing []string
	names := []string{"ask", "need", "concern", "next"}
	for i, ok := range moves {
		if ok {
			n++
			done = append(done, names[i])
		} else {
			missing = append(missing, names[i])
		}
	}
	f := Finding{Kind: KindStructure, Items: items, Params: map[string]string{"format": FormatRoleplay, "moves": itoa(n), "found": strings.Join(done, ","), "missing": strings.Join(missing, ",")}}
	switch {
	case !buyer:
		f.Verdict, f.Code = Warn, "structure.roleplay.not-to-buyer"
	case n >= 3:
		f.Verdict, f.Code = Good, "structure.roleplay.good"
	default:
		f.Verdict, f.Code = Warn, "structure.roleplay.missing"
	}
	return f
}

func (a *analysis) motivationStructure() Finding {
	specific := a.count(clsMotive, motSpecific)
	exp := a.count(clsMotive, motExperience)
	var items []string
	for _, m := range specific {
		items = appendUnique(items, a.text(m))
	}
	hasExp := (len(exp) > 0 || len(a.ownActs) > 0) && len(a.figs) > 0
	isSpecific := len(specific) > 0 || len(a.rep.Vocabulary) >= 2
	f := Finding{Kind: KindStructure, Items: items, Params: map[string]string{"format": FormatMotivation}}
	switch {
	case isSpecific && hasExp:
		f.Verdict, f.Code = Good, "structure.motivation.good"
	case isSpecific:
		f.Verdict, f.Code = Warn, "structure.motivation.no-proof"
	default:
		f.Verdict, f.Code = Warn, "structure.motivation.generic"
	}
	return f
}

func (a *analysis) knowledgeStructure() Finding {
	terms := len(a.rep.Vocabulary)
	formula := len(a.count(clsFormula, -1)) > 0 && len(a.figs) > 0 || len(a.figs) >= 2
	f := Finding{Kind: KindStructure, Items: append([]string(nil), a.rep.Evidence...), Params: map[string]string{"format": FormatKnowledge}}
	switch {
	case terms >= 2 && formula, terms >= 3 && len(a.figs) > 0:
		f.Verdict, f.Code = Good, "structure.knowledge.good"
	case terms >= 1:
		f.Verdict, f.Code = Warn, "structure.knowledge.no-number"
	default:
		f.Verdict, f.Code = Warn, "structure.knowledge.no-terms"
	}
	return f
}

// ---- ownership: self, team, customer ----

func (a *analysis) ownership() (Finding, bool) {
	switch a.format {
	case FormatStory:
	case FormatProcess:
		if !a.processExample() {
			return Finding{}, false
		}
	default:
		return Finding{}, false
	}
	rep := a.rep
	total := rep.Self + rep.Team + rep.Customer
	own := len(a.ownActs)
	if a.format == FormatProcess {
		own += a.presentActions()
	}
	if total < ownershipMinRefs || rep.Self+rep.Team == 0 && own == 0 {
		// too few references, or nothing about the speaker to judge
		return Finding{}, false
	}
	f := Finding{Kind: KindOwnership, Params: map[string]string{
		"self": itoa(rep.Self), "team": itoa(rep.Team), "customer": itoa(rep.Customer), "actions": itoa(own)}}
	for _, m := range a.ownActs {
		if len(f.Items) < 6 {
			f.Items = appendUnique(f.Items, a.text(m))
		}
	}
	switch {
	case rep.Team >= 3 && rep.Team > 2*rep.Self && (own < 2 || a.lang == "ja" && rep.Self == 0):
		// Japanese drops the subject: with チーム/私たち and never 私, the
		// actions read as the team's
		f.Verdict, f.Code = Warn, "ownership.we"
	case rep.Team+rep.Customer == 0 && rep.Self >= 6 && a.customerStory():
		f.Verdict, f.Code = Warn, "ownership.me"
	case own == 0 && a.lang == "en":
		f.Verdict, f.Code = Warn, "ownership.no-action"
	case len(f.Items) == 0:
		f.Verdict, f.Code = Good, "ownership.balanced"
	default:
		f.Verdict, f.Code = Good, "ownership.good"
	}
	return f, true
}

// customerStory reports whether the question is about work with a
// customer (not a story about the speaker's own miss or motivation).
func (a *analysis) customerStory() bool {
	switch a.in.Category {
	case "mistakes", "motivation", "organisation":
		return false
	}
	return !a.missTold()
}

// lostDeal reports whether the answer tells a lost deal, churn or mistake.
func (a *analysis) lostDeal() bool {
	for _, m := range a.ms {
		if m.cls == clsMiss && m.group == missLost {
			return true
		}
	}
	return false
}

// missTold reports whether the answer tells a miss: a lost deal or missed
// target named as such (negated or not), or results only in negated clauses.
func (a *analysis) missTold() bool {
	for _, m := range a.ms {
		if m.cls == clsMiss {
			return true
		}
	}
	return a.negatedResult()
}

// ---- fillers and hedges ----

func (a *analysis) per100() (float64, float64) {
	if a.lang == "ja" {
		return fillerPer100JA, hedgePer100JA
	}
	return fillerPer100EN, hedgePer100EN
}

func (a *analysis) filler() (Finding, bool) {
	ms := a.count(clsFiller, -1)
	ms = append(ms, a.negatedOf(clsFiller)...)
	lim, _ := a.per100()
	return a.frequency(KindFiller, ms, lim, SpanFiller, true)
}

func (a *analysis) hedge() (Finding, bool) {
	ms := a.count(clsHedge, -1)
	ms = append(ms, a.negatedOf(clsHedge)...)
	_, lim := a.per100()
	return a.frequency(KindHedge, ms, lim, SpanHedge, false)
}

// negatedOf returns the matches of cls inside negated clauses (a filler is
// a filler there too).
func (a *analysis) negatedOf(cls int) []match {
	var out []match
	for _, m := range a.ms {
		if m.cls == cls && m.neg {
			out = append(out, m)
		}
	}
	return out
}

// frequency warns when 2+ hits exceed lim per 100 units.
func (a *analysis) frequency(kind string, ms []match, lim float64, spanKind string, goodWhenRare bool) (Finding, bool) {
	n := len(ms)
	per := 0.0
	if a.rep.Units > 0 {
		per = float64(n) * 100 / float64(a.rep.Units)
	}
	counts := map[string]int{}
	var order []string
	for _, m := range ms {
		if counts[m.key] == 0 {
			order = append(order, m.key)
		}
		counts[m.key]++
		a.span(m.start, m.end, spanKind, "")
	}
	f := Finding{Kind: kind, Params: map[string]string{"n": itoa(n), "per100": strconvF(per), "unit": unitOf(a.lang)}}
	for _, k := range order {
		f.Items = append(f.Items, k+" ×"+itoa(counts[k]))
	}
	if n >= 2 && per > lim {
		f.Verdict, f.Code = Warn, kind+".warn"
		f.Params["top"] = topKey(order, counts)
		return f, true
	}
	if !goodWhenRare {
		return Finding{}, false
	}
	f.Verdict, f.Code = Good, kind+".good"
	return f, true
}

func unitOf(lang string) string {
	if lang == "ja" {
		return "chars"
	}
	return "words"
}

func topKey(order []string, counts map[string]int) string {
	best := ""
	for _, k := range order {
		if best == "" || counts[k] > counts[best] {
			best = k
		}
	}
	return best
}

func strconvF(v float64) string {
	return strings.TrimSuffix(strings.TrimSuffix(formatFloat(v), "0"), ".")
}

func formatFloat(v float64) string {
	n := int(math.Round(v * 10))
	return itoa(n/10) + "." + itoa(n%10)
}

// ---- vocabulary ----

func (a *analysis) vocabulary() (Finding, bool) {
	n := len(a.rep.Vocabulary)
	f := Finding{Kind: KindVocabulary, Items: append([]string(nil), a.rep.Vocabulary...), Params: map[string]string{"n": itoa(n), "answer": a.lang}}
	if n >= vocabGoodMin {
		f.Verdict, f.Code = Good, "vocabulary.good"
		return f, true
	}
	used := map[string]bool{}
	for _, t := range a.rep.Vocabulary {
		used[t] = true
	}
	var sug []string
	for _, id := range suggestIDs {
		if !used[id] && len(sug) < 3 {
			sug = append(sug, id)
		}
	}
	f.Verdict, f.Code = Warn, "vocabulary.few"
	f.Params["suggest"] = strings.Join(sug, ",")
	return f, true
}

// ---- language ----

func (a *analysis) language() (Finding, bool) {
	if a.lang == a.rep.Lang {
		return Finding{}, false
	}
	return Finding{Kind: KindLanguage, Verdict: Warn, Code: "language.other", Params: map[string]string{"page": a.rep.Lang, "answer": a.lang}}, true
}

// ---- manners (Japanese answers only) ----

func (a *analysis) manners() (Finding, bool) {
	if a.lang != "ja" {
		return Finding{}, false
	}
	ms := a.count(clsManners, -1)
	ms = append(ms, a.negatedOf(clsManners)...)
	var fixes []string
	var items []string
	sasete := 0
	for _, m := range ms {
		if m.key == "いたします" {
			sasete++
		}
	}
	for _, m := range ms {
		if m.key == "いたします" && sasete < 3 {
			continue
		}
		a.span(m.start, m.end, SpanManners, m.key)
		fix := a.text(m) + "→" + m.key
		fixes = appendUnique(fixes, fix)
		items = appendUnique(items, a.text(m))
	}
	if len(fixes) == 0 {
		return Finding{}, false
	}
	f := Finding{Kind: KindManners, Verdict: Warn, Code: "manners.warn", Items: items, Params: map[string]string{"fixes": strings.Join(fixes, "|")}}
	if sasete >= 3 {
		f.Params["sasete"] = itoa(sasete)
	}
	return f, true
}

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
