package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/aeprep/aeprep/internal/i18n"
)

// TestStoriesSharedWithCoaches: a coach sees a member's story only once
// it is shared, with its coverage on the candidate's page, and comments on
// it; the candidate reads the comment; another coach and an unshared
// story are 404s; a bad comment comes back with its text.
func TestStoriesSharedWithCoaches(t *testing.T) {
	ts := newTestServer(t)
	coach, other, cand := ts.client(t), ts.client(t), ts.client(t)
	signupAs(t, ts, coach, "Coach K", "share-coach@example.com", "ja", "coach")
	signupAs(t, ts, other, "Coach L", "share-other@example.com", "en", "coach")
	cu := signupAs(t, ts, cand, "Cand M", "share-cand@example.com", "en", "candidate")
	setID := postNewSet(t, ts, coach, "Set", bankIDs(t, 1)...)
	postNewSet(t, ts, other, "Other set", bankIDs(t, 1)...)
	tok, _ := newInvite(t, ts, coach, setID, "")
	joinVia(t, ts, cand, tok)

	id := createStory(t, ts, cand, storyValues("The renewal I saved", []string{"negotiation"}, []string{"objections"}))
	second := createStory(t, ts, cand, storyValues("The second one", []string{"empathy"}, []string{"closing"}))
	path := fmt.Sprintf("/coach/stories/%d", id)
	candPage := fmt.Sprintf("/coach/candidates/%d", cu.ID)

	r := ts.get(t, coach, candPage)
	if r.StatusCode != 200 || r.text(".coach-stories .empty") != i18n.T("ja", "stories.coach.none") || strings.Contains(r.body, "The renewal I saved") {
		t.Fatalf("before sharing the coach sees: %d %q", r.StatusCode, r.text(".coach-stories"))
	}
	if r := ts.get(t, coach, path); r.StatusCode != 404 {
		t.Fatalf("unshared story for the coach: %d", r.StatusCode)
	}
	if r := ts.postForm(t, coach, path+"/comments", url.Values{"body": {"early"}}); r.StatusCode != 404 {
		t.Fatalf("comment on an unshared story: %d", r.StatusCode)
	}

	if r := ts.postForm(t, cand, fmt.Sprintf("/stories/%d/share", id), url.Values{"shared": {"1"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("share: %d", r.StatusCode)
	}
	r = ts.get(t, coach, candPage)
	if r.doc.Find(fmt.Sprintf(`.coach-stories a[href="%s"]`, path)).Length() != 1 || strings.Contains(r.body, "The second one") {
		t.Fatalf("candidate page lists: %q", r.text(".coach-stories .story-list"))
	}
	total := len(testLibrary.Categories) * len(testLibrary.Skills)
	if got := r.text(".coach-stories .story-cov-sum"); got != fmt.Sprintf("%dマス中1マスにストーリーがあります（ストーリー1件）。", total) {
		t.Errorf("coach's coverage summary %q", got)
	}
	if r.doc.Find(".coach-stories .story-heat svg[role=img]").Length() != 1 || r.doc.Find(".coach-stories .story-gaps a").Length() != 0 {
		t.Error("coach's coverage: no heat map, or gaps link to the candidate's new-story form")
	}
	for _, c := range []*http.Client{other, cand} {
		if r := ts.get(t, c, path); r.StatusCode != 404 && r.StatusCode != 403 {
			t.Errorf("shared story for someone else: %d", r.StatusCode)
		}
	}
	if r := ts.get(t, other, candPage); r.StatusCode != 404 {
		t.Errorf("another coach on the candidate's page: %d", r.StatusCode)
	}
	page := ts.get(t, coach, path)
	if page.StatusCode != 200 || h1(page) != "The renewal I saved" || page.doc.Find("ul.insights li.insight").Length() != 3 {
		t.Fatalf("coach's story page: %d %q, %d findings", page.StatusCode, h1(page), page.doc.Find("ul.insights li.insight").Length())
	}

	// Bad comments: empty, over-long; the text comes back, nothing saved.
	long := strings.Repeat("x", maxLen("story.comment")+1)
	for _, tc := range []struct{ body, key string }{{"  ", "form.err.required"}, {long, "form.err.toolong"}} {
		r := ts.postForm(t, coach, path+"/comments", url.Values{"body": {tc.body}})
		if r.StatusCode != http.StatusUnprocessableEntity || r.text("#body-error") != i18n.T("ja", tc.key) {
			t.Errorf("comment %.10q: %d %q", tc.body, r.StatusCode, r.text("#body-error"))
		}
		if tc.body == long && r.doc.Find("#comment-body").Text() != long {
			t.Error("the over-long comment was not given back")
		}
	}
	if r := ts.postForm(t, other, path+"/comments", url.Values{"body": {"not my candidate"}}); r.StatusCode != 404 {
		t.Errorf("another coach's comment: %d", r.StatusCode)
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM story_comments"); n != 0 {
		t.Fatalf("%d comments saved from refused posts", n)
	}
	if r := ts.postForm(t, coach, path+"/comments", url.Values{"body": {"Open with the **112%**."}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("comment: %d (%s)", r.StatusCode, errorsOf(r))
	}
	own := ts.get(t, cand, fmt.Sprintf("/stories/%d", id))
	if c := own.doc.Find(".story-comments li"); c.Length() != 1 || !strings.Contains(c.Text(), "Coach K") || c.Find("strong").Last().Text() != "112%" {
		t.Errorf("candidate's view of the comment: %q", own.text(".story-comments"))
	}

	// Unshared again: hidden; share all: both visible.
	ts.postForm(t, cand, fmt.Sprintf("/stories/%d/share", id), url.Values{"shared": {"0"}})
	if r := ts.get(t, coach, path); r.StatusCode != 404 {
		t.Errorf("after unsharing: %d", r.StatusCode)
	}
	if r := ts.postForm(t, cand, "/stories/share", url.Values{"shared": {"1"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatal(r.StatusCode)
	}
	if r := ts.get(t, coach, candPage); r.doc.Find(".coach-stories .story-item").Length() != 2 {
		t.Errorf("after sharing all: %d stories", r.doc.Find(".coach-stories .story-item").Length())
	}
	if r := ts.get(t, coach, fmt.Sprintf("/coach/stories/%d", second)); r.StatusCode != 200 {
		t.Errorf("second story after sharing all: %d", r.StatusCode)
	}
	// Leaving the coach hides everything from them.
	ts.postForm(t, cand, fmt.Sprintf("/me/coaches/%d/leave", userID(t, ts, "share-coach@example.com")), nil)
	if r := ts.get(t, coach, path); r.StatusCode != 404 {
		t.Errorf("after leaving: %d", r.StatusCode)
	}
}

func userID(t *testing.T, ts *testServer, email string) int64 {
	t.Helper()
	u, err := ts.store.UserByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

// TestStoriesInExportAndDeletion: the export carries every story with the
// comments on it, in JSON and Markdown; deleting the account removes them.
func TestStoriesInExportAndDeletion(t *testing.T) {
	ts := newTestServer(t)
	coach, cand := ts.client(t), ts.client(t)
	signupAs(t, ts, coach, "Coach E", "exp-coach@example.com", "en", "coach")
	cu := signupAs(t, ts, cand, "Cand E", "exp-cand@example.com", "en", "candidate")
	setID := postNewSet(t, ts, coach, "Set", bankIDs(t, 1)...)
	tok, _ := newInvite(t, ts, coach, setID, "")
	joinVia(t, ts, cand, tok)
	id := createStory(t, ts, cand, storyValues("Exported story", []string{"negotiation"}, []string{"objections"}))
	createStory(t, ts, cand, storyValues("Private one", []string{"empathy"}, []string{"closing"}))
	ts.postForm(t, cand, fmt.Sprintf("/stories/%d/share", id), url.Values{"shared": {"1"}})
	if r := ts.postForm(t, coach, fmt.Sprintf("/coach/stories/%d/comments", id), url.Values{"body": {"Lead with the figure."}}); r.StatusCode != http.StatusSeeOther {
		t.Fatal(r.StatusCode)
	}
	d := exportOf(t, ts, cand)
	if len(d.Stories) != 2 {
		t.Fatalf("%d stories exported", len(d.Stories))
	}
	var ex *exportStory
	for i := range d.Stories {
		if d.Stories[i].ID == id {
			ex = &d.Stories[i]
		}
	}
	if ex == nil || ex.Title != "Exported story" || !ex.Shared || len(ex.Comments) != 1 || ex.Comments[0].Body != "Lead with the figure." ||
		ex.Comments[0].Coach != "Coach E" || strings.Join(ex.Skills, ",") != "negotiation" || !strings.Contains(ex.Result, "112%") {
		t.Fatalf("exported story %+v", ex)
	}
	md := ts.get(t, cand, "/me/export.md").body
	for _, want := range []string{"## " + i18n.T("en", "stories.title"), "### Exported story", "### Private one", "Lead with the figure.", "**Result:**"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown export lacks %q", want)
		}
	}
	if other := exportOf(t, ts, coach); len(other.Stories) != 0 {
		t.Errorf("the coach's export holds %d of the candidate's stories", len(other.Stories))
	}
	if r := ts.postForm(t, cand, "/me/delete", url.Values{"password": {testPassword}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete account: %d", r.StatusCode)
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM stories WHERE user_id = ?", cu.ID); n != 0 {
		t.Errorf("%d stories outlived the account", n)
	}
	if n := ts.count(t, "SELECT COUNT(*) FROM story_comments"); n != 0 {
		t.Errorf("%d comments outlived the stories", n)
	}
}
