// Package roleplay runs aeprep's offline sales-call role-play: scripted
// buyers (scenarios loaded from content/roleplays) who answer according to
// the moves detected in the candidate's replies, a trust level that changes
// their tone and what they reveal, and a scorecard at the end. It is pure:
// no Echo, no GORM; the web layer stores State as JSON.
package roleplay

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Call types, in the order scenarios are listed.
var CallTypes = []string{"discovery", "cold-call", "price-objection", "competitor", "renewal-risk", "procurement-negotiation", "upsell", "handoff"}

// Qualification elements a fact can uncover: MEDDICC, then BANT.
var (
	MEDDICC = []string{"metrics", "economic-buyer", "decision-criteria", "decision-process", "identified-pain", "champion", "competition"}
	BANT    = []string{"budget", "authority", "need", "timeline"}
)

// End kinds of an end node.
const (
	EndNextStep    = "next-step"   // the buyer agreed a concrete next step
	EndBuyerEnded  = "buyer-ended" // the buyer ended the call
	EndNoDecision  = "no-decision" // polite close without a next step
	EndTurnLimit   = "turn-limit"  // outcome when the turn limit ends the run
	defaultTrust   = 40
	defaultWalkout = 10
)

// Trust bands: below lowBand is low, from highBand up is high.
const (
	lowBand  = 35
	highBand = 65
)

// Persona is the buyer the candidate speaks to.
type Persona struct {
	Name     string `yaml:"name"`
	Role     string `yaml:"role"`
	Company  string `yaml:"company"`
	Industry string `yaml:"industry"`
	Mood     string `yaml:"mood"`
}

// Fact is something the buyer knows and reveals only when asked well.
type Fact struct {
	ID string `yaml:"id"`
	// Elements are the MEDDICC/BANT elements the fact uncovers.
	Elements []string `yaml:"elements"`
	// Text is the fact as the scorecard states it.
	Text string `yaml:"text"`
	// Question is what a strong rep would ask to uncover it.
	Question string `yaml:"question"`
	// Cues are words a rep would echo when referring to the fact
	// (they feed tied-need and summary detection).
	Cues []string `yaml:"cues"`
}

// Lines are the buyer's words at a node, by trust band; Low and High fall
// back to Mid.
type Lines struct {
	Low  string `yaml:"low"`
	Mid  string `yaml:"mid"`
	High string `yaml:"high"`
}

// Reveal is a fact revealed on reaching a node, optionally only from a
// trust level up.
type Reveal struct {
	Fact     string `yaml:"fact"`
	MinTrust int    `yaml:"min_trust"`
}

// UnmarshalYAML accepts a bare fact id or {fact, min_trust}.
func (r *Reveal) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		r.Fact = n.Value
		return nil
	}
	type plain Reveal
	return n.Decode((*plain)(r))
}

// Branch leads to To when every move in When was detected, at least one
// of Any (if given), none of Unless, and trust (after this reply's moves)
// is within MinTrust..MaxTrust (MaxTrust 0 means no upper bound).
type Branch struct {
	When     []Move `yaml:"when"`
	Any      []Move `yaml:"any"`
	Unless   []Move `yaml:"unless"`
	MinTrust int    `yaml:"min_trust"`
	MaxTrust int    `yaml:"max_trust"`
	To       string `yaml:"to"`
}

// Node is one buyer turn.
type Node struct {
	ID  string `yaml:"id"`
	Say Lines  `yaml:"say"`
	// Reveal lists the facts revealed on reaching the node.
	Reveal []Reveal `yaml:"reveal"`
	// Objection marks a line that raises an objection (for objection-question).
	Objection bool `yaml:"objection"`
	// AsksDiscount marks a line in which the buyer asks for a lower price.
	AsksDiscount bool `yaml:"asks_discount"`
	// Branches are tried in order; Default is taken when none matches.
	Branches []Branch `yaml:"branches"`
	Default  string   `yaml:"default"`
	// End is set on end nodes: next-step, buyer-ended or no-decision.
	End string `yaml:"end"`
}

// Scenario is one role-play in one language.
type Scenario struct {
	ID         string  `yaml:"id"`
	Lang       string  `yaml:"lang"`
	Type       string  `yaml:"type"`
	Difficulty int     `yaml:"difficulty"`
	Title      string  `yaml:"title"`
	Situation  string  `yaml:"situation"`
	Persona    Persona `yaml:"persona"`
	// Trust is the buyer's trust at the start (0–100, default 40).
	Trust     int    `yaml:"trust"`
	TurnLimit int    `yaml:"turn_limit"`
	Start     string `yaml:"start"`
	// OnLimit is the end node said when the turn limit is reached.
	OnLimit string `yaml:"on_limit"`
	// OnWalkout is the end node said when trust falls below WalkoutBelow
	// (default 10): the buyer ends the call.
	OnWalkout    string  `yaml:"on_walkout"`
	WalkoutBelow int     `yaml:"walkout_below"`
	Facts        []Fact  `yaml:"facts"`
	Nodes        []*Node `yaml:"nodes"`

	// File is the path the scenario was loaded from.
	File   string           `yaml:"-"`
	byID   map[string]*Node `yaml:"-"`
	factBy map[string]*Fact `yaml:"-"`
}

// Node returns the node with id, or nil.
func (s *Scenario) Node(id string) *Node { return s.byID[id] }

// Fact returns the fact with id, or nil.
func (s *Scenario) Fact(id string) *Fact { return s.factBy[id] }

// Line returns the buyer's words at node id for trust.
func (s *Scenario) Line(id string, trust int) string {
	n := s.byID[id]
	if n == nil {
		return ""
	}
	switch band := Band(trust); {
	case band == "low" && n.Say.Low != "":
		return n.Say.Low
	case band == "high" && n.Say.High != "":
		return n.Say.High
	}
	return n.Say.Mid
}

// Band names the trust band: "low", "mid" or "high".
func Band(trust int) string {
	switch {
	case trust < lowBand:
		return "low"
	case trust >= highBand:
		return "high"
	}
	return "mid"
}

// Library holds every scenario in every language.
type Library struct {
	byID map[string]map[string]*Scenario
	ids  []string
}

// Get returns scenario id in lang (falling back to English), or nil.
func (l *Library) Get(id, lang string) *Scenario {
	m := l.byID[id]
	if m == nil {
		return nil
	}
	if s := m[lang]; s != nil {
		return s
	}
	return m["en"]
}

// List returns the scenarios in lang, ordered by call type, difficulty and id.
func (l *Library) List(lang string) []*Scenario {
	var out []*Scenario
	for _, id := range l.ids {
		if s := l.Get(id, lang); s != nil {
			out = append(out, s)
		}
	}
	return out
}

// Langs are the languages every scenario must exist in.
var Langs = []string{"ja", "en"}

// Load reads and validates every roleplays/<id>.<lang>.yaml in fsys. All
// problems are returned together, each naming the file (and node).
func Load(fsys fs.FS) (*Library, error) {
	l := &Library{byID: map[string]map[string]*Scenario{}}
	var errs []error
	fail := func(file, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", file, fmt.Sprintf(format, args...)))
	}
	entries, err := fs.ReadDir(fsys, "roleplays")
	if err != nil {
		return nil, fmt.Errorf("roleplays: %w", err)
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".yaml") {
			continue
		}
		file := path.Join("roleplays", name)
		base := strings.TrimSuffix(name, ".yaml")
		dot := strings.LastIndexByte(base, '.')
		if dot <= 0 || !slices.Contains(Langs, base[dot+1:]) {
			fail(file, "file name must be <id>.<lang>.yaml with lang ja or en")
			continue
		}
		id, lang := base[:dot], base[dot+1:]
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			fail(file, "%v", err)
			continue
		}
		s, err := Parse(file, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if s.ID != id {
			fail(file, "id %q does not match the file name (%q)", s.ID, id)
			continue
		}
		if s.Lang != lang {
			fail(file, "lang %q does not match the file name (%q)", s.Lang, lang)
			continue
		}
		if l.byID[id] == nil {
			l.byID[id] = map[string]*Scenario{}
			l.ids = append(l.ids, id)
		}
		l.byID[id][lang] = s
	}
	for _, id := range l.ids {
		m := l.byID[id]
		for _, lang := range Langs {
			if m[lang] == nil {
				fail(path.Join("roleplays", id+"."+lang+".yaml"), "missing translation: scenario %q has no %s file", id, lang)
			}
		}
		if m["ja"] != nil && m["en"] != nil {
			errs = append(errs, sameShape(m["en"], m["ja"])...)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	l.sort()
	return l, nil
}

// sort orders the scenarios by call type, difficulty and id.
func (l *Library) sort() {
	order := func(t string) int { return slices.Index(CallTypes, t) }
	sort.SliceStable(l.ids, func(i, j int) bool {
		a, b := l.byID[l.ids[i]]["en"], l.byID[l.ids[j]]["en"]
		if order(a.Type) != order(b.Type) {
			return order(a.Type) < order(b.Type)
		}
		if a.Difficulty != b.Difficulty {
			return a.Difficulty < b.Difficulty
		}
		return a.ID < b.ID
	})
}

// Parse decodes and validates one scenario file (without the checks that
// need the other language).
func Parse(file string, data []byte) (*Scenario, error) {
	var s Scenario
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	s.File = file
	if s.Trust == 0 {
		s.Trust = defaultTrust
	}
	if s.WalkoutBelow == 0 {
		s.WalkoutBelow = defaultWalkout
	}
	if errs := s.validate(); len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return &s, nil
}

func (s *Scenario) validate() []error {
	var errs []error
	fail := func(where, format string, args ...any) {
		if where != "" {
			where = " " + where
		}
		errs = append(errs, fmt.Errorf("%s%s: %s", s.File, where, fmt.Sprintf(format, args...)))
	}
	if s.ID == "" {
		fail("", "missing id")
	}
	if !slices.Contains(CallTypes, s.Type) {
		fail("", "unknown call type %q (one of %s)", s.Type, strings.Join(CallTypes, ", "))
	}
	if s.Difficulty < 1 || s.Difficulty > 3 {
		fail("", "difficulty must be 1, 2 or 3, not %d", s.Difficulty)
	}
	for name, v := range map[string]string{"title": s.Title, "situation": s.Situation, "persona.name": s.Persona.Name,
		"persona.role": s.Persona.Role, "persona.company": s.Persona.Company, "persona.industry": s.Persona.Industry, "persona.mood": s.Persona.Mood} {
		if strings.TrimSpace(v) == "" {
			fail("", "missing translation: %s is empty", name)
		}
	}
	if s.Trust < 0 || s.Trust > 100 {
		fail("", "trust must be 0–100, not %d", s.Trust)
	}
	if s.TurnLimit < 2 || s.TurnLimit > 40 {
		fail("", "turn_limit must be 2–40, not %d", s.TurnLimit)
	}
	s.factBy = map[string]*Fact{}
	elements := append(slices.Clone(MEDDICC), BANT...)
	for i := range s.Facts {
		f := &s.Facts[i]
		where := "fact " + f.ID
		if f.ID == "" {
			fail(fmt.Sprintf("fact #%d", i+1), "missing id")
			continue
		}
		if s.factBy[f.ID] != nil {
			fail(where, "duplicate fact id")
		}
		s.factBy[f.ID] = f
		if len(f.Elements) == 0 {
			fail(where, "no elements (MEDDICC/BANT) tagged")
		}
		for _, e := range f.Elements {
			if !slices.Contains(elements, e) {
				fail(where, "unknown element %q", e)
			}
		}
		if strings.TrimSpace(f.Text) == "" || strings.TrimSpace(f.Question) == "" {
			fail(where, "missing translation: text and question are required")
		}
		if len(f.Cues) == 0 {
			fail(where, "no cues")
		}
	}
	s.byID = map[string]*Node{}
	for i, n := range s.Nodes {
		if n == nil || n.ID == "" {
			fail(fmt.Sprintf("node #%d", i+1), "missing id")
			continue
		}
		if s.byID[n.ID] != nil {
			fail("node "+n.ID, "duplicate node id")
		}
		s.byID[n.ID] = n
	}
	if len(errs) > 0 {
		return errs
	}
	if s.byID[s.Start] == nil {
		fail("", "unknown start node %q", s.Start)
	}
	for _, f := range []struct{ name, id string }{{"on_limit", s.OnLimit}, {"on_walkout", s.OnWalkout}} {
		n := s.byID[f.id]
		switch {
		case n == nil:
			fail("", "%s: unknown node %q", f.name, f.id)
		case n.End == "":
			fail("", "%s: node %q is not an end node", f.name, f.id)
		}
	}
	revealed := map[string]bool{}
	ends := 0
	for _, n := range s.Nodes {
		where := "node " + n.ID
		if strings.TrimSpace(n.Say.Mid) == "" {
			fail(where, "missing translation: say.mid is empty")
		}
		for _, r := range n.Reveal {
			if s.factBy[r.Fact] == nil {
				fail(where, "unknown fact %q", r.Fact)
			}
			revealed[r.Fact] = true
		}
		if n.End != "" {
			ends++
			if n.End != EndNextStep && n.End != EndBuyerEnded && n.End != EndNoDecision {
				fail(where, "unknown end %q (next-step, buyer-ended or no-decision)", n.End)
			}
			if len(n.Branches) > 0 || n.Default != "" {
				fail(where, "an end node has no branches")
			}
			continue
		}
		if n.Default == "" {
			fail(where, "no default branch")
		} else if s.byID[n.Default] == nil {
			fail(where, "default: unknown node %q", n.Default)
		}
		for j, b := range n.Branches {
			bw := fmt.Sprintf("%s branch %d", where, j+1)
			if s.byID[b.To] == nil {
				fail(bw, "unknown node %q", b.To)
			}
			for _, list := range [][]Move{b.When, b.Any, b.Unless} {
				for _, m := range list {
					if !KnownMove(m) {
						fail(bw, "unknown move %q", m)
					}
				}
			}
			if len(b.When)+len(b.Any)+len(b.Unless) == 0 && b.MinTrust == 0 && b.MaxTrust == 0 {
				fail(bw, "a branch without conditions (use default)")
			}
		}
	}
	if ends < 2 {
		fail("", "needs at least two end nodes, has %d", ends)
	}
	for _, f := range s.Facts {
		if !revealed[f.ID] {
			fail("fact "+f.ID, "never revealed by any node")
		}
	}
	if len(errs) > 0 {
		return errs
	}
	// reachability from the start (the limit and walk-out nodes can always be reached)
	seen := map[string]bool{}
	var walk func(id string)
	walk = func(id string) {
		if seen[id] {
			return
		}
		seen[id] = true
		for _, t := range s.byID[id].next() {
			walk(t)
		}
	}
	walk(s.Start)
	walk(s.OnLimit)
	walk(s.OnWalkout)
	for _, n := range s.Nodes {
		if !seen[n.ID] {
			fail("node "+n.ID, "unreachable from the start node %q", s.Start)
		}
	}
	// every node must be able to reach an end node (no dead end loop)
	canEnd := map[string]bool{}
	for changed := true; changed; {
		changed = false
		for _, n := range s.Nodes {
			if canEnd[n.ID] {
				continue
			}
			ok := n.End != ""
			for _, t := range n.next() {
				ok = ok || canEnd[t]
			}
			if ok {
				canEnd[n.ID] = true
				changed = true
			}
		}
	}
	for _, n := range s.Nodes {
		if !canEnd[n.ID] {
			fail("node "+n.ID, "dead end: no path from here reaches an end node")
		}
	}
	return errs
}

// next lists the nodes a node can lead to (branches, then default).
func (n *Node) next() []string {
	var out []string
	for _, b := range n.Branches {
		out = append(out, b.To)
	}
	if n.Default != "" {
		out = append(out, n.Default)
	}
	return out
}

// sameShape checks that two languages of a scenario have the same graph:
// settings, facts, node ids and branch structure.
func sameShape(a, b *Scenario) []error {
	var errs []error
	fail := func(where, format string, args ...any) {
		if where != "" {
			where = " " + where
		}
		errs = append(errs, fmt.Errorf("%s%s: ja/en graphs differ: %s (see %s)", b.File, where, fmt.Sprintf(format, args...), a.File))
	}
	if a.Type != b.Type || a.Difficulty != b.Difficulty || a.Trust != b.Trust || a.TurnLimit != b.TurnLimit ||
		a.Start != b.Start || a.OnLimit != b.OnLimit || a.OnWalkout != b.OnWalkout || a.WalkoutBelow != b.WalkoutBelow {
		fail("", "type, difficulty, trust, turn_limit, start, on_limit or on_walkout differ")
	}
	if len(a.Facts) != len(b.Facts) {
		fail("", "%d facts against %d", len(b.Facts), len(a.Facts))
	} else {
		for i := range a.Facts {
			if a.Facts[i].ID != b.Facts[i].ID || !slices.Equal(a.Facts[i].Elements, b.Facts[i].Elements) {
				fail("fact "+b.Facts[i].ID, "fact #%d is %q %v in one and %q %v in the other", i+1, a.Facts[i].ID, a.Facts[i].Elements, b.Facts[i].ID, b.Facts[i].Elements)
			}
		}
	}
	for _, na := range a.Nodes {
		nb := b.byID[na.ID]
		where := "node " + na.ID
		if nb == nil {
			fail(where, "node missing")
			continue
		}
		if na.End != nb.End || na.Default != nb.Default || na.Objection != nb.Objection || na.AsksDiscount != nb.AsksDiscount ||
			!slices.Equal(na.Reveal, nb.Reveal) || len(na.Branches) != len(nb.Branches) {
			fail(where, "end, default, reveals, objection/asks_discount or number of branches differ")
			continue
		}
		for i := range na.Branches {
			x, y := na.Branches[i], nb.Branches[i]
			if x.To != y.To || x.MinTrust != y.MinTrust || x.MaxTrust != y.MaxTrust ||
				!slices.Equal(x.When, y.When) || !slices.Equal(x.Any, y.Any) || !slices.Equal(x.Unless, y.Unless) {
				fail(fmt.Sprintf("%s branch %d", where, i+1), "conditions or target differ")
			}
		}
	}
	for _, nb := range b.Nodes {
		if a.byID[nb.ID] == nil {
			fail("node "+nb.ID, "node only in one language")
		}
	}
	return errs
}
