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
)

func TestHistoryCompareNotesAndDelete(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	u := signup(t, ts, c, "history@example.com", "en")
	answers := []string{"First try: I like people.", "Second try: I grew revenue 20%.", "Third try: customers, numbers, results."}
	var ids []int64
	for _, a := range answers {
		ids = append(ids, saveAttempt(t, ts, c, "why-sales", a))
	}
	other := saveAttempt(t, ts, c, testLibrary.Questions[len(testLibrary.Questions)-1].ID, "A different question.")
	attemptPath := func(id int64) string { return fmt.Sprintf("/attempts/%d", id) }

	// The question page lists mine, newest first.
	q := ts.get(t, c, "/questions/why-sales")
	var hrefs []string
	q.doc.Find(".history .attempt-list > li a").Each(func(_ int, s *goquery.Selection) {
		h, _ := s.Attr("href")
		hrefs = append(hrefs, h)
	})
	want := []string{attemptPath(ids[2]), attemptPath(ids[1]), attemptPath(ids[0])}
	if strings.Join(hrefs, " ") != strings.Join(want, " ") {
		t.Errorf("history %v, want %v", hrefs, want)
	}
	if href, _ := q.doc.Find(`.history a[href^="/attempts/compare"]`).Attr("href"); href != fmt.Sprintf("/attempts/compare?a=%d&b=%d", ids[1], ids[2]) {
		t.Errorf("compare link %q", href)
	}

	// The attempt page offers the others to compare with.
	ap := ts.get(t, c, attemptPath(ids[0]))
	if n := ap.doc.Find("#compare-b option").Length(); n != 2 {
		t.Errorf("%d answers to compare with, want 2", n)
	}

	// Compare: older on the left, whichever order they are asked in.
	for _, qs := range []string{fmt.Sprintf("a=%d&b=%d", ids[0], ids[2]), fmt.Sprintf("a=%d&b=%d", ids[2], ids[0])} {
		r := ts.get(t, c, "/attempts/compare?"+qs)
		if r.StatusCode != 200 || h1(r) != i18n.T("en", "compare.title") {
			t.Fatalf("compare %s: %d %q", qs, r.StatusCode, h1(r))
		}
		texts := r.doc.Find(".compare .answer-text").Map(func(_ int, s *goquery.Selection) string { return strings.TrimSpace(s.Text()) })
		if len(texts) != 2 || texts[0] != answers[0] || texts[1] != answers[2] {
			t.Errorf("compare %s shows %q", qs, texts)
		}
		if l, r := r.doc.Find(".compare > :first-child .insights > li").Length(), r.doc.Find(".compare > :last-child .insights > li").Length(); l == 0 || r == 0 {
			t.Errorf("compare shows %d and %d insights", l, r)
		}
	}
	if r := ts.get(t, c, fmt.Sprintf("/attempts/compare?a=%d&b=%d", ids[0], other)); r.StatusCode != http.StatusBadRequest {
		t.Errorf("compare across questions: %d", r.StatusCode)
	}
	for _, qs := range []string{fmt.Sprintf("a=%d", ids[0]), "a=x&b=y", fmt.Sprintf("a=%d&b=999999", ids[0])} {
		if r := ts.get(t, c, "/attempts/compare?"+qs); r.StatusCode != 404 {
			t.Errorf("compare %s: %d", qs, r.StatusCode)
		}
	}

	// Notes.
	r := ts.postForm(t, c, attemptPath(ids[1])+"/notes", url.Values{"notes": {"  Lead with the 20%.  "}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != attemptPath(ids[1]) {
		t.Fatalf("notes: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
	a, _ := ts.store.Attempt(context.Background(), u.ID, ids[1])
	if a.Notes != "Lead with the 20%." {
		t.Errorf("notes stored as %q", a.Notes)
	}
	page := ts.get(t, c, attemptPath(ids[1]))
	if page.doc.Find("textarea#notes").Text() != "Lead with the 20%." || page.text(".flash") != i18n.T("en", "flash.notes") {
		t.Errorf("notes page: %q, flash %q", page.doc.Find("textarea#notes").Text(), page.text(".flash"))
	}
	tooLong := strings.Repeat("n", maxLen("practice.notes")+1)
	r = ts.postForm(t, c, attemptPath(ids[1])+"/notes", url.Values{"notes": {tooLong}})
	if r.StatusCode != http.StatusUnprocessableEntity || r.text("#notes-error") != i18n.T("en", "form.err.toolong") ||
		r.doc.Find("textarea#notes").Text() != tooLong {
		t.Errorf("long notes: %d %q", r.StatusCode, r.text("#notes-error"))
	}
	if a, _ := ts.store.Attempt(context.Background(), u.ID, ids[1]); a.Notes != "Lead with the 20%." {
		t.Errorf("rejected notes changed the row: %q", a.Notes)
	}
	if r := ts.postForm(t, c, "/attempts/999999/notes", url.Values{"notes": {"x"}}); r.StatusCode != 404 {
		t.Errorf("notes on a missing attempt: %d", r.StatusCode)
	}

	// /me lists recent answers and practised questions.
	me := ts.get(t, c, "/me")
	if n := me.doc.Find("section .attempt-list > li").Length(); n != 4 {
		t.Errorf("/me lists %d recent answers, want 4", n)
	}
	if href, _ := me.doc.Find("section .attempt-list > li a").First().Attr("href"); href != attemptPath(other) {
		t.Errorf("most recent on /me is %q", href)
	}
	practised := me.doc.Find(".me-side .plain-list").First().Find("li")
	if practised.Length() != 2 {
		t.Errorf("%d practised questions, want 2", practised.Length())
	}
	ws := practised.Has(`a[href="/questions/why-sales"]`)
	if ws.Length() != 1 || !strings.Contains(ws.Text(), i18n.T("en", "me.count", 3)) || !strings.Contains(ws.Text(), i18n.T("en", "me.best", 3)) {
		t.Errorf("why-sales on /me: %q", ws.Text())
	}

	// Delete: confirm page, then the post.
	conf := ts.get(t, c, attemptPath(ids[0])+"/delete")
	if conf.StatusCode != 200 || h1(conf) != i18n.T("en", "attempt.delete.title") ||
		strings.TrimSpace(conf.doc.Find(".answer-text").Text()) != answers[0] {
		t.Fatalf("confirm page: %d %q", conf.StatusCode, h1(conf))
	}
	if act, _ := conf.doc.Find("form[method=post]").Last().Attr("action"); act != attemptPath(ids[0])+"/delete" {
		t.Errorf("delete form posts to %q", act)
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM attempts WHERE id = ?", ids[0]); n != 1 {
		t.Fatal("GET of the confirm page deleted the attempt")
	}
	del := ts.postRaw(t, c, attemptPath(ids[0])+"/delete", url.Values{csrfField: {formToken(t, conf)}}.Encode())
	if del.StatusCode != http.StatusSeeOther || del.Header.Get("Location") != "/questions/why-sales" {
		t.Fatalf("delete: %d %q", del.StatusCode, del.Header.Get("Location"))
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM attempts WHERE id = ?", ids[0]); n != 0 {
		t.Error("attempt row still there")
	}
	after := ts.get(t, c, "/questions/why-sales")
	if after.text(".flash") != i18n.T("en", "flash.deleted") || after.doc.Find(".history .attempt-list > li").Length() != 2 {
		t.Errorf("after delete: flash %q, %d listed", after.text(".flash"), after.doc.Find(".history .attempt-list > li").Length())
	}
	for _, p := range []string{attemptPath(ids[0]), attemptPath(ids[0]) + "/delete"} {
		if r := ts.get(t, c, p); r.StatusCode != 404 {
			t.Errorf("GET %s after delete: %d", p, r.StatusCode)
		}
	}
	if r := ts.postForm(t, c, attemptPath(ids[0])+"/delete", nil); r.StatusCode != 404 {
		t.Errorf("second delete: %d", r.StatusCode)
	}
	for _, p := range []string{"/attempts/abc", "/attempts/-1", "/attempts/99999999999999999999"} {
		if r := ts.get(t, c, p); r.StatusCode != 404 {
			t.Errorf("GET %s: %d", p, r.StatusCode)
		}
	}
}

func TestAttemptsAreOwnersOnly(t *testing.T) {
	ts := newTestServer(t)
	alice := ts.client(t)
	aliceU := signup(t, ts, alice, "alice@example.com", "en")
	bob := ts.client(t)
	signup(t, ts, bob, "bob@example.com", "ja")
	secret := "Alice's private answer about her 35% quota overachievement."
	aID := saveAttempt(t, ts, alice, "why-sales", secret)
	bID := saveAttempt(t, ts, bob, "why-sales", "Bob's answer.")
	ap := fmt.Sprintf("/attempts/%d", aID)

	for _, p := range []string{ap, ap + "/delete",
		fmt.Sprintf("/attempts/compare?a=%d&b=%d", aID, bID), fmt.Sprintf("/attempts/compare?a=%d&b=%d", bID, aID)} {
		r := ts.get(t, bob, p)
		if r.StatusCode != 404 || h1(r) != i18n.T("ja", "error.404.title") {
			t.Errorf("Bob GET %s: %d %q", p, r.StatusCode, h1(r))
		}
		if strings.Contains(r.body, secret) {
			t.Errorf("Bob sees Alice's answer at %s", p)
		}
	}
	if r := ts.postForm(t, bob, ap+"/notes", url.Values{"notes": {"Bob was here"}}); r.StatusCode != 404 {
		t.Errorf("Bob POST notes: %d", r.StatusCode)
	}
	if r := ts.postForm(t, bob, ap+"/delete", nil); r.StatusCode != 404 {
		t.Errorf("Bob POST delete: %d", r.StatusCode)
	}
	a, err := ts.store.Attempt(context.Background(), aliceU.ID, aID)
	if err != nil || a.Notes != "" || a.Answer != secret {
		t.Errorf("Alice's attempt after Bob: %+v, %v", a, err)
	}
	// Bob's pages and exports show none of Alice's answers.
	for _, p := range []string{"/questions/why-sales", "/me", "/me/export.json", "/me/export.md"} {
		r := ts.get(t, bob, p)
		if r.StatusCode != 200 || strings.Contains(r.body, secret) || strings.Contains(r.body, "alice@example.com") || strings.Contains(r.body, ap+"\"") {
			t.Errorf("Bob's %s: %d, leaks Alice's data", p, r.StatusCode)
		}
	}
	var exp exportData
	if err := json.Unmarshal([]byte(ts.get(t, bob, "/me/export.json").body), &exp); err != nil || len(exp.Attempts) != 1 || exp.Attempts[0].ID != bID {
		t.Errorf("Bob's export: %+v, %v", exp.Attempts, err)
	}
	// Alice still has hers.
	if r := ts.get(t, alice, ap); r.StatusCode != 200 || !strings.Contains(r.body, "35% quota") {
		t.Errorf("Alice's own attempt: %d", r.StatusCode)
	}
}
