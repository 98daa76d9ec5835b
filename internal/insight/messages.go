package insight

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// messages holds every user-facing sentence in English and Japanese.
// Templates use explicit argument indexes so each language can pick the
// arguments it needs (English uses pre-pluralised phrases, Japanese the
// bare counts).
var messages = map[string]struct{ en, ja string }{
	// pace (recordings only)
	"pace.unit.en":      {"words a minute", "語/分のペース"},
	"pace.unit.ja":      {"characters a minute", "字/分のペース"},
	"pace.notext":       {"You recorded %[1]s, but the answer box is empty, so the pace can't be measured.", "%[1]s録音されましたが、回答欄が空のため話す速さを測れません。"},
	"pace.notext.next":  {"Type or dictate what you said, so the pace and the other insights can use it.", "話した内容を入力(または音声入力)すると、速さやほかの分析にも使えます。"},
	"pace.slow":         {"You spoke for %[1]s at about %.0[2]f %[3]s, slower than the usual %.0[4]f–%.0[5]f.", "録音は%[1]sで、話す速さは約%.0[2]f%[3]sでした。目安の%.0[4]f〜%.0[5]fより遅めです。"},
	"pace.slow.next":    {"Trim pauses and filler; practise the answer until it flows in one go.", "間延びやつなぎ言葉を減らし、一息で話せるまで練習しましょう。"},
	"pace.fast":         {"You spoke for %[1]s at about %.0[2]f %[3]s, faster than the usual %.0[4]f–%.0[5]f.", "録音は%[1]sで、話す速さは約%.0[2]f%[3]sでした。目安の%.0[4]f〜%.0[5]fより速めです。"},
	"pace.fast.next":    {"Slow down and pause after your key figure, so it lands.", "大事な数字のあとに一呼吸おいて、ゆっくり話しましょう。"},
	"pace.good":         {"You spoke for %[1]s at about %.0[2]f %[3]s, within the usual %.0[4]f–%.0[5]f.", "録音は%[1]sで、話す速さは約%.0[2]f%[3]sと、目安の%.0[4]f〜%.0[5]fに収まっています。"},
	"pace.good.next":    {"Keep this pace and listen back for where you could pause for effect.", "この速さを保ちつつ、録音を聞き返して効果的な間を入れる場所を探しましょう。"},
	"pace.silence":      {"There were %.1[1]f seconds of silence before you started.", "話し始めるまでに%.1[1]f秒の沈黙がありました。"},
	"pace.silence.next": {"Start within a second or two: open with your main point, then give the example.", "1〜2秒以内に話し始めましょう。まず結論を述べ、次に具体例を話します。"},
	// length
	"len.empty": {
		"No answer yet, and that's fine: every good answer starts as a rough first draft.",
		"まだ回答が入力されていないようです。",
	},
	"len.empty.next": {
		"Write one sentence with your main point, then add one concrete example.",
		"まずは結論を1文で書き、そのあとに具体的なエピソードを1つ続けてみましょう。",
	},
	"len.short": {
		"Your answer is %[1]d %[2]s (about %[3]d seconds spoken), too short for the suggested %[4]d seconds.",
		"回答は%[1]d%[2]s（話すと約%[3]d秒）で、目安の%[4]d秒に対して短すぎます。",
	},
	"len.short.next": {
		"Add a concrete example with the situation, what you did and the result, aiming for %[1]d–%[2]d %[3]s.",
		"状況・行動・結果がわかる具体的なエピソードを足して、%[1]d〜%[2]d%[3]sを目指しましょう。",
	},
	"len.long": {
		"Your answer is %[1]d %[2]s (about %[3]d seconds spoken), well over the suggested %[4]d seconds.",
		"回答は%[1]d%[2]s（話すと約%[3]d秒）で、目安の%[4]d秒を大きく超えています。",
	},
	"len.long.next": {
		"Cut the background and keep your main point and strongest result, aiming for about %[1]d %[2]s.",
		"背景の説明を削って結論と最大の成果に絞り、%[1]d%[2]s前後にまとめましょう。",
	},
	"len.good": {
		"Your answer is %[1]d %[2]s (about %[3]d seconds spoken), a good fit for the suggested %[4]d seconds.",
		"回答は%[1]d%[2]s（話すと約%[3]d秒）で、目安の%[4]d秒にちょうど収まっています。",
	},
	"len.good.next": {
		"Read it aloud with a timer to check you can deliver it in about %[1]d seconds.",
		"タイマーを使って声に出して読み、%[1]d秒前後で話せるか確かめましょう。",
	},

	// evidence
	"ev.none": {
		"No hard evidence found: no numbers, percentages, amounts or time frames.",
		"数字・割合・金額・期間などの具体的な根拠が見つかりませんでした。",
	},
	"ev.none.next": {
		"Show, don't tell: add at least one figure, such as \"hit 120% of quota in 3 months\".",
		"「3ヶ月で目標の120%を達成」のように、成果を示す数字を1つ加えて、言葉ではなく数字で見せましょう。",
	},
	"ev.one": {
		"Found 1 piece of hard evidence: %[1]s.",
		"具体的な根拠が1つ見つかりました: %[1]s。",
	},
	"ev.one.next": {
		"Add a second figure so you show both the size of the result (revenue, deals) and how long it took.",
		"もう1つ数字を加え、成果の規模（金額や件数）とかかった期間をセットで示しましょう。",
	},
	"ev.many": {
		"Found %[1]d pieces of hard evidence: %[2]s.",
		"具体的な根拠が%[1]d個見つかりました: %[2]s。",
	},
	"ev.many.next": {
		"Give each figure a point of comparison, such as last year or the team average, so its size is clear.",
		"各数字に前年やチーム平均などの比較対象を添えて、成果の大きさが伝わるようにしましょう。",
	},

	// structure
	"star.all": {
		"All four STAR parts (situation, task, action, result) are present (cues: %[1]s).",
		"STARの4要素（状況・課題・行動・結果）がすべてそろっています（手がかり: %[1]s）。",
	},
	"star.all.next": {
		"Keep each part to one or two sentences and finish the result with a number.",
		"各要素を1〜2文に絞り、最後は結果を数字で締めくくりましょう。",
	},
	"star.three": {
		"Found 3 of 4 STAR parts (%[1]s), but the %[2]s is missing (cues: %[3]s).",
		"STARのうち3要素（%[1]s）は見つかりましたが、%[2]sが見当たりません（手がかり: %[3]s）。",
	},
	"star.three.next": {
		"Add one sentence for the missing %[1]s (e.g. %[2]s).",
		"不足している%[1]sを1文で加えましょう（例: %[2]s）。",
	},
	"star.few": {
		"Only %[1]d of 4 STAR parts found (%[2]s; cues: %[3]s).",
		"STARのうち%[1]d要素（%[2]s）しか見つかりませんでした（手がかり: %[3]s）。",
	},
	"star.none": {
		"No STAR parts (situation, task, action, result) found.",
		"STARの要素（状況・課題・行動・結果）を示す表現が見つかりませんでした。",
	},
	"star.none.next": {
		"Tell one real deal in STAR order (situation, task, action, result), starting with something like %[1]s.",
		"実際の商談を1つ選び、状況→課題→行動→結果の順に話しましょう（書き出しの例: %[1]s）。",
	},
	"star.few.next": {
		"Add the missing %[1]s and tell it in order: situation, task, action, result (e.g. %[2]s).",
		"不足している%[1]sを補い、状況→課題→行動→結果の順に話しましょう（例: %[2]s）。",
	},

	// self-focus
	"self.warn": {
		"You refer to yourself %[4]s and to the customer or team %[5]s, so %[3]d%% of references are about you.",
		"自分についての言及が%[1]d回、顧客やチームについての言及が%[2]d回で、%[3]d%%が自分の話になっています。",
	},
	"self.warn.next": {
		"Sales is two-way: add a sentence or two on what the customer needed and how they responded.",
		"営業は双方向なので、お客様が何に困り、提案にどう反応したかを1〜2文加えましょう。",
	},
	"self.good": {
		"You refer to yourself %[4]s and to the customer or team %[5]s, a good balance.",
		"自分についての言及が%[1]d回、顧客やチームについての言及が%[2]d回で、バランスが取れています。",
	},
	"self.good.next": {
		"Quote one thing the customer actually said to make the story more vivid.",
		"お客様が実際に口にした言葉を1つ引用して、場面がより生き生きと伝わるようにしましょう。",
	},
	"self.none": {
		"No references to the customer or team found (you refer to yourself %[2]s).",
		"顧客やチームへの言及が見つかりませんでした（自分についての言及は%[1]d回）。",
	},
	"self.none.next": {
		"Add a sentence about the customer's problem or how you worked with your team.",
		"お客様が抱えていた課題や、チームとどう協力したかを1文加えましょう。",
	},

	// filler
	"filler.warn": {
		"Found %[5]s (%.1[2]f per 100 %[3]s): %[4]s.",
		"つなぎ言葉やあいまいな表現が%[1]d回（100%[3]sあたり%.1[2]f回）見つかりました: %[4]s。",
	},
	"filler.warn.next": {
		"Delete \"%[1]s\" and state your point directly; when speaking, pause silently instead.",
		"最も多い「%[1]s」を削り、「〜しました」「〜と考えます」のように言い切る形に直しましょう。",
	},
	"filler.some": {
		"Found %[5]s (%.1[2]f per 100 %[3]s), which is within a comfortable range: %[4]s.",
		"つなぎ言葉やあいまいな表現が%[1]d回（100%[3]sあたり%.1[2]f回）ありますが、許容範囲です: %[4]s。",
	},
	"filler.some.next": {
		"Remove \"%[1]s\" to sound more confident.",
		"「%[1]s」を削って言い切り、より自信のある印象にしましょう。",
	},
	"filler.none": {
		"No filler or hedging words found.",
		"つなぎ言葉やあいまいな表現は見つかりませんでした。",
	},
	"filler.none.next": {
		"Keep this crisp style when you practise out loud.",
		"声に出して練習するときも、この簡潔さを保ちましょう。",
	},

	// vocabulary
	"vocab.good": {
		"You use %[1]d sales terms: %[2]s.",
		"営業の専門用語を%[1]d個使っています: %[2]s。",
	},
	"vocab.good.next": {
		"Tie each term to a result, e.g. \"grew pipeline 1.5x\", rather than just naming it.",
		"用語を並べるだけでなく、「パイプラインを1.5倍にした」のように数字や成果と結び付けましょう。",
	},
	"vocab.some": {
		"Found only %[3]s: %[2]s.",
		"営業の専門用語は%[1]d個でした: %[2]s。",
	},
	"vocab.none": {
		"No sales terms found.",
		"営業の専門用語は見つかりませんでした。",
	},
	"vocab.next": {
		"Work in terms such as %[1]s to show you know the sales process.",
		"%[1]sなどの用語を使い、営業プロセスへの理解を示しましょう。",
	},
}

// msg renders message key in lang ("ja" or anything else for English).
// A missing key renders as the key itself rather than panicking.
func msg(lang, key string, args ...any) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	tmpl := m.en
	if lang == "ja" {
		tmpl = m.ja
	}
	if len(args) == 0 {
		return tmpl
	}
	out := fmt.Sprintf(tmpl, args...)
	if lang == "ja" {
		out = jaDurations(out)
	}
	return out
}

// jaSeconds is a whole number of seconds written in Japanese, "150秒".
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

// unitWord names the analysis unit in the UI language: characters for a
// Japanese analysis, words for an English one.
func unitWord(ui, analysis string, n int) string {
	if ui == "ja" {
		if analysis == "ja" {
			return "字"
		}
		return "語"
	}
	if analysis == "ja" {
		if n == 1 {
			return "character"
		}
		return "characters"
	}
	if n == 1 {
		return "word"
	}
	return "words"
}

// countPhrase renders "1 time" / "3 times" in English; Japanese templates
// use the bare count instead.
func countPhrase(ui string, n int, singular, plural string) string {
	if ui == "ja" {
		return itoa(n)
	}
	if n == 1 {
		return "1 " + singular
	}
	return itoa(n) + " " + plural
}

var partNames = [2][4]string{
	{"situation", "task", "action", "result"},
	{"状況", "課題", "行動", "結果"},
}

func partName(ui string, i int) string {
	if ui == "ja" {
		return partNames[1][i]
	}
	return partNames[0][i]
}

// joinParts renders STAR part names: 「課題・結果」 or "task and result".
func joinParts(ui string, parts []string) string {
	if ui == "ja" {
		return "「" + strings.Join(parts, "・") + "」"
	}
	return andList(parts, "and")
}

func andList(xs []string, conj string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " " + conj + " " + xs[len(xs)-1]
}

var starExamples = [2][4]string{
	{
		"\"When I was at my previous company, selling to mid-market firms, ...\"",
		"\"My goal was $500K in new business that quarter.\"",
		"\"So I built an ROI model with the CFO and ran a two-week pilot.\"",
		"\"As a result, we closed the deal in 3 months and I hit 120% of quota.\"",
	},
	{
		"「前職で中堅企業向けの新規開拓を担当していた時、」",
		"「私の目標は四半期で3,000万円の新規受注でした。」",
		"「そこで私は、決裁者向けにROIの試算を作成して提案しました。」",
		"「その結果、3ヶ月で目標の120%を達成しました。」",
	},
}

func starExample(ui string, i int) string {
	if i < 0 || i > 3 {
		i = 0
	}
	if ui == "ja" {
		return starExamples[1][i]
	}
	return starExamples[0][i]
}

// joinList joins up to max items, noting how many more there are.
func joinList(ui string, items []string, max int) string {
	if len(items) == 0 {
		if ui == "ja" {
			return "なし"
		}
		return "none"
	}
	shown := items
	if len(shown) > max {
		shown = shown[:max]
	}
	if ui == "ja" {
		s := strings.Join(shown, "、")
		if rest := len(items) - len(shown); rest > 0 {
			s += fmt.Sprintf("ほか%d件", rest)
		}
		return s
	}
	s := strings.Join(shown, ", ")
	if rest := len(items) - len(shown); rest > 0 {
		s += fmt.Sprintf(" and %d more", rest)
	}
	return s
}

// quoteList renders suggested terms: 「パイプライン」「決裁者」 or "pipeline", "quota" or "ROI".
func quoteList(ui string, terms []string) string {
	if ui == "ja" {
		var b strings.Builder
		for _, t := range terms {
			b.WriteString("「" + t + "」")
		}
		return b.String()
	}
	q := make([]string, len(terms))
	for i, t := range terms {
		q[i] = "\"" + t + "\""
	}
	return andList(q, "or")
}
