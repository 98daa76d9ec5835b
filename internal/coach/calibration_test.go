package coach

import "testing"

func cal(n int, pairs ...float64) []Calibration {
	names := []string{"example", "structure", "confidence", "customer", "concise", "overall"}
	var out []Calibration
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, Calibration{Criterion: names[i/2], Self: pairs[i], Coach: pairs[i+1], N: n})
	}
	return out
}

func TestRead(t *testing.T) {
	tests := []struct {
		name string
		cal  []Calibration
		ok   bool
		want Reading
	}{
		{"nothing", nil, false, Reading{}},
		{"no attempt rated by both", cal(0, 4, 0, 3, 0), false, Reading{}},
		{"close everywhere", cal(3, 4, 4.2, 3, 3.1, 2.5, 2.5), true, Reading{Verdict: Aligned, Criterion: "example", By: 0.20000000000000018}},
		{"just at the threshold reads as a gap", cal(1, 4.25, 4), true, Reading{Verdict: Higher, Criterion: "example", By: 0.25}},
		{"self higher", cal(2, 3, 3, 5, 3, 4, 3.5), true, Reading{Verdict: Higher, Criterion: "structure", By: 2}},
		{"self lower wins on size", cal(2, 3, 4, 2, 4.5, 4, 3), true, Reading{Verdict: Lower, Criterion: "structure", By: 2.5}},
		{"a tie goes to the first", cal(2, 5, 4, 2, 3), true, Reading{Verdict: Higher, Criterion: "example", By: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Read(tt.cal)
			if ok != tt.ok || got != tt.want {
				t.Errorf("Read = %+v, %v; want %+v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestGap(t *testing.T) {
	if g := (Calibration{Self: 2.5, Coach: 4}).Gap(); g != -1.5 {
		t.Errorf("Gap = %v, want -1.5", g)
	}
}
