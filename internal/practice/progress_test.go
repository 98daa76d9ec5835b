package practice

import (
	"reflect"
	"testing"
)

func TestCoverage(t *testing.T) {
	bank := []Question{
		{ID: "a", Category: "intro", Skills: []string{"talk", "listen"}},
		{ID: "b", Category: "intro", Skills: []string{"talk"}},
		{ID: "c", Category: "objections", Skills: []string{"listen"}},
		{ID: "d", Category: "closing"},
		{ID: "e", Category: "closing"},
		{ID: "f", Category: "closing"},
	}
	cats := []string{"intro", "objections", "closing", "unused"}
	cases := []struct {
		name      string
		practised []string
		done      int
		complete  bool
		intro     Tally
		talk      Tally
		next      []string
	}{
		{"nothing yet: the first two of the lowest", nil, 0, false, Tally{0, 2}, Tally{0, 2}, []string{"intro", "objections"}},
		{"coach questions not in the bank are ignored", []string{"a", "custom-1"}, 1, false, Tally{1, 2}, Tally{1, 2}, []string{"objections", "closing"}},
		{"one lowest", []string{"a", "c", "d"}, 3, false, Tally{1, 2}, Tally{1, 2}, []string{"closing"}},
		{"equal shares by another route (1/2 and 2/4 alike)", []string{"a", "c", "d", "e", "f"}, 5, false, Tally{1, 2}, Tally{1, 2}, []string{"intro"}},
		{"all practised: nothing next", []string{"a", "b", "c", "d", "e", "f"}, 6, true, Tally{2, 2}, Tally{2, 2}, nil},
	}
	for _, c := range cases {
		cv := CoverageOf(bank, c.practised)
		if cv.Done != c.done || cv.Total != 6 || cv.Complete() != c.complete {
			t.Errorf("%s: %d of %d complete %v, want %d of 6 complete %v", c.name, cv.Done, cv.Total, cv.Complete(), c.done, c.complete)
		}
		if cv.Category["intro"] != c.intro || cv.Skill["talk"] != c.talk {
			t.Errorf("%s: intro %+v talk %+v, want %+v and %+v", c.name, cv.Category["intro"], cv.Skill["talk"], c.intro, c.talk)
		}
		if got := cv.Next(cats, 2); !reflect.DeepEqual(got, c.next) {
			t.Errorf("%s: next %v, want %v", c.name, got, c.next)
		}
	}
	if (Coverage{}).Complete() {
		t.Error("an empty bank is complete")
	}
	if got := (Tally{1, 3}).Percent(); got < 33.3 || got > 33.4 {
		t.Errorf("1 of 3 is %v%%", got)
	}
}

func TestShare(t *testing.T) {
	cases := []struct{ n, total, want int }{{0, 0, 0}, {0, 67, 0}, {12, 67, 17}, {66, 67, 98}, {67, 67, 100}}
	for _, c := range cases {
		if got := Share(c.n, c.total); got != c.want {
			t.Errorf("Share(%d, %d) = %d, want %d", c.n, c.total, got, c.want)
		}
	}
}

func TestTrendOf(t *testing.T) {
	cases := []struct {
		counts []int
		want   Trend
	}{
		{nil, Trend{-1, -1}},
		{[]int{0, 0, 0}, Trend{-1, -1}},
		{[]int{0, 3, 0}, Trend{1, 1}},
		{[]int{0, 2, 0, 5, 0}, Trend{1, 3}},
		{[]int{1, 0, 0, 1}, Trend{0, 3}},
	}
	for _, c := range cases {
		if got := TrendOf(c.counts); got != c.want {
			t.Errorf("%v: %+v, want %+v", c.counts, got, c.want)
		}
	}
}

func TestStreaks(t *testing.T) {
	cases := []struct {
		days  []string
		today string
		want  Streak
	}{
		{nil, "2026-03-10", Streak{}},
		{[]string{"2026-03-10"}, "2026-03-10", Streak{1, 1, false}},                                                        // today only
		{[]string{"2026-03-09"}, "2026-03-10", Streak{1, 1, true}},                                                         // yesterday: today may still come
		{[]string{"2026-03-08"}, "2026-03-10", Streak{0, 1, false}},                                                        // the day before yesterday: broken
		{[]string{"2026-03-08", "2026-03-09", "2026-03-10"}, "2026-03-10", Streak{3, 3, false}},                            // through today
		{[]string{"2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02", "2026-03-09"}, "2026-03-10", Streak{1, 4, true}}, // across a month end
		{[]string{"2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12"}, "2026-03-10", Streak{2, 2, false}},              // future days ignored
		{[]string{"2025-12-31", "2026-01-01"}, "2026-03-10", Streak{0, 2, false}},                                          // across a year end
		{[]string{"2026-03-10", "2026-03-09", "2026-03-09", "bad"}, "2026-03-10", Streak{2, 2, false}},                     // any order, duplicates, junk
		{[]string{"2024-02-28", "2024-02-29", "2024-03-01"}, "2024-03-02", Streak{3, 3, true}},                             // a leap day
		{[]string{"2026-03-10"}, "not a day", Streak{}},
	}
	for _, c := range cases {
		if got := Streaks(c.days, c.today); got != c.want {
			t.Errorf("%v on %s: %+v, want %+v", c.days, c.today, got, c.want)
		}
	}
}
