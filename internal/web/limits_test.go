package web

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestLimitsTableIsTheOnlySource checks that every limit a handler or a
// template names is in the one table, that every row of the table is used
// by both sides where it is a typed field (the server checks it and the
// browser's maxlength says it), and that no template hard-codes a
// maxlength of its own.
func TestLimitsTableIsTheOnlySource(t *testing.T) {
	goUse := regexp.MustCompile(`max(?:Len|Count)\("([a-z._]+)"\)`)
	tplUse := regexp.MustCompile(`maxlen "([a-z._]+)"`)
	literal := regexp.MustCompile(`maxlength="\d`)
	// A key built from a prefix ("story."+name) uses every row under it.
	goPrefix := regexp.MustCompile(`max(?:Len|Count)\("([a-z._]+\.)"\s*\+`)
	tplPrefix := regexp.MustCompile(`maxlen \(printf "([a-z._]+\.)%s"`)
	var prefixes []string
	inGo, inTpl := map[string]bool{}, map[string]bool{}
	goFiles, _ := filepath.Glob("*.go")
	for _, name := range goFiles {
		if strings.HasSuffix(name, "_test.go") || name == "limits.go" {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range goUse.FindAllStringSubmatch(string(b), -1) {
			inGo[m[1]] = true
		}
		for _, m := range goPrefix.FindAllStringSubmatch(string(b), -1) {
			prefixes = append(prefixes, m[1])
		}
	}
	err := filepath.WalkDir("../../templates", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range tplUse.FindAllStringSubmatch(string(b), -1) {
			inTpl[m[1]] = true
		}
		for _, m := range tplPrefix.FindAllStringSubmatch(string(b), -1) {
			prefixes = append(prefixes, m[1])
		}
		if loc := literal.FindIndex(b); loc != nil {
			t.Errorf("%s hard-codes a maxlength (%s…): use {{maxlen \"area.field\"}}", path, b[loc[0]:loc[1]])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for k := range inGo {
		if _, ok := limits[k]; !ok {
			if _, ok := counts[k]; !ok {
				t.Errorf("Go code names limit %q, which is not in the table", k)
			}
		}
	}
	for k := range inTpl {
		if _, ok := limits[k]; !ok {
			t.Errorf("a template names limit %q, which is not in the table", k)
		}
	}
	for k := range limits {
		for _, p := range prefixes {
			if strings.HasPrefix(k, p) {
				inGo[k] = true
			}
		}
		if !inGo[k] && !inTpl[k] {
			t.Errorf("limit %q is in the table but nothing uses it", k)
		}
	}
	for k := range counts {
		if !inGo[k] {
			t.Errorf("count %q is in the table but nothing uses it", k)
		}
	}
}
