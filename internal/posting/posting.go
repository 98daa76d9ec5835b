// Package posting reads a pasted job posting for an Account Executive role,
// in Japanese or English, and says what it asks for: the requirements (must
// or nice to have), the skills and question categories it stresses and the
// phrases that show it, the sales motion, the customer segment, deal-size
// talk and the tools it names. From that it ranks question categories for a
// tailored practice set, picks questions to ask, and matches the
// requirements to a candidate's stories. It is pure: text in, values out.
package posting

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/aeprep/aeprep/internal/textcode"
	"golang.org/x/text/unicode/norm"
)

// MaxChars is the longest posting analysed, in characters; the rest of a
// longer one is ignored and a note says so.
const MaxChars = 20000

// Requirement levels.
const (
	Must = "must"
	Nice = "nice"
)

// Sales motions.
const (
	MotionNew    = "new-business"
	MotionGrowth = "account-growth"
	MotionBoth   = "both"
)

// Segments, in the order they are listed.
const (
	SegmentSMB        = "smb"
	SegmentMid        = "mid-market"
	SegmentEnterprise = "enterprise"
)

// Skill and category ids in taxonomy order (content/taxonomy.yaml), so that
// ties are broken the way the rest of aeprep lists them.
var (
	SkillIDs    = []string{"communication", "empathy", "problem-solving", "organisation", "negotiation", "determination"}
	CategoryIDs = []string{"motivation", "track-record", "prospecting", "discovery", "pitching", "objections", "closing",
		"account-growth", "collaboration", "organisation", "problem-solving", "data-trends", "mistakes"}
)

// Requirement is one line item from a requirements section.
type Requirement struct {
	Text       string   `json:"text"`
	Level      string   `json:"level"`           // Must or Nice
	Years      int      `json:"years,omitempty"` // years of experience asked, 0 if none
	Skills     []string `json:"skills,omitempty"`
	Categories []string `json:"categories,omitempty"`
}

// Stress is a skill or category the posting stresses, with a score (a hit
// anywhere counts 1, in a must-have item 3, in a nice-to-have item 2) and the
// phrases that triggered it as they stand in the posting.
type Stress struct {
	ID      string   `json:"id"`
	Score   int      `json:"score"`
	Phrases []string `json:"phrases"`
}

// Ranked is a question category for the tailored practice set.
type Ranked struct {
	ID      string          `json:"id"`
	Score   int             `json:"score"`
	Reasons []textcode.Text `json:"reasons"`
}

// AskSuggestion is a question to ask the interviewer (an id of content/ask)
// with why the posting suggests it.
type AskSuggestion struct {
	ID     string        `json:"id"`
	Reason textcode.Text `json:"reason"`
}

// Analysis is what Analyse made of a posting.
type Analysis struct {
	Lang           string              `json:"lang"`
	Chars          int                 `json:"chars"`
	Requirements   []Requirement       `json:"requirements"`
	Skills         []Stress            `json:"skills"`
	Categories     []Stress            `json:"categories"`
	Motion         string              `json:"motion"` // "" when the posting does not say
	MotionEvidence map[string][]string `json:"motion_evidence,omitempty"`
	Segments       []string            `json:"segments"`
	SegmentPhrases map[string][]string `json:"segment_phrases,omitempty"`
	DealTerms      []string            `json:"deal_terms"`
	Tools          []string            `json:"tools"`
	Practice       []Ranked            `json:"practice"`
	Ask            []AskSuggestion     `json:"ask"`
	Notes          []textcode.Text     `json:"notes,omitempty"`
}

// PracticeSize is the most categories the tailored practice set ranks.
const PracticeSize = 6

// Analyse reads a posting. lang is "ja" or "en"; anything else is guessed
// from the text (kana means Japanese). Phrases of both languages are looked
// for whatever the language, since postings mix them.
func Analyse(text, lang string) Analysis {
	a := Analysis{Lang: lang}
	if lang != "ja" && lang != "en" {
		a.Lang = guessLang(text)
	}
	a.Chars = utf8.RuneCountInString(text)
	if strings.TrimSpace(text) == "" {
		a.Notes = append(a.Notes, textcode.New("posting.empty"))
		return a
	}
	if a.Chars > MaxChars {
		a.Notes = append(a.Notes, textcode.New("posting.too_long",
			"max", strconv.Itoa(MaxChars), "chars", strconv.Itoa(a.Chars)))
		text = string([]rune(text)[:MaxChars])
	}
	folded := fold(text)
	lower := lowerASCII(folded)

	a.Requirements = parseRequirements(folded)
	if len(a.Requirements) == 0 {
		a.Notes = append(a.Notes, textcode.New("posting.no_requirements"))
	}

	a.Skills = stress(folded, lower, a.Requirements, skillTerms, SkillIDs)
	a.Categories = stress(folded, lower, a.Requirements, categoryTerms, CategoryIDs)

	nb := phrases(folded, lower, motionTerms[MotionNew])
	ag := phrases(folded, lower, motionTerms[MotionGrowth])
	a.Motion = motion(len(nb), len(ag))
	if len(nb)+len(ag) > 0 {
		a.MotionEvidence = map[string][]string{}
		if len(nb) > 0 {
			a.MotionEvidence[MotionNew] = uniqFold(nb)
		}
		if len(ag) > 0 {
			a.MotionEvidence[MotionGrowth] = uniqFold(ag)
		}
	}

	for _, seg := range []string{SegmentSMB, SegmentMid, SegmentEnterprise} {
		if p := phrases(folded, lower, segmentTerms[seg]); len(p) > 0 {
			a.Segments = append(a.Segments, seg)
			if a.SegmentPhrases == nil {
				a.SegmentPhrases = map[string][]string{}
			}
			a.SegmentPhrases[seg] = uniqFold(p)
		}
	}
	a.DealTerms = dealTalk(folded, lower)
	a.Tools = findTools(folded)
	a.Practice = practice(a)
	a.Ask = askSuggestions(a)
	return a
}

// motion names the motion from the hits on each side. The smaller side
// counts (making it "both") when it has at least a third of the larger
// side's hits; a posting about hunting that mentions existing customers
// once in passing is still new business.
func motion(nb, ag int) string {
	switch {
	case nb == 0 && ag == 0:
		return ""
	case ag*3 < nb:
		return MotionNew
	case nb*3 < ag:
		return MotionGrowth
	default:
		return MotionBoth
	}
}

func guessLang(s string) string {
	for _, r := range s {
		if unicode.In(r, unicode.Hiragana, unicode.Katakana) {
			return "ja"
		}
	}
	return "en"
}

// fold widens nothing and narrows everything: NFKC turns full-width letters
// and digits into ASCII and half-width kana into full width; curly quotes
// and long dashes become their plain forms.
func fold(s string) string {
	s = norm.NFKC.String(s)
	return strings.NewReplacer("\r\n", "\n", "\r", "\n", "’", "'", "‘", "'", "–", "-", "—", "-", "‐", "-").Replace(s)
}

// lowerASCII lower-cases ASCII letters and turns hyphens into spaces, byte
// for byte, so offsets into the result are offsets into the input.
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		switch {
		case c >= 'A' && c <= 'Z':
			b[i] = c + 'a' - 'A'
		case c == '-':
			b[i] = ' '
		}
	}
	return string(b)
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// span is one match of a phrase in the text.
type span struct{ start, end int }

// find returns the matches of term in hay (see the lexicon's rules).
func find(hay, term string) []span {
	prefix := strings.HasSuffix(term, "*")
	t := strings.TrimSuffix(term, "*")
	if t == "" {
		return nil
	}
	ascii := isASCII(t)
	var out []span
	for from := 0; from < len(hay); {
		i := strings.Index(hay[from:], t)
		if i < 0 {
			break
		}
		start := from + i
		end := start + len(t)
		from = end
		if !ascii {
			out = append(out, span{start, end})
			continue
		}
		if start > 0 && isWordByte(hay[start-1]) {
			continue
		}
		if prefix {
			for end < len(hay) && isWordByte(hay[end]) {
				end++
			}
		} else if end < len(hay) && isWordByte(hay[end]) {
			continue
		}
		out = append(out, span{start, end})
	}
	return out
}

// phrases returns the hits of the terms in lower, as the folded text has
// them, in order. Where hits overlap ("大手" inside "大手企業", "交渉" inside
// "価格交渉") only the longest counts, so one phrase is one hit.
func phrases(folded, lower string, terms []string) []string {
	var spans []span
	for _, t := range terms {
		spans = append(spans, find(lower, t)...)
	}
	sort.Slice(spans, func(i, j int) bool {
		if spans[i].start != spans[j].start {
			return spans[i].start < spans[j].start
		}
		return spans[i].end > spans[j].end
	})
	var out []string
	end := -1
	for _, sp := range spans {
		if sp.start < end {
			continue
		}
		out = append(out, folded[sp.start:sp.end])
		end = sp.end
	}
	return out
}

// uniqFold keeps the first of each phrase, ignoring case.
func uniqFold(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range list {
		k := lowerASCII(s)
		if !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	return out
}

// tagsOf lists the ids (in order) whose terms occur in an item.
func tagsOf(item string, lex map[string][]string, ids []string) []string {
	lower := lowerASCII(item)
	var out []string
	for _, id := range ids {
		for _, t := range lex[id] {
			if len(find(lower, t)) > 0 {
				out = append(out, id)
				break
			}
		}
	}
	return out
}

func stress(folded, lower string, reqs []Requirement, lex map[string][]string, ids []string) []Stress {
	var out []Stress
	for _, id := range ids {
		ps := phrases(folded, lower, lex[id])
		if len(ps) == 0 {
			continue
		}
		score := len(ps)
		for _, r := range reqs {
			n := len(phrases(r.Text, lowerASCII(r.Text), lex[id]))
			if r.Level == Must {
				score += 2 * n
			} else {
				score += n
			}
		}
		out = append(out, Stress{ID: id, Score: score, Phrases: uniqFold(ps)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out
}

var amountRes = []*regexp.Regexp{
	regexp.MustCompile(`(?i)[$¥€£]\s?\d[\d,.]*\s?(?:k|m|mm|million|billion|bn)?\b\+?`),
	regexp.MustCompile(`(?i)\b\d[\d,.]*\s?(?:k|m)\+?\s?(?:acv|arr)\b`),
	regexp.MustCompile(`\d[\d,.]*\s?(?:億|千万|百万|万)円`),
}

func dealTalk(folded, lower string) []string {
	var all []string
	type hit struct {
		at int
		s  string
	}
	var hits []hit
	for _, t := range dealTerms {
		for _, sp := range find(lower, t) {
			hits = append(hits, hit{sp.start, folded[sp.start:sp.end]})
		}
	}
	for _, re := range amountRes {
		for _, loc := range re.FindAllStringIndex(folded, -1) {
			hits = append(hits, hit{loc[0], strings.TrimSpace(folded[loc[0]:loc[1]])})
		}
	}
	// Earliest first, the longer of two at one place first; a hit inside
	// one already taken ("単価" in "受注単価") is dropped.
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].at != hits[j].at {
			return hits[i].at < hits[j].at
		}
		return len(hits[i].s) > len(hits[j].s)
	})
	end := -1
	for _, h := range hits {
		if h.at < end {
			continue
		}
		all = append(all, h.s)
		end = h.at + len(h.s)
	}
	return uniqFold(all)
}

func findTools(folded string) []string {
	lower := lowerASCII(folded)
	// Matches blank their span in both copies so that a shorter name
	// inside a longer one does not match again.
	fb := []byte(folded)
	lb := []byte(lower)
	var out []string
	for _, tl := range tools {
		found := false
		for _, al := range tl.aliases {
			hay, term := string(lb), lowerASCII(al)
			if tl.caseSensitive {
				hay, term = string(fb), al
			}
			for _, sp := range find(hay, term) {
				if tl.commonWord && opensSentence(hay, sp) {
					continue
				}
				found = true
				for i := sp.start; i < sp.end; i++ {
					fb[i], lb[i] = ' ', ' '
				}
			}
		}
		if found {
			out = append(out, tl.name)
		}
	}
	return out
}

// opensSentence reports whether sp starts a line or sentence and is followed
// by a lower-case word.
func opensSentence(hay string, sp span) bool {
	before := strings.TrimRight(hay[:sp.start], " \t・-*•")
	start := before == "" || strings.HasSuffix(before, "\n") || strings.HasSuffix(before, ".") ||
		strings.HasSuffix(before, "。")
	if !start {
		return false
	}
	rest := hay[sp.end:]
	return len(rest) > 1 && rest[0] == ' ' && rest[1] >= 'a' && rest[1] <= 'z'
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
