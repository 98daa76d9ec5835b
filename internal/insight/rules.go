package insight

import (
	"math"
	"strings"
)

// ---- length ----

func (a *analysis) length() Finding {
	rep := a.rep
	f := Finding{Kind: KindLength, Verdict: Warn, Params: map[string]string{}}
	s := float64(rep.SuggestedSeconds)
	lo := int(math.Ceil(lengthLow * s * rate(a.lang)))
	hi := int(math.Floor(lengthHigh * s * rate(a.lang)))
	unit := "words"
	if a.lang == "ja" {
		unit = "chars"
	}
	f.Params["units"], f.Params["unit"] = itoa(rep.Units), unit
	f.Params["seconds"], f.Params["suggested"] = itoa(rep.EstimatedSeconds), itoa(rep.SuggestedSeconds)
	f.Params["lo"], f.Params["hi"] = itoa(lo), itoa(hi)
	switch {
	case rep.Units == 0:
		f.Code = "length.empty"
	case rep.BelowMinimum:
		f.Code = "length.minimum"
	case rep.Units < lo:
		f.Code = "length.short"
	case rep.Units > hi:
		f.Code = "length.long"
	default:
		f.Verdict, f.Code = Good, "length.good"
	}
	return f
}

// ---- evidence ----

func (a *analysis) evidence() (Finding, bool) {
	if a.format == FormatRoleplay {
		return Finding{}, false
	}
	f := Finding{Kind: KindEvidence}
	switch {
	case len(a.figs) > 0:
		f.Verdict, f.Code = Good, "evidence.good"
		f.Items = append([]string(nil), a.rep.Evidence...)
		f.Params = map[string]string{"n": itoa(len(a.figs))}
	case len(a.rep.Vague) > 0:
		f.Verdict, f.Code = Warn, "evidence.vague"
		f.Items = append([]string(nil), a.rep.Vague...)
	default:
		f.Verdict, f.Code = Warn, "evidence.none"
	}
	f.Params = withFormat(f.Params, a.format)
	return f, true
}

func withFormat(p map[string]string, format string) map[string]string {
	if p == nil {
		p = map[string]string{}
	}
	p["format"] = format
	return p
}

// ---- ownership: self, team, customer ----

func (a *analysis) ownership() (Finding, bool) {
	switch a.format {
	case FormatStory:
	case FormatProcess:
		if !a.processExample() {
			return Finding{}, false
		}
	default:
		return Finding{}, false
	}
	rep := a.rep
	total := rep.Self + rep.Team + rep.Customer
	own := len(a.ownActs)
	if a.format == FormatProcess {
		own += a.presentActions()
	}
	if total < ownershipMinRefs || rep.Self+rep.Team == 0 && own == 0 {
		// too few references, or nothing about the speaker to judge
		return Finding{}, false
	}
	f := Finding{Kind: KindOwnership, Params: map[string]string{
		"self": itoa(rep.Self), "team": itoa(rep.Team), "customer": itoa(rep.Customer), "actions": itoa(own)}}
	for _, m := range a.ownActs {
		if len(f.Items) < 6 {
			f.Items = appendUnique(f.Items, a.text(m))
		}
	}
	switch {
	case rep.Team >= 3 && rep.Team > 2*rep.Self && (own < 2 || a.lang == "ja" && rep.Self == 0):
		// Japanese drops the subject: with チーム/私たち and never 私, the
		// actions read as the team's
		f.Verdict, f.Code = Warn, "ownership.we"
	case rep.Team+rep.Customer == 0 && rep.Self >= 6 && a.customerStory():
		f.Verdict, f.Code = Warn, "ownership.me"
	case own == 0 && a.lang == "en":
		f.Verdict, f.Code = Warn, "ownership.no-action"
	case len(f.Items) == 0:
		f.Verdict, f.Code = Good, "ownership.balanced"
	default:
		f.Verdict, f.Code = Good, "ownership.good"
	}
	return f, true
}

// customerStory reports whether the question is about work with a
// customer (not a story about the speaker's own miss or motivation).
func (a *analysis) customerStory() bool {
	switch a.in.Category {
	case "mistakes", "motivation", "organisation":
		return false
	}
	return !a.missTold()
}

// lostDeal reports whether the answer tells a lost deal, churn or mistake.
func (a *analysis) lostDeal() bool {
	for _, m := range a.ms {
		if m.cls == clsMiss && m.group == missLost {
			return true
		}
	}
	return false
}

// missTold reports whether the answer tells a miss: a lost deal or missed
// target named as such (negated or not), or results only in negated clauses.
func (a *analysis) missTold() bool {
	for _, m := range a.ms {
		if m.cls == clsMiss {
			return true
		}
	}
	return a.negatedResult()
}

// ---- fillers and hedges ----

func (a *analysis) per100() (float64, float64) {
	if a.lang == "ja" {
		return fillerPer100JA, hedgePer100JA
	}
	return fillerPer100EN, hedgePer100EN
}

func (a *analysis) filler() (Finding, bool) {
	ms := a.count(clsFiller, -1)
	ms = append(ms, a.negatedOf(clsFiller)...)
	lim, _ := a.per100()
	return a.frequency(KindFiller, ms, lim, SpanFiller, true)
}

func (a *analysis) hedge() (Finding, bool) {
	ms := a.count(clsHedge, -1)
	ms = append(ms, a.negatedOf(clsHedge)...)
	_, lim := a.per100()
	return a.frequency(KindHedge, ms, lim, SpanHedge, false)
}

// negatedOf returns the matches of cls inside negated clauses (a filler is
// a filler there too).
func (a *analysis) negatedOf(cls int) []match {
	var out []match
	for _, m := range a.ms {
		if m.cls == cls && m.neg {
			out = append(out, m)
		}
	}
	return out
}

// frequency warns when 2+ hits exceed lim per 100 units.
func (a *analysis) frequency(kind string, ms []match, lim float64, spanKind string, goodWhenRare bool) (Finding, bool) {
	n := len(ms)
	per := 0.0
	if a.rep.Units > 0 {
		per = float64(n) * 100 / float64(a.rep.Units)
	}
	counts := map[string]int{}
	var order []string
	for _, m := range ms {
		if counts[m.key] == 0 {
			order = append(order, m.key)
		}
		counts[m.key]++
		a.span(m.start, m.end, spanKind, "")
	}
	f := Finding{Kind: kind, Params: map[string]string{"n": itoa(n), "per100": strconvF(per), "unit": unitOf(a.lang)}}
	for _, k := range order {
		f.Items = append(f.Items, k+" ×"+itoa(counts[k]))
	}
	if n >= 2 && per > lim {
		f.Verdict, f.Code = Warn, kind+".warn"
		f.Params["top"] = topKey(order, counts)
		return f, true
	}
	if !goodWhenRare {
		return Finding{}, false
	}
	f.Verdict, f.Code = Good, kind+".good"
	return f, true
}

func unitOf(lang string) string {
	if lang == "ja" {
		return "chars"
	}
	return "words"
}

func topKey(order []string, counts map[string]int) string {
	best := ""
	for _, k := range order {
		if best == "" || counts[k] > counts[best] {
			best = k
		}
	}
	return best
}

func strconvF(v float64) string {
	return strings.TrimSuffix(strings.TrimSuffix(formatFloat(v), "0"), ".")
}

func formatFloat(v float64) string {
	n := int(math.Round(v * 10))
	return itoa(n/10) + "." + itoa(n%10)
}

// ---- vocabulary ----

func (a *analysis) vocabulary() (Finding, bool) {
	n := len(a.rep.Vocabulary)
	f := Finding{Kind: KindVocabulary, Items: append([]string(nil), a.rep.Vocabulary...), Params: map[string]string{"n": itoa(n), "answer": a.lang}}
	if n >= vocabGoodMin {
		f.Verdict, f.Code = Good, "vocabulary.good"
		return f, true
	}
	used := map[string]bool{}
	for _, t := range a.rep.Vocabulary {
		used[t] = true
	}
	var sug []string
	for _, id := range suggestIDs[a.format] {
		if !used[id] && a.an.hasTerm(id) && len(sug) < 3 {
			sug = append(sug, id)
		}
	}
	f.Verdict, f.Code = Warn, "vocabulary.few"
	f.Params["suggest"] = strings.Join(sug, ",")
	return f, true
}

// ---- language ----

func (a *analysis) language() (Finding, bool) {
	if a.lang == a.rep.Lang {
		return Finding{}, false
	}
	return Finding{Kind: KindLanguage, Verdict: Warn, Code: "language.other", Params: map[string]string{"page": a.rep.Lang, "answer": a.lang}}, true
}

// ---- manners (Japanese answers only) ----

func (a *analysis) manners() (Finding, bool) {
	if a.lang != "ja" {
		return Finding{}, false
	}
	ms := a.count(clsManners, -1)
	ms = append(ms, a.negatedOf(clsManners)...)
	var fixes []string
	var items []string
	sasete := 0
	for _, m := range ms {
		if m.key == "いたします" {
			sasete++
		}
	}
	for _, m := range ms {
		if m.key == "いたします" && sasete < 3 {
			continue
		}
		a.span(m.start, m.end, SpanManners, m.key)
		fix := a.text(m) + "→" + m.key
		fixes = appendUnique(fixes, fix)
		items = appendUnique(items, a.text(m))
	}
	if len(fixes) == 0 {
		return Finding{}, false
	}
	f := Finding{Kind: KindManners, Verdict: Warn, Code: "manners.warn", Items: items, Params: map[string]string{"fixes": strings.Join(fixes, "|")}}
	if sasete >= 3 {
		f.Params["sasete"] = itoa(sasete)
	}
	return f, true
}
