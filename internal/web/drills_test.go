package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/aeprep/aeprep/internal/drills"
	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/store"
)

// testClock is a clock a test moves by hand.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func newDrillServer(t *testing.T) (*testServer, *testClock) {
	t.Helper()
	clk := &testClock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	return newTestServer(t, withClock(clk.now)), clk
}

// startDrillAs starts a drill of kind (after the drill after, if not 0)
// and returns its id.
func startDrillAs(t *testing.T, ts *testServer, c *http.Client, kind string, after int64) int64 {
	t.Helper()
	v := url.Values{}
	if after > 0 {
		v.Set("after", strconv.FormatInt(after, 10))
	}
	r := ts.postForm(t, c, "/drills/"+kind, v)
	loc := r.Header.Get("Location")
	if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/drills/attempts/") {
		t.Fatalf("start %s: %d %q", kind, r.StatusCode, loc)
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(loc, "/drills/attempts/"), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// storedDrill reads a drill back and generates its numbers.
func storedDrill(t *testing.T, ts *testServer, userID, id int64) (*store.DrillAttempt, drills.Drill) {
	t.Helper()
	a, err := ts.store.Drill(context.Background(), userID, id)
	if err != nil {
		t.Fatal(err)
	}
	return a, drills.Generate(a.Kind, a.Seed, a.Lang)
}

// rightAnswer is the drill's answer as the page would write it.
func rightAnswer(d drills.Drill, lang string) string {
	return drills.FormatAnswer(d, d.Rounded(), lang)
}

// wrongAnswer is an answer no rounding makes right.
func wrongAnswer(d drills.Drill, lang string) string {
	return drills.FormatAnswer(d, d.Rounded()*2+7, lang)
}

func answerDrillAs(t *testing.T, ts *testServer, c *http.Client, id int64, answer string) *response {
	t.Helper()
	return ts.postForm(t, c, fmt.Sprintf("/drills/attempts/%d", id), url.Values{"answer": {answer}})
}

// TestDrillsThreeInARow does a run of three drills in each language: the
// same numbers on a reload, the answer checked with the rule stated, the
// worked solution in the reader's language and currency, the card
// rescheduled, and the run summed up.
func TestDrillsThreeInARow(t *testing.T) {
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			ts, clk := newDrillServer(t)
			c := ts.client(t)
			u := signup(t, ts, c, "drills-"+lang+"@example.com", lang)

			list := ts.get(t, c, "/drills")
			if list.StatusCode != 200 || list.doc.Find(".drill-kind").Length() != len(drills.Kinds) {
				t.Fatalf("/drills: %d, %d kinds", list.StatusCode, list.doc.Find(".drill-kind").Length())
			}
			for _, k := range drills.Kinds {
				if list.doc.Find(`form[action="/drills/`+k+`"] button`).Length() != 1 {
					t.Errorf("no start button for %s", k)
				}
				if got := list.text("#drill-" + k + "-h"); got != drillName(k, lang) {
					t.Errorf("%s is named %q", k, got)
				}
			}
			if list.doc.Find(`a[href="/prepare"][aria-current="page"]`).Length() == 0 { // drills sit under Prepare
				t.Error("the menu does not mark the drills page")
			}

			var prev int64
			for step := 1; step <= 3; step++ {
				id := startDrillAs(t, ts, c, drills.KindCommission, prev)
				a, d := storedDrill(t, ts, u.ID, id)
				if a.Step != step || a.Lang != lang {
					t.Fatalf("step %d: stored %+v", step, a)
				}
				path := fmt.Sprintf("/drills/attempts/%d", id)
				page := ts.get(t, c, path)
				prompt := page.text(".drill-prompt")
				want := drills.Message(drills.Prompt(d, lang)[0].Code, drills.Prompt(d, lang)[0].Params, lang)
				if page.StatusCode != 200 || prompt != want {
					t.Fatalf("step %d: prompt %q, want %q", step, prompt, want)
				}
				if got := page.text(".drill-rule"); got != drills.Message(d.Rule().Code, nil, lang) {
					t.Errorf("rule %q", got)
				}
				if got := page.text(".eyebrow"); got != i18n.T(lang, "drills.step", step) {
					t.Errorf("step label %q", got)
				}
				if lang == "ja" && !strings.Contains(prompt, "万円") || lang == "en" && !strings.Contains(prompt, "$") {
					t.Errorf("prompt not in the reader's currency: %q", prompt)
				}
				clk.add(20 * time.Second)
				if again := ts.get(t, c, path); again.text(".drill-prompt") != prompt {
					t.Fatalf("a reload shows other numbers: %q", again.text(".drill-prompt"))
				}
				if _, ok := page.doc.Find("#answer").Attr("autofocus"); !ok {
					t.Error("the answer field does not take focus")
				}
				answer := rightAnswer(d, lang)
				if step == 2 {
					answer = wrongAnswer(d, lang)
				}
				r := answerDrillAs(t, ts, c, id, answer)
				if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != path {
					t.Fatalf("answer: %d %q %s", r.StatusCode, r.Header.Get("Location"), errorsOf(r))
				}
				res := ts.get(t, c, path)
				verdict := "drills.verdict.right"
				if step == 2 {
					verdict = "drills.verdict.wrong"
				}
				if got := res.text("#result-h"); !strings.HasSuffix(got, i18n.T(lang, verdict)) {
					t.Errorf("step %d verdict %q", step, got)
				}
				if got := res.text(".drill-expected"); got != rightAnswer(d, lang) {
					t.Errorf("expected %q, want %q", got, rightAnswer(d, lang))
				}
				sol := res.doc.Find(".drill-solution li")
				if sol.Length() != len(drills.Solution(d, lang)) {
					t.Errorf("solution has %d steps", sol.Length())
				}
				all := sol.Text()
				if lang == "ja" && (!strings.Contains(all, "万円") || strings.Contains(all, "$")) ||
					lang == "en" && (!strings.Contains(all, "$") || strings.Contains(all, "円")) {
					t.Errorf("solution not in the reader's currency: %s", all)
				}
				if res.doc.Find("#answer").Length() != 0 {
					t.Error("an answered drill still has its answer field")
				}
				card, err := ts.store.CardFor(context.Background(), u.ID, "drill:commission")
				if err != nil || card.Reps != uint64(step) {
					t.Fatalf("card after step %d: %+v, %v", step, card, err)
				}
				wantScore := 5 // 20 s, well within the target
				if step == 2 {
					wantScore = 1
				}
				if card.LastScore != wantScore {
					t.Errorf("step %d graded %d, want %d", step, card.LastScore, wantScore)
				}
				next := res.doc.Find(`form[action="/drills/commission"]`)
				if step < 3 {
					if v, _ := next.Find(`input[name="after"]`).Attr("value"); v != strconv.FormatInt(id, 10) {
						t.Errorf("next drill's form carries after=%q", v)
					}
					if got := strings.TrimSpace(next.Find("button").Text()); got != i18n.T(lang, "drills.next", step+1) {
						t.Errorf("next button %q", got)
					}
				} else {
					if got := res.text(".drill-run-done"); got != i18n.T(lang, "drills.run.done", 2) {
						t.Errorf("run summary %q", got)
					}
					if next.Find(`input[name="after"]`).Length() != 0 {
						t.Error("a finished run offers a fourth drill of it")
					}
				}
				prev = id
			}
			// A fourth drill after the third starts a new run.
			if id := startDrillAs(t, ts, c, drills.KindCommission, prev); id != 0 {
				if a, _ := storedDrill(t, ts, u.ID, id); a.Step != 1 || a.RunID != nil {
					t.Errorf("after a run of three: %+v", a)
				}
			}
			list = ts.get(t, c, "/drills")
			if got := list.text("#drill-commission .drill-record"); !strings.Contains(got, i18n.T(lang, "drills.record", 3, 2, 66)) {
				t.Errorf("record on the list %q", got)
			}
			if n := list.doc.Find(".drill-recent li").Length(); n != 3 {
				t.Errorf("recent results: %d", n)
			}
		})
	}
}

// TestDrillBadInput: an empty, unreadable or over-long answer is refused in
// the reader's language with what was typed kept, and nothing is saved.
func TestDrillBadInput(t *testing.T) {
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			ts, _ := newDrillServer(t)
			c := ts.client(t)
			u := signup(t, ts, c, "drills-bad-"+lang+"@example.com", lang)
			id := startDrillAs(t, ts, c, drills.KindNRR, 0)
			long := strings.Repeat("1", maxLen("drills.answer")+1)
			tests := []struct{ typed, want string }{
				{"", drills.Message("drills.err.empty", nil, lang)},
				{"   ", drills.Message("drills.err.empty", nil, lang)},
				{"abc", drills.Message("drills.err.number", map[string]string{"input": "abc"}, lang)},
				{"1,2,3", drills.Message("drills.err.comma", map[string]string{"input": "1,2,3"}, lang)},
				{"百八", drills.Message("drills.err.number", map[string]string{"input": "百八"}, lang)},
				{long, i18n.T(lang, "form.err.toolong")},
			}
			for _, tt := range tests {
				r := answerDrillAs(t, ts, c, id, tt.typed)
				if r.StatusCode != http.StatusUnprocessableEntity {
					t.Fatalf("%q: status %d", tt.typed, r.StatusCode)
				}
				if got := r.text("#answer-error"); got != tt.want {
					t.Errorf("%q: error %q, want %q", tt.typed, got, tt.want)
				}
				in := r.doc.Find("#answer")
				if v, _ := in.Attr("value"); v != tt.typed {
					t.Errorf("%q: the field holds %q", tt.typed, v)
				}
				if v, _ := in.Attr("aria-invalid"); v != "true" {
					t.Errorf("%q: field not marked invalid", tt.typed)
				}
				if d, _ := in.Attr("aria-describedby"); !strings.Contains(d, "answer-error") {
					t.Errorf("%q: error not tied to the field: %q", tt.typed, d)
				}
				if href, _ := r.doc.Find("#error-summary a").Attr("href"); href != "#answer" {
					t.Errorf("%q: error summary links to %q", tt.typed, href)
				}
				if !strings.Contains(r.text("#error-summary"), tt.want) {
					t.Errorf("%q: error summary %q", tt.typed, r.text("#error-summary"))
				}
				if r.text(".drill-prompt") == "" {
					t.Errorf("%q: the problem is not shown again", tt.typed)
				}
			}
			a, _ := storedDrill(t, ts, u.ID, id)
			if a.Answered() || a.Answer != "" {
				t.Errorf("a refused answer was saved: %+v", a)
			}
			if _, err := ts.store.CardFor(context.Background(), u.ID, "drill:nrr"); err == nil {
				t.Error("a refused answer scheduled the kind")
			}
		})
	}
}

// TestDrillOwnershipAndUnknown: another user's drill, a drill that does
// not exist and a kind that does not exist are all 404s, in the reader's
// language, and another user's answer changes nothing.
func TestDrillOwnershipAndUnknown(t *testing.T) {
	ts, _ := newDrillServer(t)
	owner, other := ts.client(t), ts.client(t)
	ou := signup(t, ts, owner, "drill-owner@example.com", "en")
	signup(t, ts, other, "drill-other@example.com", "ja")
	id := startDrillAs(t, ts, owner, drills.KindACV, 0)
	_, d := storedDrill(t, ts, ou.ID, id)
	path := fmt.Sprintf("/drills/attempts/%d", id)
	for _, tc := range []struct {
		name string
		r    *response
	}{
		{"GET another's", ts.get(t, other, path)},
		{"POST another's", answerDrillAs(t, ts, other, id, rightAnswer(d, "en"))},
		{"GET missing", ts.get(t, owner, "/drills/attempts/999999")},
		{"GET not an id", ts.get(t, owner, "/drills/attempts/abc")},
		{"POST unknown kind", ts.postForm(t, owner, "/drills/nonsense", nil)},
		{"POST kind with a prefix", ts.postForm(t, owner, "/drills/drill:arr", nil)},
	} {
		if tc.r.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d", tc.name, tc.r.StatusCode)
		}
	}
	if r := ts.get(t, other, path); h1(r) != i18n.T("ja", "error.404.title") {
		t.Errorf("the 404 is not in the reader's language: %q", h1(r))
	}
	if a, _ := storedDrill(t, ts, ou.ID, id); a.Answered() {
		t.Error("another user's answer was saved")
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM drill_attempts"); n != 1 {
		t.Errorf("%d drills stored, want the one", n)
	}
}

// TestDrillAnsweredTwice: a second answer shows the stored result and
// saves nothing.
func TestDrillAnsweredTwice(t *testing.T) {
	ts, clk := newDrillServer(t)
	c := ts.client(t)
	u := signup(t, ts, c, "drill-twice@example.com", "ja")
	id := startDrillAs(t, ts, c, drills.KindCoverage, 0)
	_, d := storedDrill(t, ts, u.ID, id)
	answerDrillAs(t, ts, c, id, rightAnswer(d, "ja"))
	first, _ := ts.store.CardFor(context.Background(), u.ID, "drill:coverage")
	clk.add(time.Hour)
	r := answerDrillAs(t, ts, c, id, "0")
	path := fmt.Sprintf("/drills/attempts/%d", id)
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != path {
		t.Fatalf("second answer: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
	page := ts.get(t, c, path)
	if !strings.Contains(page.body, i18n.T("ja", "drills.flash.answered")) {
		t.Error("no note that the drill was answered already")
	}
	if got := page.doc.Find(".drill-figures dd").First().Text(); got != rightAnswer(d, "ja") {
		t.Errorf("shows the answer %q, want the first one", got)
	}
	a, _ := storedDrill(t, ts, u.ID, id)
	if a.Answer != rightAnswer(d, "ja") || !a.Correct {
		t.Errorf("stored %+v", a)
	}
	if card, _ := ts.store.CardFor(context.Background(), u.ID, "drill:coverage"); card.Reps != 1 || !card.Due.Equal(first.Due) {
		t.Errorf("the second answer moved the card: %+v", card)
	}
}

// TestDrillSlowAnswerComesBackSooner: right but slower than the target is
// graded hard, and comes back sooner than right and quick.
func TestDrillSlowAnswerComesBackSooner(t *testing.T) {
	ts, clk := newDrillServer(t)
	gap := func(email string, secs time.Duration) (int, time.Duration) {
		c := ts.client(t)
		u := signup(t, ts, c, email, "en")
		id := startDrillAs(t, ts, c, drills.KindARR, 0)
		_, d := storedDrill(t, ts, u.ID, id)
		clk.add(secs)
		answerDrillAs(t, ts, c, id, rightAnswer(d, "en"))
		a, _ := storedDrill(t, ts, u.ID, id)
		if a.SecondsTaken != int(secs/time.Second) {
			t.Errorf("%s: %d seconds taken, want %v", email, a.SecondsTaken, secs)
		}
		card, err := ts.store.CardFor(context.Background(), u.ID, "drill:arr")
		if err != nil {
			t.Fatal(err)
		}
		return card.LastScore, card.Due.Sub(*card.LastReview)
	}
	slowScore, slow := gap("drill-slow@example.com", time.Duration(drills.Target(drills.KindARR)+60)*time.Second)
	quickScore, quick := gap("drill-quick@example.com", 30*time.Second)
	if slowScore != 3 || quickScore != 5 || slow >= quick {
		t.Errorf("slow: %d, back in %v; quick: %d, back in %v", slowScore, slow, quickScore, quick)
	}
}

// TestDrillsOnProgressAndReview: the progress page's drills block shows
// each kind done with its figures; a kind due comes up on /review.
func TestDrillsOnProgressAndReview(t *testing.T) {
	ts, clk := newDrillServer(t)
	c := ts.client(t)
	u := signup(t, ts, c, "drill-progress@example.com", "en")
	empty := ts.get(t, c, "/me/progress")
	if empty.doc.Find("#progress-drills").Length() != 0 {
		t.Fatal("progress page without drills shows a drills block")
	}
	for i, right := range []bool{true, false, true, true} {
		id := startDrillAs(t, ts, c, drills.KindRamp, 0)
		_, d := storedDrill(t, ts, u.ID, id)
		clk.add(40 * time.Second)
		if i == 3 {
			clk.add(time.Duration(drills.Target(drills.KindRamp)) * time.Second) // right, but slow
		}
		ans := rightAnswer(d, "en")
		if !right {
			ans = wrongAnswer(d, "en")
		}
		if r := answerDrillAs(t, ts, c, id, ans); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("drill %d: %d", i, r.StatusCode)
		}
	}
	id := startDrillAs(t, ts, c, drills.KindMeetings, 0)
	_, d := storedDrill(t, ts, u.ID, id)
	answerDrillAs(t, ts, c, id, wrongAnswer(d, "en"))

	page := ts.get(t, c, "/me/progress")
	row := func(kind string) []string {
		var cells []string
		page.doc.Find(`#progress-drills tr[data-kind="` + kind + `"]`).Children().Each(func(_ int, s *goquery.Selection) {
			cells = append(cells, strings.TrimSpace(s.Text()))
		})
		return cells
	}
	if got := row("ramp"); len(got) != 4 || got[0] != drillName("ramp", "en") || got[1] != "4" || got[2] != "75%" || !strings.HasPrefix(got[3], "next review in") {
		t.Errorf("ramp row %q", got)
	}
	if got := row("meetings"); len(got) != 4 || got[1] != "1" || got[2] != "0%" {
		t.Errorf("meetings row %q", got)
	}
	if page.doc.Find("#progress-drills tbody tr").Length() != 2 {
		t.Errorf("kinds never done are listed: %d rows", page.doc.Find("#progress-drills tbody tr").Length())
	}

	// A month on, both kinds are due; the one answered wrong comes first.
	clk.add(30 * 24 * time.Hour)
	rev := ts.get(t, c, "/review")
	links := rev.doc.Find(".drills-due a")
	if links.Length() != 2 {
		t.Fatalf("review lists %d drills due: %s", links.Length(), rev.text(".drills-due"))
	}
	if href, _ := links.First().Attr("href"); href != "/drills#drill-meetings" {
		t.Errorf("first due drill links to %q", href)
	}
	if got := ts.get(t, c, "/drills").text("#drill-meetings .drill-state"); got != i18n.T("en", "drills.state.due") {
		t.Errorf("drills page state %q", got)
	}
}

// TestCoachAddsADrill: a coach adds a drill kind to a set; the candidate
// who joins gets its card queued, sees it in the set with a link, and the
// coach's matrix shows their accuracy on it.
func TestCoachAddsADrill(t *testing.T) {
	ts, clk := newDrillServer(t)
	co, cand := ts.client(t), ts.client(t)
	signupAs(t, ts, co, "Coach D", "drill-coach@example.com", "en", "coach")
	setID := postNewSet(t, ts, co, "Numbers week", bankIDs(t, 1)...)
	edit := ts.get(t, co, fmt.Sprintf("/coach/sets/%d/edit", setID))
	if n := edit.doc.Find(`#drill-kind option`).Length(); n != len(drills.Kinds) {
		t.Fatalf("the add-a-drill form offers %d kinds", n)
	}
	r := ts.postForm(t, co, fmt.Sprintf("/coach/sets/%d/drills", setID), url.Values{"kind": {"nrr"}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("add drill: %d", r.StatusCode)
	}
	if r := ts.postForm(t, co, fmt.Sprintf("/coach/sets/%d/drills", setID), url.Values{"kind": {"nrr"}}); r.StatusCode != http.StatusSeeOther {
		t.Errorf("adding it again: %d", r.StatusCode)
	}
	if r := ts.postForm(t, co, fmt.Sprintf("/coach/sets/%d/drills", setID), url.Values{"kind": {"lottery"}}); r.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("an unknown kind: %d", r.StatusCode)
	}
	items := setItemsOf(t, ts, setID)
	if len(items) != 2 || items[1].QuestionID != "drill:nrr" {
		t.Fatalf("items %v", itemQIDs(items))
	}
	edit = ts.get(t, co, fmt.Sprintf("/coach/sets/%d/edit", setID))
	if edit.doc.Find(`#drill-kind option[value="nrr"]`).Length() != 0 || edit.doc.Find(`#drill-kind option`).Length() != len(drills.Kinds)-1 {
		t.Error("the form still offers the kind added")
	}
	if !strings.Contains(edit.text("#items"), i18n.T("en", "drills.item", drillName("nrr", "en"))) {
		t.Errorf("the set's items do not show the drill: %s", edit.text("#items"))
	}
	// Another coach cannot add to this set.
	other := ts.client(t)
	signupAs(t, ts, other, "Coach E", "drill-coach-e@example.com", "en", "coach")
	if r := ts.postForm(t, other, fmt.Sprintf("/coach/sets/%d/drills", setID), url.Values{"kind": {"arr"}}); r.StatusCode != http.StatusNotFound {
		t.Errorf("another coach adds a drill: %d", r.StatusCode)
	}

	token, _ := newInvite(t, ts, co, setID, "")
	u := signup(t, ts, cand, "drill-member@example.com", "ja")
	joinVia(t, ts, cand, token)
	card, err := ts.store.CardFor(context.Background(), u.ID, "drill:nrr")
	if err != nil || card.Reps != 0 {
		t.Fatalf("joining queued %+v, %v", card, err)
	}
	me := ts.get(t, cand, "/me")
	link := me.doc.Find(`.assigned-set a[href="/drills#drill-nrr"]`)
	if link.Length() != 1 || link.Text() != i18n.T("ja", "drills.item", drillName("nrr", "ja")) {
		t.Fatalf("the candidate's set does not list the drill: %s", me.text(".assigned-set"))
	}
	if rev := ts.get(t, cand, "/review"); rev.doc.Find(`.drills-due a[href="/drills#drill-nrr"]`).Length() != 1 {
		t.Error("the queued drill is not on /review")
	}
	for _, right := range []bool{true, true, false} {
		id := startDrillAs(t, ts, cand, "nrr", 0)
		_, d := storedDrill(t, ts, u.ID, id)
		clk.add(time.Minute)
		ans := rightAnswer(d, "ja")
		if !right {
			ans = wrongAnswer(d, "ja")
		}
		answerDrillAs(t, ts, cand, id, ans)
	}
	// A mock interview from the set asks its questions, not the drill.
	startMock(t, ts, cand, url.Values{"size": {"3"}, "source": {"set"}, "set_id": {strconv.FormatInt(setID, 10)}, "lang": {"ja"}})
	mocks, err := ts.store.Mocks(context.Background(), u.ID, 1)
	if err != nil || len(mocks) != 1 || strings.Contains(mocks[0].QuestionIDs, "drill:") || mocks[0].QuestionIDs == "" {
		t.Errorf("mock from the set: %+v, %v", mocks, err)
	}
	me = ts.get(t, cand, "/me")
	if me.doc.Find(`.assigned-set li.done a[href="/drills#drill-nrr"]`).Length() != 1 {
		t.Error("the drill is not marked done in the candidate's set")
	}
	set := ts.get(t, co, fmt.Sprintf("/coach/sets/%d", setID))
	cell := cohortRow(set.doc.Find("table.matrix"), u.ID).Find("td.cell-drill")
	if got := strings.TrimSpace(cell.Text()); got != i18n.T("en", "coach.cell.drill", 3, 66) {
		t.Errorf("matrix drill cell %q", got)
	}
	if !strings.Contains(set.text(".matrix-key"), i18n.T("en", "drills.item", drillName("nrr", "en"))) {
		t.Errorf("matrix key %q", set.text(".matrix-key"))
	}
	if csv := ts.get(t, co, fmt.Sprintf("/coach/sets/%d/export.csv", setID)); csv.StatusCode != 200 || !strings.Contains(csv.body, drillName("nrr", "en")) {
		t.Errorf("CSV: %d", csv.StatusCode)
	}
}

// TestDrillsExportedAndDeleted: the JSON and Markdown exports carry every
// drill (with its seed), and deleting the account deletes them.
func TestDrillsExportedAndDeleted(t *testing.T) {
	ts, clk := newDrillServer(t)
	c := ts.client(t)
	u := signup(t, ts, c, "drill-export@example.com", "en")
	id := startDrillAs(t, ts, c, drills.KindACV, 0)
	a, d := storedDrill(t, ts, u.ID, id)
	clk.add(45 * time.Second)
	answerDrillAs(t, ts, c, id, rightAnswer(d, "en"))
	startDrillAs(t, ts, c, drills.KindNRR, 0) // shown, not answered

	r := ts.get(t, c, "/me/export.json")
	var ex struct {
		Drills []exportDrill `json:"drills"`
	}
	if err := json.Unmarshal([]byte(r.body), &ex); err != nil {
		t.Fatal(err)
	}
	if len(ex.Drills) != 2 || ex.Drills[0].Seed != a.Seed || ex.Drills[0].Kind != "acv" || !ex.Drills[0].Correct ||
		ex.Drills[0].Answer != rightAnswer(d, "en") || ex.Drills[0].SecondsTaken != 45 || ex.Drills[1].AnsweredAt != nil {
		t.Errorf("JSON drills %+v", ex.Drills)
	}
	md := ts.get(t, c, "/me/export.md").body
	if !strings.Contains(md, "## "+i18n.T("en", "export.drills")) || !strings.Contains(md, drillName("acv", "en")) ||
		!strings.Contains(md, rightAnswer(d, "en")) || !strings.Contains(md, "not answered") {
		t.Errorf("Markdown export lacks the drills:\n%s", md)
	}
	if r := ts.postForm(t, c, "/me/delete", url.Values{"password": {testPassword}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete account: %d", r.StatusCode)
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM drill_attempts WHERE user_id = ?", u.ID); n != 0 {
		t.Errorf("%d drills left after deleting the account", n)
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM cards WHERE user_id = ?", u.ID); n != 0 {
		t.Errorf("%d cards left", n)
	}
}

// addDrillRoutes adds the drills' rows to the route table: a drill is
// its owner's alone; adding a drill to a set is its coach's.
func addDrillRoutes(t *testing.T, f *routeFixture) {
	t.Helper()
	A := f.who[rA]
	id := startDrillAs(t, f.ts, A.c, drills.KindARR, 0)
	_, d := storedDrill(t, f.ts, A.u.ID, id)
	path := fmt.Sprintf("/drills/attempts/%d", id)
	signedIn := func(visitor, others int) [nRoles]int { return [nRoles]int{visitor, others, others, others, others} }
	aOnly := func(visitor, owner int) [nRoles]int { return [nRoles]int{visitor, owner, 404, 404, 404} }
	coachOnly := func(visitor, owner int) [nRoles]int { return [nRoles]int{visitor, 403, 403, owner, 404} }
	f.rows["GET /drills"] = expect{path: "/drills", want: signedIn(303, 200)}
	f.rows["POST /drills/:kind"] = expect{path: "/drills/ramp", want: signedIn(401, 303)}
	f.rows["GET /drills/attempts/:id"] = expect{path: path, want: aOnly(303, 200)}
	f.rows["POST /drills/attempts/:id"] = expect{path: path, vals: url.Values{"answer": {rightAnswer(d, "en")}}, want: aOnly(401, 303)}
	f.rows["POST /coach/sets/:id/drills"] = expect{path: fmt.Sprintf("/coach/sets/%d/drills", f.setID), vals: url.Values{"kind": {"ramp"}}, want: coachOnly(401, 303)}
}
