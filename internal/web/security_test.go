package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/textproto"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/store"
)

// --- Shared: the app with its route table, and a fixture for every route

// routeKeys lists the app's routes as "METHOD PATH", leaving out Echo's
// own not-found entries (none today, but a group or RouteNotFound adds them).
func routeKeys(srv *Server) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range srv.echo.Routes() {
		switch r.Method {
		case echo.RouteNotFound, "Any", "":
			continue
		}
		k := r.Method + " " + r.Path
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// secUpload posts a practice form as multipart/form-data with a
// recording file, as the browser does when the candidate recorded.
func secUpload(t *testing.T, ts *testServer, c *http.Client, path string, vals url.Values, audio []byte) *response {
	t.Helper()
	return secUploadVia(t, ts, c, path, vals, audio, false)
}

// secUploadVia is secUpload; chunked hides the body's length, as a client
// streaming the upload does, so only the size limit's reader can stop it.
func secUploadVia(t *testing.T, ts *testServer, c *http.Client, path string, vals url.Values, audio []byte, chunked bool) *response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range vals {
		for _, v := range vs {
			if err := mw.WriteField(k, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := mw.WriteField(csrfField, ts.csrfToken(t, c)); err != nil {
		t.Fatal(err)
	}
	if audio != nil {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", `form-data; name="recording"; filename="answer.webm"`)
		h.Set("Content-Type", "audio/webm")
		w, err := mw.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(audio)
	}
	mw.Close()
	var rd io.Reader = &body
	if chunked {
		rd = io.MultiReader(rd)
	}
	req, err := http.NewRequest("POST", ts.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return do(t, c, req)
}

// fakeWebM is a few bytes that sniff as WebM audio.
func fakeWebM(n int) []byte {
	return append([]byte("\x1a\x45\xdf\xa3"), bytes.Repeat([]byte{0x42}, n)...)
}

// The callers of the route table, in the order of its columns.
const (
	rVisitor = iota // not signed in
	rA              // candidate A: owns the attempts, the mock interview, the membership
	rB              // candidate B: signed in, owns nothing of A's
	rCoach          // A's coach: A joined this coach's set
	rOther          // another coach
	nRoles
)

var secRoleNames = [nRoles]string{"visitor", "candidate A", "candidate B", "A's coach", "other coach"}

type secAccount struct {
	c     *http.Client
	u     *store.User // nil for the visitor
	email string
}

// expect is one row of the route table: the request, with ids filled in,
// and the status each caller gets.
type expect struct {
	path    string
	vals    url.Values                // POST form (the CSRF token is added)
	perRole func(role int) url.Values // instead of vals, when the form must differ per caller
	want    [nRoles]int
	// fresh rows end or replace the session (log out, sign up): each caller
	// signs in again on a new client for them.
	fresh bool
	// after orders rows: joining and leaving change who may see what, so
	// they run last.
	after int
}

func (e expect) form(role int) url.Values {
	if e.perRole != nil {
		return e.perRole(role)
	}
	v := url.Values{}
	for k, x := range e.vals {
		v[k] = x
	}
	return v
}

type routeFixture struct {
	ts      *testServer
	srv     *Server
	who     [nRoles]*secAccount
	rows    map[string]expect
	secrets []string // no refusal may show these

	setID, archID, customItem int64
	customQ, token, mockURL   string
	a1, a2, aDel, bAttempt    int64
	aRec, recording           int64  // A's recorded answer to a set question, and its recording
	rpRun                     string // A's role-play run of a scenario in the set
}

const secAnswerA = "A's secret answer: 137% of quota in FY2024."

// buildRouteFixture signs up the five callers and gives every route
// something to act on: A joined the coach's set (with a custom question),
// answered its questions twice, was reviewed, and is in a mock interview.
func buildRouteFixture(t *testing.T) *routeFixture {
	t.Helper()
	ts := newTestServer(t, withLimits(Limits{LoginPerIP: 10000, LoginPerAccount: 10000, SignupPerIP: 10000}))
	f := &routeFixture{ts: ts, srv: ts.app}
	f.who[rVisitor] = &secAccount{c: ts.client(t)}
	ts.get(t, f.who[rVisitor].c, "/?lang=en") // every caller reads English
	for role, a := range []struct{ name, email, kind string }{
		rA:     {"Candidate A", "cand-a@example.com", "candidate"},
		rB:     {"Candidate B", "cand-b@example.com", "candidate"},
		rCoach: {"Coach C", "coach-c@example.com", "coach"},
		rOther: {"Coach O", "coach-o@example.com", "coach"},
	} {
		if role == rVisitor {
			continue
		}
		c := ts.client(t)
		f.who[role] = &secAccount{c: c, u: signupAs(t, ts, c, a.name, a.email, "en", a.kind), email: a.email}
	}
	A, B, C, O := f.who[rA], f.who[rB], f.who[rCoach], f.who[rOther]
	b := bankIDs(t, 4)

	const secretTitle = "Coach C's secret set"
	f.setID = postNewSet(t, ts, C.c, secretTitle, b[0], b[1], b[2])
	custom := addCustom(t, ts, C.c, f.setID, "Coach C's own question about churn", "Lead with numbers.", "")
	f.customQ, f.customItem = custom.QuestionID, custom.ID
	f.archID = postNewSet(t, ts, C.c, "A set to archive", b[0])
	f.token, _ = newInvite(t, ts, C.c, f.setID, "")
	tok2, _ := newInvite(t, ts, C.c, f.setID, "30")
	inv2 := inviteID(t, ts, f.setID, tok2)
	items := setItemsOf(t, ts, f.setID)
	postNewSet(t, ts, O.c, "Coach O's set", b[0])

	// Role-play (#15): a scenario in the set, and a run A started after joining.
	if r := ts.postForm(t, C.c, fmt.Sprintf("/coach/sets/%d/roleplays", f.setID), url.Values{"scenario": {"discovery-freight"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("adding a role-play to the set: %d", r.StatusCode)
	}
	joinVia(t, ts, A.c, f.token)
	f.rpRun = startRun(t, ts, A.c, "discovery-freight", "en")
	f.a1 = saveAttempt(t, ts, A.c, b[0], secAnswerA)
	f.a2 = saveAttempt(t, ts, A.c, b[0], "A's second try at the same question.")
	f.aDel = saveAttempt(t, ts, A.c, b[1], "An answer A will delete.")
	saveAttempt(t, ts, A.c, f.customQ, "A's answer to the coach's own question.")
	f.bAttempt = saveAttempt(t, ts, B.c, b[0], "B's own answer.")
	_, tok := openPractice(t, ts, A.c, b[0])
	rec := practiceValues("A's spoken answer.", tok, 3, 3, 3, 3, 3, 3)
	rec.Set("recording_ms", "5000")
	f.aRec = attemptIDOf(t, secUpload(t, ts, A.c, "/practice/"+b[0], rec, fakeWebM(2048)))
	ri, err := ts.store.RecordingOf(context.Background(), f.aRec)
	if err != nil {
		t.Fatalf("the recorded answer has no recording: %v", err)
	}
	f.recording = ri.ID
	postReview(t, ts, C.c, f.a1, reviewValues("A first review", 3, 3, 3, 3, 3, 3))
	f.mockURL = startMock(t, ts, A.c, url.Values{"size": {"3"}, "source": {"mix"}, "lang": {"en"}})
	mp := ts.get(t, A.c, f.mockURL)
	mockQ, _ := mp.doc.Find(`#practice-form input[name="question_id"]`).Attr("value")
	mockTok, _ := mp.doc.Find(`#practice-form input[name="client_token"]`).Attr("value")
	if mockQ == "" || mockTok == "" {
		t.Fatalf("mock page has no question form (%d)", mp.StatusCode)
	}
	mockAnswer := practiceValues("A's mock answer: 30% more pipeline in 3 months.", mockTok, 3, 3, 3, 3, 3, 3)
	mockAnswer.Set("question_id", mockQ)

	// A sign-up waiting for confirmation and a password-reset link: the
	// link is the credential, so whoever holds it may open it.
	if r := ts.submitSignup(t, ts.client(t), "en", signupValues("Pending", "pending@example.com", "en", "candidate")); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("pending signup: %d", r.StatusCode)
	}
	confirmPath := ts.linkIn(t, ts.waitMail(t, "pending@example.com", 1), "/signup/confirm/")
	if r := ts.postForm(t, ts.client(t), "/password/forgot", url.Values{"email": {B.email}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("reset request: %d", r.StatusCode)
	}
	resetPath := ts.linkIn(t, ts.waitMail(t, B.email, 2), "/password/reset/") // after the confirmation
	bogus := strings.Repeat("x", 43)

	home := ts.get(t, f.who[rVisitor].c, "/")
	css, _ := home.doc.Find(`link[rel="stylesheet"]`).Attr("href")
	if !strings.HasPrefix(css, "/static/") {
		t.Fatalf("no stylesheet on the home page: %q", css)
	}
	f.secrets = []string{secAnswerA, secretTitle, "cand-a@example.com", "Coach C's own question"}

	set := fmt.Sprintf("/coach/sets/%d", f.setID)
	at1 := fmt.Sprintf("/attempts/%d", f.a1)
	all := func(code int) [nRoles]int { return [nRoles]int{code, code, code, code, code} }
	signedIn := func(visitor, others int) [nRoles]int { return [nRoles]int{visitor, others, others, others, others} }
	// Candidate routes about A's things: only A; everyone else, A's coach
	// included, gets 404 (attempts are looked up through their owner).
	aOnly := func(visitor, owner int) [nRoles]int { return [nRoles]int{visitor, owner, 404, 404, 404} }
	// Coach routes about the coach's set: candidates 403 (requireCoach),
	// the other coach 404 (ids are looked up through the signed-in coach).
	coachOnly := func(visitor, owner int) [nRoles]int { return [nRoles]int{visitor, 403, 403, owner, 404} }
	anyCoach := func(visitor, code int) [nRoles]int { return [nRoles]int{visitor, 403, 403, code, code} }
	practise := practiceValues("An answer through the route table.", "tok-route-table-0001", 3, 3, 3, 3, 3, 3)

	f.rows = map[string]expect{
		// Operations and public pages
		"GET /healthz":       {path: "/healthz", want: all(200)},
		"GET /static/*":      {path: css, want: all(200)},
		"GET /favicon.ico":   {path: "/favicon.ico", want: all(200)},
		"GET /":              {path: "/", want: all(200)},
		"GET /guide":         {path: "/guide", want: all(200)},
		"GET /questions":     {path: "/questions?q=quota", want: all(200)},
		"GET /ask":           {path: "/ask", want: all(200)},
		"GET /checklist":     {path: "/checklist", want: all(200)},
		"GET /glossary":      {path: "/glossary?q=arr", want: all(200)},
		"GET /questions/:id": {path: "/questions/" + f.customQ, want: [nRoles]int{404, 200, 404, 200, 404}},

		// Accounts
		"GET /signup": {path: "/signup", want: signedIn(200, 303)},
		// Signing up while signed in makes a new account and switches to it.
		"POST /signup": {path: "/signup", fresh: true, want: all(303), perRole: func(role int) url.Values {
			return signupValues("New "+strconv.Itoa(role), fmt.Sprintf("route-signup-%d@example.com", role), "en", "candidate")
		}},
		"GET /signup/sent":            {path: "/signup/sent", want: all(200)},
		"GET /signup/confirm/:token":  {path: confirmPath, want: all(200)},
		"POST /signup/confirm/:token": {path: "/signup/confirm/" + bogus, want: all(404)},
		"GET /password/forgot":        {path: "/password/forgot", want: all(200)},
		"POST /password/forgot": {path: "/password/forgot", want: all(303), perRole: func(role int) url.Values {
			return url.Values{"email": {fmt.Sprintf("forgot-%d@example.com", role)}}
		}},
		"GET /password/reset/:token":  {path: resetPath, want: all(200)},
		"POST /password/reset/:token": {path: "/password/reset/" + bogus, vals: url.Values{"password": {"a new long password"}}, want: all(404)},
		"GET /login":                  {path: "/login", want: signedIn(200, 303)},
		"POST /login":                 {path: "/login", vals: url.Values{"email": {"someone@example.com"}, "password": {"not the password"}}, want: all(401)},
		"POST /logout":                {path: "/logout", fresh: true, want: all(303)},

		// Practice as a visitor: a signed-in user goes on to the real
		// form, and saves for real.
		"GET /try/:id":    {path: "/try/why-sales", want: [nRoles]int{200, 303, 303, 303, 303}},
		"POST /try/:id":   {path: "/try/why-sales", vals: practise, want: [nRoles]int{200, 303, 303, 303, 303}},
		"GET /me/import":  {path: "/me/import", want: signedIn(303, 200)},
		"POST /me/import": {path: "/me/import", vals: url.Values{"attempts": {"[]"}}, want: signedIn(401, 200)},

		// Practice and history
		"GET /practice/next":         {path: "/practice/next", want: signedIn(303, 303)},
		"POST /attempts/:id/ratings": {path: at1 + "/ratings", vals: url.Values{"r_overall": {"4"}}, want: aOnly(401, 303)},
		"POST /mock/:id/ratings":     {path: f.mockURL + "/ratings", vals: url.Values{"r_overall": {"4"}}, want: aOnly(401, 303)},
		"GET /practice/:id":          {path: "/practice/" + f.customQ, want: [nRoles]int{303, 200, 404, 200, 404}},
		"POST /practice/:id":         {path: "/practice/" + f.customQ, vals: practise, want: [nRoles]int{401, 303, 404, 303, 404}},
		"GET /attempts/compare":      {path: fmt.Sprintf("/attempts/compare?a=%d&b=%d", f.a1, f.a2), want: aOnly(303, 200)},
		"GET /attempts/:id":          {path: at1, want: aOnly(303, 200)},
		"POST /attempts/:id/notes":   {path: at1 + "/notes", vals: url.Values{"notes": {"A's own notes"}}, want: aOnly(401, 303)},
		"GET /attempts/:id/delete":   {path: at1 + "/delete", want: aOnly(303, 200)},
		"POST /attempts/:id/delete":  {path: fmt.Sprintf("/attempts/%d/delete", f.aDel), want: aOnly(401, 303)},
		"POST /checklist/:id":        {path: "/checklist/" + testLibrary.Checklist[0].ID, vals: url.Values{"done": {"1"}}, want: signedIn(401, 303)},
		"POST /attempts/:id/reply":   {path: at1 + "/reply", vals: url.Values{"body": {"Thanks, coach."}}, want: aOnly(401, 303)},
		"GET /review":                {path: "/review", want: signedIn(303, 200)},
		// A's coach may play A's recording of a set question; nobody else.
		"GET /recordings/:id":         {path: fmt.Sprintf("/recordings/%d", f.recording), want: [nRoles]int{303, 200, 404, 200, 404}},
		"POST /recordings/:id/delete": {path: fmt.Sprintf("/recordings/%d/delete", f.recording), want: aOnly(401, 303)},
		"GET /mock":                   {path: "/mock", want: signedIn(303, 200)},
		"POST /mock":                  {path: "/mock", vals: url.Values{"size": {"3"}, "source": {"mix"}, "lang": {"en"}}, want: signedIn(401, 303)},
		"GET /mock/:id":               {path: f.mockURL, want: aOnly(303, 200)},
		"POST /mock/:id/answer":       {path: f.mockURL + "/answer", vals: mockAnswer, want: aOnly(401, 303)},
		"GET /join/:token":            {path: "/join/" + f.token, want: all(200)},
		"POST /me/coaches/:id/leave":  {path: fmt.Sprintf("/me/coaches/%d/leave", C.u.ID), after: 1, want: aOnly(401, 303)},
		"POST /join/:token":           {path: "/join/" + f.token, after: 2, want: [nRoles]int{401, 303, 303, 422, 303}},
		"GET /me":                     {path: "/me", want: signedIn(303, 200)},
		"GET /me/progress":            {path: "/me/progress", want: signedIn(303, 200)},
		"GET /me/settings":            {path: "/me/settings", want: signedIn(303, 200)},
		"POST /me/settings":           {path: "/me/settings", vals: url.Values{"tz": {"Asia/Tokyo"}}, want: signedIn(401, 303)},
		"POST /me/settings/dictation": {path: "/me/settings/dictation", vals: url.Values{"cloud_dictation": {"deny"}}, want: signedIn(401, 303)},
		"GET /me/export.json":         {path: "/me/export.json", want: signedIn(303, 200)},
		"GET /me/export.md":           {path: "/me/export.md", want: signedIn(303, 200)},
		"GET /me/delete":              {path: "/me/delete", want: signedIn(303, 200)},
		"POST /me/delete":             {path: "/me/delete", vals: url.Values{"password": {"not the password"}}, want: signedIn(401, 422)},
		"GET /coach":                  {path: "/coach", want: anyCoach(303, 200)},
		"GET /coach/sets":             {path: "/coach/sets", want: anyCoach(303, 200)},
		"GET /coach/sets/new":         {path: "/coach/sets/new", want: anyCoach(303, 200)},
		"POST /coach/sets":            {path: "/coach/sets", vals: url.Values{"title": {"A new set"}, "lang": {"en"}, "q": {b[0]}}, want: anyCoach(401, 303)},
		"GET /coach/sets/:id":         {path: set, want: coachOnly(303, 200)},
		"POST /coach/sets/:id":        {path: set, vals: url.Values{"title": {"Renamed by coach C"}, "lang": {"en"}}, want: coachOnly(401, 303)},
		"GET /coach/sets/:id/edit":    {path: set + "/edit", want: coachOnly(303, 200)},
		"POST /coach/sets/:id/items":  {path: set + "/items", vals: url.Values{"question_id": {b[3]}}, want: coachOnly(401, 303)},
		"POST /coach/sets/:id/custom": {path: set + "/custom", vals: url.Values{"prompt": {"Another question of coach C"}}, want: coachOnly(401, 303)},
		"POST /coach/sets/:id/items/:item/move": {path: fmt.Sprintf("%s/items/%d/move", set, itemWithQID(t, items, b[1]).ID),
			vals: url.Values{"dir": {"up"}}, want: coachOnly(401, 303)},
		"POST /coach/sets/:id/items/:item/delete": {path: fmt.Sprintf("%s/items/%d/delete", set, itemWithQID(t, items, b[2]).ID),
			want: coachOnly(401, 303)},
		"POST /coach/sets/:id/duplicate":              {path: set + "/duplicate", want: coachOnly(401, 303)},
		"POST /coach/sets/:id/archive":                {path: fmt.Sprintf("/coach/sets/%d/archive", f.archID), want: coachOnly(401, 303)},
		"POST /coach/sets/:id/invites":                {path: set + "/invites", vals: url.Values{"days": {"7"}}, want: coachOnly(401, 303)},
		"POST /coach/sets/:id/invites/:invite/revoke": {path: fmt.Sprintf("%s/invites/%d/revoke", set, inv2), want: coachOnly(401, 303)},
		"GET /coach/sets/:id/export.csv":              {path: set + "/export.csv", want: coachOnly(303, 200)},
		"GET /coach/candidates/:id":                   {path: fmt.Sprintf("/coach/candidates/%d", A.u.ID), want: coachOnly(303, 200)},
		"GET /coach/attempts/:id":                     {path: "/coach" + at1, want: coachOnly(303, 200)},
		"POST /coach/attempts/:id/review":             {path: "/coach" + at1 + "/review", vals: reviewValues("A second look", 4, 4, 4, 4, 4, 4), want: coachOnly(401, 303)},
		"POST /coach/attempts/:id/reply":              {path: "/coach" + at1 + "/reply", vals: url.Values{"body": {"From coach C"}}, want: coachOnly(401, 303)},

		// Role-play (#15)
		"GET /roleplay":                             {path: "/roleplay?type=discovery", want: signedIn(303, 200)},
		"GET /roleplay/:id":                         {path: "/roleplay/discovery-freight", want: signedIn(303, 200)},
		"POST /roleplay/:id":                        {path: "/roleplay/discovery-freight", want: signedIn(401, 303)},
		"GET /roleplay/runs/:runID":                 {path: f.rpRun, want: aOnly(303, 200)},
		"POST /roleplay/runs/:runID/turns":          {path: f.rpRun + "/turns", vals: url.Values{"reply": {"What made this worth a call?"}, "turn": {"1"}}, want: aOnly(401, 303)},
		"POST /roleplay/runs/:runID/ratings":        {path: f.rpRun + "/ratings", vals: url.Values{"r_overall": {"4"}}, want: aOnly(401, 422)}, // not finished yet
		"POST /coach/sets/:id/roleplays":            {path: set + "/roleplays", vals: url.Values{"scenario": {"price-objection-clinics"}}, want: coachOnly(401, 303)},
		"GET /coach/roleplay/runs/:runID":           {path: "/coach" + f.rpRun, want: coachOnly(303, 200)},
		"POST /coach/roleplay/runs/:runID/comments": {path: "/coach" + f.rpRun + "/comments", vals: url.Values{"comment": {"Ask about cost sooner."}}, want: coachOnly(401, 303)},
	}
	addPrepRoutes(t, f)  // prep sheets (prep_routes_test.go)
	addDrillRoutes(t, f) // drills_test.go
	addStoryRows(t, f)   // story bank (stories_routes_test.go)
	return f
}

// sortedRows returns the row keys in the order they must run.
func (f *routeFixture) sortedRows(keep func(string) bool) []string {
	var keys []string
	for k := range f.rows {
		if keep == nil || keep(k) {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := f.rows[keys[i]], f.rows[keys[j]]
		if a.after != b.after {
			return a.after < b.after
		}
		return keys[i] < keys[j]
	})
	return keys
}

// roleOrder puts the callers who are refused first, so that a request
// that succeeds (and perhaps deletes something) cannot change their answer.
func roleOrder(want [nRoles]int) []int {
	var refused, allowed []int
	for r := 0; r < nRoles; r++ {
		if want[r] >= 400 {
			refused = append(refused, r)
		} else {
			allowed = append(allowed, r)
		}
	}
	return append(refused, allowed...)
}

// clientFor returns the caller's client, or for a fresh row a new client
// signed in as the caller.
func (f *routeFixture) clientFor(t *testing.T, role int, fresh bool) *http.Client {
	t.Helper()
	a := f.who[role]
	if !fresh {
		return a.c
	}
	c := f.ts.client(t)
	if a.u != nil {
		if r := f.ts.login(t, c, "en", a.email, testPassword); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("signing %s in again: %d", secRoleNames[role], r.StatusCode)
		}
	}
	return c
}

func (f *routeFixture) request(t *testing.T, key string, role int, c *http.Client) *response {
	t.Helper()
	row := f.rows[key]
	if strings.HasPrefix(key, "GET ") {
		return f.ts.get(t, c, row.path)
	}
	return f.ts.postForm(t, c, row.path, row.form(role))
}

// --- 1. Every route has a row in the authorisation table

func TestEveryRouteIsCovered(t *testing.T) {
	f := buildRouteFixture(t)
	keys := routeKeys(f.srv)
	served := map[string]bool{}
	for _, k := range keys {
		served[k] = true
		if _, ok := f.rows[k]; !ok {
			t.Errorf("route %s has no row in the authorisation table (buildRouteFixture): add one", k)
		}
	}
	for k := range f.rows {
		if !served[k] {
			t.Errorf("the table has a row for %s, which the app no longer serves", k)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	requests := 0
	for _, key := range f.sortedRows(nil) {
		row := f.rows[key]
		method := strings.SplitN(key, " ", 2)[0]
		for _, role := range roleOrder(row.want) {
			c := f.clientFor(t, role, row.fresh)
			r := f.request(t, key, role, c)
			requests++
			who := fmt.Sprintf("%s (%s) as %s", key, row.path, secRoleNames[role])
			if r.StatusCode != row.want[role] {
				t.Errorf("%s: %d, want %d (%s)", who, r.StatusCode, row.want[role], errorsOf(r))
				continue
			}
			switch code := r.StatusCode; {
			case role == rVisitor && method == "GET" && code == http.StatusSeeOther:
				if loc := r.Header.Get("Location"); loc != "/login?next="+url.QueryEscape(row.path) {
					t.Errorf("%s: sent to %q, want the login page", who, loc)
				}
			case code >= 400:
				want := i18n.T("en", fmt.Sprintf("error.%d.title", code))
				// An unknown emailed link explains itself on its own page.
				if strings.HasPrefix(row.path, "/signup/confirm/") {
					want = i18n.T("en", "confirm.bad.title")
				} else if strings.HasPrefix(row.path, "/password/reset/") {
					want = i18n.T("en", "reset.bad.title")
				}
				if (code == 403 || code == 404) && h1(r) != want {
					t.Errorf("%s: refusal is not the error page (h1 %q)", who, h1(r))
				}
				for _, s := range f.secrets {
					if strings.Contains(r.body, s) {
						t.Errorf("%s: the refusal shows %q", who, s)
					}
				}
			}
			// A visitor's POST without a token never gets as far as the handler.
			if role == rVisitor && method == "POST" {
				requests++
				if r := f.ts.postRaw(t, f.clientFor(t, rVisitor, row.fresh), row.path, row.form(role).Encode()); r.StatusCode != http.StatusForbidden {
					t.Errorf("%s without a CSRF token: %d, want 403", who, r.StatusCode)
				}
			}
		}
	}
	t.Logf("routes covered: %d (every route in the table × %d callers: %d requests)", len(keys), nRoles, requests)

	// Only the allowed requests changed anything.
	ctx := context.Background()
	A := f.who[rA].u
	if _, err := f.ts.store.Attempt(ctx, A.ID, f.aDel); err == nil {
		t.Error("A's delete did not delete")
	}
	if a, err := f.ts.store.Attempt(ctx, A.ID, f.a1); err != nil || a.Notes != "A's own notes" || a.Answer != secAnswerA {
		t.Errorf("A's attempt after the table: %+v, %v", a, err)
	}
	if _, err := f.ts.store.Attempt(ctx, f.who[rB].u.ID, f.bAttempt); err != nil {
		t.Errorf("B's attempt: %v", err)
	}
	if set, err := f.ts.store.CoachSet(ctx, f.who[rCoach].u.ID, f.setID); err != nil || set.Title != "Renamed by coach C" {
		t.Errorf("coach C's set: %+v, %v", set, err)
	}
	// Signing up makes a pending sign-up, not an account, until the
	// emailed link is used.
	if n := f.ts.count(t, "SELECT COUNT(*) FROM users"); n != 4 {
		t.Errorf("%d users, want the 4 callers", n)
	}
	if n := f.ts.count(t, "SELECT COUNT(*) FROM signups"); n != 1+nRoles {
		t.Errorf("%d pending sign-ups, want the fixture's and one per caller", n)
	}
	// The bogus reset link changed no password.
	if u, _ := f.ts.store.UserByEmail(ctx, f.who[rB].email); u.PasswordHash != f.who[rB].u.PasswordHash {
		t.Error("B's password changed")
	}
}

// --- 2. Security headers on every page, error pages included

// checkSecurityHeaders checks what every response must carry; wantHSTS
// says whether the client reached the app over HTTPS.
func checkSecurityHeaders(t *testing.T, label string, r *response, wantHSTS bool) {
	t.Helper()
	h := r.Header
	csp := h.Get("Content-Security-Policy")
	switch {
	case csp == "":
		t.Errorf("%s: no Content-Security-Policy", label)
	case strings.Contains(csp, "'unsafe-inline'"), strings.Contains(csp, "'unsafe-eval'"),
		strings.Contains(csp, "http:"), strings.Contains(csp, "https:"), strings.Contains(csp, "*"),
		!strings.Contains(csp, "frame-ancestors 'none'"), !strings.Contains(csp, "object-src 'none'"):
		t.Errorf("%s: weak Content-Security-Policy %q", label, csp)
	}
	if got := h.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("%s: X-Content-Type-Options %q", label, got)
	}
	if h.Get("Referrer-Policy") == "" {
		t.Errorf("%s: no Referrer-Policy", label)
	}
	hsts := h.Get("Strict-Transport-Security")
	if wantHSTS && !strings.Contains(hsts, "max-age=") {
		t.Errorf("%s: over HTTPS without Strict-Transport-Security (%q)", label, hsts)
	}
	if !wantHSTS && hsts != "" {
		t.Errorf("%s: Strict-Transport-Security over plain HTTP: %q", label, hsts)
	}
}

func TestSecurityHeadersOnEveryRoute(t *testing.T) {
	f := buildRouteFixture(t)
	served := map[string]bool{}
	for _, k := range routeKeys(f.srv) {
		served[k] = true
	}
	gets, responses := 0, 0
	statuses := map[int]int{}
	for _, key := range f.sortedRows(func(k string) bool { return strings.HasPrefix(k, "GET ") && served[k] }) {
		gets++
		for role := 0; role < nRoles; role++ {
			r := f.request(t, key, role, f.who[role].c)
			responses++
			statuses[r.StatusCode]++
			checkSecurityHeaders(t, fmt.Sprintf("%s as %s (%d)", key, secRoleNames[role], r.StatusCode), r, false)
		}
	}

	// Error pages, each made the way a user meets it.
	A := f.who[rA].c
	big := practiceValues(strings.Repeat("a", 1<<20+1), "tok-headers-0000000001", 3, 3, 3, 3, 3, 3)
	errorPages := []struct {
		name string
		want int
		r    *response
	}{
		{"404", 404, f.ts.get(t, A, "/no-such-page")},
		{"404 (visitor)", 404, f.ts.get(t, f.who[rVisitor].c, "/questions/no-such-question")},
		{"405", 405, f.ts.postRaw(t, A, "/guide", "", csrfHeader, f.ts.csrfToken(t, A))},
		{"413", 413, f.ts.postForm(t, A, "/practice/why-sales", big)},
		{"403 (CSRF)", 403, f.ts.postRaw(t, A, "/checklist/"+testLibrary.Checklist[0].ID, "done=1")},
		{"403 (candidate on a coach page)", 403, f.ts.get(t, A, "/coach")},
		{"401 (visitor's POST)", 401, f.ts.postForm(t, f.who[rVisitor].c, "/mock", url.Values{"size": {"3"}})},
	}
	limited := newTestServer(t, withLimits(Limits{LoginPerIP: 1}))
	limited.login(t, limited.client(t), "en", "x@example.com", "wrong password")
	errorPages = append(errorPages, struct {
		name string
		want int
		r    *response
	}{"429", 429, limited.login(t, limited.client(t), "en", "y@example.com", "wrong password")})
	for _, e := range errorPages {
		if e.r.StatusCode != e.want {
			t.Errorf("%s page: status %d", e.name, e.r.StatusCode)
		}
		checkSecurityHeaders(t, e.name+" page", e.r, false)
		responses++
	}
	t.Logf("security headers checked on %d GET routes × %d callers and %d error pages: %d responses (statuses %v)",
		gets, nRoles, len(errorPages), responses, statuses)

	// HSTS: only when the client really came over HTTPS.
	t.Run("HSTS", func(t *testing.T) {
		_, loopback, _ := net.ParseCIDR("127.0.0.0/8")
		_, elsewhere, _ := net.ParseCIDR("10.0.0.0/8")
		for _, tc := range []struct {
			name    string
			proxies []*net.IPNet
			proto   string
			want    bool
		}{
			{"no proxy, plain", nil, "", false},
			{"no proxy, forged X-Forwarded-Proto", nil, "https", false},
			{"trusted proxy, plain", []*net.IPNet{loopback}, "", false},
			{"trusted proxy, X-Forwarded-Proto http", []*net.IPNet{loopback}, "http", false},
			{"trusted proxy, X-Forwarded-Proto https", []*net.IPNet{loopback}, "https", true},
			{"untrusted peer, X-Forwarded-Proto https", []*net.IPNet{elsewhere}, "https", false},
		} {
			ts := newTestServer(t, withOptions(func(o *Options) { o.TrustedProxies = tc.proxies; o.SecureCookies = tc.want }))
			c := ts.client(t)
			var hdr []string
			if tc.proto != "" {
				hdr = []string{"X-Forwarded-Proto", tc.proto}
			}
			for _, p := range []string{"/", "/no-such-page", "/login?lang=ja"} {
				r := ts.get(t, c, p, hdr...)
				checkSecurityHeaders(t, tc.name+" "+p, r, tc.want)
				if tc.want {
					// SecureCookies is set with the proxy: every cookie the
					// app sets is Secure, the language cookie included.
					for _, ck := range r.Cookies() {
						if !ck.Secure {
							t.Errorf("%s %s: cookie %s not Secure", tc.name, p, ck.Name)
						}
					}
				}
			}
		}
	})

	t.Run("TLS", func(t *testing.T) {
		ts := newTestServer(t, withTLS())
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar, Transport: ts.Client().Transport, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		seen := map[string]bool{}
		checkCookies := func(label string, r *response) {
			t.Helper()
			checkSecurityHeaders(t, "TLS "+label, r, true)
			for _, ck := range r.Cookies() {
				seen[ck.Name] = true
				if !ck.Secure || !ck.HttpOnly {
					t.Errorf("TLS %s: cookie %s Secure=%v HttpOnly=%v", label, ck.Name, ck.Secure, ck.HttpOnly)
				}
			}
		}
		form := ts.get(t, c, "/signup?lang=en")
		checkCookies("signup form", form)
		vals := signupValues("TLS user", "tls@example.com", "en", "candidate")
		vals.Set(csrfField, formToken(t, form))
		r := ts.postRaw(t, c, "/signup", vals.Encode())
		if r.StatusCode != http.StatusSeeOther {
			t.Fatalf("signup over TLS: %d", r.StatusCode)
		}
		checkCookies("signup", r)
		checkCookies("signup sent", ts.get(t, c, "/signup/sent"))
		// The emailed link is https too.
		if m := ts.waitMail(t, "tls@example.com", 1); !strings.Contains(m.Text, ts.URL+"/signup/confirm/") || !strings.HasPrefix(ts.URL, "https://") {
			t.Fatalf("confirmation link over TLS:\n%s", m.Text)
		}
		r = ts.confirmEmail(t, c, "tls@example.com", 1)
		if r.StatusCode != http.StatusSeeOther {
			t.Fatalf("confirming over TLS: %d", r.StatusCode)
		}
		checkCookies("confirm", r)
		checkCookies("me", ts.get(t, c, "/me"))
		checkCookies("404", ts.get(t, c, "/no-such-page"))
		checkCookies("language switch", ts.get(t, c, "/?lang=ja"))
		jar2, _ := cookiejar.New(nil)
		c2 := &http.Client{Jar: jar2, Transport: ts.Client().Transport, CheckRedirect: c.CheckRedirect}
		lf := ts.get(t, c2, "/login?lang=en")
		checkCookies("login form", lf)
		vals = url.Values{"email": {"tls@example.com"}, "password": {testPassword}, csrfField: {formToken(t, lf)}}
		if r := ts.postRaw(t, c2, "/login", vals.Encode()); r.StatusCode != http.StatusSeeOther {
			t.Errorf("login over TLS: %d", r.StatusCode)
		} else {
			checkCookies("login", r)
		}
		for _, name := range []string{sessionCookie, csrfCookie, langCookie} {
			if !seen[name] {
				t.Errorf("TLS: never saw cookie %s", name)
			}
		}
	})
}

// TestPublicPageCacheHoldsNothingPersonal: visitors' public pages come
// from a shared cache, so what one visitor or user gets must never reach
// another: no CSRF token, no name, no flash.
func TestPublicPageCacheHoldsNothingPersonal(t *testing.T) {
	f := buildRouteFixture(t)
	A := f.who[rA]
	var public []string
	for _, k := range f.sortedRows(nil) {
		switch k {
		case "GET /", "GET /guide", "GET /questions", "GET /questions/:id", "GET /ask", "GET /checklist":
			p := f.rows[k].path
			if k == "GET /questions/:id" {
				p = "/questions/why-sales" // a bank question: the custom one is a 404 for visitors
			}
			public = append(public, p)
		}
	}
	if len(public) != 6 {
		t.Fatalf("public pages %v", public)
	}
	for _, p := range public {
		v1, v2 := f.ts.client(t), f.ts.client(t)
		first := f.ts.get(t, v1, p) // fills the cache
		mine := f.ts.get(t, A.c, p) // a signed-in user, between two visitors
		second := f.ts.get(t, v2, p)
		tok1, tok2 := f.ts.jarCookie(t, v1, csrfCookie), f.ts.jarCookie(t, v2, csrfCookie)
		for _, r := range []*response{first, second} {
			if r.StatusCode != 200 {
				t.Fatalf("%s: %d", p, r.StatusCode)
			}
			for _, s := range []string{tok1, tok2, f.ts.csrfToken(t, A.c), "Candidate A", "cand-a@example.com", `action="/logout"`} {
				if s != "" && strings.Contains(r.body, s) {
					t.Errorf("%s: a visitor's (cached) page holds %q", p, s)
				}
			}
		}
		if !strings.Contains(mine.body, `action="/logout"`) || !strings.Contains(mine.body, f.ts.csrfToken(t, A.c)) {
			t.Errorf("%s: the signed-in user got a visitor's page", p)
		}
	}
}

// --- 3. CSRF: every state-changing route refuses a missing or wrong token

// dbSnapshot is every table's row count and, but for sessions (whose
// expiry moves on every request), its content.
func dbSnapshot(t *testing.T, ts *testServer) map[string]string {
	t.Helper()
	db := ts.db
	tables, err := db.Migrator().GetTables()
	if err != nil {
		t.Fatal(err)
	}
	snap := map[string]string{}
	for _, tbl := range tables {
		var n int64
		if err := db.Table(tbl).Count(&n).Error; err != nil {
			t.Fatalf("count %s: %v", tbl, err)
		}
		snap[tbl+" (rows)"] = strconv.FormatInt(n, 10)
		if tbl == "sessions" {
			continue
		}
		rows, err := db.Table(tbl).Rows()
		if err != nil {
			t.Fatalf("read %s: %v", tbl, err)
		}
		cols, _ := rows.Columns()
		var lines []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for i, v := range vals {
				if bs, ok := v.([]byte); ok {
					v = string(bs)
				}
				fmt.Fprintf(&b, "%s=%v;", cols[i], v)
			}
			lines = append(lines, b.String())
		}
		rows.Close()
		sort.Strings(lines)
		snap[tbl] = strings.Join(lines, "\n")
	}
	return snap
}

func TestCSRFEveryStateChange(t *testing.T) {
	f := buildRouteFixture(t)
	otherToken := f.ts.csrfToken(t, f.who[rVisitor].c)
	before := dbSnapshot(t, f.ts)
	if len(before) < 10 {
		t.Fatalf("snapshot of %d entries: the table list looks wrong: %v", len(before), before)
	}
	posts, refused := 0, 0
	for _, key := range routeKeys(f.srv) {
		if !strings.HasPrefix(key, "POST ") {
			continue
		}
		posts++
		row, ok := f.rows[key]
		if !ok {
			t.Errorf("%s: no row in the route table to build the request from", key)
			continue
		}
		// The caller allowed to make the change, so only the token stops it.
		role := rA
		for _, r := range []int{rA, rCoach, rB, rOther} {
			if row.want[r] < 400 {
				role = r
				break
			}
		}
		c := f.who[role].c
		lang := "en"
		for _, v := range []struct {
			name    string
			field   string
			headers []string
		}{
			{"no token", "", nil},
			{"wrong token", strings.Repeat("A", 43), nil},
			{"short token", "abc", nil},
			{"another visitor's token", otherToken, nil},
			{"wrong header token", "", []string{csrfHeader, strings.Repeat("B", 43)}},
		} {
			vals := row.form(role)
			if v.field != "" {
				vals.Set(csrfField, v.field)
			}
			r := f.ts.postRaw(t, c, row.path, vals.Encode(), v.headers...)
			if r.StatusCode != http.StatusForbidden {
				t.Errorf("%s (%s) as %s with %s: %d, want 403", key, row.path, secRoleNames[role], v.name, r.StatusCode)
				continue
			}
			refused++
			if h1(r) != i18n.T(lang, "error.403.title") {
				t.Errorf("%s with %s: 403 page h1 %q", key, v.name, h1(r))
			}
		}
	}
	if posts < 20 {
		t.Errorf("only %d POST routes found", posts)
	}
	after := dbSnapshot(t, f.ts)
	for k, v := range before {
		if after[k] != v {
			t.Errorf("table %s changed after forged requests:\nbefore: %.400s\nafter:  %.400s", k, v, after[k])
		}
	}
	for k := range after {
		if _, ok := before[k]; !ok {
			t.Errorf("table %s appeared", k)
		}
	}
	for role := rA; role < nRoles; role++ {
		if r := f.ts.get(t, f.who[role].c, "/me"); r.StatusCode != 200 {
			t.Errorf("%s signed out by forged requests: %d", secRoleNames[role], r.StatusCode)
		}
	}
	tables := 0
	for k := range before {
		if strings.HasSuffix(k, " (rows)") {
			tables++
		}
	}
	t.Logf("CSRF: %d POST routes × 5 forged variants: %d refused with 403; all %d tables unchanged", posts, refused, tables)

	// The refusal is in the caller's language: a visitor reading Japanese
	// gets the Japanese 403 page on every POST route.
	ja := f.ts.client(t)
	f.ts.get(t, ja, "/?lang=ja")
	for _, key := range routeKeys(f.srv) {
		if row, ok := f.rows[key]; ok && strings.HasPrefix(key, "POST ") {
			if r := f.ts.postRaw(t, ja, row.path, row.form(rVisitor).Encode()); r.StatusCode != http.StatusForbidden || h1(r) != i18n.T("ja", "error.403.title") {
				t.Errorf("%s in Japanese with no token: %d, h1 %q", key, r.StatusCode, h1(r))
			}
		}
	}
	// A client without the CSRF cookie cannot post either, even with a token.
	bare := &http.Client{CheckRedirect: f.who[rVisitor].c.CheckRedirect}
	if r := f.ts.postRaw(t, bare, "/login", url.Values{csrfField: {otherToken}, "email": {"x@example.com"}, "password": {"y"}}.Encode()); r.StatusCode != http.StatusForbidden {
		t.Errorf("POST without the cookie: %d", r.StatusCode)
	}
	// The header form of the token works, for scripts.
	c := f.who[rA].c
	if r := f.ts.postRaw(t, c, "/checklist/"+testLibrary.Checklist[0].ID, "done=1", csrfHeader, f.ts.csrfToken(t, c)); r.StatusCode != http.StatusSeeOther {
		t.Errorf("POST with the header token: %d", r.StatusCode)
	}
}

// --- 5. Login rate limit and account enumeration

func TestLoginRateLimitHolds(t *testing.T) {
	ts := newTestServer(t) // default limits
	signup(t, ts, ts.client(t), "victim@example.com", "en")
	var codes []int
	through := 0
	firstLimited := 0
	for i := 0; i < 100; i++ {
		r := ts.login(t, ts.client(t), "en", "victim@example.com", fmt.Sprintf("guess number %d", i))
		codes = append(codes, r.StatusCode)
		switch r.StatusCode {
		case http.StatusUnauthorized:
			through++
			if firstLimited > 0 {
				t.Errorf("try %d: 401 after being limited at try %d", i+1, firstLimited)
			}
		case http.StatusTooManyRequests:
			if firstLimited == 0 {
				firstLimited = i + 1
			}
			if r.Header.Get("Retry-After") == "" {
				t.Errorf("try %d: 429 without Retry-After", i+1)
			}
		default:
			t.Fatalf("try %d: status %d", i+1, r.StatusCode)
		}
	}
	lim := Limits{}.withDefaults()
	if through != lim.LoginPerAccount {
		t.Errorf("%d wrong passwords got through, want %d (the per-account limit)", through, lim.LoginPerAccount)
	}
	right := ts.login(t, ts.client(t), "en", "victim@example.com", testPassword)
	if right.StatusCode != http.StatusTooManyRequests {
		t.Errorf("the right password while limited: %d, want 429", right.StatusCode)
	}
	// By now the IP is over its own limit too: another account from it is refused.
	other := ts.login(t, ts.client(t), "en", "someone-else@example.com", "whatever password")
	if other.StatusCode != http.StatusTooManyRequests {
		t.Errorf("another account from the same IP after 100 tries: %d, want 429", other.StatusCode)
	}
	t.Logf("rate limit: %d of 100 wrong passwords got through (per-account limit %d, per-IP %d per %s); 429 from try %d on; the right password while limited: %d; another account from the same IP: %d",
		through, lim.LoginPerAccount, lim.LoginPerIP, lim.LoginWindow, firstLimited, right.StatusCode, other.StatusCode)

	t.Run("no enumeration", func(t *testing.T) {
		ts := newTestServer(t, withLimits(Limits{LoginPerIP: 10000, LoginPerAccount: 10000, SignupPerIP: 10000, MailsPerAddress: 10000, ResetsPerIP: 10000}))
		signup(t, ts, ts.client(t), "known@example.com", "en")
		loginText := func(r *response) string {
			return fmt.Sprintf("%d|%s|%s", r.StatusCode, errorsOf(r), h1(r))
		}
		known := ts.login(t, ts.client(t), "en", "known@example.com", "wrong password 1")
		unknown := ts.login(t, ts.client(t), "en", "unknown@example.com", "wrong password 1")
		if loginText(known) != loginText(unknown) {
			t.Errorf("login tells a known email from an unknown one:\nknown:   %s\nunknown: %s", loginText(known), loginText(unknown))
		}
		// The forms come back the same but for the email typed in.
		strip := func(r *response) string {
			s := strings.ReplaceAll(r.body, "unknown@example.com", "EMAIL")
			s = strings.ReplaceAll(s, "known@example.com", "EMAIL")
			return regexp.MustCompile(`name="_csrf" value="[^"]*"`).ReplaceAllString(s, "")
		}
		if a, b := strip(known), strip(unknown); a != b {
			i := 0
			for i < len(a) && i < len(b) && a[i] == b[i] {
				i++
			}
			t.Errorf("the login pages for a known and an unknown email differ beyond the email itself, at %q / %q",
				a[max(0, i-80):min(len(a), i+80)], b[max(0, i-80):min(len(b), i+80)])
		}

		// Signup and forgotten password: the same answer, the same next
		// page and the same cookies for a registered address as for a
		// new one. Only the owner of the address learns which it was,
		// from the email.
		answer := func(r *response) string {
			var names []string
			for _, ck := range r.Cookies() {
				names = append(names, ck.Name)
			}
			sort.Strings(names)
			return fmt.Sprintf("%d %s cookies=%v", r.StatusCode, r.Header.Get("Location"), names)
		}
		same := func(what string, a, b *response, emails ...string) {
			t.Helper()
			if answer(a) != answer(b) {
				t.Errorf("%s: registered address answers %s, new one %s", what, answer(a), answer(b))
			}
			norm := func(r *response) string {
				s := r.body
				for _, e := range emails {
					s = strings.ReplaceAll(s, e, "EMAIL")
				}
				return regexp.MustCompile(`name="_csrf" value="[^"]*"`).ReplaceAllString(s, "")
			}
			if x, y := norm(a), norm(b); x != y {
				i := 0
				for i < len(x) && i < len(y) && x[i] == y[i] {
					i++
				}
				t.Errorf("%s: the pages differ beyond the address, at %q / %q", what,
					x[max(0, i-80):min(len(x), i+80)], y[max(0, i-80):min(len(y), i+80)])
			}
		}
		ct, cf := ts.client(t), ts.client(t)
		taken := ts.submitSignup(t, ct, "en", signupValues("Someone", "known@example.com", "en", "candidate"))
		fresh := ts.submitSignup(t, cf, "en", signupValues("Someone", "brand-new@example.com", "en", "candidate"))
		same("signup", taken, fresh)
		same("page after signup", ts.get(t, ct, taken.Header.Get("Location")), ts.get(t, cf, fresh.Header.Get("Location")),
			"known@example.com", "brand-new@example.com")
		if r := ts.get(t, ct, "/me"); r.StatusCode == http.StatusOK {
			t.Error("signup with a registered email signed the caller in")
		}
		if strings.Contains(taken.body+fresh.body, testPassword) {
			t.Error("signup echoed the password")
		}
		ft, ff := ts.client(t), ts.client(t)
		fk := ts.postForm(t, ft, "/password/forgot?lang=en", url.Values{"email": {"known@example.com"}})
		fu := ts.postForm(t, ff, "/password/forgot?lang=en", url.Values{"email": {"nobody@example.com"}})
		same("forgotten password", fk, fu)
		same("page after forgotten password", ts.get(t, ft, fk.Header.Get("Location")), ts.get(t, ff, fu.Header.Get("Location")))
		// Each address got exactly one email, and only the owner's holds a
		// reset link.
		ts.linkIn(t, ts.waitMail(t, "known@example.com", 3), "/password/reset/")
		if m := ts.waitMail(t, "nobody@example.com", 1); strings.Contains(m.Text, "/password/reset/") {
			t.Errorf("a reset link went to an address with no account:\n%s", m.Text)
		}
		ts.linkIn(t, ts.waitMail(t, "brand-new@example.com", 1), "/signup/confirm/")

		// Timing: a registered address costs the same work as a new one,
		// on all three forms.
		// The two kinds of request alternate, so a busy moment of the
		// machine slows both alike instead of one side's run.
		medians := func(known, absent func(i int) *response, want int) (time.Duration, time.Duration) {
			var dk, du []time.Duration
			timed := func(try func(int) *response, i int) time.Duration {
				start := time.Now()
				r := try(i)
				d := time.Since(start)
				if r.StatusCode != want {
					t.Fatalf("timing: %d, want %d", r.StatusCode, want)
				}
				return d
			}
			for i := 0; i < 12; i++ {
				if i%2 == 0 {
					dk, du = append(dk, timed(known, i)), append(du, timed(absent, i))
				} else {
					du, dk = append(du, timed(absent, i)), append(dk, timed(known, i))
				}
			}
			mid := func(ds []time.Duration) time.Duration {
				sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
				return (ds[5] + ds[6]) / 2
			}
			return mid(dk), mid(du)
		}
		post := func(path string, vals url.Values) *response {
			c := ts.client(t)
			form := ts.get(t, c, path+"?lang=en")
			vals.Set(csrfField, formToken(t, form))
			return ts.postRaw(t, c, path, vals.Encode())
		}
		login := func(email string) func(int) *response {
			return func(i int) *response {
				return post("/login", url.Values{"email": {email}, "password": {"wrong password " + strconv.Itoa(i)}})
			}
		}
		signupWith := func(email string) func(int) *response {
			return func(i int) *response {
				e := email
				if e == "" {
					e = fmt.Sprintf("timing-%d@example.com", i)
				}
				return post("/signup", signupValues("Timing", e, "en", "candidate"))
			}
		}
		forgotFor := func(email string) func(int) *response {
			return func(i int) *response {
				e := email
				if e == "" {
					e = fmt.Sprintf("timing-nobody-%d@example.com", i)
				}
				return post("/password/forgot", url.Values{"email": {e}})
			}
		}
		for _, form := range []struct {
			name          string
			known, absent func(int) *response
			want          int
		}{
			{"login", login("known@example.com"), login("unknown@example.com"), http.StatusUnauthorized},
			{"signup", signupWith("known@example.com"), signupWith(""), http.StatusSeeOther},
			{"forgotten password", forgotFor("known@example.com"), forgotFor(""), http.StatusSeeOther},
		} {
			form.known(100) // warm up
			k, u := medians(form.known, form.absent, form.want)
			ratio := float64(max(k, u)) / float64(min(k, u))
			t.Logf("%s timing, median of 12, interleaved: registered address %s, unknown address %s (ratio %.2f)", form.name, k, u, ratio)
			// A difference that tells is one of work (an argon2id hash is
			// tens of milliseconds), not the scheduling noise of a busy
			// machine on requests of a few milliseconds.
			if ratio > 2 && max(k, u)-min(k, u) > 10*time.Millisecond {
				t.Errorf("%s time tells a registered address (%s) from an unknown one (%s)", form.name, k, u)
			}
		}
	})
}

// --- 6. Sessions end after inactivity and after their lifetime

func TestSessionExpiry(t *testing.T) {
	t.Parallel()
	t.Run("idle", func(t *testing.T) {
		t.Parallel()
		ts := newTestServer(t, withOptions(func(o *Options) { o.SessionIdle = 2 * time.Second }))
		c := ts.client(t)
		signup(t, ts, c, "idle@example.com", "en")
		if r := ts.get(t, c, "/me"); r.StatusCode != 200 {
			t.Fatalf("/me right after signup: %d", r.StatusCode)
		}
		tok := ts.jarCookie(t, c, sessionCookie)
		time.Sleep(3 * time.Second)
		r := ts.get(t, c, "/me")
		if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login") {
			t.Errorf("/me after 3 s idle: %d %q, want a redirect to /login", r.StatusCode, r.Header.Get("Location"))
		}
		// The old token, replayed by hand, is refused for reads and writes.
		replay := ts.client(t)
		ts.setJarCookie(replay, sessionCookie, tok)
		if r := ts.get(t, replay, "/me/export.json"); r.StatusCode != http.StatusSeeOther {
			t.Errorf("expired session replayed on GET: %d", r.StatusCode)
		}
		if r := ts.postForm(t, replay, "/checklist/"+testLibrary.Checklist[0].ID, url.Values{"done": {"1"}}); r.StatusCode != http.StatusUnauthorized {
			t.Errorf("expired session replayed on POST: %d", r.StatusCode)
		}
		if n := ts.count(t, "SELECT COUNT(*) FROM checklist_ticks"); n != 0 {
			t.Errorf("%d ticks saved through an expired session", n)
		}
	})
	t.Run("activity keeps it", func(t *testing.T) {
		t.Parallel()
		ts := newTestServer(t, withOptions(func(o *Options) { o.SessionIdle = 2 * time.Second }))
		c := ts.client(t)
		signup(t, ts, c, "busy@example.com", "en")
		for i := 0; i < 4; i++ {
			time.Sleep(time.Second)
			if r := ts.get(t, c, "/me"); r.StatusCode != 200 {
				t.Fatalf("/me after %d s of activity every second: %d", i+1, r.StatusCode)
			}
		}
	})
	t.Run("lifetime", func(t *testing.T) {
		t.Parallel()
		ts := newTestServer(t, withOptions(func(o *Options) { o.SessionLifetime = 3 * time.Second }))
		c := ts.client(t)
		signup(t, ts, c, "lifetime@example.com", "en")
		start := time.Now()
		tok := ts.jarCookie(t, c, sessionCookie)
		ok := 0
		for time.Since(start) < 2*time.Second {
			time.Sleep(time.Second)
			if r := ts.get(t, c, "/me"); r.StatusCode != 200 {
				t.Fatalf("/me %s after login, active every second: %d", time.Since(start).Round(time.Millisecond), r.StatusCode)
			}
			ok++
		}
		time.Sleep(time.Until(start.Add(3*time.Second + 300*time.Millisecond)))
		r := ts.get(t, c, "/me")
		if r.StatusCode != http.StatusSeeOther {
			t.Errorf("/me %s after login despite activity: %d, want a redirect to /login", time.Since(start).Round(time.Millisecond), r.StatusCode)
		}
		replay := ts.client(t)
		ts.setJarCookie(replay, sessionCookie, tok)
		if r := ts.get(t, replay, "/me"); r.StatusCode != http.StatusSeeOther {
			t.Errorf("session past its lifetime replayed: %d", r.StatusCode)
		}
		t.Logf("lifetime 3 s: %d active requests accepted, refused at %s", ok, time.Since(start).Round(time.Millisecond))
	})
}

// --- 7. Size and count limits

func TestLimits(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	signup(t, ts, c, "limits@example.com", "en")

	t.Run("body over 1 MB", func(t *testing.T) {
		page, tok := openPractice(t, ts, c, "why-sales")
		vals := practiceValues(strings.Repeat("x", 1<<20), tok, 3, 3, 3, 3, 3, 3)
		r := submitPractice(t, ts, c, page, "why-sales", vals)
		if r.StatusCode != http.StatusRequestEntityTooLarge || h1(r) != i18n.T("en", "error.413.title") {
			t.Errorf("1 MB body: %d %q, want the 413 page", r.StatusCode, h1(r))
		}
	})
	t.Run("answer over 20,000 characters", func(t *testing.T) {
		for _, tc := range []struct {
			n    int
			r    string
			want int
		}{{maxLen("practice.answer"), "a", 303}, {maxLen("practice.answer") + 1, "a", 422}, {maxLen("practice.answer") + 1, "答", 422}} {
			page, tok := openPractice(t, ts, c, "why-sales")
			r := submitPractice(t, ts, c, page, "why-sales", practiceValues(strings.Repeat(tc.r, tc.n), tok, 3, 3, 3, 3, 3, 3))
			if r.StatusCode != tc.want {
				t.Errorf("answer of %d × %q: %d, want %d", tc.n, tc.r, r.StatusCode, tc.want)
			}
			if tc.want == 422 && r.text("#answer-error") != i18n.T("en", "form.err.toolong") {
				t.Errorf("answer of %d: error %q", tc.n, r.text("#answer-error"))
			}
		}
	})
	t.Run("100 questions per set", func(t *testing.T) {
		cc := ts.client(t)
		signupAs(t, ts, cc, "Busy Coach", "busy-coach@example.com", "en", "coach")
		bank := bankIDs(t, len(testLibrary.Questions))
		if len(bank) >= maxCount("set.items") {
			t.Fatalf("the bank has %d questions; the test assumes fewer than %d", len(bank), maxCount("set.items"))
		}
		setID := postNewSet(t, ts, cc, "Full set", bank[:len(bank)-1]...)
		for i := len(setItemsOf(t, ts, setID)); i < maxCount("set.items"); i++ {
			r := ts.postForm(t, cc, fmt.Sprintf("/coach/sets/%d/custom", setID), url.Values{"prompt": {fmt.Sprintf("Custom question %d", i)}})
			if r.StatusCode != http.StatusSeeOther {
				t.Fatalf("custom question %d: %d (%s)", i+1, r.StatusCode, errorsOf(r))
			}
		}
		if n := len(setItemsOf(t, ts, setID)); n != maxCount("set.items") {
			t.Fatalf("%d items, want %d", n, maxCount("set.items"))
		}
		custom := ts.postForm(t, cc, fmt.Sprintf("/coach/sets/%d/custom", setID), url.Values{"prompt": {"One too many"}})
		bankAdd := ts.postForm(t, cc, fmt.Sprintf("/coach/sets/%d/items", setID), url.Values{"question_id": {bank[len(bank)-1]}})
		if custom.StatusCode != http.StatusUnprocessableEntity || bankAdd.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("item %d: custom %d, bank %d, want 422 and 422", maxCount("set.items")+1, custom.StatusCode, bankAdd.StatusCode)
		}
		// A new set with more picks than allowed: the bank is smaller than
		// the limit, so repeat ids; duplicates are folded, unknown ids refused.
		var many []string
		for i := 0; i <= maxCount("set.items"); i++ {
			many = append(many, bank[i%len(bank)])
		}
		r := ts.postForm(t, cc, "/coach/sets", url.Values{"title": {"Many picks"}, "lang": {"en"}, "q": many})
		if r.StatusCode != http.StatusSeeOther {
			t.Errorf("set from %d picks (%d distinct): %d", len(many), len(bank), r.StatusCode)
		} else if n := len(setItemsOf(t, ts, setIDOf(t, r))); n != len(bank) {
			t.Errorf("set from %d picks has %d items, want %d", len(many), n, len(bank))
		}
		for i := range many {
			many[i] = fmt.Sprintf("made-up-%d", i)
		}
		if r := ts.postForm(t, cc, "/coach/sets", url.Values{"title": {"Made up"}, "lang": {"en"}, "q": many}); r.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("set of %d unknown ids: %d", len(many), r.StatusCode)
		}
		if n := ts.count(t, "SELECT COUNT(*) FROM set_items WHERE set_id = ?", setID); n != int64(maxCount("set.items")) {
			t.Errorf("the full set has %d items", n)
		}
	})
	t.Run("recording upload", func(t *testing.T) {
		uploadVia := func(audio []byte, chunked bool) *response {
			t.Helper()
			_, tok := openPractice(t, ts, c, "why-sales")
			vals := practiceValues("A spoken answer.", tok, 3, 3, 3, 3, 3, 3)
			vals.Set("recording_ms", "4000")
			return secUploadVia(t, ts, c, "/practice/why-sales", vals, audio, chunked)
		}
		upload := func(audio []byte) *response { t.Helper(); return uploadVia(audio, false) }
		// Streamed without a length: the token in the multipart body is
		// found, and an oversized body is still a 413, not a CSRF refusal.
		if r := uploadVia(fakeWebM(1000), true); r.StatusCode != http.StatusSeeOther {
			t.Errorf("streamed recording: %d, want 303", r.StatusCode)
		}
		if r := uploadVia(fakeWebM(12<<20), true); r.StatusCode != http.StatusRequestEntityTooLarge || h1(r) != i18n.T("en", "error.413.title") {
			t.Errorf("streamed 12 MB recording: %d %q, want the 413 page", r.StatusCode, h1(r))
		}
		// Not audio, whatever the part's name and type say: refused.
		if r := upload([]byte("<!doctype html><script>alert(1)</script>")); r.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("HTML uploaded as a recording: %d, want 422", r.StatusCode)
		}
		// Over the upload limit (10 MB of audio in an 11 MB body): 413.
		if r := upload(fakeWebM(11 << 20)); r.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("11 MB recording: %d, want 413", r.StatusCode)
		}
		// A polyglot (audio magic, then HTML) is served as audio, never sniffed.
		id := attemptIDOf(t, upload(append(fakeWebM(16), []byte("<html><script>alert(1)</script>")...)))
		ri, err := ts.store.RecordingOf(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		r := ts.get(t, c, fmt.Sprintf("/recordings/%d", ri.ID))
		if r.StatusCode != 200 || r.Header.Get("Content-Type") != "audio/webm" || r.Header.Get("X-Content-Type-Options") != "nosniff" ||
			!regexp.MustCompile(`^inline; filename="answer-\d+"$`).MatchString(r.Header.Get("Content-Disposition")) {
			t.Errorf("recording served as %d %q nosniff=%q disposition %q", r.StatusCode, r.Header.Get("Content-Type"),
				r.Header.Get("X-Content-Type-Options"), r.Header.Get("Content-Disposition"))
		}
		checkSecurityHeaders(t, "recording", r, false)
	})
	t.Run("invite brute force", func(t *testing.T) {
		bf := ts.client(t)
		got := map[int]int{}
		first429 := 0
		for i := 0; i < 70; i++ {
			r := ts.get(t, bf, "/join/"+randomToken(t))
			got[r.StatusCode]++
			if r.StatusCode == http.StatusTooManyRequests && first429 == 0 {
				first429 = i + 1
			}
			if i < 60 && r.StatusCode != http.StatusNotFound {
				t.Errorf("guess %d: %d, want 404", i+1, r.StatusCode)
			}
			if i >= 60 && r.StatusCode != http.StatusTooManyRequests {
				t.Errorf("guess %d: %d, want 429", i+1, r.StatusCode)
			}
		}
		// The limit is per IP, not per client: a new cookie jar does not help.
		if r := ts.get(t, ts.client(t), "/join/"+randomToken(t)); r.StatusCode != http.StatusTooManyRequests {
			t.Errorf("a fresh client from the same IP: %d", r.StatusCode)
		}
		t.Logf("invite guessing: 70 random tokens from one IP: %v; 429 from guess %d", got, first429)
	})
}

// --- 4. What candidates write cannot run script

// candidatePayloads are coach_test.go's xssPayloads plus tricks aimed at
// what candidates write: homoglyph and fullwidth schemes, zero-width and
// bidi characters, Markdown link forms, encodings.
var candidatePayloads = append(append([]string{}, xssPayloads...),
	"[x](jаvascript:alert(1))", // Cyrillic а
	`<a href="jаvascript:alert(1)">homoglyph</a>`,
	"ｊａｖａｓｃｒｉｐｔ:alert(1)",
	"[x](ｊａｖａｓｃｒｉｐｔ:alert(1))",
	"[x](java\u200bscript:alert(1))",
	"<a href=\"java\u200dscript:alert(1)\">zwj</a>",
	"\u202e<img src=x onerror=alert(1)>gnp.exe",
	"[\u202ekcilc](javascript:alert(1))",
	"\u2028<script>alert(1)</script>\u2029",
	"\ufeff<script>alert(1)</script>",
	"[x](javascript&colon;alert(1))",
	`[x]( javascript:alert(1) "title")`,
	`<https://evil.example/"onmouseover="alert(1)>`,
	`[x](https://example.com"onclick="alert(1))`,
	"```html\n</code></pre><script>alert(1)</script>\n```",
	"<svg/onload=alert(1)//",
	`"autofocus onfocus=alert(1) x="`,
	"</p></div></main><script>alert(1)</script>",
	"&lt;script&gt;alert(1)&lt;/script&gt;",
	"<a href=\"\x01javascript:alert(1)\">control character</a>",
	"%3Cscript%3Ealert(1)%3C%2Fscript%3E",
	`<img src="/static/x.png" onerror="alert(1)">`,
	`<a href="//evil.example/">protocol-relative</a>`,
	"{{.}}<script>alert(1)</script>",
)

// The candidate-written fields. Each value ends in its field's marker, so
// a page shows which fields it rendered.
var candidateFields = []struct{ name, marker string }{
	{"display name", "xq-name"},
	{"answer", "xq-answer"},
	{"practice notes", "xq-notes"},
	{"edited notes", "xq-enote"},
	{"reply", "xq-reply"},
	{"mock answer", "xq-mock"},
	{"mock notes", "xq-mnote"},
}

// candidateValues gives each field its copy of payload p.
func candidateValues(p string) map[string]string {
	v := map[string]string{}
	for _, f := range candidateFields {
		if f.name == "display name" {
			v[f.name] = truncRunes(p, 40) + " " + f.marker // display names hold 50 characters
		} else {
			v[f.name] = p + " " + f.marker
		}
	}
	return v
}

// planted is a candidate who wrote one payload into every field.
type planted struct {
	c                *http.Client
	u                *store.User
	email            string
	attempt, second  int64 // two answers to the set's question, reviewed and replied to
	mockURL          string
	question, values map[string]string
}

// plantPayload signs up a candidate named after payload p, joins the
// coach's set through token, and writes p into every field: two answers
// with notes, edited notes, a reply to the coach's review, and a whole
// mock interview. check sees each rejected form that echoes p back.
func plantPayload(t *testing.T, ts *testServer, coach *http.Client, token, qid string, n int, p string,
	check func(page string, r *response, want int)) *planted {
	t.Helper()
	if check == nil {
		check = func(page string, r *response, want int) {
			t.Helper()
			if r.StatusCode != want {
				t.Fatalf("payload %d: %s: %d, want %d", n, page, r.StatusCode, want)
			}
		}
	}
	v := candidateValues(p)
	pl := &planted{c: ts.client(t), email: fmt.Sprintf("xss-cand-%d@example.com", n), values: v}
	// Sign up; the confirmation page shows the name before the account
	// exists, so it is checked too.
	if r := ts.submitSignup(t, pl.c, "en", signupValues(v["display name"], pl.email, "en", "candidate")); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("payload %d: signup: %d (%s)", n, r.StatusCode, errorsOf(r))
	}
	confirm := ts.linkIn(t, ts.waitMail(t, pl.email, 1), "/signup/confirm/")
	cp := ts.get(t, pl.c, confirm)
	check("sign-up confirmation", cp, http.StatusOK)
	if !slices.Contains(fieldsShown(cp.doc), "display name") {
		t.Errorf("payload %d: the confirmation page does not show the display name: the check there proves nothing", n)
	}
	if r := ts.postRaw(t, pl.c, confirm, url.Values{csrfField: {formToken(t, cp)}}.Encode()); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("payload %d: confirming: %d", n, r.StatusCode)
	}
	var err error
	if pl.u, err = ts.store.UserByEmail(context.Background(), pl.email); err != nil {
		t.Fatal(err)
	}
	if pl.u.DisplayName != strings.TrimSpace(v["display name"]) {
		t.Fatalf("payload %d: stored name %q", n, pl.u.DisplayName)
	}
	joinVia(t, ts, pl.c, token)

	// Practice: rejected (no ratings) and shown back, then saved twice.
	page, tok := openPractice(t, ts, pl.c, qid)
	bad := practiceValues(v["answer"], tok)
	bad.Set("notes", v["practice notes"])
	bad.Set("r_overall", "9") // ratings are optional; a bad one is refused
	check("practice form (422)", submitPractice(t, ts, pl.c, page, qid, bad), http.StatusUnprocessableEntity)
	for i, id := range []*int64{&pl.attempt, &pl.second} {
		page, tok := openPractice(t, ts, pl.c, qid)
		vals := practiceValues(v["answer"], tok, 4, 3, 2, 4, 3, 1+i)
		vals.Set("notes", v["practice notes"])
		*id = attemptIDOf(t, submitPractice(t, ts, pl.c, page, qid, vals))
	}
	ap := fmt.Sprintf("/attempts/%d", pl.attempt)

	// Notes edited: too long first, then saved.
	check("attempt page, rejected notes (422)", ts.postForm(t, pl.c, ap+"/notes", url.Values{"notes": {v["edited notes"] + strings.Repeat("x", maxLen("practice.notes"))}}),
		http.StatusUnprocessableEntity)
	if r := ts.postForm(t, pl.c, ap+"/notes", url.Values{"notes": {v["edited notes"]}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("payload %d: notes: %d (%s)", n, r.StatusCode, errorsOf(r))
	}

	// The coach reviews; the candidate replies, too long first.
	postReview(t, ts, coach, pl.attempt, reviewValues("Plain review.", 3, 3, 3, 3, 3, 3))
	check("attempt page, rejected reply (422)", ts.postForm(t, pl.c, ap+"/reply", url.Values{"body": {v["reply"] + strings.Repeat("x", maxLen("feedback.reply"))}}),
		http.StatusUnprocessableEntity)
	if r := ts.postForm(t, pl.c, ap+"/reply", url.Values{"body": {v["reply"]}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("payload %d: reply: %d (%s)", n, r.StatusCode, errorsOf(r))
	}

	// A mock interview answered with the payload, one step rejected first.
	pl.mockURL = startMock(t, ts, pl.c, url.Values{"size": {"3"}, "source": {"mix"}, "lang": {"en"}})
	for step := 0; step < 3; step++ {
		mp := ts.get(t, pl.c, pl.mockURL)
		q, _ := mp.doc.Find(`#practice-form input[name="question_id"]`).Attr("value")
		ct, _ := mp.doc.Find(`#practice-form input[name="client_token"]`).Attr("value")
		if q == "" {
			t.Fatalf("payload %d: mock step %d has no question", n, step+1)
		}
		vals := practiceValues(v["mock answer"], ct)
		vals.Set("notes", v["mock notes"])
		vals.Set("question_id", q)
		if step == 0 {
			vals.Set("r_overall", "9") // refused: the step comes back
			check("mock step (422)", ts.postForm(t, pl.c, pl.mockURL+"/answer", vals), http.StatusUnprocessableEntity)
		}
		for i, k := range store.Criteria {
			vals.Set("r_"+k, strconv.Itoa(1+(i+step)%5))
		}
		if r := ts.postForm(t, pl.c, pl.mockURL+"/answer", vals); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("payload %d: mock answer %d: %d (%s)", n, step+1, r.StatusCode, errorsOf(r))
		}
	}
	return pl
}

// candidatePages are the pages that show what a planted candidate wrote,
// for the candidate and for their coach, with the fields each must show.
func candidatePages(pl *planted, qid string, setID int64) []struct {
	name, path string
	coach      bool
	must       []string
} {
	return []struct {
		name, path string
		coach      bool
		must       []string
	}{
		{"attempt", fmt.Sprintf("/attempts/%d", pl.attempt), false, []string{"answer", "edited notes", "reply"}},
		{"delete attempt", fmt.Sprintf("/attempts/%d/delete", pl.attempt), false, []string{"answer"}},
		{"question history", "/questions/" + qid, false, nil},
		{"practice page", "/practice/" + qid, false, nil},
		{"compare", fmt.Sprintf("/attempts/compare?a=%d&b=%d", pl.attempt, pl.second), false, []string{"answer"}},
		{"my page", "/me", false, []string{"display name"}},
		{"progress", "/me/progress", false, nil},
		{"mock summary", pl.mockURL, false, []string{"mock answer"}},
		{"mock list", "/mock", false, nil},
		{"review queue", "/review", false, nil},
		{"coach dashboard (matrix)", "/coach", true, []string{"display name"}},
		{"set page (matrix)", fmt.Sprintf("/coach/sets/%d", setID), true, []string{"display name"}},
		{"coach's candidate page", fmt.Sprintf("/coach/candidates/%d", pl.u.ID), true, []string{"display name"}},
		{"coach's attempt page", fmt.Sprintf("/coach/attempts/%d", pl.attempt), true, []string{"display name", "answer", "reply"}},
	}
}

// fieldsShown lists the candidate fields whose marker a page shows, in its
// text or in an attribute.
func fieldsShown(doc *goquery.Document) []string {
	var b strings.Builder
	b.WriteString(doc.Text())
	doc.Find("*").Each(func(_ int, s *goquery.Selection) {
		for _, a := range s.Get(0).Attr {
			b.WriteString(" " + a.Val)
		}
	})
	all := b.String()
	var out []string
	for _, f := range candidateFields {
		if strings.Contains(all, f.marker) {
			out = append(out, f.name)
		}
	}
	return out
}

// candidateRisks is scriptRisks, but it also accepts the app's own charts
// outside the calibration section (the progress page draws several): an
// <svg> that is the only child of a div.chart. What is inside each is
// still checked, element by element, like the rest of the page.
func candidateRisks(doc *goquery.Document) []string {
	stray := doc.Find("svg").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return !s.Parent().Is("div.chart") || s.Parent().Children().Length() != 1
	}).Length()
	var out []string
	for _, r := range scriptRisks(doc) {
		if r == "<svg> outside the app's chart" && stray == 0 {
			continue
		}
		out = append(out, r)
	}
	return out
}

func TestCandidateFieldsAreEscaped(t *testing.T) {
	if len(candidatePayloads) < 30 {
		t.Fatalf("only %d payloads", len(candidatePayloads))
	}
	st := &xssStats{pages: map[string]bool{}, fields: map[string]bool{}}
	var mu sync.Mutex
	pageFields := map[string]map[string]bool{}
	const chunk = 10 // per server: joining costs 2 of the invite pages' 60 hits per IP in 10 minutes
	t.Run("payloads", func(t *testing.T) {
		for start := 0; start < len(candidatePayloads); start += chunk {
			end := min(start+chunk, len(candidatePayloads))
			t.Run(fmt.Sprintf("%02d-%02d", start, end-1), func(t *testing.T) {
				t.Parallel()
				ts := newTestServer(t, withLimits(Limits{SignupPerIP: 1000}))
				cc := ts.client(t)
				signupAs(t, ts, cc, "Coach Escaper", "coach-escaper@example.com", "en", "coach")
				qid := bankIDs(t, 1)[0]
				setID := postNewSet(t, ts, cc, "Escaping set", qid)
				token, _ := newInvite(t, ts, cc, setID, "")
				for n := start; n < end; n++ {
					p := candidatePayloads[n]
					label := fmt.Sprintf("payload %d %q", n, p)
					values := candidateValues(p)
					rawTag := regexp.MustCompile(`<[a-zA-Z/!]`).MatchString(p)
					check := func(page string, r *response, want int) {
						t.Helper()
						if r.StatusCode != want {
							t.Fatalf("%s: %s: status %d, want %d (%s)", label, page, r.StatusCode, want, errorsOf(r))
						}
						if r.doc == nil {
							t.Fatalf("%s: %s: not HTML", label, page)
						}
						for _, bad := range candidateRisks(r.doc) {
							t.Errorf("%s: %s: %s", label, page, bad)
						}
						if rawTag {
							for f, v := range values {
								if strings.Contains(r.body, strings.TrimSpace(v)) {
									t.Errorf("%s: %s: the %s appears unescaped", label, page, f)
								}
							}
						}
						shown := fieldsShown(r.doc)
						st.add(page, shown)
						mu.Lock()
						if pageFields[page] == nil {
							pageFields[page] = map[string]bool{}
						}
						for _, f := range shown {
							pageFields[page][f] = true
						}
						mu.Unlock()
					}
					pl := plantPayload(t, ts, cc, token, qid, n, p, check)
					for _, pg := range candidatePages(pl, qid, setID) {
						c := pl.c
						if pg.coach {
							c = cc
						}
						r := ts.get(t, c, pg.path)
						if r.StatusCode == http.StatusNotFound && pg.name == "progress" {
							continue // not served yet
						}
						check(pg.name, r, http.StatusOK)
						shown := map[string]bool{}
						for _, f := range fieldsShown(r.doc) {
							shown[f] = true
						}
						for _, f := range pg.must {
							// A reply is Markdown: a line that opens with raw HTML is
							// dropped whole (marker included), which is as it should be.
							if !shown[f] && !(f == "reply" && rawTag) {
								t.Errorf("%s: %s does not show the %s: the check there proves nothing", label, pg.name, f)
							}
						}
					}
				}
			})
		}
	})
	var pages []string
	for p, fs := range pageFields {
		var names []string
		for f := range fs {
			names = append(names, f)
		}
		sort.Strings(names)
		pages = append(pages, fmt.Sprintf("%s: %s", p, strings.Join(names, ", ")))
	}
	sort.Strings(pages)
	t.Logf("fields shown per page:\n  %s", strings.Join(pages, "\n  "))
	t.Logf("candidate XSS: %d payloads × %d fields × %d pages: %d (payload, field, page) combinations in %d parsed renders",
		len(candidatePayloads), len(st.fields), len(st.pages), st.combos, st.renders)
}
