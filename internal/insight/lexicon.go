package insight

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// words builds whole-word ASCII patterns; each entry is "key" or
// "key=variant1|variant2" (the key itself is always a variant).
func words(cls, group int, entries ...string) []*pat {
	return build(cls, group, true, false, entries)
}

// wordsS is words with inflection suffixes allowed (quota → quotas).
func wordsS(cls, group int, entries ...string) []*pat {
	return build(cls, group, true, true, entries)
}

// subs builds substring patterns (Japanese); ASCII-only entries such as
// "KPI" are matched as whole words.
func subs(cls, group int, entries ...string) []*pat {
	return build(cls, group, false, false, entries)
}

func build(cls, group int, word, suffix bool, entries []string) []*pat {
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
			if seen[low] || low == "" {
				continue
			}
			seen[low] = true
			w := word || isASCII(low)
			if w && !isWordByte(low[0]) {
				w = false // symbols such as "%" or "$"
			}
			out = append(out, &pat{text: low, key: key, cls: cls, group: group, word: w, suffix: suffix && w})
		}
	}
	return out
}

// isASCII reports whether s holds only ASCII bytes.
func isASCII(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return r >= utf8.RuneSelf })
}

// withOK attaches a context check to every pattern in ps.
func withOK(ok func(string, int, int) bool, ps []*pat) []*pat {
	for _, p := range ps {
		p.ok = ok
	}
	return ps
}

// asConn marks connector patterns (see pat.conn).
func asConn(ps []*pat) []*pat {
	for _, p := range ps {
		p.conn = true
	}
	return ps
}

// keyed gives every pattern in ps the same key.
func keyed(key string, ps []*pat) []*pat {
	for _, p := range ps {
		p.key = key
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
	return clauseEdgeBefore(s, start)
}

// clauseEdgeBefore reports whether only spaces separate start from the
// start of the text or a comma or sentence end.
func clauseEdgeBefore(s string, start int) bool {
	switch prevNonSpace(s, start) {
	case 0, ',', '.', '!', '?', '\n', ';':
		return true
	}
	r, _ := lastRune(s, start)
	return r == '。' || r == '、'
}

// parenthetical accepts a word used as a filler: set off by commas or at
// the start of a sentence with a comma after it ("Actually, ..."), never
// inside a clause ("what they actually needed").
func parenthetical(s string, start, end int) bool {
	next := nextNonSpace(s, end)
	return clauseEdgeBefore(s, start) && (next == ',' || next == 0 || next == '.')
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
	case '、', ',', '。', '.', '…', ' ', '\n', '!', '?', '〜', '~', 'ー':
		return true
	}
	return false
}

// maaFiller rejects "まあ" in "まあまあ" (so-so), which is not a filler.
func maaFiller(s string, start, end int) bool {
	return !strings.HasPrefix(s[end:], "まあ") && !strings.HasSuffix(s[:start], "まあ")
}

// nanka accepts なんか as a filler, not なんかい (何回) or なんかげつ.
func nanka(s string, _, end int) bool {
	return !strings.HasPrefix(s[end:], "い") && !strings.HasPrefix(s[end:], "げつ") && !strings.HasPrefix(s[end:], "月")
}

// notBefore returns a check that rejects a match followed by any of after.
func notBefore(after ...string) func(string, int, int) bool {
	return func(s string, _, end int) bool {
		for _, a := range after {
			if strings.HasPrefix(s[end:], a) {
				return false
			}
		}
		return true
	}
}

// notAfter returns a check that rejects a match preceded by any of before.
func notAfter(before ...string) func(string, int, int) bool {
	return func(s string, start, _ int) bool {
		for _, b := range before {
			if strings.HasSuffix(s[:start], b) {
				return false
			}
		}
		return true
	}
}

// jaNegOK rejects ない in words where it is no negation: 少ない, 危ない,
// 間違いない, だけでなく/ではなく (not only / rather than), ないよう (so as
// not to), 欠かせない.
func jaNegOK(s string, start, end int) bool {
	for _, b := range []string{"少", "危", "間違い", "だけで", "では", "で", "欠かせ", "絶え", "しか", "つまら", "もれ", "漏れ", "さりげ", "幼", "切", "汚", "はか"} {
		if strings.HasSuffix(s[:start], b) {
			return false
		}
	}
	return !strings.HasPrefix(s[end:], "よう") && !strings.HasPrefix(s[end:], "ように")
}

// jaMasenOK rejects ません in set phrases that are no negation.
func jaMasenOK(s string, start, _ int) bool {
	for _, b := range []string{"しれ", "すみ", "かまい", "構い", "申し訳あり", "申し訳ござい"} {
		if strings.HasSuffix(s[:start], b) {
			return false
		}
	}
	return true
}

// enNegOK rejects "not only", "not just", "no doubt" and "no matter".
func enNegOK(s string, _, end int) bool {
	for _, a := range []string{" only", " just", " doubt", " matter", "-brainer", " problem"} {
		if strings.HasPrefix(s[end:], a) {
			return false
		}
	}
	return true
}

// notJAPerson rejects 担当 in 担当者 (the customer's contact), which is no
// STAR cue.
func notJAPerson(s string, _, end int) bool { return !strings.HasPrefix(s[end:], "者") }

// tekinaFiller accepts "的な" as a hedge ("リーダー的な感じ") but not in
// ordinary adjectives such as 具体的な or 積極的な.
func tekinaFiller(s string, start, end int) bool {
	if strings.HasPrefix(s[end:], "感じ") {
		return true
	}
	r, n := lastRune(s, start)
	return n == 0 || !unicode.Is(unicode.Han, r)
}

// ---- references: self, team, customer ----

var refEN = concat(
	withOK(notIE, words(clsRef, grpSelf, "I=i")),
	words(clsRef, grpSelf, "me", "my", "mine", "myself", "i'm", "i've", "i'd"),
	words(clsRef, grpTeam, "we", "our", "us", "ours", "ourselves", "we're", "we've", "team=teams|teammates|colleagues"),
	withOK(notYouKnow, words(clsRef, grpCustomer, "you")),
	words(clsRef, grpCustomer, "your", "yours", "they", "them", "their", "theirs", "they're",
		"customer=customers|customer's", "client=clients|client's", "buyer=buyers", "prospect=prospects",
		"stakeholder=stakeholders", "cfo", "ceo", "cio", "cto", "vp"),
)

var refJA = concat(
	subs(clsRef, grpSelf, "私", "自分", "僕", "わたし", "わたくし"),
	subs(clsRef, grpTeam, "私たち=私達|私ども|わたしたち|自分たち|自分達|僕たち|僕ら|僕達|我々", "チーム", "弊社", "当社", "同僚", "メンバー", "上司"),
	subs(clsRef, grpCustomer, "お客様=お客さま|お客さん", "顧客", "先方", "クライアント", "取引先", "担当者", "決裁者", "相手", "ユーザー", "御社", "貴社"),
)

// ---- fillers and hedges ----

var fillerEN = concat(
	words(clsFiller, 0, "um=umm|ummm|uhm|erm", "uh=uhh|uhhh|er", "you know", "basically", "literally", "i mean", "so yeah=yeah"),
	withOK(parenthetical, words(clsFiller, 0, "actually", "honestly", "like")),
	withOK(likeFiller, words(clsFiller, 0, "like")),
	withOK(hedgeOf, words(clsFiller, 0, "kind of")),
)

var hedgeEN = concat(
	words(clsHedge, 0, "i think", "i believe", "i guess", "i feel like", "maybe", "probably", "perhaps", "i suppose", "hopefully", "might be=might have", "not sure"),
	withOK(hedgeOf, words(clsHedge, 0, "sort of")),
)

var fillerJA = concat(
	subs(clsFiller, 0, "えー=え〜|えーっと|えーと|ええと", "えっと", "あのー=あのう|あのぉ|あの〜", "そのー=その〜"),
	withOK(nanka, subs(clsFiller, 0, "なんか")),
	withOK(maaFiller, subs(clsFiller, 0, "まあ=まぁ")),
	withOK(anoFiller, subs(clsFiller, 0, "あの")),
	withOK(tekinaFiller, subs(clsFiller, 0, "的な")),
)

var hedgeJA = subs(clsHedge, 0, "と思います=と思いました|と思う|と思っています|と考えています", "かもしれません=かもしれない|かもしれな", "たぶん=多分", "おそらく", "気がします=気がする", "ような気")

// ---- negation ----

var negEN = concat(
	withOK(enNegOK, words(clsNeg, 0, "not", "no", "never", "nothing", "none", "nobody", "neither", "nor", "cannot")),
	words(clsNeg, 0, "didn't=didnt", "don't", "doesn't", "wasn't", "weren't", "couldn't", "wouldn't", "haven't", "hasn't", "hadn't",
		"isn't", "aren't", "won't", "can't", "shouldn't", "failed to", "unable to", "no longer", "fell short", "missed"),
)

var negJA = concat(
	withOK(jaNegOK, subs(clsNeg, 0, "ない", "なかった", "なく")),
	withOK(jaMasenOK, subs(clsNeg, 0, "ません")),
	subs(clsNeg, 0, "できず", "至らず", "届かず", "未達", "及ばず", "終わらず"),
)

// A miss told as one: lost deals, missed targets.
var missEN = concat(
	words(clsMiss, missLost, "lost the deal=lost that deal|lost it|we lost|i lost", "didn't close", "did not close", "didn't win",
		"went with a competitor", "chose a competitor", "closed-lost=closed lost", "i made a mistake=my mistake", "churned", "did not renew=didn't renew"),
	words(clsMiss, missTarget, "missed my quota=missed quota|missed the target|missed my target|missed my number|missed my annual quota", "fell short", "didn't hit"),
)

var missJA = concat(
	subs(clsMiss, missLost, "失注しました=失注した|失注してしま|失注に終わ|失注となり|失注になり|失注が続", "失敗", "ミス", "受注できませんでした=受注できなかった|受注できず",
		"負け", "取れませんでした=取れなかった", "逃し", "解約となり=解約に至|解約され|解約になり", "更新できず=更新できませんでした|更新されませんでした"),
	subs(clsMiss, missTarget, "未達", "達成できませんでした=達成できなかった|達成できず", "届きませんでした=届かなかった"),
)

// ---- STAR ----

var starEN = concat(
	words(clsStar, starS, "when i was", "when i joined", "at my previous", "in my previous", "at my last", "in my last", "at my current",
		"in my current", "in my first=in my second|in my third|in my fourth", "my first year=my second year", "previously", "back when", "back in", "last year", "last quarter", "last month",
		"at the time", "i was working", "i worked at", "i was an", "i was a", "i was the", "i was on", "i was managing", "i inherited",
		"the situation", "the context", "the customer was", "the client was", "a customer", "one customer", "a client", "one client",
		"a prospect", "a mid-market", "an enterprise", "a regional", "a large", "we were", "our team was", "had been", "was stuck",
		"were stuck", "was losing", "were losing", "years ago", "months ago", "at a", "at an", "a few years", "in 2015=in 2016|in 2017|in 2018|in 2019|in 2020|in 2021|in 2022|in 2023|in 2024|in 2025|in 2026",
		"was evaluating", "were evaluating", "had stalled", "was stalled", "was about to", "wanted to", "came to us", "reached out to me"),
	words(clsStar, starT, "my goal", "our goal", "the goal", "my target", "the target", "our target", "i was responsible", "responsible for",
		"tasked", "my task", "my role", "my job was", "objective", "i needed to", "i had to", "we needed to", "we had to", "the challenge",
		"the problem was", "at stake", "the aim", "i was asked", "my quota", "i owned", "i was the lead", "the brief"),
	words(clsStar, starA, "so i", "then i", "first, i", "i decided", "i personally"),
	asConn(words(clsStar, starR, "as a result", "which led to", "the result", "in the end", "ended up", "the outcome", "that led to", "this led to", "result was")),
	words(clsStar, starR, "resulted", "increased", "closed", "grew", "achieved", "exceeded", "improved", "reduced", "won", "signed",
		"generated", "doubled", "tripled", "secured", "boosted", "renewed", "expanded", "hit", "beat", "landed", "converted",
		"saved", "booked", "went live", "finished the year", "finished at", "ranked", "promoted", "recovered", "cut", "shortened",
		"rose", "jumped", "delivered", "retained", "brought in", "came in at", "worked out", "it worked", "resolved", "went up", "was back", "added", "agreed to", "chose us", "went ahead"),
	words(clsStar, starLesson, "learned=learnt", "lesson", "now i", "since then", "i now", "taught me", "next time", "going forward",
		"from then on", "these days i", "today i", "i always", "i've changed", "i changed how", "what i do now", "i still"),
)

var starJA = concat(
	subs(clsStar, starS, "当時", "の時", "のとき", "際に", "前職", "状況", "以前", "昨年", "去年", "背景", "在籍", "入社", "年目",
		"年前", "配属", "していた頃", "でした頃", "という状況", "抱えていました", "悩んで", "困って", "検討して", "検討中"),
	withOK(notJAPerson, subs(clsStar, starS, "担当していた", "担当して", "担当で", "担当として", "主担当")),
	subs(clsStar, starT, "目標は", "目標が", "目標として", "目標を任", "課題は", "課題が", "課題でした", "課題だ", "任され", "ミッション",
		"役割", "求められ", "必要があ", "ノルマ", "任務", "求められて", "ことが求め", "責任者", "しなければ", "する必要"),
	subs(clsStar, starA, "提案し", "実施し", "作成し", "導入し", "企画し", "分析し", "働きかけ", "連携し", "洗い出し", "設け", "整理し",
		"説得し", "交渉し", "訪問し", "面談し", "ヒアリングし", "巻き込", "見直し", "用意し", "組み立て", "設計し", "試算し", "構築し",
		"依頼し", "紹介し", "切り替え", "変更し", "取り組み", "取り組ん", "行いました", "行った", "行い", "始めました", "始め", "呼びかけ",
		"調整し", "共有し", "説明し", "準備し", "示し", "絞り", "開催し", "招き", "伝え", "相談し", "聞き出し", "確認し", "工夫し",
		"そこで", "まず", "打ち出し", "作り", "提示し", "集め", "掘り下げ", "特定し", "設定し", "見極め", "アプローチし", "架電し",
		"電話し", "連絡し", "送り", "案内し", "協力し", "巻き返し", "立て", "進め", "申し出", "持ちかけ", "提供し", "実行し", "改善し",
		"手配し", "調べ", "学び直し", "を分析", "で分析", "を実施", "を作成", "を設定", "を確認", "を提示", "を共有", "を提案", "つなぎ", "ご提案", "お願いし", "お願いする", "ようにした", "ようにして", "伺う", "伺い", "尋ね", "読み込", "同行", "まとめ", "書き起こ", "回り", "回った"),
	asConn(subs(clsStar, starR, "その結果", "結果として", "結果、", "最終的に", "結果的に")),
	subs(clsStar, starR, "達成", "受注し", "受注で", "受注に", "受注を獲得", "受注につなが", "受注が決ま", "増加", "向上", "削減", "獲得", "成功",
		"伸ば", "伸び", "成約", "上回", "契約に", "契約を結", "契約が決ま", "契約更新", "導入が決ま", "決まり", "決まった", "採用され",
		"拡大", "改善され", "短縮", "締結", "実現", "回復", "につなが", "倍に", "増え", "減り", "減ら", "下が", "上が", "表彰", "1位", "トップ",
		"更新され", "更新いただ", "更新に至", "継続", "本契約", "売上を", "受注しました", "受注でき", "成果"),
	subs(clsStar, starLesson, "学んだ", "学び", "学びました", "以来", "今では", "教訓",
		"反省", "以降は", "今後は", "心がけ", "心掛け", "意識するように", "次からは", "それからは", "今でも", "ようにしています", "痛感", "教わ", "身にしみ"),
)

// Explicit STAR labels at the start of a line or sentence: "Situation:",
// "Action 1:", "状況:", "行動1:".
var labelEN = map[string]int{
	"situation": starS, "context": starS, "background": starS, "today": starS, "before": starS, "deal": starS, "the deal": starS,
	"client": starS, "customer": starS, "account": starS, "example": starS, "real example": starS, "starting point": starS, "cause": starS, "the problem": starS, "problem": starS, "setting": starS,
	"task": starT, "prep": starT, "challenge": starT, "goal": starT, "target": starT, "role": starT, "my role": starT, "stakes": starT, "objective": starT,
	"action": starA, "actions": starA, "during": starA, "change": starA, "what i did": starA, "approach": starA, "drivers": starA,
	"how": starA, "method": starA, "steps": starA, "understand": starA, "trade": starA, "pre-empt": starA, "recovery": starA, "fix": starA, "response": starA,
	"result": starR, "results": starR, "outcome": starR, "afterwards": starR, "impact": starR, "proof": starR, "after": starR,
	"lesson": starLesson, "lessons": starLesson, "point to make": starLesson, "learning": starLesson, "now": starLesson, "since": starLesson,
	"since then": starLesson, "takeaway": starLesson, "what i learned": starLesson, "what i do now": starLesson,
	"year": starS, "s": starS, "t": starT, "a": starA, "r": starR, "l": starLesson,
}

var labelJA = map[string]int{
	"状況": starS, "背景": starS, "案件": starS, "前提": starS, "敗因": starS, "原因": starS, "経緯": starS, "顧客": starS,
	"課題": starT, "役割": starT, "目標": starT, "任務": starT,
	"年目": starS, "出発点": starS, "例": starS, "実例": starS, "方法": starA, "要因": starA, "裏付け": starR, "行動": starA, "対応": starA, "変えたこと": starA, "取り組み": starA, "打ち手": starA, "施策": starA, "振り返り": starA, "立て直し": starA,
	"結果": starR, "成果": starR, "その後": starR,
	"学び": starLesson, "教訓": starLesson, "改善": starLesson, "現在": starLesson, "今": starLesson, "以降": starLesson, "今後": starLesson,
}

// ---- process ----

var stepEN = concat(
	words(clsStep, 0, "first=the first thing|the first step|step one|i start by|i begin by|i always start", "second=the next step|step two|after that|once that|from there",
		"finally=the last step|i close by|i finish by", "third=step three"),
	withOK(atClauseEdge, words(clsStep, 0, "first=firstly|first of all|to start", "second=secondly|next|then", "third=thirdly", "finally=lastly|last")),
)

var stepJA = subs(clsStep, 0, "まず=最初に|はじめに|初めに|第一に|1つ目|一つ目", "次に=その後|続いて|第二に|2つ目|二つ目|それから|そのうえで|その上で", "最後に=3つ目|三つ目|第三に|仕上げに", "ステップ")

var exampleEN = words(clsExample, 0, "for example", "for instance", "e.g", "once", "last year", "last quarter", "last month", "recently",
	"at my last", "at my previous", "in my last", "in my previous", "in my current", "a customer", "one customer", "a client", "one client",
	"when i", "i had a", "i once", "a recent", "take a", "in one case", "one time", "a deal", "for my last", "last week", "this year", "my last")

var exampleJA = subs(clsExample, 0, "例えば=たとえば|例として", "以前", "前職", "実際に", "先日", "具体的には", "ケース", "事例", "ある顧客", "あるお客様",
	"昨年", "去年", "前回", "先月", "先期", "前期", "ある案件", "過去に", "ある会社", "あるメーカー", "以前の")

// ---- role-play ----

var roleEN = concat(
	words(clsRole, roleAsk, "what would", "what is", "what's", "what are", "how do", "how does", "how would", "how are", "how many", "how much",
		"could you", "can you", "would you", "do you", "are you", "is it", "is that", "have you", "may i ask", "tell me", "walk me through",
		"who else", "what matters", "which"),
	words(clsRole, roleNeed, "you mentioned", "you said", "you told me", "earlier you", "since you", "because you", "you need", "your goal",
		"you're looking", "you are looking", "based on what you", "so that you", "which means you", "that means", "you want", "your team needs",
		"you've said", "you said that", "for your", "that helps you", "which helps you", "so you can", "you can", "saves you", "your biggest",
		"that's exactly", "exactly what", "i saw you", "i noticed you", "you've just", "we fix", "we help", "helps you", "you told", "you'd mentioned", "you're dealing"),
	words(clsRole, roleConcern, "i understand", "that's fair", "fair concern", "concern", "i hear you", "makes sense", "good question",
		"totally understand", "i get that", "understandable", "fair point", "you're right", "risk", "worried", "compared", "guarantee",
		"if price", "cost of", "the price", "budget", "objection", "hesitant", "that's a fair", "valid"),
	words(clsRole, roleNext, "next step", "next steps", "can we schedule", "shall we", "let's", "would you be open", "set up", "book a", "trial",
		"pilot", "next week", "are you free", "how about we", "could we", "can we", "move forward", "sign", "calendar", "follow up", "follow-up",
		"get started", "start with", "demo", "meeting on", "by friday=by monday|by tuesday|by wednesday|by thursday|this week",
		"come back to you", "get back to you", "would that be okay=would that work|does that work|would that help", "monday=tuesday|wednesday|thursday|friday", "o'clock", "twenty minutes=thirty minutes|fifteen minutes|half an hour",
		"send you", "introduce", "loop in", "proposal", "agreement", "contract"),
)

var roleJA = concat(
	subs(clsRole, roleAsk, "ですか", "でしょうか", "ますか", "ませんか", "か?", "教えていただけ", "お聞かせ", "伺っても", "お伺いしても", "いかがですか"),
	subs(clsRole, roleNeed, "とおっしゃ", "と伺", "お話にあった", "先ほど", "ご要望", "ニーズ", "おっしゃって", "お困り", "ご希望", "お悩み",
		"課題を解決", "に合わせて", "できるようになります", "解消でき", "削減でき", "お役に立", "ということは", "のですね", "なるほど",
		"とのこと", "具体的には", "ということですね", "ようになります"),
	subs(clsRole, roleConcern, "ご懸念", "ご心配", "おっしゃる通り=おっしゃるとおり", "ごもっとも", "ご不安", "理解できます", "よくわかります",
		"確かに", "お気持ち", "費用", "ご予算", "価格", "リスク", "比較", "保証", "ご安心", "気になりませんか"),
	subs(clsRole, roleNext, "次回", "来週", "お時間", "日程", "トライアル", "試験導入", "デモ", "打ち合わせ", "いかがでしょうか", "進めさせ",
		"お打ち合わせ", "ご都合", "ご紹介いただけ", "始めてみ", "お試し", "次のステップ", "お見積", "お送り", "ご検討",
		"いただけませんか", "ご用意します", "よろしいでしょうか", "決められれば", "みませんか", "ご覧いただけ"),
	subs(clsRole, roleBuyer, "御社", "お客様", "貴社", "ご担当", "皆様"),
)

// ---- motivation ----

var motiveEN = concat(
	words(clsMotive, motSpecific, "your product", "your platform", "your customers", "your team", "your company", "your market", "your mission",
		"your approach", "your sales", "your growth", "your", "this role", "the role", "this position", "account executive", "ae role",
		"mid-market", "enterprise", "smb", "saas", "b2b", "fintech", "healthcare", "logistics", "the product", "you sell", "you're",
		"your customers'", "quota-carrying", "full cycle", "full-cycle", "new business", "territory"),
	words(clsMotive, motExperience, "my experience", "in my", "at my", "when i", "i have", "i've", "i was", "i spent", "i worked", "i sold",
		"i closed", "i built", "i learned", "i led", "i hit", "i grew", "i ran", "i started", "years of", "i found", "i realised", "i realized",
		"i've seen", "i saw"),
)

var motiveJA = concat(
	subs(clsMotive, motSpecific, "御社", "貴社", "製品", "サービス", "プロダクト", "このポジション", "この職種", "職種", "AE", "アカウントエグゼクティブ",
		"顧客層", "市場", "中堅", "大手", "SaaS", "業界", "新規開拓", "領域", "の事業", "ミッション", "ビジョン", "導入企業"),
	subs(clsMotive, motExperience, "前職", "経験", "年間", "ました", "当時", "在籍", "入社", "担当", "私は", "自分は", "年目"),
)

// ---- knowledge ----

var formulaEN = words(clsFormula, 0, "divided by", "times", "multiplied", "minus", "plus", "equals", "equal to", "per", "ratio", "formula",
	"so that's", "which gives", "that gives", "means", "out of", "of every", "calculate", "calculated", "=", "×", "÷", "/")

var formulaJA = subs(clsFormula, 0, "割る", "掛け", "引い", "足し", "÷", "×", "=", "で割", "を掛", "計算", "式", "あたり", "のうち", "差し引", "比率", "割合", "/")

// ---- vague amounts ----

var vagueEN = words(clsVague, 0, "several", "a lot of=a lot|lots of|lots", "many", "a few", "a number of", "huge", "significant=significantly",
	"dozens of=dozens", "hundreds of", "thousands of", "a bunch of", "countless", "numerous", "tons of", "substantial=substantially",
	"a big", "big", "massive", "some")

var vagueJA = subs(clsVague, 0, "数千万=数千万円|数百万|数百万円|数十万|数億|数千|数百|数十|数件|数社|数名|数人|数か月|数ヶ月|数回|数倍|数割",
	"多くの=多く", "多数", "たくさん", "大幅", "大きく", "かなり", "何件も", "何社も", "多額", "相当な")

// ---- manners (Japanese answers only); key is the corrected phrase ----

var mannersJA = concat(
	keyed("御社", subs(clsManners, 0, "貴社")),
	keyed("です", subs(clsManners, 0, "だよ", "だね", "じゃん", "っす", "っすね", "だよね", "じゃね", "なんだけど", "っしょ")),
	keyed("いたします", subs(clsManners, 0, "させていただ")),
)

// ---- vocabulary ----

// Terms suggested, in this order, to an answer with few of them, by
// format (a pen role-play needs "next step", not "pipeline"). Ids are the
// glossary's; one the analyser's vocabulary lacks is skipped.
var suggestIDs = map[string][]string{
	FormatStory:      {"discovery", "decision-maker", "pipeline", "quota", "business-case", "champion"},
	FormatProcess:    {"discovery", "decision-maker", "next-step", "mutual-action-plan", "pipeline", "objection"},
	FormatRoleplay:   {"next-step", "discovery", "proof-of-concept", "business-case", "decision-maker"},
	FormatMotivation: {"quota", "account-executive", "pipeline", "new-business", "territory"},
	FormatKnowledge:  {"win-rate", "pipeline", "acv", "nrr", "forecast"},
}

// The patterns of each language that are not sales terms; an Analyser
// adds its vocabulary to them. English answers are scanned with the
// English ones, Japanese answers with the Japanese ones.
var (
	basePatsEN = [][]*pat{refEN, fillerEN, hedgeEN, negEN, missEN, starEN, stepEN, exampleEN, roleEN, motiveEN, formulaEN, vagueEN}
	basePatsJA = [][]*pat{refJA, fillerJA, hedgeJA, negJA, missJA, starJA, stepJA, exampleJA, roleJA, motiveJA, formulaJA, vagueJA, mannersJA}
)

// atClauseEdge accepts a word that opens a clause ("Then, I…").
func atClauseEdge(s string, start, _ int) bool { return clauseEdgeBefore(s, start) }
