package insight

import "strconv"

// Change is one difference between two reports of the same question,
// language-neutral like a finding: ChangeMessage renders it.
type Change struct {
	// Kind is a finding kind, or "points" for talking points.
	Kind string
	// What is "verdict" (From/To are verdicts, "" for no finding),
	// "parts" (structure parts or role-play moves, From/To are counts),
	// "figures" (evidence count), "terms" (vocabulary count),
	// "gained" or "lost" (a finding appeared or went away; From/To are
	// its verdicts) or "points" (covered points, From/To are counts).
	What     string
	From, To string
	// Code is the code of the finding now (or, when lost, before).
	Code string `json:",omitempty"`
	// Better tells whether the change is an improvement.
	Better bool
}

var verdictRank = map[Verdict]int{"": 1, Warn: 0, Info: 1, Good: 2}

// Compare lists what changed from prev to cur, in report kind order:
// verdicts, structure parts (2 → 4), figures and terms counted, findings
// gained or lost, and talking points covered.
func Compare(prev, cur Report) []Change {
	var out []Change
	for _, k := range Kinds {
		pf, pok := prev.Finding(k)
		cf, cok := cur.Finding(k)
		switch {
		case !pok && !cok:
			continue
		case pok && !cok:
			out = append(out, Change{Kind: k, What: "lost", From: string(pf.Verdict), Code: pf.Code, Better: pf.Verdict == Warn})
			continue
		case !pok && cok:
			out = append(out, Change{Kind: k, What: "gained", To: string(cf.Verdict), Code: cf.Code, Better: cf.Verdict != Warn})
			continue
		}
		if pf.Verdict != cf.Verdict {
			out = append(out, Change{Kind: k, What: "verdict", From: string(pf.Verdict), To: string(cf.Verdict), Code: cf.Code,
				Better: verdictRank[cf.Verdict] > verdictRank[pf.Verdict]})
		}
		switch k {
		case KindStructure:
			key := "parts"
			if cf.Params["format"] == FormatRoleplay {
				key = "moves"
			}
			if a, b := pf.Params[key], cf.Params[key]; a != "" && b != "" && a != b && pf.Params["format"] == cf.Params["format"] {
				out = append(out, Change{Kind: k, What: "parts", From: a, To: b, Better: atoi(b) > atoi(a)})
			}
		case KindEvidence:
			if a, b := len(prev.Evidence), len(cur.Evidence); a != b {
				out = append(out, Change{Kind: k, What: "figures", From: strconv.Itoa(a), To: strconv.Itoa(b), Better: b > a})
			}
		case KindVocabulary:
			if a, b := len(prev.Vocabulary), len(cur.Vocabulary); a != b {
				out = append(out, Change{Kind: k, What: "terms", From: strconv.Itoa(a), To: strconv.Itoa(b), Better: b > a})
			}
		}
	}
	if len(prev.Points) > 0 || len(cur.Points) > 0 {
		a, b := covered(prev.Points), covered(cur.Points)
		if a != b {
			out = append(out, Change{Kind: "points", What: "points", From: strconv.Itoa(a), To: strconv.Itoa(b), Better: b > a})
		}
	}
	return out
}

func covered(ps []PointResult) int {
	n := 0
	for _, p := range ps {
		if p.Covered {
			n++
		}
	}
	return n
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

var kindNames = map[string][2]string{
	KindLength: {"Length", "長さ"}, KindEvidence: {"Evidence", "根拠となる数字"}, KindStructure: {"Structure", "構成"},
	KindOwnership: {"Your own role", "自分の役割"}, KindFiller: {"Filler words", "つなぎ言葉"}, KindHedge: {"Hedging", "言い切り"},
	KindVocabulary: {"Sales vocabulary", "営業用語"}, KindLanguage: {"Language", "言語"}, KindManners: {"Business manners", "ビジネスマナー"},
	KindPace: {"Speaking pace", "話す速さ"}, "points": {"Talking points", "話すべきポイント"},
}

var verdictNames = map[string][2]string{"good": {"good", "良い"}, "warn": {"to work on", "要改善"}, "info": {"note", "参考"}, "": {"none", "なし"}}

// KindName renders a finding kind's name in lang.
func KindName(kind, lang string) string {
	if n, ok := kindNames[kind]; ok {
		return pick(n, uiLang(lang) == "ja")
	}
	return kind
}

// changeUnits name what a count change counts, in English and Japanese.
var changeUnits = map[string][2]string{
	"parts": {" parts", "要素"}, "figures": {" figures", "個"}, "terms": {" terms", "語"}, "points": {" covered", "個カバー"},
}

// ChangeMessage renders one change in lang, e.g. "Structure: 2 → 4 parts".
func ChangeMessage(c Change, lang string) string {
	ja := uiLang(lang) == "ja"
	name := KindName(c.Kind, lang) + ": "
	if u, ok := changeUnits[c.What]; ok {
		return name + c.From + " → " + c.To + pick(u, ja)
	}
	switch c.What {
	case "verdict":
		return name + pick(verdictNames[c.From], ja) + " → " + pick(verdictNames[c.To], ja)
	case "gained":
		return name + pick([2]string{"new (" + pick(verdictNames[c.To], ja) + ")", "新たに表示（" + pick(verdictNames[c.To], ja) + "）"}, ja)
	case "lost":
		return name + pick([2]string{"no longer shown", "表示されなくなりました"}, ja)
	}
	return KindName(c.Kind, lang)
}
