package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/store"
)

// signupWithZone signs up through the form with the hidden time-zone field
// set as the browser's script would (tz "" = no script) and confirms.
func signupWithZone(t *testing.T, ts *testServer, c *http.Client, email, lang, role, tz string) *store.User {
	t.Helper()
	addr := store.NormaliseEmail(email)
	before := len(ts.inbox.to(addr))
	vals := signupValues("Zone "+lang, email, lang, role)
	vals.Set("tz", tz)
	if r := ts.submitSignup(t, c, lang, vals); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("signup: %d (%s)", r.StatusCode, errorsOf(r))
	}
	if r := ts.confirmEmail(t, c, addr, before+1); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d", r.StatusCode)
	}
	u, err := ts.store.UserByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// insertAttemptAt stores an answer of userID made at the given UTC time.
func insertAttemptAt(t *testing.T, ts *testServer, userID int64, qid, utc string) int64 {
	t.Helper()
	at, err := time.Parse("2006-01-02 15:04", utc)
	if err != nil {
		t.Fatal(err)
	}
	a := store.Attempt{UserID: userID, QuestionID: qid, Lang: "en", Answer: "An answer at " + utc, SecondsTaken: 90,
		TimeLimit: 120, ClientToken: "at-" + qid + utc, CreatedAt: at, UpdatedAt: at,
		Ratings: store.Ratings{Example: 3, Structure: 3, Confidence: 3, Customer: 3, Concise: 3, Overall: 3}}
	if err := ts.db.Create(&a).Error; err != nil {
		t.Fatal(err)
	}
	return a.ID
}

func TestTimeZoneDefaultsAndRendering(t *testing.T) {
	ts := newTestServer(t)
	// The zone the browser reports wins; without script a Japanese user
	// gets Tokyo and an English one UTC; a name the system doesn't know
	// (a tampered field) takes the default too.
	for _, tc := range []struct{ lang, tz, want string }{
		{"en", "America/New_York", "America/New_York"},
		{"ja", "", "Asia/Tokyo"},
		{"en", "", "UTC"},
		{"en", "Mars/Olympus_Mons", "UTC"},
	} {
		u := signupWithZone(t, ts, ts.client(t), fmt.Sprintf("zone-%s-%s@example.com", tc.lang, strings.ReplaceAll(tc.tz, "/", "-")), tc.lang, "candidate", tc.tz)
		if u.TimeZone != tc.want {
			t.Errorf("%s with browser zone %q: stored %q, want %q", tc.lang, tc.tz, u.TimeZone, tc.want)
		}
	}

	// An answer at 21:24 UTC is 06:24 the next morning in Tokyo.
	c := ts.client(t)
	u := signupWithZone(t, ts, c, "tokyo@example.com", "en", "candidate", "Asia/Tokyo")
	aid := insertAttemptAt(t, ts, u.ID, "why-sales", "2026-03-09 21:24")
	me := ts.get(t, c, "/me")
	item := me.doc.Find(fmt.Sprintf(`.attempt-item:has(a[href^="/attempts/%d"]) time`, aid))
	if got := strings.TrimSpace(item.Text()); got != "2026-03-10 06:24 JST" {
		t.Errorf("/me shows the answer at %q, want 2026-03-10 06:24 JST", got)
	}
	if dt, _ := item.Attr("datetime"); dt != "2026-03-10T06:24:00+09:00" {
		t.Errorf("datetime %q", dt)
	}
	q := ts.get(t, c, "/questions/why-sales")
	if got := q.text(".history time"); got != "2026-03-10 06:24 JST" {
		t.Errorf("question history shows %q", got)
	}

	// The settings page changes it; an unknown zone is refused in the
	// user's language with the typed text kept.
	page := ts.get(t, c, "/me/settings")
	if v, _ := page.doc.Find("input#tz").Attr("value"); page.StatusCode != 200 || v != "Asia/Tokyo" {
		t.Fatalf("settings: %d, zone field %q", page.StatusCode, v)
	}
	for _, lang := range []string{"en", "ja"} {
		ts.get(t, c, "/me/settings?lang="+lang)
		bad := ts.postForm(t, c, "/me/settings", url.Values{"tz": {"Asia/Tokio"}})
		if bad.StatusCode != http.StatusUnprocessableEntity || bad.text("#tz-error") != i18n.T(lang, "settings.tz.err") {
			t.Errorf("%s: bad zone: %d %q", lang, bad.StatusCode, bad.text("#tz-error"))
		}
		if v, _ := bad.doc.Find("input#tz").Attr("value"); v != "Asia/Tokio" {
			t.Errorf("%s: typed zone not kept: %q", lang, v)
		}
		if inv, _ := bad.doc.Find("input#tz").Attr("aria-invalid"); inv != "true" || bad.doc.Find(".form-errors").Length() != 1 {
			t.Errorf("%s: the field is not marked invalid", lang)
		}
	}
	if u2, _ := ts.store.UserByID(context.Background(), u.ID); u2.TimeZone != "Asia/Tokyo" {
		t.Errorf("a refused zone was stored: %q", u2.TimeZone)
	}
	ok := ts.postForm(t, c, "/me/settings", url.Values{"tz": {"Europe/London"}})
	if ok.StatusCode != http.StatusSeeOther || ok.Header.Get("Location") != "/me/settings" {
		t.Fatalf("save zone: %d %q", ok.StatusCode, ok.Header.Get("Location"))
	}
	me = ts.get(t, c, "/me?lang=en")
	if got := strings.TrimSpace(me.doc.Find(fmt.Sprintf(`.attempt-item:has(a[href^="/attempts/%d"]) time`, aid)).Text()); got != "2026-03-09 21:24 GMT" {
		t.Errorf("after choosing London: %q", got)
	}
}

// TestStreakAtZoneBoundary: answers at 23:50 and 00:10 Tokyo time are two
// practice days for a user in Tokyo (but one UTC day), and "today" turns
// at Tokyo's midnight, not at 09:00.
func TestStreakAtZoneBoundary(t *testing.T) {
	now := time.Date(2026, 3, 9, 15, 30, 0, 0, time.UTC) // 00:30 on 03-10 in Tokyo
	ts := newTestServer(t, withClock(func() time.Time { return now }))
	tokyo, london := ts.client(t), ts.client(t)
	ut := signupWithZone(t, ts, tokyo, "streak-tokyo@example.com", "en", "candidate", "Asia/Tokyo")
	ul := signupWithZone(t, ts, london, "streak-london@example.com", "en", "candidate", "Europe/London")
	for _, u := range []*store.User{ut, ul} {
		insertAttemptAt(t, ts, u.ID, "why-sales", "2026-03-09 14:50")        // Tokyo 23:50 on 03-09
		insertAttemptAt(t, ts, u.ID, "why-this-company", "2026-03-09 15:10") // Tokyo 00:10 on 03-10
	}
	stat := func(c *http.Client, label string) string {
		p := ts.get(t, c, "/me/progress?lang=en")
		var v string
		p.doc.Find(".stats div").Each(func(_ int, s *goquery.Selection) {
			if strings.TrimSpace(s.Find("dt").Text()) == label {
				v = strings.TrimSpace(s.Find("dd").Text())
			}
		})
		return v
	}
	cur, days := i18n.T("en", "progress.stats.current"), i18n.T("en", "progress.stats.days")
	if got := stat(tokyo, cur); got != i18n.T("en", "progress.days.many", 2) {
		t.Errorf("Tokyo current streak %q, want 2 days", got)
	}
	if got := stat(tokyo, days); got != i18n.T("en", "progress.days.many", 2) {
		t.Errorf("Tokyo practice days %q, want 2", got)
	}
	if got := stat(london, cur); got != i18n.T("en", "progress.days.one", 1) {
		t.Errorf("London current streak %q, want 1 day", got)
	}
	// Tokyo has practised today (03-10): no "keep it up" nudge; London
	// (still 03-09, practised today too) has none either.
	p := ts.get(t, tokyo, "/me/progress?lang=en")
	if strings.Contains(p.body, i18n.T("en", "progress.stats.keepup")) {
		t.Error("Tokyo is asked to keep the streak up though it practised today")
	}
	if !strings.Contains(p.body, i18n.T("en", "progress.stats.note", "Asia/Tokyo")) {
		t.Error("the progress page does not say which zone days are counted in")
	}
	// Two Tokyo days later, the streak is over; it is not yet in UTC
	// terms at 08:00 UTC (17:00 Tokyo) the next day... but it is in Tokyo.
	now = time.Date(2026, 3, 11, 16, 0, 0, 0, time.UTC) // 01:00 on 03-12 in Tokyo, 16:00 on 03-11 in London
	if got := stat(tokyo, cur); got != i18n.T("en", "progress.days.many", 0) {
		t.Errorf("Tokyo two days later: current %q, want 0", got)
	}
	if got := stat(london, cur); got != i18n.T("en", "progress.days.many", 0) {
		t.Errorf("London two days later: current %q, want 0", got)
	}
}

func TestNavEntriesAndPractiseNext(t *testing.T) {
	ts := newTestServer(t)
	visitor := ts.get(t, ts.client(t), "/questions")
	if visitor.doc.Find(`a[href="/review"], a[href="/practice/next"]`).Length() != 0 {
		t.Error("a visitor's menu offers Review or Practise")
	}
	if visitor.doc.Find(`details.menu summary`).Length() != 1 || visitor.doc.Find(`details.menu a[href="/signup"]`).Length() != 1 {
		t.Error("a visitor's phone menu lacks its button or sign-up")
	}
	c := ts.client(t)
	u := signup(t, ts, c, "nav@example.com", "en")
	page := ts.get(t, c, "/me/progress")
	for _, where := range []string{"nav.user-nav", "details.menu"} {
		var got []string
		page.doc.Find(where + " a").Each(func(_ int, s *goquery.Selection) {
			h, _ := s.Attr("href")
			got = append(got, h)
		})
		for _, want := range []string{"/practice/next", "/review", "/mock", "/roleplay", "/prepare", "/me"} {
			if !strings.Contains(" "+strings.Join(got, " ")+" ", " "+want+" ") {
				t.Errorf("%s lacks %s: %v", where, want, got)
			}
		}
		if strings.Contains(strings.Join(got, " "), "/coach") {
			t.Errorf("%s offers a candidate the coach's home", where)
		}
	}
	// Progress is reached from Me, which stays the current item.
	if cur := page.doc.Find(`nav.user-nav a[aria-current="page"]`); cur.Length() != 1 || cur.AttrOr("href", "") != "/me" {
		t.Errorf("current item %q", cur.AttrOr("href", ""))
	}
	// Practise goes to the first starter not answered yet.
	for i, want := range starterIDs {
		r := ts.get(t, c, "/practice/next")
		if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/practice/"+want {
			t.Fatalf("Practise #%d: %d %q, want /practice/%s", i, r.StatusCode, r.Header.Get("Location"), want)
		}
		saveAttempt(t, ts, c, want, "My answer to "+want)
	}
	if r := ts.get(t, c, "/practice/next"); r.Header.Get("Location") == "" || strings.Contains(strings.Join(starterIDs, " "), strings.TrimPrefix(r.Header.Get("Location"), "/practice/")) {
		t.Errorf("after the starters, Practise goes to %q", r.Header.Get("Location"))
	}
	_ = u
	coach := ts.client(t)
	signupAs(t, ts, coach, "Nav Coach", "navcoach@example.com", "en", "coach")
	if ts.get(t, coach, "/me").doc.Find(`nav.user-nav a[href="/coach"]`).Length() != 1 {
		t.Error("a coach's menu lacks the coach's home")
	}
}

func TestDayOneAndCountsAddUp(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	signup(t, ts, c, "dayone@example.com", "en")
	bank := len(testLibrary.Questions)
	tiles := func(r *response) (due, fresh, later string) {
		dd := r.doc.Find(".srs-counts dd")
		return dd.Eq(0).Text(), dd.Eq(1).Text(), dd.Eq(2).Text()
	}
	me := ts.get(t, c, "/me")
	st := me.doc.Find("section.starters")
	if st.Length() != 1 || st.Find(".starter-link").Length() != 3 || st.Find(`a[href="/mock"]`).Length() != 1 {
		t.Fatalf("day one: starters %d, links %d", st.Length(), st.Find(".starter-link").Length())
	}
	for i, id := range starterIDs {
		if h, _ := st.Find(".starter-link").Eq(i).Attr("href"); h != "/practice/"+id {
			t.Errorf("starter %d links %q", i, h)
		}
	}
	if due, fresh, later := tiles(me); due != "0" || fresh != fmt.Sprint(bank) || later != "0" {
		t.Errorf("day one tiles due %s new %s later %s, want 0 %d 0", due, fresh, later, bank)
	}
	if h, _ := me.doc.Find(".me-review a.button.primary").Attr("href"); h != "/practice/next" {
		t.Errorf("with nothing due, the main button goes to %q", h)
	}
	// An empty review queue offers new questions.
	rv := ts.get(t, c, "/review")
	if rv.doc.Find("section.starters .starter-link").Length() != 3 || rv.doc.Find(`section.starters a[href="/practice/why-sales"]`).Length() == 0 {
		t.Errorf("empty review offers %d questions", rv.doc.Find("section.starters .starter-link").Length())
	}

	saveAttempt(t, ts, c, "why-sales", "Because I like customers.")
	me = ts.get(t, c, "/me")
	if me.doc.Find("section.starters").Length() != 0 {
		t.Error("starters still offered after the first answer")
	}
	due, fresh, later := tiles(me)
	if fresh != fmt.Sprint(bank-1) || fmt.Sprint(atoiT(t, due)+atoiT(t, later)) != "1" {
		t.Errorf("after one answer: due %s new %s later %s (bank %d)", due, fresh, later, bank)
	}
	if got := me.text(".srs-sum"); got != i18n.T("en", "srs.sum", 1, bank) {
		t.Errorf("sum line %q", got)
	}
}

func atoiT(t *testing.T, s string) int {
	t.Helper()
	var n int
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return n
}

// TestCoachHome: what waits for a coach, each item opening the exact
// answer, and nothing of another coach's.
func TestCoachHome(t *testing.T) {
	ts := newTestServer(t)
	ctx := context.Background()
	coachA, coachB := ts.client(t), ts.client(t)
	signupAs(t, ts, coachA, "Coach Aoki", "aoki@example.com", "en", "coach")
	signupAs(t, ts, coachB, "Coach Baba", "baba@example.com", "en", "coach")
	b := bankIDs(t, 3)
	setA := postNewSet(t, ts, coachA, "Set of A", b[0], b[1])
	setB := postNewSet(t, ts, coachB, "Set of B", b[0], b[2])
	tokA, _ := newInvite(t, ts, coachA, setA, "")
	tokB, _ := newInvite(t, ts, coachB, setB, "")
	mina, kenta := ts.client(t), ts.client(t)
	um := signupAs(t, ts, mina, "Mina", "mina@example.com", "en", "candidate")
	uk := signupAs(t, ts, kenta, "Kenta", "kenta@example.com", "en", "candidate")
	joinVia(t, ts, mina, tokA)
	joinVia(t, ts, kenta, tokB)
	am := saveAttempt(t, ts, mina, b[0], "Mina's answer")
	ak := saveAttempt(t, ts, kenta, b[0], "Kenta's answer")

	home := func(c *http.Client) *response {
		t.Helper()
		r := ts.get(t, c, "/coach")
		if r.StatusCode != 200 {
			t.Fatalf("/coach: %d", r.StatusCode)
		}
		return r
	}
	links := func(r *response, sel string) []string {
		var out []string
		r.doc.Find(sel + " a").Each(func(_ int, s *goquery.Selection) { out = append(out, s.AttrOr("href", "")) })
		return out
	}
	ha, hb := home(coachA), home(coachB)
	if got := links(ha, "#waiting"); !sameStrings(got, []string{fmt.Sprintf("/coach/attempts/%d", am)}) {
		t.Errorf("A's waiting list %v, want only Mina's answer %d", got, am)
	}
	if got := links(hb, "#waiting"); !sameStrings(got, []string{fmt.Sprintf("/coach/attempts/%d", ak)}) {
		t.Errorf("B's waiting list %v, want only Kenta's answer %d", got, ak)
	}
	if strings.Contains(ha.text("#waiting"), "Kenta") || strings.Contains(hb.text("#waiting"), "Mina") {
		t.Error("a coach's home names another coach's candidate")
	}
	if !strings.Contains(ha.text("#waiting"), "Mina") || !strings.Contains(ha.text("#waiting"), bankTitle(t, b[0], "en")) {
		t.Errorf("A's waiting item %q lacks who and what", ha.text("#waiting"))
	}
	// A newer answer to the same question replaces the older one.
	am2 := saveAttempt(t, ts, mina, b[0], "Mina's second try")
	if got := links(home(coachA), "#waiting"); !sameStrings(got, []string{fmt.Sprintf("/coach/attempts/%d", am2)}) {
		t.Errorf("after a second try: %v", got)
	}

	// The review page speaks to the coach, with no reply box on their own
	// feedback.
	ap := ts.get(t, coachA, fmt.Sprintf("/coach/attempts/%d", am2))
	if got := ap.text("#answer-h"); got != i18n.T("en", "feedback.answer.of", "Mina") {
		t.Errorf("answer heading %q", got)
	}
	if got := ap.text("#self-h"); got != i18n.T("en", "feedback.self") {
		t.Errorf("ratings heading %q", got)
	}
	ap.doc.Find("h1, h2, h3").Each(func(_ int, h *goquery.Selection) {
		if txt := h.Text(); strings.Contains(txt, "Your answer") || strings.Contains(txt, "Your ratings") || strings.Contains(txt, "from your coach") {
			t.Errorf("heading %q speaks to the candidate", txt)
		}
	})
	postReview(t, ts, coachA, am2, reviewValues("Add a number.", 3, 3, 3, 3, 3, 3))
	ap = ts.get(t, coachA, fmt.Sprintf("/coach/attempts/%d", am2))
	if got := ap.text("#feedback-h"); got != i18n.T("en", "feedback.feedback.yours") {
		t.Errorf("feedback heading %q", got)
	}
	if ap.doc.Find("#feedback textarea#reply-body").Length() != 0 {
		t.Error("the coach is offered a reply to their own feedback")
	}
	if len(links(home(coachA), "#waiting")) != 0 {
		t.Error("a reviewed answer is still waiting")
	}

	// The candidate's badge opens a list where the reviewed answer is marked.
	me := ts.get(t, mina, "/me")
	badge := me.doc.Find(".me-review a.badge")
	if h, _ := badge.Attr("href"); h != "#feedback-list-h" || me.doc.Find("#feedback-list-h").Length() != 1 {
		t.Errorf("badge links %q", h)
	}
	marked := me.doc.Find(`.feedback-list a[href="` + fmt.Sprintf("/attempts/%d#feedback", am2) + `"]`)
	if marked.Length() != 1 || me.doc.Find(fmt.Sprintf(`#recent-h ~ ul li:has(a[href="/attempts/%d#feedback"]) .new-badge`, am2)).Length() != 1 {
		t.Errorf("the reviewed answer is not marked in the lists (%d)\n%s", marked.Length(), me.text(".feedback-list"))
	}
	if me.doc.Find(fmt.Sprintf(`#recent-h ~ ul a[href="/attempts/%d"]`, am)).Length() != 1 {
		t.Error("the unreviewed answer is marked too, or missing")
	}

	// The candidate replies: A sees it, B does not; opening it clears it.
	r := ts.postForm(t, mina, fmt.Sprintf("/attempts/%d/reply", am2), url.Values{"body": {"Thanks, will do."}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("reply: %d", r.StatusCode)
	}
	if got := links(home(coachA), "#replies"); !sameStrings(got, []string{fmt.Sprintf("/coach/attempts/%d#feedback", am2)}) {
		t.Errorf("A's replies %v", got)
	}
	if got := links(home(coachB), "#replies"); len(got) != 0 {
		t.Errorf("B sees replies %v", got)
	}
	ap = ts.get(t, coachA, fmt.Sprintf("/coach/attempts/%d", am2))
	if ap.doc.Find("#feedback textarea#reply-body").Length() != 1 {
		t.Error("no reply box for the coach once the candidate replied")
	}
	if got := links(home(coachA), "#replies"); len(got) != 0 {
		t.Errorf("a read reply is still new: %v", got)
	}

	// Members behind: set A due yesterday, Mina answered 1 of 2.
	yesterday := ts.store.Now().Add(-24 * time.Hour)
	if err := ts.db.Exec(`UPDATE coach_sets SET due_at = ? WHERE id IN (?, ?)`, yesterday, setA, setB).Error; err != nil {
		t.Fatal(err)
	}
	ha, hb = home(coachA), home(coachB)
	if got := links(ha, "#behind"); !sameStrings(got, []string{fmt.Sprintf("/coach/candidates/%d", um.ID)}) {
		t.Errorf("A's behind list %v", got)
	}
	if got := links(hb, "#behind"); !sameStrings(got, []string{fmt.Sprintf("/coach/candidates/%d", uk.ID)}) {
		t.Errorf("B's behind list %v", got)
	}
	if !strings.Contains(ha.text("#behind"), i18n.T("en", "coach.home.behind.item", 1, 2)) || ha.doc.Find("#behind .overdue").Length() != 1 {
		t.Errorf("behind item %q", ha.text("#behind"))
	}

	// The candidate's set card lists the set's questions, what is done,
	// and where to go on.
	card := ts.get(t, mina, "/me").doc.Find(".assigned-set")
	if card.Find(".qlist li").Length() != 2 || card.Find(".qlist li.done").Length() != 1 {
		t.Errorf("set card lists %d questions, %d done", card.Find(".qlist li").Length(), card.Find(".qlist li.done").Length())
	}
	if h, _ := card.Find("a.button.primary").Attr("href"); h != "/practice/"+b[1] {
		t.Errorf("the set card goes on to %q, want /practice/%s", h, b[1])
	}
	// The coach's set page lists its questions and offers to copy the link.
	sp := ts.get(t, coachA, fmt.Sprintf("/coach/sets/%d", setA))
	if sp.doc.Find(".qlist li").Length() != 2 || !strings.Contains(sp.text(".qlist"), bankTitle(t, b[1], "en")) {
		t.Errorf("set page lists %q", sp.text(".qlist"))
	}
	btn := sp.doc.Find("button[data-copy]")
	if id, _ := btn.Attr("data-copy"); btn.Length() != 1 || sp.doc.Find("input#"+id+"[readonly]").Length() != 1 {
		t.Error("no copy button tied to a read-only invite field")
	}
	// A coach's log-in lands on their home.
	out := ts.client(t)
	if r := ts.login(t, out, "en", "aoki@example.com", testPassword); r.Header.Get("Location") != "/coach" {
		t.Errorf("coach log-in goes to %q", r.Header.Get("Location"))
	}
	_ = ctx
}
