package roleplay

import (
	"slices"
	"testing"
)

func TestGrade(t *testing.T) {
	el := func(got, of int) []Element {
		var out []Element
		for i := 0; i < of; i++ {
			out = append(out, Element{Framework: "MEDDICC", Uncovered: i < got})
		}
		return out
	}
	for _, tc := range []struct {
		name string
		c    Scorecard
		want int
	}{
		{"strong", Scorecard{NextStep: true, AskedNextStep: true, Elements: el(9, 10), OpenQuestions: 6, ClosedQuestions: 2, TalkShare: 45, Outcome: EndNextStep}, 5},
		{"asked, half found", Scorecard{AskedNextStep: true, Elements: el(5, 10), OpenQuestions: 3, ClosedQuestions: 3, TalkShare: 50, Outcome: EndNoDecision}, 4},
		{"no questions", Scorecard{Elements: el(1, 10), TalkShare: 50, Outcome: EndNoDecision}, 1},
		{"pitched and walked out", Scorecard{Elements: el(1, 10), ClosedQuestions: 2, PitchedEarly: []int{1, 4}, TalkShare: 70, Outcome: EndBuyerEnded}, 1},
		{"next step but gave away", Scorecard{NextStep: true, Elements: el(4, 10), OpenQuestions: 1, GaveAway: []int{2}, TalkShare: 40, Outcome: EndNextStep}, 4},
	} {
		if got := Grade(tc.c); got != tc.want {
			t.Errorf("%s: grade %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestMergeAndParagraphs(t *testing.T) {
	lib := mustLoad(t)
	n := len(lib.List("en"))
	if m := Merge(lib, nil); len(m.List("en")) != n {
		t.Fatalf("merge with nothing: %d", len(m.List("en")))
	}
	if m := Merge(lib, lib); len(m.List("ja")) != n || !slices.Equal(m.ids, lib.ids) {
		t.Fatalf("merge with itself: %v", m.ids)
	}
	s := &Scenario{Lang: "ja", Situation: "一行目の\n続き。\n\n二段落目。\n"}
	if got := s.Paragraphs(); !slices.Equal(got, []string{"一行目の続き。", "二段落目。"}) {
		t.Errorf("ja paragraphs: %q", got)
	}
	s = &Scenario{Lang: "en", Situation: "First line\nand more.\n\nSecond."}
	if got := s.Paragraphs(); !slices.Equal(got, []string{"First line and more.", "Second."}) {
		t.Errorf("en paragraphs: %q", got)
	}
}
