package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/insight"
	"github.com/aeprep/aeprep/internal/store"
)

// practiceValues is a filled-in practice form (without the CSRF token);
// ratings are in store.Criteria order.
func practiceValues(answer, clientToken string, ratings ...int) url.Values {
	v := url.Values{"answer": {answer}, "client_token": {clientToken}, "seconds_taken": {"95"}, "time_limit": {"120"}, "notes": {""}}
	for i, k := range store.Criteria {
		if i < len(ratings) {
			v.Set("r_"+k, strconv.Itoa(ratings[i]))
		}
	}
	return v
}

// openPractice GETs the practice page and returns it with the form's
// client token.
func openPractice(t *testing.T, ts *testServer, c *http.Client, qid string) (*response, string) {
	t.Helper()
	r := ts.get(t, c, "/practice/"+qid)
	if r.StatusCode != 200 {
		t.Fatalf("GET /practice/%s: %d", qid, r.StatusCode)
	}
	tok, _ := r.doc.Find("#practice-form input[name=client_token]").Attr("value")
	if tok == "" {
		t.Fatal("practice form has no client token")
	}
	return r, tok
}

// submitPractice posts vals to the practice form with the page's CSRF token.
func submitPractice(t *testing.T, ts *testServer, c *http.Client, page *response, qid string, vals url.Values) *response {
	t.Helper()
	v := url.Values{}
	for k, x := range vals {
		v[k] = x
	}
	v.Set(csrfField, formToken(t, page))
	return ts.postRaw(t, c, "/practice/"+qid, v.Encode())
}

var attemptURL = regexp.MustCompile(`^/attempts/(\d+)$`)

func attemptIDOf(t *testing.T, r *response) int64 {
	t.Helper()
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: status %d, want 303 (%s)", r.StatusCode, errorsOf(r))
	}
	m := attemptURL.FindStringSubmatch(r.Header.Get("Location"))
	if m == nil {
		t.Fatalf("save redirected to %q", r.Header.Get("Location"))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// saveAttempt answers qid through the practice form, rating 4 everywhere
// but overall 3, and returns the new attempt's id.
func saveAttempt(t *testing.T, ts *testServer, c *http.Client, qid, answer string) int64 {
	t.Helper()
	page, tok := openPractice(t, ts, c, qid)
	return attemptIDOf(t, submitPractice(t, ts, c, page, qid, practiceValues(answer, tok, 4, 4, 4, 4, 4, 3)))
}

func TestPracticeForm(t *testing.T) {
	ts := newTestServer(t)
	q, _ := testLibrary.Question("why-sales")
	for _, lang := range []string{"ja", "en"} {
		c := ts.client(t)
		signup(t, ts, c, "form-"+lang+"@example.com", lang)
		r, tok := openPractice(t, ts, c, "why-sales")
		if h1(r) != q.Title[lang] {
			t.Errorf("%s: h1 %q", lang, h1(r))
		}
		form := r.doc.Find("form#practice-form")
		if m, _ := form.Attr("method"); m != "post" {
			t.Errorf("form method %q", m)
		}
		if a, _ := form.Attr("action"); a != "/practice/why-sales" {
			t.Errorf("form action %q", a)
		}
		if !clientTokenRE.MatchString(tok) {
			t.Errorf("client token %q", tok)
		}
		if typ, _ := form.Find("input[name=client_token]").Attr("type"); typ != "hidden" {
			t.Errorf("client token input type %q", typ)
		}
		// Timer: a labelled select with the suggestion selected and "no limit".
		sel := form.Find("select#time-limit[name=time_limit]")
		if sel.Length() != 1 || strings.TrimSpace(form.Find(`label[for="time-limit"]`).Text()) != i18n.T(lang, "practice.limit") {
			t.Errorf("%s: timer select missing or unlabelled", lang)
		}
		if v, _ := sel.Find("option[selected]").Attr("value"); v != strconv.Itoa(q.Seconds) {
			t.Errorf("selected time %q, want %d", v, q.Seconds)
		}
		if sel.Find(`option[value="0"]`).Length() != 1 || sel.Find("option").Length() < 4 {
			t.Errorf("%s: timer options %d", lang, sel.Find("option").Length())
		}
		// Answer: a labelled textarea.
		if form.Find("textarea#answer[name=answer]").Length() != 1 ||
			strings.TrimSpace(form.Find(`label[for="answer"]`).Text()) != i18n.T(lang, "practice.answer") {
			t.Errorf("%s: answer textarea missing or unlabelled", lang)
		}
		// Rubric: six fieldsets with a legend and five labelled radios.
		crit := form.Find("fieldset.criterion")
		if crit.Length() != 6 {
			t.Fatalf("%d rubric fieldsets", crit.Length())
		}
		crit.Each(func(i int, fs *goquery.Selection) {
			name := "r_" + store.Criteria[i]
			if !strings.Contains(fs.Find("legend").Text(), i18n.T(lang, "rubric."+store.Criteria[i]+".name")) {
				t.Errorf("%s: legend %q", name, fs.Find("legend").Text())
			}
			radios := fs.Find(`input[type=radio][name="` + name + `"]`)
			if radios.Length() != 5 {
				t.Errorf("%s: %d radios", name, radios.Length())
			}
			radios.Each(func(j int, in *goquery.Selection) {
				id, _ := in.Attr("id")
				v, _ := in.Attr("value")
				if v != strconv.Itoa(j+1) || fs.Find(`label[for="`+id+`"]`).Length() != 1 {
					t.Errorf("%s radio %d: value %q, label for %q", name, j, v, id)
				}
				if _, checked := in.Attr("checked"); checked {
					t.Errorf("%s radio %d checked on a fresh form", name, j)
				}
			})
		})
		if form.Find("textarea#notes[name=notes]").Length() != 1 || form.Find(`label[for="notes"]`).Length() != 1 {
			t.Errorf("%s: notes field missing", lang)
		}
		if k, _ := form.Attr("data-draft-key"); k == "" {
			t.Error("no draft key")
		}
		// Each load gets its own client token.
		if _, tok2 := openPractice(t, ts, c, "why-sales"); tok2 == tok {
			t.Error("client token reused across page loads")
		}
		// Unknown question.
		nf := ts.get(t, c, "/practice/no-such-question")
		if nf.StatusCode != 404 || h1(nf) != i18n.T(lang, "error.404.title") {
			t.Errorf("%s unknown question: %d %q", lang, nf.StatusCode, h1(nf))
		}
	}
}

func TestSaveAttempt(t *testing.T) {
	answers := map[string]string{
		"en": "At my last company I grew a territory by 40% in 12 months.\nOur customers needed faster onboarding, so I built a pipeline of 30 accounts and closed 8 deals.",
		"ja": "前職では担当エリアの売上を12か月で40%伸ばしました。\nお客様の導入を早めるため、30社のパイプラインを作り、8件を受注しました。",
	}
	ts := newTestServer(t)
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			c := ts.client(t)
			u := signup(t, ts, c, "save-"+lang+"@example.com", lang)
			page, tok := openPractice(t, ts, c, "why-sales")
			draftKeyAttr, _ := page.doc.Find("#practice-form").Attr("data-draft-key")
			vals := practiceValues(answers[lang], tok, 5, 4, 3, 2, 1, 4)
			vals.Set("notes", "Open with the number.")
			id := attemptIDOf(t, submitPractice(t, ts, c, page, "why-sales", vals))

			a, err := ts.store.Attempt(context.Background(), u.ID, id)
			if err != nil {
				t.Fatal(err)
			}
			want := store.Ratings{Example: 5, Structure: 4, Confidence: 3, Customer: 2, Concise: 1, Overall: 4}
			if a.UserID != u.ID || a.QuestionID != "why-sales" || a.Answer != answers[lang] || a.Ratings != want ||
				a.Lang != lang || a.Notes != "Open with the number." || a.SecondsTaken != 95 || a.TimeLimit != 120 || a.ClientToken != tok {
				t.Errorf("stored attempt %+v", a)
			}
			var rep insight.Report
			if err := json.Unmarshal([]byte(a.Insights), &rep); err != nil || len(rep.Findings) == 0 || rep.Lang != lang || rep.Format != "motivation" {
				t.Errorf("stored insights %q: %v", a.Insights, err)
			}

			r := ts.get(t, c, fmt.Sprintf("/attempts/%d", id))
			if r.StatusCode != 200 {
				t.Fatalf("attempt page: %d", r.StatusCode)
			}
			if got := strings.TrimSpace(r.doc.Find(".answer-text").Text()); got != answers[lang] {
				t.Errorf("answer shown as %q", got)
			}
			items := r.doc.Find(".insights > li")
			if items.Length() != len(rep.Findings) {
				t.Fatalf("%d insights, %d stored", items.Length(), len(rep.Findings))
			}
			items.Each(func(i int, li *goquery.Selection) {
				if h, want := li.Find("h3").Text(), insight.KindName(rep.Findings[i].Kind, lang); !strings.Contains(h, want) {
					t.Errorf("insight %d heading %q, want %q", i, h, want)
				}
			})
			scores := r.doc.Find("table.ratings tbody .score").Map(func(_ int, s *goquery.Selection) string { return s.Text() })
			if strings.Join(scores, ",") != "5,4,3,2,1,4" {
				t.Errorf("ratings table %v", scores)
			}
			if r.text(".flash") != i18n.T(lang, "flash.saved") {
				t.Errorf("flash %q", r.text(".flash"))
			}
			marker := r.doc.Find("#saved-marker[data-clear-draft]")
			if marker.Length() != 1 {
				t.Fatalf("%d saved markers after saving", marker.Length())
			}
			if k, _ := marker.Attr("data-clear-draft"); k != draftKeyAttr {
				t.Errorf("marker clears %q, the form drafts to %q", k, draftKeyAttr)
			}
			again := ts.get(t, c, fmt.Sprintf("/attempts/%d", id))
			if again.doc.Find("#saved-marker").Length() != 0 || again.doc.Find(".flash").Length() != 0 {
				t.Error("saved marker or flash shown again on reload")
			}
			// Viewed in the other language, the insights follow the reader.
			other := map[string]string{"ja": "en", "en": "ja"}[lang]
			x := ts.get(t, c, fmt.Sprintf("/attempts/%d?lang=%s", id, other))
			if h := x.doc.Find(".insights > li h3").First().Text(); !strings.Contains(h, i18n.T(other, "insight.kind.length")) {
				t.Errorf("insights in %s show %q", other, h)
			}
			ts.get(t, c, "/?lang="+lang)
			// The practice page now counts one earlier answer.
			p, _ := openPractice(t, ts, c, "why-sales")
			if !strings.Contains(p.body, i18n.T(lang, "practice.previous", 1)) {
				t.Error("practice page does not count the earlier answer")
			}
		})
	}
}

func TestResubmittedFormSavesOnce(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	u := signup(t, ts, c, "twice@example.com", "en")
	page, tok := openPractice(t, ts, c, "why-sales")
	vals := practiceValues("Same form sent twice.", tok, 3, 3, 3, 3, 3, 3)
	first := attemptIDOf(t, submitPractice(t, ts, c, page, "why-sales", vals))
	second := attemptIDOf(t, submitPractice(t, ts, c, page, "why-sales", vals))
	if first != second {
		t.Errorf("resubmission saved a new attempt: %d then %d", first, second)
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM attempts WHERE user_id = ?", u.ID); n != 1 {
		t.Errorf("%d rows, want 1", n)
	}
	// A new page load is a new answer.
	third := saveAttempt(t, ts, c, "why-sales", "Another go.")
	if third == first {
		t.Error("a fresh form reused the old attempt")
	}
	// A form without a usable token still saves, once per post.
	hand := practiceValues("Hand-made request.", "bad token!", 2, 2, 2, 2, 2, 2)
	attemptIDOf(t, ts.postForm(t, c, "/practice/why-sales", hand))
	if n := ts.count(t, "SELECT COUNT(*) FROM attempts WHERE user_id = ?", u.ID); n != 3 {
		t.Errorf("%d rows, want 3", n)
	}
}

func TestSaveAttemptRejectsBadInput(t *testing.T) {
	ts := newTestServer(t)
	type tc struct {
		name     string
		answer   string
		ratings  map[string]string // overrides; "-" removes the field
		errs     map[string]string // field -> i18n key
		shown    string            // answer expected back in the textarea
		rawBytes bool              // send the answer's bytes unescaped
	}
	long := strings.Repeat("あ", maxLen("practice.answer")+1)
	cases := []tc{
		// (Ratings left out are fine: see TestRatingsOptional.)
		{name: "missing answer", answer: "   ", errs: map[string]string{"answer": "practice.err.empty"}, shown: "   "},
		{name: "two bad ratings", answer: "Kept text.", ratings: map[string]string{"r_example": "0", "r_overall": "7"},
			errs: map[string]string{"r_example": "form.err.rating.range", "r_overall": "form.err.rating.range"}, shown: "Kept text."},
		{name: "rating 0", answer: "Kept text.", ratings: map[string]string{"r_example": "0"}, errs: map[string]string{"r_example": "form.err.rating.range"}, shown: "Kept text."},
		{name: "rating 6", answer: "Kept text.", ratings: map[string]string{"r_overall": "6"}, errs: map[string]string{"r_overall": "form.err.rating.range"}, shown: "Kept text."},
		{name: "rating abc", answer: "Kept text.", ratings: map[string]string{"r_concise": "abc"}, errs: map[string]string{"r_concise": "form.err.rating.range"}, shown: "Kept text."},
		{name: "answer too long", answer: long, errs: map[string]string{"answer": "form.err.toolong"}, shown: long},
		{name: "invalid UTF-8", answer: "Before\xff\xfeafter", errs: map[string]string{"answer": "form.err.encoding"}, shown: "Beforeafter"},
		{name: "invalid UTF-8 raw", answer: "Before\xff\xfeafter", errs: map[string]string{"answer": "form.err.encoding"}, shown: "Beforeafter", rawBytes: true},
		{name: "NUL byte", answer: "Before\x00after", errs: map[string]string{"answer": "form.err.encoding"}, shown: "Beforeafter"},
		{name: "answer ok, notes too long", answer: "Kept text.", errs: map[string]string{"notes": "form.err.toolong"}, shown: "Kept text."},
	}
	chosen := []int{5, 4, 3, 2, 1, 4}
	for _, lang := range []string{"ja", "en"} {
		c := ts.client(t)
		u := signup(t, ts, c, "bad-"+lang+"@example.com", lang)
		for _, x := range cases {
			t.Run(lang+"/"+x.name, func(t *testing.T) {
				page, tok := openPractice(t, ts, c, "why-sales")
				vals := practiceValues(x.answer, tok, chosen...)
				vals.Set("notes", "my note")
				if x.name == "answer ok, notes too long" {
					vals.Set("notes", strings.Repeat("n", maxLen("practice.notes")+1))
				}
				for k, v := range x.ratings {
					if v == "-" {
						vals.Del(k)
					} else {
						vals.Set(k, v)
					}
				}
				var r *response
				if x.rawBytes {
					vals.Del("answer")
					vals.Set(csrfField, formToken(t, page))
					r = ts.postRaw(t, c, "/practice/why-sales", vals.Encode()+"&answer="+x.answer)
				} else {
					r = submitPractice(t, ts, c, page, "why-sales", vals)
				}
				if r.StatusCode != http.StatusUnprocessableEntity {
					t.Fatalf("status %d, want 422", r.StatusCode)
				}
				if n := ts.count(t, "SELECT COUNT(*) FROM attempts WHERE user_id = ?", u.ID); n != 0 {
					t.Fatalf("%d attempts saved", n)
				}
				// The error summary at the top links to each field in error.
				sum := r.doc.Find("#error-summary[role=alert][tabindex='-1']")
				if sum.Length() != 1 || sum.Find("h2").Text() != i18n.T(lang, "errsum.title") {
					t.Fatalf("no error summary (%s)", errorsOf(r))
				}
				if n := sum.Find("li a").Length(); n != len(x.errs) {
					t.Errorf("summary lists %d errors, want %d", n, len(x.errs))
				}
				sum.Find("li a").Each(func(_ int, a *goquery.Selection) {
					href, _ := a.Attr("href")
					if !strings.HasPrefix(href, "#") || r.doc.Find(href).Length() != 1 {
						t.Errorf("summary link %q leads nowhere", href)
					}
				})
				for field, key := range x.errs {
					el := r.doc.Find("#" + field + "-error.field-error")
					if strings.TrimSpace(el.Text()) != i18n.T(lang, key) {
						t.Errorf("%s error %q, want %q", field, el.Text(), i18n.T(lang, key))
					}
					if strings.HasPrefix(field, "r_") {
						fs := r.doc.Find(`fieldset.criterion:has(input[name="` + field + `"])`)
						if fs.Find("#"+field+"-error").Length() != 1 || !fs.HasClass("has-error") {
							t.Errorf("%s error not in its fieldset", field)
						}
						if d, _ := fs.Attr("aria-describedby"); d != field+"-error" {
							t.Errorf("%s fieldset aria-describedby %q", field, d)
						}
					}
				}
				if n := r.doc.Find(".field-error").Length(); n != len(x.errs) {
					t.Errorf("%d field errors, want %d (%s)", n, len(x.errs), errorsOf(r))
				}
				// What the user typed and chose comes back.
				if got := r.doc.Find("textarea#answer").Text(); got != x.shown {
					if len(got) > 80 {
						got = got[:80] + "..."
					}
					t.Errorf("answer shown as %q", got)
				}
				if x.name != "answer ok, notes too long" {
					if got := r.doc.Find("textarea#notes").Text(); got != "my note" {
						t.Errorf("notes shown as %q", got)
					}
				}
				if got, _ := r.doc.Find("input[name=client_token]").Attr("value"); got != tok {
					t.Errorf("client token %q, want %q kept", got, tok)
				}
				if got, _ := r.doc.Find("#time-limit option[selected]").Attr("value"); got != "120" {
					t.Errorf("time limit shown as %q", got)
				}
				for i, k := range store.Criteria {
					name := "r_" + k
					checked := r.doc.Find(`input[name="` + name + `"][checked]`)
					if _, overridden := x.ratings[name]; overridden {
						if checked.Length() != 0 {
							t.Errorf("%s: a radio is checked for a bad value", name)
						}
						continue
					}
					if v, _ := checked.Attr("value"); checked.Length() != 1 || v != strconv.Itoa(chosen[i]) {
						t.Errorf("%s: checked %q, want %d", name, v, chosen[i])
					}
				}
				// The rejected form, fixed, saves.
				fixed := practiceValues("Now a proper answer.", tok, chosen...)
				id := attemptIDOf(t, submitPractice(t, ts, c, r, "why-sales", fixed))
				if err := ts.store.DeleteAttempt(context.Background(), u.ID, id); err != nil {
					t.Fatal(err)
				}
			})
		}
		// Exactly the limit is fine.
		id := saveAttempt(t, ts, c, "why-sales", strings.Repeat("あ", maxLen("practice.answer")))
		if a, err := ts.store.Attempt(context.Background(), u.ID, id); err != nil || len([]rune(a.Answer)) != maxLen("practice.answer") {
			t.Errorf("answer at the limit: %v", err)
		}
		// Unknown question on POST.
		nf := ts.postForm(t, c, "/practice/no-such-question", practiceValues("x", "tok-unknown-question-1", chosen...))
		if nf.StatusCode != 404 || h1(nf) != i18n.T(lang, "error.404.title") {
			t.Errorf("POST unknown question: %d %q", nf.StatusCode, h1(nf))
		}
	}
}

func TestSaveAttemptBodyTooLarge(t *testing.T) {
	ts := newTestServer(t)
	for _, lang := range []string{"ja", "en"} {
		c := ts.client(t)
		u := signup(t, ts, c, "big-"+lang+"@example.com", lang)
		page, tok := openPractice(t, ts, c, "why-sales")
		vals := practiceValues(strings.Repeat("a", 1<<20+1), tok, 3, 3, 3, 3, 3, 3)
		vals.Set(csrfField, formToken(t, page))
		body := vals.Encode()
		for _, chunked := range []bool{false, true} {
			var rd io.Reader = strings.NewReader(body)
			if chunked {
				rd = io.MultiReader(rd) // hides the length: sent without Content-Length
			}
			req, err := http.NewRequest("POST", ts.URL+"/practice/why-sales", rd)
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			r := do(t, c, req)
			if r.StatusCode != http.StatusRequestEntityTooLarge {
				t.Fatalf("%s (chunked %v): status %d, want 413", lang, chunked, r.StatusCode)
			}
			if h1(r) != i18n.T(lang, "error.413.title") || !strings.Contains(r.body, i18n.T(lang, "error.413.body")) {
				t.Errorf("%s (chunked %v): 413 page h1 %q, want %q", lang, chunked, h1(r), i18n.T(lang, "error.413.title"))
			}
		}
		if n := ts.count(t, "SELECT COUNT(*) FROM attempts WHERE user_id = ?", u.ID); n != 0 {
			t.Errorf("%d attempts saved", n)
		}
		// Still signed in afterwards.
		if me := ts.get(t, c, "/me"); me.StatusCode != 200 {
			t.Errorf("/me after 413: %d", me.StatusCode)
		}
	}
}

func TestChecklistTicks(t *testing.T) {
	ts := newTestServer(t)
	n := len(testLibrary.Checklist)
	item := testLibrary.Checklist[0].ID
	for _, lang := range []string{"ja", "en"} {
		c := ts.client(t)
		u := signup(t, ts, c, "check-"+lang+"@example.com", lang)
		page := ts.get(t, c, "/checklist")
		if page.text(`label[for="check-progress-bar"]`) != i18n.T(lang, "check.progress", 0, n) {
			t.Errorf("%s: progress %q", lang, page.text(`label[for="check-progress-bar"]`))
		}
		form := page.doc.Find(`form[action="/checklist/` + item + `"]`)
		if v, _ := form.Find("input[name=done]").Attr("value"); v != "1" {
			t.Fatalf("%s: tick form done=%q", lang, v)
		}
		for i := 0; i < 2; i++ { // ticking twice is harmless
			r := ts.postRaw(t, c, "/checklist/"+item, url.Values{"done": {"1"}, csrfField: {formToken(t, page)}}.Encode())
			if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/checklist#"+item {
				t.Fatalf("tick: %d %q", r.StatusCode, r.Header.Get("Location"))
			}
		}
		if got := ts.count(t, "SELECT COUNT(*) FROM checklist_ticks WHERE user_id = ? AND item_id = ?", u.ID, item); got != 1 {
			t.Errorf("%d tick rows", got)
		}
		page = ts.get(t, c, "/checklist")
		if page.text(`label[for="check-progress-bar"]`) != i18n.T(lang, "check.progress", 1, n) {
			t.Errorf("%s: progress %q after a tick", lang, page.text(`label[for="check-progress-bar"]`))
		}
		if v, _ := page.doc.Find("progress#check-progress-bar").Attr("value"); v != "1" {
			t.Errorf("progress value %q", v)
		}
		li := page.doc.Find("li#" + item)
		if !li.HasClass("is-done") || !strings.Contains(li.Find(".done-badge").Text(), i18n.T(lang, "check.done")) {
			t.Errorf("%s: item not marked done", lang)
		}
		if v, _ := li.Find("input[name=done]").Attr("value"); v != "0" {
			t.Errorf("done item offers done=%q", v)
		}
		if page.doc.Find("li.check-item.is-done").Length() != 1 {
			t.Errorf("%d items marked", page.doc.Find("li.check-item.is-done").Length())
		}
		me := ts.get(t, c, "/me")
		if !strings.Contains(me.body, i18n.T(lang, "me.checklist.count", 1, n)) {
			t.Errorf("%s: /me does not show 1 of %d", lang, n)
		}

		r := ts.postForm(t, c, "/checklist/"+item, url.Values{"done": {"0"}})
		if r.StatusCode != http.StatusSeeOther {
			t.Fatalf("untick: %d", r.StatusCode)
		}
		if got := ts.count(t, "SELECT COUNT(*) FROM checklist_ticks WHERE user_id = ?", u.ID); got != 0 {
			t.Errorf("%d tick rows after unticking", got)
		}
		page = ts.get(t, c, "/checklist")
		if page.text(`label[for="check-progress-bar"]`) != i18n.T(lang, "check.progress", 0, n) || page.doc.Find(".is-done").Length() != 0 {
			t.Errorf("%s: still marked after unticking", lang)
		}
		nf := ts.postForm(t, c, "/checklist/no-such-item", url.Values{"done": {"1"}})
		if nf.StatusCode != 404 || h1(nf) != i18n.T(lang, "error.404.title") {
			t.Errorf("unknown item: %d %q", nf.StatusCode, h1(nf))
		}
		if got := ts.count(t, "SELECT COUNT(*) FROM checklist_ticks"); got != 0 {
			t.Errorf("%d tick rows after an unknown item", got)
		}
	}
}

func TestExport(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	u := signup(t, ts, c, "export@example.com", "en")
	answer := "Line one of my answer.\nLine two with 25% growth."
	id := saveAttempt(t, ts, c, "why-sales", answer)
	ts.postForm(t, c, fmt.Sprintf("/attempts/%d/notes", id), url.Values{"notes": {"Remember the numbers."}})
	ts.postForm(t, c, "/checklist/"+testLibrary.Checklist[0].ID, url.Values{"done": {"1"}})

	j := ts.get(t, c, "/me/export.json")
	if j.StatusCode != 200 || !strings.HasPrefix(j.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("json export: %d %q", j.StatusCode, j.Header.Get("Content-Type"))
	}
	if cd := j.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment") || !strings.Contains(cd, ".json") {
		t.Errorf("Content-Disposition %q", cd)
	}
	if j.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("Cache-Control %q", j.Header.Get("Cache-Control"))
	}
	if !json.Valid([]byte(j.body)) {
		t.Fatal("export is not valid JSON")
	}
	if strings.Contains(j.body, u.PasswordHash) || strings.Contains(j.body, "argon2") || strings.Contains(strings.ToLower(j.body), "password") {
		t.Error("export contains the password hash")
	}
	var d exportData
	if err := json.Unmarshal([]byte(j.body), &d); err != nil {
		t.Fatal(err)
	}
	if d.User.Email != "export@example.com" || d.User.Lang != "en" || len(d.Attempts) != 1 {
		t.Fatalf("export %+v", d)
	}
	ea := d.Attempts[0]
	q, _ := testLibrary.Question("why-sales")
	if ea.ID != id || ea.Answer != answer || ea.Notes != "Remember the numbers." || ea.Question != q.Title["en"] ||
		ea.Ratings["overall"] != 3 || ea.Ratings["example"] != 4 || len(ea.Insights) == 0 {
		t.Errorf("exported attempt %+v", ea)
	}
	if len(d.Checklist) != 1 || d.Checklist[0] != testLibrary.Checklist[0].ID {
		t.Errorf("exported checklist %v", d.Checklist)
	}

	m := ts.get(t, c, "/me/export.md")
	if m.StatusCode != 200 || !strings.HasPrefix(m.Header.Get("Content-Type"), "text/markdown") {
		t.Fatalf("md export: %d %q", m.StatusCode, m.Header.Get("Content-Type"))
	}
	if cd := m.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment") || !strings.Contains(cd, ".md") {
		t.Errorf("Content-Disposition %q", cd)
	}
	for _, want := range []string{"> Line one of my answer.", "> Line two with 25% growth.", "Remember the numbers.", "export@example.com",
		i18n.T("en", "rubric.overall.name") + ": 3/5", "- [x] " + testLibrary.Checklist[0].Title["en"]} {
		if !strings.Contains(m.body, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	if strings.Contains(m.body, u.PasswordHash) {
		t.Error("markdown contains the password hash")
	}
}
