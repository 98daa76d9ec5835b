// Package insight analyses an Account Executive interview answer in
// Japanese or English and returns language-neutral findings: codes and
// parameters, never finished sentences. Analyser.Message renders a
// finding in either UI language, so a report stored as JSON at save time
// reads the same to a Japanese candidate and an English-speaking coach.
//
// An Analyser is built once with its sales vocabulary (NewAnalyser): in
// the app, the glossary's terms, so the words the content teaches are the
// words the insights count. The other patterns (STAR cues, fillers,
// hedges, negation, role-play moves) are fixed in lexicon.go.
//
// The checks depend on the question's format (story, process, roleplay,
// motivation, knowledge): a role-play is not judged as a STAR story. The
// analysis is lexical, deterministic, fast and safe on any input.
// It uses only the standard library and golang.org/x/text.
package insight

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// Question formats (Input.Format).
const (
	FormatStory      = "story"
	FormatProcess    = "process"
	FormatRoleplay   = "roleplay"
	FormatMotivation = "motivation"
	FormatKnowledge  = "knowledge"
)

// Formats lists the valid formats.
var Formats = []string{FormatStory, FormatProcess, FormatRoleplay, FormatMotivation, FormatKnowledge}

// Point is one talking point of a question: a strong answer covers it
// when one of its cues appears outside a negated clause.
type Point struct {
	ID   string
	Cues []string
}

// Input is one answer to analyse.
type Input struct {
	// Text is the answer as typed or dictated.
	Text string
	// Lang is the page's language, "ja" or "en".
	Lang string
	// Format is the question's format; "" means story.
	Format string
	// Category is the question's taxonomy category (e.g. "mistakes": a
	// story of a miss needs the lesson).
	Category string
	// SuggestedSeconds is the question's suggested time; 0 or less means
	// DefaultSuggestedSeconds.
	SuggestedSeconds int
	// SpokenMillis and SilenceMillis describe a recording, when there is
	// one; they add a pace finding.
	SpokenMillis, SilenceMillis int
	// Points are the question's talking points in the page's language.
	Points []Point
}

// Verdict grades one finding.
type Verdict string

// Verdict values. A kind with no finding is simply absent from
// Report.Findings (the evaluation set calls that "none").
const (
	Good Verdict = "good"
	Warn Verdict = "warn"
	Info Verdict = "info"
)

// Finding kinds, in the order in which they appear in Report.Findings.
const (
	KindLength     = "length"
	KindEvidence   = "evidence"
	KindStructure  = "structure"
	KindOwnership  = "ownership"
	KindFiller     = "filler"
	KindHedge      = "hedge"
	KindVocabulary = "vocabulary"
	KindLanguage   = "language"
	KindManners    = "manners"
	KindPace       = "pace"
)

// Kinds lists every finding kind in report order.
var Kinds = []string{KindLength, KindEvidence, KindStructure, KindOwnership, KindFiller, KindHedge, KindVocabulary, KindLanguage, KindManners, KindPace}

// DefaultSuggestedSeconds is used when Input.SuggestedSeconds is not positive.
const DefaultSuggestedSeconds = 120

// Finding is one insight, language-neutral: Code names the message and
// Params fill it (see Message). Items are the phrases found, as written in
// the answer (figures, cues, fillers, terms), or ids where the code says so.
type Finding struct {
	Kind    string
	Verdict Verdict
	Code    string
	Params  map[string]string `json:",omitempty"`
	Items   []string          `json:",omitempty"`
}

// Param returns the parameter name of f, or "".
func (f Finding) Param(name string) string { return f.Params[name] }

// IntParam returns the parameter name of f as an int (0 when absent).
func (f Finding) IntParam(name string) int {
	n, _ := strconv.Atoi(f.Params[name])
	return n
}

// PointResult says whether the answer covered one talking point.
type PointResult struct {
	ID      string
	Covered bool
	// Matched lists the cues found (outside negated clauses).
	Matched []string `json:",omitempty"`
}

// Span kinds.
const (
	SpanFigure  = "figure"
	SpanVague   = "vague"
	SpanStarS   = "star-s"
	SpanStarT   = "star-t"
	SpanStarA   = "star-a"
	SpanStarR   = "star-r"
	SpanFiller  = "filler"
	SpanHedge   = "hedge"
	SpanTerm    = "term"
	SpanManners = "manners"
	SpanPoint   = "point"
)

// Span is a byte range [Start, End) of Input.Text and what it is. Spans
// are sorted by Start, then End; they may overlap (a figure inside a
// result cue).
type Span struct {
	Start, End int
	Kind       string
	// Ref is the term id (term), the point id (point) or the corrected
	// phrase (manners); empty otherwise.
	Ref string `json:",omitempty"`
}

// Report is the analysis of one answer.
type Report struct {
	// Lang is the page's language; AnswerLang the language the answer is
	// written in (and analysed in).
	Lang, AnswerLang string
	// Format is the format used ("story" when the input named none).
	Format string
	// Units is the length: characters for Japanese (without spaces and
	// punctuation) or words for English. EstimatedSeconds is the speaking
	// time at 5 characters or 2.5 words a second; SuggestedSeconds the
	// question's time.
	Units, EstimatedSeconds, SuggestedSeconds int
	// BelowMinimum is true under 25 English words or 60 Japanese
	// characters: only the length finding is given.
	BelowMinimum bool `json:",omitempty"`
	// SpokenSeconds, Pace (units a minute) and SilenceSeconds describe a
	// recording, when there is one.
	SpokenSeconds  int     `json:",omitempty"`
	Pace           float64 `json:",omitempty"`
	SilenceSeconds int     `json:",omitempty"`
	// Evidence lists the concrete figures, Vague the vague amounts.
	Evidence []string `json:",omitempty"`
	Vague    []string `json:",omitempty"`
	// STAR reports which of situation, task, action, result and lesson
	// were found (structure of a story).
	STAR map[string]bool `json:",omitempty"`
	// Self, Team and Customer count references to the speaker, their team
	// and the customer.
	Self, Team, Customer int
	// Fillers and Hedges map each word found to its count.
	Fillers map[string]int `json:",omitempty"`
	Hedges  map[string]int `json:",omitempty"`
	// Vocabulary lists the ids of the sales terms used, in order of first
	// appearance (Analyser.TermName renders one).
	Vocabulary []string `json:",omitempty"`
	Findings   []Finding
	Points     []PointResult `json:",omitempty"`
	Spans      []Span        `json:",omitempty"`
}

// Finding returns the finding of kind and whether there is one.
func (r Report) Finding(kind string) (Finding, bool) {
	for _, f := range r.Findings {
		if f.Kind == kind {
			return f, true
		}
	}
	return Finding{}, false
}

// Verdict returns the verdict of kind, or "" when there is no such finding.
func (r Report) Verdict(kind string) Verdict {
	f, _ := r.Finding(kind)
	return f.Verdict
}

// STAR part names, used as keys of Report.STAR.
var starNames = [5]string{"situation", "task", "action", "result", "lesson"}

var starSpans = [4]string{SpanStarS, SpanStarT, SpanStarA, SpanStarR}

// Thresholds for the rules.
const (
	jaCharsPerSecond = 5.0
	enWordsPerSecond = 2.5
	lengthLow        = 0.6
	lengthHigh       = 1.1
	minWordsEN       = 25
	minCharsJA       = 60
	ownershipMinRefs = 5
	fillerPer100EN   = 2.0 // per 100 words
	fillerPer100JA   = 1.0 // per 100 characters (3 per 300)
	hedgePer100EN    = 2.0
	hedgePer100JA    = 1.0
	vocabGoodMin     = 3
	maxEvidenceItems = 100
)

// analysis is the state shared by the rules of one answer.
type analysis struct {
	an       *Analyser
	in       Input
	nt       *normText
	lang     string // answer language
	format   string
	ms       []match
	cl       *clauses
	figs     []figure
	vague    []figure
	rep      *Report
	sents    int
	ownActs  []match // the speaker's own actions (I + past tense, JA action cues)
	teamActs int
}

// Analyse analyses one answer. It never panics.
func (an *Analyser) Analyse(in Input) Report {
	page := uiLang(in.Lang)
	nt := normalize(in.Text)
	st := measure(nt.txt)
	lang := st.lang(page)
	format := in.Format
	if !validFormat(format) {
		format = FormatStory
	}
	suggested := in.SuggestedSeconds
	if suggested <= 0 {
		suggested = DefaultSuggestedSeconds
	}
	rep := &Report{Lang: page, AnswerLang: lang, Format: format, SuggestedSeconds: suggested}
	rep.Units = st.units(lang)
	rep.EstimatedSeconds = int(math.Round(float64(rep.Units) / rate(lang)))
	rep.BelowMinimum = lang == "en" && rep.Units < minWordsEN || lang == "ja" && rep.Units < minCharsJA

	a := &analysis{an: an, in: in, nt: nt, lang: lang, format: format, rep: rep}
	a.ms = scan(an.dict[lang], nt.low)
	if lang == "en" {
		a.ms = append(a.ms, pastActions(nt.low)...)
		a.ms = append(a.ms, telegraphicActions(nt.low)...)
		slices.SortStableFunc(a.ms, func(x, y match) int { return x.start - y.start })
	}
	a.ms = append(a.ms, labels(nt.txt, lang)...)
	a.cl = splitClauses(nt.low)
	markNegation(a.ms, a.cl, nt.low)
	if n := len(a.cl.sentOf); n > 0 {
		a.sents = a.cl.sentOf[n-1] + 1
	}
	a.figs, a.vague = findEvidence(nt.txt, nt.low)
	a.collect()

	rep.Findings = append(rep.Findings, a.length())
	if !rep.BelowMinimum {
		for _, rule := range []func() (Finding, bool){a.evidence, a.structure, a.ownership, a.filler, a.hedge, a.vocabulary, a.language, a.manners} {
			if f, ok := rule(); ok {
				rep.Findings = append(rep.Findings, f)
			}
		}
	}
	if in.SpokenMillis > 0 {
		rep.Findings = append(rep.Findings, paceFinding(rep, in.SpokenMillis, in.SilenceMillis))
	}
	rep.Points = a.points()
	slices.SortStableFunc(rep.Spans, func(x, y Span) int {
		if x.Start != y.Start {
			return x.Start - y.Start
		}
		return x.End - y.End
	})
	return *rep
}

func validFormat(f string) bool {
	for _, x := range Formats {
		if x == f {
			return true
		}
	}
	return false
}

// uiLang maps Input.Lang to "ja" or "en" (the default).
func uiLang(l string) string {
	l = strings.ToLower(strings.TrimSpace(l))
	if strings.HasPrefix(l, "ja") || l == "jp" {
		return "ja"
	}
	return "en"
}

// rate is the speaking rate in analysis units a second.
func rate(lang string) float64 {
	if lang == "ja" {
		return jaCharsPerSecond
	}
	return enWordsPerSecond
}

// span records a span of the normalized text, mapped to the input.
func (a *analysis) span(start, end int, kind, ref string) {
	s, e := a.nt.origRange(start, end)
	if s < e {
		a.rep.Spans = append(a.rep.Spans, Span{Start: s, End: e, Kind: kind, Ref: ref})
	}
}

// text returns the normalized text of a match.
func (a *analysis) text(m match) string { return strings.TrimSpace(a.nt.txt[m.start:m.end]) }

// collect fills the report's counts and the spans that do not depend on a rule.
func (a *analysis) collect() {
	rep := a.rep
	rep.Fillers, rep.Hedges = map[string]int{}, map[string]int{}
	seenTerm := map[string]bool{}
	for _, m := range a.ms {
		switch m.cls {
		case clsRef:
			switch m.group {
			case grpSelf:
				rep.Self++
			case grpTeam:
				rep.Team++
			default:
				rep.Customer++
			}
		case clsFiller:
			rep.Fillers[m.key]++
		case clsHedge:
			rep.Hedges[m.key]++
		case clsTerm:
			if !seenTerm[m.key] {
				seenTerm[m.key] = true
				rep.Vocabulary = append(rep.Vocabulary, m.key)
			}
			a.span(m.start, m.end, SpanTerm, m.key)
		case clsManners:
			// spans only when the manners finding applies (see manners)
		}
	}
	for _, f := range a.figs {
		rep.Evidence = append(rep.Evidence, f.text)
		a.span(f.start, f.end, SpanFigure, "")
	}
	for _, f := range a.vague {
		rep.Vague = append(rep.Vague, f.text)
		a.span(f.start, f.end, SpanVague, "")
	}
	for _, m := range a.ms {
		if m.cls == clsVague && !a.insideFigure(m) {
			rep.Vague = appendUnique(rep.Vague, a.text(m))
			a.span(m.start, m.end, SpanVague, "")
		}
	}
	// the speaker's own actions
	for _, m := range a.ms {
		switch {
		case m.neg:
		case m.cls == clsPast && m.group == grpSelf:
			a.ownActs = append(a.ownActs, m)
		case m.cls == clsStar && m.group == starA && a.lang == "ja":
			// an action of チーム/私たち is the team's, not the speaker's
			if !a.clauseHasTeamSubject(m) {
				a.ownActs = append(a.ownActs, m)
			}
		case m.cls == clsLabel && m.group == starA:
			a.ownActs = append(a.ownActs, m)
		}
	}
}

func (a *analysis) insideFigure(m match) bool {
	for _, f := range a.vague {
		if m.start >= f.start && m.end <= f.end {
			return true
		}
	}
	return false
}

// clauseHasTeamSubject reports whether the clause of a Japanese action cue
// names the team (チームで, 私たちは) and not the speaker.
func (a *analysis) clauseHasTeamSubject(m match) bool {
	k := a.cl.clauseAt(m.start)
	team, self := false, false
	for _, x := range a.ms {
		if x.cls != clsRef || a.cl.clauseAt(x.start) != k {
			continue
		}
		switch x.group {
		case grpTeam:
			team = true
		case grpSelf:
			self = true
		}
	}
	return team && !self
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// count returns the matches of cls (and group, when group >= 0) outside
// negated clauses.
func (a *analysis) count(cls, group int) []match {
	var out []match
	for _, m := range a.ms {
		if m.cls == cls && (group < 0 || m.group == group) && !m.neg {
			out = append(out, m)
		}
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }
