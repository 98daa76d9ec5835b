package roleplay

import (
	"strings"
)

// A Move is a language-neutral code for something a candidate did in one
// reply, the way a sales manager listening to the call would name it.
type Move string

// The moves Detect knows. Scenario branches may name only these.
const (
	OpenQuestion      Move = "open-question"      // a question that cannot be answered yes or no
	ClosedQuestion    Move = "closed-question"    // a yes/no or either/or question
	AskedImpact       Move = "asked-impact"       // asked what the problem costs or causes
	AskedDecision     Move = "asked-decision"     // asked who decides and how
	AskedTimeline     Move = "asked-timeline"     // asked when, by when, how soon
	AskedBudget       Move = "asked-budget"       // asked about budget or current spend
	AskedCompetition  Move = "asked-competition"  // asked about alternatives or competitors
	AskedCriteria     Move = "asked-criteria"     // asked what success looks like or how they will choose
	Summarised        Move = "summarised"         // played back what the buyer said
	TiedNeed          Move = "tied-need"          // tied a capability to a need the buyer stated
	PitchedEarly      Move = "pitched-early"      // pitched features before any discovery
	GaveDiscount      Move = "gave-discount"      // offered a discount unasked or without a trade
	TradedConcession  Move = "traded-concession"  // offered a concession the buyer asked for, in exchange for something
	TalkedLong        Move = "talked-long"        // talked far longer than the buyer
	ObjectionQuestion Move = "objection-question" // met the buyer's objection with a question
	AskedNextStep     Move = "asked-next-step"    // asked for a concrete next step (date, attendees, action)
)

// Moves lists every move in a stable order (the order Detect returns them in).
var Moves = []Move{OpenQuestion, ClosedQuestion, AskedImpact, AskedDecision, AskedTimeline, AskedBudget,
	AskedCompetition, AskedCriteria, Summarised, TiedNeed, PitchedEarly, GaveDiscount, TradedConcession,
	TalkedLong, ObjectionQuestion, AskedNextStep}

// KnownMove reports whether m is one of Moves.
func KnownMove(m Move) bool {
	for _, k := range Moves {
		if k == m {
			return true
		}
	}
	return false
}

// Context is what Detect needs to know about the conversation so far.
type Context struct {
	// BuyerLine is the buyer's last line, the one the reply answers.
	BuyerLine string
	// NeedCues are the cue phrases of the facts the buyer has revealed so
	// far (in the reply's language): tying a capability to one of them is
	// tied-need, echoing one makes a "sounds like…" a summary.
	NeedCues []string
	// DiscoveryTurns counts the candidate's earlier replies that asked a
	// discovery question (open or on a qualification topic).
	DiscoveryTurns int
	// Objection is set when the buyer's last line raised an objection.
	Objection bool
	// DiscountAsked is set once the buyer has asked for a lower price.
	DiscountAsked bool
}

// Talk-length thresholds for talked-long: the reply must be at least
// talkRatio times the buyer's last line and at least talkMinEN words
// (talkMinJA characters); with no buyer line, talkAloneEN/JA apply.
const (
	talkRatio   = 3
	talkMinEN   = 70
	talkMinJA   = 180
	talkAloneEN = 120
	talkAloneJA = 300
)

// Detect returns the moves in reply, in the order of Moves. lang is the
// page's language ("ja" or "en"); a reply written mostly in Japanese is read
// with the Japanese lexicon whatever lang says, and the other way round.
// Detect is pure and deterministic.
func Detect(reply string, lang string, ctx Context) []Move {
	low := normalize(reply)
	if low == "" {
		return nil
	}
	ja := japaneseText(low) || lang == "ja" && !strings.ContainsFunc(low, isLatinLetter)
	lx := lexEN
	if ja {
		lx = lexJA
	}
	ss := parse(low, lx, ja)
	needs := make([]string, 0, len(ctx.NeedCues))
	for _, c := range ctx.NeedCues {
		if c = normalize(c); c != "" {
			needs = append(needs, c)
		}
	}

	has := map[Move]bool{}
	discount, trade := false, false
	summaryWeak := false
	pitch := false
	nextCue := false
	replyNeed := anyCue(low, needs)
	for _, s := range ss {
		for _, c := range s.clauses {
			if c.question && !c.negated {
				if c.open {
					has[OpenQuestion] = true
				} else {
					has[ClosedQuestion] = true
				}
			}
			if (c.question || c.topic) && !c.negated {
				if !ja && strings.HasPrefix(trimLeadIn(c.text, lx.leadIn), "when ") {
					has[AskedTimeline] = true
				}
				for _, t := range []struct {
					m    Move
					cues []string
				}{
					{AskedImpact, lx.impact}, {AskedDecision, lx.decision}, {AskedTimeline, lx.timeline},
					{AskedBudget, lx.budget}, {AskedCompetition, lx.competition}, {AskedCriteria, lx.criteria},
				} {
					if anyCue(c.text, t.cues) {
						has[t.m] = true
					}
				}
			}
			if c.negated {
				continue
			}
			if anyCue(c.text, lx.summaryStrong) {
				has[Summarised] = true
			} else if anyCue(c.text, lx.summaryWeak) {
				summaryWeak = true
			}
			if anyCue(c.text, lx.discount) && !isDiscountInquiry(c, lx) {
				discount = true
			}
			if anyCue(c.text, lx.trade) {
				trade = true
			}
			if !c.question && anyCue(c.text, lx.pitch) {
				pitch = true
			}
			if replyNeed && anyCue(c.text, lx.capability) && !isPlainQuestion(c) {
				has[TiedNeed] = true
			}
			if anyCue(c.text, lx.nextStep) {
				nextCue = true
			}
		}
	}
	if summaryWeak && anyCue(low, needs) {
		has[Summarised] = true
	}
	if pitch && ctx.DiscoveryTurns < 2 && !has[TiedNeed] {
		has[PitchedEarly] = true
	}
	if discount {
		if trade && ctx.DiscountAsked {
			has[TradedConcession] = true
		} else {
			has[GaveDiscount] = true
		}
	}
	if nextCue && concrete(low, lx, ja) {
		has[AskedNextStep] = true
	}
	if ctx.Objection && (has[OpenQuestion] || has[ClosedQuestion]) && !has[GaveDiscount] {
		has[ObjectionQuestion] = true
	}
	if talkedLong(low, normalize(ctx.BuyerLine), ja) {
		has[TalkedLong] = true
	}
	out := make([]Move, 0, len(has))
	for _, m := range Moves {
		if has[m] {
			out = append(out, m)
		}
	}
	return out
}

// isDiscountInquiry reports whether a clause mentioning a discount asks
// about one ("what discount did they offer?") rather than offering it.
func isDiscountInquiry(c clause, lx *lexicon) bool {
	return c.question && !anyCue(c.text, lx.offerFrame)
}

// isPlainQuestion reports whether a clause only asks, without stating what
// the product does: a question can still tie ("would it help if our routing
// removed the re-keying?") when it carries a capability frame with "if".
func isPlainQuestion(c clause) bool {
	return c.question && !strings.Contains(c.text, "if ") && !strings.Contains(c.text, "たら") && !strings.Contains(c.text, "れば")
}

// discovers reports whether the moves of one reply count as discovery
// (an open question or a question on a qualification topic).
func discovers(ms []Move) bool {
	for _, m := range ms {
		switch m {
		case OpenQuestion, AskedImpact, AskedDecision, AskedTimeline, AskedBudget, AskedCompetition, AskedCriteria:
			return true
		}
	}
	return false
}

// talkedLong compares the reply's length with the buyer's last line.
func talkedLong(reply, buyer string, ja bool) bool {
	n := units(reply)
	b := units(buyer)
	min, alone := talkMinEN, talkAloneEN
	if ja {
		min, alone = talkMinJA, talkAloneJA
	}
	if b == 0 {
		return n >= alone
	}
	return n >= min && n >= talkRatio*b
}

// concrete reports whether the reply names a date, a time, attendees or
// an action for the next step.
func concrete(s string, lx *lexicon, ja bool) bool {
	if anyCue(s, lx.concrete) {
		return true
	}
	// numbers followed by a time or date unit
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			continue
		}
		j := i
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ':' || s[j] == '/') {
			j++
		}
		rest := strings.TrimLeft(s[j:], " ")
		if ja {
			for _, u := range []string{"日", "時", "月", "/"} {
				if strings.HasPrefix(rest, u) {
					return true
				}
			}
		} else {
			for _, u := range []string{"am", "pm", "st ", "nd ", "rd ", "th ", "st.", "th.", "th?", "st?", "nd?", "rd?"} {
				if strings.HasPrefix(rest, u) || strings.HasPrefix(rest+" ", u) {
					return true
				}
			}
			if strings.Contains(s[i:j], ":") || strings.Contains(s[i:j], "/") {
				return true
			}
		}
		i = j
	}
	return false
}

// parse splits normalised text into sentences and clauses and marks each
// clause as a question (open or closed) and as negated.
func parse(s string, lx *lexicon, ja bool) []sentence {
	var out []sentence
	for _, t := range splitSentences(s) {
		sen := sentence{text: t}
		end := strings.TrimRight(t, " ")
		sen.question = strings.HasSuffix(end, "?")
		var parts []string
		if ja {
			parts = splitJA(t)
		} else {
			parts = splitEN(t)
		}
		for i, p := range parts {
			c := clause{text: p}
			if ja {
				markJA(&c, lx, sen.question)
			} else {
				markEN(&c, lx, sen.question, i == 0, i == len(parts)-1)
			}
			sen.clauses = append(sen.clauses, c)
		}
		if !ja && sen.question {
			// "If nothing changes, what happens?": the if-part carries the
			// topic; a trailing part of an open question stays open.
			open := false
			for i := range sen.clauses {
				c := &sen.clauses[i]
				if !c.question && strings.HasPrefix(c.text, "if ") {
					c.topic, c.negated = true, false
				}
				if c.question && !c.open && open && i == len(sen.clauses)-1 && !startsWith(trimLeadIn(c.text, lx.leadIn), lx.closedStart) {
					c.open = true
				}
				open = open || c.open
			}
		}
		if ja && sen.question {
			// A Japanese question puts its mark at the end; the topic often
			// sits in an earlier clause ("ご予算ですが、どのくらい…?").
			open := false
			for _, c := range sen.clauses {
				open = open || c.open
			}
			for i := range sen.clauses {
				if !sen.clauses[i].negated {
					sen.clauses[i].question = true
					sen.clauses[i].open = open
				}
			}
		}
		out = append(out, sen)
	}
	return out
}

var enBoundaries = []string{", but ", " but ", "; ", ", ", " - ", ", because ", " because ", ", although ", " although ", " however ", " though, ", " whereas "}

// splitEN cuts an English sentence at commas, semicolons, dashes and
// contrast words; "before"/"instead of" stay at the start of their clause.
func splitEN(s string) []string {
	parts := []string{s}
	for _, b := range enBoundaries {
		var next []string
		for _, p := range parts {
			for _, q := range strings.Split(p, b) {
				if q = strings.Trim(q, " .!?"); q != "" {
					next = append(next, q)
				}
			}
		}
		parts = next
	}
	return parts
}

// splitJA cuts a Japanese sentence at 、 and at contrastive が/けど.
func splitJA(s string) []string {
	s = strings.ReplaceAll(s, "けれども", "けれども、")
	s = strings.ReplaceAll(s, "ですが", "ですが、")
	s = strings.ReplaceAll(s, "ますが", "ますが、")
	s = strings.ReplaceAll(s, "ませんが", "ませんが、")
	var out []string
	for _, q := range strings.FieldsFunc(s, func(r rune) bool { return r == '、' || r == ',' }) {
		if q = strings.Trim(q, " 。.!?"); q != "" {
			out = append(out, q)
		}
	}
	return out
}

func isLatinLetter(r rune) bool { return r >= 'a' && r <= 'z' }

func trimLeadIn(s string, lead []string) string {
	for changed := true; changed; {
		changed = false
		for _, l := range lead {
			if strings.HasPrefix(s, l) {
				s = strings.TrimLeft(s[len(l):], " ,、")
				changed = true
			}
		}
	}
	return s
}

func markEN(c *clause, lx *lexicon, questionSentence, first, last bool) {
	t := trimLeadIn(c.text, lx.leadIn)
	switch {
	case startsWith(t, lx.openStart) && !startsWith(t, proposalStart) && (questionSentence && first || !nounClause(t, lx)):
		c.question, c.open = true, true
	case startsWith(t, lx.closedStart) && (questionSentence || last && looksAsked(t)):
		c.question = true
	case questionSentence && last:
		c.question = true
	}
	if c.question {
		return
	}
	c.negated = negatedEN(t, lx)
}

// proposalStart opens a suggestion, answered yes or no, though it starts
// with a wh-word.
var proposalStart = []string{"what if", "what about", "how about", "why don't", "why not"}

// nounClause reports whether a wh-word starts a noun clause ("what we do
// is…", "which means…") rather than a question, in a sentence without a
// question mark.
func nounClause(t string, lx *lexicon) bool {
	for _, p := range lx.openStart {
		if strings.HasPrefix(t, p+" ") {
			rest := t[len(p)+1:]
			for _, w := range lx.notQuestionNext {
				if strings.HasPrefix(rest, w+" ") || rest == w {
					return true
				}
			}
			return false
		}
	}
	return false
}

// looksAsked reports whether an unpunctuated clause starting with an
// auxiliary verb reads as a question ("do you have a budget") rather than a
// statement ("do let me know").
func looksAsked(t string) bool {
	for _, w := range []string{" you", " your", " there", " we", " they", " it", " that", " this", " he", " she", " i "} {
		if strings.Contains(t+" ", w+" ") || strings.Contains(t, w) {
			return !strings.HasPrefix(t, "do let") && !strings.HasPrefix(t, "can't") && !strings.HasPrefix(t, "won't")
		}
	}
	return false
}

func negatedEN(t string, lx *lexicon) bool {
	if anyCue(t, lx.deferral) || strings.HasPrefix(t, "before ") || strings.HasPrefix(t, "instead of") || strings.HasPrefix(t, "rather than") {
		return true
	}
	return anyCue(stripPhrases(t, lx.negExempt), lx.negation)
}

func markJA(c *clause, lx *lexicon, questionSentence bool) {
	t := trimLeadIn(c.text, lx.leadIn)
	ended := false
	for _, e := range lx.questionEnd {
		if strings.HasSuffix(t, e) {
			ended = true
			break
		}
	}
	req := anyCue(t, lx.request)
	if !ended && !req && questionSentence && negatedJA(t, lx) {
		c.negated = true
		return
	}
	if ended || req || questionSentence {
		c.question = true
		body := stripPhrases(t, lx.notOpen)
		c.open = req || anyCue(body, lx.openAny)
		// A question with a plain negation inside ("ご予算はまだ決まっていませんか")
		// is still a question; only an "I won't…" statement is negated.
		return
	}
	c.negated = negatedJA(t, lx)
}

func negatedJA(t string, lx *lexicon) bool {
	if anyCue(t, lx.deferral) {
		return true
	}
	return anyCue(stripPhrases(t, lx.negExempt), lx.negation)
}
