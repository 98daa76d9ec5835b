package insight

import "strings"

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

func (a *analysis) processStructure() Finding {
	steps := map[string]bool{}
	stepMs := a.count(clsStep, -1)
	for _, m := range stepMs {
		steps[m.key] = true
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
	hasExample := a.processExample()
	items := a.texts(append(stepMs, a.count(clsExample, -1)...))
	switch {
	case hasSteps && hasExample:
		return structureFinding(FormatProcess, "good", items)
	case hasSteps:
		return structureFinding(FormatProcess, "no-example", items)
	case hasExample:
		return structureFinding(FormatProcess, "no-steps", items)
	}
	return structureFinding(FormatProcess, "none", items)
}

// structureFinding is the structure finding of format with code: good
// for "good", otherwise a warning naming what is missing.
func structureFinding(format, code string, items []string) Finding {
	f := Finding{Kind: KindStructure, Verdict: Warn, Code: "structure." + format + "." + code, Items: items, Params: map[string]string{"format": format}}
	if code == "good" {
		f.Verdict = Good
	}
	return f
}

// texts returns the distinct texts of ms, in order.
func (a *analysis) texts(ms []match) []string {
	var out []string
	for _, m := range ms {
		out = appendUnique(out, a.text(m))
	}
	return out
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
	var moveMs []match
	for _, m := range a.count(clsRole, -1) {
		if m.group < 4 {
			moves[m.group] = true
			moveMs = append(moveMs, m)
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
	code := "missing"
	switch {
	case !buyer:
		code = "not-to-buyer"
	case n >= 3:
		code = "good"
	}
	f := structureFinding(FormatRoleplay, code, a.texts(moveMs))
	f.Params["moves"], f.Params["found"], f.Params["missing"] = itoa(n), strings.Join(done, ","), strings.Join(missing, ",")
	return f
}

func (a *analysis) motivationStructure() Finding {
	specific := a.count(clsMotive, motSpecific)
	exp := a.count(clsMotive, motExperience)
	hasExp := (len(exp) > 0 || len(a.ownActs) > 0) && len(a.figs) > 0
	isSpecific := len(specific) > 0 || len(a.rep.Vocabulary) >= 2
	items := a.texts(specific)
	switch {
	case isSpecific && hasExp:
		return structureFinding(FormatMotivation, "good", items)
	case isSpecific:
		return structureFinding(FormatMotivation, "no-proof", items)
	}
	return structureFinding(FormatMotivation, "generic", items)
}

func (a *analysis) knowledgeStructure() Finding {
	terms := len(a.rep.Vocabulary)
	formula := len(a.count(clsFormula, -1)) > 0 && len(a.figs) > 0 || len(a.figs) >= 2
	items := append([]string(nil), a.rep.Evidence...)
	switch {
	case terms >= 2 && formula, terms >= 3 && len(a.figs) > 0:
		return structureFinding(FormatKnowledge, "good", items)
	case terms >= 1:
		return structureFinding(FormatKnowledge, "no-number", items)
	}
	return structureFinding(FormatKnowledge, "no-terms", items)
}
