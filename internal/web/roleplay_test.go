package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/aeprep/aeprep/internal/i18n"
)

// Discovery-call replies of a strong and of a weak candidate (Northline
// Freight), replayed in order until the call ends.
var (
	strongDiscoveryEN = []string{
		"Thanks for making the time, Dana. Before I say anything about us, what made order processing worth a call this week?",
		"That sounds painful. How much time does the retyping take, and what does it cost you when a typo gets through?",
		"What would success look like for you a few months after go-live?",
		"Who else would be involved in a decision like this, and how does it usually get made?",
		"When would this need to be working?",
		"What else are you considering, including just hiring temps for the peak?",
		"Have you set money aside for this, and roughly how much?",
		"So what I'm hearing is: dispatchers retype every email and PDF order by hand, it costs about three people's time plus $180,000 a year in disputed invoices, and it has to be live before the October peak. Did I get that right?",
		"Would you be open to a 45-minute session next Tuesday at 10 with your dispatch lead and someone from IT, where we run twenty of your real PDFs through a pilot setup?",
	}
	weakDiscoveryEN = []string{
		"Hi Dana! Flowdesk is the industry-leading order automation platform. Our AI-powered capture reads emails and PDFs and integrates with every TMS, with a real-time dashboard.",
		"Do you use email for orders?",
		"Can I send you a proposal?",
		"We're the market leader and our customers love our features, honestly it's the best dashboard out there.",
		"I really think you'd love it.",
	}
	strongDiscoveryJA = []string{
		"本日はお時間をいただきありがとうございます。弊社のご説明の前に、今回受注業務について話を聞いてみようと思われたきっかけを教えていただけますか？",
		"それは大変ですね。手入力にはどのくらいの時間がかかっていて、入力ミスが起きるとどのくらいのコストになりますか？",
		"稼働して数か月後、どうなっていれば成功だと言えますか？",
		"こうした導入はどのように決まるのでしょうか。ほかにどなたが関わられますか？",
		"いつまでに稼働している必要がありますか？",
		"繁忙期だけ派遣を増やす案も含めて、ほかにどのような選択肢を検討されていますか？",
		"この件でご予算は確保されていますか。目安はどのくらいでしょうか？",
		"一度整理させてください。メールやPDFの注文を配車担当が手入力していて、3人分の工数と年間1,800万円の差し戻しが発生しており、10月の繁忙期までに稼働が必要、という理解でよろしいでしょうか。",
		"来週火曜日の10時から45分ほど、配車のリーダーの方と情報システム部の方にもご同席いただき、実際のPDFを20件ほど試験環境で取り込んでみるお時間をいただけますか？",
	}
)

// startRun opens a scenario's briefing and starts a run; it returns the
// run's path.
func startRun(t *testing.T, ts *testServer, c *http.Client, scenario, lang string) string {
	t.Helper()
	brief := ts.get(t, c, "/roleplay/"+scenario+"?lang="+lang)
	if brief.StatusCode != 200 {
		t.Fatalf("briefing: %d", brief.StatusCode)
	}
	r := ts.postRaw(t, c, "/roleplay/"+scenario, url.Values{csrfField: {formToken(t, brief)}}.Encode())
	loc := r.Header.Get("Location")
	if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/roleplay/runs/") {
		t.Fatalf("start: %d %q", r.StatusCode, loc)
	}
	return loc
}

// nextTurn reads the reply form's turn number from the run page.
func nextTurn(t *testing.T, page *response) string {
	t.Helper()
	v, ok := page.doc.Find(`#rp-form input[name="turn"]`).Attr("value")
	if !ok {
		t.Fatalf("no reply form on the run page (%d)", page.StatusCode)
	}
	return v
}

// postReply posts a reply as turn number turn.
func postReply(t *testing.T, ts *testServer, c *http.Client, run, turn, reply string, headers ...string) *response {
	t.Helper()
	v := url.Values{"reply": {reply}, "turn": {turn}, csrfField: {ts.csrfToken(t, c)}}
	return ts.postRaw(t, c, run+"/turns", v.Encode(), headers...)
}

// playRun answers the buyer with replies, in order, from the run page,
// until the run ends or the replies run out; it returns the last page.
func playRun(t *testing.T, ts *testServer, c *http.Client, run string, replies []string) *response {
	t.Helper()
	page := ts.get(t, c, run)
	for _, reply := range replies {
		if page.doc.Find("#rp-form").Length() == 0 {
			break
		}
		r := postReply(t, ts, c, run, nextTurn(t, page), reply)
		if r.StatusCode != http.StatusSeeOther {
			t.Fatalf("reply %q: %d %s", reply, r.StatusCode, errorsOf(r))
		}
		page = ts.get(t, c, run)
	}
	return page
}

// scorecard reads the figures of a run page's scorecard.
func scorecard(t *testing.T, page *response) map[string]string {
	t.Helper()
	if page.doc.Find("#scorecard").Length() == 0 {
		t.Fatalf("no scorecard on the run page:\n%s", page.text("main"))
	}
	out := map[string]string{"outcome": page.text(".rp-outcome strong")}
	for _, k := range []string{"meddicc", "bant", "questions", "talk", "nextstep", "gaveaway"} {
		out[k] = page.text("#sc-" + k)
	}
	var missed []string
	page.doc.Find(".rp-elements tr.rp-missed").Each(func(_ int, s *goquery.Selection) {
		missed = append(missed, strings.Join(strings.Fields(s.Text()), " "))
	})
	out["missed"] = strings.Join(missed, " | ")
	return out
}

// transcriptOf lists the transcript's lines as "who: text [moves]".
func transcriptOf(page *response) []string {
	var out []string
	page.doc.Find("#rp-transcript > li").Each(func(_ int, s *goquery.Selection) {
		line := strings.TrimSpace(s.Find(".rp-who").First().Text()) + ": " + strings.TrimSpace(s.Find(".rp-text").Text())
		if m := strings.TrimSpace(s.Find(".rp-moves").Text()); m != "" {
			line += " [" + strings.Join(strings.Fields(m), " ") + "]"
		}
		out = append(out, line)
	})
	return out
}

// TestRoleplayStrongAndWeakDiscovery: a strong and a weak candidate take
// different paths through the discovery call and get different
// scorecards, with the moves marked in the transcript.
func TestRoleplayStrongAndWeakDiscovery(t *testing.T) {
	ts := newTestServer(t)
	strong, weak := ts.client(t), ts.client(t)
	signup(t, ts, strong, "strong@example.com", "en")
	signup(t, ts, weak, "weak@example.com", "en")
	sp := playRun(t, ts, strong, startRun(t, ts, strong, "discovery-freight", "en"), strongDiscoveryEN)
	wp := playRun(t, ts, weak, startRun(t, ts, weak, "discovery-freight", "en"), weakDiscoveryEN)
	sc, wc := scorecard(t, sp), scorecard(t, wp)
	st, wt := transcriptOf(sp), transcriptOf(wp)
	t.Logf("strong transcript:\n%s\nscorecard: %v", strings.Join(st, "\n"), sc)
	t.Logf("weak transcript:\n%s\nscorecard: %v", strings.Join(wt, "\n"), wc)

	if sc["outcome"] != "The buyer agreed a concrete next step." || sc["nextstep"] != "Yes" {
		t.Errorf("strong: outcome %q, next step %q", sc["outcome"], sc["nextstep"])
	}
	if wc["outcome"] != "The buyer ended the call." || wc["nextstep"] == "Yes" {
		t.Errorf("weak: outcome %q, next step %q", wc["outcome"], wc["nextstep"])
	}
	if sc["meddicc"] != "7 of 7 elements uncovered" || wc["meddicc"] != "1 of 7 elements uncovered" {
		t.Errorf("MEDDICC: strong %q, weak %q", sc["meddicc"], wc["meddicc"])
	}
	if wc["bant"] != "1 of 4 elements uncovered" || sc["bant"] != "4 of 4 elements uncovered" {
		t.Errorf("BANT: strong %q, weak %q", sc["bant"], wc["bant"])
	}
	if sc["questions"] != "7 open, 3 closed" {
		t.Errorf("strong questions: %q", sc["questions"])
	}
	if wc["questions"] != "0 open, 2 closed" || !strings.Contains(wc["missed"], "At turn 3: Who signs off") {
		t.Errorf("weak questions: %q", wc["questions"])
	}
	if wc["missed"] == "" || !strings.Contains(wc["missed"], "What does all that retyping cost you") {
		t.Errorf("weak: missed elements should say what to ask: %q", wc["missed"])
	}
	if strings.Contains(sc["missed"], "metrics") || strings.Contains(sc["missed"], "budget") {
		t.Errorf("strong missed metrics or budget: %q", sc["missed"])
	}
	if len(st) <= len(wt) || st[2] == wt[2] {
		t.Errorf("the two calls took the same path:\n%v\n%v", st, wt)
	}
	if !strings.Contains(strings.Join(st, "\n"), "[Moves detected: open question") || !strings.Contains(strings.Join(wt, "\n"), "pitched before discovery") {
		t.Errorf("moves not marked in the transcripts")
	}
	if sp.doc.Find("#rate-form input[name=r_overall]").Length() != 5 || sp.doc.Find("#rp-form").Length() > 0 {
		t.Error("a finished run shows the rubric and no reply form")
	}
	sg, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(sp.text(".rp-grade"), "Grade "), "/5"))
	wg, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(wp.text(".rp-grade"), "Grade "), "/5"))
	if sg != 5 || wg != 1 {
		t.Errorf("grades: strong %d, weak %d", sg, wg)
	}
	// The rubric rating is saved; a rating without anything chosen is 422.
	run := sp.Request.URL.Path
	if r := ts.postForm(t, strong, run+"/ratings", url.Values{"r_overall": {"4"}, "r_customer": {"5"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("rating: %d", r.StatusCode)
	}
	if r := ts.postForm(t, strong, run+"/ratings", url.Values{}); r.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("empty rating: %d", r.StatusCode)
	}
	if v, _ := ts.get(t, strong, run).doc.Find("#r_overall-4").Attr("checked"); v != "checked" && !ts.get(t, strong, run).doc.Find("#r_overall-4").Is("[checked]") {
		t.Error("the rating is not shown as chosen")
	}
}

// TestRoleplayResume: a run left after two turns resumes on another
// instance sharing the database, and finishes there.
func TestRoleplayResume(t *testing.T) {
	dsn, ib := testDSN(t), &inbox{}
	ts := newTestServer(t, withDatabase(dsn, ib))
	c := ts.client(t)
	signup(t, ts, c, "resume@example.com", "ja")
	run := startRun(t, ts, c, "discovery-freight", "ja")
	playRun(t, ts, c, run, strongDiscoveryJA[:2])
	ts2 := newTestServer(t, withDatabase(dsn, ib))
	c2 := ts2.client(t)
	if r := ts2.login(t, c2, "ja", "resume@example.com", testPassword); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("log-in on the second instance: %d", r.StatusCode)
	}
	page := ts2.get(t, c2, run)
	if got := nextTurn(t, page); got != "3" {
		t.Fatalf("resumed at turn %s, want 3", got)
	}
	if n := page.doc.Find("#rp-transcript .rp-you").Length(); n != 2 {
		t.Fatalf("resumed transcript has %d replies", n)
	}
	end := playRun(t, ts2, c2, run, strongDiscoveryJA[2:])
	sc := scorecard(t, end)
	if sc["outcome"] != "買い手が具体的な次のステップに合意しました。" {
		t.Errorf("outcome in Japanese: %q", sc["outcome"])
	}
}

// TestRoleplayTwoTabs: two tabs posting the same turn at once save it
// once; the second is shown the run as it stands.
func TestRoleplayTwoTabs(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	signup(t, ts, c, "tabs@example.com", "en")
	run := startRun(t, ts, c, "discovery-freight", "en")
	tok := ts.csrfToken(t, c)
	var wg sync.WaitGroup
	res := make([]*response, 4)
	for i := range res {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v := url.Values{"reply": {fmt.Sprintf("What made this worth a call, tab %d?", i)}, "turn": {"1"}, csrfField: {tok}}
			req, _ := http.NewRequest("POST", ts.URL+run+"/turns", strings.NewReader(v.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			res[i] = do(t, c, req)
		}()
	}
	wg.Wait()
	saved := 0
	for _, r := range res {
		if r.StatusCode != http.StatusSeeOther {
			t.Fatalf("post: %d", r.StatusCode)
		}
		if strings.HasSuffix(r.Header.Get("Location"), "#turn-1") {
			saved++
		}
	}
	id, _ := strconv.ParseInt(strings.TrimPrefix(run, "/roleplay/runs/"), 10, 64)
	turns, err := ts.store.RoleplayTurns(context.Background(), id)
	if err != nil || len(turns) != 1 || saved != 1 {
		t.Fatalf("%d turns saved, %d posts said saved (%v)", len(turns), saved, err)
	}
	// A resubmitted turn 1 later is shown the run, with a note.
	r := postReply(t, ts, c, run, "1", "The same turn again.")
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("stale turn: %d", r.StatusCode)
	}
	page := ts.get(t, c, r.Header.Get("Location"))
	if !strings.Contains(page.text(".flash"), "already saved") || nextTurn(t, page) != "2" {
		t.Errorf("stale turn page: flash %q, turn %s", page.text(".flash"), nextTurn(t, page))
	}
	// With JavaScript the reply comes back as JSON with the buyer's line.
	j := postReply(t, ts, c, run, "2", "How much does that retyping cost you each month?", "Accept", "application/json")
	if j.StatusCode != 200 || !strings.Contains(j.body, `"buyerLine":"`) || !strings.Contains(j.body, `"nextTurn":3`) {
		t.Fatalf("JSON reply: %d %s", j.StatusCode, j.body)
	}
	j = postReply(t, ts, c, run, "2", "The same turn again.", "Accept", "application/json")
	if j.StatusCode != http.StatusConflict {
		t.Fatalf("stale JSON reply: %d %s", j.StatusCode, j.body)
	}
}

// TestRoleplayOwnership: another user's run is a 404 for every route, an
// unknown scenario too.
func TestRoleplayOwnership(t *testing.T) {
	ts := newTestServer(t)
	a, b := ts.client(t), ts.client(t)
	signup(t, ts, a, "owner-a@example.com", "en")
	signup(t, ts, b, "owner-b@example.com", "en")
	run := startRun(t, ts, a, "discovery-freight", "en")
	if r := ts.get(t, b, run); r.StatusCode != http.StatusNotFound {
		t.Errorf("GET another's run: %d", r.StatusCode)
	}
	if r := postReply(t, ts, b, run, "1", "What made you take the call?"); r.StatusCode != http.StatusNotFound {
		t.Errorf("POST to another's run: %d", r.StatusCode)
	}
	if r := ts.postForm(t, b, run+"/ratings", url.Values{"r_overall": {"3"}}); r.StatusCode != http.StatusNotFound {
		t.Errorf("rating another's run: %d", r.StatusCode)
	}
	for _, path := range []string{"/roleplay/no-such-scenario", "/roleplay/runs/999999", "/roleplay/runs/x"} {
		if r := ts.get(t, a, path); r.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d", path, r.StatusCode)
		}
	}
	if r := ts.postForm(t, a, "/roleplay/no-such-scenario", nil); r.StatusCode != http.StatusNotFound {
		t.Errorf("starting an unknown scenario: %d", r.StatusCode)
	}
	if r := ts.get(t, a, "/roleplay/no-such-scenario?lang=ja"); r.StatusCode != http.StatusNotFound || r.doc.Find("html[lang=ja]").Length() == 0 {
		t.Errorf("404 page in Japanese: %d", r.StatusCode)
	}
}

// TestRoleplayBadInput: an empty reply, an over-long one and a reply to a
// finished run are refused with a clear message in the user's language,
// the text kept, nothing saved.
func TestRoleplayBadInput(t *testing.T) {
	ts := newTestServer(t)
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			c := ts.client(t)
			signup(t, ts, c, "bad-"+lang+"@example.com", lang)
			run := startRun(t, ts, c, "discovery-freight", lang)
			check := func(r *response, key, kept string) {
				t.Helper()
				if r.StatusCode != http.StatusUnprocessableEntity {
					t.Fatalf("status %d, want 422", r.StatusCode)
				}
				if got, want := r.text("#reply-error"), i18n.T(lang, key); got != want {
					t.Errorf("error %q, want %q", got, want)
				}
				if r.doc.Find("#error-summary a[href='#reply']").Length() != 1 {
					t.Error("no error summary linking to the reply")
				}
				if kept != "" && r.doc.Find("#reply").Text() != kept {
					t.Errorf("text not kept: %q", r.doc.Find("#reply").Text())
				}
				if v, _ := r.doc.Find("#reply").Attr("aria-invalid"); v != "true" {
					t.Error("reply not marked invalid")
				}
			}
			check(postReply(t, ts, c, run, "1", "   \n "), "roleplay.err.empty", "")
			if j := postReply(t, ts, c, run, "1", "", "Accept", "application/json"); j.StatusCode != http.StatusUnprocessableEntity ||
				!strings.Contains(j.body, i18n.T(lang, "roleplay.err.empty")) {
				t.Errorf("empty reply by JSON: %d %s", j.StatusCode, j.body)
			}
			long := strings.Repeat("あ", maxLen("roleplay.reply")+1)
			check(postReply(t, ts, c, run, "1", long), "form.err.toolong", long)
			if got := nextTurn(t, ts.get(t, c, run)); got != "1" {
				t.Fatalf("a refused reply moved the run to turn %s", got)
			}
			// An out-of-time reply finishes nothing; a finished run takes no more.
			replies := weakDiscoveryEN
			if lang == "ja" {
				replies = []string{"弊社は業界ナンバーワンで、AIとダッシュボードを搭載した最高の製品です。", "弊社は業界ナンバーワンで、お客様にも機能をご好評いただいております。ダッシュボードは最高です。", "きっと気に入っていただけると思います。", "とにかく最高です。"}
			}
			end := playRun(t, ts, c, run, replies)
			if end.doc.Find("#scorecard").Length() == 0 {
				t.Fatalf("the weak run did not end: %v", transcriptOf(end))
			}
			kept := "One more thing about our dashboard."
			check(postReply(t, ts, c, run, "9", kept), "roleplay.err.finished", kept)
		})
	}
}

// TestRoleplayListAndFilters: /roleplay lists every scenario, filters by
// call type and difficulty with GET parameters, and shows past runs.
func TestRoleplayListAndFilters(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	signup(t, ts, c, "list@example.com", "en")
	all := ts.get(t, c, "/roleplay")
	if n := all.doc.Find(".rp-item").Length(); n < 8 {
		t.Fatalf("%d scenarios listed", n)
	}
	f := ts.get(t, c, "/roleplay?type=discovery")
	if n := f.doc.Find(".rp-item").Length(); n != 1 || !strings.Contains(f.text(".rp-item h3"), "Discovery call") {
		t.Errorf("type filter: %d items", n)
	}
	if v, _ := f.doc.Find(`#rp-type option[value="discovery"]`).Attr("selected"); v == "" && !f.doc.Find(`#rp-type option[value="discovery"]`).Is("[selected]") {
		t.Error("the chosen type is not selected")
	}
	d := ts.get(t, c, "/roleplay?difficulty=3&type=bogus")
	if n := d.doc.Find(".rp-item").Length(); n == 0 || n == all.doc.Find(".rp-item").Length() {
		t.Errorf("difficulty filter: %d items", n)
	}
	run := startRun(t, ts, c, "discovery-freight", "en")
	playRun(t, ts, c, run, weakDiscoveryEN)
	list := ts.get(t, c, "/roleplay")
	if list.doc.Find(`.rp-runs a[href="`+run+`"]`).Length() != 1 {
		t.Error("the run is not listed")
	}
	// The badly run scenario is due again soon: listed as due once its
	// day comes (FSRS brings a grade of 1 back within a day).
	if !strings.Contains(list.text(".rp-runs"), "Grade 1/5") {
		t.Errorf("run list: %q", list.text(".rp-runs"))
	}
}
