package web

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/library"
	"github.com/aeprep/aeprep/internal/markdown"
	"github.com/aeprep/aeprep/internal/store"
)

// Limits on what a coach writes.
const (
	maxSetTitle     = 120
	maxSetDesc      = 5000
	maxItemsPerSet  = 100
	maxCustomPrompt = 1000
	maxCustomGuide  = 5000
	maxComment      = 5000
	maxReply        = 2000
	maxInviteDays   = 365
	dateLayout      = "2006-01-02"
)

// requireCoach lets only coach accounts through.
func (s *Server) requireCoach(next echo.HandlerFunc) echo.HandlerFunc {
	return s.requireUser(func(c echo.Context) error {
		if !userOf(c).IsCoach {
			return echo.NewHTTPError(http.StatusForbidden)
		}
		return next(c)
	})
}

func paramID(c echo.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, echo.ErrNotFound
	}
	return id, nil
}

// coachSet loads the signed-in coach's set named in the URL; another
// coach's set is a 404.
func (s *Server) coachSet(c echo.Context) (*store.Set, error) {
	id, err := paramID(c, "id")
	if err != nil {
		return nil, err
	}
	set, err := s.store.CoachSet(c.Request().Context(), userOf(c).ID, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, echo.ErrNotFound
	}
	return set, err
}

// itemView is a set question ready to show.
type itemView struct {
	Item store.SetItem
	Q    *library.Question
	HTML template.HTML // custom prompt, rendered and sanitised
}

func (s *Server) itemViews(set *store.Set, items []store.SetItem) []itemView {
	out := make([]itemView, 0, len(items))
	for i := range items {
		it := items[i]
		v := itemView{Item: it}
		if it.IsCustom() {
			v.Q = customQuestion(&it, set)
			v.HTML = markdown.Render(it.Prompt)
		} else if q, ok := s.lib.Question(it.QuestionID); ok {
			v.Q = q
		} else {
			continue // left the bank
		}
		out = append(out, v)
	}
	return out
}

// --- Set list and dashboard

type coachHomeData struct {
	Sets     []setSummary
	Archived []store.Set
	Waiting  []coachQueueItem
	Replies  []coachQueueItem
	Behind   []behindView
	More     bool // more answers wait than are listed
}

// coachQueueItem is an answer on the coach's home: waiting for review, or
// with a new reply from the candidate.
type coachQueueItem struct {
	AttemptID   int64
	CandidateID int64
	Candidate   string
	Q           *library.Question
	At          time.Time
}

type behindView struct {
	store.BehindMember
	Overdue bool
}

// coachHomeLimit caps each list of the coach's home.
const coachHomeLimit = 30

// coachQueues fills the coach's home lists: answers waiting for review,
// candidates' new replies, and members behind on sets due within three
// days or overdue. Every query is bound to the signed-in coach.
func (s *Server) coachQueues(c echo.Context, d *coachHomeData) error {
	ctx := c.Request().Context()
	coach := userOf(c)
	waiting, err := s.store.AwaitingReview(ctx, coach.ID, coachHomeLimit+1)
	if err != nil {
		return err
	}
	if len(waiting) > coachHomeLimit {
		waiting, d.More = waiting[:coachHomeLimit], true
	}
	replies, err := s.store.NewReplies(ctx, coach.ID, coachHomeLimit)
	if err != nil {
		return err
	}
	now := s.store.Now()
	behind, err := s.store.MembersBehind(ctx, coach.ID, now.Add(3*24*time.Hour))
	if err != nil {
		return err
	}
	var ids []string
	for _, w := range waiting {
		ids = append(ids, w.QuestionID)
	}
	for _, r := range replies {
		ids = append(ids, r.QuestionID)
	}
	qs, err := s.questionsByID(c, ids)
	if err != nil {
		return err
	}
	for _, w := range waiting {
		if q, ok := qs[w.QuestionID]; ok {
			d.Waiting = append(d.Waiting, coachQueueItem{AttemptID: w.AttemptID, CandidateID: w.CandidateID, Candidate: w.Candidate, Q: q, At: w.CreatedAt})
		}
	}
	for _, r := range replies {
		if q, ok := qs[r.QuestionID]; ok {
			d.Replies = append(d.Replies, coachQueueItem{AttemptID: r.AttemptID, CandidateID: r.CandidateID, Candidate: r.Candidate, Q: q, At: r.CreatedAt})
		}
	}
	for _, b := range behind {
		d.Behind = append(d.Behind, behindView{BehindMember: b, Overdue: b.DueAt.Before(now)})
	}
	return nil
}

type setSummary struct {
	Set     store.Set
	Matrix  *matrix
	HTML    template.HTML
	Invites int
}

func (s *Server) coachHome(c echo.Context) error {
	u := userOf(c)
	ctx := c.Request().Context()
	sets, err := s.store.CoachSets(ctx, u.ID, false)
	if err != nil {
		return err
	}
	archived, err := s.store.CoachSets(ctx, u.ID, true)
	if err != nil {
		return err
	}
	d := coachHomeData{Archived: archived}
	if err := s.coachQueues(c, &d); err != nil {
		return err
	}
	for _, set := range sets {
		m, err := s.buildMatrix(c, &set, c.QueryParam("sort"), 1)
		if err != nil {
			return err
		}
		d.Sets = append(d.Sets, setSummary{Set: set, Matrix: m, HTML: markdown.Render(set.Description)})
	}
	p := s.page(c, "")
	p.Title, p.Nav, p.Data = p.T("coach.title"), "coach", d
	return s.render(c, http.StatusOK, "coach", p)
}

// --- Creating and editing sets

type setFormData struct {
	Form    *form
	Set     *store.Set
	Items   []itemView
	Picked  map[string]bool
	Bank    []*library.Question
	Filter  library.Filter
	Custom  *form
	Invites []store.Invite
	NewLink string
	Now     time.Time
	BaseURL string
}

func (s *Server) newSetForm(c echo.Context) error {
	f := &form{Values: map[string]string{"lang": langOf(c)}, Errors: map[string]string{}, lang: langOf(c)}
	return s.renderSetForm(c, http.StatusOK, f, nil)
}

func (s *Server) renderSetForm(c echo.Context, status int, f *form, picked map[string]bool) error {
	p := s.page(c, "")
	p.Title, p.Nav = p.T("coach.set.new"), "coach"
	if picked == nil {
		picked = map[string]bool{}
	}
	p.Data = setFormData{Form: f, Picked: picked, Bank: s.lib.Questions}
	return s.render(c, status, "coach_set_new", p)
}

// readSetFields validates the fields a set form shares with the edit form.
func (s *Server) readSetFields(c echo.Context, f *form, set *store.Set) {
	set.Title = f.text("title", true, maxSetTitle)
	set.Description = f.text("description", false, maxSetDesc)
	set.Lang = f.Values["lang"]
	if !i18n.Supported(set.Lang) {
		f.fail("lang", "form.err.choice")
	}
	set.TimeLimit = 0
	if v := strings.TrimSpace(f.Values["time_limit"]); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 1800 {
			f.fail("time_limit", "coach.err.time")
		} else {
			set.TimeLimit = n
		}
	}
	set.DueAt = nil
	if v := strings.TrimSpace(f.Values["due"]); v != "" {
		d, err := time.Parse(dateLayout, v)
		if err != nil {
			f.fail("due", "coach.err.date")
		} else {
			end := d.Add(24*time.Hour - time.Second).UTC()
			set.DueAt = &end
		}
	}
}

func (s *Server) createSet(c echo.Context) error {
	f := newForm(c, "title", "description", "lang", "time_limit", "due")
	set := &store.Set{CoachID: userOf(c).ID}
	s.readSetFields(c, f, set)
	params, err := c.FormParams()
	if err != nil {
		return err
	}
	picked := map[string]bool{}
	var items []store.SetItem
	for _, id := range params["q"] {
		if _, ok := s.lib.Question(id); !ok {
			f.fail("q", "coach.err.unknown")
			continue
		}
		if !picked[id] {
			picked[id] = true
			items = append(items, store.SetItem{QuestionID: id})
		}
	}
	if len(items) == 0 {
		f.fail("q", "coach.err.noquestions")
	}
	if len(items) > maxItemsPerSet {
		f.fail("q", "coach.err.toomany")
	}
	if !f.Valid() {
		return s.renderSetForm(c, http.StatusUnprocessableEntity, f, picked)
	}
	if err := s.store.CreateSet(c.Request().Context(), set, items); err != nil {
		return err
	}
	s.flash(c, "coach.flash.created")
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/coach/sets/%d/edit", set.ID))
}

func (s *Server) editSetForm(c echo.Context) error {
	set, err := s.coachSet(c)
	if err != nil {
		return err
	}
	f := &form{Values: setValues(set), Errors: map[string]string{}, lang: langOf(c)}
	return s.renderEditSet(c, http.StatusOK, set, f, nil)
}

func setValues(set *store.Set) map[string]string {
	v := map[string]string{"title": set.Title, "description": set.Description, "lang": set.Lang}
	if set.TimeLimit > 0 {
		v["time_limit"] = strconv.Itoa(set.TimeLimit)
	}
	if set.DueAt != nil {
		v["due"] = set.DueAt.Format(dateLayout)
	}
	return v
}

func (s *Server) renderEditSet(c echo.Context, status int, set *store.Set, f, custom *form) error {
	ctx := c.Request().Context()
	items, err := s.store.SetItems(ctx, set.ID)
	if err != nil {
		return err
	}
	if custom == nil {
		custom = &form{Values: map[string]string{}, Errors: map[string]string{}, lang: langOf(c)}
	}
	filter := library.Filter{Q: strings.TrimSpace(c.QueryParam("q")), Category: c.QueryParam("category"), Skill: c.QueryParam("skill")}
	if _, ok := s.lib.Category(filter.Category); !ok {
		filter.Category = ""
	}
	if _, ok := s.lib.Skill(filter.Skill); !ok {
		filter.Skill = ""
	}
	picked := map[string]bool{}
	for _, it := range items {
		picked[it.QuestionID] = true
	}
	p := s.page(c, "")
	p.Title, p.Nav = p.T("coach.set.edit", set.Title), "coach"
	p.Data = setFormData{Form: f, Set: set, Items: s.itemViews(set, items), Picked: picked,
		Bank: s.lib.Search(filter), Filter: filter, Custom: custom}
	return s.render(c, status, "coach_set_edit", p)
}

func (s *Server) updateSet(c echo.Context) error {
	set, err := s.coachSet(c)
	if err != nil {
		return err
	}
	f := newForm(c, "title", "description", "lang", "time_limit", "due")
	// Read into a copy: a rejected form shows the stored set's title.
	upd := *set
	s.readSetFields(c, f, &upd)
	if !f.Valid() {
		return s.renderEditSet(c, http.StatusUnprocessableEntity, set, f, nil)
	}
	if err := s.store.UpdateSet(c.Request().Context(), &upd); err != nil {
		return err
	}
	s.flash(c, "coach.flash.saved")
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/coach/sets/%d/edit", set.ID))
}

func (s *Server) addBankItem(c echo.Context) error {
	set, err := s.coachSet(c)
	if err != nil {
		return err
	}
	id := c.FormValue("question_id")
	if _, ok := s.lib.Question(id); !ok {
		return echo.NewHTTPError(http.StatusUnprocessableEntity)
	}
	ctx := c.Request().Context()
	items, err := s.store.SetItems(ctx, set.ID)
	if err != nil {
		return err
	}
	for _, it := range items {
		if it.QuestionID == id {
			return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/coach/sets/%d/edit#items", set.ID))
		}
	}
	if len(items) >= maxItemsPerSet {
		return echo.NewHTTPError(http.StatusUnprocessableEntity)
	}
	if err := s.store.AddItem(ctx, set.ID, &store.SetItem{QuestionID: id}); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/coach/sets/%d/edit#items", set.ID))
}

func (s *Server) addCustomItem(c echo.Context) error {
	set, err := s.coachSet(c)
	if err != nil {
		return err
	}
	f := newForm(c, "prompt", "guidance", "seconds")
	it := &store.SetItem{}
	it.Prompt = f.text("prompt", true, maxCustomPrompt)
	it.Guidance = f.text("guidance", false, maxCustomGuide)
	if v := strings.TrimSpace(f.Values["seconds"]); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 30 || n > 600 {
			f.fail("seconds", "coach.err.seconds")
		}
		it.Seconds = n
	}
	ctx := c.Request().Context()
	if n, err := s.store.CountItems(ctx, set.ID); err != nil {
		return err
	} else if n >= maxItemsPerSet {
		f.fail("prompt", "coach.err.toomany")
	}
	if !f.Valid() {
		ef := &form{Values: setValues(set), Errors: map[string]string{}, lang: langOf(c)}
		return s.renderEditSet(c, http.StatusUnprocessableEntity, set, ef, f)
	}
	if err := s.store.AddItem(ctx, set.ID, it); err != nil {
		return err
	}
	s.flash(c, "coach.flash.custom")
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/coach/sets/%d/edit#items", set.ID))
}

func (s *Server) moveItem(c echo.Context) error {
	set, err := s.coachSet(c)
	if err != nil {
		return err
	}
	item, err := paramID(c, "item")
	if err != nil {
		return err
	}
	if err := s.store.MoveItem(c.Request().Context(), set.ID, item, c.FormValue("dir") == "up"); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/coach/sets/%d/edit#items", set.ID))
}

func (s *Server) deleteItem(c echo.Context) error {
	set, err := s.coachSet(c)
	if err != nil {
		return err
	}
	item, err := paramID(c, "item")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if n, err := s.store.CountItems(ctx, set.ID); err != nil {
		return err
	} else if n <= 1 {
		// A set keeps at least one question.
		s.flash(c, "coach.err.lastquestion")
		return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/coach/sets/%d/edit#items", set.ID))
	}
	if err := s.store.DeleteItem(ctx, set.ID, item); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/coach/sets/%d/edit#items", set.ID))
}

func (s *Server) duplicateSet(c echo.Context) error {
	set, err := s.coachSet(c)
	if err != nil {
		return err
	}
	title := i18n.T(langOf(c), "coach.copyof", set.Title)
	if r := []rune(title); len(r) > maxSetTitle {
		title = string(r[:maxSetTitle])
	}
	cp, err := s.store.DuplicateSet(c.Request().Context(), set.CoachID, set.ID, title)
	if err != nil {
		return err
	}
	s.flash(c, "coach.flash.duplicated")
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/coach/sets/%d/edit", cp.ID))
}

func (s *Server) archiveSet(c echo.Context) error {
	set, err := s.coachSet(c)
	if err != nil {
		return err
	}
	archive := c.FormValue("archive") != "0"
	if err := s.store.ArchiveSet(c.Request().Context(), set.CoachID, set.ID, archive); err != nil {
		return err
	}
	if archive {
		s.flash(c, "coach.flash.archived")
	} else {
		s.flash(c, "coach.flash.restored")
	}
	return c.Redirect(http.StatusSeeOther, "/coach")
}

// --- One set: questions, invites, cohort

type setPageData struct {
	Set     *store.Set
	HTML    template.HTML
	Items   []itemView
	Invites []store.Invite
	Matrix  *matrix
	Now     time.Time
	Base    string
	Sort    string
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
	m, err := s.buildMatrix(c, set, c.QueryParam("sort"), max(page, 1))
	if err != nil {
		return err
	}
	p := s.page(c, "")
	p.Title, p.Nav = set.Title, "coach"
	p.Data = setPageData{Set: set, HTML: markdown.Render(set.Description), Items: s.itemViews(set, items),
		Invites: invites, Matrix: m, Now: s.store.Now(), Base: s.link(c, ""), Sort: m.Sort}
	return s.render(c, http.StatusOK, "coach_set", p)
}

func (s *Server) createInvite(c echo.Context) error {
	set, err := s.coachSet(c)
	if err != nil {
		return err
	}
	var expires *time.Time
	if v := strings.TrimSpace(c.FormValue("days")); v != "" && v != "0" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxInviteDays {
			return echo.NewHTTPError(http.StatusUnprocessableEntity)
		}
		t := s.store.Now().Add(time.Duration(n) * 24 * time.Hour)
		expires = &t
	}
	if _, err := s.store.CreateInvite(c.Request().Context(), set.ID, expires); err != nil {
		return err
	}
	s.flash(c, "coach.flash.invite")
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/coach/sets/%d#invites", set.ID))
}

func (s *Server) revokeInvite(c echo.Context) error {
	set, err := s.coachSet(c)
	if err != nil {
		return err
	}
	inv, err := paramID(c, "invite")
	if err != nil {
		return err
	}
	if err := s.store.RevokeInvite(c.Request().Context(), set.ID, inv); err != nil {
		return err
	}
	s.flash(c, "coach.flash.revoked")
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/coach/sets/%d#invites", set.ID))
}

// --- The cohort matrix

type matrix struct {
	SetID int64
	Items []itemView
	Rows  []matrixRow
	Sort  string
	// Paging: rows From..To (1-based) of Total, page Page of Pages.
	Page, Pages, Total, From, To int
}

type matrixRow struct {
	Member   store.Member
	Cells    []store.Cell
	Done     int
	AvgSelf  float64
	AvgCoach float64
	// CellsHTML is the row's cells as table cells, written here rather
	// than by the template: a page has 3,000 of them, and the template
	// spent most of the page's time on them.
	CellsHTML template.HTML
}

// cellsHTML writes a row's cells (see matrixRow.CellsHTML). The only text
// is numbers and interface strings, escaped all the same.
func cellsHTML(lang string, cells []store.Cell) template.HTML {
	var b strings.Builder
	none := `<td class="cell cell-none"><span aria-hidden="true">—</span><span class="visually-hidden">` +
		template.HTMLEscapeString(i18n.T(lang, "coach.cell.none")) + `</span></td>`
	for _, c := range cells {
		if c.Attempts == 0 {
			b.WriteString(none)
			continue
		}
		label := i18n.T(lang, "coach.cell", c.Attempts, c.SelfOverall)
		if c.SelfOverall == 0 { // answered, not rated yet
			label = i18n.T(lang, "coach.cell.unrated", c.Attempts)
		}
		class := "cell cell-s" + strconv.Itoa(c.SelfOverall)
		if c.CoachOverall > 0 {
			label += i18n.T(lang, "coach.cell.coach", c.CoachOverall)
			class += " cell-rated"
		}
		b.WriteString(`<td class="` + class + `"><a href="/coach/attempts/` + strconv.FormatInt(c.LatestID, 10) + `">` +
			template.HTMLEscapeString(label) + `</a></td>`)
	}
	return template.HTML(b.String())
}

// matrixPageSize is how many candidates one page of the matrix shows: a
// cohort of 300 would otherwise be an 18,000-cell, 1.8 MB page.
const matrixPageSize = 50

// PageLinks lists the pages to offer, 0 marking a gap: the first, the last
// and two either side of the current one.
func (m *matrix) PageLinks() []int {
	var out []int
	for p := 1; p <= m.Pages; p++ {
		if p == 1 || p == m.Pages || (p >= m.Page-2 && p <= m.Page+2) {
			out = append(out, p)
		} else if len(out) > 0 && out[len(out)-1] != 0 {
			out = append(out, 0)
		}
	}
	return out
}

// buildMatrix builds one page of the set's cohort (page 0: every
// candidate, for the CSV). Sorted by name, only that page's cells are
// read; the other sorts need every candidate's figures first.
func (s *Server) buildMatrix(c echo.Context, set *store.Set, sortBy string, page int) (*matrix, error) {
	ctx := c.Request().Context()
	items, err := s.store.SetItems(ctx, set.ID)
	if err != nil {
		return nil, err
	}
	members, err := s.store.CohortMembers(ctx, set.ID)
	if err != nil {
		return nil, err
	}
	byName := sortBy != "progress" && sortBy != "self" && sortBy != "coach"
	if byName {
		sortBy = "name"
		sort.SliceStable(members, func(i, j int) bool {
			return strings.ToLower(members[i].DisplayName) < strings.ToLower(members[j].DisplayName)
		})
	}
	m := &matrix{SetID: set.ID, Items: s.itemViews(set, items), Sort: sortBy, Total: len(members), Page: 1, Pages: 1}
	if page > 0 {
		m.Pages = max(1, (len(members)+matrixPageSize-1)/matrixPageSize)
		m.Page = min(page, m.Pages)
	}
	from, to := 0, len(members)
	if page > 0 {
		from, to = (m.Page-1)*matrixPageSize, min(m.Page*matrixPageSize, len(members))
	}
	var only []int64
	if byName {
		members = members[from:to]
		only = make([]int64, 0, len(members))
		for _, mem := range members {
			only = append(only, mem.CandidateID)
		}
	}
	cells, err := s.store.CohortCells(ctx, set.ID, only)
	if err != nil {
		return nil, err
	}
	for _, mem := range members {
		row := matrixRow{Member: mem}
		var selfSum, selfN, coachSum, coachN int
		for _, it := range m.Items {
			cell := cells[mem.CandidateID][it.Item.QuestionID]
			row.Cells = append(row.Cells, cell)
			if cell.Attempts > 0 {
				row.Done++
			}
			if cell.SelfOverall > 0 {
				selfSum += cell.SelfOverall
				selfN++
			}
			if cell.CoachOverall > 0 {
				coachSum += cell.CoachOverall
				coachN++
			}
		}
		if selfN > 0 {
			row.AvgSelf = float64(selfSum) / float64(selfN)
		}
		if coachN > 0 {
			row.AvgCoach = float64(coachSum) / float64(coachN)
		}
		m.Rows = append(m.Rows, row)
	}
	if !byName {
		sort.SliceStable(m.Rows, func(i, j int) bool {
			a, b := m.Rows[i], m.Rows[j]
			switch sortBy {
			case "progress":
				if a.Done != b.Done {
					return a.Done > b.Done
				}
			case "self":
				if a.AvgSelf != b.AvgSelf {
					return a.AvgSelf > b.AvgSelf
				}
			case "coach":
				if a.AvgCoach != b.AvgCoach {
					return a.AvgCoach > b.AvgCoach
				}
			}
			return strings.ToLower(a.Member.DisplayName) < strings.ToLower(b.Member.DisplayName)
		})
		m.Rows = m.Rows[from:to]
	}
	if len(m.Rows) > 0 {
		m.From, m.To = from+1, to
	}
	if page > 0 { // a page to show, not the CSV
		lang := langOf(c)
		for i := range m.Rows {
			m.Rows[i].CellsHTML = cellsHTML(lang, m.Rows[i].Cells)
		}
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

// --- Candidates, review and calibration

type candidateData struct {
	Candidate   *store.User
	Attempts    []recentAttempt
	Calibration calibrationView
}

func (s *Server) coachCandidate(c echo.Context) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	coach := userOf(c)
	ctx := c.Request().Context()
	cand, err := s.store.CoachCandidate(ctx, coach.ID, id)
	if errors.Is(err, store.ErrNotFound) {
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	atts, err := s.store.SharedAttempts(ctx, coach.ID, cand.ID)
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
	cal, err := s.store.CalibrationFor(ctx, cand.ID, coach.ID)
	if err != nil {
		return err
	}
	d.Calibration = s.calibrationView(c, cal, false, "cal-"+strconv.FormatInt(cand.ID, 10))
	p := s.page(c, "")
	p.Title, p.Nav, p.Data = cand.DisplayName, "coach", d
	return s.render(c, http.StatusOK, "coach_candidate", p)
}

type reviewData struct {
	attemptView
	Candidate *store.User
	Review    *store.Review
	Replies   []replyView
	Form      *form
	Reply     *form
	CanReply  bool
	Replied   bool // the viewer has replied already
	Coach     bool
	Comment   template.HTML
	// OtherCoach names the coach who reviewed the attempt when it is not
	// the coach looking at it: their review is shown, not offered for
	// editing.
	OtherCoach string
}

type replyView struct {
	store.Reply
	Author string
	HTML   template.HTML
}

func (s *Server) coachAttempt(c echo.Context) error {
	a, err := s.sharedAttempt(c)
	if err != nil {
		return err
	}
	// Rendered first, so the page still marks a reply that is new.
	if err := s.renderCoachAttempt(c, http.StatusOK, a, nil, nil); err != nil {
		return err
	}
	if err := s.store.MarkRepliesSeen(c.Request().Context(), userOf(c).ID, a.ID); err != nil {
		s.log.Warn("coach's reading of a reply not recorded", "attempt", a.ID, "err", err)
	}
	return nil
}

func (s *Server) sharedAttempt(c echo.Context) (*store.Attempt, error) {
	id, err := paramID(c, "id")
	if err != nil {
		return nil, err
	}
	a, err := s.store.SharedAttempt(c.Request().Context(), userOf(c).ID, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, echo.ErrNotFound
	}
	return a, err
}

func (s *Server) reviewContext(c echo.Context, a *store.Attempt, coach bool) (reviewData, error) {
	v, err := s.viewAttempt(c, a)
	if err != nil {
		return reviewData{}, err
	}
	ctx := c.Request().Context()
	d := reviewData{attemptView: v, Coach: coach}
	r, replies, err := s.store.ReviewOf(ctx, a.ID)
	switch {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		return d, err
	default:
		d.Review = r
		d.Comment = markdown.Render(r.Comment)
		me := userOf(c).ID
		if coach && r.CoachID != me {
			d.OtherCoach = "?"
			if u, err := s.store.UserByID(ctx, r.CoachID); err == nil {
				d.OtherCoach = u.DisplayName
			}
		}
		theyReplied := false
		for _, rp := range replies {
			name := ""
			if u, err := s.store.UserByID(ctx, rp.AuthorID); err == nil {
				name = u.DisplayName
			}
			d.Replies = append(d.Replies, replyView{Reply: rp, Author: name, HTML: markdown.Render(rp.Body)})
			if rp.AuthorID == me {
				d.Replied = true
			} else {
				theyReplied = true
			}
		}
		// The candidate may answer the feedback, and so may a second
		// coach; the coach who wrote it answers the candidate's reply, not
		// their own feedback.
		d.CanReply = !d.Replied && (!coach || d.OtherCoach != "" || theyReplied)
	}
	return d, nil
}

func (s *Server) renderCoachAttempt(c echo.Context, status int, a *store.Attempt, f, rf *form) error {
	d, err := s.reviewContext(c, a, true)
	if err != nil {
		return err
	}
	cand, err := s.store.UserByID(c.Request().Context(), a.UserID)
	if err != nil {
		return err
	}
	d.Candidate = cand
	if f == nil {
		f = &form{Values: map[string]string{}, Errors: map[string]string{}, lang: langOf(c)}
		if d.Review != nil && d.OtherCoach == "" {
			for _, k := range store.Criteria {
				f.Values["r_"+k] = strconv.Itoa(d.Review.Ratings.Get(k))
			}
			f.Values["comment"] = d.Review.Comment
		}
	}
	if rf == nil {
		rf = &form{Values: map[string]string{}, Errors: map[string]string{}, lang: langOf(c)}
	}
	d.Form, d.Reply = f, rf
	if !rf.Valid() {
		d.CanReply = true // a reply that came back with errors keeps its form
	}
	p := s.page(c, "")
	p.Title, p.Nav, p.Data = p.T("review.title", cand.DisplayName), "coach", d
	return s.render(c, status, "coach_attempt", p)
}

func (s *Server) saveReview(c echo.Context) error {
	a, err := s.sharedAttempt(c)
	if err != nil {
		return err
	}
	fields := []string{"comment"}
	for _, k := range store.Criteria {
		fields = append(fields, "r_"+k)
	}
	f := newForm(c, fields...)
	r := &store.Review{AttemptID: a.ID, CoachID: userOf(c).ID}
	r.Comment = f.text("comment", false, maxComment)
	for _, k := range store.Criteria {
		r.Ratings.Set(k, f.rating("r_"+k))
	}
	if !f.Valid() {
		return s.renderCoachAttempt(c, http.StatusUnprocessableEntity, a, f, nil)
	}
	if err := s.store.SaveReview(c.Request().Context(), r); errors.Is(err, store.ErrReviewedByOther) {
		// The page explains; the comment typed stays in the form.
		return s.renderCoachAttempt(c, http.StatusConflict, a, f, nil)
	} else if err != nil {
		return err
	}
	s.flash(c, "review.flash.saved")
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/coach/attempts/%d", a.ID))
}

// reply adds one follow-up under a review, from the coach (coach route)
// or the candidate (their own attempt).
func (s *Server) coachReply(c echo.Context) error {
	a, err := s.sharedAttempt(c)
	if err != nil {
		return err
	}
	return s.addReply(c, a, fmt.Sprintf("/coach/attempts/%d", a.ID), true)
}

func (s *Server) candidateReply(c echo.Context) error {
	a, err := s.attemptParam(c, "id")
	if err != nil {
		return err
	}
	return s.addReply(c, a, fmt.Sprintf("/attempts/%d", a.ID), false)
}

func (s *Server) addReply(c echo.Context, a *store.Attempt, back string, coach bool) error {
	ctx := c.Request().Context()
	r, _, err := s.store.ReviewOf(ctx, a.ID)
	if errors.Is(err, store.ErrNotFound) {
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	f := newForm(c, "body")
	body := f.text("body", true, maxReply)
	if !f.Valid() {
		if coach {
			return s.renderCoachAttempt(c, http.StatusUnprocessableEntity, a, nil, f)
		}
		return s.renderAttemptWithReply(c, http.StatusUnprocessableEntity, a, f)
	}
	if err := s.store.AddReply(ctx, r.ID, userOf(c).ID, body); err != nil {
		if errors.Is(err, store.ErrAlreadyReplied) {
			return echo.NewHTTPError(http.StatusConflict)
		}
		return err
	}
	s.flash(c, "review.flash.reply")
	return c.Redirect(http.StatusSeeOther, back+"#feedback")
}

// --- Joining a coach's set

type joinData struct {
	Set     *store.Set
	HTML    template.HTML
	Coach   *store.User
	Items   int
	Problem string // i18n key when the link cannot be used
	Token   string
	Member  bool
}

func (s *Server) joinPage(c echo.Context) error {
	return s.renderJoin(c, http.StatusOK)
}

func (s *Server) renderJoin(c echo.Context, status int) error {
	token := c.Param("token")
	ctx := c.Request().Context()
	if err := s.rateLimited(c, "join:ip:"+c.RealIP(), 60, 10*time.Minute); err != nil {
		return err
	}
	_, set, err := s.store.InviteByToken(ctx, token)
	d := joinData{Token: token}
	switch {
	case errors.Is(err, store.ErrNotFound):
		return echo.ErrNotFound
	case errors.Is(err, store.ErrInviteExpired):
		d.Problem, status = "join.expired", http.StatusGone
	case errors.Is(err, store.ErrInviteRevoked):
		d.Problem, status = "join.revoked", http.StatusGone
	case err != nil:
		return err
	}
	d.Set = set
	d.HTML = markdown.Render(set.Description)
	if coach, err := s.store.UserByID(ctx, set.CoachID); err == nil {
		d.Coach = coach
	}
	d.Items, _ = s.store.CountItems(ctx, set.ID)
	if u := userOf(c); u != nil && d.Problem == "" {
		d.Member, _ = s.store.IsMember(ctx, set.ID, u.ID)
	}
	p := s.page(c, "")
	p.Title, p.Nav, p.Data = p.T("join.title"), "", d
	return s.render(c, status, "join", p)
}

func (s *Server) join(c echo.Context) error {
	if err := s.rateLimited(c, "join:ip:"+c.RealIP(), 60, 10*time.Minute); err != nil {
		return err
	}
	ctx := c.Request().Context()
	_, set, err := s.store.InviteByToken(ctx, c.Param("token"))
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return echo.ErrNotFound
		}
		if errors.Is(err, store.ErrInviteExpired) || errors.Is(err, store.ErrInviteRevoked) {
			return s.renderJoin(c, http.StatusGone)
		}
		return err
	}
	u := userOf(c)
	if set.CoachID == u.ID {
		return echo.NewHTTPError(http.StatusUnprocessableEntity)
	}
	if err := s.store.Join(ctx, set.ID, u.ID); err != nil {
		if errors.Is(err, store.ErrAlreadyMember) {
			s.flash(c, "join.already")
			return c.Redirect(http.StatusSeeOther, "/me")
		}
		return err
	}
	// The set's questions join the review queue as new cards, due early
	// enough to practise each before the set's due date.
	items, err := s.store.SetItems(ctx, set.ID)
	if err != nil {
		return err
	}
	ids := make([]string, 0, len(items))
	for _, it := range items {
		ids = append(ids, it.QuestionID)
	}
	due := s.store.Now()
	if err := s.store.QueueNewCards(ctx, u.ID, ids, due); err != nil {
		return err
	}
	s.flash(c, "join.done")
	return c.Redirect(http.StatusSeeOther, "/me")
}

func (s *Server) leaveCoach(c echo.Context) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	if err := s.store.LeaveCoach(c.Request().Context(), userOf(c).ID, id); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return echo.ErrNotFound
		}
		return err
	}
	s.flash(c, "join.left")
	return c.Redirect(http.StatusSeeOther, "/me")
}

// --- Calibration

type calibrationView struct {
	Rows    []store.Calibration
	N       int
	Reading string
	Chart   template.HTML
}

// calibrationView turns averages into rows, a chart and one line that a
// person can act on: the criterion with the largest gap.
func (s *Server) calibrationView(c echo.Context, cal []store.Calibration, self bool, id string) calibrationView {
	v := calibrationView{Rows: cal}
	if len(cal) > 0 {
		v.N = cal[0].N
	}
	if v.N == 0 {
		return v
	}
	lang := langOf(c)
	best := cal[0]
	for _, x := range cal {
		if abs(x.Gap()) > abs(best.Gap()) {
			best = x
		}
	}
	name := i18n.T(lang, "rubric."+best.Criterion+".name")
	who := "coach"
	if self {
		who = "self"
	}
	switch {
	case abs(best.Gap()) < 0.25:
		v.Reading = i18n.T(lang, "cal.aligned."+who)
	case best.Gap() > 0:
		v.Reading = i18n.T(lang, "cal.higher."+who, name, best.Gap())
	default:
		v.Reading = i18n.T(lang, "cal.lower."+who, name, -best.Gap())
	}
	v.Chart = s.calibrationChart(lang, cal, id)
	return v
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}
