package insight

import "fmt"

// Pace bands people use for interview answers: English about 130–160
// words a minute, Japanese about 300–400 characters a minute.
var paceBands = map[string][2]float64{"en": {130, 160}, "ja": {300, 400}}

// longSilenceMillis is the pause before the first word that gets flagged.
const longSilenceMillis = 3000

// paceFinding reports the speaking pace of a recording of the answer,
// assuming the typed text is what was said.
func paceFinding(rep *Report, spokenMillis, silenceMillis int) Finding {
	f := Finding{Kind: KindPace}
	minutes := float64(spokenMillis) / 60000
	band := paceBands[rep.AnswerLang]
	rep.SpokenSeconds = (spokenMillis + 500) / 1000
	if minutes > 0 {
		rep.Pace = float64(rep.Units) / minutes
	}
	f.Params = map[string]string{
		"time": fmt.Sprintf("%d:%02d", rep.SpokenSeconds/60, rep.SpokenSeconds%60),
		"pace": fmt.Sprintf("%.0f", rep.Pace), "unit": unitOf(rep.AnswerLang),
		"lo": fmt.Sprintf("%.0f", band[0]), "hi": fmt.Sprintf("%.0f", band[1]),
	}
	switch {
	case rep.Units == 0:
		f.Verdict, f.Code = Info, "pace.notext"
	case rep.Pace < band[0]:
		f.Verdict, f.Code = Warn, "pace.slow"
	case rep.Pace > band[1]:
		f.Verdict, f.Code = Warn, "pace.fast"
	default:
		f.Verdict, f.Code = Good, "pace.good"
	}
	f.Items = []string{f.Params["pace"]}
	if silenceMillis >= longSilenceMillis {
		rep.SilenceSeconds = silenceMillis / 1000
		f.Verdict = Warn
		f.Params["silence"] = fmt.Sprintf("%.1f", float64(silenceMillis)/1000)
	}
	return f
}
