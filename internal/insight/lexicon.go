package insight

import (
	"strings"
	"unicode"
)

// words builds whole-word ASCII patterns; each entry is "key" or
// "key=variant1|variant2" (the key itself is always a variant).
func words(set, group int, suffix bool, entries ...string) []*pat {
	return build(set, group, true, suffix, entries)
}

// subs builds substring patterns (Japanese); ASCII-only entries such as
// "KPI" are matched as whole words.
func subs(set, group int, entries ...string) []*pat {
	return build(set, group, false, false, entries)
}

func build(set, group int, word, suffix bool, entries []string) []*pat {
	var out []*pat
	for _, e := range entries {
		key, rest, _ := strings.Cut(e, "=")
		variants := []string{key}
		if rest != "" {
			variants = append(variants, strings.Split(rest, "|")...)
		}
		seen := map[string]bool{}
		for _, v := range variants {
			low := asciiLower(v)
			if seen[low] {
				continue
			}
			seen[low] = true
			out = append(out, &pat{text: low, key: key, set: set, group: group, word: word || isASCII(low), suffix: suffix})
		}
	}
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// withOK attaches a context check to every pattern in ps.
func withOK(ok func(string, int, int) bool, ps []*pat) []*pat {
	for _, p := range ps {
		p.ok = ok
	}
	return ps
}

func concat(lists ...[]*pat) []*pat {
	var out []*pat
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// ---- context checks ----

// notIE rejects the "i" of "i.e.".
func notIE(s string, _, end int) bool { return !strings.HasPrefix(s[end:], ".e") }

// notYouKnow rejects "you" in the filler "you know".
func notYouKnow(s string, _, end int) bool { return !strings.HasPrefix(s[end:], " know") }

// likeFiller accepts "like" only as a filler: followed by a comma and
// preceded by a comma or at the start of a sentence (", like," / "Like, ...").
func likeFiller(s string, start, end int) bool {
	if nextNonSpace(s, end) != ',' {
		return false
	}
	switch prevNonSpace(s, start) {
	case 0, ',', '.', '!', '?', '\n':
		return true
	}
	r, _ := lastRune(s, start)
	return r == '。' || r == '、'
}

var determiners = map[string]bool{
	"a": true, "an": true, "the": true, "this": true, "that": true, "these": true, "those": true,
	"what": true, "which": true, "any": true, "some": true, "every": true, "same": true,
	"one": true, "right": true, "different": true, "other": true, "each": true, "no": true,
}

// hedgeOf accepts "kind of"/"sort of" only when not used literally ("this kind of deal").
func hedgeOf(s string, start, _ int) bool { return !determiners[prevWord(s, start)] }

// anoFiller accepts "あの" only as a filler (followed by a pause mark or
// "ですね"), not as the demonstrative "あの時/あの会社".
func anoFiller(s string, _, end int) bool {
	if end >= len(s) {
		return true
	}
	if strings.HasPrefix(s[end:], "ですね") {
		return true
	}
	r, _ := nextRune(s, end)
	switch r {
	case '、', ',', '。', '.', '…', ' ', '\n', '!', '?', '〜', '~':
		return true
	}
	return false
}

// maaFiller rejects "まあ" in "まあまあ" (so-so), which is not a filler.
func maaFiller(s string, start, end int) bool {
	return !strings.HasPrefix(s[end:], "まあ") && !strings.HasSuffix(s[:start], "まあ")
}

// tekinaFiller accepts "的な" as a hedge ("リーダー的な", "〜的な感じ") but not
// in ordinary adjectives such as 具体的な or 積極的な.
func tekinaFiller(s string, start, end int) bool {
	if strings.HasPrefix(s[end:], "感じ") {
		return true
	}
	r, n := lastRune(s, start)
	return n == 0 || !unicode.Is(unicode.Han, r)
}

// ---- reference (self-focus) lexicon ----

var refEN = concat(
	withOK(notIE, words(setRef, groupSelf, false, "I=i")),
	words(setRef, groupSelf, false, "me", "my", "mine", "myself"),
	withOK(notYouKnow, words(setRef, groupOther, false, "you")),
	words(setRef, groupOther, false,
		"customer=customers", "client=clients", "your=yours", "team=teams",
		"buyer=buyers", "prospect=prospects", "stakeholder=stakeholders", "we", "our"),
)

var refJA = concat(
	subs(setRef, groupSelf, "私", "自分", "僕", "わたし", "わたくし"),
	subs(setRef, groupOther,
		"お客様=お客さま|お客さん", "顧客", "クライアント", "チーム", "先方", "相手",
		"皆さん=皆様|みなさん", "担当者", "取引先",
		// "we" forms count with the team, like English "we".
		"私たち=私達|私ども|わたしたち", "自分たち=自分達", "僕たち=僕ら|僕達", "我々"),
)

// ---- filler lexicon ----

var fillerEN = concat(
	words(setFiller, 0, false, "um=umm|ummm|uhm", "uh=uhh|uhhh", "you know", "basically",
		"i think maybe", "actually", "literally"),
	withOK(likeFiller, words(setFiller, 0, false, "like")),
	withOK(hedgeOf, words(setFiller, 0, false, "sort of", "kind of")),
)

var fillerJA = concat(
	subs(setFiller, 0, "えー=え〜", "えーと=えーっと|ええと", "えっと", "あのー=あのう|あのぉ",
		"なんか", "たぶん=多分", "かもしれない=かもしれません|かもしれな"),
	withOK(maaFiller, subs(setFiller, 0, "まあ=まぁ")),
	withOK(anoFiller, subs(setFiller, 0, "あの")),
	withOK(tekinaFiller, subs(setFiller, 0, "的な")),
)

// ---- STAR cue lexicon (both languages are always scanned) ----

var starCues = concat(
	words(setStar, 0, false, "when I was", "when I joined", "at my previous", "in my previous",
		"at my last", "in my last", "the situation", "previously", "back when", "last year",
		"at the time", "I was working", "I worked at", "the context"),
	subs(setStar, 0, "当時", "の時", "のとき", "前職で", "前職", "状況", "以前", "昨年", "背景", "在籍", "入社"),

	words(setStar, 1, false, "my goal", "our goal", "the goal", "I was responsible", "responsible for",
		"target", "targets", "tasked", "my task", "my role", "my job was", "objective",
		"I needed to", "I had to", "the challenge", "the problem was"),
	subs(setStar, 1, "目標", "課題", "任され", "担当", "ミッション", "役割", "求められ", "必要があ", "ノルマ"),

	words(setStar, 2, false, "I decided", "I started", "I built", "so I", "I created", "I led",
		"I introduced", "I implemented", "I reached out", "I organized", "I organised", "I proposed",
		"I developed", "I ran", "I set up", "I launched", "I focused", "I worked with", "I analyzed",
		"I analysed", "I designed", "I changed", "I partnered", "I prepared", "I mapped",
		"I interviewed", "I negotiated", "we decided", "we built", "then I", "first, I"),
	subs(setStar, 2, "実施", "行いました", "行った", "取り組み", "取り組ん", "提案し", "しました", "導入し",
		"始めました", "改善し", "実行", "工夫", "作成し", "企画し", "分析し", "働きかけ", "連携し"),

	words(setStar, 3, false, "as a result", "which led to", "led to", "resulted", "the result",
		"increased", "closed", "grew", "achieved", "exceeded", "improved", "reduced", "won",
		"in the end", "ended up", "signed", "generated", "doubled", "secured", "boosted"),
	subs(setStar, 3, "その結果", "結果", "達成", "受注", "増加", "向上", "改善", "削減", "獲得", "成功",
		"伸ば", "成約", "上回"),
)

// ---- sales vocabulary (both languages are always scanned) ----

var vocabEN = words(setVocab, 0, true,
	"quota", "pipeline", "upsell=up-sell|upsold|up-sold", "cross-sell=cross sell|crosssell|cross-sold",
	"renewal=renewed", "objection", "discovery", "CRM", "forecast",
	"close rate=close-rate|closing rate", "win rate=win-rate", "ARR", "MRR", "churn",
	"stakeholder", "decision-maker=decision maker", "ROI", "prospect",
	"qualify=qualified|qualifying|qualification", "negotiation=negotiate|negotiated|negotiating",
	"onboarding=onboard|onboarded", "account manager",
)

var vocabJA = subs(setVocab, 0,
	"商談", "受注", "失注", "アップセル", "クロスセル", "契約更新", "パイプライン",
	"見込み客=見込客|見込み顧客", "予算", "決裁者=決裁権者", "提案", "ヒアリング", "反論", "交渉",
	"目標達成", "売上=売り上げ", "KPI", "オンボーディング", "解約", "更新",
)

// Suggested terms, in the analysis language, for answers with few terms.
var (
	suggestEN = []string{"pipeline", "quota", "decision-maker", "discovery", "win rate", "ROI", "objection"}
	suggestJA = []string{"パイプライン", "決裁者", "受注", "ヒアリング", "目標達成", "商談", "KPI"}
)

// The per-language dictionaries used by scanText. CRM appears in vocabEN
// only; vocabJA's ASCII terms (KPI) are whole-word matched like English.
var (
	dictEN = newDict(refEN, fillerEN, starCues, vocabEN, vocabJA)
	dictJA = newDict(refJA, fillerJA, starCues, vocabEN, vocabJA)
)
