package insight

import "fmt"

// KindPace is the finding about the measured speaking pace of a recording.
const KindPace = "pace"

// Pace bands people use for interview answers: English about 130–160
// words a minute, Japanese about 300–400 characters a minute.
var paceBands = map[string][2]float64{"en": {130, 160}, "ja": {300, 400}}

// longSilenceMillis is the pause before the first word that gets flagged.
const longSilenceMillis = 3000

// paceFinding reports the speaking pace of a recording of the answer,
// assuming the typed text is what was said.
func paceFinding(ui string, rep *Report, spokenMillis, silenceMillis int) Finding {
	f := Finding{Kind: KindPace}
	minutes := float64(spokenMillis) / 60000
	band := paceBands[rep.Lang]
	rep.SpokenSeconds = (spokenMillis + 500) / 1000
	if minutes > 0 {
		rep.Pace = float64(rep.Units) / minutes
	}
	unit := msg(ui, "pace.unit."+rep.Lang)
	time := fmt.Sprintf("%d:%02d", rep.SpokenSeconds/60, rep.SpokenSeconds%60)
	switch {
	case rep.Units == 0:
		f.Verdict = Info
		f.Summary = msg(ui, "pace.notext", time)
		f.Next = msg(ui, "pace.notext.next")
	case rep.Pace < band[0]:
		f.Verdict = Warn
		f.Summary = msg(ui, "pace.slow", time, rep.Pace, unit, band[0], band[1])
		f.Next = msg(ui, "pace.slow.next")
	case rep.Pace > band[1]:
		f.Verdict = Warn
		f.Summary = msg(ui, "pace.fast", time, rep.Pace, unit, band[0], band[1])
		f.Next = msg(ui, "pace.fast.next")
	default:
		f.Verdict = Good
		f.Summary = msg(ui, "pace.good", time, rep.Pace, unit, band[0], band[1])
		f.Next = msg(ui, "pace.good.next")
	}
	f.Items = []string{fmt.Sprintf("%.0f %s", rep.Pace, unit)}
	if silenceMillis >= longSilenceMillis {
		rep.SilenceSeconds = silenceMillis / 1000
		f.Verdict = Warn
		f.Summary += " " + msg(ui, "pace.silence", float64(silenceMillis)/1000)
		f.Next = msg(ui, "pace.silence.next")
	}
	return f
}
