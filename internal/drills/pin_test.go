package drills

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

// pinned is what seed 1 gives for every kind, in dollars. A change here
// means stored seeds would show users different drills: only change it on
// purpose.
const pinned = `meetings: conv=30 deal=55000 quota=340000 win=30 → 68.687
coverage: pipeline=3340000 quota=880000 → 3.795
arr: annual1=192000 annual2=154000 annual4=142000 contracts=5 monthly3=6000 monthly5=18000 → 776000
acv: fee=5000 tcv=755000 years=3 → 250000
nrr: churn=500000 contraction=290000 expansion=970000 start=4200000 → 104.286
commission: accelerator=2 bookings=480000 quota=600000 variable=85000 → 68000
ramp: annual=660000 months=3 [0 50] → 82500
`

func TestPinnedSeeds(t *testing.T) {
	var b strings.Builder
	for _, k := range Kinds {
		d := Generate(k, 1, "en")
		fmt.Fprintf(&b, "%s:", k)
		for _, name := range sortedNames(d.Values) {
			fmt.Fprintf(&b, " %s=%s", name, strconv.FormatFloat(d.Values[name], 'f', -1, 64))
		}
		if d.Schedule != nil {
			fmt.Fprintf(&b, " %v", d.Schedule)
		}
		fmt.Fprintf(&b, " → %s\n", strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3f", d.Want), "0"), "."))
	}
	if b.String() != pinned {
		if os.Getenv("PRINT_PINNED") != "" {
			fmt.Print(b.String())
		}
		t.Errorf("seed 1 no longer gives the pinned drills:\n%s", b.String())
	}
}

func sortedNames(m map[string]float64) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}
