package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/insight"
)

// storyValues is a filled-in story form.
func storyValues(title string, skills, cats []string) url.Values {
	return url.Values{"title": {title},
		"situation": {"A logistics customer was about to leave at renewal after two missed deliveries."},
		"task":      {"I had to keep the account and its ¥30M yearly contract."},
		"action":    {"I met the COO within a week, mapped every delay with their planners and rebuilt our delivery plan. I set a monthly review with their finance lead."},
		"result":    {"They renewed for three years at 112% of the previous value, and referred us to a sister company."},
		"figures":   {"¥30M a year; renewed at 112%; 3-year term"},
		"skills":    skills, "categories": cats, "lang": {"en"}}
}

var storyURL = regexp.MustCompile(`^/stories/(\d+)$`)

// createStory posts the story form and returns the new story's id.
func createStory(t *testing.T, ts *testServer, c *http.Client, vals url.Values) int64 {
	t.Helper()
	r := ts.postForm(t, c, "/stories", vals)
	m := storyURL.FindStringSubmatch(r.Header.Get("Location"))
	if r.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("create story: %d %q (%s)", r.StatusCode, r.Header.Get("Location"), errorsOf(r))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

func (ts *testServer) storyCount(t *testing.T) int64 {
	t.Helper()
	return ts.count(t, "SELECT COUNT(*) FROM stories")
}

// TestStoryBank: write, read (with the analyser's check), list, edit and
// delete a story, in both languages.
func TestStoryBank(t *testing.T) {
	ts := newTestServer(t)
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			c := ts.client(t)
			u := signup(t, ts, c, "bank-"+lang+"@example.com", lang)
			if r := ts.get(t, c, "/stories"); r.StatusCode != 200 || r.text(".empty") != i18n.T(lang, "stories.none") {
				t.Fatalf("empty bank: %d %q", r.StatusCode, r.text(".empty"))
			}
			form := ts.get(t, c, "/stories/new?category=objections&skill=empathy")
			if form.StatusCode != 200 || h1(form) != i18n.T(lang, "stories.new") {
				t.Fatalf("new form: %d %q", form.StatusCode, h1(form))
			}
			if form.doc.Find(`input[name=categories][value=objections]:checked`).Length() != 1 ||
				form.doc.Find(`input[name=skills][value=empathy]:checked`).Length() != 1 {
				t.Error("a gap's link does not tick its category and skill")
			}
			if ml, _ := form.doc.Find("#story-action").Attr("maxlength"); ml != strconv.Itoa(maxLen("story.action")) {
				t.Errorf("action maxlength %q", ml)
			}
			id := createStory(t, ts, c, storyValues("Saved the logistics renewal", []string{"negotiation", "empathy"}, []string{"objections", "account-growth"}))
			page := ts.get(t, c, fmt.Sprintf("/stories/%d", id))
			if page.StatusCode != 200 || h1(page) != "Saved the logistics renewal" {
				t.Fatalf("story page: %d %q", page.StatusCode, h1(page))
			}
			// The check: structure, figures and own part, in the page's
			// language, with the report partial.
			kinds := page.doc.Find("ul.insights li.insight h3")
			if kinds.Length() != 3 {
				t.Fatalf("%d findings on the story, want structure, evidence and ownership: %q", kinds.Length(), kinds.Text())
			}
			for _, k := range []string{"evidence", "structure", "ownership"} {
				if !strings.Contains(kinds.Text(), insight.KindName(k, lang)) {
					t.Errorf("no %s finding in %q", k, kinds.Text())
				}
			}
			if page.doc.Find("ul.insights li.insight-good").Length() < 2 {
				t.Errorf("a complete STAR story with figures is not judged good: %q", page.text("ul.insights"))
			}
			if !strings.Contains(page.text(".story-outline"), "112% of the previous value") {
				t.Error("the outline does not show the result")
			}
			list := ts.get(t, c, "/stories")
			if list.doc.Find(fmt.Sprintf(`.story-item a[href="/stories/%d"]`, id)).Length() != 1 {
				t.Error("the list does not link the story")
			}
			edit := ts.get(t, c, fmt.Sprintf("/stories/%d/edit", id))
			if v, _ := edit.doc.Find("#story-title").Attr("value"); v != "Saved the logistics renewal" ||
				edit.doc.Find(`input[name=skills][value=negotiation]:checked`).Length() != 1 {
				t.Errorf("edit form not filled in: %q", v)
			}
			vals := storyValues("Saved the renewal, shorter", []string{"determination"}, []string{"closing"})
			if r := ts.postForm(t, c, fmt.Sprintf("/stories/%d", id), vals); r.StatusCode != http.StatusSeeOther {
				t.Fatalf("update: %d (%s)", r.StatusCode, errorsOf(r))
			}
			st, err := ts.store.Story(context.Background(), u.ID, id)
			if err != nil || st.Title != "Saved the renewal, shorter" || strings.Join(st.Skills, ",") != "determination" || strings.Join(st.Categories, ",") != "closing" {
				t.Fatalf("after update: %+v, %v", st, err)
			}
			del := ts.get(t, c, fmt.Sprintf("/stories/%d/delete", id))
			if del.StatusCode != 200 || del.doc.Find(fmt.Sprintf(`form[action="/stories/%d/delete"]`, id)).Length() != 1 {
				t.Fatalf("delete confirmation: %d", del.StatusCode)
			}
			if r := ts.postForm(t, c, fmt.Sprintf("/stories/%d/delete", id), nil); r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/stories" {
				t.Fatalf("delete: %d %q", r.StatusCode, r.Header.Get("Location"))
			}
			if r := ts.get(t, c, fmt.Sprintf("/stories/%d", id)); r.StatusCode != 404 {
				t.Errorf("deleted story: %d", r.StatusCode)
			}
		})
	}
}

// TestStoryBadInput: each bad field gets its own message in the page's
// language, next to it and in the summary; everything typed comes back;
// nothing is saved.
func TestStoryBadInput(t *testing.T) {
	ts := newTestServer(t)
	long := strings.Repeat("長", maxLen("story.situation")+1)
	cases := []struct {
		name  string
		set   func(v url.Values)
		field string
		key   string
	}{
		{"empty title", func(v url.Values) { v.Set("title", "   ") }, "title", "form.err.required"},
		{"empty result", func(v url.Values) { v.Set("result", "") }, "result", "form.err.required"},
		{"over-long situation", func(v url.Values) { v.Set("situation", long) }, "situation", "form.err.toolong"},
		{"over-long figures", func(v url.Values) { v.Set("figures", strings.Repeat("9", maxLen("story.figures")+1)) }, "figures", "form.err.toolong"},
		{"no skill", func(v url.Values) { v.Del("skills") }, "skills", "stories.err.skills.none"},
		{"unknown skill", func(v url.Values) { v.Add("skills", "juggling") }, "skills", "stories.err.skills.unknown"},
		{"no category", func(v url.Values) { v.Del("categories") }, "categories", "stories.err.categories.none"},
		{"unknown category", func(v url.Values) { v["categories"] = []string{"poetry"} }, "categories", "stories.err.categories.unknown"},
		{"too many categories", func(v url.Values) {
			v["categories"] = []string{"motivation", "track-record", "prospecting", "discovery", "closing", "objections", "pitching"}
		}, "categories", "stories.err.categories.toomany"},
		{"bad language", func(v url.Values) { v.Set("lang", "fr") }, "lang", "form.err.choice"},
	}
	for _, lang := range []string{"ja", "en"} {
		c := ts.client(t)
		u := signup(t, ts, c, "bad-"+lang+"@example.com", lang)
		good := createStory(t, ts, c, storyValues("Kept as it was", []string{"empathy"}, []string{"objections"}))
		for _, tc := range cases {
			for _, path := range []string{"/stories", fmt.Sprintf("/stories/%d", good)} {
				t.Run(lang+"/"+tc.name+path, func(t *testing.T) {
					before := ts.storyCount(t)
					v := storyValues("A title that must come back", []string{"empathy", "negotiation"}, []string{"closing"})
					tc.set(v)
					r := ts.postForm(t, c, path, v)
					if r.StatusCode != http.StatusUnprocessableEntity {
						t.Fatalf("status %d, want 422", r.StatusCode)
					}
					want := i18n.T(lang, tc.key)
					if got := r.text("#" + tc.field + "-error"); got != want {
						t.Errorf("error next to %s: %q, want %q", tc.field, got, want)
					}
					if !strings.Contains(r.text("#error-summary"), want) {
						t.Errorf("summary %q lacks %q", r.text("#error-summary"), want)
					}
					if tc.field != "title" {
						if got, _ := r.doc.Find("#story-title").Attr("value"); got != "A title that must come back" {
							t.Errorf("title not kept: %q", got)
						}
					}
					if tc.field != "situation" {
						if got := r.doc.Find("#story-situation").Text(); got != v.Get("situation") {
							t.Errorf("situation not kept: %q", got)
						}
					} else if got := r.doc.Find("#story-situation").Text(); got != long {
						t.Error("the over-long situation was not given back to shorten")
					}
					if tc.field != "skills" && r.doc.Find(`input[name=skills][value=negotiation]:checked`).Length() != 1 {
						t.Error("ticked skills not kept")
					}
					if ts.storyCount(t) != before {
						t.Error("a rejected form saved a story")
					}
					if st, _ := ts.store.Story(context.Background(), u.ID, good); st.Title != "Kept as it was" {
						t.Errorf("a rejected edit changed the story: %q", st.Title)
					}
				})
			}
		}
	}
}

// TestStoriesAreTheirOwners: another user's story is a 404 on every
// route, and nothing changes.
func TestStoriesAreTheirOwners(t *testing.T) {
	ts := newTestServer(t)
	a, b := ts.client(t), ts.client(t)
	ua := signup(t, ts, a, "owner-a@example.com", "en")
	signup(t, ts, b, "owner-b@example.com", "en")
	id := createStory(t, ts, a, storyValues("A's private story", []string{"empathy"}, []string{"objections"}))
	base := fmt.Sprintf("/stories/%d", id)
	for _, path := range []string{base, base + "/edit", base + "/delete", "/stories/999999", "/stories/abc"} {
		if r := ts.get(t, b, path); r.StatusCode != 404 || strings.Contains(r.body, "A's private story") {
			t.Errorf("GET %s as B: %d", path, r.StatusCode)
		}
	}
	for _, p := range []struct {
		path string
		vals url.Values
	}{
		{base, storyValues("Taken over", []string{"empathy"}, []string{"objections"})},
		{base + "/delete", nil},
		{base + "/share", url.Values{"shared": {"1"}}},
	} {
		if r := ts.postForm(t, b, p.path, p.vals); r.StatusCode != 404 {
			t.Errorf("POST %s as B: %d", p.path, r.StatusCode)
		}
	}
	// B's "share all" shares only B's (none).
	if r := ts.postForm(t, b, "/stories/share", url.Values{"shared": {"1"}}); r.StatusCode != http.StatusSeeOther {
		t.Errorf("share all: %d", r.StatusCode)
	}
	st, err := ts.store.Story(context.Background(), ua.ID, id)
	if err != nil || st.Title != "A's private story" || st.Shared {
		t.Errorf("A's story after B's tries: %+v, %v", st, err)
	}
	if r := ts.get(t, b, "/stories/coverage"); strings.Contains(r.body, "A's private story") {
		t.Error("B's coverage shows A's story")
	}
}

// TestStoryCoverage: the figures of the coverage table and heat map, the
// gaps, and a story used for too many kinds of question.
func TestStoryCoverage(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	signup(t, ts, c, "cov@example.com", "en")
	nCats, nSkills := len(testLibrary.Categories), len(testLibrary.Skills)
	r := ts.get(t, c, "/stories/coverage")
	if r.StatusCode != 200 || r.text(".story-cov-sum") != fmt.Sprintf("0 of %d cells have a story (0 stories).", nCats*nSkills) {
		t.Fatalf("empty coverage: %d %q", r.StatusCode, r.text(".story-cov-sum"))
	}
	if n := r.doc.Find(".story-gaps li").Length(); n != nCats+nSkills {
		t.Errorf("%d gaps with no story, want %d", n, nCats+nSkills)
	}
	s1 := createStory(t, ts, c, storyValues("Renewal", []string{"negotiation", "empathy"}, []string{"objections", "account-growth"}))
	createStory(t, ts, c, storyValues("Cold outreach", []string{"determination", "negotiation"}, []string{"prospecting", "objections"}))
	// Cells: objections×{negotiation, empathy, determination},
	// account-growth×{negotiation, empathy}, prospecting×{determination,
	// negotiation}: 7, objections×negotiation twice.
	r = ts.get(t, c, "/stories/coverage")
	if got := r.text(".story-cov-sum"); got != fmt.Sprintf("7 of %d cells have a story (2 stories).", nCats*nSkills) {
		t.Errorf("summary %q", got)
	}
	table := r.doc.Find("table.story-cov")
	if table.Find("td.cov-yes").Length() != 7 || table.Find("td.cov-no").Length() != nCats*nSkills-7 {
		t.Errorf("table: %d covered, %d empty cells", table.Find("td.cov-yes").Length(), table.Find("td.cov-no").Length())
	}
	col := -1
	table.Find("thead th").Each(func(i int, h *goquery.Selection) {
		if h.Text() == i18nSkill("negotiation", "en") {
			col = i
		}
	})
	row := table.Find("tbody tr").FilterFunction(func(_ int, tr *goquery.Selection) bool {
		return tr.Find("th").Text() == i18nCategory("objections", "en")
	})
	if cell := strings.TrimSpace(row.Find("td").Eq(col - 1).Text()); cell != "✓ 2" {
		t.Errorf("objections × negotiation: %q, want ✓ 2", cell)
	}
	if total := strings.TrimSpace(row.Find("td").Last().Text()); total != "2" {
		t.Errorf("objections total %q", total)
	}
	if n := r.doc.Find(".story-gaps li").Length(); n != nCats-3+nSkills-3 {
		t.Errorf("%d gaps, want %d", n, nCats-3+nSkills-3)
	}
	svg := r.doc.Find(".story-heat svg[role=img]")
	lab, _ := svg.Attr("aria-labelledby")
	if svg.Length() != 1 || svg.Find("title").Text() != i18n.T("en", "stories.cov.caption") || !strings.Contains(lab, "desc") {
		t.Errorf("heat map: %d svg, title %q, labelledby %q", svg.Length(), svg.Find("title").Text(), lab)
	}
	if n := svg.Find("rect.heat0").Length(); n != nCats*nSkills-7+1 { // plus the legend's swatch
		t.Errorf("%d empty heat cells, want %d", n, nCats*nSkills-7+1)
	}
	if r.doc.Find(".story-warn").Length() != 0 {
		t.Error("a story flagged before any use")
	}

	// Told for three kinds of question: fine; for four: flagged.
	kinds := map[string]string{}
	for _, q := range testLibrary.Questions {
		if _, ok := kinds[q.Category]; !ok {
			kinds[q.Category] = q.ID
		}
	}
	var qids []string
	for _, id := range kinds {
		qids = append(qids, id)
	}
	useStory := func(qid string, story int64) {
		page, tok := openPractice(t, ts, c, qid)
		v := practiceValues("I told the renewal story: 112% of last year's value after I rebuilt the plan.", tok)
		v.Set("story_id", strconv.FormatInt(story, 10))
		attemptIDOf(t, submitPractice(t, ts, c, page, qid, v))
	}
	for _, qid := range qids[:3] {
		useStory(qid, s1)
	}
	useStory(qids[0], s1) // a repeat of a kind counts once
	if r := ts.get(t, c, "/stories/coverage"); r.doc.Find(".story-warn").Length() != 0 {
		t.Error("a story used for 3 kinds is flagged")
	}
	useStory(qids[3], s1)
	r = ts.get(t, c, "/stories/coverage")
	warn := r.text(".story-warn")
	if !strings.Contains(warn, "Renewal") || !strings.Contains(warn, "4 different kinds of question") {
		t.Errorf("over-use warning %q", warn)
	}
	if list := ts.get(t, c, "/stories"); list.doc.Find(".story-overused").Length() != 1 || !strings.Contains(list.body, "Used in 5 answers") {
		t.Error("the list does not flag the over-used story or count its uses")
	}
}

func i18nSkill(id, lang string) string {
	t, _ := testLibrary.Skill(id)
	return t.Name[lang]
}

func i18nCategory(id, lang string) string {
	t, _ := testLibrary.Category(id)
	return t.Name[lang]
}

// exportOf fetches the JSON export.
func exportOf(t *testing.T, ts *testServer, c *http.Client) exportData {
	t.Helper()
	r := ts.get(t, c, "/me/export.json")
	var d exportData
	if err := json.Unmarshal([]byte(r.body), &d); err != nil {
		t.Fatalf("export: %v", err)
	}
	return d
}
