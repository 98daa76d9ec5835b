package roleplay

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Element is the scorecard line of one qualification element.
type Element struct {
	Code      string `json:"code"`      // e.g. "metrics", "budget"
	Framework string `json:"framework"` // "MEDDICC" or "BANT"
	Uncovered bool   `json:"uncovered"`
	// Turn is the turn whose answer uncovered it (0 for the opening line),
	// or, when missed, the turn at which a strong rep would have asked.
	Turn int `json:"turn"`
	// Facts are the scenario's facts carrying this element.
	Facts []string `json:"facts"`
	// Question is, for a missed element, what a strong rep would have asked.
	Question string `json:"question,omitempty"`
}

// Finding is one scorecard observation: a language-neutral code and its
// parameters; Message renders it.
type Finding struct {
	Code   string   `json:"code"`
	Params []string `json:"params,omitempty"`
}

// Scorecard is the end-of-run assessment.
type Scorecard struct {
	Scenario        string    `json:"scenario"`
	Outcome         string    `json:"outcome"`
	NextStep        bool      `json:"nextStep"`      // the buyer agreed a next step
	AskedNextStep   bool      `json:"askedNextStep"` // the candidate asked for a concrete one
	Elements        []Element `json:"elements"`
	OpenQuestions   int       `json:"openQuestions"`
	ClosedQuestions int       `json:"closedQuestions"`
	CandidateUnits  int       `json:"candidateUnits"` // words (en) or characters (ja)
	BuyerUnits      int       `json:"buyerUnits"`
	// TalkShare is the candidate's share of all words spoken, in percent.
	TalkShare int `json:"talkShare"`
	// GaveAway lists the turns with a discount given unasked or without a trade.
	GaveAway     []int     `json:"gaveAway,omitempty"`
	PitchedEarly []int     `json:"pitchedEarly,omitempty"`
	FinalTrust   int       `json:"finalTrust"`
	Findings     []Finding `json:"findings"`
	Transcript   []Turn    `json:"transcript"`
}

// Uncovered counts the uncovered elements of a framework.
func (c Scorecard) Uncovered(framework string) (got, of int) {
	for _, e := range c.Elements {
		if e.Framework == framework {
			of++
			if e.Uncovered {
				got++
			}
		}
	}
	return got, of
}

// Score assesses a finished (or abandoned) run from its transcript.
// The opening line's reveals count as uncovered at turn 0.
func Score(s *Scenario, transcript []Turn) Scorecard {
	c := Scorecard{Scenario: s.ID, Transcript: transcript, Outcome: EndNoDecision, FinalTrust: s.Trust}
	revealedAt := map[string]int{}
	start := Start(s)
	for _, f := range start.Revealed {
		revealedAt[f] = 0
	}
	c.BuyerUnits = units(s.Line(s.Start, s.Trust))
	for _, t := range transcript {
		for _, f := range t.Revealed {
			if _, ok := revealedAt[f]; !ok {
				revealedAt[f] = t.Index
			}
		}
		c.CandidateUnits += units(t.Reply)
		c.BuyerUnits += units(t.Line)
		for _, m := range t.Moves {
			switch m {
			case OpenQuestion:
				c.OpenQuestions++
			case ClosedQuestion:
				c.ClosedQuestions++
			case GaveDiscount:
				c.GaveAway = append(c.GaveAway, t.Index)
			case PitchedEarly:
				c.PitchedEarly = append(c.PitchedEarly, t.Index)
			case AskedNextStep:
				c.AskedNextStep = true
			}
		}
		c.FinalTrust = t.TrustAfter
		if t.Outcome != "" {
			c.Outcome = t.Outcome
		}
	}
	c.NextStep = c.Outcome == EndNextStep
	if total := c.CandidateUnits + c.BuyerUnits; total > 0 {
		c.TalkShare = (100*c.CandidateUnits + total/2) / total
	}
	for _, fw := range []struct {
		name  string
		codes []string
	}{{"MEDDICC", MEDDICC}, {"BANT", BANT}} {
		for _, code := range fw.codes {
			e := Element{Code: code, Framework: fw.name, Turn: -1}
			for _, f := range s.Facts {
				if !slices.Contains(f.Elements, code) {
					continue
				}
				e.Facts = append(e.Facts, f.ID)
				if at, ok := revealedAt[f.ID]; ok && (!e.Uncovered || at < e.Turn) {
					e.Uncovered, e.Turn = true, at
				}
			}
			if len(e.Facts) == 0 {
				continue // the scenario has nothing to find for this element
			}
			if !e.Uncovered {
				e.Turn, e.Question = missedAt(s, transcript, e.Facts)
			}
			c.Elements = append(c.Elements, e)
		}
	}
	c.Findings = findings(c)
	return c
}

// missedAt finds the moment the right question would have uncovered one
// of the facts: a turn where a branch of the node being answered led to a
// node revealing it and the candidate asked nothing (a pitch, a statement,
// a yes/no question), preferring the first such turn after the buyer had
// revealed something (the natural point to dig deeper); failing that, the
// last turn where it was one question away; failing that, the last turn.
// It returns the turn and that fact's question.
func missedAt(s *Scenario, transcript []Turn, facts []string) (int, string) {
	firstReveal := -1
	if len(Start(s).Revealed) > 0 {
		firstReveal = 0
	}
	wasted, wastedFact := 0, ""
	at, fact := 0, facts[0]
	for _, t := range transcript {
		n := s.byID[t.From]
		if n == nil {
			continue
		}
		for _, to := range n.next() {
			for _, r := range s.byID[to].Reveal {
				if !slices.Contains(facts, r.Fact) {
					continue
				}
				at, fact = t.Index, r.Fact
				if !discovers(t.Moves) {
					if firstReveal >= 0 && t.Index > firstReveal {
						return t.Index, s.factBy[r.Fact].Question
					}
					if wasted == 0 {
						wasted, wastedFact = t.Index, r.Fact
					}
				}
			}
		}
		if firstReveal < 0 && len(t.Revealed) > 0 {
			firstReveal = t.Index
		}
	}
	if wasted > 0 {
		return wasted, s.factBy[wastedFact].Question
	}
	if at == 0 && len(transcript) > 0 {
		at = transcript[len(transcript)-1].Index
	}
	return at, s.factBy[fact].Question
}

func itoa(n int) string { return strconv.Itoa(n) }

func joinTurns(ts []int) string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = itoa(t)
	}
	return strings.Join(out, ", ")
}

// findings turns the scorecard's figures into coded observations.
func findings(c Scorecard) []Finding {
	var out []Finding
	out = append(out, Finding{Code: "outcome." + c.Outcome})
	if !c.NextStep && c.AskedNextStep {
		out = append(out, Finding{Code: "next-step.asked"})
	}
	if !c.NextStep && !c.AskedNextStep {
		out = append(out, Finding{Code: "next-step.never-asked"})
	}
	for _, fw := range []string{"MEDDICC", "BANT"} {
		got, of := c.Uncovered(fw)
		out = append(out, Finding{Code: "elements." + strings.ToLower(fw), Params: []string{itoa(got), itoa(of)}})
	}
	for _, e := range c.Elements {
		if !e.Uncovered {
			out = append(out, Finding{Code: "element.missed", Params: []string{e.Code, itoa(e.Turn), e.Question}})
		}
	}
	qs := c.OpenQuestions + c.ClosedQuestions
	switch {
	case qs == 0:
		out = append(out, Finding{Code: "questions.none"})
	case c.OpenQuestions >= c.ClosedQuestions:
		out = append(out, Finding{Code: "questions.open", Params: []string{itoa(c.OpenQuestions), itoa(c.ClosedQuestions)}})
	default:
		out = append(out, Finding{Code: "questions.closed", Params: []string{itoa(c.OpenQuestions), itoa(c.ClosedQuestions)}})
	}
	switch {
	case c.TalkShare > 60:
		out = append(out, Finding{Code: "talk.high", Params: []string{itoa(c.TalkShare)}})
	case c.TalkShare < 20 && len(c.Transcript) > 0:
		out = append(out, Finding{Code: "talk.low", Params: []string{itoa(c.TalkShare)}})
	default:
		out = append(out, Finding{Code: "talk.good", Params: []string{itoa(c.TalkShare)}})
	}
	if len(c.GaveAway) > 0 {
		out = append(out, Finding{Code: "gave-away", Params: []string{joinTurns(c.GaveAway)}})
	}
	if len(c.PitchedEarly) > 0 {
		out = append(out, Finding{Code: "pitched-early", Params: []string{joinTurns(c.PitchedEarly)}})
	}
	return out
}

var findingText = map[string][2]string{ // en, ja
	"outcome.next-step":     {"The buyer agreed a concrete next step.", "買い手が具体的な次のステップに合意しました。"},
	"outcome.buyer-ended":   {"The buyer ended the call.", "買い手が通話を打ち切りました。"},
	"outcome.no-decision":   {"The call ended politely, without a next step.", "次のステップが決まらないまま、通話が終わりました。"},
	"outcome.turn-limit":    {"The call ran out of time before a next step was agreed.", "次のステップが決まる前に時間切れになりました。"},
	"next-step.asked":       {"You asked for a next step, but the buyer was not ready to agree to it.", "次のステップを打診しましたが、買い手は合意するところまで来ていませんでした。"},
	"next-step.never-asked": {"You never asked for a concrete next step (a date, who attends, what happens).", "具体的な次のステップ（日時・参加者・やること）を一度も打診しませんでした。"},
	"elements.meddicc":      {"MEDDICC: %[1]s of %[2]s elements uncovered.", "MEDDICC: %[2]s要素中%[1]s要素を把握しました。"},
	"elements.bant":         {"BANT: %[1]s of %[2]s elements uncovered.", "BANT: %[2]s要素中%[1]s要素を把握しました。"},
	"element.missed":        {"Missed %[1]s. At turn %[2]s a strong rep would have asked: “%[3]s”", "%[1]sを把握できませんでした。%[2]sターン目で、できる営業ならこう聞きます:「%[3]s」"},
	"questions.none":        {"You asked no questions.", "質問を一つもしませんでした。"},
	"questions.open":        {"Questions: %[1]s open, %[2]s closed. Good: open questions let the buyer talk.", "質問: オープン%[1]s回、クローズド%[2]s回。オープンな質問で買い手に話してもらえています。"},
	"questions.closed":      {"Questions: %[1]s open, %[2]s closed. Ask more open questions (what, how, tell me about…).", "質問: オープン%[1]s回、クローズド%[2]s回。「どのように」「何が」などオープンな質問を増やしましょう。"},
	"talk.good":             {"You spoke %[1]s%% of the words: the buyer did most of the talking.", "あなたの発話量は全体の%[1]s%%で、買い手に多く話してもらえました。"},
	"talk.high":             {"You spoke %[1]s%% of the words. Aim for under 50%%: ask, then listen.", "あなたの発話量は全体の%[1]s%%でした。50%%未満を目安に、聞いてから話しましょう。"},
	"talk.low":              {"You spoke only %[1]s%% of the words: say a little more about how you can help.", "あなたの発話量は全体の%[1]s%%だけでした。どう役に立てるかをもう少し伝えましょう。"},
	"gave-away":             {"Turn %[1]s: you gave a discount unasked or without getting anything in return.", "%[1]sターン目: 求められていない値引き、または見返りのない値引きをしました。"},
	"pitched-early":         {"Turn %[1]s: you pitched features before finding out what the buyer needs.", "%[1]sターン目: ニーズを聞く前に機能の説明を始めました。"},
}

var elementText = map[string][2]string{
	"metrics":           {"metrics (the cost of the problem in numbers)", "Metrics（課題の定量的なインパクト）"},
	"economic-buyer":    {"the economic buyer", "Economic Buyer（予算を持つ決裁者）"},
	"decision-criteria": {"the decision criteria", "Decision Criteria（選定基準）"},
	"decision-process":  {"the decision process", "Decision Process（意思決定プロセス）"},
	"identified-pain":   {"the pain", "Identified Pain（顕在化した課題）"},
	"champion":          {"a champion", "Champion（社内の推進者）"},
	"competition":       {"the competition", "Competition（競合・代替案）"},
	"budget":            {"budget", "Budget（予算）"},
	"authority":         {"authority (who signs)", "Authority（決裁権限）"},
	"need":              {"need", "Need（ニーズ）"},
	"timeline":          {"timeline", "Timeline（導入時期）"},
}

var moveText = map[Move][2]string{
	OpenQuestion:      {"open question", "オープンクエスチョン"},
	ClosedQuestion:    {"closed question", "クローズドクエスチョン"},
	AskedImpact:       {"asked about impact or cost", "影響・コストを質問"},
	AskedDecision:     {"asked who decides and how", "決裁者・決め方を質問"},
	AskedTimeline:     {"asked about timeline", "時期を質問"},
	AskedBudget:       {"asked about budget", "予算を質問"},
	AskedCompetition:  {"asked about alternatives", "競合・代替案を質問"},
	AskedCriteria:     {"asked what success looks like", "成功の基準を質問"},
	Summarised:        {"summarised", "要約して確認"},
	TiedNeed:          {"tied a capability to a need", "機能をニーズに結びつけた"},
	PitchedEarly:      {"pitched before discovery", "ヒアリング前に売り込み"},
	GaveDiscount:      {"gave a discount away", "見返りのない値引き"},
	TradedConcession:  {"traded a concession", "条件付きで譲歩"},
	TalkedLong:        {"talked far longer than the buyer", "買い手よりかなり長く話した"},
	ObjectionQuestion: {"met the objection with a question", "反論に質問で応じた"},
	AskedNextStep:     {"asked for a concrete next step", "具体的な次のステップを打診"},
}

func pick(t [2]string, lang string) string {
	if lang == "ja" {
		return t[1]
	}
	return t[0]
}

// Message renders a finding in lang ("ja", otherwise English). Element
// codes in parameters are rendered by name; an unknown code renders as
// itself rather than failing.
func Message(f Finding, lang string) string {
	t, ok := findingText[f.Code]
	if !ok {
		return f.Code
	}
	args := make([]any, len(f.Params))
	for i, p := range f.Params {
		args[i] = p
	}
	if f.Code == "element.missed" && len(args) > 0 {
		args[0] = ElementName(f.Params[0], lang)
	}
	tmpl := pick(t, lang)
	// pass only the parameters the template uses, so a finding with extra
	// or missing parameters still renders cleanly
	used := 0
	for i := 1; i <= 9; i++ {
		if strings.Contains(tmpl, "%["+itoa(i)+"]") {
			used = i
		}
	}
	for len(args) < used {
		args = append(args, "")
	}
	if used == 0 {
		return strings.ReplaceAll(tmpl, "%%", "%")
	}
	return fmt.Sprintf(tmpl, args[:used]...)
}

// ElementName names a MEDDICC/BANT element in lang.
func ElementName(code, lang string) string {
	if t, ok := elementText[code]; ok {
		return pick(t, lang)
	}
	return code
}

// MoveName names a move in lang.
func MoveName(m Move, lang string) string {
	if t, ok := moveText[m]; ok {
		return pick(t, lang)
	}
	return string(m)
}
