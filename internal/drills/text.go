package drills

import (
	"math"
	"strings"

	"github.com/aeprep/aeprep/internal/textcode"
)

// Prompt is the drill's question for a reader of lang: the question first,
// then any lines it lists (the contracts of an ARR drill). Amounts keep the
// drill's currency and are written the reader's way.
func Prompt(d Drill, lang string) []textcode.Text {
	m := func(k string) string { return FormatMoney(d.Values[k], d.Currency, lang) }
	p := func(k string) string { return FormatPercent(d.Values[k]) }
	v := d.Values
	switch d.Kind {
	case KindCoverage:
		return []textcode.Text{textcode.New("drills.coverage.prompt", "quota", m("quota"), "pipeline", m("pipeline"))}
	case KindARR:
		out := []textcode.Text{textcode.New("drills.arr.prompt", "n", FormatCount(v["contracts"]))}
		for i := 0; i < int(v["contracts"]); i++ {
			name := string(rune('A' + i))
			if a, ok := v[key("monthly", i)]; ok {
				out = append(out, textcode.New("drills.arr.line.monthly", "name", name, "amount", FormatMoney(a, d.Currency, lang)))
			} else {
				out = append(out, textcode.New("drills.arr.line.annual", "name", name, "amount", FormatMoney(v[key("annual", i)], d.Currency, lang)))
			}
		}
		return out
	case KindACV:
		return []textcode.Text{textcode.New("drills.acv.prompt", "years", FormatCount(v["years"]), "tcv", m("tcv"), "fee", m("fee"))}
	case KindNRR:
		return []textcode.Text{textcode.New("drills.nrr.prompt", "start", m("start"), "expansion", m("expansion"),
			"contraction", m("contraction"), "churn", m("churn"))}
	case KindCommission:
		return []textcode.Text{textcode.New("drills.commission.prompt", "quota", m("quota"), "variable", m("variable"),
			"bookings", m("bookings"), "accelerator", formatDecimal(v["accelerator"], 2))}
	case KindRamp:
		return []textcode.Text{textcode.New("drills.ramp.prompt", "annual", m("annual"), "schedule", schedule(d.Schedule, lang),
			"months", FormatCount(v["months"]))}
	default:
		return []textcode.Text{textcode.New("drills.meetings.prompt", "quota", m("quota"), "deal", m("deal"), "win", p("win"), "conv", p("conv"))}
	}
}

func schedule(s []float64, lang string) string {
	parts := make([]string, len(s))
	for i, p := range s {
		parts[i] = FormatPercent(p)
	}
	if lang == "ja" {
		return strings.Join(parts, "・")
	}
	return strings.Join(parts, ", ")
}

// Solution is the worked solution, step by step, for a reader of lang, in
// the drill's currency; the last step gives the answer under the rounding
// rule.
func Solution(d Drill, lang string) []textcode.Text {
	v := d.Values
	money := func(x float64) string { return FormatMoney(x, d.Currency, lang) }
	dec := func(x float64) string { return formatDecimal(x, 2) }
	final := textcode.New("drills.step.answer", "answer", formatAnswer(d, d.Rounded(), lang))
	switch d.Kind {
	case KindCoverage:
		return []textcode.Text{
			textcode.New("drills.coverage.s1", "pipeline", money(v["pipeline"]), "quota", money(v["quota"]), "ratio", dec(d.Want)),
			textcode.New("drills.coverage.s2"),
			final,
		}
	case KindARR:
		var out []textcode.Text
		var parts []string
		for i := 0; i < int(v["contracts"]); i++ {
			name := string(rune('A' + i))
			if a, ok := v[key("monthly", i)]; ok {
				out = append(out, textcode.New("drills.arr.s_monthly", "name", name, "amount", money(a), "annual", money(a*12)))
				parts = append(parts, money(a*12))
			} else {
				out = append(out, textcode.New("drills.arr.s_annual", "name", name, "annual", money(v[key("annual", i)])))
				parts = append(parts, money(v[key("annual", i)]))
			}
		}
		out = append(out, textcode.New("drills.arr.s_sum", "parts", strings.Join(parts, " + "), "total", money(d.Want)))
		return append(out, final)
	case KindACV:
		sub := v["tcv"] - v["fee"]
		return []textcode.Text{
			textcode.New("drills.acv.s1", "tcv", money(v["tcv"]), "fee", money(v["fee"]), "sub", money(sub)),
			textcode.New("drills.acv.s2", "sub", money(sub), "years", FormatCount(v["years"]), "acv", money(d.Want)),
			final,
		}
	case KindNRR:
		end := v["start"] + v["expansion"] - v["contraction"] - v["churn"]
		return []textcode.Text{
			textcode.New("drills.nrr.s1", "start", money(v["start"]), "expansion", money(v["expansion"]),
				"contraction", money(v["contraction"]), "churn", money(v["churn"]), "end", money(end)),
			textcode.New("drills.nrr.s2", "end", money(end), "start", money(v["start"]), "nrr", formatDecimal(d.Want, 3)),
			final,
		}
	case KindCommission:
		rate := v["variable"] / v["quota"]
		upTo := math.Min(v["bookings"], v["quota"])
		over := math.Max(0, v["bookings"]-v["quota"])
		out := []textcode.Text{
			textcode.New("drills.commission.s1", "variable", money(v["variable"]), "quota", money(v["quota"]), "rate", formatDecimal(rate*100, 3)),
			textcode.New("drills.commission.s2", "upto", money(upTo), "rate", formatDecimal(rate*100, 3), "base", money(upTo*rate)),
		}
		if over > 0 {
			out = append(out, textcode.New("drills.commission.s3", "over", money(over), "rate", formatDecimal(rate*100, 3),
				"accelerator", formatDecimal(v["accelerator"], 2), "extra", money(over*rate*v["accelerator"])))
		} else {
			out = append(out, textcode.New("drills.commission.s3_none"))
		}
		out = append(out, textcode.New("drills.commission.s4", "total", money(d.Want)))
		return append(out, final)
	case KindRamp:
		monthly := v["annual"] / 12
		var parts []string
		var sum float64
		for i := 0; i < int(v["months"]); i++ {
			p := 100.0
			if i < len(d.Schedule) {
				p = d.Schedule[i]
			}
			sum += p
			parts = append(parts, FormatPercent(p))
		}
		return []textcode.Text{
			textcode.New("drills.ramp.s1", "annual", money(v["annual"]), "monthly", money(monthly)),
			textcode.New("drills.ramp.s2", "parts", strings.Join(parts, " + "), "sum", FormatPercent(sum)),
			textcode.New("drills.ramp.s3", "monthly", money(monthly), "sum", FormatPercent(sum), "quota", money(d.Want)),
			final,
		}
	default:
		deals := v["quota"] / v["deal"]
		opps := deals / (v["win"] / 100)
		out := []textcode.Text{
			textcode.New("drills.meetings.s1", "quota", money(v["quota"]), "deal", money(v["deal"]), "deals", dec(deals)),
			textcode.New("drills.meetings.s2", "deals", dec(deals), "win", FormatPercent(v["win"]), "opps", dec(opps)),
			textcode.New("drills.meetings.s3", "opps", dec(opps), "conv", FormatPercent(v["conv"]), "meetings", dec(d.Want)),
			textcode.New("drills.meetings.s4", "meetings", dec(d.Want), "answer", FormatCount(d.Rounded())),
		}
		if len(d.Also) > 0 && d.Also[0] != d.Rounded() {
			out = append(out, textcode.New("drills.meetings.s5", "alt", FormatCount(d.Also[0])))
		}
		return append(out, final)
	}
}

// KindName is the message code of a kind's name.
func KindName(kind string) textcode.Text { return textcode.New("drills.kind." + kind) }

var catalog = textcode.Catalog{
	"drills.kind.meetings":   {"必要な面談数（目標から逆算）", "Meetings needed from a quota"},
	"drills.kind.coverage":   {"パイプラインカバレッジ", "Pipeline coverage"},
	"drills.kind.arr":        {"受注からARRを出す", "ARR from bookings"},
	"drills.kind.acv":        {"複数年契約のACV", "ACV of a multi-year deal"},
	"drills.kind.nrr":        {"売上継続率（NRR）", "Net revenue retention"},
	"drills.kind.commission": {"アクセラレーター付きのコミッション", "Commission with an accelerator"},
	"drills.kind.ramp":       {"立ち上がり期間の目標（ランプ）", "Ramped quota"},

	"drills.rule.count":     {"小数点以下は切り上げて、整数で答えてください（0.3件の面談はありません）。", "Round up to a whole number (there is no such thing as 0.3 of a meeting)."},
	"drills.rule.percent":   {"小数第1位まで（第2位を四捨五入）で答えてください。", "Give one decimal place (round the second)."},
	"drills.rule.ratio":     {"小数第1位まで（第2位を四捨五入）で答えてください。", "Give one decimal place (round the second)."},
	"drills.rule.money_JPY": {"1万円単位（四捨五入）で答えてください。", "Give the amount to the nearest ¥10,000."},
	"drills.rule.money_USD": {"1ドル単位（四捨五入）で答えてください。", "Give the amount to the nearest dollar."},

	"drills.correct":    {"正解です：{answer}", "Correct: {answer}"},
	"drills.wrong":      {"{answer} は違います。解き方を確かめましょう。", "{answer} is not right. Walk through the solution."},
	"drills.unrounded":  {"{answer} は惜しいです。このドリルでは切り上げるので、答えは {want} です。", "{answer} is close, but this drill rounds up: {want}."},
	"drills.err.empty":  {"答えを数字で入力してください。", "Type your answer as a number."},
	"drills.err.number": {"「{input}」は数字として読めません。例：1,234万円、12,340,000円、12.5%", "“{input}” is not a number we can read. For example: $12,500, 1,234万円, 12.5%."},
	"drills.err.comma":  {"「{input}」のカンマの位置が読めません。カンマは3桁ごと、小数点は「.」で入力してください。", "“{input}”: commas go between groups of three digits; use a point for decimals."},

	"drills.meetings.prompt": {"四半期の目標は{quota}です。平均受注額は{deal}、商談の受注率は{win}、初回面談が商談になる率は{conv}です。この四半期に初回面談は何件必要ですか。",
		"Your quarterly quota is {quota}. Your average deal is {deal}, you win {win} of your opportunities, and {conv} of first meetings turn into opportunities. How many first meetings do you need this quarter?"},
	"drills.meetings.s1": {"必要な受注件数 = 目標 ÷ 平均受注額 = {quota} ÷ {deal} = {deals}件", "Deals needed = quota ÷ average deal = {quota} ÷ {deal} = {deals}"},
	"drills.meetings.s2": {"必要な商談数 = 受注件数 ÷ 受注率 = {deals} ÷ {win} = {opps}件", "Opportunities needed = deals ÷ win rate = {deals} ÷ {win} = {opps}"},
	"drills.meetings.s3": {"必要な初回面談数 = 商談数 ÷ 商談化率 = {opps} ÷ {conv} = {meetings}件", "First meetings needed = opportunities ÷ conversion = {opps} ÷ {conv} = {meetings}"},
	"drills.meetings.s4": {"{meetings}件を切り上げて{answer}件です。", "Round {meetings} up: {answer} meetings."},
	"drills.meetings.s5": {"各段階で切り上げる方法では{alt}件になり、これも正解とします。", "Rounding up at every step gives {alt}, which is also accepted."},

	"drills.coverage.prompt": {"今四半期の残りの目標は{quota}、進行中のパイプラインは{pipeline}です。パイプラインカバレッジは何倍ですか。",
		"Your remaining quota this quarter is {quota} and your open pipeline is {pipeline}. What is your pipeline coverage?"},
	"drills.coverage.s1": {"カバレッジ = パイプライン ÷ 目標 = {pipeline} ÷ {quota} = {ratio}倍", "Coverage = pipeline ÷ quota = {pipeline} ÷ {quota} = {ratio}x"},
	"drills.coverage.s2": {"多くの営業組織は3倍前後を目安にしています。下回るなら、商談の創出を優先します。", "Many sales teams aim for about 3x; below that, creating pipeline comes first."},

	"drills.arr.prompt":       {"今月、次の{n}件の新規契約を受注しました。増えたARR（年間経常収益）はいくらですか。", "This month you booked these {n} new contracts. How much ARR (annual recurring revenue) did they add?"},
	"drills.arr.line.monthly": {"{name}社：月額{amount}", "Customer {name}: {amount} a month"},
	"drills.arr.line.annual":  {"{name}社：年額{amount}", "Customer {name}: {amount} a year"},
	"drills.arr.s_monthly":    {"{name}社：月額{amount} × 12 = {annual}", "Customer {name}: {amount} a month × 12 = {annual}"},
	"drills.arr.s_annual":     {"{name}社：年額なのでそのまま{annual}", "Customer {name}: already yearly, {annual}"},
	"drills.arr.s_sum":        {"合計：{parts} = {total}", "Total: {parts} = {total}"},

	"drills.acv.prompt": {"顧客が{years}年契約を総額{tcv}で結びました。そのうち{fee}は一度きりの導入費用です。ACV（年間契約額、サブスクリプション部分のみ）はいくらですか。",
		"A customer signs a {years}-year contract worth {tcv} in total, of which {fee} is a one-time implementation fee. What is the ACV (annual contract value, subscription only)?"},
	"drills.acv.s1": {"一度きりの費用を除く：{tcv} − {fee} = {sub}", "Take out the one-time fee: {tcv} − {fee} = {sub}"},
	"drills.acv.s2": {"年数で割る：{sub} ÷ {years}年 = {acv}", "Divide by the years: {sub} ÷ {years} = {acv}"},

	"drills.nrr.prompt": {"期初、担当顧客のARRは{start}でした。1年間でアップセルによる増加が{expansion}、ダウングレードによる減少が{contraction}、解約が{churn}ありました。売上継続率（NRR）は何%ですか。",
		"You started the year with {start} of ARR from your customers. Over the year they expanded by {expansion}, downgraded by {contraction} and churned {churn}. What is your net revenue retention?"},
	"drills.nrr.s1": {"期末のARR = {start} + {expansion} − {contraction} − {churn} = {end}（新規顧客は含めません）", "Ending ARR = {start} + {expansion} − {contraction} − {churn} = {end} (new customers do not count)"},
	"drills.nrr.s2": {"NRR = {end} ÷ {start} × 100 = {nrr}%", "NRR = {end} ÷ {start} × 100 = {nrr}%"},

	"drills.commission.prompt": {"年間目標は{quota}、目標達成時のコミッションは{variable}です。実績は{bookings}でした。目標を超えた分は通常の{accelerator}倍の率で支払われます。コミッションはいくらですか。",
		"Your annual quota is {quota} and your on-target commission is {variable}. You booked {bookings}. Above quota, commission is paid at {accelerator} times the normal rate. What commission do you earn?"},
	"drills.commission.s1":      {"通常の料率 = {variable} ÷ {quota} = {rate}%", "Normal rate = {variable} ÷ {quota} = {rate}%"},
	"drills.commission.s2":      {"目標までの分：{upto} × {rate}% = {base}", "Up to quota: {upto} × {rate}% = {base}"},
	"drills.commission.s3":      {"目標を超えた分：{over} × {rate}% × {accelerator} = {extra}", "Above quota: {over} × {rate}% × {accelerator} = {extra}"},
	"drills.commission.s3_none": {"目標に届いていないので、アクセラレーターは適用されません。", "Quota was not reached, so no accelerator applies."},
	"drills.commission.s4":      {"合計：{total}", "Total: {total}"},

	"drills.ramp.prompt": {"年間目標は{annual}です。入社直後の数か月は、月間目標の{schedule}が目標となり、その後は100%です。最初の{months}か月の目標の合計はいくらですか。",
		"Your annual quota is {annual}. In your first months you carry a ramped quota of {schedule} of the full monthly quota, then 100%. What is your total quota for your first {months} months?"},
	"drills.ramp.s1": {"月間目標 = {annual} ÷ 12 = {monthly}", "Monthly quota = {annual} ÷ 12 = {monthly}"},
	"drills.ramp.s2": {"各月の割合を足す：{parts} = {sum}", "Add up the months: {parts} = {sum}"},
	"drills.ramp.s3": {"目標 = {monthly} × {sum} = {quota}", "Quota = {monthly} × {sum} = {quota}"},

	"drills.step.answer": {"答え：{answer}", "Answer: {answer}"},
}

// Message renders one of this package's codes in lang ("ja" or "en").
func Message(code string, params map[string]string, lang string) string {
	return catalog.Message(code, params, lang)
}
