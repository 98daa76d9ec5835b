// Package insight analyses a typed Account Executive interview answer in
// Japanese or English and returns concrete, explainable insights: answer
// length, hard evidence (numbers, money, time frames), STAR structure,
// self-focus versus customer focus, filler words and sales vocabulary.
//
// The analysis is purely lexical, deterministic and fast. It uses only the
// standard library and golang.org/x/text, and it is safe on any input:
// invalid UTF-8, control characters and very long text never cause a panic.
package insight

import (
	"math"
	"sort"
	"strings"
)

// Input is one typed answer to analyse.
type Input struct {
	// Text is the answer as typed by the user.
	Text string
	// Lang is the UI language, "ja" or "en". Summary and Next texts are
	// written in this language. If the text is mostly Japanese script it is
	// analysed as Japanese regardless of Lang, and vice versa.
	Lang string
	// SuggestedSeconds is the question's suggested answer time. Zero or a
	// negative value means the default of 120 seconds.
	SuggestedSeconds int
	// SpokenMillis is the length of a recording of the answer, if there is
	// one; it adds a pace finding.
	SpokenMillis int
	// SilenceMillis is the silence before the first word of the recording,
	// where the browser could measure it.
	SilenceMillis int
}

// Verdict grades one finding.
type Verdict string

// Verdict values.
const (
	// Good means the answer does well on this point.
	Good Verdict = "good"
	// Warn means the point is worth fixing before the interview.
	Warn Verdict = "warn"
	// Info is neutral feedback or a mild suggestion.
	Info Verdict = "info"
)

// Finding kinds, in the order in which they appear in Report.Findings.
const (
	KindLength     = "length"
	KindEvidence   = "evidence"
	KindStructure  = "structure"
	KindSelfFocus  = "self-focus"
	KindFiller     = "filler"
	KindVocabulary = "vocabulary"
)

// Length bands reported in Report.LengthBand.
const (
	BandTooShort = "too-short"
	BandGood     = "good"
	BandTooLong  = "too-long"
)

// DefaultSuggestedSeconds is used when Input.SuggestedSeconds is not positive.
const DefaultSuggestedSeconds = 120

// Finding is one insight about the answer.
type Finding struct {
	// Kind is one of "length", "evidence", "structure", "self-focus",
	// "filler" or "vocabulary".
	Kind string
	// Verdict grades the finding.
	Verdict Verdict
	// Summary states what was found, with counts and items, in the UI language.
	Summary string
	// Next is one concrete next step, in the UI language.
	Next string
	// Items lists the concrete things found: numbers, cue words, filler
	// words with counts or sales terms.
	Items []string
}

// Report is the full analysis of one answer.
type Report struct {
	// Lang is the analysis language actually used ("ja" or "en").
	Lang string
	// SpokenSeconds, Pace (units a minute) and SilenceSeconds describe a
	// recording, when there is one.
	SpokenSeconds  int     `json:",omitempty"`
	Pace           float64 `json:",omitempty"`
	SilenceSeconds int     `json:",omitempty"`
	// Units is the answer length: characters for Japanese (excluding
	// whitespace and punctuation) or words for English.
	Units int
	// EstimatedSeconds is the estimated speaking time: 300 Japanese
	// characters or 150 English words a minute.
	EstimatedSeconds int
	// LengthBand is "too-short", "good" or "too-long".
	LengthBand string
	// Evidence lists the numbers, percentages, amounts and time frames found,
	// in order of appearance and without duplicates.
	Evidence []string
	// STAR reports which of "situation", "task", "action" and "result" were found.
	STAR map[string]bool
	// SelfRefs counts first-person references; OtherRefs counts references
	// to customers, clients, the team and similar.
	SelfRefs, OtherRefs int
	// SelfShare is SelfRefs/(SelfRefs+OtherRefs), or 0 when both are zero.
	SelfShare float64
	// Fillers maps each filler or hedging word found to its count.
	Fillers map[string]int
	// FillerPer100 is the number of fillers per 100 units (words or characters).
	FillerPer100 float64
	// Vocabulary lists the sales terms used, in order of first appearance.
	Vocabulary []string
	// Findings holds six findings in the order length, evidence, structure,
	// self-focus, filler, vocabulary.
	Findings []Finding
}

// STAR part names, used as keys of Report.STAR.
var starParts = [4]string{"situation", "task", "action", "result"}

// Thresholds for the rules.
const (
	shortRatio       = 0.5
	longRatio        = 1.2
	jaCharsPerMinute = 300
	enWordsPerMinute = 150
	selfShareWarn    = 0.75
	selfRefsWarnMin  = 4
	fillerWarnEN     = 2.0
	fillerWarnJA     = 1.5
	vocabGoodMin     = 3
	evidenceGoodMin  = 2
	maxEvidenceItems = 100
)

// Analyse analyses one answer. It never panics and always returns six
// findings.
func Analyse(in Input) Report {
	ui := uiLang(in.Lang)
	txt := normalize(in.Text)
	low := asciiLower(txt)
	st := measure(txt)
	lang := st.lang(ui)

	rep := Report{
		Lang:    lang,
		STAR:    make(map[string]bool, 4),
		Fillers: map[string]int{},
	}
	rep.Units = st.units(lang)
	suggested := in.SuggestedSeconds
	if suggested <= 0 {
		suggested = DefaultSuggestedSeconds
	}
	rep.EstimatedSeconds = estimateSeconds(rep.Units, lang)
	rep.LengthBand = lengthBand(rep.EstimatedSeconds, suggested)

	rep.Evidence = findEvidence(txt, low)

	sc := scanText(low, lang)
	for i, part := range starParts {
		rep.STAR[part] = len(sc.star[i].keys) > 0
	}
	rep.SelfRefs = sc.self.total()
	rep.OtherRefs = sc.other.total()
	if n := rep.SelfRefs + rep.OtherRefs; n > 0 {
		rep.SelfShare = float64(rep.SelfRefs) / float64(n)
	}
	for _, k := range sc.filler.keys {
		rep.Fillers[k] = sc.filler.counts[k]
	}
	if rep.Units > 0 {
		rep.FillerPer100 = float64(sc.filler.total()) * 100 / float64(rep.Units)
	}
	rep.Vocabulary = append([]string(nil), sc.vocab.keys...)

	rep.Findings = []Finding{
		lengthFinding(ui, &rep, suggested),
		evidenceFinding(ui, &rep),
		structureFinding(ui, &rep, sc),
		selfFocusFinding(ui, &rep, sc),
		fillerFinding(ui, &rep, sc),
		vocabularyFinding(ui, &rep),
	}
	if in.SpokenMillis > 0 {
		rep.Findings = append(rep.Findings, paceFinding(ui, &rep, in.SpokenMillis, in.SilenceMillis))
	}
	return rep
}

// uiLang maps Input.Lang to "ja" or "en" (the default).
func uiLang(l string) string {
	l = strings.ToLower(strings.TrimSpace(l))
	if strings.HasPrefix(l, "ja") || l == "jp" {
		return "ja"
	}
	return "en"
}

// estimateSeconds converts units to an estimated speaking time.
func estimateSeconds(units int, lang string) int {
	perMinute := float64(enWordsPerMinute)
	if lang == "ja" {
		perMinute = jaCharsPerMinute
	}
	return int(math.Round(float64(units) * 60 / perMinute))
}

// unitsPerSecond is the speaking rate in analysis units.
func unitsPerSecond(lang string) float64 {
	if lang == "ja" {
		return jaCharsPerMinute / 60.0
	}
	return enWordsPerMinute / 60.0
}

// lengthBand compares the estimate with the suggested time.
func lengthBand(est, suggested int) string {
	s := float64(suggested)
	switch {
	case float64(est) < shortRatio*s:
		return BandTooShort
	case float64(est) > longRatio*s:
		return BandTooLong
	}
	return BandGood
}

// roundTo rounds v to the nearest multiple of step (at least step).
func roundTo(v float64, step int) int {
	n := int(math.Round(v/float64(step))) * step
	if n < step {
		n = step
	}
	return n
}

func lengthFinding(ui string, rep *Report, suggested int) Finding {
	f := Finding{Kind: KindLength, Verdict: Warn}
	if rep.Units == 0 {
		f.Summary = msg(ui, "len.empty")
		f.Next = msg(ui, "len.empty.next")
		return f
	}
	unit := unitWord(ui, rep.Lang, rep.Units)
	rate := unitsPerSecond(rep.Lang)
	step := 10
	if rep.Lang == "en" {
		step = 5
	}
	switch rep.LengthBand {
	case BandTooShort:
		lo := roundTo(0.8*float64(suggested)*rate, step)
		hi := roundTo(float64(suggested)*rate, step)
		f.Summary = msg(ui, "len.short", rep.Units, unit, rep.EstimatedSeconds, suggested)
		f.Next = msg(ui, "len.short.next", lo, hi, unitWord(ui, rep.Lang, hi))
	case BandTooLong:
		target := roundTo(float64(suggested)*rate, step)
		f.Summary = msg(ui, "len.long", rep.Units, unit, rep.EstimatedSeconds, suggested)
		f.Next = msg(ui, "len.long.next", target, unitWord(ui, rep.Lang, target))
	default:
		f.Verdict = Good
		f.Summary = msg(ui, "len.good", rep.Units, unit, rep.EstimatedSeconds, suggested)
		f.Next = msg(ui, "len.good.next", suggested)
	}
	return f
}

func evidenceFinding(ui string, rep *Report) Finding {
	n := len(rep.Evidence)
	f := Finding{Kind: KindEvidence, Items: append([]string(nil), rep.Evidence...)}
	switch {
	case n == 0:
		f.Verdict = Warn
		f.Summary = msg(ui, "ev.none")
		f.Next = msg(ui, "ev.none.next")
	case n < evidenceGoodMin:
		f.Verdict = Info
		f.Summary = msg(ui, "ev.one", joinList(ui, rep.Evidence, 5))
		f.Next = msg(ui, "ev.one.next")
	default:
		f.Verdict = Good
		f.Summary = msg(ui, "ev.many", n, joinList(ui, rep.Evidence, 5))
		f.Next = msg(ui, "ev.many.next")
	}
	return f
}

func structureFinding(ui string, rep *Report, sc *scanResult) Finding {
	f := Finding{Kind: KindStructure}
	var found, missing []string
	firstMissing := -1
	for i, part := range starParts {
		if rep.STAR[part] {
			found = append(found, partName(ui, i))
			f.Items = append(f.Items, sc.star[i].keys...)
		} else {
			missing = append(missing, partName(ui, i))
			if firstMissing < 0 {
				firstMissing = i
			}
		}
	}
	cues := joinList(ui, f.Items, 6)
	switch {
	case len(found) == 4:
		f.Verdict = Good
		f.Summary = msg(ui, "star.all", cues)
		f.Next = msg(ui, "star.all.next")
	case len(found) == 3:
		f.Verdict = Info
		f.Summary = msg(ui, "star.three", joinParts(ui, found), joinParts(ui, missing), cues)
		f.Next = msg(ui, "star.three.next", joinParts(ui, missing), starExample(ui, firstMissing))
	case len(found) == 0:
		f.Verdict = Warn
		f.Summary = msg(ui, "star.none")
		f.Next = msg(ui, "star.none.next", starExample(ui, 0))
	default:
		f.Verdict = Warn
		f.Summary = msg(ui, "star.few", len(found), joinParts(ui, found), cues)
		f.Next = msg(ui, "star.few.next", joinParts(ui, missing), starExample(ui, firstMissing))
	}
	return f
}

func selfFocusFinding(ui string, rep *Report, sc *scanResult) Finding {
	f := Finding{Kind: KindSelfFocus}
	f.Items = append(sc.self.items(), sc.other.items()...)
	pct := int(math.Round(rep.SelfShare * 100))
	selfN := countPhrase(ui, rep.SelfRefs, "time", "times")
	otherN := countPhrase(ui, rep.OtherRefs, "time", "times")
	switch {
	case rep.SelfShare > selfShareWarn && rep.SelfRefs >= selfRefsWarnMin:
		f.Verdict = Warn
		f.Summary = msg(ui, "self.warn", rep.SelfRefs, rep.OtherRefs, pct, selfN, otherN)
		f.Next = msg(ui, "self.warn.next")
	case rep.OtherRefs > 0:
		f.Verdict = Good
		f.Summary = msg(ui, "self.good", rep.SelfRefs, rep.OtherRefs, pct, selfN, otherN)
		f.Next = msg(ui, "self.good.next")
	default:
		f.Verdict = Info
		f.Summary = msg(ui, "self.none", rep.SelfRefs, selfN)
		f.Next = msg(ui, "self.none.next")
	}
	return f
}

func fillerFinding(ui string, rep *Report, sc *scanResult) Finding {
	f := Finding{Kind: KindFiller, Items: sc.filler.items()}
	total := sc.filler.total()
	limit := fillerWarnEN
	if rep.Lang == "ja" {
		limit = fillerWarnJA
	}
	per := unitWord(ui, rep.Lang, 100)
	switch {
	case total == 0:
		f.Verdict = Good
		f.Summary = msg(ui, "filler.none")
		f.Next = msg(ui, "filler.none.next")
	case rep.FillerPer100 >= limit:
		f.Verdict = Warn
		f.Summary = msg(ui, "filler.warn", total, rep.FillerPer100, per, joinList(ui, f.Items, 5), countPhrase(ui, total, "filler or hedging word", "filler or hedging words"))
		f.Next = msg(ui, "filler.warn.next", sc.filler.top())
	default:
		f.Verdict = Info
		f.Summary = msg(ui, "filler.some", total, rep.FillerPer100, per, joinList(ui, f.Items, 5), countPhrase(ui, total, "filler or hedging word", "filler or hedging words"))
		f.Next = msg(ui, "filler.some.next", sc.filler.top())
	}
	return f
}

func vocabularyFinding(ui string, rep *Report) Finding {
	f := Finding{Kind: KindVocabulary, Items: append([]string(nil), rep.Vocabulary...)}
	n := len(rep.Vocabulary)
	switch {
	case n >= vocabGoodMin:
		f.Verdict = Good
		f.Summary = msg(ui, "vocab.good", n, joinList(ui, rep.Vocabulary, 6))
		f.Next = msg(ui, "vocab.good.next")
	case n > 0:
		f.Verdict = Info
		f.Summary = msg(ui, "vocab.some", n, joinList(ui, rep.Vocabulary, 6), countPhrase(ui, n, "sales term", "sales terms"))
		f.Next = msg(ui, "vocab.next", quoteList(ui, suggestTerms(rep.Lang, rep.Vocabulary, 3)))
	default:
		f.Verdict = Info
		f.Summary = msg(ui, "vocab.none")
		f.Next = msg(ui, "vocab.next", quoteList(ui, suggestTerms(rep.Lang, nil, 3)))
	}
	return f
}

// suggestTerms picks up to n suggested sales terms in the analysis language
// that the answer does not use yet.
func suggestTerms(lang string, used []string, n int) []string {
	list := suggestEN
	if lang == "ja" {
		list = suggestJA
	}
	usedSet := make(map[string]bool, len(used))
	for _, u := range used {
		usedSet[strings.ToLower(u)] = true
	}
	var out []string
	for _, t := range list {
		if !usedSet[strings.ToLower(t)] {
			out = append(out, t)
			if len(out) == n {
				break
			}
		}
	}
	return out
}

// tally counts keys in order of first appearance.
type tally struct {
	keys   []string
	counts map[string]int
}

func (t *tally) add(k string) {
	if t.counts == nil {
		t.counts = map[string]int{}
	}
	if t.counts[k] == 0 {
		t.keys = append(t.keys, k)
	}
	t.counts[k]++
}

func (t *tally) total() int {
	n := 0
	for _, c := range t.counts {
		n += c
	}
	return n
}

// sortedKeys returns keys by count (descending), then first appearance.
func (t *tally) sortedKeys() []string {
	ks := append([]string(nil), t.keys...)
	sort.SliceStable(ks, func(i, j int) bool { return t.counts[ks[i]] > t.counts[ks[j]] })
	return ks
}

// items renders "word ×count" for each key.
func (t *tally) items() []string {
	var out []string
	for _, k := range t.sortedKeys() {
		out = append(out, k+" ×"+itoa(t.counts[k]))
	}
	return out
}

// top returns the most frequent key, or "".
func (t *tally) top() string {
	ks := t.sortedKeys()
	if len(ks) == 0 {
		return ""
	}
	return ks[0]
}
