package web

import (
	"context"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	ical "github.com/arran4/golang-ical"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/posting"
	"github.com/aeprep/aeprep/internal/rounds"
	"github.com/aeprep/aeprep/internal/store"
)

// prepClock is the clock of the prep tests (before the real clock, which
// session expiry reads): rounds on 2026-06-11 are ten
// days ahead.
var prepClock = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

func newPrepServer(t *testing.T) *testServer {
	t.Helper()
	return newTestServer(t, withClock(func() time.Time { return prepClock }),
		withLimits(Limits{LoginPerIP: 10000, LoginPerAccount: 10000, SignupPerIP: 10000}))
}

func prepPosting(t *testing.T, lang string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/prep-" + lang + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// prepValues is a filled-in new-sheet form with a first round.
func prepValues(t *testing.T, lang string) url.Values {
	v := url.Values{"company": {"Acme, Inc.; Tokyo"}, "role_title": {"Account Executive"}, "posting": {prepPosting(t, lang)},
		"product": {"Card payments for invoices"}, "customers": {"Mid-sized finance teams"}, "competitors": {"Paid"},
		"news": {"Series B in 2026"}, "culture": {"formal"},
		"round_name": {"First interview"}, "date": {"2026-06-11"}, "time": {"10:00"}, "zone": {"Asia/Tokyo"},
		"minutes": {"45"}, "format": {"video"}, "link": {"https://meet.example.com/abc-defg"},
		"interviewers": {"Sato (Head of Sales), Suzuki (AE lead)"}}
	if lang == "ja" {
		v.Set("company", "株式会社サンプル, 東京; 本社")
		v.Set("role_title", "アカウントエグゼクティブ")
		v.Set("round_name", "一次面接")
	}
	return v
}

var sheetURLRe = regexp.MustCompile(`^/prep/(\d+)$`)

// createPrep posts the new-sheet form and returns the new sheet's id.
func createPrep(t *testing.T, ts *testServer, c *http.Client, vals url.Values) int64 {
	t.Helper()
	r := ts.postForm(t, c, "/prep", vals)
	m := sheetURLRe.FindStringSubmatch(r.Header.Get("Location"))
	if r.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("create prep sheet: %d %q (%s)", r.StatusCode, r.Header.Get("Location"), errorsOf(r))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

func prepRounds(t *testing.T, ts *testServer, userID, sheetID int64) []store.PrepRound {
	t.Helper()
	rs, err := ts.store.PrepRounds(context.Background(), userID, sheetID)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// TestPrepSheetReadsThePosting: a sheet made from a pasted posting shows,
// in the reader's language, what the posting analysis found, the
// tailored practice set, questions to ask, the tone note, the stories
// hook and the first round with its countdown, .ics link and checklist.
func TestPrepSheetReadsThePosting(t *testing.T) {
	ts := newPrepServer(t)
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			c := ts.client(t)
			u := signup(t, ts, c, "prep-read-"+lang+"@example.com", lang)
			vals := prepValues(t, lang)
			id := createPrep(t, ts, c, vals)
			r := ts.get(t, c, fmt.Sprintf("/prep/%d", id))
			if r.StatusCode != 200 {
				t.Fatalf("sheet: %d", r.StatusCode)
			}
			a := posting.Analyse(vals.Get("posting"), "")
			if n := r.doc.Find(".req-list li").Length(); n != len(a.Requirements) || n < 6 {
				t.Errorf("%d requirements shown, the analysis has %d", n, len(a.Requirements))
			}
			must := i18n.T(lang, "prep.uncovered")
			if got := r.doc.Find(".req-list li.uncovered .uncovered-mark").First().Text(); got != must {
				t.Errorf("uncovered mark %q, want %q", got, must)
			}
			first := r.doc.Find(".req-list li").First()
			if !strings.Contains(first.Find(".tag-must").Text(), posting.Message("posting.level.must", nil, lang)) {
				t.Errorf("first requirement not marked must: %q", first.Text())
			}
			if href, _ := r.doc.Find(".stories-hook a").Attr("href"); href != "/stories" {
				t.Errorf("no 'write a story' link: %q", href)
			}
			facts := r.doc.Find(".prep-facts").First().Text()
			for _, tool := range a.Tools {
				if !strings.Contains(facts, tool) {
					t.Errorf("tool %s not shown in %q", tool, facts)
				}
			}
			if !strings.Contains(facts, posting.Message("posting.motion."+a.Motion, nil, lang)) {
				t.Errorf("motion %s not shown: %q", a.Motion, facts)
			}
			if !strings.Contains(facts, posting.Message("posting.segment.mid-market", nil, lang)) {
				t.Errorf("segment not shown: %q", facts)
			}
			// Each stressed skill with the phrase that triggered it.
			skills := r.doc.Find(`ul[aria-labelledby="skills-h"]`).Text()
			for _, st := range a.Skills {
				if !strings.Contains(skills, st.Phrases[0]) {
					t.Errorf("skill %s without its phrase %q: %q", st.ID, st.Phrases[0], skills)
				}
			}
			if n := r.doc.Find(".practice-list > li").Length(); n != len(a.Practice) || n == 0 {
				t.Errorf("%d practice categories, want %d", n, len(a.Practice))
			}
			if n := r.doc.Find(`a[href^="/ask#"]`).Length(); n != len(a.Ask) || n == 0 {
				t.Errorf("%d questions to ask, want %d", n, len(a.Ask))
			}
			if got, want := r.text(`section[aria-labelledby="tone-h"] p`), posting.Message("posting.tone.formal", nil, lang); got != want {
				t.Errorf("tone %q, want %q", got, want)
			}
			round := r.doc.Find(".round-list li").First()
			if !strings.Contains(round.Text(), "2026-06-11 10:00 JST (Asia/Tokyo)") {
				t.Errorf("round time: %q", round.Text())
			}
			if got, want := r.text(".round .countdown"), rounds.Message("rounds.count.days", map[string]string{"days": "10", "hours": "1"}, lang); got != want {
				t.Errorf("countdown %q, want %q", got, want)
			}
			if n := round.Find(".daybefore li").Length(); n != len(rounds.DayBefore(rounds.Video)) {
				t.Errorf("%d day-before items", n)
			}
			if round.Find(`.daybefore a[href="/checklist#test-setup-and-route"]`).Length() == 0 {
				t.Error("the day-before checklist does not link its checklist entry")
			}
			rs := prepRounds(t, ts, u.ID, id)
			if len(rs) != 1 || rs[0].LocalTime != "10:00" || rs[0].TimeZone != "Asia/Tokyo" || rs[0].Minutes != 45 {
				t.Fatalf("stored rounds: %+v", rs)
			}
			ics := fmt.Sprintf("/prep/%d/rounds/%d/ics", id, rs[0].ID)
			if round.Find(`a[href="`+ics+`"]`).Length() != 1 {
				t.Errorf("no .ics link %s", ics)
			}
			// /me shows the next interview with a countdown prep.js ticks.
			me := ts.get(t, c, "/me")
			cd := me.doc.Find(".me-next-round [data-countdown]")
			if cd.Length() != 1 || strings.TrimSpace(cd.Text()) != rounds.Message("rounds.count.days", map[string]string{"days": "10", "hours": "1"}, lang) {
				t.Errorf("/me next interview: %q", cd.Text())
			}
			if v, _ := cd.Attr("data-countdown"); v == "" || me.doc.Find(`script[src*="js/prep."]`).Length() != 1 {
				t.Errorf("/me countdown not wired for prep.js: %q", v)
			}
			if list := ts.get(t, c, "/prep"); list.doc.Find(fmt.Sprintf(`a[href="/prep/%d"]`, id)).Length() != 1 {
				t.Error("the sheet is not on /prep")
			}
		})
	}
}

// TestPrepICS: the .ics file parses with golang-ical, starts at the wall
// time in the round's zone (DTSTART;TZID=), escapes the summary, folds
// long lines at 75 octets and is sent as a named text/calendar download.
func TestPrepICS(t *testing.T) {
	ts := newPrepServer(t)
	c := ts.client(t)
	u := signup(t, ts, c, "prep-ics@example.com", "ja")
	vals := prepValues(t, "ja")
	vals.Set("interviewers", strings.Repeat("佐藤様(営業部長)、", 12))
	id := createPrep(t, ts, c, vals)
	rs := prepRounds(t, ts, u.ID, id)
	r := ts.get(t, c, fmt.Sprintf("/prep/%d/rounds/%d/ics", id, rs[0].ID))
	if r.StatusCode != 200 || r.Header.Get("Content-Type") != "text/calendar; charset=utf-8" {
		t.Fatalf("ics: %d %q", r.StatusCode, r.Header.Get("Content-Type"))
	}
	_, params, err := mime.ParseMediaType(r.Header.Get("Content-Disposition"))
	if err != nil || params["filename"] != "interview-2026-06-11-株式会社サンプル-東京-本社.ics" {
		t.Errorf("Content-Disposition %q: %v %v", r.Header.Get("Content-Disposition"), params, err)
	}
	cal, err := ical.ParseCalendar(strings.NewReader(r.body))
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, r.body)
	}
	evs := cal.Events()
	if len(evs) != 1 {
		t.Fatalf("%d events", len(evs))
	}
	ev := evs[0]
	dt := ev.GetProperty(ical.ComponentPropertyDtStart)
	if dt == nil || dt.Value != "20260611T100000" || len(dt.ICalParameters["TZID"]) != 1 || dt.ICalParameters["TZID"][0] != "Asia/Tokyo" {
		t.Errorf("DTSTART %+v", dt)
	}
	start, err := ev.GetStartAt()
	if err != nil || !start.Equal(time.Date(2026, 6, 11, 1, 0, 0, 0, time.UTC)) {
		t.Errorf("start %v %v", start, err)
	}
	end, _ := ev.GetEndAt()
	if end.Sub(start) != 45*time.Minute {
		t.Errorf("length %v", end.Sub(start))
	}
	wantSummary := i18n.T("ja", "prep.ics.summary", "一次面接", vals.Get("company"), vals.Get("role_title"))
	if got := ical.FromText(ev.GetProperty(ical.ComponentPropertySummary).Value); got != wantSummary {
		t.Errorf("SUMMARY %q, want %q", got, wantSummary)
	}
	unfolded := strings.ReplaceAll(r.body, "\r\n ", "")
	if !strings.Contains(unfolded, "\r\nSUMMARY:【面接】一次面接：株式会社サンプル\\, 東京\\; 本社(") {
		t.Errorf("SUMMARY not escaped in the file:\n%s", r.body)
	}
	desc := ical.FromText(ev.GetProperty(ical.ComponentPropertyDescription).Value)
	if !strings.Contains(desc, vals.Get("interviewers")) || !strings.Contains(desc, rounds.Message("rounds.day.video.av", nil, "ja")) {
		t.Errorf("DESCRIPTION %q", desc)
	}
	if u := ev.GetProperty(ical.ComponentPropertyUrl); u == nil || u.Value != vals.Get("link") {
		t.Errorf("URL %+v", u)
	}
	folded := 0
	for _, line := range strings.Split(strings.TrimSuffix(r.body, "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line of %d octets: %q", len(line), line)
		}
		if strings.HasPrefix(line, " ") {
			folded++
		}
	}
	if folded == 0 || strings.Contains(strings.ReplaceAll(r.body, "\r\n", ""), "\n") {
		t.Errorf("no folded line, or a bare LF (%d folded)", folded)
	}
	if len(cal.Timezones()) != 1 {
		t.Errorf("%d VTIMEZONEs", len(cal.Timezones()))
	}
}

// TestPrepTailoredMock: one click on the sheet starts a mock interview of
// questions from the tailored practice set's categories, in the language
// chosen.
func TestPrepTailoredMock(t *testing.T) {
	ts := newPrepServer(t)
	c := ts.client(t)
	u := signup(t, ts, c, "prep-mock@example.com", "en")
	vals := prepValues(t, "en")
	id := createPrep(t, ts, c, vals)
	page := ts.get(t, c, fmt.Sprintf("/prep/%d", id))
	if page.doc.Find(fmt.Sprintf(`form[action="/prep/%d/mock"] button`, id)).Length() != 1 {
		t.Fatal("no start-a-mock button on the sheet")
	}
	loc := startMockFrom(t, ts, c, fmt.Sprintf("/prep/%d/mock", id), url.Values{"size": {"3"}, "lang": {"ja"}})
	mid, _ := strconv.ParseInt(strings.TrimPrefix(loc, "/mock/"), 10, 64)
	m, err := ts.store.Mock(context.Background(), u.ID, mid)
	if err != nil {
		t.Fatal(err)
	}
	cats := map[string]bool{}
	for _, r := range posting.Analyse(vals.Get("posting"), "").Practice {
		cats[r.ID] = true
	}
	if m.Lang != "ja" || len(m.Questions()) != 3 {
		t.Fatalf("mock %+v", m)
	}
	for _, qid := range m.Questions() {
		q, ok := testLibrary.Question(qid)
		if !ok || !cats[q.Category] {
			t.Errorf("question %s (category %v) is not from the practice set %v", qid, q, cats)
		}
	}
	if mp := ts.get(t, c, loc); mp.StatusCode != 200 || mp.doc.Find("#practice-form").Length() != 1 {
		t.Errorf("mock page: %d", mp.StatusCode)
	}
}

func startMockFrom(t *testing.T, ts *testServer, c *http.Client, path string, vals url.Values) string {
	t.Helper()
	r := ts.postForm(t, c, path, vals)
	if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/mock/") {
		t.Fatalf("start mock from %s: %d %q", path, r.StatusCode, r.Header.Get("Location"))
	}
	return r.Header.Get("Location")
}
