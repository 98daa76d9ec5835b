package web

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/coach"
	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/markdown"
	"github.com/aeprep/aeprep/internal/store"
)

// --- One set: its questions, invites and cohort

type setPageData struct {
	Set     *store.Set
	HTML    template.HTML
	Items   []itemView
	Invites []store.Invite
	Matrix  *matrix
	Now     time.Time
	Base    string
	Sort    string
	RP      setRoleplays // the set's role-plays and the add form (roleplay_coach.go)
}

func (s *Server) coachSetPage(c echo.Context) error {
	set, err := s.coachSet(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	items, err := s.store.SetItems(ctx, set.ID)
	if err != nil {
		return err
	}
	invites, err := s.store.Invites(ctx, set.ID)
	if err != nil {
		return err
	}
	page, _ := strconv.Atoi(c.QueryParam("page"))
	m, err := s.matrixOf(c, set, items, c.QueryParam("sort"), max(page, 1))
	if err != nil {
		return err
	}
	p := s.page(c, "")
	p.Title, p.Nav = set.Title, "coach"
	p.Data = setPageData{Set: set, HTML: markdown.Render(set.Description), Items: s.itemViews(set, items),
		Invites: invites, Matrix: m, Now: s.store.Now(), Base: s.link(c, ""), Sort: m.Sort, RP: s.setRoleplayPart(set, items)}
	return s.render(c, http.StatusOK, "coach_set", p)
}

// --- The cohort matrix

// matrix is one page of a set's cohort (see coach.BuildMatrix), with the
// set's questions and each row written out (matrix_html.go).
type matrix struct {
	coach.Pager
	SetID int64
	Sort  string
	Items []itemView
	Rows  []matrixRow
	// Roleplays are the set's scenarios, columns after the questions
	// (roleplay_coach.go).
	Roleplays []setRoleplayItem
	// HeadHTML is the questions' column headers, KeyHTML their list
	// under the table (Q1: title…): written in Go (matrix_html.go) like
	// the rows.
	HeadHTML, KeyHTML template.HTML
}

type matrixRow struct {
	coach.Row
	// RoleplayHTML is the row's role-play cells (roleplay_coach.go), and
	// HTML the whole row: written in Go (matrix_html.go), not by the
	// template, which on a page of 50 rows × 60 questions spent most of
	// the page's time on its thousands of actions.
	RoleplayHTML, HTML template.HTML
}

// buildMatrix builds one page of the set's cohort (page 0: every
// candidate, for the CSV).
func (s *Server) buildMatrix(c echo.Context, set *store.Set, sortBy string, page int) (*matrix, error) {
	items, err := s.store.SetItems(c.Request().Context(), set.ID)
	if err != nil {
		return nil, err
	}
	return s.matrixOf(c, set, items, sortBy, page)
}

// matrixOf is buildMatrix over the set's items, read already.
func (s *Server) matrixOf(c echo.Context, set *store.Set, items []store.SetItem, sortBy string, page int) (*matrix, error) {
	ctx := c.Request().Context()
	members, err := s.store.CohortMembers(ctx, set.ID)
	if err != nil {
		return nil, err
	}
	views := s.itemViews(set, items)
	qids := make([]string, 0, len(views))
	for _, v := range views {
		qids = append(qids, v.Item.QuestionID)
	}
	cm, err := coach.BuildMatrix(members, qids, sortBy, page, func(only []int64) (coach.Cells, error) {
		return s.store.CohortCells(ctx, set.ID, only)
	}, func() (map[int64]coach.Totals, error) {
		return s.store.CohortTotals(ctx, set.ID, qids)
	})
	if err != nil {
		return nil, err
	}
	m := &matrix{Pager: cm.Pager, SetID: set.ID, Sort: cm.Sort, Items: views, Rows: make([]matrixRow, 0, len(cm.Rows))}
	for _, r := range cm.Rows {
		m.Rows = append(m.Rows, matrixRow{Row: r})
	}
	if page > 0 {
		if err := s.roleplayColumns(c, set, items, m); err != nil {
			return nil, err
		}
		m.writeHTML(langOf(c))
	}
	return m, nil
}

func (s *Server) exportCohortCSV(c echo.Context) error {
	set, err := s.coachSet(c)
	if err != nil {
		return err
	}
	m, err := s.buildMatrix(c, set, "", 0)
	if err != nil {
		return err
	}
	lang := langOf(c)
	var b strings.Builder
	head := []string{i18n.T(lang, "coach.csv.candidate"), i18n.T(lang, "coach.csv.email")}
	for _, it := range m.Items {
		t := it.Q.Title[lang]
		head = append(head, t+" · "+i18n.T(lang, "coach.csv.attempts"), t+" · "+i18n.T(lang, "coach.csv.self"), t+" · "+i18n.T(lang, "coach.csv.coach"))
	}
	writeCSVRow(&b, head)
	for _, r := range m.Rows {
		row := []string{r.Member.DisplayName, r.Member.Email}
		for _, cell := range r.Cells {
			row = append(row, strconv.Itoa(cell.Attempts), blankZero(cell.SelfOverall), blankZero(cell.CoachOverall))
		}
		writeCSVRow(&b, row)
	}
	h := c.Response().Header()
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="aeprep-set-%d.csv"`, set.ID))
	h.Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", []byte("\ufeff"+b.String()))
}

// writeCSVRow writes one CSV record with every field quoted and made
// safe with csvSafe, so a spreadsheet reads each field as one text cell
// whichever list separator it uses.
func writeCSVRow(b *strings.Builder, fields []string) {
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('"')
		b.WriteString(strings.ReplaceAll(csvSafe(f), `"`, `""`))
		b.WriteByte('"')
	}
	b.WriteString("\r\n")
}

// csvSafe stops a spreadsheet from running a cell as a formula: every part
// it could split out (on a comma or a semicolon, the two list separators
// spreadsheets use) that starts with = + - @, a tab or a carriage return,
// spaces aside, gets a leading apostrophe.
func csvSafe(s string) string {
	var b strings.Builder
	start := true
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if start && ch != ' ' {
			if strings.IndexByte("=+-@\t\r", ch) >= 0 {
				b.WriteByte('\'')
			}
			start = false
		}
		b.WriteByte(ch)
		if ch == ',' || ch == ';' || ch == '\n' {
			start = true
		}
	}
	return b.String()
}

func blankZero(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// --- One candidate of the cohort

type candidateData struct {
	Candidate   *store.User
	Attempts    []recentAttempt
	Calibration calibrationView
	Rounds      []roundView      // interview dates the candidate shares (prep)
	Stories     candidateStories // what the candidate shares from their story bank
}

func (s *Server) coachCandidate(c echo.Context) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	me := userOf(c)
	ctx := c.Request().Context()
	cand, err := s.store.CoachCandidate(ctx, me.ID, id)
	if errors.Is(err, store.ErrNotFound) {
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	atts, err := s.store.SharedAttempts(ctx, me.ID, cand.ID)
	if err != nil {
		return err
	}
	d := candidateData{Candidate: cand}
	ids := make([]string, 0, len(atts))
	for _, a := range atts {
		ids = append(ids, a.QuestionID)
	}
	qs, err := s.questionsByID(c, ids)
	if err != nil {
		return err
	}
	for _, a := range atts {
		if q, ok := qs[a.QuestionID]; ok {
			d.Attempts = append(d.Attempts, recentAttempt{Attempt: a, Q: q})
		}
	}
	cal, err := s.store.CalibrationFor(ctx, cand.ID, me.ID)
	if err != nil {
		return err
	}
	d.Calibration = s.calibrationView(c, cal, false, "cal-"+strconv.FormatInt(cand.ID, 10))
	p := s.page(c, "")
	if d.Rounds, err = s.sharedRounds(c, p, cand.ID); err != nil { // prep
		return err
	}
	if d.Stories, err = s.candidateStoriesFor(c, p, cand.ID); err != nil {
		return err
	}
	p.Title, p.Nav, p.Data = cand.DisplayName, "coach", d
	return s.render(c, http.StatusOK, "coach_candidate", p)
}
