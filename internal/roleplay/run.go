package roleplay

import "slices"

// State is a run in progress. It is a plain value (JSON-serialisable) and
// holds everything Step needs, so a run resumes from it on any instance and
// in either language of the scenario (both have the same graph).
type State struct {
	Scenario string `json:"scenario"`
	// Node is the buyer turn the candidate answers next (or the end node).
	Node  string `json:"node"`
	Trust int    `json:"trust"`
	// Turns counts the candidate's replies so far.
	Turns int `json:"turns"`
	// Revealed lists fact ids in the order the buyer revealed them.
	Revealed       []string `json:"revealed,omitempty"`
	DiscoveryTurns int      `json:"discoveryTurns"`
	DiscountAsked  bool     `json:"discountAsked,omitempty"`
	Done           bool     `json:"done,omitempty"`
	// Outcome is set when Done: next-step, buyer-ended, no-decision or turn-limit.
	Outcome string `json:"outcome,omitempty"`
}

// Turn is one exchange: the candidate's reply to a buyer line and the
// buyer's answer.
type Turn struct {
	Index       int    `json:"index"` // 1-based
	From        string `json:"from"`  // node whose line was answered
	BuyerLine   string `json:"buyerLine"`
	Reply       string `json:"reply"`
	Moves       []Move `json:"moves"`
	TrustBefore int    `json:"trustBefore"`
	TrustAfter  int    `json:"trustAfter"`
	To          string `json:"to"`
	Line        string `json:"line"` // the buyer's answer
	// Revealed are the facts the answer revealed.
	Revealed []string `json:"revealed,omitempty"`
	// Outcome is set on the turn that ended the run.
	Outcome string `json:"outcome,omitempty"`
}

// Weights is how much each move changes the buyer's trust (0–100). Asking
// about budget or for a next step while trust is still low (below 35)
// costs trust instead (EarlyBudget, EarlyClose): a buyer who does not yet
// believe you has no reason to share numbers or book time.
var Weights = map[Move]int{
	OpenQuestion:      5,
	ClosedQuestion:    0,
	AskedImpact:       6,
	AskedDecision:     3,
	AskedTimeline:     3,
	AskedBudget:       2,
	AskedCompetition:  2,
	AskedCriteria:     4,
	Summarised:        8,
	TiedNeed:          8,
	PitchedEarly:      -12,
	GaveDiscount:      -10,
	TradedConcession:  3,
	TalkedLong:        -8,
	ObjectionQuestion: 6,
	AskedNextStep:     4,
}

// Trust changes that replace Weights while trust is low.
const (
	EarlyBudget = -4
	EarlyClose  = -6
)

// Delta is the trust change for the moves of one reply at trust.
func Delta(moves []Move, trust int) int {
	d := 0
	for _, m := range moves {
		w := Weights[m]
		if trust < lowBand {
			switch m {
			case AskedBudget:
				w = EarlyBudget
			case AskedNextStep:
				w = EarlyClose
			}
		}
		d += w
	}
	return d
}

// Start begins a run at the scenario's start node.
func Start(s *Scenario) State {
	st := State{Scenario: s.ID, Node: s.Start, Trust: s.Trust}
	st.arrive(s, s.byID[s.Start])
	return st
}

// arrive records reaching node n: facts revealed (at the current trust),
// a discount request, the end.
func (st *State) arrive(s *Scenario, n *Node) []string {
	st.Node = n.ID
	var got []string
	for _, r := range n.Reveal {
		if st.Trust >= r.MinTrust && !slices.Contains(st.Revealed, r.Fact) {
			st.Revealed = append(st.Revealed, r.Fact)
			got = append(got, r.Fact)
		}
	}
	if n.AsksDiscount {
		st.DiscountAsked = true
	}
	if n.End != "" {
		st.Done = true
		st.Outcome = n.End
	}
	return got
}

// Context builds the detection context for the node the state is at.
func (st State) Context(s *Scenario) Context {
	n := s.byID[st.Node]
	ctx := Context{DiscoveryTurns: st.DiscoveryTurns, DiscountAsked: st.DiscountAsked}
	if n != nil {
		ctx.BuyerLine = s.Line(n.ID, st.Trust)
		ctx.Objection = n.Objection
	}
	for _, id := range st.Revealed {
		if f := s.factBy[id]; f != nil {
			ctx.NeedCues = append(ctx.NeedCues, f.Cues...)
		}
	}
	return ctx
}

// Step answers one candidate reply: it detects the moves, moves trust,
// takes the first matching branch (or the default), reveals the facts of
// the node reached and ends the run on an end node, when trust falls below
// the walk-out level (the buyer ends the call) or at the turn limit. A
// finished run, or a state that does not belong to s, is returned as it is
// with a zero Turn.
func Step(s *Scenario, st State, reply, lang string) (State, Turn) {
	n := s.byID[st.Node]
	if st.Done || n == nil || st.Scenario != s.ID {
		return st, Turn{}
	}
	st.Revealed = slices.Clone(st.Revealed)
	ctx := st.Context(s)
	moves := Detect(reply, lang, ctx)
	t := Turn{Index: st.Turns + 1, From: n.ID, BuyerLine: ctx.BuyerLine, Reply: reply, Moves: moves, TrustBefore: st.Trust}
	st.Trust = clamp(st.Trust+Delta(moves, st.Trust), 0, 100)
	st.Turns++
	if discovers(moves) {
		st.DiscoveryTurns++
	}
	next := choose(n, moves, st.Trust)
	limit := false
	if s.byID[next].End == "" {
		switch {
		case st.Trust < s.WalkoutBelow:
			next = s.OnWalkout
		case st.Turns >= s.TurnLimit:
			next, limit = s.OnLimit, true
		}
	}
	t.Revealed = st.arrive(s, s.byID[next])
	if limit {
		st.Outcome = EndTurnLimit
	}
	t.To, t.TrustAfter, t.Outcome = next, st.Trust, st.Outcome
	t.Line = s.Line(next, st.Trust)
	return st, t
}

// choose returns the target of the first branch of n that matches.
func choose(n *Node, moves []Move, trust int) string {
	for _, b := range n.Branches {
		if b.matches(moves, trust) {
			return b.To
		}
	}
	return n.Default
}

func (b Branch) matches(moves []Move, trust int) bool {
	for _, m := range b.When {
		if !slices.Contains(moves, m) {
			return false
		}
	}
	if len(b.Any) > 0 {
		ok := false
		for _, m := range b.Any {
			ok = ok || slices.Contains(moves, m)
		}
		if !ok {
			return false
		}
	}
	for _, m := range b.Unless {
		if slices.Contains(moves, m) {
			return false
		}
	}
	if trust < b.MinTrust || b.MaxTrust > 0 && trust > b.MaxTrust {
		return false
	}
	return true
}

func clamp(v, lo, hi int) int { return max(lo, min(hi, v)) }
