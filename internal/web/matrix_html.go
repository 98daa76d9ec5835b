package web

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/aeprep/aeprep/internal/coach"
	"github.com/aeprep/aeprep/internal/i18n"
)

// The cohort matrix's rows, headers and key are written here rather than
// by the "matrix" template: a page of 50 candidates × 60 questions is
// 3,000 cells and a few thousand template actions, which took most of the
// page's time. Every text is escaped as the template would.

// writeHTML writes the rows (their question cells from the rows' cells,
// their role-play cells as roleplayColumns wrote them), the questions'
// headers and their key.
func (m *matrix) writeHTML(lang string) {
	w := newCellWriter(lang)
	n := strconv.Itoa(len(m.Items))
	var b strings.Builder
	b.Grow(len(m.Rows) * (len(m.Items)*96 + 200))
	ends := make([]int, len(m.Rows))
	for i, r := range m.Rows {
		b.WriteString(`<tr><th scope="row"><a href="/coach/candidates/`)
		b.WriteString(strconv.FormatInt(r.Member.CandidateID, 10))
		b.WriteString(`">`)
		b.WriteString(template.HTMLEscapeString(r.Member.DisplayName))
		b.WriteString(`</a></th><td>`)
		b.WriteString(strconv.Itoa(r.Done))
		b.WriteString("/" + n + "</td>")
		w.cells(&b, r.Cells)
		b.WriteString(string(r.RoleplayHTML))
		b.WriteString("</tr>\n")
		ends[i] = b.Len()
	}
	// Each row is a slice of one text: the template prints a value
	// through fmt, which copies it whole into a buffer of its own, kept
	// for the next print only when small.
	all, start := b.String(), 0
	for i := range m.Rows {
		m.Rows[i].HTML = template.HTML(all[start:ends[i]])
		start = ends[i]
	}
	var head, key strings.Builder
	for i, it := range m.Items {
		q, title := strconv.Itoa(i+1), template.HTMLEscapeString(pickLang(it.Q.Title, lang))
		head.WriteString(`<th scope="col" class="qcol"><span title="` + title + `">Q` + q + `</span></th>`)
		key.WriteString(`<li value="` + q + `">Q` + q + `: ` + title + "</li>\n")
	}
	m.HeadHTML, m.KeyHTML = template.HTML(head.String()), template.HTML(key.String())
}

// pickLang is the template function pick: the text in lang, else in the
// default language.
func pickLang(m map[string]string, lang string) string {
	if s, ok := m[lang]; ok {
		return s
	}
	return m[i18n.Default]
}

// cellWriter writes a row's question cells in one language. The only text is numbers and interface strings, escaped all
// the same; a cell's markup but its link depends on its three numbers
// only, so it is made once per page for each combination met.
type cellWriter struct {
	lang string
	none string
	// parts holds, per combination, the markup before and after an
	// answer cell's attempt id, or a drill cell's whole markup.
	parts map[cellKey][2]string
}

type cellKey struct {
	drill       bool
	a, b, coach int // answers and self rating, or drills and accuracy; the coach's rating
}

func newCellWriter(lang string) *cellWriter {
	return &cellWriter{lang: lang, parts: map[cellKey][2]string{},
		none: `<td class="cell cell-none"><span aria-hidden="true">—</span><span class="visually-hidden">` +
			template.HTMLEscapeString(i18n.T(lang, "coach.cell.none")) + `</span></td>`}
}

// cells writes one row's question cells to b.
func (w *cellWriter) cells(b *strings.Builder, cells []coach.Cell) {
	for _, c := range cells {
		switch {
		case c.Attempts == 0:
			b.WriteString(w.none)
		case c.Drill: // a drill kind: accuracy (drills_coach.go)
			k := cellKey{drill: true, a: c.Attempts, b: c.Accuracy()}
			p, ok := w.parts[k]
			if !ok {
				p = [2]string{drillCellHTML(w.lang, c)}
				w.parts[k] = p
			}
			b.WriteString(p[0])
		default:
			k := cellKey{a: c.Attempts, b: c.SelfOverall, coach: c.CoachOverall}
			p, ok := w.parts[k]
			if !ok {
				p = w.answerParts(c)
				w.parts[k] = p
			}
			b.WriteString(p[0])
			b.WriteString(strconv.FormatInt(c.LatestID, 10))
			b.WriteString(p[1])
		}
	}
}

// answerParts is an answer cell's markup before and after its attempt id.
func (w *cellWriter) answerParts(c coach.Cell) [2]string {
	label := i18n.T(w.lang, "coach.cell", c.Attempts, c.SelfOverall)
	if c.SelfOverall == 0 { // answered, not rated yet
		label = i18n.T(w.lang, "coach.cell.unrated", c.Attempts)
	}
	class := "cell cell-s" + strconv.Itoa(c.SelfOverall)
	if c.CoachOverall > 0 {
		label += i18n.T(w.lang, "coach.cell.coach", c.CoachOverall)
		class += " cell-rated"
	}
	return [2]string{`<td class="` + class + `"><a href="/coach/attempts/`, `">` + template.HTMLEscapeString(label) + `</a></td>`}
}
