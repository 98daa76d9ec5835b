package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/store"
)

// startMock POSTs the mock form and returns the session's URL.
func startMock(t *testing.T, ts *testServer, c *http.Client, vals url.Values) string {
	t.Helper()
	r := ts.postForm(t, c, "/mock", vals)
	if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/mock/") {
		t.Fatalf("start mock: %d %s\n%s", r.StatusCode, r.Header.Get("Location"), errorsOf(r))
	}
	return r.Header.Get("Location")
}

// answerStep answers the question the mock page shows and returns its id.
func answerStep(t *testing.T, ts *testServer, c *http.Client, mockURL string, score int) string {
	t.Helper()
	page := ts.get(t, c, mockURL)
	if page.StatusCode != 200 {
		t.Fatalf("GET %s: %d", mockURL, page.StatusCode)
	}
	qid, _ := page.doc.Find(`#practice-form input[name="question_id"]`).Attr("value")
	tok, _ := page.doc.Find(`#practice-form input[name="client_token"]`).Attr("value")
	if qid == "" || tok == "" {
		t.Fatalf("mock page has no question: %s", page.text("main"))
	}
	v := practiceValues("For question "+qid+" I grew pipeline by 30% in 3 months for the customer.", tok, score, score, score, score, score, score)
	v.Set("question_id", qid)
	r := ts.postForm(t, c, mockURL+"/answer", v)
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("answer %s: %d %s", qid, r.StatusCode, errorsOf(r))
	}
	return qid
}

func TestMockInterview(t *testing.T) {
	for _, n := range []int{3, 5, 8} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			ts := newTestServer(t)
			c := ts.client(t)
			u := signup(t, ts, c, "mock@example.com", "en")
			mockURL := startMock(t, ts, c, url.Values{"size": {fmt.Sprint(n)}, "source": {"mix"}, "lang": {"en"}})

			seen := map[string]bool{}
			for i := 0; i < n; i++ {
				if i == 1 {
					// Interruption: a new client (the browser was closed) with
					// the same login resumes at the next question.
					page := ts.get(t, c, mockURL)
					if got := page.text(".mock-step"); got != i18n.T("en", "mock.step", 2, n) {
						t.Fatalf("resume shows %q", got)
					}
				}
				q := answerStep(t, ts, c, mockURL, 1+i%5)
				if seen[q] {
					t.Fatalf("question %s asked twice", q)
				}
				seen[q] = true
			}
			var atts []store.Attempt
			ts.db.Where("user_id = ? AND mock_id IS NOT NULL", u.ID).Find(&atts)
			if len(atts) != n {
				t.Fatalf("%d attempts saved for a %d-question mock", len(atts), n)
			}
			sum := ts.get(t, c, mockURL)
			if h := sum.text("h1"); h != i18n.T("en", "mock.summary") {
				t.Fatalf("after the last answer the page is %q", h)
			}
			if k := sum.doc.Find(".mock-answer").Length(); k != n {
				t.Errorf("summary lists %d answers", k)
			}
			if k := sum.doc.Find(".focus-list li").Length(); k != 3 {
				t.Errorf("summary gives %d things to work on, want 3", k)
			}
			if !strings.Contains(sum.text(".lead"), i18n.T("en", "q.minsec", 95*n/60, 95*n%60)) && !strings.Contains(sum.text(".lead"), i18n.T("en", "q.minutes", 95*n/60)) {
				t.Errorf("total speaking time missing: %q", sum.text(".lead"))
			}
			// A late resubmission of an answered step saves nothing more.
			v := practiceValues("again", "zzzzzzzzzzzzzzzzzzzzzz", 3, 3, 3, 3, 3, 3)
			v.Set("question_id", atts[0].QuestionID)
			ts.postForm(t, c, mockURL+"/answer", v)
			if got := ts.count(t, `SELECT COUNT(*) FROM attempts WHERE mock_id IS NOT NULL`); got != int64(n) {
				t.Errorf("%d attempts after a stale resubmission", got)
			}
			// The session is listed on /me.
			me := ts.get(t, c, "/me")
			if !strings.Contains(me.body, mockURL) {
				t.Error("/me does not list the mock interview")
			}
		})
	}
}

func TestMockInterviewOwnershipAndBadInput(t *testing.T) {
	ts := newTestServer(t)
	a := ts.client(t)
	signup(t, ts, a, "a@example.com", "ja")
	mockURL := startMock(t, ts, a, url.Values{"size": {"3"}, "source": {"mix"}, "lang": {"ja"}, "category": {"objections"}})
	page := ts.get(t, a, mockURL)
	qid, _ := page.doc.Find(`input[name="question_id"]`).Attr("value")
	if q, ok := testLibrary.Question(qid); !ok || q.Category != "objections" {
		t.Fatalf("category filter ignored: %s", qid)
	}
	if l, _ := page.doc.Find("html").Attr("lang"); l != "ja" {
		t.Errorf("mock in Japanese renders lang=%s", l)
	}
	b := ts.client(t)
	signup(t, ts, b, "b@example.com", "en")
	if r := ts.get(t, b, mockURL); r.StatusCode != 404 {
		t.Errorf("another user's mock: %d", r.StatusCode)
	}
	v := practiceValues("x", "yyyyyyyyyyyyyyyyyyyyyy", 3, 3, 3, 3, 3, 3)
	v.Set("question_id", qid)
	if r := ts.postForm(t, b, mockURL+"/answer", v); r.StatusCode != 404 {
		t.Errorf("answering another user's mock: %d", r.StatusCode)
	}
	for _, bad := range []url.Values{
		{"size": {"4"}, "source": {"mix"}, "lang": {"en"}},
		{"size": {"3"}, "source": {"mix"}, "lang": {"fr"}},
		{"size": {"3"}, "source": {"set"}, "lang": {"en"}, "set_id": {"999"}},
		{"size": {"3"}, "source": {"mix"}, "lang": {"en"}, "category": {"golf"}},
	} {
		r := ts.postForm(t, b, "/mock", bad)
		if r.StatusCode != http.StatusUnprocessableEntity || r.doc.Find(".field-error").Length() == 0 {
			t.Errorf("%v: %d", bad, r.StatusCode)
		}
	}
	// A bad rating re-renders the step with the answer kept. (The step
	// asks for no ratings: they come once, at the end.)
	if page.doc.Find(`input[name^="r_"]`).Length() != 0 {
		t.Errorf("a mock step asks for ratings")
	}
	tok, _ := page.doc.Find(`input[name="client_token"]`).Attr("value")
	v = practiceValues("kept text", tok)
	v.Set("question_id", qid)
	v.Set("r_overall", "9")
	r := ts.postForm(t, a, mockURL+"/answer", v)
	if r.StatusCode != http.StatusUnprocessableEntity || r.doc.Find("#answer").Text() != "kept text" {
		t.Errorf("bad mock answer: %d %q", r.StatusCode, r.doc.Find("#answer").Text())
	}
}
