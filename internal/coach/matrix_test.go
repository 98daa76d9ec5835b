package coach

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"testing"
)

func TestNewRowAveragesLeaveOutUnrated(t *testing.T) {
	qs := []string{"a", "b", "c", "d"}
	tests := []struct {
		name                string
		cells               map[string]Cell
		done                int
		avgSelf, avgCoach   float64
		wantSelf, wantCoach []int
	}{
		{"nothing answered", nil, 0, 0, 0, []int{0, 0, 0, 0}, []int{0, 0, 0, 0}},
		{"answered, none rated", map[string]Cell{"a": {Attempts: 2}, "c": {Attempts: 1}}, 2, 0, 0,
			[]int{0, 0, 0, 0}, []int{0, 0, 0, 0}},
		{"an unrated answer does not pull the average down",
			map[string]Cell{"a": {Attempts: 1, SelfOverall: 4}, "b": {Attempts: 1}, "c": {Attempts: 3, SelfOverall: 5, CoachOverall: 2}}, 3, 4.5, 2,
			[]int{4, 0, 5, 0}, []int{0, 0, 2, 0}},
		{"every question", map[string]Cell{"a": {Attempts: 1, SelfOverall: 1, CoachOverall: 1}, "b": {Attempts: 1, SelfOverall: 2, CoachOverall: 2},
			"c": {Attempts: 1, SelfOverall: 3, CoachOverall: 4}, "d": {Attempts: 1, SelfOverall: 5, CoachOverall: 5}}, 4, 2.75, 3,
			[]int{1, 2, 3, 5}, []int{1, 2, 4, 5}},
		{"a question not in the set is ignored", map[string]Cell{"zz": {Attempts: 9, SelfOverall: 5}}, 0, 0, 0,
			[]int{0, 0, 0, 0}, []int{0, 0, 0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewRow(Member{CandidateID: 1}, qs, tt.cells)
			if r.Done != tt.done || r.AvgSelf != tt.avgSelf || r.AvgCoach != tt.avgCoach {
				t.Errorf("done %d self %v coach %v, want %d %v %v", r.Done, r.AvgSelf, r.AvgCoach, tt.done, tt.avgSelf, tt.avgCoach)
			}
			var self, coach []int
			for _, c := range r.Cells {
				self, coach = append(self, c.SelfOverall), append(coach, c.CoachOverall)
			}
			if !slices.Equal(self, tt.wantSelf) || !slices.Equal(coach, tt.wantCoach) {
				t.Errorf("cells self %v coach %v, want %v %v", self, coach, tt.wantSelf, tt.wantCoach)
			}
		})
	}
}

func TestParseSort(t *testing.T) {
	for in, want := range map[string]string{"": "name", "name": "name", "progress": "progress", "self": "self", "coach": "coach",
		"Coach": "name", "avg": "name", "'; DROP": "name"} {
		if got := ParseSort(in); got != want {
			t.Errorf("ParseSort(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPageLinks(t *testing.T) {
	tests := []struct {
		page, pages int
		want        []int
	}{
		{1, 1, []int{1}},
		{1, 2, []int{1, 2}},
		{1, 3, []int{1, 2, 3}},
		{1, 10, []int{1, 2, 3, 0, 10}},
		{5, 10, []int{1, 0, 3, 4, 5, 6, 7, 0, 10}},
		{4, 10, []int{1, 2, 3, 4, 5, 6, 0, 10}},
		{10, 10, []int{1, 0, 8, 9, 10}},
		{3, 5, []int{1, 2, 3, 4, 5}},
		{1, 0, nil},
	}
	for _, tt := range tests {
		if got := (Pager{Page: tt.page, Pages: tt.pages}).PageLinks(); !slices.Equal(got, tt.want) {
			t.Errorf("page %d of %d: %v, want %v", tt.page, tt.pages, got, tt.want)
		}
	}
}

// cohort makes n members named "Cand i" (in the store's order, by name as
// stored) and cells from fn, a loader that records what it was asked, and
// a totals loader over qs that counts its calls.
func cohort(n int, qs []string, fn func(i int) map[string]Cell) ([]Member, CellLoader, TotalsLoader, *[][]int64, *int) {
	var members []Member
	all := Cells{}
	for i := 0; i < n; i++ {
		id := int64(i + 1)
		members = append(members, Member{CandidateID: id, DisplayName: fmt.Sprintf("Cand %03d", i)})
		if c := fn(i); c != nil {
			all[id] = c
		}
	}
	var asked [][]int64
	load := func(only []int64) (Cells, error) {
		asked = append(asked, only)
		out := Cells{}
		for id, c := range all {
			if only == nil || slices.Contains(only, id) {
				out[id] = c
			}
		}
		return out, nil
	}
	ranked := 0
	totals := func() (map[int64]Totals, error) {
		ranked++
		out := map[int64]Totals{}
		for id, c := range all {
			out[id] = TotalsOf(qs, c)
		}
		return out, nil
	}
	return members, load, totals, &asked, &ranked
}

func names(m *Matrix) []string {
	var out []string
	for _, r := range m.Rows {
		out = append(out, r.Member.DisplayName)
	}
	return out
}

func TestBuildMatrixPagesAndSorts(t *testing.T) {
	qs := []string{"q1", "q2", "q3"}
	// Candidate i answered i%4 questions, rated themself 1+i%5 and was
	// rated 5-i%5 by the coach.
	members, load, totals, asked, ranked := cohort(120, qs, func(i int) map[string]Cell {
		c := map[string]Cell{}
		for k := 0; k < i%4; k++ {
			c[qs[k]] = Cell{Attempts: 1, SelfOverall: 1 + i%5, CoachOverall: 5 - i%5}
		}
		return c
	})
	tests := []struct {
		sort                  string
		page                  int
		wantSort              string
		first                 []string
		pages, from, to, rows int
	}{
		{"", 1, "name", []string{"Cand 000", "Cand 001"}, 3, 1, 50, 50},
		{"name", 3, "name", []string{"Cand 100", "Cand 101"}, 3, 101, 120, 20},
		{"name", 9, "name", []string{"Cand 100"}, 3, 101, 120, 20}, // past the end: the last page
		{"bogus", 2, "name", []string{"Cand 050"}, 3, 51, 100, 50},
		// 3 answers: i%4 == 3; ties by name.
		{"progress", 1, "progress", []string{"Cand 003", "Cand 007", "Cand 011"}, 3, 1, 50, 50},
		// Self 5 (i%5 == 4) with answers (i%4 != 0): 9, 14, 19, 29…
		{"self", 1, "self", []string{"Cand 009", "Cand 014", "Cand 019", "Cand 029"}, 3, 1, 50, 50},
		// Coach 5 (i%5 == 0) with answers: 5, 10, 15, 25…
		{"coach", 1, "coach", []string{"Cand 005", "Cand 010", "Cand 015", "Cand 025"}, 3, 1, 50, 50},
		{"coach", 0, "coach", []string{"Cand 005"}, 1, 1, 120, 120}, // every row, for the CSV
		{"name", 0, "name", []string{"Cand 000"}, 1, 1, 120, 120},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s-%d", tt.sort, tt.page), func(t *testing.T) {
			*asked, *ranked = nil, 0
			m, err := BuildMatrix(members, qs, tt.sort, tt.page, load, totals)
			if err != nil {
				t.Fatal(err)
			}
			got := names(m)
			if m.Sort != tt.wantSort || len(got) != tt.rows || !slices.Equal(got[:len(tt.first)], tt.first) {
				t.Fatalf("sort %q, %d rows starting %v; want %q, %d starting %v", m.Sort, len(got), got[:min(4, len(got))], tt.wantSort, tt.rows, tt.first)
			}
			if m.Pages != tt.pages || m.From != tt.from || m.To != tt.to || m.Total != 120 {
				t.Errorf("pager %+v, want pages %d rows %d..%d of 120", m.Pager, tt.pages, tt.from, tt.to)
			}
			if len(*asked) != 1 {
				t.Fatalf("cells loaded %d times", len(*asked))
			}
			// Only the page's cells are read (nil: every member's, on
			// page 0); ranking reads every member's totals, once.
			if only := (*asked)[0]; (tt.page == 0) != (only == nil) || (only != nil && len(only) != tt.rows) {
				t.Errorf("loaded cells for %d candidates (nil: %v); want the page's %d", len(only), only == nil, tt.rows)
			}
			if want := map[bool]int{true: 0, false: 1}[m.Sort == SortName]; *ranked != want {
				t.Errorf("totals loaded %d times, want %d", *ranked, want)
			}
		})
	}
	// The pages of a sort hold every candidate once.
	seen := map[string]bool{}
	for p := 1; p <= 3; p++ {
		m, _ := BuildMatrix(members, qs, "self", p, load, totals)
		for _, n := range names(m) {
			if seen[n] {
				t.Errorf("%s on two pages", n)
			}
			seen[n] = true
		}
	}
	if len(seen) != 120 {
		t.Errorf("the pages hold %d candidates, want 120", len(seen))
	}
}

func TestBuildMatrixNamesIgnoreCaseAndKeepTheStoresOrder(t *testing.T) {
	members := []Member{{CandidateID: 1, DisplayName: "bob"}, {CandidateID: 2, DisplayName: "Alice"}, {CandidateID: 3, DisplayName: "Bob"}, {CandidateID: 4, DisplayName: "carol"}}
	in := slices.Clone(members)
	load := func([]int64) (Cells, error) { return Cells{}, nil }
	none := func() (map[int64]Totals, error) { return nil, nil }
	m, err := BuildMatrix(members, nil, "name", 1, load, none)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := names(m), []string{"Alice", "bob", "Bob", "carol"}; !slices.Equal(got, want) {
		t.Errorf("by name: %v, want %v", got, want)
	}
	if m, _ = BuildMatrix(members, nil, "progress", 1, load, none); !slices.Equal(names(m), []string{"Alice", "bob", "Bob", "carol"}) {
		t.Errorf("a tie in progress goes by name: %v", names(m))
	}
	if !reflect.DeepEqual(members, in) {
		t.Errorf("BuildMatrix reordered its input: %v", members)
	}
}

func TestBuildMatrixEmptyAndErrors(t *testing.T) {
	m, err := BuildMatrix(nil, []string{"q"}, "name", 1, func(only []int64) (Cells, error) {
		if only == nil || len(only) != 0 {
			t.Errorf("an empty cohort asks for %v", only)
		}
		return Cells{}, nil
	}, nil)
	if err != nil || len(m.Rows) != 0 || m.Pages != 1 || m.Page != 1 || m.From != 0 || m.To != 0 {
		t.Errorf("empty cohort: %+v, %v", m, err)
	}
	boom := errors.New("boom")
	none := func() (map[int64]Totals, error) { return nil, nil }
	if _, err := BuildMatrix([]Member{{CandidateID: 1}}, nil, "coach", 1, func([]int64) (Cells, error) { return nil, boom }, none); !errors.Is(err, boom) {
		t.Errorf("a failed load returns %v", err)
	}
	if _, err := BuildMatrix([]Member{{CandidateID: 1}}, nil, "coach", 1, func([]int64) (Cells, error) { return Cells{}, nil },
		func() (map[int64]Totals, error) { return nil, boom }); !errors.Is(err, boom) {
		t.Errorf("a failed ranking returns %v", err)
	}
}

// TestRankingByTotalsMatchesTheRows: ranking members by their Totals gives
// the order that sorting their finished rows by what they show gives.
func TestRankingByTotalsMatchesTheRows(t *testing.T) {
	qs := []string{"q1", "q2", "q3", "q4", "q5"}
	rng := rand.New(rand.NewPCG(3, 5))
	members, load, totals, _, _ := cohort(150, qs, func(i int) map[string]Cell {
		c := map[string]Cell{}
		for _, q := range append(qs, "gone") { // "gone": an item the matrix no longer shows
			if rng.IntN(3) != 0 {
				c[q] = Cell{Attempts: 1 + rng.IntN(3), SelfOverall: rng.IntN(6), CoachOverall: rng.IntN(6)}
			}
		}
		return c
	})
	all, _ := load(nil)
	for _, by := range []string{SortProgress, SortSelf, SortCoach} {
		var rows []Row
		for _, m := range members {
			rows = append(rows, NewRow(m, qs, all[m.CandidateID]))
		}
		sort.SliceStable(rows, func(i, j int) bool {
			a, b := rows[i], rows[j]
			key := map[string][2]float64{SortProgress: {float64(a.Done), float64(b.Done)},
				SortSelf: {a.AvgSelf, b.AvgSelf}, SortCoach: {a.AvgCoach, b.AvgCoach}}[by]
			if key[0] != key[1] {
				return key[0] > key[1]
			}
			return nameLess(a.Member.DisplayName, b.Member.DisplayName)
		})
		m, err := BuildMatrix(members, qs, by, 0, load, totals)
		if err != nil {
			t.Fatal(err)
		}
		for i := range rows {
			if !reflect.DeepEqual(m.Rows[i], rows[i]) {
				t.Fatalf("by %s, row %d: %+v, want %+v", by, i, m.Rows[i], rows[i])
			}
		}
	}
}
