package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/aeprep/aeprep/internal/i18n"
)

// TestStoryOnAPracticeAnswer: the practice page offers the stories that
// fit the question, best first; the attempt records the one chosen and
// its page names it; another user's story or a bogus id is refused with
// the answer kept.
func TestStoryOnAPracticeAnswer(t *testing.T) {
	ts := newTestServer(t)
	q := testLibrary.Questions[0]
	for _, qq := range testLibrary.Questions {
		if len(qq.Skills) >= 2 {
			q = qq
			break
		}
	}
	other := "motivation"
	if q.Category == other {
		other = "closing"
	}
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			a, b := ts.client(t), ts.client(t)
			ua := signup(t, ts, a, "panel-a-"+lang+"@example.com", lang)
			signup(t, ts, b, "panel-b-"+lang+"@example.com", lang)
			page, _ := openPractice(t, ts, a, q.ID)
			if page.doc.Find("#story-panel").Length() != 1 || page.doc.Find("#story-choices").Length() != 0 ||
				page.doc.Find(`script[src*="js/stories."]`).Length() != 0 {
				t.Fatal("without stories the panel should only invite to write one")
			}
			skillOnly := createStory(t, ts, a, storyValues("Skill only", []string{q.Skills[1]}, []string{other}))
			best := createStory(t, ts, a, storyValues("Best fit", q.Skills, []string{q.Category}))
			unfitSkill := ""
			for _, sk := range testLibrary.Skills {
				if !contains(q.Skills, sk.ID) {
					unfitSkill = sk.ID
				}
			}
			unfit := createStory(t, ts, a, storyValues("Does not fit", []string{unfitSkill}, []string{other}))
			foreign := createStory(t, ts, b, storyValues("B's story", q.Skills, []string{q.Category}))
			page, tok := openPractice(t, ts, a, q.ID)
			var order []string
			page.doc.Find(`#story-choices input[name=story_id]`).Each(func(_ int, s *goquery.Selection) {
				v, _ := s.Attr("value")
				order = append(order, v)
			})
			want := []string{"", strconv.FormatInt(best, 10), strconv.FormatInt(skillOnly, 10)}
			if strings.Join(order, ",") != strings.Join(want, ",") {
				t.Fatalf("choices %v, want none, best, skill-only (not %d)", order, unfit)
			}
			if page.doc.Find(`#story-none:checked`).Length() != 1 || page.doc.Find(`script[src*="js/stories."]`).Length() != 1 {
				t.Error("no story is not the default, or stories.js is not loaded")
			}
			if why := page.text(fmt.Sprintf("#story-why-%d", best)); !strings.Contains(why, i18n.T(lang, "stories.panel.fitcat")) {
				t.Errorf("why the best fit fits: %q", why)
			}
			answer := "I rebuilt the renewal plan with the COO and we renewed at 112%."
			for _, bad := range []string{strconv.FormatInt(foreign, 10), "abc", "-3", "99999999"} {
				v := practiceValues(answer, tok, 4, 4, 4, 4, 4, 4)
				v.Set("story_id", bad)
				before := ts.count(t, "SELECT COUNT(*) FROM attempts")
				r := submitPractice(t, ts, a, page, q.ID, v)
				if r.StatusCode != http.StatusUnprocessableEntity {
					t.Fatalf("story_id %q: %d, want 422", bad, r.StatusCode)
				}
				if got := r.text("#story_id-error"); got != i18n.T(lang, "stories.err.pick") {
					t.Errorf("story_id %q: error %q", bad, got)
				}
				if r.doc.Find("#answer").Text() != answer {
					t.Error("the answer was not kept")
				}
				if ts.count(t, "SELECT COUNT(*) FROM attempts") != before {
					t.Error("a refused answer was saved")
				}
			}
			v := practiceValues(answer, tok, 4, 4, 4, 4, 4, 4)
			v.Set("story_id", strconv.FormatInt(best, 10))
			id := attemptIDOf(t, submitPractice(t, ts, a, page, q.ID, v))
			at, err := ts.store.Attempt(context.Background(), ua.ID, id)
			if err != nil || at.StoryID == nil || *at.StoryID != best {
				t.Fatalf("attempt's story: %+v, %v", at, err)
			}
			r := ts.get(t, a, fmt.Sprintf("/attempts/%d", id))
			if link := r.doc.Find(fmt.Sprintf(`.story-used a[href="/stories/%d"]`, best)); link.Text() != "Best fit" {
				t.Errorf("the attempt page does not name its story: %q", r.text(".story-used"))
			}
			// Without a story, none is recorded.
			_, tok2 := openPractice(t, ts, a, q.ID)
			id2 := attemptIDOf(t, submitPractice(t, ts, a, page, q.ID, practiceValues(answer, tok2, 4, 4, 4, 4, 4, 4)))
			if at, _ := ts.store.Attempt(context.Background(), ua.ID, id2); at.StoryID != nil {
				t.Error("an answer without a story recorded one")
			}
			if r := ts.get(t, a, fmt.Sprintf("/attempts/%d", id2)); r.doc.Find(".story-used").Length() != 0 {
				t.Error("the attempt page names a story that was not used")
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
