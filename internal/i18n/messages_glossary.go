package i18n

// glossaryMessages are the strings of the glossary page and of the links
// to it from questions and the guide.
var glossaryMessages = map[string]msg{
	"glossary.title":       {"営業用語集", "Sales glossary"},
	"glossary.lead":        {"質問集とガイドに出てくる営業用語を、やさしい定義と使い方の例で説明します。本文中の用語のリンクからもここに来られます。", "The sales terms used in the questions and the guide, each with a plain definition and an example of use. Terms in the text link here."},
	"glossary.link":        {"営業用語集", "sales glossary"},
	"glossary.link.after":  {"で確認できます。", "."},
	"glossary.link.hidden": {"（用語集）", " (glossary)"},
	"glossary.link.lead":   {"用語の意味は", "Unsure of a term? See the"},
	"glossary.search":      {"用語を検索", "Search the glossary"},
	"glossary.q":           {"用語・別名・説明文", "Term, alias or definition"},
	"glossary.q.hint":      {"日本語でも英語でも探せます（全角・半角、大文字・小文字は区別しません）。", "Japanese or English; width and case do not matter."},
	"glossary.submit":      {"検索", "Search"},
	"glossary.reset":       {"すべて表示", "Show all"},
	"glossary.count":       {"%d語", "%d terms"},
	"glossary.found":       {"「%[2]s」に一致する用語：%[1]d語", "%[1]d terms match “%[2]s”"},
	"glossary.none":        {"「%s」に一致する用語はありません。別の言葉か英語・日本語の言い換えで検索するか、一覧から探してください。", "No term matches “%s”. Try another word, or the other language, or browse the full list."},
	"glossary.index":       {"索引", "Index"},
	"glossary.aliases":     {"別名", "Also"},
	"glossary.example":     {"例", "Example"},
	"glossary.related":     {"関連用語", "Related"},
	"glossary.other":       {"英語", "Japanese"},
}
