package insight

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// msg is one message in both languages; {name} placeholders are filled
// from the finding's parameters and a few derived values (see Message).
type msg struct{ enSum, enNext, jaSum, jaNext string }

var messages = map[string]msg{
	// length
	"length.empty": {"No answer yet.", "Write one sentence with your main point, then add one concrete example.",
		"まだ回答が入力されていません。", "まず結論を1文で書き、具体的なエピソードを1つ続けましょう。"},
	"length.minimum": {"Your answer is {units} {unitname}, too short to judge anything else yet (about {seconds} s of the suggested {suggested} s).",
		"Build it out to {lo}–{hi} {unitname2}: {formatnext}",
		"回答は{units}{unitname}で、ほかの観点を判断するにはまだ短すぎます（約{seconds}秒、目安は{suggested}秒）。",
		"{lo}〜{hi}{unitname2}を目安に書き足しましょう。{formatnext}"},
	"length.short": {"Your answer is {units} {unitname} (about {seconds} s spoken), short for the suggested {suggested} s.",
		"Aim for {lo}–{hi} {unitname2}: add the detail the question asks for.",
		"回答は{units}{unitname}（話すと約{seconds}秒）で、目安の{suggested}秒には短めです。",
		"{lo}〜{hi}{unitname2}を目安に、質問が求める具体を足しましょう。"},
	"length.long": {"Your answer is {units} {unitname} (about {seconds} s spoken), over the suggested {suggested} s.",
		"Cut to {lo}–{hi} {unitname2}: keep the main point and the strongest example.",
		"回答は{units}{unitname}（話すと約{seconds}秒）で、目安の{suggested}秒を超えています。",
		"結論と一番強い具体例を残し、{lo}〜{hi}{unitname2}に絞りましょう。"},
	"length.good": {"Your answer is {units} {unitname} (about {seconds} s spoken), a good fit for the suggested {suggested} s.",
		"Say it aloud with a timer to check you land near {suggested} seconds.",
		"回答は{units}{unitname}（話すと約{seconds}秒）で、目安の{suggested}秒に合っています。",
		"タイマーを使って声に出し、{suggested}秒前後で話せるか確かめましょう。"},

	// evidence
	"evidence.good": {"Concrete evidence: {items}.", "Give the biggest figure a point of comparison (last year, the team average, the target).",
		"具体的な根拠があります: {items}。", "一番大きな数字に、前年・チーム平均・目標などの比較対象を添えましょう。"},
	"evidence.vague": {"Only vague amounts ({items}), no concrete figure.", "Replace one with the real number, e.g. \"12 accounts\" or \"¥28M over 3 years\".",
		"「{items}」のような曖昧な量だけで、具体的な数字がありません。", "1つを実際の数字に置き換えましょう（例:「12社」「3年で2,800万円」）。"},
	"evidence.none": {"No concrete figure: no numbers, percentages, amounts or time frames.", "Add one figure that proves the point, e.g. \"120% of quota in 3 months\".",
		"数字・割合・金額・期間など具体的な根拠がありません。", "根拠になる数字を1つ加えましょう（例:「3か月で目標の120%」）。"},

	// structure: story
	"structure.story.good": {"The story has its situation, your actions and the result ({found}).", "Keep the action the longest part and end on the result with a number.",
		"状況・自分の行動・結果がそろったストーリーです（{found}）。", "行動を一番厚くし、結果は数字で締めくくりましょう。"},
	"structure.story.miss-good": {"You tell the miss honestly, with what you did and the lesson you took from it.", "End on what you do differently now, with one example since.",
		"うまくいかなかった経験を、自分の行動と学びとともに率直に語れています。", "今はどう変えたかを、その後の具体例1つで締めくくりましょう。"},
	"structure.story.no-lesson": {"You tell what happened, but not what you learned from it.", "Add the lesson: what you do differently now, and one time it worked.",
		"何が起きたかは語れていますが、そこから何を学んだかがありません。", "学びを加えましょう。今は何を変えたか、それが生きた例を1つ。"},
	"structure.story.one-sentence": {"Everything is packed into one sentence ({found}), so the story has no room for what you did.",
		"Tell it in three or four sentences: the situation, two or three of your moves, then the result.",
		"すべてが1文に詰め込まれていて（{found}）、自分の行動が見えません。", "状況、自分の打ち手2〜3つ、結果を3〜4文に分けて話しましょう。"},
	"structure.story.none": {"This does not read as a story yet: no situation, action or result found.", "Pick one real deal and tell it in order: situation, what you did, the result.",
		"まだストーリーになっていません（状況・行動・結果が見当たりません）。", "実際の案件を1つ選び、状況→自分の行動→結果の順に話しましょう。"},
	"structure.story.missing": {"Found {parts} of 4 STAR parts ({found}); missing: {need}.", "Add {need}: {needhint}",
		"STARの4要素のうち{parts}つ（{found}）があり、{need}がありません。", "{need}を加えましょう。{needhint}"},

	// structure: process
	"structure.process.good": {"Clear steps and a concrete example of them at work.", "Name the one step that matters most and why.",
		"手順が明確で、実際の例も示せています。", "一番大事なステップとその理由を一言添えましょう。"},
	"structure.process.no-example": {"The steps are clear, but there is no concrete example.", "Add one real case: \"For example, last quarter a customer…\"",
		"手順は明確ですが、具体例がありません。", "実例を1つ加えましょう（例:「例えば前期、あるお客様で…」）。"},
	"structure.process.no-steps": {"There is an example, but the steps you follow are not clear.", "Lay out your approach in order: first…, then…, finally…",
		"例はありますが、どんな手順で進めるかが見えません。", "「まず…、次に…、最後に…」と手順を順番に示しましょう。"},
	"structure.process.none": {"Neither clear steps nor a concrete example.", "Give three steps in order, then one real case where you used them.",
		"明確な手順も具体例もありません。", "手順を3つ順に示し、実際に使った例を1つ加えましょう。"},

	// structure: role-play
	"structure.roleplay.good": {"You speak to the buyer and make {moves} of the 4 moves ({found}).", "Keep it a conversation: pause after your question and let the buyer answer.",
		"買い手に向けて話し、4つの動きのうち{moves}つ（{found}）ができています。", "質問のあとは間を取り、相手に話してもらいましょう。"},
	"structure.roleplay.missing": {"Only {moves} of the 4 moves a buyer expects ({found}); missing: {missing}.", "Add {missing}.",
		"買い手が期待する4つの動きのうち{moves}つ（{found}）だけで、{missing}がありません。", "{missing}を加えましょう。"},
	"structure.roleplay.not-to-buyer": {"This describes the pitch instead of making it to the buyer.", "Speak to the buyer directly: ask what they need, tie the product to it, ask for a next step.",
		"買い手に話しかけるのではなく、売り方の説明になっています。", "相手に直接話しかけましょう。ニーズを尋ね、製品と結びつけ、次のステップを提案します。"},

	// structure: motivation
	"structure.motivation.good": {"Specific to the company or role ({items}) and backed by your own experience.", "Close with what you would bring in your first months.",
		"会社や職種に固有の理由（{items}）があり、自分の経験で裏付けられています。", "入社後の最初の数か月で何を持ち込めるかで締めくくりましょう。"},
	"structure.motivation.no-proof": {"Specific to the company or role ({items}), but no proof from your own experience.", "Add one thing you did that shows you fit: a result, a customer, a choice you made.",
		"会社や職種に固有の理由（{items}）はありますが、自分の経験による裏付けがありません。", "適性を示す自分の経験（成果、顧客、選択）を1つ加えましょう。"},
	"structure.motivation.generic": {"Generic: nothing here is specific to this company, product or role.", "Name one thing only this company or role has, and why it matters to you.",
		"どの会社にも言える内容で、この会社・製品・職種ならではの点がありません。", "この会社や職種にしかない点を1つ挙げ、なぜ自分に大事かを話しましょう。"},

	// structure: knowledge
	"structure.knowledge.good": {"The right terms and a worked number ({items}).", "State the formula in one line before the example, so it can be checked.",
		"適切な用語と、計算した数字（{items}）があります。", "例の前に、式を1行で示すと確かめやすくなります。"},
	"structure.knowledge.no-number": {"The terms are there, but no worked number or formula.", "Work one example through: the inputs, the formula, the result.",
		"用語はありますが、計算例や式がありません。", "入力・式・結果がわかる計算例を1つ示しましょう。"},
	"structure.knowledge.no-terms": {"The answer does not use the terms the question is about.", "Define the metric in its usual terms first, then give a number.",
		"質問が問う用語が使われていません。", "まず一般的な用語で定義し、次に数字を示しましょう。"},

	// ownership
	"ownership.good": {"Your own actions are clear ({items}), with the customer or team in the story too.", "Keep one line on how the customer reacted.",
		"自分の行動がはっきりしていて（{items}）、顧客やチームも登場しています。", "お客様の反応を1行残しておきましょう。"},
	"ownership.balanced": {"You, the customer and the team all appear in the story.", "Make your own moves stand out: one sentence each, starting with what you did.",
		"自分・お客様・チームがそれぞれ登場しています。", "自分の打ち手は1つずつ、何をしたかから話して際立たせましょう。"},
	"ownership.we": {"\"We\" {team} times, \"I\" {self}: it is not clear what you did yourself.", "Say what you did: \"I mapped…\", \"I proposed…\", \"I ran…\".",
		"「私たち・チーム」が{team}回、「私」が{self}回で、自分が何をしたのかが見えません。", "「私は…を洗い出しました」「私が…を提案しました」のように、自分の行動を語りましょう。"},
	"ownership.me": {"All about you ({self} times): no customer or team appears in the story.", "Add what the customer needed and how they responded.",
		"自分の話だけで（{self}回）、お客様もチームも登場しません。", "お客様が何を必要とし、どう反応したかを加えましょう。"},
	"ownership.no-action": {"The answer never says what you did yourself (no \"I\" with an action).", "Name two moves of your own: \"I called…\", \"I built…\".",
		"自分自身が何をしたか（私が〜しました）が語られていません。", "自分の打ち手を2つ挙げましょう。"},

	// filler, hedge
	"filler.good": {"Few or no filler words.", "Keep the same pace in the interview: pause instead of filling.",
		"つなぎ言葉はほとんどありません。", "本番でも、言葉で埋めずに間を取る話し方を保ちましょう。"},
	"filler.warn": {"Filler words are frequent: {n} ({items}), {per100} per 100 {unitname3}.", "Pause silently where you would say \"{top}\".",
		"つなぎ言葉が多めです: {n}回（{items}）、100{unitname3}あたり{per100}回。", "「{top}」と言いそうなところで、黙って一呼吸おきましょう。"},
	"hedge.warn": {"Hedges are frequent: {n} ({items}), which makes you sound unsure.", "State it: replace \"{top}\" with the fact or your decision.",
		"言い切らない表現が多めです: {n}回（{items}）。自信がなさそうに聞こえます。", "「{top}」を、事実や自分の判断を言い切る形にしましょう。"},

	// vocabulary
	"vocabulary.good": {"Uses {n} sales terms: {terms}.", "Use each term only where it carries meaning.",
		"営業用語を{n}個使っています: {terms}。", "用語は意味のあるところでだけ使いましょう。"},
	"vocabulary.few": {"Few sales terms ({n}{termsparen}).", "Where they fit, use terms such as {suggest}.",
		"営業用語が少なめです（{n}個{termsparen}）。", "合う場面で、{suggest}などの用語を使いましょう。"},

	// language
	"language.other": {"This page is in {page}, but the answer is mostly in {answer}; it was analysed as {answer}.", "Answer in {page} to practise for an interview held in {page}.",
		"このページは{page}ですが、回答はほぼ{answer}のため、{answer}として分析しました。", "{page}の面接に備えるなら、{page}で答えましょう。"},

	// manners
	"manners.warn": {"Business manners: {fixes}.", "Use the corrected phrases when you speak: {fixes}.",
		"ビジネスマナー: {fixes}。", "話すときは直した表現を使いましょう: {fixes}。"},

	// pace
	"pace.notext": {"You recorded {time}, but the answer box is empty, so the pace can't be measured.", "Type or dictate what you said.",
		"{time}録音されましたが、回答欄が空のため話す速さを測れません。", "話した内容を入力(または音声入力)しましょう。"},
	"pace.slow": {"You spoke for {time} at about {pace} {paceunit}, slower than the usual {lo}–{hi}.", "Trim pauses and filler; practise until it flows in one go.",
		"録音は{time}で、話す速さは約{pace}{paceunit}でした。目安の{lo}〜{hi}より遅めです。", "間延びやつなぎ言葉を減らし、一息で話せるまで練習しましょう。"},
	"pace.fast": {"You spoke for {time} at about {pace} {paceunit}, faster than the usual {lo}–{hi}.", "Slow down and pause after your key figure, so it lands.",
		"録音は{time}で、話す速さは約{pace}{paceunit}でした。目安の{lo}〜{hi}より速めです。", "大事な数字のあとに一呼吸おいて、ゆっくり話しましょう。"},
	"pace.good": {"You spoke for {time} at about {pace} {paceunit}, within the usual {lo}–{hi}.", "Keep this pace and listen back for where a pause would help.",
		"録音は{time}で、話す速さは約{pace}{paceunit}と、目安の{lo}〜{hi}に収まっています。", "この速さを保ちつつ、録音を聞き返して効果的な間を探しましょう。"},
	"pace.silence": {"{base} There were {silence} seconds of silence before you started.", "Start within a second or two: open with your main point.",
		"{base}話し始めるまでに{silence}秒の沈黙がありました。", "1〜2秒以内に話し始めましょう。まず結論からです。"},
}

// Localised names used in messages.
var names = map[string][2]string{
	"situation": {"situation", "状況"}, "task": {"task", "課題"}, "action": {"your action", "行動"}, "result": {"result", "結果"}, "lesson": {"lesson", "学び"},
	"ask": {"a question to the buyer", "相手への質問"}, "need": {"a link to the need they stated", "相手のニーズとの結びつけ"},
	"concern": {"an answer to their concern", "懸念への回答"}, "next": {"a next step", "次のステップの提案"},
	"ja": {"Japanese", "日本語"}, "en": {"English", "英語"},
}

var needHints = map[string][2]string{
	"situation": {"one line on the customer and what was at stake.", "顧客と何がかかっていたかを1行で。"},
	"action":    {"two or three things you did yourself (I mapped…, I proposed…).", "自分が行った打ち手を2〜3つ（私は…を洗い出し、…を提案しました）。"},
	"result":    {"how it ended, with a number.", "どう終わったかを数字で。"},
}

var formatNext = map[string][2]string{
	FormatStory:      {"tell one real example: the situation, what you did, the result.", "実例を1つ、状況・自分の行動・結果の順に話しましょう。"},
	FormatProcess:    {"give your steps in order and one real case.", "手順を順番に示し、実例を1つ加えましょう。"},
	FormatRoleplay:   {"speak to the buyer: ask, tie to their need, answer the concern, ask for a next step.", "相手に話しかけ、質問し、ニーズと結びつけ、懸念に答え、次のステップを提案しましょう。"},
	FormatMotivation: {"say what draws you to this company and role, and one experience that proves it.", "この会社・職種に惹かれる理由と、それを裏付ける経験を1つ話しましょう。"},
	FormatKnowledge:  {"define the term and work one number through.", "用語を定義し、数字で計算例を1つ示しましょう。"},
}

func pick(p [2]string, ja bool) string {
	if ja {
		return p[1]
	}
	return p[0]
}

// nameList renders a comma-separated list of name keys.
func nameList(csv string, ja bool) string {
	var out []string
	for _, k := range strings.Split(csv, ",") {
		if k == "" {
			continue
		}
		if n, ok := names[k]; ok {
			out = append(out, pick(n, ja))
		} else {
			out = append(out, k)
		}
	}
	return joinList(out, ja)
}

func joinList(items []string, ja bool) string {
	if ja {
		return strings.Join(items, "・")
	}
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	case 2:
		return items[0] + " and " + items[1]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// Message renders a finding as a summary and one next step in lang ("ja"
// or "en"). It works for any finding of any report, stored or fresh; an
// unknown code gets a neutral sentence, never an empty one.
func (an *Analyser) Message(f Finding, lang string) (summary, next string) {
	ja := uiLang(lang) == "ja"
	m, ok := messages[f.Code]
	if !ok {
		if ja {
			return "この項目の分析結果です。", "回答を見直してみましょう。"
		}
		return "An insight about this answer.", "Review the answer with this in mind."
	}
	sum, nxt := m.enSum, m.enNext
	if ja {
		sum, nxt = m.jaSum, m.jaNext
	}
	vals := map[string]string{}
	for k, v := range f.Params {
		vals[k] = v
	}
	items := f.Items
	if len(items) > 5 {
		items = items[:5]
	}
	if ja {
		vals["items"] = strings.Join(items, "、")
	} else {
		vals["items"] = joinList(quoteAll(items), false)
	}
	unit := f.Params["unit"]
	n := f.IntParam("units")
	vals["unitname"] = unitName(unit, n, ja)
	vals["unitname2"] = unitName(unit, 2, ja)
	vals["unitname3"] = unitName(unit, 2, ja)
	for _, k := range []string{"found", "missing", "need"} {
		vals[k] = nameList(f.Params[k], ja)
	}
	vals["page"], vals["answer"] = nameList(f.Params["page"], ja), nameList(f.Params["answer"], ja)
	if h, ok := needHints[firstOf(f.Params["need"])]; ok {
		vals["needhint"] = pick(h, ja)
	}
	if fn, ok := formatNext[f.Params["format"]]; ok {
		vals["formatnext"] = pick(fn, ja)
	} else {
		vals["formatnext"] = pick(formatNext[FormatStory], ja)
	}
	answerLang := f.Params["answer"]
	if answerLang == "" {
		answerLang = lang
	}
	if f.Kind == KindVocabulary {
		var terms []string
		for _, id := range f.Items {
			terms = append(terms, an.TermName(id, answerLang))
		}
		vals["terms"] = joinQuoted(terms, ja)
		vals["termsparen"] = ""
		if len(terms) > 0 {
			vals["termsparen"] = ": " + joinQuoted(terms, ja)
			if ja {
				vals["termsparen"] = ": " + strings.Join(terms, "、")
			}
		}
		var sug []string
		for _, id := range strings.Split(f.Params["suggest"], ",") {
			if id != "" {
				sug = append(sug, an.TermName(id, answerLang))
			}
		}
		vals["suggest"] = joinQuoted(sug, ja)
	}
	if f.Kind == KindManners {
		var fx []string
		for _, p := range strings.Split(f.Params["fixes"], "|") {
			from, to, _ := strings.Cut(p, "→")
			if ja {
				fx = append(fx, "「"+from+"」→「"+to+"」")
			} else {
				fx = append(fx, "\""+from+"\" → \""+to+"\"")
			}
		}
		sep := ", "
		if ja {
			sep = "、"
		}
		vals["fixes"] = strings.Join(fx, sep)
		if f.Params["sasete"] != "" {
			if ja {
				vals["fixes"] += "（させていただく×" + f.Params["sasete"] + "）"
			} else {
				vals["fixes"] += " (させていただく ×" + f.Params["sasete"] + ")"
			}
		}
	}
	if f.Kind == KindPace {
		vals["paceunit"] = pick([2]string{"words a minute", "語/分"}, ja)
		if f.Params["unit"] == "chars" {
			vals["paceunit"] = pick([2]string{"characters a minute", "字/分"}, ja)
		}
		if f.Params["silence"] != "" {
			base, _ := fill(sum, vals)
			vals["base"] = base
			if ja {
				sum, nxt = messages["pace.silence"].jaSum, messages["pace.silence"].jaNext
			} else {
				sum, nxt = messages["pace.silence"].enSum, messages["pace.silence"].enNext
				vals["base"] = base
			}
		}
	}
	summary, _ = fill(sum, vals)
	next, _ = fill(nxt, vals)
	if ja {
		summary, next = jaDurations(summary), jaDurations(next)
	}
	return summary, next
}

var jaSeconds = regexp.MustCompile(`(^|[^0-9.,])([0-9]+)秒`)

// jaDurations writes a minute or more as minutes and seconds, as a person
// would say it: 150秒 becomes 2分30秒 and 120秒 becomes 2分.
func jaDurations(s string) string {
	return jaSeconds.ReplaceAllStringFunc(s, func(m string) string {
		sub := jaSeconds.FindStringSubmatch(m)
		n, err := strconv.Atoi(sub[2])
		if err != nil || n < 60 {
			return m
		}
		d := fmt.Sprintf("%d分", n/60)
		if n%60 != 0 {
			d += fmt.Sprintf("%d秒", n%60)
		}
		return sub[1] + d
	})
}

func firstOf(csv string) string {
	s, _, _ := strings.Cut(csv, ",")
	return s
}

func quoteAll(items []string) []string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = "\"" + s + "\""
	}
	return out
}

func joinQuoted(items []string, ja bool) string {
	if ja {
		q := make([]string, len(items))
		for i, s := range items {
			q[i] = "「" + s + "」"
		}
		return strings.Join(q, "")
	}
	return joinList(quoteAll(items), false)
}

func unitName(unit string, n int, ja bool) string {
	switch {
	case unit == "chars" && ja:
		return "字"
	case unit == "chars" && n == 1:
		return "character"
	case unit == "chars":
		return "characters"
	case ja:
		return "語"
	case n == 1:
		return "word"
	}
	return "words"
}

// fill replaces {name} placeholders; unknown names become "".
func fill(tpl string, vals map[string]string) (string, bool) {
	var b strings.Builder
	ok := true
	for {
		i := strings.IndexByte(tpl, '{')
		if i < 0 {
			b.WriteString(tpl)
			break
		}
		j := strings.IndexByte(tpl[i:], '}')
		if j < 0 {
			b.WriteString(tpl)
			break
		}
		b.WriteString(tpl[:i])
		v, has := vals[tpl[i+1:i+j]]
		if !has {
			ok = false
		}
		b.WriteString(v)
		tpl = tpl[i+j+1:]
	}
	return b.String(), ok
}

// Rendered is a finding turned into sentences for one reader, for
// templates: Summary and Next come from Message, Name from KindName.
type Rendered struct {
	Kind    string
	Name    string
	Verdict Verdict
	Summary string
	Next    string
	Items   []string
}

// Render renders every finding of r in lang, in report order.
func (an *Analyser) Render(r Report, lang string) []Rendered {
	out := make([]Rendered, 0, len(r.Findings))
	for _, f := range r.Findings {
		s, n := an.Message(f, lang)
		items := f.Items
		if f.Kind == KindVocabulary {
			answer := f.Params["answer"]
			if answer == "" {
				answer = r.AnswerLang
			}
			items = make([]string, len(f.Items))
			for i, id := range f.Items {
				items[i] = an.TermName(id, answer)
			}
		}
		out = append(out, Rendered{Kind: f.Kind, Name: KindName(f.Kind, lang), Verdict: f.Verdict, Summary: s, Next: n, Items: items})
	}
	return out
}
