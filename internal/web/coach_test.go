package web

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/PuerkitoBio/goquery"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/store"
)

// --- Helpers for the coach features

// signupAs creates an account with a display name and a role ("coach" or
// "candidate") and leaves c signed in.
func signupAs(t *testing.T, ts *testServer, c *http.Client, name, email, lang, role string) *store.User {
	t.Helper()
	u := ts.signupAs(t, c, name, email, lang, role)
	if u.IsCoach != (role == "coach") {
		t.Fatalf("signup %s as %s: IsCoach %v", email, role, u.IsCoach)
	}
	return u
}

// bankIDs returns the ids of the first n questions of the bank.
func bankIDs(t *testing.T, n int) []string {
	t.Helper()
	if len(testLibrary.Questions) < n {
		t.Fatalf("the bank has %d questions, the test needs %d", len(testLibrary.Questions), n)
	}
	out := make([]string, n)
	for i := range out {
		out[i] = testLibrary.Questions[i].ID
	}
	return out
}

func bankTitle(t *testing.T, id, lang string) string {
	t.Helper()
	q, ok := testLibrary.Question(id)
	if !ok {
		t.Fatalf("no bank question %q", id)
	}
	return q.Title[lang]
}

var setEditURL = regexp.MustCompile(`^/coach/sets/(\d+)/edit$`)

// setIDOf reads the new set's id from the redirect after creating or
// duplicating a set.
func setIDOf(t *testing.T, r *response) int64 {
	t.Helper()
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("create set: status %d, want 303 (%s)", r.StatusCode, errorsOf(r))
	}
	m := setEditURL.FindStringSubmatch(r.Header.Get("Location"))
	if m == nil {
		t.Fatalf("create set redirected to %q", r.Header.Get("Location"))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// postNewSet creates a set through the new-set form and returns its id.
func postNewSet(t *testing.T, ts *testServer, c *http.Client, title string, qids ...string) int64 {
	t.Helper()
	return setIDOf(t, ts.postForm(t, c, "/coach/sets", url.Values{"title": {title}, "lang": {"en"}, "q": qids}))
}

func setItemsOf(t *testing.T, ts *testServer, setID int64) []store.SetItem {
	t.Helper()
	items, err := ts.store.SetItems(context.Background(), setID)
	if err != nil {
		t.Fatal(err)
	}
	return items
}

func itemQIDs(items []store.SetItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.QuestionID
	}
	return out
}

func itemWithQID(t *testing.T, items []store.SetItem, qid string) store.SetItem {
	t.Helper()
	for _, it := range items {
		if it.QuestionID == qid {
			return it
		}
	}
	t.Fatalf("no item %q in %v", qid, itemQIDs(items))
	return store.SetItem{}
}

// addCustom adds a coach's own question to a set and returns the new item.
func addCustom(t *testing.T, ts *testServer, c *http.Client, setID int64, prompt, guidance, seconds string) store.SetItem {
	t.Helper()
	before := len(setItemsOf(t, ts, setID))
	r := ts.postForm(t, c, fmt.Sprintf("/coach/sets/%d/custom", setID), url.Values{"prompt": {prompt}, "guidance": {guidance}, "seconds": {seconds}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != fmt.Sprintf("/coach/sets/%d/edit#items", setID) {
		t.Fatalf("add custom question: %d %q (%s)", r.StatusCode, r.Header.Get("Location"), errorsOf(r))
	}
	items := setItemsOf(t, ts, setID)
	if len(items) != before+1 {
		t.Fatalf("%d items after adding a custom question, want %d", len(items), before+1)
	}
	var it store.SetItem
	for _, x := range items {
		if x.ID > it.ID {
			it = x
		}
	}
	if it.QuestionID != store.CustomPrefix+strconv.FormatInt(it.ID, 10) || !it.IsCustom() {
		t.Fatalf("custom item %+v", it)
	}
	return it
}

// newInvite creates an invite link (days: "" or "0" for none) and returns
// the token read from the set page's invite-link field, with that page.
func newInvite(t *testing.T, ts *testServer, c *http.Client, setID int64, days string) (string, *response) {
	t.Helper()
	r := ts.postForm(t, c, fmt.Sprintf("/coach/sets/%d/invites", setID), url.Values{"days": {days}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != fmt.Sprintf("/coach/sets/%d#invites", setID) {
		t.Fatalf("create invite: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
	page := ts.get(t, c, fmt.Sprintf("/coach/sets/%d", setID))
	if page.StatusCode != 200 {
		t.Fatalf("set page: %d", page.StatusCode)
	}
	link, ok := page.doc.Find("input.invite-link").First().Attr("value")
	if !ok {
		t.Fatal("no invite link on the set page")
	}
	u, err := url.Parse(link)
	if err != nil || u.Scheme+"://"+u.Host != ts.URL || !strings.HasPrefix(u.Path, "/join/") {
		t.Fatalf("invite link %q (server %s)", link, ts.URL)
	}
	return strings.TrimPrefix(u.Path, "/join/"), page
}

// inviteID returns the id of the invite holding token.
func inviteID(t *testing.T, ts *testServer, setID int64, token string) int64 {
	t.Helper()
	invs, err := ts.store.Invites(context.Background(), setID)
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range invs {
		if in.Token == token {
			return in.ID
		}
	}
	t.Fatalf("no invite with token %q in set %d", token, setID)
	return 0
}

// joinVia opens an invite page and accepts it with the page's form.
func joinVia(t *testing.T, ts *testServer, c *http.Client, token string) {
	t.Helper()
	page := ts.get(t, c, "/join/"+token)
	if page.StatusCode != 200 {
		t.Fatalf("GET /join: %d", page.StatusCode)
	}
	r := ts.postRaw(t, c, "/join/"+token, url.Values{csrfField: {formToken(t, page)}}.Encode())
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/me" {
		t.Fatalf("POST /join: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
}

// reviewValues is a filled-in review form; ratings in store.Criteria order.
func reviewValues(comment string, ratings ...int) url.Values {
	v := url.Values{"comment": {comment}}
	for i, k := range store.Criteria {
		if i < len(ratings) {
			v.Set("r_"+k, strconv.Itoa(ratings[i]))
		}
	}
	return v
}

// postReview saves a coach's review and expects the redirect back.
func postReview(t *testing.T, ts *testServer, c *http.Client, attemptID int64, vals url.Values) {
	t.Helper()
	r := ts.postForm(t, c, fmt.Sprintf("/coach/attempts/%d/review", attemptID), vals)
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != fmt.Sprintf("/coach/attempts/%d", attemptID) {
		t.Fatalf("review: %d %q (%s)", r.StatusCode, r.Header.Get("Location"), errorsOf(r))
	}
}

// cohortRow is a candidate's row of the cohort matrix within sel.
func cohortRow(sel *goquery.Selection, candidateID int64) *goquery.Selection {
	return sel.Find(fmt.Sprintf(`table.matrix tbody tr:has(th a[href="/coach/candidates/%d"])`, candidateID))
}

func truncRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

func sameStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func randomToken(t *testing.T) string {
	t.Helper()
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// --- 1. The whole flow

func TestCoachFlow(t *testing.T) {
	ctx := context.Background()
	ts := newTestServer(t)
	b := bankIDs(t, 4)
	cc := ts.client(t)
	coach := signupAs(t, ts, cc, "Coach Kana", "kana@example.com", "en", "coach")
	if r := ts.get(t, cc, "/coach"); r.StatusCode != 200 || h1(r) != i18n.T("en", "coach.title") ||
		r.text("p.empty") != i18n.T("en", "coach.none") {
		t.Fatalf("empty dashboard: %d %q %q", r.StatusCode, h1(r), r.text("p.empty"))
	}
	np := ts.get(t, cc, "/coach/sets/new")
	if np.StatusCode != 200 || h1(np) != i18n.T("en", "coach.set.new") || np.doc.Find(`input[name=q][type=checkbox]`).Length() != len(testLibrary.Questions) {
		t.Fatalf("new set form: %d %q", np.StatusCode, h1(np))
	}

	// The coach creates a set from three bank questions.
	const title = "Week 1: discovery"
	desc := "**Focus** on discovery. Read [the guide](https://example.com/guide) first.\n\n- one\n- two"
	r := ts.postForm(t, cc, "/coach/sets", url.Values{"title": {title}, "description": {desc}, "lang": {"en"},
		"time_limit": {"150"}, "due": {"2030-06-30"}, "q": {b[0], b[1], b[2]}})
	setID := setIDOf(t, r)
	set, err := ts.store.CoachSet(ctx, coach.ID, setID)
	if err != nil {
		t.Fatal(err)
	}
	wantDue := time.Date(2030, 6, 30, 23, 59, 59, 0, time.UTC)
	if set.Title != title || set.Description != desc || set.Lang != "en" || set.TimeLimit != 150 ||
		set.DueAt == nil || !set.DueAt.Equal(wantDue) || set.ArchivedAt != nil {
		t.Errorf("stored set %+v", set)
	}
	editPath := fmt.Sprintf("/coach/sets/%d/edit", setID)
	edit := ts.get(t, cc, editPath)
	if edit.StatusCode != 200 || edit.text(".flash") != i18n.T("en", "coach.flash.created") || h1(edit) != i18n.T("en", "coach.set.edit", title) {
		t.Fatalf("edit page: %d flash %q h1 %q", edit.StatusCode, edit.text(".flash"), h1(edit))
	}
	if v, _ := edit.doc.Find("input#title").Attr("value"); v != title {
		t.Errorf("title field %q", v)
	}
	if v, _ := edit.doc.Find("input#time_limit").Attr("value"); v != "150" {
		t.Errorf("time limit field %q", v)
	}
	if v, _ := edit.doc.Find("input#due").Attr("value"); v != "2030-06-30" {
		t.Errorf("due field %q", v)
	}
	if strings.TrimSpace(edit.doc.Find("textarea#description").Text()) != desc {
		t.Errorf("description field %q", edit.doc.Find("textarea#description").Text())
	}
	if n := edit.doc.Find("ol.set-items > li").Length(); n != 3 {
		t.Errorf("%d items on the edit page, want 3", n)
	}

	// A bank question and a question of the coach's own.
	r = ts.postForm(t, cc, fmt.Sprintf("/coach/sets/%d/items", setID), url.Values{"question_id": {b[3]}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != editPath+"#items" {
		t.Fatalf("add bank question: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
	prompt := "Tell me about a **deal you lost** and what you changed."
	custom := addCustom(t, ts, cc, setID, prompt, "Use *STAR*: situation, task, action, result.", "90")
	customQ := custom.QuestionID
	if custom.Prompt != prompt || custom.Seconds != 90 || custom.SetID != setID {
		t.Errorf("custom item %+v", custom)
	}
	if e := ts.get(t, cc, editPath); e.text(".flash") != i18n.T("en", "coach.flash.custom") {
		t.Errorf("custom flash %q", e.text(".flash"))
	}
	items := setItemsOf(t, ts, setID)
	if got := itemQIDs(items); !sameStrings(got, []string{b[0], b[1], b[2], b[3], customQ}) {
		t.Fatalf("items %v", got)
	}

	// Reorder: the custom question up one, the first down one; remove the third bank question.
	move := func(itemID int64, dir string) {
		t.Helper()
		r := ts.postForm(t, cc, fmt.Sprintf("/coach/sets/%d/items/%d/move", setID, itemID), url.Values{"dir": {dir}})
		if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != editPath+"#items" {
			t.Fatalf("move %s: %d %q", dir, r.StatusCode, r.Header.Get("Location"))
		}
	}
	move(custom.ID, "up")
	move(itemWithQID(t, items, b[0]).ID, "down")
	move(itemWithQID(t, items, b[1]).ID, "up") // already first: no change
	r = ts.postForm(t, cc, fmt.Sprintf("/coach/sets/%d/items/%d/delete", setID, itemWithQID(t, items, b[2]).ID), nil)
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != editPath+"#items" {
		t.Fatalf("remove item: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
	order := []string{b[1], b[0], customQ, b[3]}
	items = setItemsOf(t, ts, setID)
	if got := itemQIDs(items); !sameStrings(got, order) {
		t.Fatalf("order after moves %v, want %v", got, order)
	}
	for i := 1; i < len(items); i++ {
		if items[i].Position <= items[i-1].Position {
			t.Errorf("positions not increasing: %d then %d", items[i-1].Position, items[i].Position)
		}
	}
	var shown []string
	ts.get(t, cc, editPath).doc.Find("ol.set-items > li").Each(func(_ int, li *goquery.Selection) {
		if href, ok := li.Find(`a[href^="/questions/"]`).Attr("href"); ok {
			shown = append(shown, strings.TrimPrefix(href, "/questions/"))
		} else if strings.Contains(li.Find(".prose").Text(), "deal you lost") {
			shown = append(shown, customQ)
		}
	})
	if !sameStrings(shown, order) {
		t.Errorf("edit page order %v, want %v", shown, order)
	}

	// An invite link, valid 7 days.
	token, setPage := newInvite(t, ts, cc, setID, "7")
	if setPage.text(".flash") != i18n.T("en", "coach.flash.invite") {
		t.Errorf("invite flash %q", setPage.text(".flash"))
	}
	invs, _ := ts.store.Invites(ctx, setID)
	if len(invs) != 1 || invs[0].ExpiresAt == nil || invs[0].TokenHash == "" || invs[0].TokenHash == token {
		t.Fatalf("invites %+v", invs)
	}
	if d := time.Until(*invs[0].ExpiresAt); d < 7*24*time.Hour-time.Minute || d > 7*24*time.Hour+time.Minute {
		t.Errorf("invite expires in %v, want 7 days", d)
	}
	if !strings.Contains(setPage.doc.Find("li.invite").Text(), i18n.T("en", "coach.invite.expires", invs[0].ExpiresAt.Format("2006-01-02"))) {
		t.Errorf("invite expiry not shown: %q", setPage.doc.Find("li.invite").Text())
	}
	if h1(setPage) != title || !strings.Contains(setPage.doc.Find(".prose strong").Text(), "Focus") ||
		setPage.text("#cohort-h ~ p.empty") != i18n.T("en", "coach.cohort.none") {
		t.Errorf("set page: h1 %q, cohort %q", h1(setPage), setPage.text("#cohort-h ~ p.empty"))
	}

	// The candidate opens the link: who invites them and what joining shares.
	kc := ts.client(t)
	cand := signupAs(t, ts, kc, "Mina Sato", "mina@example.com", "ja", "candidate")
	jp := ts.get(t, kc, "/join/"+token)
	if jp.StatusCode != 200 || h1(jp) != i18n.T("ja", "join.title") {
		t.Fatalf("join page: %d %q", jp.StatusCode, h1(jp))
	}
	if jp.text(".lead") != i18n.T("ja", "join.from", "Coach Kana") || jp.text("h2") != title {
		t.Errorf("join page: lead %q, h2 %q", jp.text(".lead"), jp.text("h2"))
	}
	meta := jp.text(".card .muted")
	if !strings.Contains(meta, i18n.T("ja", "coach.set.count", 4)) || !strings.Contains(meta, i18n.T("ja", "coach.set.due.on", "2030-06-30")) {
		t.Errorf("join page meta %q", meta)
	}
	if jp.text("h3") != i18n.T("ja", "join.shared") || !strings.Contains(jp.body, i18n.T("ja", "join.shared.body")) {
		t.Errorf("join page does not say what is shared")
	}
	if jp.text(fmt.Sprintf(`form[action="/join/%s"] button`, token)) != i18n.T("ja", "join.accept") {
		t.Error("join page has no join button")
	}
	// A visitor is asked to sign up or log in and come back; the coach is told it is their own set.
	vp := ts.get(t, ts.client(t), "/join/"+token+"?lang=en")
	if vp.StatusCode != 200 || vp.text("p.notice") != i18n.T("en", "join.login") ||
		vp.doc.Find(`a[href="/signup?next=/join/`+token+`"]`).Length() != 1 || vp.doc.Find(`form[action^="/join/"]`).Length() != 0 {
		t.Errorf("visitor's join page: %d %q", vp.StatusCode, vp.text("p.notice"))
	}
	if own := ts.get(t, cc, "/join/"+token); own.text("p.notice") != i18n.T("en", "join.own") || own.doc.Find(`form[action^="/join/"]`).Length() != 0 {
		t.Errorf("coach's own join page: %q", own.text("p.notice"))
	}
	r = ts.postRaw(t, kc, "/join/"+token, url.Values{csrfField: {formToken(t, jp)}}.Encode())
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/me" {
		t.Fatalf("join: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM memberships WHERE set_id = ? AND candidate_id = ?", setID, cand.ID); n != 1 {
		t.Fatalf("%d membership rows", n)
	}
	// The set's questions are queued as new cards.
	cards, _ := ts.store.Cards(ctx, cand.ID)
	if len(cards) != 4 {
		t.Errorf("%d cards queued, want 4", len(cards))
	}
	me := ts.get(t, kc, "/me")
	if me.text(".flash") != i18n.T("ja", "join.done") {
		t.Errorf("join flash %q", me.text(".flash"))
	}
	checkProgress := func(me *response, answered int) {
		t.Helper()
		li := me.doc.Find("li.assigned-set")
		if li.Length() != 1 || li.Find("h3").Text() != title || !strings.Contains(li.Find(".muted").Text(), i18n.T("ja", "me.sets.coach", "Coach Kana")) {
			t.Fatalf("assigned set on /me: %d %q", li.Length(), li.Find("h3").Text())
		}
		bar := li.Find(fmt.Sprintf("progress#set-progress-%d", setID))
		max, _ := bar.Attr("max")
		val, _ := bar.Attr("value")
		if bar.Length() != 1 || max != "4" || val != strconv.Itoa(answered) {
			t.Errorf("progress bar max %q value %q, want 4 and %d", max, val, answered)
		}
		if got := strings.TrimSpace(li.Find(fmt.Sprintf(`label[for="set-progress-%d"]`, setID)).Text()); got != i18n.T("ja", "me.sets.progress", answered, 4) {
			t.Errorf("progress label %q", got)
		}
	}
	checkProgress(me, 0)
	if j := ts.get(t, kc, "/join/"+token); j.text("p.notice") != i18n.T("ja", "join.member") {
		t.Errorf("join page for a member: %q", j.text("p.notice"))
	}

	// The candidate answers a bank question and the coach's own one.
	answer1 := "前職では新規開拓で四半期の目標を120%達成しました。"
	a1 := saveAttempt(t, ts, kc, b[1], answer1)
	pp, _ := openPractice(t, ts, kc, customQ)
	if h1(pp) != "Tell me about a deal you lost and what you changed." {
		t.Errorf("custom practice h1 %q", h1(pp))
	}
	if pp.doc.Find(".qsection-guidance em").Text() != "STAR" {
		t.Errorf("guidance not rendered: %q", pp.doc.Find(".qsection-guidance").Text())
	}
	if v, _ := pp.doc.Find("select#time-limit option[selected]").Attr("value"); v != "90" {
		t.Errorf("custom question's time %q, want its own 90 s", v)
	}
	if got := pp.text(".tag-cat"); got != i18n.T("ja", "q.custom") {
		t.Errorf("custom question category %q", got)
	}
	answer2 := "失注した案件から、決裁者に早く会うことを学びました。"
	a2 := saveAttempt(t, ts, kc, customQ, answer2)
	checkProgress(ts.get(t, kc, "/me"), 2)

	// The coach's matrix shows who answered what.
	checkMatrix := func(coachRating int) {
		t.Helper()
		for _, path := range []string{"/coach", fmt.Sprintf("/coach/sets/%d", setID)} {
			p := ts.get(t, cc, path)
			scope := p.doc.Selection
			if path == "/coach" {
				scope = p.doc.Find(fmt.Sprintf(`section[aria-labelledby="set-%d-h"]`, setID))
				if scope.Find("h2 a").Text() != title {
					t.Errorf("/coach: set heading %q", scope.Find("h2 a").Text())
				}
			}
			row := cohortRow(scope, cand.ID)
			if row.Length() != 1 || row.Find("th a").Text() != "Mina Sato" {
				t.Fatalf("%s: candidate row missing", path)
			}
			tds := row.Find("td")
			if tds.Length() != 5 || strings.TrimSpace(tds.Eq(0).Text()) != "2/4" {
				t.Fatalf("%s: row %q", path, row.Text())
			}
			cell := func(i int, id int64, want string) {
				t.Helper()
				a := tds.Eq(i).Find("a")
				if href, _ := a.Attr("href"); href != fmt.Sprintf("/coach/attempts/%d", id) || a.Text() != want {
					t.Errorf("%s: cell %d %q -> %q, want %q", path, i, a.Text(), href, want)
				}
			}
			cell(1, a1, i18n.T("en", "coach.cell", 1, 3))
			want2 := i18n.T("en", "coach.cell", 1, 3)
			if coachRating > 0 {
				want2 += i18n.T("en", "coach.cell.coach", coachRating)
				if !tds.Eq(3).HasClass("cell-rated") {
					t.Errorf("%s: rated cell not marked", path)
				}
			}
			cell(3, a2, want2)
			for _, i := range []int{2, 4} {
				if !tds.Eq(i).HasClass("cell-none") || !strings.Contains(tds.Eq(i).Text(), i18n.T("en", "coach.cell.none")) {
					t.Errorf("%s: cell %d %q should be not started", path, i, tds.Eq(i).Text())
				}
			}
		}
	}
	checkMatrix(0)

	// The coach reviews the custom answer.
	ap := ts.get(t, cc, fmt.Sprintf("/coach/attempts/%d", a2))
	if ap.StatusCode != 200 || h1(ap) != "Tell me about a deal you lost and what you changed." || !strings.Contains(ap.text(".answer-text"), answer2) {
		t.Fatalf("coach's attempt page: %d %q", ap.StatusCode, h1(ap))
	}
	if href, _ := ap.doc.Find(".crumbs a").Attr("href"); href != fmt.Sprintf("/coach/candidates/%d", cand.ID) || !strings.Contains(ap.text(".crumbs a"), "Mina Sato") {
		t.Errorf("crumbs %q -> %q", ap.text(".crumbs a"), href)
	}
	if ap.doc.Find("#feedback").Length() != 0 || ap.doc.Find(fmt.Sprintf(`form[action="/coach/attempts/%d/review"] fieldset.criterion`, a2)).Length() != 6 {
		t.Error("review form missing, or feedback shown before any review")
	}
	if r := ts.get(t, cc, fmt.Sprintf("/coach/attempts/%d", a1)); r.StatusCode != 200 || !strings.Contains(r.text(".answer-text"), answer1) {
		t.Errorf("coach's bank attempt page: %d", r.StatusCode)
	}
	coachRatings := []int{2, 3, 4, 5, 1, 2}
	comment := "Good *structure*; add numbers. See [the guide](https://example.com/numbers)."
	postReview(t, ts, cc, a2, reviewValues(comment, coachRatings...))
	ap = ts.get(t, cc, fmt.Sprintf("/coach/attempts/%d", a2))
	if ap.text(".flash") != i18n.T("en", "feedback.flash.saved") {
		t.Errorf("review flash %q", ap.text(".flash"))
	}
	for i, k := range store.Criteria {
		if ap.doc.Find(fmt.Sprintf("input#r_%s-%d[checked]", k, coachRatings[i])).Length() != 1 {
			t.Errorf("saved rating %s=%d not checked on the form", k, coachRatings[i])
		}
	}
	if strings.TrimSpace(ap.doc.Find("textarea#comment").Text()) != comment {
		t.Errorf("comment field %q", ap.doc.Find("textarea#comment").Text())
	}
	rev, _, err := ts.store.FeedbackOf(ctx, a2)
	if err != nil || rev.CoachID != coach.ID || rev.Comment != comment || rev.SeenAt != nil || rev.Ratings.Overall != 2 || rev.Ratings.Concise != 1 {
		t.Fatalf("stored review %+v, %v", rev, err)
	}
	// The coach's overall rating now schedules the card.
	card, err := ts.store.CardFor(ctx, cand.ID, customQ)
	if err != nil || card.LastScore != coachRatings[5] || card.Reps != 1 {
		t.Errorf("custom question's card %+v, %v; want LastScore %d", card, err, coachRatings[5])
	}
	if card, err := ts.store.CardFor(ctx, cand.ID, b[1]); err != nil || card.LastScore != 3 {
		t.Errorf("unreviewed card %+v, %v; want the self-rating 3", card, err)
	}
	checkMatrix(coachRatings[5])

	// The candidate sees the new feedback, then reads it.
	badge := ts.get(t, kc, "/me").doc.Find("a.badge")
	if strings.TrimSpace(badge.Text()) != i18n.T("ja", "me.feedback", 1) {
		t.Errorf("feedback badge %q", badge.Text())
	}
	at := ts.get(t, kc, fmt.Sprintf("/attempts/%d", a2))
	fb := at.doc.Find("section#feedback")
	if at.StatusCode != 200 || fb.Find("h2").Text() != i18n.T("ja", "feedback.feedback") {
		t.Fatalf("candidate's attempt page: %d, feedback %q", at.StatusCode, fb.Find("h2").Text())
	}
	fb.Find("table.compare-ratings tbody tr").Each(func(i int, tr *goquery.Selection) {
		k := store.Criteria[i]
		if tr.Find("th").Text() != i18n.T("ja", "rubric."+k+".name") || tr.Find("td").Eq(0).Text() != strconv.Itoa([]int{4, 4, 4, 4, 4, 3}[i]) ||
			tr.Find("td").Eq(1).Text() != strconv.Itoa(coachRatings[i]) {
			t.Errorf("feedback row %d: %q", i, tr.Text())
		}
	})
	if fb.Find("table.compare-ratings tbody tr").Length() != 6 {
		t.Errorf("%d feedback rows", fb.Find("table.compare-ratings tbody tr").Length())
	}
	if fb.Find(".comment em").Text() != "structure" {
		t.Errorf("comment not rendered: %q", fb.Find(".comment").Text())
	}
	if rel, _ := fb.Find(`.comment a[href="https://example.com/numbers"]`).Attr("rel"); !strings.Contains(rel, "nofollow") || !strings.Contains(rel, "noopener") {
		t.Errorf("comment link rel %q", rel)
	}
	if rev, _, _ := ts.store.FeedbackOf(ctx, a2); rev.SeenAt == nil {
		t.Error("review not marked seen after the candidate read it")
	}
	if m := ts.get(t, kc, "/me"); m.doc.Find("a.badge").Length() != 0 {
		t.Errorf("feedback badge still shown: %q", m.text("a.badge"))
	}

	// Each side replies once.
	reply := func(c *http.Client, path, body, lang, author string) {
		t.Helper()
		r := ts.postForm(t, c, path+"/reply", url.Values{"body": {body}})
		if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != path+"#feedback" {
			t.Fatalf("reply on %s: %d %q (%s)", path, r.StatusCode, r.Header.Get("Location"), errorsOf(r))
		}
		page := ts.get(t, c, path)
		if page.text(".flash") != i18n.T(lang, "feedback.flash.reply") {
			t.Errorf("reply flash %q", page.text(".flash"))
		}
		var mine *goquery.Selection
		page.doc.Find("ul.replies > li").Each(func(_ int, li *goquery.Selection) {
			if li.Find("strong").First().Text() == author {
				mine = li
			}
		})
		if mine == nil || !strings.Contains(mine.Text(), body) {
			t.Errorf("%s's reply not shown on %s", author, path)
		}
		if page.doc.Find("form.reply-form").Length() != 0 || !strings.Contains(page.doc.Find("#feedback").Text(), i18n.T(lang, "feedback.replied")) {
			t.Errorf("%s: reply form still offered after replying", path)
		}
		again := ts.postForm(t, c, path+"/reply", url.Values{"body": {"And another thing"}})
		if again.StatusCode != http.StatusConflict || h1(again) != i18n.T(lang, "error.409.title") {
			t.Errorf("second reply on %s: %d %q", path, again.StatusCode, h1(again))
		}
	}
	reply(kc, fmt.Sprintf("/attempts/%d", a2), "ありがとうございます。数字を入れて練習します。", "ja", "Mina Sato")
	reply(cc, fmt.Sprintf("/coach/attempts/%d", a2), "Great, try it again on Friday.", "en", "Coach Kana")
	if n := ts.count(t, "SELECT COUNT(*) FROM review_replies WHERE review_id = ?", rev.ID); n != 2 {
		t.Errorf("%d replies stored, want 2", n)
	}
	if n := ts.get(t, kc, fmt.Sprintf("/attempts/%d", a2)).doc.Find("ul.replies > li").Length(); n != 2 {
		t.Errorf("candidate sees %d replies, want 2", n)
	}

	// Calibration: self 4 vs coach 1 on conciseness is the largest gap.
	me = ts.get(t, kc, "/me")
	wantSelf := i18n.T("ja", "cal.higher.self", i18n.T("ja", "rubric.concise.name"), 3.0)
	if got := me.text("section.calibration .reading"); got != wantSelf || !strings.Contains(got, i18n.T("ja", "rubric.concise.name")) {
		t.Errorf("/me calibration reading %q, want %q", got, wantSelf)
	}
	if me.doc.Find("section.calibration .chart svg").Length() != 1 || me.text("section.calibration p.muted") != i18n.T("ja", "cal.n", 1) {
		t.Errorf("/me calibration chart or count missing")
	}
	cp := ts.get(t, cc, fmt.Sprintf("/coach/candidates/%d", cand.ID))
	wantCoach := i18n.T("en", "cal.higher.coach", i18n.T("en", "rubric.concise.name"), 3.0)
	if cp.StatusCode != 200 || h1(cp) != "Mina Sato" || cp.text("section.calibration .reading") != wantCoach {
		t.Errorf("candidate page: %d %q, reading %q, want %q", cp.StatusCode, h1(cp), cp.text("section.calibration .reading"), wantCoach)
	}
	for _, id := range []int64{a1, a2} {
		if cp.doc.Find(fmt.Sprintf(`ul.attempt-list a[href="/coach/attempts/%d"]`, id)).Length() != 1 {
			t.Errorf("candidate page does not list attempt %d", id)
		}
	}

	// CSV export: a header row and the candidate's row.
	csvPath := fmt.Sprintf("/coach/sets/%d/export.csv", setID)
	res := ts.get(t, cc, csvPath)
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/csv; charset=utf-8" ||
		res.Header.Get("Content-Disposition") != fmt.Sprintf(`attachment; filename="aeprep-set-%d.csv"`, setID) {
		t.Fatalf("CSV: %d %q %q", res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
	}
	if !strings.HasPrefix(res.body, "\ufeff") {
		t.Error("CSV has no byte-order mark for spreadsheets")
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(res.body, "\ufeff"))).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("CSV records %v, %v", recs, err)
	}
	head := recs[0]
	if len(head) != 2+3*4 || head[0] != i18n.T("en", "coach.csv.candidate") || head[1] != i18n.T("en", "coach.csv.email") ||
		head[2] != bankTitle(t, b[1], "en")+" · "+i18n.T("en", "coach.csv.attempts") || head[12] != bankTitle(t, b[3], "en")+" · "+i18n.T("en", "coach.csv.self") {
		t.Errorf("CSV header %q", head)
	}
	wantRow := []string{"Mina Sato", "mina@example.com", "1", "3", "", "0", "", "", "1", "3", "2", "0", "", ""}
	if !sameStrings(recs[1], wantRow) {
		t.Errorf("CSV row %q, want %q", recs[1], wantRow)
	}
	ja := ts.get(t, cc, csvPath+"?lang=ja")
	jrecs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(ja.body, "\ufeff"))).ReadAll()
	if err != nil || len(jrecs) != 2 || jrecs[0][0] != i18n.T("ja", "coach.csv.candidate") || jrecs[0][2] != bankTitle(t, b[1], "ja")+" · "+i18n.T("ja", "coach.csv.attempts") {
		t.Errorf("Japanese CSV header %v, %v", jrecs, err)
	}
}

// --- 2. Authorisation of every route that takes an id or a token

// Who calls a route, in the order each row calls them. The owner goes last
// so a route that changes something is first refused to everyone else.
const (
	asVisitor    = iota // not signed in
	asStranger          // a candidate who is not a member of the coach's set
	asOtherCoach        // a coach who does not own the set
	asPartner           // the other side: on coach routes the member candidate, on candidate routes the set's coach
	asOwner             // the set's coach on coach routes; the member candidate (owner of the attempt) on candidate routes
)

var authRoleNames = [...]string{"visitor", "another candidate", "another coach", "partner", "owner"}

func TestCoachRoutesAuthorisation(t *testing.T) {
	ctx := context.Background()
	ts := newTestServer(t)
	b := bankIDs(t, 4)
	const secretTitle = "Secret set for Mina"
	const secretAnswer = "My secret answer: 137% of quota in FY2024."

	ownerC, memberC, otherCoachC, strangerC, visitorC := ts.client(t), ts.client(t), ts.client(t), ts.client(t), ts.client(t)
	coach := signupAs(t, ts, ownerC, "Owner Coach", "owner-coach@example.com", "en", "coach")
	member := signupAs(t, ts, memberC, "Member Mina", "member@example.com", "ja", "candidate")
	signupAs(t, ts, otherCoachC, "Other Coach", "other-coach@example.com", "ja", "coach")
	stranger := signupAs(t, ts, strangerC, "Stranger Sam", "stranger@example.com", "en", "candidate")
	langOfRole := map[*http.Client]string{visitorC: "ja", strangerC: "en", otherCoachC: "ja", memberC: "ja", ownerC: "en"}

	setID := postNewSet(t, ts, ownerC, secretTitle, b[0], b[1], b[2])
	custom := addCustom(t, ts, ownerC, setID, "Pitch *our* CRM to a CFO.", "Lead with cost.", "")
	customQ := custom.QuestionID
	archID := postNewSet(t, ts, ownerC, "Set to archive", b[0])
	token, _ := newInvite(t, ts, ownerC, setID, "")
	tok2, _ := newInvite(t, ts, ownerC, setID, "30")
	inv2 := inviteID(t, ts, setID, tok2)
	items := setItemsOf(t, ts, setID)
	// The other coach's own set, item and invite, to mix with the owner's ids.
	setB := postNewSet(t, ts, otherCoachC, "Other coach's set", b[0])
	itemB := setItemsOf(t, ts, setB)[0].ID
	tokB, _ := newInvite(t, ts, otherCoachC, setB, "")
	invB := inviteID(t, ts, setB, tokB)

	strangerAtt := saveAttempt(t, ts, strangerC, b[0], "The stranger's own answer.")
	joinVia(t, ts, memberC, token)
	a1 := saveAttempt(t, ts, memberC, b[0], secretAnswer)
	a3 := saveAttempt(t, ts, memberC, b[0], "A second try at the same question.")
	saveAttempt(t, ts, memberC, customQ, "An answer to the coach's own question.")
	postReview(t, ts, ownerC, a1, reviewValues("First review", 3, 3, 3, 3, 3, 3))

	setPath := fmt.Sprintf("/coach/sets/%d", setID)
	at1 := fmt.Sprintf("/attempts/%d", a1)
	updated := url.Values{"title": {"Renamed by its coach"}, "lang": {"en"}}
	practice := practiceValues("An answer through the table.", "tok-authorisation-0001", 3, 3, 3, 3, 3, 3)

	// want: visitor, another candidate, another coach, partner, owner.
	//  - Coach routes sit behind requireCoach: a visitor's GET is sent to
	//    log in (303 /login?next=...), a visitor's POST with a valid CSRF
	//    token is 401 (without one the CSRF check answers 403 first), any
	//    candidate gets 403, and another coach's ids are 404 (the store
	//    looks every set, item, invite, candidate and attempt up through
	//    the signed-in coach).
	//  - Candidate routes look the attempt up through its owner: anyone
	//    else, the set's coach included, gets 404.
	//  - Custom questions are visible to their coach and the set's members
	//    only; /questions/custom-N is a public route, so a visitor gets 404
	//    there rather than a log-in redirect.
	//  - An invite page is readable by whoever holds the token; joining
	//    works for any signed-in account except the set's own coach (422).
	cases := []struct {
		name         string
		method, path string
		vals         url.Values
		candidate    bool // a candidate route (owner = the member) rather than a coach route
		want         [5]int
	}{
		{"dashboard", "GET", "/coach", nil, false, [5]int{303, 403, 200, 403, 200}},
		{"set list", "GET", "/coach/sets", nil, false, [5]int{303, 403, 200, 403, 200}},
		{"new set form", "GET", "/coach/sets/new", nil, false, [5]int{303, 403, 200, 403, 200}},
		{"set page", "GET", setPath, nil, false, [5]int{303, 403, 404, 403, 200}},
		{"update set", "POST", setPath, updated, false, [5]int{401, 403, 404, 403, 303}},
		{"edit form", "GET", setPath + "/edit", nil, false, [5]int{303, 403, 404, 403, 200}},
		{"add bank item", "POST", setPath + "/items", url.Values{"question_id": {b[3]}}, false, [5]int{401, 403, 404, 403, 303}},
		{"add custom item", "POST", setPath + "/custom", url.Values{"prompt": {"Another question of mine"}}, false, [5]int{401, 403, 404, 403, 303}},
		{"move item", "POST", fmt.Sprintf("%s/items/%d/move", setPath, itemWithQID(t, items, b[1]).ID), url.Values{"dir": {"up"}}, false, [5]int{401, 403, 404, 403, 303}},
		{"delete item", "POST", fmt.Sprintf("%s/items/%d/delete", setPath, itemWithQID(t, items, b[2]).ID), nil, false, [5]int{401, 403, 404, 403, 303}},
		{"move another coach's item", "POST", fmt.Sprintf("%s/items/%d/move", setPath, itemB), url.Values{"dir": {"up"}}, false, [5]int{401, 403, 404, 403, 404}},
		{"delete another coach's item", "POST", fmt.Sprintf("%s/items/%d/delete", setPath, itemB), nil, false, [5]int{401, 403, 404, 403, 404}},
		{"duplicate", "POST", setPath + "/duplicate", nil, false, [5]int{401, 403, 404, 403, 303}},
		{"archive", "POST", fmt.Sprintf("/coach/sets/%d/archive", archID), nil, false, [5]int{401, 403, 404, 403, 303}},
		{"create invite", "POST", setPath + "/invites", url.Values{"days": {"7"}}, false, [5]int{401, 403, 404, 403, 303}},
		{"revoke invite", "POST", fmt.Sprintf("%s/invites/%d/revoke", setPath, inv2), nil, false, [5]int{401, 403, 404, 403, 303}},
		{"revoke another coach's invite", "POST", fmt.Sprintf("%s/invites/%d/revoke", setPath, invB), nil, false, [5]int{401, 403, 404, 403, 404}},
		{"export CSV", "GET", setPath + "/export.csv", nil, false, [5]int{303, 403, 404, 403, 200}},
		{"candidate page", "GET", fmt.Sprintf("/coach/candidates/%d", member.ID), nil, false, [5]int{303, 403, 404, 403, 200}},
		{"non-member's candidate page", "GET", fmt.Sprintf("/coach/candidates/%d", stranger.ID), nil, false, [5]int{303, 403, 404, 403, 404}},
		{"coach attempt page", "GET", "/coach" + at1, nil, false, [5]int{303, 403, 404, 403, 200}},
		{"non-member's attempt", "GET", fmt.Sprintf("/coach/attempts/%d", strangerAtt), nil, false, [5]int{303, 403, 404, 403, 404}},
		{"review", "POST", "/coach" + at1 + "/review", reviewValues("Second look", 4, 4, 4, 4, 4, 4), false, [5]int{401, 403, 404, 403, 303}},
		{"coach reply", "POST", "/coach" + at1 + "/reply", url.Values{"body": {"From the coach"}}, false, [5]int{401, 403, 404, 403, 303}},

		{"attempt page", "GET", at1, nil, true, [5]int{303, 404, 404, 404, 200}},
		{"attempt notes", "POST", at1 + "/notes", url.Values{"notes": {"The owner's notes"}}, true, [5]int{401, 404, 404, 404, 303}},
		{"attempt delete page", "GET", at1 + "/delete", nil, true, [5]int{303, 404, 404, 404, 200}},
		{"compare attempts", "GET", fmt.Sprintf("/attempts/compare?a=%d&b=%d", a1, a3), nil, true, [5]int{303, 404, 404, 404, 200}},
		{"candidate reply", "POST", at1 + "/reply", url.Values{"body": {"From the candidate"}}, true, [5]int{401, 404, 404, 404, 303}},
		{"practise custom question", "GET", "/practice/" + customQ, nil, true, [5]int{303, 404, 404, 200, 200}},
		{"save custom answer", "POST", "/practice/" + customQ, practice, true, [5]int{401, 404, 404, 303, 303}},
		{"custom question page", "GET", "/questions/" + customQ, nil, true, [5]int{404, 404, 404, 200, 200}},
		{"invite page", "GET", "/join/" + token, nil, true, [5]int{200, 200, 200, 200, 200}},
		{"leave coach", "POST", fmt.Sprintf("/me/coaches/%d/leave", coach.ID), nil, true, [5]int{401, 404, 404, 404, 303}},
		// Last: joining changes who may see what.
		{"join", "POST", "/join/" + token, nil, true, [5]int{401, 303, 303, 422, 303}},
	}
	secrets := []string{secretTitle, secretAnswer, "member@example.com", "Pitch <em>our</em> CRM"}
	checked := 0
	for _, tc := range cases {
		clients := [5]*http.Client{visitorC, strangerC, otherCoachC, memberC, ownerC}
		if tc.candidate {
			clients[asPartner], clients[asOwner] = ownerC, memberC
		}
		for role, c := range clients {
			var r *response
			if tc.method == "GET" {
				r = ts.get(t, c, tc.path)
			} else {
				r = ts.postForm(t, c, tc.path, tc.vals)
			}
			checked++
			who := fmt.Sprintf("%s %s (%s) as %s", tc.method, tc.path, tc.name, authRoleNames[role])
			if r.StatusCode != tc.want[role] {
				t.Errorf("%s: %d, want %d", who, r.StatusCode, tc.want[role])
				continue
			}
			lang := langOfRole[c]
			switch code := r.StatusCode; {
			case code == http.StatusSeeOther && role == asVisitor:
				if loc := r.Header.Get("Location"); loc != "/login?next="+url.QueryEscape(tc.path) {
					t.Errorf("%s: sent to %q", who, loc)
				}
			case code >= 400:
				if h1(r) != i18n.T(lang, fmt.Sprintf("error.%d.title", code)) {
					t.Errorf("%s: error page h1 %q in %s", who, h1(r), lang)
				}
				for _, s := range secrets {
					if strings.Contains(r.body, s) {
						t.Errorf("%s: the refusal shows %q", who, s)
					}
				}
			}
			// Without a CSRF token a visitor's POST is refused before anything else.
			if role == asVisitor && tc.method == "POST" {
				checked++
				if r := ts.postRaw(t, c, tc.path, tc.vals.Encode()); r.StatusCode != http.StatusForbidden {
					t.Errorf("%s without a CSRF token: %d, want 403", who, r.StatusCode)
				}
			}
		}
	}
	t.Logf("%d routes × 5 callers: %d requests checked", len(cases), checked)

	// Only the owners' requests changed anything.
	set, err := ts.store.CoachSet(ctx, coach.ID, setID)
	if err != nil || set.Title != "Renamed by its coach" {
		t.Errorf("set after the table: %+v, %v", set, err)
	}
	wantItems := []string{b[1], b[0], customQ, b[3]}
	got := itemQIDs(setItemsOf(t, ts, setID))
	if len(got) != 5 || !sameStrings(got[:4], wantItems) || !strings.HasPrefix(got[4], store.CustomPrefix) {
		t.Errorf("items after the table %v, want %v + one custom", got, wantItems)
	}
	if n := len(setItemsOf(t, ts, setB)); n != 1 {
		t.Errorf("the other coach's set has %d items, want 1", n)
	}
	if invs, _ := ts.store.Invites(ctx, setB); len(invs) != 1 || invs[0].RevokedAt != nil {
		t.Errorf("the other coach's invite changed: %+v", invs)
	}
	if invs, _ := ts.store.Invites(ctx, setID); len(invs) != 3 {
		t.Errorf("%d invites on the set, want 3", len(invs))
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM invites WHERE id = ? AND revoked_at IS NOT NULL", inv2); n != 1 {
		t.Error("the owner's revoke did not stick")
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM coach_sets WHERE coach_id = ?", coach.ID); n != 3 {
		t.Errorf("the owner has %d sets, want 3 (set, archived set, copy)", n)
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM coach_sets WHERE archived_at IS NOT NULL"); n != 1 {
		t.Errorf("%d archived sets, want 1", n)
	}
	if rev, replies, err := ts.store.FeedbackOf(ctx, a1); err != nil || rev.CoachID != coach.ID || rev.Comment != "Second look" || len(replies) != 2 {
		t.Errorf("review after the table: %+v, %d replies, %v", rev, len(replies), err)
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM reviews"); n != 1 {
		t.Errorf("%d reviews, want 1", n)
	}
	if a, err := ts.store.Attempt(ctx, member.ID, a1); err != nil || a.Notes != "The owner's notes" || a.Answer != secretAnswer {
		t.Errorf("attempt after the table: %+v, %v", a, err)
	}
}

// --- 3. Bad input

func TestCoachRejectsBadInput(t *testing.T) {
	ctx := context.Background()
	ts := newTestServer(t)
	b := bankIDs(t, 3)
	type account struct {
		c    *http.Client
		u    *store.User
		lang string
	}
	coaches := []account{}
	for _, lang := range []string{"ja", "en"} {
		c := ts.client(t)
		coaches = append(coaches, account{c, signupAs(t, ts, c, "Coach "+lang, "coach-"+lang+"@example.com", lang, "coach"), lang})
	}
	fieldErr := func(t *testing.T, r *response, field, lang, key string) {
		t.Helper()
		if r.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("%s: status %d, want 422", field, r.StatusCode)
		}
		if got := r.text("#" + field + "-error"); got != i18n.T(lang, key) {
			t.Errorf("%s error %q, want %q", field, got, i18n.T(lang, key))
		}
	}

	t.Run("new set", func(t *testing.T) {
		cases := []struct {
			name       string
			change     func(url.Values)
			field, key string
		}{
			{"empty title", func(v url.Values) { v.Set("title", "  \t ") }, "title", "form.err.required"},
			{"long title", func(v url.Values) { v.Set("title", strings.Repeat("長", 121)) }, "title", "form.err.toolong"},
			{"broken UTF-8 title", func(v url.Values) { v.Set("title", "ok \xff\xfe") }, "title", "form.err.encoding"},
			{"long description", func(v url.Values) { v.Set("description", strings.Repeat("x", 5001)) }, "description", "form.err.toolong"},
			{"no questions", func(v url.Values) { v.Del("q") }, "q", "coach.err.noquestions"},
			{"empty question id", func(v url.Values) { v["q"] = []string{""} }, "q", "coach.err.unknown"},
			{"unknown question", func(v url.Values) { v["q"] = []string{"no-such-question"} }, "q", "coach.err.unknown"},
			{"known and unknown", func(v url.Values) { v["q"] = []string{b[0], "../../etc/passwd"} }, "q", "coach.err.unknown"},
			{"custom id as bank pick", func(v url.Values) { v["q"] = []string{"custom-1"} }, "q", "coach.err.unknown"},
			{"time limit too long", func(v url.Values) { v.Set("time_limit", "1801") }, "time_limit", "coach.err.time"},
			{"negative time limit", func(v url.Values) { v.Set("time_limit", "-30") }, "time_limit", "coach.err.time"},
			{"time limit not a number", func(v url.Values) { v.Set("time_limit", "2 minutes") }, "time_limit", "coach.err.time"},
			{"impossible date", func(v url.Values) { v.Set("due", "2030-02-30") }, "due", "coach.err.date"},
			{"date in another format", func(v url.Values) { v.Set("due", "30/06/2030") }, "due", "coach.err.date"},
			{"date as a word", func(v url.Values) { v.Set("due", "tomorrow") }, "due", "coach.err.date"},
			{"unknown language", func(v url.Values) { v.Set("lang", "fr") }, "lang", "form.err.choice"},
		}
		for _, co := range coaches {
			for _, tc := range cases {
				vals := url.Values{"title": {"A valid title"}, "description": {"Kept description"}, "lang": {"en"},
					"time_limit": {"120"}, "due": {"2030-01-31"}, "q": {b[0], b[1]}}
				tc.change(vals)
				r := ts.postForm(t, co.c, "/coach/sets", vals)
				t.Run(co.lang+"/"+tc.name, func(t *testing.T) {
					fieldErr(t, r, tc.field, co.lang, tc.key)
					if r.text("p.form-errors") != i18n.T(co.lang, "form.errors") || h1(r) != i18n.T(co.lang, "coach.set.new") {
						t.Errorf("form page: %q %q", r.text("p.form-errors"), h1(r))
					}
					if tc.field != "title" {
						if v, _ := r.doc.Find("input#title").Attr("value"); v != "A valid title" {
							t.Errorf("title not kept: %q", v)
						}
					}
					if tc.field != "description" && strings.TrimSpace(r.doc.Find("textarea#description").Text()) != "Kept description" {
						t.Errorf("description not kept")
					}
					if tc.field != "q" && r.doc.Find(fmt.Sprintf(`input[name=q][value="%s"][checked]`, b[0])).Length() != 1 {
						t.Errorf("picked question not kept")
					}
				})
			}
		}
		if n := ts.count(t, "SELECT COUNT(*) FROM coach_sets"); n != 0 {
			t.Errorf("%d sets saved from bad forms", n)
		}
		if n := ts.count(t, "SELECT COUNT(*) FROM set_items"); n != 0 {
			t.Errorf("%d items saved from bad forms", n)
		}
	})

	co := coaches[1] // English
	setID := postNewSet(t, ts, co.c, "Bad input set", b[0], b[1])
	setPath := fmt.Sprintf("/coach/sets/%d", setID)
	itemCount := func() int64 { return ts.count(t, "SELECT COUNT(*) FROM set_items WHERE set_id = ?", setID) }

	t.Run("edit set", func(t *testing.T) {
		for _, tc := range []struct {
			field, value, key string
		}{{"title", "", "form.err.required"}, {"time_limit", "99999", "coach.err.time"}, {"due", "2030-13-01", "coach.err.date"}, {"lang", "xx", "form.err.choice"}} {
			vals := url.Values{"title": {"Renamed"}, "lang": {"en"}, tc.field: {tc.value}}
			r := ts.postForm(t, co.c, setPath, vals)
			fieldErr(t, r, tc.field, "en", tc.key)
			// The page is still about the stored set, not the rejected input.
			if h1(r) != i18n.T("en", "coach.set.edit", "Bad input set") {
				t.Errorf("%s: h1 %q after a rejected edit", tc.field, h1(r))
			}
			if set, _ := ts.store.CoachSet(ctx, co.u.ID, setID); set.Title != "Bad input set" || set.TimeLimit != 0 || set.DueAt != nil {
				t.Errorf("%s: set changed by a rejected edit: %+v", tc.field, set)
			}
		}
	})

	t.Run("custom question", func(t *testing.T) {
		for _, tc := range []struct {
			name                      string
			prompt, guidance, seconds string
			field, key                string
		}{
			{"empty prompt", "", "Some guidance", "60", "prompt", "form.err.required"},
			{"blank prompt", " \n\t ", "", "", "prompt", "form.err.required"},
			{"long prompt", strings.Repeat("問", 1001), "", "", "prompt", "form.err.toolong"},
			{"long guidance", "A prompt", strings.Repeat("g", 5001), "", "guidance", "form.err.toolong"},
			{"too few seconds", "A prompt", "", "29", "seconds", "coach.err.seconds"},
			{"too many seconds", "A prompt", "", "601", "seconds", "coach.err.seconds"},
			{"seconds not a number", "A prompt", "", "ninety", "seconds", "coach.err.seconds"},
			{"fractional seconds", "A prompt", "", "90.5", "seconds", "coach.err.seconds"},
		} {
			r := ts.postForm(t, co.c, setPath+"/custom", url.Values{"prompt": {tc.prompt}, "guidance": {tc.guidance}, "seconds": {tc.seconds}})
			fieldErr(t, r, tc.field, "en", tc.key)
			if tc.field != "prompt" && strings.TrimSpace(r.doc.Find("textarea#prompt").Text()) != tc.prompt {
				t.Errorf("%s: prompt not kept", tc.name)
			}
			if n := itemCount(); n != 2 {
				t.Errorf("%s: %d items, want 2", tc.name, n)
			}
		}
	})

	t.Run("items", func(t *testing.T) {
		r := ts.postForm(t, co.c, setPath+"/items", url.Values{"question_id": {"no-such-question"}})
		if r.StatusCode != http.StatusUnprocessableEntity || h1(r) != i18n.T("en", "error.422.title") {
			t.Errorf("unknown bank question: %d %q", r.StatusCode, h1(r))
		}
		if r := ts.postForm(t, co.c, setPath+"/items", url.Values{"question_id": {b[0]}}); r.StatusCode != http.StatusSeeOther {
			t.Errorf("adding a question twice: %d", r.StatusCode)
		}
		if n := itemCount(); n != 2 {
			t.Errorf("%d items, want 2", n)
		}
		for _, p := range []string{"/items/999999/move", "/items/999999/delete", "/items/abc/delete", "/items/-1/move", "/items/0/delete"} {
			if r := ts.postForm(t, co.c, setPath+p, url.Values{"dir": {"up"}}); r.StatusCode != http.StatusNotFound {
				t.Errorf("POST %s: %d, want 404", p, r.StatusCode)
			}
		}
		for _, p := range []string{"/coach/sets/abc", "/coach/sets/0/edit", "/coach/sets/99999999999999999999", "/coach/attempts/abc", "/coach/candidates/-3"} {
			if r := ts.get(t, co.c, p); r.StatusCode != http.StatusNotFound {
				t.Errorf("GET %s: %d, want 404", p, r.StatusCode)
			}
		}
		// A set keeps its last question.
		one := postNewSet(t, ts, co.c, "One question", b[2])
		last := setItemsOf(t, ts, one)[0]
		r = ts.postForm(t, co.c, fmt.Sprintf("/coach/sets/%d/items/%d/delete", one, last.ID), nil)
		if r.StatusCode != http.StatusSeeOther {
			t.Fatalf("delete the last question: %d", r.StatusCode)
		}
		if e := ts.get(t, co.c, fmt.Sprintf("/coach/sets/%d/edit", one)); e.text(".flash") != i18n.T("en", "coach.err.lastquestion") {
			t.Errorf("last-question flash %q", e.text(".flash"))
		}
		if n := len(setItemsOf(t, ts, one)); n != 1 {
			t.Errorf("the last question was removed: %d items", n)
		}
	})

	t.Run("invite days", func(t *testing.T) {
		for _, days := range []string{"366", "-1", "abc", "7.5", "1e3"} {
			if r := ts.postForm(t, co.c, setPath+"/invites", url.Values{"days": {days}}); r.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("days=%s: %d, want 422", days, r.StatusCode)
			}
		}
		if n := ts.count(t, "SELECT COUNT(*) FROM invites WHERE set_id = ?", setID); n != 0 {
			t.Errorf("%d invites from bad forms", n)
		}
	})

	// A member with an answer, for reviews and replies.
	token, _ := newInvite(t, ts, co.c, setID, "0")
	if invs, _ := ts.store.Invites(ctx, setID); len(invs) != 1 || invs[0].ExpiresAt != nil {
		t.Errorf("days=0 should never expire: %+v", invs)
	}
	kc := ts.client(t)
	cand := signupAs(t, ts, kc, "Kenji", "kenji@example.com", "ja", "candidate")
	joinVia(t, ts, kc, token)
	aid := saveAttempt(t, ts, kc, b[0], "My answer for review.")
	ap := fmt.Sprintf("/coach/attempts/%d", aid)

	t.Run("review", func(t *testing.T) {
		for _, tc := range []struct {
			name, overall, comment string
			field, key             string
		}{
			{"rating too high", "6", "Kept comment", "r_overall", "form.err.rating.range"},
			{"rating zero", "0", "Kept comment", "r_overall", "form.err.rating.range"},
			{"rating negative", "-1", "Kept comment", "r_overall", "form.err.rating.range"},
			{"rating not a number", "five", "Kept comment", "r_overall", "form.err.rating.range"},
			{"rating missing", "", "Kept comment", "r_overall", "form.err.rating.missing"},
			{"comment too long", "3", strings.Repeat("c", 5001), "comment", "form.err.toolong"},
		} {
			vals := reviewValues(tc.comment, 4, 4, 4, 4, 4)
			vals.Set("r_overall", tc.overall)
			r := ts.postForm(t, co.c, ap+"/review", vals)
			fieldErr(t, r, tc.field, "en", tc.key)
			if tc.field != "comment" && strings.TrimSpace(r.doc.Find("textarea#comment").Text()) != tc.comment {
				t.Errorf("%s: comment not kept", tc.name)
			}
			if r.doc.Find("input#r_example-4[checked]").Length() != 1 {
				t.Errorf("%s: valid ratings not kept", tc.name)
			}
		}
		if n := ts.count(t, "SELECT COUNT(*) FROM reviews"); n != 0 {
			t.Errorf("%d reviews saved from bad forms", n)
		}
		if card, _ := ts.store.CardFor(ctx, cand.ID, b[0]); card.LastScore != 3 {
			t.Errorf("card rescheduled by a rejected review: %+v", card)
		}
	})

	t.Run("replies", func(t *testing.T) {
		// No review yet: nothing to reply to.
		if r := ts.postForm(t, kc, fmt.Sprintf("/attempts/%d/reply", aid), url.Values{"body": {"Hi"}}); r.StatusCode != http.StatusNotFound {
			t.Errorf("reply before a review: %d", r.StatusCode)
		}
		postReview(t, ts, co.c, aid, reviewValues("", 3, 3, 3, 3, 3, 3))
		for _, tc := range []struct {
			c          *http.Client
			path, lang string
		}{{kc, fmt.Sprintf("/attempts/%d", aid), "ja"}, {co.c, ap, "en"}} {
			for body, key := range map[string]string{strings.Repeat("r", 2001): "form.err.toolong", "   ": "form.err.required", "": "form.err.required"} {
				r := ts.postForm(t, tc.c, tc.path+"/reply", url.Values{"body": {body}})
				fieldErr(t, r, "body", tc.lang, key)
			}
		}
		if n := ts.count(t, "SELECT COUNT(*) FROM review_replies"); n != 0 {
			t.Errorf("%d replies saved from bad forms", n)
		}
	})

	t.Run("invites", func(t *testing.T) {
		jc := ts.client(t)
		joiner := signupAs(t, ts, jc, "Joiner", "joiner@example.com", "en", "candidate")
		memberships := func() int64 {
			return ts.count(t, "SELECT COUNT(*) FROM memberships WHERE candidate_id = ?", joiner.ID)
		}
		// Forged tokens are unknown.
		for _, tok := range []string{randomToken(t), "abc", strings.Repeat("A", 200), token[:len(token)-1] + "x"} {
			if tok == token {
				continue
			}
			for _, lang := range []string{"ja", "en"} {
				r := ts.get(t, ts.client(t), "/join/"+tok+"?lang="+lang)
				if r.StatusCode != http.StatusNotFound || h1(r) != i18n.T(lang, "error.404.title") {
					t.Errorf("forged token %q: %d %q", tok, r.StatusCode, h1(r))
				}
			}
			if r := ts.postForm(t, jc, "/join/"+tok, nil); r.StatusCode != http.StatusNotFound {
				t.Errorf("joining with a forged token: %d", r.StatusCode)
			}
		}

		gone := func(tok, key string) {
			t.Helper()
			for _, lang := range []string{"ja", "en"} {
				r := ts.get(t, ts.client(t), "/join/"+tok+"?lang="+lang)
				if r.StatusCode != http.StatusGone || h1(r) != i18n.T(lang, "join.title") || r.text("p.form-errors") != i18n.T(lang, key) {
					t.Errorf("%s in %s: %d %q %q", key, lang, r.StatusCode, h1(r), r.text("p.form-errors"))
				}
				if r.doc.Find(`form[action^="/join/"]`).Length() != 0 {
					t.Errorf("%s: join form still offered", key)
				}
			}
			r := ts.postForm(t, jc, "/join/"+tok, nil)
			if r.StatusCode != http.StatusGone || r.text("p.form-errors") != i18n.T("en", key) {
				t.Errorf("joining with %s: %d %q", key, r.StatusCode, r.text("p.form-errors"))
			}
			if n := memberships(); n != 0 {
				t.Errorf("%s: joined anyway (%d rows)", key, n)
			}
		}
		// Revoked.
		revTok, _ := newInvite(t, ts, co.c, setID, "7")
		inv := inviteID(t, ts, setID, revTok)
		r := ts.postForm(t, co.c, fmt.Sprintf("%s/invites/%d/revoke", setPath, inv), nil)
		if r.StatusCode != http.StatusSeeOther {
			t.Fatalf("revoke: %d", r.StatusCode)
		}
		sp := ts.get(t, co.c, setPath)
		if sp.text(".flash") != i18n.T("en", "coach.flash.revoked") || !strings.Contains(sp.doc.Find("li.invite-off").Text(), i18n.T("en", "coach.invite.revoked")) {
			t.Errorf("set page after revoking: flash %q", sp.text(".flash"))
		}
		if strings.Contains(sp.body, revTok) {
			t.Error("the revoked link is still offered for copying")
		}
		gone(revTok, "join.revoked")
		if r := ts.postForm(t, co.c, fmt.Sprintf("%s/invites/%d/revoke", setPath, inv), nil); r.StatusCode != http.StatusNotFound {
			t.Errorf("revoking twice: %d", r.StatusCode)
		}
		// Expired.
		past := time.Now().Add(-time.Minute)
		expTok, err := ts.store.CreateInvite(ctx, setID, &past)
		if err != nil {
			t.Fatal(err)
		}
		gone(expTok, "join.expired")
		if !strings.Contains(ts.get(t, co.c, setPath).doc.Find("li.invite-off").Text(), i18n.T("en", "coach.invite.expired")) {
			t.Error("expired invite not marked on the set page")
		}
		// Twice.
		joinVia(t, ts, jc, token)
		cards := ts.count(t, "SELECT COUNT(*) FROM cards WHERE user_id = ?", joiner.ID)
		r = ts.postForm(t, jc, "/join/"+token, nil)
		if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/me" {
			t.Errorf("joining twice: %d %q", r.StatusCode, r.Header.Get("Location"))
		}
		if me := ts.get(t, jc, "/me"); me.text(".flash") != i18n.T("en", "join.already") {
			t.Errorf("second join flash %q", me.text(".flash"))
		}
		if n := memberships(); n != 1 {
			t.Errorf("%d memberships after joining twice", n)
		}
		if n := ts.count(t, "SELECT COUNT(*) FROM cards WHERE user_id = ?", joiner.ID); n != cards {
			t.Errorf("cards %d -> %d after joining twice", cards, n)
		}
		// The set's own coach.
		r = ts.postForm(t, co.c, "/join/"+token, nil)
		if r.StatusCode != http.StatusUnprocessableEntity || h1(r) != i18n.T("en", "error.422.title") {
			t.Errorf("coach joining their own set: %d %q", r.StatusCode, h1(r))
		}
		if n := ts.count(t, "SELECT COUNT(*) FROM memberships WHERE candidate_id = ?", co.u.ID); n != 0 {
			t.Errorf("coach became a member of their own set")
		}
	})
}

// --- 4. Coach-written content cannot run script

var xssPayloads = []string{
	`<script>alert(1)</script>`,
	`<ScRiPt SRC=//evil.example/x.js></sCrIpT>`,
	`<img src=x onerror=alert(1)>`,
	`<img src="x" onerror="alert(1)"`,
	`<svg onload=alert(1)>`,
	`<svg><script>alert(1)</script></svg>`,
	`<svg><a xlink:href="javascript:alert(1)"><text x="0" y="20">x</text></a></svg>`,
	`<iframe src="javascript:alert(1)"></iframe>`,
	`<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>`,
	`<embed src="javascript:alert(1)">`,
	`<a href="javascript:alert(1)">click</a>`,
	`<a href=" JaVaScRiPt:alert(1)">click</a>`,
	`<a href="&#x6A;avascript:alert(1)">click</a>`,
	`<a href="data:text/html,<script>alert(1)</script>">click</a>`,
	`[x](javascript:alert(1))`,
	`[x](JAVASCRIPT:alert(1))`,
	`[x](<javascript:alert(1)>)`,
	`[x](&#106;avascript:alert(1))`,
	`[x](java&#x09;script:alert(1))`,
	`[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
	`[x](vbscript:msgbox(1))`,
	`![x](javascript:alert(1))`,
	`![x](https://evil.example/track.png)`,
	`<javascript:alert(1)>`,
	`[x]: javascript:alert(1)` + "\n\n[click][x]",
	`<details open ontoggle=alert(1)>`,
	`<body onload=alert(1)>`,
	`"><script>alert(1)</script>`,
	`'><img src=x onerror=alert(1)>`,
	`" onmouseover="alert(1)" x="`,
	`</textarea><script>alert(1)</script>`,
	`</title><script>alert(1)</script>`,
	`<scr<script>ipt>alert(1)</scr</script>ipt>`,
	`<<script>alert(1)//<</script>`,
	`<!--<img src="--><img src=x onerror=alert(1)//">`,
	`<noscript><p title="</noscript><img src=x onerror=alert(1)>">`,
	`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
	`<form action="javascript:alert(1)"><button>x</button></form>`,
	`<input autofocus onfocus=alert(1)>`,
	`<style>@import 'javascript:alert(1)';</style>`,
	`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
	`<base href="javascript:alert(1)//">`,
	`<div style="background:url(javascript:alert(1))">x</div>`,
	"＜script＞alert(1)＜/script＞",
	"<scr\u200bipt>alert(1)</scr\u200bipt>",
	"\u200b<script>alert(1)</script>\u200b",
	"\u202e<script>alert(1)</script>",
	"{{.CSRF}} ${alert(1)} {{template \"x\"}}",
	`=HYPERLINK("http://evil.example","x")`,
	`@SUM(1+1)*cmd|' /C calc'!A0`,
}

// scriptRisks lists what in a page could run script or load something it
// should not: any script but the app's own, event-handler attributes,
// javascript:/data:/vbscript: URLs, embedded frames and objects, and SVG
// other than the app's own calibration chart.
func scriptRisks(doc *goquery.Document) []string {
	var bad []string
	add := func(format string, args ...any) { bad = append(bad, fmt.Sprintf(format, args...)) }
	doc.Find("*").Each(func(_ int, s *goquery.Selection) {
		n := s.Get(0)
		tag := goquery.NodeName(s)
		for _, a := range n.Attr {
			key := strings.ToLower(a.Key)
			if a.Namespace != "" {
				key = strings.ToLower(a.Namespace) + ":" + key
			}
			if strings.HasPrefix(key, "on") {
				add("<%s %s=%q>", tag, key, a.Val)
			}
			switch key {
			case "href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset", "ping", "cite", "codebase":
				if dangerousURL(a.Val) {
					add("<%s %s=%q>", tag, key, a.Val)
				}
			case "srcdoc":
				add("<%s srcdoc>", tag)
			case "style":
				if v := strings.ToLower(a.Val); strings.Contains(v, "url(") || strings.Contains(v, "expression(") || strings.Contains(v, "javascript:") {
					add("<%s style=%q>", tag, a.Val)
				}
			}
		}
		switch tag {
		case "script":
			if src, ok := s.Attr("src"); !ok || !strings.HasPrefix(src, "/static/") || strings.TrimSpace(s.Text()) != "" {
				add("<script src=%q>%s</script>", src, s.Text())
			}
		case "iframe", "frame", "frameset", "object", "embed", "applet", "base", "style", "math", "template", "portal":
			add("<%s>", tag)
		case "svg":
			if s.ParentsFiltered("section.calibration div.chart").Length() == 0 {
				add("<svg> outside the app's chart")
			}
		case "img":
			if src, _ := s.Attr("src"); !strings.HasPrefix(src, "/static/") {
				add("<img src=%q>", src)
			}
		case "link":
			if href, _ := s.Attr("href"); !strings.HasPrefix(href, "/static/") {
				add("<link href=%q>", href)
			}
		case "meta":
			if _, ok := s.Attr("http-equiv"); ok {
				add("<meta http-equiv>")
			}
		case "form":
			if action, _ := s.Attr("action"); !strings.HasPrefix(action, "/") || strings.HasPrefix(action, "//") {
				add("<form action=%q>", action)
			}
		}
	})
	return bad
}

// dangerousURL reports whether a URL attribute would run script or load an
// inline document. Browsers ignore whitespace and control characters inside
// the scheme, so those are dropped before comparing.
func dangerousURL(v string) bool {
	var b strings.Builder
	for _, r := range v {
		if r <= ' ' || r == 0x7f || r == '\u200b' || r == '\ufeff' {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	s := b.String()
	return strings.HasPrefix(s, "javascript:") || strings.HasPrefix(s, "data:") || strings.HasPrefix(s, "vbscript:")
}

// TestScriptRisksFindsScript makes sure the XSS checker is not blind: each
// snippet must be flagged, and the app's own markup must not be.
func TestScriptRisksFindsScript(t *testing.T) {
	doc := func(body string) *goquery.Document {
		d, err := goquery.NewDocumentFromReader(strings.NewReader("<!doctype html><html><head></head><body>" + body + "</body></html>"))
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, bad := range []string{
		`<script>alert(1)</script>`, `<script src="https://evil.example/x.js"></script>`, `<script src="/static/x.js">alert(1)</script>`,
		`<img src="/static/i.png" onerror="alert(1)">`, `<p ONCLICK="x">`, `<a href=" java&#x09;script:alert(1)">x</a>`,
		`<a href="DATA:text/html,x">x</a>`, `<form action="javascript:x"></form>`, `<iframe></iframe>`, `<object></object>`,
		`<embed>`, `<svg></svg>`, `<svg><a xlink:href="javascript:x"></a></svg>`, `<img src="x">`, `<base href="/">`,
		`<meta http-equiv="refresh" content="0">`, `<style>p{}</style>`, `<math></math>`, `<div style="background:url(x)">`,
		`<iframe srcdoc="x"></iframe>`,
	} {
		if risks := scriptRisks(doc(bad)); len(risks) == 0 {
			t.Errorf("%s not flagged", bad)
		}
	}
	ok := `<script src="/static/js/app.abc.js" defer></script><link rel="stylesheet" href="/static/css/app.css">` +
		`<img src="/static/img/icon.svg" alt=""><a href="https://example.com" rel="nofollow">x</a><form method="post" action="/logout"></form>` +
		`<section class="card calibration"><div class="chart"><svg role="img"><title>t</title></svg></div></section>`
	if risks := scriptRisks(doc(ok)); len(risks) != 0 {
		t.Errorf("the app's own markup flagged: %v", risks)
	}
}

// xssStats counts what the XSS test checked, across parallel subtests.
type xssStats struct {
	mu      sync.Mutex
	renders int
	combos  int
	pages   map[string]bool
	fields  map[string]bool
}

func (st *xssStats) add(page string, fields []string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.renders++
	st.combos += len(fields)
	st.pages[page] = true
	for _, f := range fields {
		st.fields[f] = true
	}
}

func TestCoachContentIsEscaped(t *testing.T) {
	if len(xssPayloads) < 30 {
		t.Fatalf("only %d payloads", len(xssPayloads))
	}
	st := &xssStats{pages: map[string]bool{}, fields: map[string]bool{}}
	const chunk = 9 // payloads per server: the invite pages allow 60 hits per IP in 10 minutes
	t.Run("payloads", func(t *testing.T) {
		for start := 0; start < len(xssPayloads); start += chunk {
			end := min(start+chunk, len(xssPayloads))
			t.Run(fmt.Sprintf("%02d-%02d", start, end-1), func(t *testing.T) {
				t.Parallel()
				ts := newTestServerWith(t, func(o *Options) { o.Limits = Limits{SignupPerIP: 1000} })
				b := bankIDs(t, 1)[0]
				for i := start; i < end; i++ {
					xssRound(t, ts, st, i, xssPayloads[i], b)
				}
			})
		}
	})
	fields := make([]string, 0, len(st.fields))
	for f := range st.fields {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	t.Logf("XSS: %d payloads × %d fields (%s) on %d distinct pages: %d (payload, field, page) combinations in %d parsed page renders",
		len(xssPayloads), len(fields), strings.Join(fields, ", "), len(st.pages), st.combos, st.renders)
}

// xssRound puts one payload into every coach-written field (and the names
// and candidate-written text around them) and checks every page showing it.
func xssRound(t *testing.T, ts *testServer, st *xssStats, n int, p, bankQ string) {
	t.Helper()
	label := fmt.Sprintf("payload %d %q", n, p)
	name := strings.TrimSpace(truncRunes(p, 50)) // display names hold 50 characters
	title := strings.TrimSpace(truncRunes(p, 120))
	text := strings.TrimSpace(p)
	rawTag := regexp.MustCompile(`<[a-zA-Z/!]`).MatchString(p)

	check := func(page string, r *response, wantStatus int, fields ...string) *response {
		t.Helper()
		if r.StatusCode != wantStatus {
			t.Fatalf("%s: %s: status %d, want %d (%s)", label, page, r.StatusCode, wantStatus, errorsOf(r))
		}
		if r.doc == nil {
			t.Fatalf("%s: %s: not HTML", label, page)
		}
		for _, bad := range scriptRisks(r.doc) {
			t.Errorf("%s: %s: %s", label, page, bad)
		}
		if rawTag && (strings.Contains(r.body, p) || strings.Contains(r.body, text)) {
			t.Errorf("%s: %s: the payload appears unescaped", label, page)
		}
		st.add(page, fields)
		return r
	}
	get := func(page string, c *http.Client, path string, fields ...string) *response {
		t.Helper()
		return check(page, ts.get(t, c, path), http.StatusOK, fields...)
	}

	cc, kc := ts.client(t), ts.client(t)
	coach := signupAs(t, ts, cc, truncRunes(p, 50), fmt.Sprintf("xss-coach-%d@example.com", n), "en", "coach")
	cand := signupAs(t, ts, kc, truncRunes(p, 50), fmt.Sprintf("xss-cand-%d@example.com", n), "ja", "candidate")
	if coach.DisplayName != name || cand.DisplayName != name {
		t.Fatalf("%s: stored names %q, %q", label, coach.DisplayName, cand.DisplayName)
	}

	// Rejected forms come back with the payload in them.
	r := check("new set form (422)", ts.postForm(t, cc, "/coach/sets", url.Values{"title": {truncRunes(p, 120)}, "description": {p}, "lang": {"en"}}),
		http.StatusUnprocessableEntity, "set title", "set description")
	if v, _ := r.doc.Find("input#title").Attr("value"); v != title {
		t.Errorf("%s: title field %q", label, v)
	}
	setID := setIDOf(t, ts.postForm(t, cc, "/coach/sets", url.Values{"title": {truncRunes(p, 120)}, "description": {p}, "lang": {"en"}, "q": {bankQ}}))
	setPath := fmt.Sprintf("/coach/sets/%d", setID)
	check("edit page, rejected custom question (422)", ts.postForm(t, cc, setPath+"/custom", url.Values{"prompt": {p}, "guidance": {p}, "seconds": {"5"}}),
		http.StatusUnprocessableEntity, "set title", "set description", "custom prompt", "custom guidance")
	customQ := addCustom(t, ts, cc, setID, p, p, "").QuestionID
	check("edit page, rejected set edit (422)", ts.postForm(t, cc, setPath, url.Values{"title": {truncRunes(p, 120)}, "description": {p}, "lang": {"en"}, "time_limit": {"99999"}}),
		http.StatusUnprocessableEntity, "set title", "set description", "custom prompt")
	token, _ := newInvite(t, ts, cc, setID, "")

	// The invite, for a visitor and for the candidate.
	vp := get("invite page (visitor)", ts.client(t), "/join/"+token, "set title", "coach name")
	if vp.text(".card h2") != title || vp.text(".lead") != i18n.T("ja", "join.from", name) {
		t.Errorf("%s: invite page shows %q / %q", label, vp.text(".card h2"), vp.text(".lead"))
	}
	get("invite page (candidate)", kc, "/join/"+token, "set title", "coach name")
	joinVia(t, ts, kc, token)

	// The candidate practises the custom question, writing the payload too.
	pp := get("practice page", kc, "/practice/"+customQ, "custom prompt", "custom guidance")
	vals := practiceValues(p, "xss-token-"+strconv.Itoa(n)+"-0123456789", 4, 4, 4, 4, 4, 3)
	vals.Set("notes", p)
	aid := attemptIDOf(t, submitPractice(t, ts, kc, pp, customQ, vals))
	ap := fmt.Sprintf("/coach/attempts/%d", aid)

	// Review and replies, each first rejected and shown back.
	bad := reviewValues(p, 4, 4, 4, 4, 4)
	check("coach attempt page, rejected review (422)", ts.postForm(t, cc, ap+"/review", bad), http.StatusUnprocessableEntity,
		"candidate name", "custom prompt", "answer", "review comment")
	postReview(t, ts, cc, aid, reviewValues(p, 4, 3, 2, 3, 4, 2))
	check("attempt page, rejected reply (422)", ts.postForm(t, kc, fmt.Sprintf("/attempts/%d/reply", aid), url.Values{"body": {p + strings.Repeat("x", 2001)}}),
		http.StatusUnprocessableEntity, "custom prompt", "answer", "notes", "review comment", "candidate reply")
	for _, rp := range []struct {
		c    *http.Client
		path string
	}{{kc, fmt.Sprintf("/attempts/%d/reply", aid)}, {cc, ap + "/reply"}} {
		if r := ts.postForm(t, rp.c, rp.path, url.Values{"body": {p}}); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: reply %s: %d (%s)", label, rp.path, r.StatusCode, errorsOf(r))
		}
	}

	// Every page that shows any of it.
	allReview := []string{"custom prompt", "answer", "review comment", "coach reply", "candidate reply", "coach name", "candidate name"}
	get("coach dashboard", cc, "/coach", "set title", "candidate name", "custom prompt")
	sp := get("set page", cc, setPath, "set title", "set description", "candidate name", "custom prompt")
	if h1(sp) != title {
		t.Errorf("%s: set page h1 %q", label, h1(sp))
	}
	ep := get("edit page", cc, setPath+"/edit", "set title", "set description", "custom prompt")
	if strings.TrimSpace(ep.doc.Find("textarea#description").Text()) != text {
		t.Errorf("%s: description field %q", label, ep.doc.Find("textarea#description").Text())
	}
	cp := get("candidate page", cc, fmt.Sprintf("/coach/candidates/%d", cand.ID), "candidate name", "custom prompt")
	if h1(cp) != name {
		t.Errorf("%s: candidate page h1 %q", label, h1(cp))
	}
	cat := get("coach attempt page", cc, ap, allReview...)
	if strings.TrimSpace(cat.doc.Find("textarea#comment").Text()) != text {
		t.Errorf("%s: comment field %q", label, cat.doc.Find("textarea#comment").Text())
	}
	get("custom question page (coach)", cc, "/questions/"+customQ, "custom prompt", "custom guidance")
	get("my page", kc, "/me", "candidate name", "coach name", "set title", "custom prompt")
	get("attempt page with feedback", kc, fmt.Sprintf("/attempts/%d", aid), append(allReview, "notes")...)
	get("practice page (again)", kc, "/practice/"+customQ, "custom prompt", "custom guidance")
	get("custom question page", kc, "/questions/"+customQ, "custom prompt", "custom guidance")
	get("review queue", kc, "/review")
	get("invite page (member)", kc, "/join/"+token, "set title", "coach name")

	// The CSV keeps spreadsheets from running a name as a formula.
	res := ts.get(t, cc, setPath+"/export.csv")
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(res.body, "\ufeff"))).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("%s: CSV %v, %v", label, recs, err)
	}
	want := name
	if strings.ContainsAny(name[:1], "=+-@\t\r") {
		want = "'" + name
	}
	if recs[1][0] != want {
		t.Errorf("%s: CSV name cell %q, want %q", label, recs[1][0], want)
	}
	st.add("CSV export", []string{"candidate name", "custom prompt"})
}

// --- 5. Leaving a coach

func TestLeavingACoach(t *testing.T) {
	ts := newTestServer(t)
	b := bankIDs(t, 2)
	cc, oc, kc := ts.client(t), ts.client(t), ts.client(t)
	coach := signupAs(t, ts, cc, "Coach Leaving", "coach1@example.com", "en", "coach")
	signupAs(t, ts, oc, "Coach Staying", "coach2@example.com", "en", "coach")
	cand := signupAs(t, ts, kc, "Rin Watanabe", "rin@example.com", "ja", "candidate")

	setID := postNewSet(t, ts, cc, "Set of the coach left", b[0], b[1])
	customQ := addCustom(t, ts, cc, setID, "Why us, in one minute?", "", "60").QuestionID
	token, _ := newInvite(t, ts, cc, setID, "")
	stayID := postNewSet(t, ts, oc, "Set of the coach kept", b[0])
	stayTok, _ := newInvite(t, ts, oc, stayID, "")

	// Answered before joining: never shared.
	before := saveAttempt(t, ts, kc, b[0], "Before I joined.")
	joinVia(t, ts, kc, token)
	joinVia(t, ts, kc, stayTok)
	a1 := saveAttempt(t, ts, kc, b[0], "After joining both sets.")
	a2 := saveAttempt(t, ts, kc, customQ, "Because of the product.")
	if r := ts.get(t, cc, fmt.Sprintf("/coach/attempts/%d", before)); r.StatusCode != http.StatusNotFound {
		t.Errorf("an answer from before joining is shared: %d", r.StatusCode)
	}
	row := cohortRow(ts.get(t, cc, fmt.Sprintf("/coach/sets/%d", setID)).doc.Selection, cand.ID)
	if got := row.Find("td").Eq(1).Find("a").Text(); got != i18n.T("en", "coach.cell", 1, 3) {
		t.Errorf("matrix counts an answer from before joining: %q", got)
	}
	for _, id := range []int64{a1, a2} {
		if r := ts.get(t, cc, fmt.Sprintf("/coach/attempts/%d", id)); r.StatusCode != 200 {
			t.Fatalf("attempt %d before leaving: %d", id, r.StatusCode)
		}
	}
	postReview(t, ts, cc, a1, reviewValues("Before you left", 3, 3, 3, 3, 3, 3))

	r := ts.postForm(t, kc, fmt.Sprintf("/me/coaches/%d/leave", coach.ID), nil)
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/me" {
		t.Fatalf("leave: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
	me := ts.get(t, kc, "/me")
	if me.text(".flash") != i18n.T("ja", "join.left") {
		t.Errorf("leave flash %q", me.text(".flash"))
	}
	if titles := me.doc.Find("li.assigned-set h3").Text(); titles != "Set of the coach kept" {
		t.Errorf("assigned sets after leaving: %q", titles)
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM memberships WHERE candidate_id = ? AND set_id = ?", cand.ID, setID); n != 0 {
		t.Errorf("%d memberships left with the coach", n)
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM memberships WHERE candidate_id = ? AND set_id = ?", cand.ID, stayID); n != 1 {
		t.Errorf("leaving one coach left the other too")
	}

	// The coach can no longer see anything of theirs.
	for _, p := range []string{fmt.Sprintf("/coach/attempts/%d", a1), fmt.Sprintf("/coach/attempts/%d", a2), fmt.Sprintf("/coach/candidates/%d", cand.ID)} {
		r := ts.get(t, cc, p)
		if r.StatusCode != http.StatusNotFound || strings.Contains(r.body, "After joining") || strings.Contains(r.body, "rin@example.com") {
			t.Errorf("coach GET %s after the candidate left: %d", p, r.StatusCode)
		}
	}
	if r := ts.postForm(t, cc, fmt.Sprintf("/coach/attempts/%d/review", a1), reviewValues("After", 1, 1, 1, 1, 1, 1)); r.StatusCode != http.StatusNotFound {
		t.Errorf("review after leaving: %d", r.StatusCode)
	}
	if r := ts.postForm(t, cc, fmt.Sprintf("/coach/attempts/%d/reply", a1), url.Values{"body": {"Hello?"}}); r.StatusCode != http.StatusNotFound {
		t.Errorf("reply after leaving: %d", r.StatusCode)
	}
	for _, p := range []string{"/coach", fmt.Sprintf("/coach/sets/%d", setID)} {
		page := ts.get(t, cc, p)
		if cohortRow(page.doc.Selection, cand.ID).Length() != 0 || strings.Contains(page.body, "Watanabe") {
			t.Errorf("%s still lists the candidate", p)
		}
		if !strings.Contains(page.text("p.empty"), i18n.T("en", "coach.cohort.none")) {
			t.Errorf("%s: empty cohort message %q", p, page.text("p.empty"))
		}
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(ts.get(t, cc, fmt.Sprintf("/coach/sets/%d/export.csv", setID)).body, "\ufeff"))).ReadAll()
	if err != nil || len(recs) != 1 {
		t.Errorf("CSV after leaving: %v, %v", recs, err)
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM reviews WHERE attempt_id = ? AND coach_id = ?", a1, coach.ID); n != 1 {
		t.Errorf("the review was changed after leaving")
	}
	// The other coach still sees what was shared with them.
	if r := ts.get(t, oc, fmt.Sprintf("/coach/attempts/%d", a1)); r.StatusCode != 200 {
		t.Errorf("the kept coach lost access: %d", r.StatusCode)
	}
	// The candidate keeps their own answers.
	for _, id := range []int64{before, a1, a2} {
		if r := ts.get(t, kc, fmt.Sprintf("/attempts/%d", id)); r.StatusCode != 200 {
			t.Errorf("the candidate's own attempt %d after leaving: %d", id, r.StatusCode)
		}
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM attempts WHERE user_id = ?", cand.ID); n != 3 {
		t.Errorf("%d attempts after leaving, want 3", n)
	}
	// Leaving again, or a coach they never joined, is a 404.
	for _, id := range []int64{coach.ID, 999999} {
		if r := ts.postForm(t, kc, fmt.Sprintf("/me/coaches/%d/leave", id), nil); r.StatusCode != http.StatusNotFound {
			t.Errorf("leave coach %d again: %d", id, r.StatusCode)
		}
	}
	// Joining again shares only what comes after.
	joinVia(t, ts, kc, token)
	if r := ts.get(t, cc, fmt.Sprintf("/coach/attempts/%d", a1)); r.StatusCode != http.StatusNotFound {
		t.Errorf("rejoining shared an old answer: %d", r.StatusCode)
	}
	if r := ts.get(t, cc, fmt.Sprintf("/coach/candidates/%d", cand.ID)); r.StatusCode != 200 || r.text("p.empty") != i18n.T("en", "coach.candidate.none") {
		t.Errorf("candidate page after rejoining: %d %q", r.StatusCode, r.text("p.empty"))
	}
}

// --- 6. Archive and duplicate

func TestArchiveAndDuplicateSet(t *testing.T) {
	ctx := context.Background()
	ts := newTestServer(t)
	b := bankIDs(t, 3)
	cc, kc := ts.client(t), ts.client(t)
	coach := signupAs(t, ts, cc, "Coach Archive", "archive@example.com", "en", "coach")
	cand := signupAs(t, ts, kc, "Sora", "sora@example.com", "ja", "candidate")
	longTitle := strings.Repeat("T", 115) + " end." // 120 characters
	r := ts.postForm(t, cc, "/coach/sets", url.Values{"title": {longTitle}, "description": {"Read *this*."}, "lang": {"ja"},
		"time_limit": {"90"}, "due": {"2031-01-15"}, "q": {b[2], b[0]}})
	setID := setIDOf(t, r)
	custom := addCustom(t, ts, cc, setID, "Your own **question**", "Guide me", "120")
	token, _ := newInvite(t, ts, cc, setID, "")
	joinVia(t, ts, kc, token)

	// Duplicate: the same questions, a new set, no invites or members.
	r = ts.postForm(t, cc, fmt.Sprintf("/coach/sets/%d/duplicate", setID), nil)
	copyID := setIDOf(t, r)
	if copyID == setID {
		t.Fatal("duplicate returned the same set")
	}
	ep := ts.get(t, cc, fmt.Sprintf("/coach/sets/%d/edit", copyID))
	if ep.text(".flash") != i18n.T("en", "coach.flash.duplicated") {
		t.Errorf("duplicate flash %q", ep.text(".flash"))
	}
	orig, _ := ts.store.CoachSet(ctx, coach.ID, setID)
	cp, err := ts.store.CoachSet(ctx, coach.ID, copyID)
	if err != nil {
		t.Fatal(err)
	}
	wantTitle := truncRunes(i18n.T("en", "coach.copyof", longTitle), 120)
	if cp.Title != wantTitle || len([]rune(cp.Title)) != 120 {
		t.Errorf("copy title %q, want %q", cp.Title, wantTitle)
	}
	if cp.Description != orig.Description || cp.Lang != "ja" || cp.TimeLimit != 90 || cp.DueAt == nil || !cp.DueAt.Equal(*orig.DueAt) || cp.ArchivedAt != nil {
		t.Errorf("copy %+v of %+v", cp, orig)
	}
	oi, ci := setItemsOf(t, ts, setID), setItemsOf(t, ts, copyID)
	if len(ci) != len(oi) || len(ci) != 3 {
		t.Fatalf("copy has %d items, original %d", len(ci), len(oi))
	}
	for i := range oi {
		if oi[i].IsCustom() {
			if !ci[i].IsCustom() || ci[i].Prompt != custom.Prompt || ci[i].Guidance != custom.Guidance || ci[i].Seconds != 120 ||
				ci[i].QuestionID == custom.QuestionID || ci[i].ID == custom.ID {
				t.Errorf("copied custom item %+v of %+v", ci[i], oi[i])
			}
		} else if ci[i].QuestionID != oi[i].QuestionID || ci[i].SetID != copyID {
			t.Errorf("item %d: %q, want %q", i, ci[i].QuestionID, oi[i].QuestionID)
		}
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM invites WHERE set_id = ?", copyID); n != 0 {
		t.Errorf("copy has %d invites", n)
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM memberships WHERE set_id = ?", copyID); n != 0 {
		t.Errorf("copy has %d members", n)
	}
	if n := len(setItemsOf(t, ts, setID)); n != 3 {
		t.Errorf("original has %d items after duplicating", n)
	}

	// Archive: gone from the dashboard and the candidate's page; links say revoked.
	r = ts.postForm(t, cc, fmt.Sprintf("/coach/sets/%d/archive", setID), url.Values{"archive": {"1"}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/coach" {
		t.Fatalf("archive: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
	dash := ts.get(t, cc, "/coach")
	if dash.text(".flash") != i18n.T("en", "coach.flash.archived") {
		t.Errorf("archive flash %q", dash.text(".flash"))
	}
	if dash.doc.Find(fmt.Sprintf(`section.set-summary a[href="/coach/sets/%d"]`, setID)).Length() != 0 {
		t.Error("archived set still on the dashboard")
	}
	if dash.doc.Find(fmt.Sprintf(`section.set-summary a[href="/coach/sets/%d"]`, copyID)).Length() == 0 {
		t.Error("the copy is missing from the dashboard")
	}
	arch := dash.doc.Find(`section[aria-labelledby="archived-h"]`)
	if arch.Find("h2").Text() != i18n.T("en", "coach.set.archived") || !strings.Contains(arch.Text(), longTitle) ||
		arch.Find(fmt.Sprintf(`form[action="/coach/sets/%d/archive"] input[name=archive][value="0"]`, setID)).Length() != 1 {
		t.Errorf("archived list %q", arch.Text())
	}
	if me := ts.get(t, kc, "/me"); me.doc.Find("li.assigned-set").Length() != 0 {
		t.Error("the candidate still sees the archived set")
	}
	for _, lang := range []string{"ja", "en"} {
		r := ts.get(t, ts.client(t), "/join/"+token+"?lang="+lang)
		if r.StatusCode != http.StatusGone || r.text("p.form-errors") != i18n.T(lang, "join.revoked") {
			t.Errorf("invite of an archived set in %s: %d %q", lang, r.StatusCode, r.text("p.form-errors"))
		}
	}
	nc := ts.client(t)
	newcomer := signupAs(t, ts, nc, "Newcomer", "newcomer@example.com", "en", "candidate")
	if r := ts.postForm(t, nc, "/join/"+token, nil); r.StatusCode != http.StatusGone {
		t.Errorf("joining an archived set: %d", r.StatusCode)
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM memberships WHERE candidate_id = ?", newcomer.ID); n != 0 {
		t.Error("joined an archived set")
	}
	// The coach can still open it, and restore it.
	if r := ts.get(t, cc, fmt.Sprintf("/coach/sets/%d", setID)); r.StatusCode != 200 {
		t.Errorf("archived set page: %d", r.StatusCode)
	}
	r = ts.postForm(t, cc, fmt.Sprintf("/coach/sets/%d/archive", setID), url.Values{"archive": {"0"}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("restore: %d", r.StatusCode)
	}
	dash = ts.get(t, cc, "/coach")
	if dash.text(".flash") != i18n.T("en", "coach.flash.restored") || dash.doc.Find(fmt.Sprintf(`section.set-summary a[href="/coach/sets/%d"]`, setID)).Length() == 0 {
		t.Errorf("restored set not back: flash %q", dash.text(".flash"))
	}
	if r := ts.get(t, kc, "/join/"+token); r.StatusCode != 200 {
		t.Errorf("invite after restoring: %d", r.StatusCode)
	}
	if me := ts.get(t, kc, "/me"); me.doc.Find("li.assigned-set").Length() != 1 {
		t.Error("restored set not back on the candidate's page")
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM memberships WHERE candidate_id = ? AND set_id = ?", cand.ID, setID); n != 1 {
		t.Errorf("archiving changed the membership: %d rows", n)
	}
}
