package i18n

// insightMessages are the strings around an attempt's insights: talking
// points, the marked-up answer and what changed since the last attempt.
// The findings' own sentences come from the insight package.
var insightMessages = map[string]msg{
	"insight.changes":   {"前回の回答からの変化", "Since your last attempt"},
	"insight.nochange":  {"前回の回答から分析結果の変化はありません。", "No change in the insights since your last attempt."},
	"insight.better":    {"改善", "Better"},
	"insight.worse":     {"後退", "Worse"},
	"points.title":      {"話すべきポイント", "Talking points"},
	"points.count":      {"（%d／%d 件をカバー）", "(%d of %d covered)"},
	"points.covered":    {"カバー済み", "Covered"},
	"points.missed":     {"未カバー", "Missed"},
	"points.found":      {"見つかった表現", "Found"},
	"points.hint":       {"ヒント", "Hint"},
	"mark.title":        {"回答の中で見つかったもの", "What the insights found in your answer"},
	"mark.legend":       {"印の種類", "Key to the marks"},
	"mark.tag.figure":   {"数字", "fig"},
	"mark.tag.vague":    {"曖昧", "vague"},
	"mark.tag.star-s":   {"S", "S"},
	"mark.tag.star-t":   {"T", "T"},
	"mark.tag.star-a":   {"A", "A"},
	"mark.tag.star-r":   {"R", "R"},
	"mark.tag.term":     {"用語", "term"},
	"mark.tag.filler":   {"つなぎ", "filler"},
	"mark.tag.hedge":    {"ぼかし", "hedge"},
	"mark.tag.manners":  {"マナー", "manners"},
	"mark.name.figure":  {"具体的な数字", "Concrete figure"},
	"mark.name.vague":   {"曖昧な量", "Vague amount"},
	"mark.name.star-s":  {"状況（Situation）", "Situation"},
	"mark.name.star-t":  {"課題（Task）", "Task"},
	"mark.name.star-a":  {"行動（Action）", "Action"},
	"mark.name.star-r":  {"結果（Result）", "Result"},
	"mark.name.term":    {"営業用語", "Sales term"},
	"mark.name.filler":  {"つなぎ言葉", "Filler word"},
	"mark.name.hedge":   {"ぼかし表現", "Hedge"},
	"mark.name.manners": {"言葉づかい", "Wording to fix"},
}
