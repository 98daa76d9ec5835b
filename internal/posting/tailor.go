package posting

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/aeprep/aeprep/internal/stories"
	"github.com/aeprep/aeprep/internal/textcode"
)

// practice ranks question categories for a mock interview built from the
// posting: what it stresses, what its motion and segment imply, and the two
// kinds of question every AE interview asks (why this job, your record).
func practice(a Analysis) []Ranked {
	score := map[string]int{}
	reasons := map[string][]textcode.Text{}
	add := func(id string, n int, why textcode.Text) {
		score[id] += n
		reasons[id] = append(reasons[id], why)
	}
	for _, s := range a.Categories {
		add(s.ID, s.Score, textcode.New("posting.why.stressed", "phrases", firstPhrases(s.Phrases, 3)))
	}
	if a.Motion == MotionNew || a.Motion == MotionBoth {
		add("prospecting", 3, textcode.New("posting.why.new_business"))
		add("closing", 2, textcode.New("posting.why.new_business"))
	}
	if a.Motion == MotionGrowth || a.Motion == MotionBoth {
		add("account-growth", 3, textcode.New("posting.why.growth"))
		add("collaboration", 1, textcode.New("posting.why.growth"))
	}
	if contains(a.Segments, SegmentEnterprise) {
		add("objections", 1, textcode.New("posting.why.enterprise"))
		add("collaboration", 1, textcode.New("posting.why.enterprise"))
	}
	if contains(a.Segments, SegmentSMB) {
		add("organisation", 1, textcode.New("posting.why.smb"))
	}
	add("track-record", 2, textcode.New("posting.why.always"))
	add("motivation", 1, textcode.New("posting.why.always"))

	order := map[string]int{}
	for i, id := range CategoryIDs {
		order[id] = i
	}
	var out []Ranked
	for id, n := range score {
		out = append(out, Ranked{ID: id, Score: n, Reasons: reasons[id]})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return order[out[i].ID] < order[out[j].ID]
	})
	if len(out) > PracticeSize {
		out = out[:PracticeSize]
	}
	return out
}

func firstPhrases(ps []string, n int) string {
	if len(ps) > n {
		ps = ps[:n]
	}
	return strings.Join(ps, " / ")
}

// MaxAsk is the most questions to ask that the analysis suggests.
const MaxAsk = 4

// askSuggestions picks questions from content/ask that the posting makes
// worth asking, first those it raises, then those it leaves open.
func askSuggestions(a Analysis) []AskSuggestion {
	var out []AskSuggestion
	add := func(id string, t textcode.Text) {
		for _, s := range out {
			if s.ID == id {
				return
			}
		}
		if len(out) < MaxAsk {
			out = append(out, AskSuggestion{ID: id, Reason: t})
		}
	}
	if len(a.Tools) > 0 {
		add("tools-crm", textcode.New("posting.ask.tools", "tools", strings.Join(a.Tools, " / ")))
	}
	if a.Motion == MotionNew || a.Motion == MotionBoth {
		add("lead-sources", textcode.New("posting.ask.new_business"))
	}
	if a.Motion == MotionGrowth || a.Motion == MotionBoth {
		add("handoff-to-am", textcode.New("posting.ask.growth"))
	}
	for _, c := range a.Categories {
		if c.ID == "closing" || c.ID == "track-record" {
			add("quota-attainment", textcode.New("posting.ask.quota"))
			break
		}
	}
	if len(a.Segments) == 0 {
		add("ideal-customer", textcode.New("posting.ask.no_segment"))
	} else {
		add("territory", textcode.New("posting.ask.segment"))
	}
	if len(a.DealTerms) == 0 {
		add("sales-cycle", textcode.New("posting.ask.no_deal"))
	}
	add("why-open", textcode.New("posting.ask.always"))
	add("first-90-days", textcode.New("posting.ask.always"))
	return out
}

// Cultures a prep sheet can record.
const (
	CultureCasual = "casual"
	CultureFormal = "formal"
)

// ToneNote is the advice on tone for a culture setting; an unknown one
// gives a note asking the candidate to find out.
func ToneNote(culture string) textcode.Text {
	switch culture {
	case CultureCasual:
		return textcode.New("posting.tone.casual")
	case CultureFormal:
		return textcode.New("posting.tone.formal")
	}
	return textcode.New("posting.tone.unknown")
}

// Story is a candidate's story as the story bank keeps it.
type Story = stories.Story

// StoryMatch is a story that covers a requirement, with its score and why.
type StoryMatch struct {
	StoryID string   `json:"story_id"`
	Score   float64  `json:"score"`
	Why     []string `json:"why"` // "skill:negotiation", "category:closing", "keyword:salesforce"
}

// ReqCoverage is one requirement and the stories that cover it.
type ReqCoverage struct {
	Requirement Requirement   `json:"requirement"`
	Stories     []StoryMatch  `json:"stories"` // best first
	Covered     bool          `json:"covered"`
	Note        textcode.Text `json:"note"`
}

// CoverScore is the score from which a story covers a requirement: a
// shared skill or category counts 2, a shared keyword 1 (a Japanese
// two-kanji word 0.5, since bigrams overlap by chance more often). So one
// shared tag covers, and so do two shared keywords, but one word alone does not.
const CoverScore = 2.0

// Coverage matches the posting's requirements to stories.
func Coverage(a Analysis, list []Story) []ReqCoverage {
	out := make([]ReqCoverage, 0, len(a.Requirements))
	for _, r := range a.Requirements {
		rk := sortedKeywords(r.Text)
		rc := ReqCoverage{Requirement: r}
		for _, s := range list {
			var m StoryMatch
			m.StoryID = s.ID
			for _, id := range r.Skills {
				if contains(s.Skills, id) {
					m.Score += 2
					m.Why = append(m.Why, "skill:"+id)
				}
			}
			for _, id := range r.Categories {
				if contains(s.Categories, id) {
					m.Score += 2
					m.Why = append(m.Why, "category:"+id)
				}
			}
			sk := keywords(s.Text())
			for _, k := range rk {
				if sk[k.word] == (keyword{}) {
					continue
				}
				m.Score += k.weight
				m.Why = append(m.Why, "keyword:"+k.word)
			}
			if m.Score >= CoverScore {
				rc.Stories = append(rc.Stories, m)
			}
		}
		sort.SliceStable(rc.Stories, func(i, j int) bool { return rc.Stories[i].Score > rc.Stories[j].Score })
		rc.Covered = len(rc.Stories) > 0
		switch {
		case rc.Covered:
			rc.Note = textcode.New("posting.cover.ok", "n", strconv.Itoa(len(rc.Stories)))
		case r.Years > 0:
			rc.Note = textcode.New("posting.cover.years", "years", strconv.Itoa(r.Years))
		case r.Level == Must:
			rc.Note = textcode.New("posting.cover.none_must")
		default:
			rc.Note = textcode.New("posting.cover.none_nice")
		}
		out = append(out, rc)
	}
	return out
}

type keyword struct {
	word   string
	weight float64
}

var stopWords = map[string]bool{
	"with": true, "that": true, "this": true, "have": true, "from": true, "your": true, "will": true, "years": true,
	"experience": true, "ability": true, "strong": true, "skills": true, "plus": true, "work": true, "working": true,
	"sales": true, "team": true, "role": true, "more": true, "least": true, "preferred": true, "including": true,
	"into": true, "about": true, "their": true, "they": true, "what": true, "when": true, "were": true, "been": true,
	"also": true, "such": true, "than": true, "them": true, "then": true, "over": true, "other": true, "able": true,
}

var stopBigrams = map[string]bool{
	"営業": true, "経験": true, "以上": true, "年以": true, "業経": true, "能力": true, "業務": true, "必須": true,
	"歓迎": true, "尚可": true, "方歓": true, "程度": true, "実務": true, "務経": true, "験者": true,
}

// keywords of a text: ASCII words of four letters or more, katakana runs of
// three or more, and two-kanji bigrams, each minus a list of words that
// every posting and story share.
func keywords(text string) map[string]keyword {
	lower := lowerASCII(fold(text))
	out := map[string]keyword{}
	var word []rune
	kind := 0 // 1 ascii, 2 katakana, 3 kanji
	flush := func() {
		switch kind {
		case 1:
			w := string(word)
			if len(w) >= 4 && !stopWords[w] {
				out[w] = keyword{w, 1}
			}
		case 2:
			if len(word) >= 3 {
				w := string(word)
				out[w] = keyword{w, 1}
			}
		case 3:
			for i := 0; i+1 < len(word); i++ {
				w := string(word[i : i+2])
				if !stopBigrams[w] {
					out[w] = keyword{w, 0.5}
				}
			}
		}
		word, kind = word[:0], 0
	}
	for _, r := range lower {
		k := 0
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			k = 1
		case unicode.Is(unicode.Katakana, r) || r == 'ー':
			k = 2
		case unicode.Is(unicode.Han, r):
			k = 3
		}
		if k != kind {
			flush()
		}
		if k != 0 {
			word = append(word, r)
			kind = k
		}
	}
	flush()
	return out
}

// sortedKeywords is for callers (and tests) that want a stable list.
func sortedKeywords(text string) []keyword {
	m := keywords(text)
	out := make([]keyword, 0, len(m))
	for _, k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].word < out[j].word })
	return out
}
