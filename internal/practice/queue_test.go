package practice

import (
	"reflect"
	"testing"
	"time"
)

func TestReviewQueue(t *testing.T) {
	later := dayEnd.Add(24 * time.Hour)
	cases := []struct {
		name  string
		cards []Card
		want  Queue
	}{
		{"none", nil, Queue{}},
		{
			"weakest first, then queued new ones in the order given",
			[]Card{card("new-b", 0, 0, now), card("good", 4, 5, now), card("weak", 4, 1, now), card("mid", 4, 3, now),
				card("not-due", 4, 1, later), card("new-a", 0, 0, now), card("new-later", 0, 0, later)},
			Queue{Due: []string{"weak", "mid", "good"}, New: []string{"new-b", "new-a"}},
		},
		{
			"same score: earlier due first, then id",
			[]Card{card("z", 2, 2, now), card("y", 2, 2, now.Add(-time.Hour)), card("x", 2, 2, now)},
			Queue{Due: []string{"y", "x", "z"}},
		},
	}
	for _, c := range cases {
		if got := ReviewQueue(c.cards, dayEnd, now); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", c.name, got, c.want)
		}
	}
}

func TestCountQuestions(t *testing.T) {
	later := dayEnd.Add(24 * time.Hour)
	cards := []Card{card("due", 2, 1, now), card("later", 2, 4, later), card("queued", 0, 0, now), card("gone", 2, 1, now)}
	answered := map[string]bool{"due": true, "later": true, "no-card": true, "gone": true}
	cases := []struct {
		name      string
		questions []string
		want      Counts
	}{
		{"none", nil, Counts{}},
		{"every kind", []string{"due", "later", "queued", "fresh", "no-card"}, Counts{Due: 1, Later: 2, New: 2, Total: 5}},
		{"a card whose question is gone is not counted", []string{"fresh"}, Counts{New: 1, Total: 1}},
	}
	for _, c := range cases {
		got := CountQuestions(c.questions, answered, cards, dayEnd)
		if got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
		if got.Due+got.Later+got.New != got.Total || got.Answered() != got.Due+got.Later {
			t.Errorf("%s: %+v does not add up", c.name, got)
		}
	}
}
