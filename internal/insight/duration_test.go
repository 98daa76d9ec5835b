package insight

import (
	"strings"
	"testing"
)

func TestJapaneseDurations(t *testing.T) {
	for in, want := range map[string]string{
		"話すと約150秒で、目安の120秒": "話すと約2分30秒で、目安の2分",
		"約45秒":           "約45秒",
		"%.1f: 75.5秒の沈黙": "%.1f: 75.5秒の沈黙",
		"1〜2秒以内":         "1〜2秒以内",
		"3600秒":          "60分",
		"1,200秒":         "1,200秒",
	} {
		if got := jaDurations(in); got != want {
			t.Errorf("jaDurations(%q) = %q, want %q", in, got, want)
		}
	}
	// Through a real message: a 150-second target reads 2分30秒 in Japanese
	// and stays in seconds in English.
	f := Finding{Kind: KindLength, Verdict: Good, Code: "length.good", Params: map[string]string{"units": "700", "unit": "chars", "seconds": "140", "suggested": "150"}}
	if sum, next := testAn.Message(f, "ja"); !strings.Contains(sum, "約2分20秒") || !strings.Contains(sum, "目安の2分30秒") || !strings.Contains(next, "2分30秒前後") {
		t.Errorf("ja length.good = %q / %q", sum, next)
	}
	if sum, _ := testAn.Message(f, "en"); !strings.Contains(sum, "150 s") {
		t.Errorf("English is left alone: %q", sum)
	}
}
