package insight

import (
	"strings"
	"unicode/utf8"
)

// Pattern classes. Matches of one class never overlap (leftmost-longest);
// matches of different classes may.
const (
	clsRef     = iota // group: grpSelf, grpTeam, grpCustomer
	clsFiller         //
	clsHedge          //
	clsStar           // group: starS, starT, starA, starR, starLesson
	clsLabel          // explicit STAR labels; group as clsStar
	clsTerm           // key: term id
	clsNeg            // negation markers
	clsMiss           // a lost deal or missed target told as such
	clsStep           // process steps: first, then, まず, 次に
	clsExample        // process: for example, 例えば
	clsVague          // vague amounts: several, 数千万円
	clsManners        // Japanese business manners; key: corrected phrase
	clsRole           // role-play moves; group: roleAsk, roleNeed, roleConcern, roleNext, roleBuyer
	clsMotive         // motivation; group: motSpecific, motExperience
	clsFormula        // knowledge: a worked number or formula
	clsPast           // English past-tense verbs after I/we (built by ownActions)
	numClasses
)

// Reference groups.
const (
	grpSelf = iota
	grpTeam
	grpCustomer
)

// STAR parts; starLesson is the lesson of a miss.
const (
	starS = iota
	starT
	starA
	starR
	starLesson
)

// Role-play moves.
const (
	roleAsk = iota
	roleNeed
	roleConcern
	roleNext
	roleBuyer
)

// Kinds of miss: a lost deal, churn or mistake (the story needs its
// lesson), or a missed target.
const (
	missLost = iota
	missTarget
)

// Motivation cues.
const (
	motSpecific = iota
	motExperience
)

// pat is one lexical pattern. text is lower-case and width-folded.
type pat struct {
	text   string
	key    string // reported canonical form (term id, corrected phrase)
	cls    int
	group  int
	word   bool // ASCII whole-word match
	suffix bool // allow an inflection suffix (s, es, ed, d, ing)
	conn   bool // a connector ("as a result"): negation is read from the clause it introduces
	ok     func(low string, start, end int) bool
}

var inflections = []string{"ing", "es", "ed", "s", "d"}

// matchAt reports whether p matches low at byte offset i and where it ends.
func (p *pat) matchAt(low string, i int) (int, bool) {
	if !strings.HasPrefix(low[i:], p.text) {
		return 0, false
	}
	end := i + len(p.text)
	if p.word {
		if i > 0 && isWordByte(low[i-1]) {
			return 0, false
		}
		if end < len(low) && isWordByte(low[end]) && isWordByte(low[end-1]) {
			if !p.suffix {
				return 0, false
			}
			e2 := -1
			for _, suf := range inflections {
				if strings.HasPrefix(low[end:], suf) {
					if e := end + len(suf); e == len(low) || !isWordByte(low[e]) {
						e2 = e
						break
					}
				}
			}
			if e2 < 0 {
				return 0, false
			}
			end = e2
		}
	}
	if p.ok != nil && !p.ok(low, i, end) {
		return 0, false
	}
	return end, true
}

// dict indexes patterns by their first rune (ASCII ones of two bytes or
// more by their first two bytes, so a position tries only the few that
// can match); candidates are sorted longest first so the longest match
// wins at each position.
type dict struct {
	ascii  [utf8.RuneSelf][]cand // one-byte ASCII patterns ("%", "=")
	ascii2 map[uint32][]cand     // longer ASCII patterns, by first<<8 | second byte
	kana   [0x100][]cand         // U+3000–U+30FF
	other  map[rune][]cand
}

// cand is a dictionary entry stored by value so the hot loop can reject
// most candidates on the byte after the first without chasing pointers.
type cand struct {
	second byte // byte after the first, 0 for one-byte patterns
	p      *pat
}

func newDict(groups ...[]*pat) *dict {
	d := &dict{ascii2: map[uint32][]cand{}, other: map[rune][]cand{}}
	for _, g := range groups {
		for _, p := range g {
			if p.text == "" {
				continue
			}
			r, size := utf8.DecodeRuneInString(p.text)
			c := cand{p: p}
			if size < len(p.text) {
				c.second = p.text[size]
			}
			switch {
			case r < utf8.RuneSelf && size < len(p.text):
				k := uint32(r)<<8 | uint32(c.second)
				d.ascii2[k] = append(d.ascii2[k], c)
			case r < utf8.RuneSelf:
				d.ascii[r] = append(d.ascii[r], c)
			case r >= 0x3000 && r <= 0x30FF:
				d.kana[r-0x3000] = append(d.kana[r-0x3000], c)
			default:
				d.other[r] = append(d.other[r], c)
			}
		}
	}
	byLen := func(cs []cand) {
		for i := 1; i < len(cs); i++ {
			for j := i; j > 0 && len(cs[j].p.text) > len(cs[j-1].p.text); j-- {
				cs[j], cs[j-1] = cs[j-1], cs[j]
			}
		}
	}
	for i := range d.ascii {
		byLen(d.ascii[i])
	}
	for k := range d.ascii2 {
		byLen(d.ascii2[k])
	}
	for i := range d.kana {
		byLen(d.kana[i])
	}
	for r := range d.other {
		byLen(d.other[r])
	}
	return d
}

// match is one pattern found in the normalized text.
type match struct {
	start, end int
	cls, group int
	key        string
	neg        bool // inside a negated clause
	sent       int  // sentence index
}

// scan runs every pattern of d over low in one left-to-right pass.
func scan(d *dict, low string) []match {
	out := make([]match, 0, len(low)/8)
	var nextFree [numClasses]int
	for i := 0; i < len(low); {
		c := low[i]
		size := 1
		var cands, short []cand // short: one-byte patterns, tried after the longer ones
		if c < utf8.RuneSelf {
			// ASCII patterns are whole-word patterns, or start with a
			// symbol: only try them at the start of a word.
			if i == 0 || !isWordByte(low[i-1]) || !isWordByte(c) {
				if i+1 < len(low) {
					cands = d.ascii2[uint32(c)<<8|uint32(low[i+1])]
				}
				short = d.ascii[c]
			}
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(low[i:])
			if r >= 0x3000 && r <= 0x30FF {
				cands = d.kana[r-0x3000]
			} else {
				cands = d.other[r]
			}
		}
		var done [numClasses]bool
		for _, list := range [2][]cand{cands, short} {
			for _, cd := range list {
				if cd.second != 0 && (i+size >= len(low) || low[i+size] != cd.second) {
					continue
				}
				p := cd.p
				if done[p.cls] || i < nextFree[p.cls] {
					continue
				}
				end, ok := p.matchAt(low, i)
				if !ok {
					continue
				}
				done[p.cls] = true
				nextFree[p.cls] = end
				out = append(out, match{start: i, end: end, cls: p.cls, group: p.group, key: p.key})
				if p.conn {
					out[len(out)-1].neg = true // marker, resolved by markNegation
				}
			}
		}
		i += size
	}
	return out
}

// clauses splits the text into sentences and clauses, and knows which
// clauses hold a negation.
type clauses struct {
	clauseStart []int // start offset of each clause
	sentOf      []int // sentence index of each clause
	negated     []bool
}

// clauseAt returns the index of the clause holding byte offset i.
func (c *clauses) clauseAt(i int) int {
	lo, hi := 0, len(c.clauseStart)-1
	for lo < hi {
		m := (lo + hi + 1) / 2
		if c.clauseStart[m] <= i {
			lo = m
		} else {
			hi = m - 1
		}
	}
	return lo
}

// clauseEnd returns the end offset of clause k.
func (c *clauses) clauseEnd(k, n int) int {
	if k+1 < len(c.clauseStart) {
		return c.clauseStart[k+1]
	}
	return n
}

// English conjunctions that open a new clause.
var enClauseWords = []string{" but ", " and ", " so ", " which ", " because ", " although ", " though ", " while ", " until ", " after ", " before ", " when ", " yet ", " then "}

// splitClauses finds sentence and clause boundaries in the normalized text.
func splitClauses(low string) *clauses {
	c := &clauses{clauseStart: []int{0}, sentOf: []int{0}}
	sent := 0
	cut := func(at int, newSent bool) {
		if newSent {
			sent++
		}
		if at >= len(low) {
			return
		}
		if last := c.clauseStart[len(c.clauseStart)-1]; at <= last {
			c.sentOf[len(c.sentOf)-1] = sent
			return
		}
		c.clauseStart = append(c.clauseStart, at)
		c.sentOf = append(c.sentOf, sent)
	}
	for i := 0; i < len(low); {
		ch := low[i]
		if ch < utf8.RuneSelf {
			switch ch {
			case '.', '!', '?', '\n':
				// 1.5, e.g., $1.2m: not a sentence end.
				if ch == '.' && (i+1 < len(low) && isWordByte(low[i+1]) || i > 0 && i+1 < len(low) && low[i+1] == ' ' && i >= 2 && low[i-2] == '.') {
					i++
					continue
				}
				cut(i+1, true)
			case ',', ';', ':', '(', ')':
				cut(i+1, false)
			case ' ':
				for _, w := range enClauseWords {
					if strings.HasPrefix(low[i:], w) {
						cut(i+1, false)
						break
					}
				}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(low[i:])
		switch r {
		case '。', '！', '？', '…':
			cut(i+size, true)
		case '、', '，', '；', '：', '「', '」', '（', '）':
			cut(i+size, false)
		case 'が', 'け', 'も':
			// ～が、 is caught by 、; けど and ものの open a clause.
			if strings.HasPrefix(low[i:], "けど") || strings.HasPrefix(low[i:], "ものの") {
				cut(i, false)
			}
		}
		i += size
	}
	c.negated = make([]bool, len(c.clauseStart))
	return c
}

// markNegation sets neg and sent on every match: a match is negated when
// its clause holds a negation marker; a connector looks at the clause it
// introduces when it stands alone in its own.
func markNegation(ms []match, cl *clauses, low string) {
	for _, m := range ms {
		if m.cls == clsNeg {
			cl.negated[cl.clauseAt(m.start)] = true
		}
	}
	for i := range ms {
		m := &ms[i]
		k := cl.clauseAt(m.start)
		m.sent = cl.sentOf[k]
		neg := cl.negated[k]
		if m.neg && !neg && k+1 < len(cl.clauseStart) && cl.clauseEnd(k, len(low))-m.end < 4 {
			neg = cl.negated[k+1]
		}
		m.neg = neg && m.cls != clsNeg
	}
}
