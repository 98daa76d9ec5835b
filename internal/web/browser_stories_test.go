package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserStoryBank: in each language a candidate writes a story in the
// browser, picks it with the keyboard in the practice page's "Use a
// story" panel (its outline appears beside the answer box), saves the
// answer and finds the story named on it, then reads the coverage. axe
// checks each page; screenshots at 1280 and 360 px.
func TestBrowserStoryBank(t *testing.T) {
	ts := newTestServer(t)
	ctx := newBrowser(t)
	run := func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatal(err)
		}
	}
	eval := func(js string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	q, _ := testLibrary.Question("why-sales")
	for _, qq := range testLibrary.Questions {
		if qq.Format == "story" && len(qq.Skills) >= 2 {
			q = qq
			break
		}
	}
	texts := map[string]map[string]string{
		"ja": {"title": "物流会社の更新を守った件", "situation": "物流の大口顧客が、配送遅延が2回続いたことで更新を見送ろうとしていました。",
			"task": "年間3,000万円の契約を守るのが私の役割でした。", "action": "私は1週間以内に先方の物流部長と面談し、遅延の原因を一緒に洗い出して配送計画を作り直しました。さらに月次の振り返り会を設けました。",
			"result": "3年契約で前年比112%の金額で更新され、グループ会社も紹介していただきました。", "figures": "年間3,000万円、更新額112%、3年契約",
			"answer": "前職で物流の大口顧客の更新を担当しました。私は遅延の原因を洗い出し、前年比112%で更新できました。"},
		"en": {"title": "Saved the logistics renewal", "situation": "A large logistics customer was about to drop us at renewal after two late deliveries.",
			"task": "I had to keep the account and its $200k yearly contract.", "action": "I met their COO within a week, mapped every delay with their planners and rebuilt our delivery plan. I set up a monthly review with their finance lead.",
			"result": "They renewed for three years at 112% of the previous value and referred us to a sister company.", "figures": "$200k a year; renewed at 112%; 3-year term",
			"answer": "At my last company I kept a logistics customer who was about to leave: I rebuilt the delivery plan and they renewed at 112%."},
	}
	coach := ts.client(t)
	signupAs(t, ts, coach, "Coach Sato", "browser-stories-coach@example.com", "ja", "coach")
	setID := postNewSet(t, ts, coach, "Set", q.ID)
	invite, _ := newInvite(t, ts, coach, setID, "")
	var candID int64
	for _, lang := range []string{"ja", "en"} {
		tx := texts[lang]
		c := ts.client(t)
		email := "browser-stories-" + lang + "@example.com"
		cu := signup(t, ts, c, email, lang)
		if lang == "en" {
			joinVia(t, ts, c, invite)
			candID = cu.ID
		}
		browserLogin(t, ctx, ts, email, lang)

		// Write the story.
		run(chromedp.Navigate(ts.URL+"/stories?lang="+lang), chromedp.WaitVisible(chromedp.CSS(`a[href="/stories/new"]`)))
		checkAxe(t, ctx, "stories empty "+lang)
		run(chromedp.Click(chromedp.CSS(`main a[href="/stories/new"]`)), chromedp.WaitVisible(chromedp.ID("story-title")))
		// The field can show while the new page is still loading; typing
		// then raced the document's last update (CI, load 10: "Could not
		// find node with given id").
		waitJS(t, ctx, `location.pathname === "/stories/new" && document.readyState === "complete"`)
		for _, f := range []string{"title", "situation", "task", "action", "result", "figures"} {
			run(chromedp.SendKeys(chromedp.ID("story-"+f), tx[f]))
		}
		for _, sk := range q.Skills {
			id := "skill-" + sk
			if sk == testLibrary.Skills[0].ID {
				id = "skills-first"
			}
			run(chromedp.Click(chromedp.ID(id)))
		}
		catID := "cat-" + q.Category
		if q.Category == testLibrary.Categories[0].ID {
			catID = "categories-first"
		}
		run(chromedp.Click(chromedp.ID(catID)))
		checkAxe(t, ctx, "story form "+lang)
		screenshot(t, ctx, "story-form-"+lang)
		run(chromedp.Click(chromedp.CSS(`form.story-form button[type="submit"]`)))
		waitJS(t, ctx, `/^\/stories\/\d+$/.test(location.pathname) && !!document.querySelector(".insights")`)
		if h := eval(`document.querySelector("h1").textContent`); h != tx["title"] {
			t.Fatalf("%s: story page h1 %q", lang, h)
		}
		// Structure and figures at least (own part vs team needs enough
		// references to judge).
		if h := eval(`[...document.querySelectorAll(".insights h3")].map(h => h.textContent).join("|")`); strings.Count(h, "|") < 1 {
			t.Errorf("%s: findings on the story: %s", lang, h)
		}
		checkAxe(t, ctx, "story "+lang)
		screenshot(t, ctx, "story-"+lang)

		// Use it on a question, with the keyboard.
		run(chromedp.Navigate(ts.URL+"/practice/"+q.ID), chromedp.WaitVisible(chromedp.ID("story-choices")))
		waitJS(t, ctx, `!!document.getElementById("story-none")`)
		run(chromedp.Focus(chromedp.ID("story-none")), chromedp.KeyEvent(kb.ArrowDown)) // picks the next radio
		waitJS(t, ctx, `document.querySelector('input[name="story_id"]:checked').value !== "" && !!document.getElementById("story-aside") && !document.getElementById("story-aside").hidden`)
		if got := eval(`document.getElementById("story-aside").textContent`); !strings.Contains(got, "112%") || !strings.Contains(got, tx["title"]) {
			t.Errorf("%s: outline beside the answer: %q", lang, got)
		}
		if eval(`String(document.querySelector(".story-beside").contains(document.getElementById("answer")))`) != "true" {
			t.Errorf("%s: the outline is not beside the answer box", lang)
		}
		checkAxe(t, ctx, "practice with a story "+lang)
		screenshot(t, ctx, "practice-story-"+lang)
		run(chromedp.SendKeys(chromedp.ID("answer"), tx["answer"]), chromedp.Focus(chromedp.ID("answer")),
			chromedp.KeyEvent("\r", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
		waitJS(t, ctx, `/^\/attempts\/\d+$/.test(location.pathname) && !!document.querySelector(".story-used a")`)
		if got := eval(`document.querySelector(".story-used a").textContent`); got != tx["title"] {
			t.Errorf("%s: attempt names story %q", lang, got)
		}

		// The coverage.
		run(chromedp.Navigate(ts.URL+"/stories/coverage"), chromedp.WaitVisible(chromedp.CSS(".story-heat svg")))
		if n := eval(`String(document.querySelectorAll("table.story-cov td.cov-yes").length)`); n != itoa(len(q.Skills)) {
			t.Errorf("%s: %s covered cells, want %d", lang, n, len(q.Skills))
		}
		checkAxe(t, ctx, "coverage "+lang)
		screenshot(t, ctx, "coverage-"+lang)
		run(chromedp.Navigate(ts.URL+"/stories"), chromedp.WaitVisible(chromedp.CSS(".story-list")))
		checkAxe(t, ctx, "stories list "+lang)
		screenshot(t, ctx, "stories-list-"+lang)
		if lang == "en" {
			run(chromedp.Click(chromedp.CSS(`form[action="/stories/share"] button`)))
			waitJS(t, ctx, `!!document.querySelector(".flash") && !!document.querySelector(".story-shared")`)
		}
		run(chromedp.Click(chromedp.CSS(`#logout-form button`)))
		waitJS(t, ctx, `location.pathname === "/"`)
	}

	// The coach sees the shared story and its coverage, and comments.
	browserLogin(t, ctx, ts, "browser-stories-coach@example.com", "ja")
	run(chromedp.Navigate(ts.URL+"/coach/candidates/"+itoa(int(candID))), chromedp.WaitVisible(chromedp.CSS(".coach-stories .story-heat svg")))
	checkAxe(t, ctx, "coach candidate with stories")
	screenshot(t, ctx, "coach-candidate-stories-ja")
	run(chromedp.Click(chromedp.CSS(`.coach-stories .story-item a`)), chromedp.WaitVisible(chromedp.ID("comment-body")))
	run(chromedp.SendKeys(chromedp.ID("comment-body"), "最初に112%の数字を言いましょう。"),
		chromedp.Click(chromedp.CSS(`#comment-form button[type="submit"]`)))
	waitJS(t, ctx, `document.querySelectorAll(".story-comments li").length === 1`)
	checkAxe(t, ctx, "coach story")
	screenshot(t, ctx, "coach-story-ja")
}
