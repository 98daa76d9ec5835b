package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run([]string{"-v", "-dir", "../../internal/insight/testdata/eval"}, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"overall", "lang en", "lang ja", "strong", "per kind", "confusion", "ownership", "disagreements"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if err := run([]string{"-dir", t.TempDir()}, &out); err == nil {
		t.Error("an empty folder gave no error")
	}
}
