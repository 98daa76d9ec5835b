package i18n

// trustMessages are the strings of the security fixes of issue 12.
var trustMessages = map[string]msg{
	"filter.q.toolong": {"検索語は%d文字までです。先頭の%[1]d文字で検索しました。", "Search text is limited to %d characters: the search used the first %[1]d."},
}
