package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/insight"
	"github.com/aeprep/aeprep/internal/store"
)

// postMultipart sends fields (and a recording, when file is set) to path
// as the practice form does.
func postMultipart(t *testing.T, ts *testServer, c *http.Client, path string, fields map[string]string, file []byte) *response {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	if file != nil {
		fw, err := w.CreateFormFile("recording", "answer.webm")
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(file)
	}
	w.Close()
	req, _ := http.NewRequest("POST", ts.URL+path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return do(t, c, req)
}

// assertSameDB fails when any table differs from the snapshot.
func assertSameDB(t *testing.T, ts *testServer, before map[string]string, what string) {
	t.Helper()
	after := dbSnapshot(t, ts)
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s changed table %s:\nbefore: %.300s\nafter:  %.300s", what, k, v, after[k])
		}
	}
	for k := range after {
		if _, ok := before[k]; !ok {
			t.Errorf("%s made table %s", what, k)
		}
	}
}

func guestKeep(t *testing.T, r *response) guestAttempt {
	t.Helper()
	raw, ok := r.doc.Find("#guest-attempt").Attr("data-attempt")
	if !ok {
		t.Fatalf("result page has no #guest-attempt (%s)", errorsOf(r))
	}
	var g guestAttempt
	if err := json.Unmarshal([]byte(raw), &g); err != nil {
		t.Fatalf("guest attempt %q: %v", raw, err)
	}
	return g
}

// TestGuestPracticeStoresNothing: a visitor goes from the home page to the
// insights of a first answer; the server writes no row of any kind (no
// session either), CSRF still applies, and bad input is refused clearly.
func TestGuestPracticeStoresNothing(t *testing.T) {
	ts := newTestServer(t)
	for _, lang := range []string{"ja", "en"} {
		c := ts.client(t)
		home := ts.get(t, c, "/?lang="+lang)
		before := dbSnapshot(t, ts)
		href, _ := home.doc.Find("a#practise-now").Attr("href")
		if href != "/try/"+firstQuestionID || strings.TrimSpace(home.doc.Find("a#practise-now").Text()) != i18n.T(lang, "home.cta.practise") {
			t.Fatalf("%s: main button %q → %q", lang, home.doc.Find(".hero-actions a").First().Text(), href)
		}
		if cls, _ := home.doc.Find(".hero-actions a").First().Attr("class"); !strings.Contains(cls, "primary") {
			t.Errorf("%s: Practise now is not the first, primary button", lang)
		}
		page := ts.get(t, c, href)
		if page.StatusCode != 200 || page.doc.Find(`#practice-form[action="`+href+`"]`).Length() != 1 {
			t.Fatalf("%s: guest form: %d", lang, page.StatusCode)
		}
		for _, sel := range []string{"#timer", "#timer-display", "#record", "#answer", ".guest-note", `input[name="_csrf"]`} {
			if page.doc.Find(sel).Length() != 1 {
				t.Errorf("%s: guest form has no %s", lang, sel)
			}
		}
		if page.doc.Find("#answer[required]").Length() != 0 {
			t.Errorf("%s: the answer box is required in the HTML (a recording alone is an answer)", lang)
		}
		tok, _ := page.doc.Find(`input[name="client_token"]`).Attr("value")
		answer := "I sold payroll software to 40 mid-sized firms and reached 120% of quota in 2023."
		if lang == "ja" {
			answer = "前職では中堅企業40社に給与ソフトを販売し、2023年はノルマの120%を達成しました。"
		}
		vals := practiceValues(answer, tok, 0, 0, 0, 0, 0, 4)
		for _, k := range store.Criteria[:5] {
			vals.Del("r_" + k)
		}
		vals.Set(csrfField, formToken(t, page))
		r := ts.postRaw(t, c, href, vals.Encode())
		if r.StatusCode != 200 || r.doc.Find(".insights li.insight").Length() == 0 {
			t.Fatalf("%s: guest analysis: %d (%s)", lang, r.StatusCode, errorsOf(r))
		}
		if got := r.doc.Find(".answer-text").Text(); got != answer {
			t.Errorf("%s: answer shown as %q", lang, got)
		}
		g := guestKeep(t, r)
		if g.ClientToken != tok || g.Answer != answer || g.QuestionID != firstQuestionID || g.Ratings["overall"] != 4 || len(g.Ratings) != 1 || g.SecondsTaken != 95 {
			t.Errorf("%s: kept attempt %+v", lang, g)
		}
		if r.doc.Find(`a[href="/signup?next=/me/import"]`).Length() == 0 {
			t.Errorf("%s: the result offers no sign-up that imports it", lang)
		}
		// No session is started for a visitor.
		for _, ck := range r.Cookies() {
			if ck.Name == sessionCookie {
				t.Errorf("%s: the guest analysis set a session cookie", lang)
			}
		}
		// A recording alone is an answer; nothing of it is kept.
		rec := postMultipart(t, ts, c, href, map[string]string{csrfField: formToken(t, page), "client_token": newClientToken(),
			"answer": "", "seconds_taken": "40", "time_limit": "150", "recording_ms": "45000"}, fakeWebMAudio(4000))
		if rec.StatusCode != 200 {
			t.Fatalf("%s: recording-only guest answer: %d (%s)", lang, rec.StatusCode, errorsOf(rec))
		}
		if g := guestKeep(t, rec); g.SpokenMs != 45000 || g.Answer != "" {
			t.Errorf("%s: recording-only kept as %+v", lang, g)
		}
		// Neither text nor recording: a clear error, at the top, linked.
		empty := practiceValues("  ", tok)
		empty.Set(csrfField, formToken(t, page))
		empty.Set("seconds_taken", "33")
		e := ts.postRaw(t, c, href, empty.Encode())
		if e.StatusCode != http.StatusUnprocessableEntity || e.text("#error-summary a[href='#answer']") != i18n.T(lang, "practice.answer")+map[string]string{"ja": "：", "en": ": "}[lang]+i18n.T(lang, "practice.err.empty") {
			t.Errorf("%s: empty guest answer: %d %q", lang, e.StatusCode, e.text("#error-summary"))
		}
		if v, _ := e.doc.Find("#seconds-taken").Attr("value"); v != "33" {
			t.Errorf("%s: elapsed time not kept on the re-rendered form: %q", lang, v)
		}
		// CSRF still applies.
		forged := practiceValues(answer, newClientToken(), 3, 3, 3, 3, 3, 3)
		if f := ts.postRaw(t, c, href, forged.Encode()); f.StatusCode != http.StatusForbidden {
			t.Errorf("%s: guest post without a token: %d", lang, f.StatusCode)
		}
		// A coach's own question is not open to visitors.
		if r := ts.get(t, c, "/try/custom-1"); r.StatusCode != 404 {
			t.Errorf("%s: /try/custom-1: %d", lang, r.StatusCode)
		}
		assertSameDB(t, ts, before, lang+" guest practice")
	}
}

// TestGuestImportOnSignup: the guest answer kept in the browser is
// imported after the emailed sign-up link, once, checked like a save.
func TestGuestImportOnSignup(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	page := ts.get(t, c, "/try/why-sales?lang=en")
	tok, _ := page.doc.Find(`input[name="client_token"]`).Attr("value")
	vals := practiceValues("I like targets: I beat mine by 20% last year.", tok, 4, 4, 3, 3, 4, 4)
	vals.Set(csrfField, formToken(t, page))
	r := ts.postRaw(t, c, "/try/why-sales", vals.Encode())
	g := guestKeep(t, r)
	signupHref, _ := r.doc.Find(`.guest-keep a.primary`).Attr("href")

	// Sign up from the result page; the link in the email brings the new
	// account to the import.
	form := ts.get(t, c, signupHref)
	next, _ := form.doc.Find("input[name=next]").Attr("value")
	sv := signupValues("Guest", "guest@example.com", "en", "candidate")
	sv.Set("next", next)
	sv.Set(csrfField, formToken(t, form))
	if s := ts.postRaw(t, c, "/signup", sv.Encode()); s.StatusCode != http.StatusSeeOther {
		t.Fatalf("signup: %d", s.StatusCode)
	}
	conf := ts.confirmEmail(t, c, "guest@example.com", 1)
	if conf.Header.Get("Location") != "/me/import" {
		t.Fatalf("after the emailed link: %q, want /me/import", conf.Header.Get("Location"))
	}
	imp := ts.get(t, c, "/me/import")
	if imp.StatusCode != 200 || imp.doc.Find(`form#import-form[action="/me/import"] input[name="_csrf"]`).Length() != 1 {
		t.Fatalf("import page: %d", imp.StatusCode)
	}
	u, err := ts.store.UserByEmail(context.Background(), "guest@example.com")
	if err != nil {
		t.Fatal(err)
	}

	// What the browser posts: the kept attempt, plus three it must refuse.
	bad := []guestAttempt{
		{ClientToken: newClientToken(), QuestionID: "no-such-question", Answer: "x"},
		{ClientToken: newClientToken(), QuestionID: "why-sales", Answer: "", SpokenMs: 30000},
		{ClientToken: newClientToken(), QuestionID: "why-sales", Answer: "A fine answer.", Ratings: map[string]int{"overall": 9}},
	}
	list, _ := json.Marshal(append([]guestAttempt{g}, bad...))
	post := func() *response {
		return ts.postForm(t, c, "/me/import", url.Values{"attempts": {string(list)}})
	}
	done := post()
	if done.StatusCode != 200 || done.doc.Find(".import-list a[href^='/attempts/']").Length() != 1 {
		t.Fatalf("import: %d (%s)", done.StatusCode, done.text(".import-list"))
	}
	if n := done.doc.Find(".import-list").Last().Find("li").Length(); n != 3 {
		t.Errorf("%d skipped answers listed, want 3", n)
	}
	for _, want := range []string{i18n.T("en", "import.err.question"), i18n.T("en", "import.err.recording"), i18n.T("en", "form.err.rating.range")} {
		if !strings.Contains(done.body, want) {
			t.Errorf("skipped answer reason %q not shown", want)
		}
	}
	tokens, _ := done.doc.Find("#guest-imported").Attr("data-tokens")
	if !strings.Contains(tokens, g.ClientToken) {
		t.Errorf("the page doesn't tell the browser to forget %s: %q", g.ClientToken, tokens)
	}
	atts, err := ts.store.AllAttempts(context.Background(), u.ID)
	if err != nil || len(atts) != 1 {
		t.Fatalf("%d attempts after import (%v)", len(atts), err)
	}
	a := atts[0]
	if a.Answer != g.Answer || a.QuestionID != "why-sales" || a.Ratings.Overall != 4 || a.Ratings.Confidence != 3 || a.SecondsTaken != 95 || a.ClientToken != g.ClientToken || a.Insights == "" {
		t.Errorf("imported attempt %+v", a)
	}
	if card, err := ts.store.CardFor(context.Background(), u.ID, "why-sales"); err != nil || card.Reps != 1 {
		t.Errorf("imported attempt's card: %+v %v", card, err)
	}
	// Imported once: posting the same answers again adds nothing.
	again := post()
	if n := ts.count(t, "SELECT COUNT(*) FROM attempts WHERE user_id = ?", u.ID); n != 1 || !strings.Contains(again.body, i18n.T("en", "import.already")) {
		t.Errorf("a second import: %d attempts, page %q", n, again.text(".import-list"))
	}
	// Bad input: not JSON is a 400; too many are cut at maxCount("guest.import").
	if r := ts.postForm(t, c, "/me/import", url.Values{"attempts": {"{nope"}}); r.StatusCode != 400 {
		t.Errorf("import of garbage: %d", r.StatusCode)
	}
	var many []guestAttempt
	for i := 0; i < maxCount("guest.import")+5; i++ {
		many = append(many, guestAttempt{ClientToken: fmt.Sprintf("many-tokens-%08d", i), QuestionID: "why-sales", Answer: fmt.Sprintf("Answer %d", i)})
	}
	mb, _ := json.Marshal(many)
	ts.postForm(t, c, "/me/import", url.Values{"attempts": {string(mb)}})
	if n := ts.count(t, "SELECT COUNT(*) FROM attempts WHERE user_id = ?", u.ID); n != int64(1+maxCount("guest.import")) {
		t.Errorf("%d attempts after importing %d, want %d", n, len(many), 1+maxCount("guest.import"))
	}
	// A visitor can't import; another account's import never lands here.
	if r := ts.postForm(t, ts.client(t), "/me/import", url.Values{"attempts": {string(list)}}); r.StatusCode != 401 && r.StatusCode != 403 {
		t.Errorf("visitor import: %d", r.StatusCode)
	}
}

// TestRatingsOptionalAndGivenLater: an answer saves without ratings; it
// adds no review step until rated; ratings given on the attempt page
// reschedule it; only the owner can rate.
func TestRatingsOptionalAndGivenLater(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	u := signup(t, ts, c, "rater@example.com", "en")
	ctx := context.Background()
	page, tok := openPractice(t, ts, c, "why-sales")
	if page.doc.Find("details.rate-now").Length() != 1 || page.doc.Find("details.rate-now[open]").Length() != 0 {
		t.Errorf("the practice form's rubric is not an optional, closed fold-out")
	}
	id := attemptIDOf(t, submitPractice(t, ts, c, page, "why-sales", practiceValues("An answer with no ratings.", tok)))
	a, err := ts.store.Attempt(ctx, u.ID, id)
	if err != nil || a.Ratings.Rated() {
		t.Fatalf("unrated attempt: %+v %v", a.Ratings, err)
	}
	card, err := ts.store.CardFor(ctx, u.ID, "why-sales")
	if err != nil || card.Reps != 0 || card.LastReview != nil {
		t.Errorf("an unrated answer added a review step: %+v %v", card, err)
	}
	ap := ts.get(t, c, fmt.Sprintf("/attempts/%d", id))
	if ap.text(".next-review") != i18n.T("en", "rate.schedule") || ap.doc.Find(`form#rate-form[action$="/ratings"] input[name="r_overall"]`).Length() != 5 {
		t.Errorf("attempt page of an unrated answer: %q", ap.text(".next-review"))
	}
	if ap.doc.Find("#rate-form .levels").Length() != len(store.Criteria) {
		t.Errorf("the rating form after the insights doesn't say what 1, 3 and 5 mean")
	}
	if !strings.Contains(ap.text("table.ratings"), i18n.T("en", "rate.none")) && ap.doc.Find("table.ratings").Length() != 0 {
		t.Errorf("unrated criteria don't say so")
	}
	rate := func(cl *http.Client, id int64, v url.Values) *response {
		return ts.postForm(t, cl, fmt.Sprintf("/attempts/%d/ratings", id), v)
	}
	// Nothing chosen, or a bad value: 422 with the summary.
	for _, v := range []url.Values{{}, {"r_overall": {"6"}}} {
		r := rate(c, id, v)
		if r.StatusCode != http.StatusUnprocessableEntity || r.doc.Find("#rate-form #error-summary a[href='#r_overall-1']").Length() != 1 {
			t.Errorf("rating %v: %d (%s)", v, r.StatusCode, errorsOf(r))
		}
	}
	// Rated after reading the insights.
	if r := rate(c, id, url.Values{"r_overall": {"4"}, "r_example": {"3"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("rate later: %d (%s)", r.StatusCode, errorsOf(r))
	}
	a, _ = ts.store.Attempt(ctx, u.ID, id)
	if a.Ratings.Overall != 4 || a.Ratings.Example != 3 || a.Ratings.Structure != 0 {
		t.Errorf("ratings after rating later: %+v", a.Ratings)
	}
	card, _ = ts.store.CardFor(ctx, u.ID, "why-sales")
	if card.Reps != 1 || card.LastScore != 4 || card.LastReview == nil || !card.LastReview.Equal(a.CreatedAt.UTC()) {
		t.Errorf("card after rating later: %+v (attempt at %v)", card, a.CreatedAt)
	}
	ap = ts.get(t, c, fmt.Sprintf("/attempts/%d", id))
	if ap.text(".next-review") == i18n.T("en", "rate.schedule") || ap.doc.Find(`#rate-form input[name="r_overall"][value="4"][checked]`).Length() != 1 {
		t.Errorf("attempt page after rating: %q", ap.text(".next-review"))
	}
	// A second, unrated answer leaves the schedule as it was.
	due := card.Due
	_, tok = openPractice(t, ts, c, "why-sales")
	id2 := attemptIDOf(t, submitPractice(t, ts, c, page, "why-sales", practiceValues("Another, unrated.", tok)))
	card, _ = ts.store.CardFor(ctx, u.ID, "why-sales")
	if card.Reps != 1 || !card.Due.Equal(due) {
		t.Errorf("an unrated second answer moved the card: %+v", card)
	}
	// Only the owner rates: someone else gets a 404 and nothing changes.
	other := ts.client(t)
	signup(t, ts, other, "other-rater@example.com", "en")
	if r := rate(other, id2, url.Values{"r_overall": {"1"}}); r.StatusCode != 404 {
		t.Errorf("rating another's answer: %d", r.StatusCode)
	}
	if a2, _ := ts.store.Attempt(ctx, u.ID, id2); a2.Ratings.Rated() {
		t.Errorf("another user rated the answer: %+v", a2.Ratings)
	}
	// Without the CSRF token: 403.
	if r := ts.postRaw(t, c, fmt.Sprintf("/attempts/%d/ratings", id2), "r_overall=2"); r.StatusCode != 403 {
		t.Errorf("rating without a token: %d", r.StatusCode)
	}
}

// TestRecordingAloneIsAnAnswer: empty text with a recording saves; both
// empty is refused with the error in the summary and next to the box.
func TestRecordingAloneIsAnAnswer(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	u := signup(t, ts, c, "speaker@example.com", "ja")
	r := postPractice(t, ts, c, "why-sales", "", fakeWebMAudio(6000), "answer.webm", 50_000)
	id := attemptIDOf(t, r)
	rec, err := ts.store.RecordingOf(context.Background(), id)
	if err != nil || rec.DurationMs != 50_000 {
		t.Fatalf("recording of a recording-only answer: %+v %v", rec, err)
	}
	var rep insight.Report
	a, _ := ts.store.Attempt(context.Background(), u.ID, id)
	if err := json.Unmarshal([]byte(a.Insights), &rep); err != nil || rep.SpokenSeconds != 50 {
		t.Errorf("insights of a recording-only answer: %+v %v", rep, err)
	}
	page, tok := openPractice(t, ts, c, "why-sales")
	v := practiceValues(" ", tok)
	v.Set("seconds_taken", "71")
	v.Set("time_limit", "180")
	e := submitPractice(t, ts, c, page, "why-sales", v)
	if e.StatusCode != http.StatusUnprocessableEntity || e.text("#answer-error") != i18n.T("ja", "practice.err.empty") {
		t.Fatalf("both empty: %d %q", e.StatusCode, e.text("#answer-error"))
	}
	// The summary comes first in the page, before the form, and links to
	// the box; the timer's state comes back.
	sum := e.doc.Find("#error-summary")
	if sum.Length() != 1 || sum.Find("a[href='#answer']").Length() != 1 || e.doc.Find("#error-summary ~ #practice-form").Length() != 1 {
		t.Errorf("error summary missing or after the form")
	}
	if _, ok := sum.Attr("autofocus"); !ok {
		t.Errorf("error summary doesn't take focus")
	}
	if v, _ := e.doc.Find("#seconds-taken").Attr("value"); v != "71" {
		t.Errorf("elapsed kept as %q", v)
	}
	if v, _ := e.doc.Find("#time-limit option[selected]").Attr("value"); v != "180" {
		t.Errorf("limit kept as %q", v)
	}
}

// TestMockRatingsOnceAtTheEnd: mock steps ask for no ratings; the summary
// rates every answer in one form; a bank-only candidate gets no
// one-option scope radio.
func TestMockRatingsOnceAtTheEnd(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	u := signup(t, ts, c, "mocker@example.com", "en")
	form := ts.get(t, c, "/mock")
	if form.doc.Find(`input[type=radio][name=source]`).Length() != 0 || form.doc.Find(`input[type=hidden][name=source][value=mix]`).Length() != 1 {
		t.Errorf("scope: a radio group with one option")
	}
	mockURL := startMock(t, ts, c, url.Values{"size": {"3"}, "source": {"mix"}, "lang": {"en"}})
	for i := 0; i < 3; i++ {
		step := ts.get(t, c, mockURL)
		if step.doc.Find(`input[name^="r_"]`).Length() != 0 {
			t.Fatalf("step %d asks for ratings", i+1)
		}
		qid, _ := step.doc.Find(`input[name="question_id"]`).Attr("value")
		tok, _ := step.doc.Find(`input[name="client_token"]`).Attr("value")
		v := url.Values{"answer": {fmt.Sprintf("Mock answer %d with 3 numbers: 10%%, 20, 30.", i)}, "client_token": {tok}, "question_id": {qid}, "seconds_taken": {"60"}}
		if r := ts.postForm(t, c, mockURL+"/answer", v); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("step %d: %d (%s)", i+1, r.StatusCode, errorsOf(r))
		}
	}
	sum := ts.get(t, c, mockURL)
	if sum.doc.Find("#mock-rate-form fieldset.mock-rate-answer").Length() != 3 || sum.doc.Find(`#mock-rate-form input[type=radio]`).Length() != 3*len(store.Criteria)*5 {
		t.Fatalf("summary rating form: %d answers", sum.doc.Find("#mock-rate-form fieldset.mock-rate-answer").Length())
	}
	if !strings.Contains(sum.text("#mock-rate-h"), "3") {
		t.Errorf("summary doesn't say 3 answers are unrated: %q", sum.text("#mock-rate-h"))
	}
	atts, _ := ts.store.AllAttempts(context.Background(), u.ID)
	v := url.Values{}
	for i, a := range atts {
		v.Set(mockRatingName(a.ID, "overall"), fmt.Sprint(2+i))
		v.Set(mockRatingName(a.ID, "concise"), "3")
	}
	v.Set(mockRatingName(atts[0].ID, "example"), "8")
	if r := ts.postForm(t, c, mockURL+"/ratings", v); r.StatusCode != http.StatusUnprocessableEntity ||
		r.doc.Find(fmt.Sprintf("#error-summary a[href='#r_%d_example-1']", atts[0].ID)).Length() != 1 {
		t.Errorf("bad mock rating: %d (%s)", r.StatusCode, errorsOf(r))
	}
	v.Del(mockRatingName(atts[0].ID, "example"))
	if r := ts.postForm(t, c, mockURL+"/ratings", v); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("mock ratings: %d (%s)", r.StatusCode, errorsOf(r))
	}
	atts, _ = ts.store.AllAttempts(context.Background(), u.ID)
	for i, a := range atts {
		if a.Ratings.Overall != 2+i || a.Ratings.Concise != 3 || a.Ratings.Example != 0 {
			t.Errorf("answer %d ratings %+v", i, a.Ratings)
		}
		if card, err := ts.store.CardFor(context.Background(), u.ID, a.QuestionID); err != nil || card.Reps != 1 || card.LastScore != 2+i {
			t.Errorf("answer %d card %+v %v", i, card, err)
		}
	}
	if s := ts.get(t, c, mockURL); !strings.Contains(s.text("#mock-rate-h"), i18n.T("en", "mock.rate.done")) {
		t.Errorf("after rating: %q", s.text("#mock-rate-h"))
	}
}

// TestCompareShowsDeltas: ratings as 3 → 4 with the change, findings
// gained and lost.
func TestCompareShowsDeltas(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	signup(t, ts, c, "cmp@example.com", "en")
	page, tok := openPractice(t, ts, c, "why-sales")
	a := attemptIDOf(t, submitPractice(t, ts, c, page, "why-sales", practiceValues("Um, I like people, you know, um.", tok, 2, 2, 3, 3, 3, 3)))
	page, tok = openPractice(t, ts, c, "why-sales")
	long := "Situation: at Acme I owned 40 accounts. Task: grow renewals by 15%. Action: I ran quarterly business reviews with each customer's buyer and mapped their goals. Result: renewals rose 22% and two customers expanded, adding $180k in pipeline within 6 months."
	b := attemptIDOf(t, submitPractice(t, ts, c, page, "why-sales", practiceValues(long, tok, 4, 4, 3, 4, 2)))
	r := ts.get(t, c, fmt.Sprintf("/attempts/compare?a=%d&b=%d", b, a))
	if r.StatusCode != 200 {
		t.Fatalf("compare: %d", r.StatusCode)
	}
	rows := r.doc.Find(".delta-table tbody tr")
	if rows.Length() != len(store.Criteria) {
		t.Fatalf("%d delta rows", rows.Length())
	}
	want := map[string][2]string{"example": {"2 → 4", "▲ +2"}, "confidence": {"3 → 3", i18n.T("en", "compare.same")}, "concise": {"3 → 2", "▼ -1"}, "overall": {"3 → –", i18n.T("en", "rate.none")}}
	rows.Each(func(i int, tr *goquery.Selection) {
		k := store.Criteria[i]
		w, ok := want[k]
		if !ok {
			return
		}
		if got := strings.TrimSpace(tr.Find("td").Eq(0).Text()); got != w[0] {
			t.Errorf("%s: %q, want %q", k, got, w[0])
		}
		if got := strings.TrimSpace(tr.Find("td").Eq(1).Text()); got != w[1] {
			t.Errorf("%s change: %q, want %q", k, got, w[1])
		}
	})
	if r.doc.Find(".delta-findings li.delta-up").Length() == 0 {
		t.Errorf("no finding gained between a filler-laden line and a STAR answer with figures")
	}
}

func TestCompareReports(t *testing.T) {
	f := func(kind string, v insight.Verdict) insight.Finding {
		return insight.Finding{Kind: kind, Verdict: v, Code: kind + "." + string(v)}
	}
	older := insight.Report{Findings: []insight.Finding{f("length", insight.Warn), f("evidence", insight.Good), f("filler", insight.Info), f("vocabulary", insight.Good)}}
	newer := insight.Report{Findings: []insight.Finding{f("length", insight.Good), f("evidence", insight.Warn), f("filler", insight.Info), f("structure", insight.Good), f("pace", insight.Warn)}}
	gained, lost, same := compareReports(testLibrary.Analyser(), older, newer, "en")
	kinds := func(cs []findingChange) string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Kind+":"+string(c.Old)+">"+string(c.New))
		}
		return strings.Join(out, " ")
	}
	if got := kinds(gained); got != "length:warn>good structure:>good" {
		t.Errorf("gained %q", got)
	}
	if got := kinds(lost); got != "evidence:good>warn vocabulary:good>" {
		t.Errorf("lost %q", got)
	}
	if same != 1 {
		t.Errorf("same %d", same)
	}
}
