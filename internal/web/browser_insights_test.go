package web

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserInsights saves a strong answer in each language and reads its
// attempt page as a candidate would: format-aware findings, the talking
// points covered and missed, the marked-up answer and its key, then the
// same page in the other language. axe runs on each; screenshots at
// desktop and phone width.
func TestBrowserInsights(t *testing.T) {
	ts := newTestServer(t)
	ctx := newBrowser(t)
	signUpIn(t, ctx, ts, "insights@example.com")
	answers := map[string]string{
		"en": strongDealEN,
		"ja": "状況：地方銀行（従業員1,200名）の経費精算システム刷新で、商談期間は7か月、既存ベンダーとの競合でした。\n課題：私はリードAEで、この案件は年間クォータの30%を占めていました。\n行動：私は9人の関係者を洗い出し、情報セキュリティ部門が実質的な拒否権を持つと分かったため、早期にセキュリティ審査を設定しました。経理部長と一緒にROIを試算し、年間4,800時間の削減を示しました。購買部門から25%の値引きを求められた際は、3年契約と段階導入を提案しました。\n結果：定価から8%引きで3年間2,800万円の契約を受注し、10か月後には請求書モジュールの追加受注につながりました。決裁に影響する人を初回の商談で確かめることを学びました。",
	}
	for _, lang := range []string{"en", "ja"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/practice/biggest-deal-closed?lang="+lang),
			chromedp.WaitVisible(chromedp.ID("answer"))); err != nil {
			t.Fatal(err)
		}
		// Fill the answer as pasted text, give the ratings, save.
		js := `(() => { const a = document.getElementById("answer"); a.value = ` + strconv.Quote(answers[lang]) + `;
			a.dispatchEvent(new Event("input", {bubbles: true}));
			document.querySelectorAll('input[type=radio][value="4"][name^="r_"]').forEach(r => r.click());
			document.getElementById("practice-form").requestSubmit(); return "ok"; })()`
		evalString(t, ctx, js)
		waitJS(t, ctx, `location.pathname.startsWith("/attempts/") && !!document.querySelector(".point-list")`)
		covered := evalString(t, ctx, `String(document.querySelectorAll(".point-covered").length)`)
		if n, _ := strconv.Atoi(covered); n < 3 {
			t.Errorf("%s: a strong answer covers %s talking points", lang, covered)
		}
		if evalString(t, ctx, `String(document.querySelectorAll(".marked-text mark.hl-figure").length)`) == "0" {
			t.Errorf("%s: no figure marked in the answer", lang)
		}
		structure := evalString(t, ctx, `[...document.querySelectorAll(".insights li")].map(li => li.className + " " + li.querySelector("h3").textContent).join("|")`)
		if !strings.Contains(structure, "insight-good") {
			t.Errorf("%s: no good finding for a strong answer: %s", lang, structure)
		}
		checkAxe(t, ctx, "attempt-insights-"+lang)
		screenshot(t, ctx, "attempt-insights-"+lang)
		// The same attempt read in the other language.
		other := map[string]string{"en": "ja", "ja": "en"}[lang]
		path := evalString(t, ctx, `location.pathname`)
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+path+"?lang="+other), chromedp.WaitVisible(chromedp.CSS(".point-list"))); err != nil {
			t.Fatal(err)
		}
		if got := evalString(t, ctx, `document.documentElement.lang`); got != other {
			t.Errorf("page language %q", got)
		}
		checkAxe(t, ctx, "attempt-insights-"+lang+"-read-in-"+other)
	}
}
