package ics

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzFold(f *testing.F) {
	for _, s := range []string{"SUMMARY:" + strings.Repeat("面接", 60), strings.Repeat("a", 200), "", "é", strings.Repeat("\x80", 200)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsAny(s, "\r\n") {
			return
		}
		out := Fold(s)
		if !strings.HasSuffix(out, "\r\n") {
			t.Fatal("no CRLF")
		}
		var un strings.Builder
		for i, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
			if len(l) > 75 {
				t.Fatalf("line of %d octets", len(l))
			}
			if utf8.ValidString(s) && !utf8.ValidString(l) {
				t.Fatalf("split character in %q", l)
			}
			if i > 0 {
				l = l[1:]
			}
			un.WriteString(l)
		}
		if un.String() != s {
			t.Fatalf("unfold %q != %q", un.String(), s)
		}
	})
}
