package web

import (
	"fmt"
	"net/url"
	"testing"
)

// addStoryRows gives the route table (buildRouteFixture) the story bank's
// routes: A owns a shared story (so A's coach may read it) and one to
// delete; B, the other coach and visitors get nothing of them.
func addStoryRows(t *testing.T, f *routeFixture) {
	t.Helper()
	A := f.who[rA]
	const secret = "A's secret story about the ¥48M deal"
	vals := storyValues(secret, []string{"negotiation"}, []string{"objections"})
	shared := createStory(t, f.ts, A.c, vals)
	if r := f.ts.postForm(t, A.c, fmt.Sprintf("/stories/%d/share", shared), url.Values{"shared": {"1"}}); r.StatusCode != 303 {
		t.Fatalf("share A's story: %d", r.StatusCode)
	}
	doomed := createStory(t, f.ts, A.c, storyValues("A story A will delete", []string{"empathy"}, []string{"closing"}))
	f.secrets = append(f.secrets, secret)

	signedIn := func(visitor, others int) [nRoles]int { return [nRoles]int{visitor, others, others, others, others} }
	aOnly := func(visitor, owner int) [nRoles]int { return [nRoles]int{visitor, owner, 404, 404, 404} }
	coachOnly := func(visitor, owner int) [nRoles]int { return [nRoles]int{visitor, 403, 403, owner, 404} }
	st := fmt.Sprintf("/stories/%d", shared)
	edit := storyValues(secret, []string{"negotiation", "empathy"}, []string{"objections"})
	rows := map[string]expect{
		"GET /stories":                     {path: "/stories", want: signedIn(303, 200)},
		"GET /stories/new":                 {path: "/stories/new", want: signedIn(303, 200)},
		"POST /stories":                    {path: "/stories", vals: storyValues("A new story", []string{"empathy"}, []string{"closing"}), want: signedIn(401, 303)},
		"GET /stories/coverage":            {path: "/stories/coverage", want: signedIn(303, 200)},
		"POST /stories/share":              {path: "/stories/share", vals: url.Values{"shared": {"1"}}, want: signedIn(401, 303)},
		"GET /stories/:id":                 {path: st, want: aOnly(303, 200)},
		"POST /stories/:id":                {path: st, vals: edit, want: aOnly(401, 303)},
		"GET /stories/:id/edit":            {path: st + "/edit", want: aOnly(303, 200)},
		"GET /stories/:id/delete":          {path: st + "/delete", want: aOnly(303, 200)},
		"POST /stories/:id/delete":         {path: fmt.Sprintf("/stories/%d/delete", doomed), want: aOnly(401, 303)},
		"POST /stories/:id/share":          {path: st + "/share", vals: url.Values{"shared": {"1"}}, want: aOnly(401, 303)},
		"GET /coach/stories/:id":           {path: "/coach" + st, want: coachOnly(303, 200)},
		"POST /coach/stories/:id/comments": {path: "/coach" + st + "/comments", vals: url.Values{"body": {"From coach C"}}, want: coachOnly(401, 303)},
	}
	for k, v := range rows {
		f.rows[k] = v
	}
}
