package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/aeprep/aeprep/internal/i18n"
)

// TestSaveWritesNoSession: saving an answer and showing the next page with
// its "Saved." and the draft to clear change nothing in the sessions
// table (the notes travel in a cookie), and the notes show once.
func TestSaveWritesNoSession(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	u := signup(t, ts, c, "notes@example.com", "en")
	sessionRows := func() string {
		var rows []struct {
			Token  string
			Data   []byte
			Expiry time.Time
		}
		if err := ts.db.Raw(`SELECT token, data, expiry FROM sessions ORDER BY token`).Scan(&rows).Error; err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(rows)
	}
	page, tok := openPractice(t, ts, c, "why-sales")
	before := sessionRows()
	id := attemptIDOf(t, submitPractice(t, ts, c, page, "why-sales", practiceValues("I closed 8 deals in a quarter.", tok, 4, 4, 4, 4, 4, 4)))
	r := ts.get(t, c, fmt.Sprintf("/attempts/%d", id))
	if r.StatusCode != 200 {
		t.Fatalf("attempt page: %d", r.StatusCode)
	}
	if got := r.text(".flash"); got != i18n.T("en", "flash.saved") {
		t.Errorf("flash %q", got)
	}
	if got, _ := r.doc.Find("#saved-marker").Attr("data-clear-draft"); got != draftKey(u.ID, "why-sales") {
		t.Errorf("draft to clear %q, want %q", got, draftKey(u.ID, "why-sales"))
	}
	if after := sessionRows(); after != before {
		t.Errorf("the save and the page after it wrote the session:\n%s\n%s", before, after)
	}
	again := ts.get(t, c, fmt.Sprintf("/attempts/%d", id))
	if again.doc.Find(".flash").Length() != 0 || again.doc.Find("#saved-marker").Length() != 0 {
		t.Error("the notes showed twice")
	}
	for _, ck := range r.Cookies() {
		if ck.Name == noteCookie && (!ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.MaxAge >= 0) {
			t.Errorf("the note cookie is not cleared as it should be: %+v", ck)
		}
	}
}

// TestForgedNotesShowNothing: a note cookie set by anyone but the app can
// only name one of the app's own messages, and a draft key of the signed-in
// user's; anything else is dropped without a trace on the page.
func TestForgedNotesShowNothing(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	u := signup(t, ts, c, "forged@example.com", "en")
	other := u.ID + 1
	for _, tc := range []struct {
		name       string
		note       url.Values
		flash      string
		clearDraft string
	}{
		{"unknown message", url.Values{noteFlash: {"<script>alert(1)</script>"}}, "", ""},
		{"a real message", url.Values{noteFlash: {"flash.deleted"}}, i18n.T("en", "flash.deleted"), ""},
		{"another user's draft", url.Values{noteDraft: {fmt.Sprintf("aeprep:draft:%d:why-sales", other)}}, "", ""},
		{"a prefix of the id", url.Values{noteDraft: {fmt.Sprintf("aeprep:draft:%d1:why-sales", u.ID)}}, "", ""},
		{"markup in the draft", url.Values{noteDraft: {fmt.Sprintf("aeprep:draft:%d:\"><b>", u.ID)}}, "", ""},
		{"the user's own draft", url.Values{noteDraft: {draftKey(u.ID, "closing")}}, "", draftKey(u.ID, "closing")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base, _ := url.Parse(ts.URL)
			c.Jar.SetCookies(base, []*http.Cookie{{Name: noteCookie, Value: tc.note.Encode(), Path: "/"}})
			r := ts.get(t, c, "/practice/why-sales")
			if got := r.text(".flash"); got != tc.flash {
				t.Errorf("flash %q, want %q", got, tc.flash)
			}
			got, _ := r.doc.Find("#saved-marker").Attr("data-clear-draft")
			if got != tc.clearDraft {
				t.Errorf("draft to clear %q, want %q", got, tc.clearDraft)
			}
			if strings.Contains(r.body, "<b>") || strings.Contains(r.body, "alert(1)") {
				t.Error("the forged note reached the page")
			}
		})
	}
}

// TestSessionEncodingIsStable: the same session encodes to the same bytes
// every time (gob alone writes a map in a random order, which made the
// store rewrite an unchanged session on about half the requests), decodes
// to what went in, and a session stored by scs's own codec still reads.
func TestSessionEncodingIsStable(t *testing.T) {
	deadline := time.Date(2026, 12, 2, 5, 0, 0, 0, time.UTC)
	vals := map[string]any{"uid": int64(42), "epoch": 3, "sent_to": "a@example.com", "lang": "ja"}
	first, err := sortedCodec{}.Encode(deadline, vals)
	if err != nil {
		t.Fatal(err)
	}
	for range 50 {
		b, err := sortedCodec{}.Encode(deadline, vals)
		if err != nil || string(b) != string(first) {
			t.Fatalf("the same session encoded differently: %v", err)
		}
	}
	for name, b := range map[string][]byte{"sorted": first, "scs gob": mustGob(t, deadline, vals)} {
		d, got, err := sortedCodec{}.Decode(b)
		if err != nil || !d.Equal(deadline) || fmt.Sprint(got) != fmt.Sprint(vals) {
			t.Errorf("%s: decoded %v %v %v", name, d, got, err)
		}
	}
}

func mustGob(t *testing.T, deadline time.Time, vals map[string]any) []byte {
	t.Helper()
	b, err := scs.GobCodec{}.Encode(deadline, vals)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
