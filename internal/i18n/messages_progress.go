package i18n

// progressMessages are the strings of the progress page (/me/progress).
var progressMessages = map[string]msg{
	"progress.title": {"上達の記録", "Your progress"},
}
