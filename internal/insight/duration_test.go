package insight

import "testing"

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
	// Through a real message: a 150-second target reads 2分30秒.
	if got := msg("ja", "len.good.next", 150); got != "タイマーを使って声に出して読み、2分30秒前後で話せるか確かめましょう。" {
		t.Errorf("len.good.next = %q", got)
	}
	if got := msg("en", "len.good.next", 150); got != "Read it aloud with a timer to check you can deliver it in about 150 seconds." {
		t.Errorf("English is left alone: %q", got)
	}
}
