package coach

import (
	"sort"
	"strings"
)

// Member is a candidate of a set.
type Member struct {
	CandidateID int64
	DisplayName string
	Email       string
}

// Cell is one candidate × question square of the cohort matrix: the
// answers given since joining and the latest one's ratings.
type Cell struct {
	Attempts     int
	LatestID     int64
	SelfOverall  int // 0 when not rated
	CoachOverall int // 0 when not rated
	// A drill kind in the set (a "drill:" item): Attempts are the drills
	// answered since joining, Correct how many of them were right; there
	// are no ratings, and no single answer to link to.
	Drill   bool
	Correct int
}

// Accuracy is the percentage of a drill cell's answers that were right,
// rounded down; 0 without answers.
func (c Cell) Accuracy() int {
	if c.Attempts == 0 {
		return 0
	}
	return c.Correct * 100 / c.Attempts
}

// Cells holds a cohort's cells keyed by candidate id and question id; a
// missing cell is a question not answered.
type Cells map[int64]map[string]Cell

// Row is one candidate's line of the matrix.
type Row struct {
	Member Member
	Cells  []Cell // one per question, in the set's order
	Done   int    // questions answered at least once
	// AvgSelf and AvgCoach average the overall ratings of the rated cells
	// only: an unrated answer (0) is left out, and a row with none is 0.
	AvgSelf  float64
	AvgCoach float64
}

// Totals sum a member's cells over the set's questions: what their row
// shows in its last columns and what every order but by name ranks by.
type Totals struct {
	Done                 int // questions answered at least once
	SelfSum, SelfRated   int // the latest answers' self overall ratings, and how many are rated
	CoachSum, CoachRated int // the coach's, likewise
}

// TotalsOf sums the cells of the questions given.
func TotalsOf(questionIDs []string, cells map[string]Cell) Totals {
	var t Totals
	for _, q := range questionIDs {
		t.add(cells[q])
	}
	return t
}

func (t *Totals) add(c Cell) {
	if c.Attempts > 0 {
		t.Done++
	}
	if c.SelfOverall > 0 {
		t.SelfSum += c.SelfOverall
		t.SelfRated++
	}
	if c.CoachOverall > 0 {
		t.CoachSum += c.CoachOverall
		t.CoachRated++
	}
}

// AvgSelf averages the rated self overall ratings; 0 with none.
func (t Totals) AvgSelf() float64 { return avg(t.SelfSum, t.SelfRated) }

// AvgCoach averages the coach's overall ratings; 0 with none.
func (t Totals) AvgCoach() float64 { return avg(t.CoachSum, t.CoachRated) }

func avg(sum, n int) float64 {
	if n == 0 {
		return 0
	}
	return float64(sum) / float64(n)
}

// NewRow builds a member's row over the questions given, in their order.
func NewRow(m Member, questionIDs []string, cells map[string]Cell) Row {
	row := Row{Member: m, Cells: make([]Cell, 0, len(questionIDs))}
	var t Totals
	for _, q := range questionIDs {
		c := cells[q]
		row.Cells = append(row.Cells, c)
		t.add(c)
	}
	row.Done, row.AvgSelf, row.AvgCoach = t.Done, t.AvgSelf(), t.AvgCoach()
	return row
}

// The matrix's sort orders. Every order but SortName puts the highest
// first; ties, and SortName itself, go by name whatever its case.
const (
	SortName     = "name"
	SortProgress = "progress"
	SortSelf     = "self"
	SortCoach    = "coach"
)

// ParseSort returns the sort order named, or SortName for anything else.
func ParseSort(s string) string {
	switch s {
	case SortProgress, SortSelf, SortCoach:
		return s
	}
	return SortName
}

// PageSize is how many candidates one page of the matrix shows: a cohort
// of 300 would otherwise be an 18,000-cell, 1.8 MB page.
const PageSize = 50

// Pager places one page of rows: rows From..To (1-based, 0..0 when there
// are none) of Total, page Page of Pages.
type Pager struct {
	Page, Pages, Total, From, To int
}

// PageLinks lists the pages to offer, 0 marking a gap: the first, the last
// and two either side of the current one.
func (p Pager) PageLinks() []int {
	var out []int
	for n := 1; n <= p.Pages; n++ {
		if n == 1 || n == p.Pages || (n >= p.Page-2 && n <= p.Page+2) {
			out = append(out, n)
		} else if len(out) > 0 && out[len(out)-1] != 0 {
			out = append(out, 0)
		}
	}
	return out
}

// Matrix is one page of a set's cohort.
type Matrix struct {
	Sort string
	Rows []Row
	Pager
}

// CellLoader reads the cells of the candidates listed (every member when
// only is nil).
type CellLoader func(only []int64) (Cells, error)

// TotalsLoader reads every member's Totals over the matrix's questions (a
// member without any answer may be missing).
type TotalsLoader func() (map[int64]Totals, error)

// BuildMatrix builds page page (from 1; 0 is every candidate on one page,
// for an export) of the cohort of members over the questions given, in
// the order sortBy names (see ParseSort). Only that page's cells are
// loaded (only is nil when the page holds every member); the orders but
// by name first rank every member by their Totals, loaded once. members
// is taken in the order the store lists them, which breaks ties between
// names that differ only in case.
func BuildMatrix(members []Member, questionIDs []string, sortBy string, page int, load CellLoader, totals TotalsLoader) (*Matrix, error) {
	sortBy = ParseSort(sortBy)
	members = append([]Member(nil), members...)
	if sortBy == SortName {
		sort.SliceStable(members, func(i, j int) bool {
			return nameLess(members[i].DisplayName, members[j].DisplayName)
		})
	} else {
		t, err := totals()
		if err != nil {
			return nil, err
		}
		rank(members, t, sortBy)
	}
	m := &Matrix{Sort: sortBy, Pager: Pager{Total: len(members), Page: 1, Pages: 1}}
	from, to := 0, len(members)
	var only []int64
	if page > 0 {
		m.Pages = max(1, (len(members)+PageSize-1)/PageSize)
		m.Page = min(page, m.Pages)
		from, to = (m.Page-1)*PageSize, min(m.Page*PageSize, len(members))
		only = make([]int64, 0, to-from)
		for _, mem := range members[from:to] {
			only = append(only, mem.CandidateID)
		}
	}
	members = members[from:to]
	cells, err := load(only)
	if err != nil {
		return nil, err
	}
	m.Rows = make([]Row, 0, len(members))
	for _, mem := range members {
		m.Rows = append(m.Rows, NewRow(mem, questionIDs, cells[mem.CandidateID]))
	}
	if len(m.Rows) > 0 {
		m.From, m.To = from+1, to
	}
	return m, nil
}

// rank orders members by sortBy, highest first, then by name.
func rank(members []Member, totals map[int64]Totals, sortBy string) {
	sort.SliceStable(members, func(i, j int) bool {
		a, b := totals[members[i].CandidateID], totals[members[j].CandidateID]
		switch sortBy {
		case SortProgress:
			if a.Done != b.Done {
				return a.Done > b.Done
			}
		case SortSelf:
			if x, y := a.AvgSelf(), b.AvgSelf(); x != y {
				return x > y
			}
		case SortCoach:
			if x, y := a.AvgCoach(), b.AvgCoach(); x != y {
				return x > y
			}
		}
		return nameLess(members[i].DisplayName, members[j].DisplayName)
	})
}

func nameLess(a, b string) bool { return strings.ToLower(a) < strings.ToLower(b) }
