package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/rounds"
)

// TestPrepBadInput: each bad field comes back with a 422, its error in
// the page's language next to the field and in the summary, everything
// typed kept, and nothing saved: not the sheet, not its first round.
func TestPrepBadInput(t *testing.T) {
	ts := newPrepServer(t)
	rmsg := func(lang, code string, kv ...string) string {
		p := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			p[kv[i]] = kv[i+1]
		}
		return rounds.Message(code, p, lang)
	}
	for _, lang := range []string{"ja", "en"} {
		c := ts.client(t)
		u := signup(t, ts, c, "prep-bad-"+lang+"@example.com", lang)
		cases := []struct {
			name, field, value, want string
		}{
			{"empty company", "company", "  ", i18n.T(lang, "form.err.required")},
			{"long role", "role_title", strings.Repeat("役", maxLen("prep.role")+1), i18n.T(lang, "form.err.toolong")},
			{"long posting", "posting", strings.Repeat("a", maxLen("prep.posting")+1), i18n.T(lang, "form.err.toolong")},
			{"long news", "news", strings.Repeat("n", maxLen("prep.notes")+1), i18n.T(lang, "form.err.toolong")},
			{"unknown culture", "culture", "chaotic", i18n.T(lang, "form.err.choice")},
			{"past date", "date", "2026-05-31", rmsg(lang, "rounds.err.past")},
			{"invalid date", "date", "2026-02-30", rmsg(lang, "rounds.err.date", "input", "2026-02-30")},
			{"invalid time", "time", "25:00", rmsg(lang, "rounds.err.time", "input", "25:00")},
			{"unknown zone", "zone", "Mars/Olympus", rmsg(lang, "rounds.err.zone", "input", "Mars/Olympus")},
			{"unknown format", "format", "carrier-pigeon", rmsg(lang, "rounds.err.format")},
			{"video without link", "link", "meet dot com", rmsg(lang, "rounds.err.link", "input", "meet dot com")},
			{"empty round name", "round_name", "", rmsg(lang, "rounds.err.name_empty")},
			{"long interviewers", "interviewers", strings.Repeat("x", maxLen("prep.interviewers")+1), i18n.T(lang, "form.err.toolong")},
		}
		for _, tc := range cases {
			vals := prepValues(t, lang)
			vals.Set(tc.field, tc.value)
			r := ts.postForm(t, c, "/prep", vals)
			who := lang + " " + tc.name
			if r.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("%s: %d, want 422", who, r.StatusCode)
				continue
			}
			if got := r.text("#" + tc.field + "-error"); got != tc.want {
				t.Errorf("%s: error %q, want %q", who, got, tc.want)
			}
			if !strings.Contains(r.text("#error-summary"), tc.want) {
				t.Errorf("%s: not in the error summary: %q", who, r.text("#error-summary"))
			}
			if r.doc.Find(`#error-summary a[href^="#"]`).Length() == 0 || r.doc.Find(`script[src*="js/practice."]`).Length() != 1 {
				t.Errorf("%s: the summary has no links, or its focus script is missing", who)
			}
			// Everything typed is kept, the bad value too.
			for _, k := range []string{"company", "role_title", "posting", "news", "round_name", "date", "time", "zone", "link", "interviewers"} {
				want := strings.TrimSpace(vals.Get(k))
				if k == tc.field && strings.TrimSpace(tc.value) == "" {
					continue
				}
				sel := r.doc.Find("#" + k)
				got, _ := sel.Attr("value")
				if goquery.NodeName(sel) == "textarea" {
					got = sel.Text()
				}
				if strings.TrimSpace(got) != want {
					t.Errorf("%s: %s not kept: %.40q", who, k, got)
				}
			}
			if sel, _ := r.doc.Find(`#culture option[selected]`).Attr("value"); tc.field != "culture" && sel != "formal" {
				t.Errorf("%s: culture not kept: %q", who, sel)
			}
			if _, ok := r.doc.Find("#format-video").Attr("checked"); tc.field != "format" && !ok {
				t.Errorf("%s: format not kept", who)
			}
			if inv, _ := r.doc.Find("#" + tc.field).Attr("aria-invalid"); tc.field != "format" && inv != "true" {
				t.Errorf("%s: %s not marked invalid", who, tc.field)
			}
		}
		if n := ts.count(t, fmt.Sprintf("SELECT COUNT(*) FROM prep_sheets WHERE user_id = %d", u.ID)); n != 0 {
			t.Errorf("%s: %d sheets saved from bad forms", lang, n)
		}
		if n := ts.count(t, "SELECT COUNT(*) FROM prep_rounds"); n != 0 {
			t.Errorf("%s: %d rounds saved from bad forms", lang, n)
		}

		// A sheet without a round is fine; then bad edits change nothing.
		vals := url.Values{"company": {"Globex"}, "role_title": {"AE"}, "zone": {"Asia/Tokyo"}, "minutes": {"60"}}
		id := createPrep(t, ts, c, vals)
		if rs := prepRounds(t, ts, u.ID, id); len(rs) != 0 {
			t.Errorf("%s: a round made from the prefilled zone alone: %+v", lang, rs)
		}
		r := ts.postForm(t, c, fmt.Sprintf("/prep/%d", id), url.Values{"company": {""}, "role_title": {"Changed role"}})
		if r.StatusCode != 422 || r.text("#company-error") != i18n.T(lang, "form.err.required") || r.doc.Find("#role_title").AttrOr("value", "") != "Changed role" {
			t.Errorf("%s: bad edit: %d %q", lang, r.StatusCode, r.text("#company-error"))
		}
		if sh, _ := ts.store.PrepSheet(context.Background(), u.ID, id); sh.Company != "Globex" || sh.RoleTitle != "AE" {
			t.Errorf("%s: a rejected edit changed the sheet: %+v", lang, sh)
		}
		// A round of its own: the same checks, on its own form.
		bad := url.Values{"round_name": {"Final"}, "date": {"2026-06-20"}, "time": {"09:30"}, "zone": {"Nowhere/City"}, "format": {"phone"}, "address": {"+81 3-0000-0000"}}
		r = ts.postForm(t, c, fmt.Sprintf("/prep/%d/rounds", id), bad)
		if r.StatusCode != 422 || r.text("#zone-error") != rmsg(lang, "rounds.err.zone", "input", "Nowhere/City") ||
			r.doc.Find("#address").Text() != "+81 3-0000-0000" || r.doc.Find("#date").AttrOr("value", "") != "2026-06-20" {
			t.Errorf("%s: bad round: %d %q", lang, r.StatusCode, r.text("#zone-error"))
		}
		if rs := prepRounds(t, ts, u.ID, id); len(rs) != 0 {
			t.Errorf("%s: a bad round was saved: %+v", lang, rs)
		}
	}
}

// TestPrepOwnership: every prep route on another user's sheet or round is
// a 404 in the reader's language, shows nothing of it and changes nothing.
func TestPrepOwnership(t *testing.T) {
	ts := newPrepServer(t)
	ctx := context.Background()
	ac, bc := ts.client(t), ts.client(t)
	a := signup(t, ts, ac, "prep-own-a@example.com", "en")
	signup(t, ts, bc, "prep-own-b@example.com", "ja")
	id := createPrep(t, ts, ac, prepValues(t, "en"))
	rid := prepRounds(t, ts, a.ID, id)[0].ID
	bid := createPrep(t, ts, bc, url.Values{"company": {"B's own"}, "role_title": {"AE"}})
	s := fmt.Sprintf("/prep/%d", id)
	r := fmt.Sprintf("%s/rounds/%d", s, rid)
	// A's round through B's sheet id is not A's round either.
	cross := fmt.Sprintf("/prep/%d/rounds/%d", bid, rid)
	round := url.Values{"round_name": {"Stolen"}, "date": {"2026-07-01"}, "time": {"10:00"}, "zone": {"UTC"}, "format": {"phone"}, "address": {"x"}}
	for _, tc := range []struct {
		method, path string
		vals         url.Values
	}{
		{"GET", s, nil}, {"GET", s + "/edit", nil}, {"GET", s + "/delete", nil}, {"GET", s + "/rounds/new", nil},
		{"GET", r + "/edit", nil}, {"GET", r + "/delete", nil}, {"GET", r + "/ics", nil}, {"GET", cross + "/ics", nil},
		{"GET", "/prep/999999", nil}, {"GET", "/prep/abc", nil},
		{"POST", s, url.Values{"company": {"Stolen"}, "role_title": {"Stolen"}}}, {"POST", s + "/delete", nil},
		{"POST", s + "/mock", nil}, {"POST", s + "/rounds", round}, {"POST", r, round}, {"POST", r + "/delete", nil},
		{"POST", cross, round}, {"POST", cross + "/delete", nil},
	} {
		var res *response
		if tc.method == "GET" {
			res = ts.get(t, bc, tc.path)
		} else {
			res = ts.postForm(t, bc, tc.path, tc.vals)
		}
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("B %s %s: %d, want 404", tc.method, tc.path, res.StatusCode)
			continue
		}
		if res.doc == nil || h1(res) != i18n.T("ja", "error.404.title") || strings.Contains(res.body, "Acme") {
			t.Errorf("B %s %s: not the Japanese 404 page, or shows A's sheet", tc.method, tc.path)
		}
	}
	sh, err := ts.store.PrepSheet(ctx, a.ID, id)
	if err != nil || sh.Company != "Acme, Inc.; Tokyo" {
		t.Errorf("A's sheet after B: %+v %v", sh, err)
	}
	if rs := prepRounds(t, ts, a.ID, id); len(rs) != 1 || rs[0].Name != "First interview" {
		t.Errorf("A's rounds after B: %+v", rs)
	}
	if ms, _ := ts.store.Mocks(ctx, a.ID, 10); len(ms) != 0 {
		t.Errorf("B started a mock on A's account: %+v", ms)
	}
	if list := ts.get(t, bc, "/prep"); strings.Contains(list.body, "Acme") {
		t.Error("B's list shows A's sheet")
	}
}

// TestPrepCoachSeesSharedDates: the coaches of the sets a candidate
// joined see the dates of the sheets the candidate shares, on the
// candidate's page and the coach home; not an unshared sheet, and not
// another coach.
func TestPrepCoachSeesSharedDates(t *testing.T) {
	ts := newPrepServer(t)
	cc, oc, kc := ts.client(t), ts.client(t), ts.client(t)
	signupAs(t, ts, cc, "Coach", "prep-coach@example.com", "en", "coach")
	signupAs(t, ts, oc, "Other coach", "prep-other-coach@example.com", "en", "coach")
	cand := signupAs(t, ts, kc, "Kim", "prep-kim@example.com", "ja", "candidate")
	setID := postNewSet(t, ts, cc, "Prep set", bankIDs(t, 2)...)
	tok, _ := newInvite(t, ts, cc, setID, "")
	joinVia(t, ts, kc, tok)
	postNewSet(t, ts, oc, "Other set", bankIDs(t, 1)...)

	shared := prepValues(t, "en")
	shared.Set("company", "Shared Co")
	shared.Set("share_dates", "1")
	private := prepValues(t, "en")
	private.Set("company", "Secret Co")
	private.Set("round_name", "Secret round")
	createPrep(t, ts, kc, shared)
	createPrep(t, ts, kc, private)

	page := ts.get(t, cc, fmt.Sprintf("/coach/candidates/%d", cand.ID))
	block := page.doc.Find("#interviews")
	if block.Length() != 1 || !strings.Contains(block.Text(), "Shared Co") || !strings.Contains(block.Text(), "2026-06-11 10:00 JST") {
		t.Errorf("candidate page: %q", block.Text())
	}
	home := ts.get(t, cc, "/coach")
	if hb := home.doc.Find("#interviews"); !strings.Contains(hb.Text(), "Shared Co") || hb.Find(fmt.Sprintf(`a[href="/coach/candidates/%d"]`, cand.ID)).Length() != 1 {
		t.Errorf("coach home: %q", hb.Text())
	}
	for _, r := range []*response{page, home} {
		if strings.Contains(r.body, "Secret Co") || strings.Contains(r.body, "Secret round") {
			t.Error("an unshared sheet is shown to the coach")
		}
	}
	if r := ts.get(t, oc, "/coach"); strings.Contains(r.body, "Shared Co") {
		t.Error("another coach sees the shared dates")
	}
	if r := ts.get(t, oc, fmt.Sprintf("/coach/candidates/%d", cand.ID)); r.StatusCode != 404 {
		t.Errorf("another coach's candidate page: %d", r.StatusCode)
	}
}

// TestPrepExportAndDeletion: the export holds every sheet with its
// rounds, in JSON and Markdown; deleting the account deletes them.
func TestPrepExportAndDeletion(t *testing.T) {
	ts := newPrepServer(t)
	c := ts.client(t)
	u := signup(t, ts, c, "prep-export@example.com", "en")
	vals := prepValues(t, "en")
	createPrep(t, ts, c, vals)
	r := ts.get(t, c, "/me/export.json")
	var d struct {
		Prep []exportPrepSheet `json:"prep_sheets"`
	}
	if err := json.Unmarshal([]byte(r.body), &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Prep) != 1 || d.Prep[0].Company != vals.Get("company") || d.Prep[0].Posting != strings.TrimSpace(vals.Get("posting")) ||
		len(d.Prep[0].Rounds) != 1 || d.Prep[0].Rounds[0].TimeZone != "Asia/Tokyo" || d.Prep[0].Rounds[0].Time != "10:00" {
		t.Errorf("JSON export: %+v", d.Prep)
	}
	md := ts.get(t, c, "/me/export.md")
	for _, want := range []string{"## " + i18n.T("en", "prep.title"), "Acme, Inc.; Tokyo", "First interview: 2026-06-11 10:00 (Asia/Tokyo)", "> Card payments for invoices"} {
		if !strings.Contains(md.body, want) {
			t.Errorf("Markdown export has no %q", want)
		}
	}
	if res := ts.postForm(t, c, "/me/delete", url.Values{"password": {testPassword}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete account: %d", res.StatusCode)
	}
	if n := ts.count(t, fmt.Sprintf("SELECT COUNT(*) FROM prep_sheets WHERE user_id = %d", u.ID)); n != 0 {
		t.Errorf("%d sheets left", n)
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM prep_rounds"); n != 0 {
		t.Errorf("%d rounds left", n)
	}
}
