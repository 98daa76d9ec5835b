package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/insight"
	"github.com/aeprep/aeprep/internal/library"
	"github.com/aeprep/aeprep/internal/store"
)

const strongDealEN = `Situation: a regional bank with 1,200 staff was replacing a legacy expense system; the cycle ran seven months against the incumbent.
Task: I was the lead AE and the deal was 30% of my annual quota.
Action: I mapped nine stakeholders and found that IT security held the real veto, so I arranged an early security review. I built an ROI model with the finance manager showing 4,800 hours saved a year. When procurement asked for 25% off, I offered a three-year term and a phased rollout instead.
Result: we signed $190,000 over three years at 8% off list, and a cross-sell of the invoice module followed ten months later. I learned to ask who could stop a deal in the first meeting.`

// saveAnswer answers question qid through the practice form and returns
// the new attempt's id.
func saveAnswer(t *testing.T, ts *testServer, c *http.Client, qid, answer string) int64 {
	t.Helper()
	page, tok := openPractice(t, ts, c, qid)
	r := submitPractice(t, ts, c, page, qid, practiceValues(answer, tok, 4, 4, 4, 4, 4, 4))
	loc := r.Header.Get("Location")
	m := regexp.MustCompile(`^/attempts/(\d+)$`).FindStringSubmatch(loc)
	if r.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("save: %d %q", r.StatusCode, loc)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

func TestAttemptShowsTalkingPointsMarksAndStoredFindings(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	u := signup(t, ts, c, "points@example.com", "en")
	q, _ := testLibrary.Question("biggest-deal-closed")
	id := saveAnswer(t, ts, c, q.ID, strongDealEN)

	// The stored report is language-neutral codes, written by this analyser.
	a, err := ts.store.Attempt(context.Background(), u.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	var rep insight.Report
	if err := json.Unmarshal([]byte(a.Insights), &rep); err != nil || a.InsightsV != insightsVersion {
		t.Fatalf("stored report v%d: %v", a.InsightsV, err)
	}
	if f, ok := rep.Finding(insight.KindStructure); !ok || f.Code == "" || f.Verdict != insight.Good {
		t.Errorf("stored structure finding %+v", f)
	}
	if len(rep.Points) != len(q.Points["en"]) {
		t.Fatalf("stored %d point results, want %d", len(rep.Points), len(q.Points["en"]))
	}

	r := ts.get(t, c, fmt.Sprintf("/attempts/%d", id))
	if r.StatusCode != 200 {
		t.Fatalf("attempt page %d", r.StatusCode)
	}
	points := r.doc.Find(".point-list li")
	if points.Length() != len(q.Points["en"]) {
		t.Fatalf("%d talking points on the page, want %d", points.Length(), len(q.Points["en"]))
	}
	if r.doc.Find(".point-covered").Length() < 3 {
		t.Errorf("a strong answer covers only %d points: %s", r.doc.Find(".point-covered").Length(), points.Text())
	}
	for i, p := range q.Points["en"] {
		li := points.Eq(i)
		if !strings.Contains(li.Text(), p.Text) {
			t.Errorf("point %d reads %q, want %q", i, li.Text(), p.Text)
		}
		if li.HasClass("point-missed") && !strings.Contains(li.Find(".point-hint").Text(), p.Hint) {
			t.Errorf("missed point %s has no hint", p.ID)
		}
	}
	// Figures are marked in the answer, each with a text label (not colour alone).
	figs := r.doc.Find(".marked-text mark.hl-figure")
	if figs.Length() == 0 || !strings.Contains(figs.Text(), "30%") {
		t.Errorf("figures marked: %q", figs.Text())
	}
	figs.Each(func(_ int, m *goquery.Selection) {
		if m.Find(".visually-hidden").Text() == "" || m.Find(".hl-tag").Text() == "" {
			t.Errorf("mark without its labels: %s", m.Text())
		}
	})
	if r.doc.Find(".mark-legend li").Length() == 0 {
		t.Error("no key to the marks")
	}
	// Nothing the candidate wrote can become markup.
	r.doc.Find(".marked-text *").Each(func(_ int, e *goquery.Selection) {
		if n := goquery.NodeName(e); n != "mark" && n != "span" && n != "sup" {
			t.Errorf("<%s> in the marked answer", n)
		}
	})
	summary, _ := testLibrary.Analyser().Message(mustFinding(t, rep, insight.KindStructure), "en")
	if !strings.Contains(r.text(".insights"), summary) {
		t.Errorf("structure summary %q not on the page: %s", summary, r.text(".insights"))
	}
	// The same attempt read in Japanese: the findings and points in Japanese.
	ja := ts.get(t, c, fmt.Sprintf("/attempts/%d?lang=ja", id))
	jsum, _ := testLibrary.Analyser().Message(mustFinding(t, rep, insight.KindStructure), "ja")
	if !strings.Contains(ja.text(".insights"), jsum) {
		t.Errorf("Japanese page lacks %q: %s", jsum, ja.text(".insights"))
	}
	if !strings.Contains(ja.text(".point-list"), q.Points["ja"][0].Text) {
		t.Errorf("Japanese page's points: %s", ja.text(".point-list"))
	}

	// Viewing shows the stored report: it is not analysed again.
	crafted := insight.Report{Lang: "en", AnswerLang: "en", Format: "story",
		Findings: []insight.Finding{{Kind: insight.KindEvidence, Verdict: insight.Warn, Code: "evidence.none"}}}
	b, _ := json.Marshal(crafted)
	if err := ts.db.Exec(`UPDATE attempts SET insights = ? WHERE id = ?`, string(b), id).Error; err != nil {
		t.Fatal(err)
	}
	r = ts.get(t, c, fmt.Sprintf("/attempts/%d?lang=en", id))
	want, _ := testLibrary.Analyser().Message(crafted.Findings[0], "en")
	if got := r.text(".insights"); !strings.Contains(got, want) || r.doc.Find(".insights li").Length() != 1 {
		t.Errorf("page re-ran the analyser: %q", got)
	}
}

func mustFinding(t *testing.T, rep insight.Report, kind string) insight.Finding {
	t.Helper()
	f, ok := rep.Finding(kind)
	if !ok {
		t.Fatalf("no %s finding in %+v", kind, rep.Findings)
	}
	return f
}

func TestSecondAttemptShowsWhatChanged(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	signup(t, ts, c, "changes@example.com", "en")
	first := saveAnswer(t, ts, c, "biggest-deal-closed", "We closed a big deal with a bank last year after a long cycle. The team worked hard on it and we were happy with the outcome in the end, it was a good result for everyone involved.")
	if r := ts.get(t, c, fmt.Sprintf("/attempts/%d", first)); r.doc.Find(".change-list").Length() != 0 {
		t.Error("a first attempt shows changes")
	}
	second := saveAnswer(t, ts, c, "biggest-deal-closed", strongDealEN)
	r := ts.get(t, c, fmt.Sprintf("/attempts/%d", second))
	changes := r.doc.Find(".change-list li")
	if changes.Length() == 0 {
		t.Fatal("no changes listed on the second attempt")
	}
	if r.doc.Find(".change-list li.change-better").Length() == 0 {
		t.Errorf("a much stronger answer shows no improvement: %s", changes.Text())
	}
	if !strings.Contains(changes.Text(), insight.KindName(insight.KindStructure, "en")) {
		t.Errorf("structure change missing: %s", changes.Text())
	}
}

func TestCoachReadsFindingsInOwnLanguage(t *testing.T) {
	ts := newTestServer(t)
	cc, kc := ts.client(t), ts.client(t)
	signupAs(t, ts, cc, "Coach Lee", "lee@example.com", "en", "coach")
	setID := postNewSet(t, ts, cc, "Deals", "biggest-deal-closed")
	token, _ := newInvite(t, ts, cc, setID, "7")
	signup(t, ts, kc, "yuki@example.com", "ja")
	joinVia(t, ts, kc, token)
	jaAnswer := "前職では地方銀行の経費精算システム刷新を担当しました。商談は7か月で、競合は既存ベンダーでした。私は9人の関係者を整理し、情報セキュリティ部門が実質的な決裁権を持つと気づいたため、早い段階でセキュリティ審査を設定しました。さらに経理部長とROIを試算し、年間4,800時間の削減を示しました。その結果、3年間で2,800万円の契約を受注し、10か月後には請求書モジュールの追加受注にもつながりました。"
	id := saveAnswer(t, ts, kc, "biggest-deal-closed", jaAnswer)
	r := ts.get(t, cc, fmt.Sprintf("/coach/attempts/%d", id))
	if r.StatusCode != 200 {
		t.Fatalf("coach attempt page %d", r.StatusCode)
	}
	var rep insight.Report
	var a store.Attempt
	if err := ts.db.Where("id = ?", id).Take(&a).Error; err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(a.Insights), &rep); err != nil || rep.AnswerLang != "ja" {
		t.Fatalf("stored report %v, answer language %q", err, rep.AnswerLang)
	}
	got := r.text(".insights")
	for _, f := range rep.Findings {
		en, _ := testLibrary.Analyser().Message(f, "en")
		ja, _ := testLibrary.Analyser().Message(f, "ja")
		if !strings.Contains(got, en) || strings.Contains(got, ja) {
			t.Errorf("coach (English) sees %q for %s, want %q", got, f.Code, en)
		}
	}
	if !strings.Contains(r.text(".point-list"), bankQuestion(t, "biggest-deal-closed").Points["en"][0].Text) {
		t.Errorf("coach sees points %q", r.text(".point-list"))
	}
	_ = i18n.T
}

func TestReanalyseRedoesOldReportsOnce(t *testing.T) {
	ctx := context.Background()
	ts := newTestServer(t)
	c := ts.client(t)
	u := signup(t, ts, c, "old@example.com", "en")
	id := saveAnswer(t, ts, c, "biggest-deal-closed", strongDealEN)
	// As a report of the old analyser was stored: finished sentences, no codes, version 0.
	old := `{"Lang":"en","Findings":[{"Kind":"self-focus","Verdict":"good","Summary":"Good balance","Next":"Keep it"}]}`
	if err := ts.db.Exec(`UPDATE attempts SET insights = ?, insights_v = 0 WHERE id = ?`, old, id).Error; err != nil {
		t.Fatal(err)
	}
	n, err := Reanalyse(ctx, ts.store, testLibrary)
	if err != nil || n != 1 {
		t.Fatalf("Reanalyse: %d, %v", n, err)
	}
	a, _ := ts.store.Attempt(ctx, u.ID, id)
	var rep insight.Report
	if err := json.Unmarshal([]byte(a.Insights), &rep); err != nil || a.InsightsV != insightsVersion || rep.Verdict(insight.KindStructure) != insight.Good {
		t.Fatalf("after re-analysis v%d %+v (%v)", a.InsightsV, rep.Findings, err)
	}
	if n, err := Reanalyse(ctx, ts.store, testLibrary); err != nil || n != 0 {
		t.Fatalf("second Reanalyse: %d, %v", n, err)
	}
	// A report written meanwhile by a newer analyser is never replaced.
	if ok, err := ts.store.SetInsights(ctx, id, "{}", insightsVersion); err != nil || ok {
		t.Errorf("SetInsights over a current report: %v %v", ok, err)
	}
	_ = store.Criteria
}

func bankQuestion(t *testing.T, id string) *library.Question {
	t.Helper()
	q, ok := testLibrary.Question(id)
	if !ok {
		t.Fatalf("no question %s", id)
	}
	return q
}
