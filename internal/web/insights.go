package web

import (
	"context"
	"encoding/json"
	"html/template"
	"sort"
	"strings"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/insight"
	"github.com/aeprep/aeprep/internal/library"
	"github.com/aeprep/aeprep/internal/store"
)

// insightsVersion is the version of the analyser's reports: bump it when
// the analyser changes what it finds, and every stored report is redone
// once at the next start (Reanalyse).
const insightsVersion = 3

// analysisInput is what the analyser gets for an answer to q: the
// question's format, category and talking points in the answer's page
// language. Saving, a guest's answer and the re-analysis of stored
// attempts all go through it, so they judge alike.
func analysisInput(q *library.Question, text, lang string, suggested int) insight.Input {
	if suggested <= 0 {
		suggested = q.Seconds
	}
	in := insight.Input{Text: text, Lang: lang, Format: q.Format, Category: q.Category, SuggestedSeconds: suggested}
	for _, p := range q.Points[lang] {
		in.Points = append(in.Points, insight.Point{ID: p.ID, Cues: p.Cues})
	}
	return in
}

// analyse runs the analyser on an attempt, with its recording's timings:
// those of the recording being saved, or, for a stored attempt, those read
// with it (Store.AttemptsWithInsightsBelow).
func analyse(an *insight.Analyser, a *store.Attempt, q *library.Question) insight.Report {
	in := analysisInput(q, a.Answer, a.Lang, a.TimeLimit)
	in.SpokenMillis, in.SilenceMillis = a.SpokenMs, a.SilenceMs
	if a.Recording != nil {
		in.SpokenMillis, in.SilenceMillis = a.Recording.DurationMs, a.Recording.SilenceMs
	}
	return an.Analyse(in)
}

// storedReport reads the report an attempt was saved with. An attempt
// whose report can't be read (none was stored) is analysed afresh, without
// storing: Reanalyse brings every stored report up to date at start-up.
func storedReport(an *insight.Analyser, q *library.Question, a *store.Attempt, rec *store.RecordingInfo) insight.Report {
	var rep insight.Report
	if a.InsightsV == insightsVersion && a.Insights != "" && json.Unmarshal([]byte(a.Insights), &rep) == nil {
		return rep
	}
	in := analysisInput(q, a.Answer, a.Lang, a.TimeLimit)
	if rec != nil {
		in.SpokenMillis, in.SilenceMillis = rec.DurationMs, rec.SilenceMs
	}
	return an.Analyse(in)
}

// Reanalyse brings the stored reports of attempts saved by an older
// analyser up to date, once: each attempt is re-analysed and its report
// replaced only while its version is still older, so several instances
// starting together do the work at most once per attempt and never undo
// each other. It returns how many reports it replaced.
func Reanalyse(ctx context.Context, st *store.Store, lib *library.Library) (int, error) {
	n := 0
	for {
		batch, err := st.AttemptsWithInsightsBelow(ctx, insightsVersion, 200)
		if err != nil || len(batch) == 0 {
			return n, err
		}
		for i := range batch {
			a := &batch[i]
			js := "{}"
			if q, ok := lib.Question(a.QuestionID); ok {
				b, err := json.Marshal(analyse(lib.Analyser(), a, q))
				if err != nil {
					return n, err
				}
				js = string(b)
			}
			ok, err := st.SetInsights(ctx, a.ID, js, insightsVersion)
			if err != nil {
				return n, err
			}
			if ok {
				n++
			}
		}
	}
}

// findingView is one finding rendered in the viewer's language.
type findingView struct {
	Kind, Verdict, Name, Summary, Next string
}

// pointView is one talking point and whether the answer covered it.
type pointView struct {
	Text, Hint string
	Covered    bool
	Matched    []string
}

// changeView is one difference from the previous attempt at the question.
type changeView struct {
	Text   string
	Better bool
}

// insightView is an attempt's stored report as a page shows it, in the
// viewer's language whatever language the answer is in.
type insightView struct {
	Findings []findingView
	Points   []pointView
	Covered  int
	// Answer is the answer text with what the findings found marked.
	Answer template.HTML
	// Legend lists the kinds of mark the answer holds, for the key.
	Legend  []markKind
	Changes []changeView
	Since   bool // Changes compare with an earlier attempt
}

// markKind is one kind of highlighted phrase: its short tag shown beside
// each phrase (so the marks don't rely on colour) and its name.
type markKind struct {
	Kind, Tag, Name string
}

// markKinds are the span kinds the answer marks, in the key's order.
var markKinds = []string{insight.SpanFigure, insight.SpanVague, insight.SpanStarS, insight.SpanStarT,
	insight.SpanStarA, insight.SpanStarR, insight.SpanTerm, insight.SpanFiller, insight.SpanHedge, insight.SpanManners}

func newInsightView(an *insight.Analyser, rep insight.Report, q *library.Question, answer, lang string, prev *insight.Report) insightView {
	v := insightView{}
	for _, f := range rep.Findings {
		sum, next := an.Message(f, lang)
		v.Findings = append(v.Findings, findingView{Kind: f.Kind, Verdict: string(f.Verdict),
			Name: insight.KindName(f.Kind, lang), Summary: sum, Next: next})
	}
	// Talking points are shown in the viewer's language; the report holds
	// only their ids.
	texts := map[string]library.Point{}
	for _, p := range q.Points[lang] {
		texts[p.ID] = p
	}
	for _, pr := range rep.Points {
		p, ok := texts[pr.ID]
		if !ok {
			continue
		}
		v.Points = append(v.Points, pointView{Text: p.Text, Hint: p.Hint, Covered: pr.Covered, Matched: pr.Matched})
		if pr.Covered {
			v.Covered++
		}
	}
	v.Answer, v.Legend = highlight(answer, rep.Spans, lang)
	if prev != nil {
		v.Since = true
		for _, c := range insight.Compare(*prev, rep) {
			v.Changes = append(v.Changes, changeView{Text: insight.ChangeMessage(c, lang), Better: c.Better})
		}
	}
	return v
}

// highlight returns the answer as HTML with the spans marked: each mark
// carries a short visible tag and a hidden label for screen readers, so
// neither colour nor sight is needed to tell them apart. Overlapping spans
// keep the first (then the longer) one.
func highlight(text string, spans []insight.Span, lang string) (template.HTML, []markKind) {
	wanted := map[string]bool{}
	for _, k := range markKinds {
		wanted[k] = true
	}
	var keep []insight.Span
	for _, sp := range spans {
		if wanted[sp.Kind] && sp.Start >= 0 && sp.End <= len(text) && sp.Start < sp.End {
			keep = append(keep, sp)
		}
	}
	sort.SliceStable(keep, func(i, j int) bool {
		if keep[i].Start != keep[j].Start {
			return keep[i].Start < keep[j].Start
		}
		return keep[i].End > keep[j].End
	})
	var b strings.Builder
	used := map[string]bool{}
	pos := 0
	for _, sp := range keep {
		if sp.Start < pos {
			continue
		}
		b.WriteString(template.HTMLEscapeString(text[pos:sp.Start]))
		tag, name := i18n.T(lang, "mark.tag."+sp.Kind), i18n.T(lang, "mark.name."+sp.Kind)
		b.WriteString(`<mark class="hl hl-` + sp.Kind + `"><span class="visually-hidden">` + template.HTMLEscapeString(name) + `: </span>`)
		b.WriteString(template.HTMLEscapeString(text[sp.Start:sp.End]))
		b.WriteString(`<sup class="hl-tag" aria-hidden="true">` + template.HTMLEscapeString(tag) + `</sup></mark>`)
		used[sp.Kind] = true
		pos = sp.End
	}
	b.WriteString(template.HTMLEscapeString(text[pos:]))
	var legend []markKind
	for _, k := range markKinds {
		if used[k] {
			legend = append(legend, markKind{Kind: k, Tag: i18n.T(lang, "mark.tag."+k), Name: i18n.T(lang, "mark.name."+k)})
		}
	}
	return template.HTML(b.String()), legend
}
