package web

import (
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
)

// TestCohortCSVIsSafeWithEitherSeparator: a display name such as
// Bob;=1+2;@SUM(1+1) must not give a spreadsheet a formula cell, whether it
// splits the file on commas or on semicolons.
func TestCohortCSVIsSafeWithEitherSeparator(t *testing.T) {
	ts := newTestServer(t)
	cc := ts.client(t)
	signupAs(t, ts, cc, "Coach", "coach-csv@example.com", "en", "coach")
	setID := postNewSet(t, ts, cc, "Set", bankIDs(t, 1)...)
	names := []string{"Bob;=1+2;@SUM(1+1)", "Ann,+1,-2", "Cy; -3;  =4", "=HYPERLINK(\"x\")"}
	for i, name := range names {
		token, _ := newInvite(t, ts, cc, setID, "7")
		kc := ts.client(t)
		signupAs(t, ts, kc, name, fmt.Sprintf("k%d@example.com", i), "en", "candidate")
		joinVia(t, ts, kc, token)
	}
	body := strings.TrimPrefix(ts.get(t, cc, fmt.Sprintf("/coach/sets/%d/export.csv", setID)).body, "\ufeff")

	risky := func(how, cell string) {
		v := strings.TrimLeft(cell, ` "`)
		if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
			t.Errorf("%s: cell %q starts a formula", how, cell)
		}
	}
	for _, sep := range []rune{',', ';'} {
		r := csv.NewReader(strings.NewReader(body))
		r.Comma, r.LazyQuotes, r.FieldsPerRecord = sep, true, -1
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatalf("reading with %q: %v", sep, err)
		}
		if sep == ',' && len(recs) != 1+len(names) {
			t.Errorf("reading with %q: %d records", sep, len(recs))
		}
		for _, rec := range recs {
			for _, cell := range rec {
				risky(fmt.Sprintf("csv reader, %q", sep), cell)
			}
		}
		// A spreadsheet that splits naively, quotes or not.
		for _, line := range strings.Split(body, "\r\n") {
			for _, cell := range strings.Split(line, string(sep)) {
				risky(fmt.Sprintf("naive split, %q", sep), cell)
			}
		}
	}
	// Read as the standard comma CSV, every field is quoted and each name
	// comes back whole in one cell, apostrophes aside.
	recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, rec := range recs[1:] {
		got[strings.ReplaceAll(rec[0], "'", "")] = true
	}
	for _, name := range names {
		if !got[name] {
			t.Errorf("name %q not in the CSV: %v", name, recs)
		}
	}
	for _, line := range strings.Split(strings.TrimSuffix(body, "\r\n"), "\r\n") {
		if !strings.HasPrefix(line, `"`) || !strings.HasSuffix(line, `"`) || strings.Count(line, `","`) != len(recs[0])-1 {
			t.Errorf("not every field quoted: %q", line)
		}
	}
}
