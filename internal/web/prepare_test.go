package web

import (
	"context"
	"fmt"
	"github.com/PuerkitoBio/goquery"
	"os"
	"strings"
	"testing"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/store"
)

// TestPrepareHub: the header's Prepare link opens one page with where the
// prep sheets, the story bank and the drills stand, in the user's
// language, and it follows what the user has made.
func TestPrepareHub(t *testing.T) {
	ts := newTestServer(t)
	ctx := context.Background()
	for _, lang := range []string{"ja", "en"} {
		c := ts.client(t)
		u := signup(t, ts, c, "hub-"+lang+"@example.com", lang)
		r := ts.get(t, c, "/prepare")
		if r.StatusCode != 200 {
			t.Fatalf("%s: /prepare %d", lang, r.StatusCode)
		}
		if got := r.doc.Find(`header a[aria-current="page"]`).Text(); got != i18n.T(lang, "nav.prepare") {
			t.Errorf("%s: current header link %q, want the Prepare link", lang, got)
		}
		for _, key := range []string{"prepare.prep.none", "prepare.stories.none"} {
			if !strings.Contains(r.doc.Find("main").Text(), i18n.T(lang, key)) {
				t.Errorf("%s: an empty hub does not say %q", lang, i18n.T(lang, key))
			}
		}
		for _, href := range []string{"/prep/new", "/stories/new", "/drills"} {
			if r.doc.Find(`main a[href="`+href+`"]`).Length() == 0 {
				t.Errorf("%s: no link to %s", lang, href)
			}
		}
		// A story for one category and a sheet: the counts follow.
		st := &store.Story{UserID: u.ID, Title: "Rescued a renewal", Situation: "s", Action: "a", Result: "r",
			Skills: store.IDList{"negotiation"}, Categories: store.IDList{"objections"}, Lang: lang}
		if err := ts.store.CreateStory(ctx, st, 200); err != nil {
			t.Fatal(err)
		}
		if err := ts.store.CreatePrepSheet(ctx, &store.PrepSheet{UserID: u.ID, Company: "Acme", RoleTitle: "AE"}, nil, 100); err != nil {
			t.Fatal(err)
		}
		r = ts.get(t, c, "/prepare")
		main := r.doc.Find("main").Text()
		cats := len(ts.app.lib.Categories)
		if want := i18n.T(lang, "prepare.stories.count", 1, cats-1, cats); !strings.Contains(main, want) {
			t.Errorf("%s: hub does not say %q", lang, want)
		}
		if want := i18n.T(lang, "prepare.prep.count", 1); !strings.Contains(main, want) {
			t.Errorf("%s: hub does not say %q", lang, want)
		}
		// The gaps are listed by name once few are left.
		if n := r.doc.Find("ul.prepare-gaps li").Length(); n != 0 && cats-1 > 8 {
			t.Errorf("%s: %d uncovered categories listed, want none while %d are", lang, n, cats-1)
		}
		for _, cat := range ts.app.lib.Categories[2:] {
			st := &store.Story{UserID: u.ID, Title: "Story for " + cat.ID, Situation: "s", Action: "a", Result: "r",
				Skills: store.IDList{"negotiation"}, Categories: store.IDList{cat.ID}, Lang: lang}
			if err := ts.store.CreateStory(ctx, st, 200); err != nil {
				t.Fatal(err)
			}
		}
		r = ts.get(t, c, "/prepare")
		var names []string
		r.doc.Find("ul.prepare-gaps li").Each(func(_ int, li *goquery.Selection) { names = append(names, li.Text()) })
		if want := []string{ts.app.lib.Categories[0].Name[lang], ts.app.lib.Categories[1].Name[lang]}; strings.Join(names, "|") != strings.Join(want, "|") &&
			ts.app.lib.Categories[0].ID != "objections" && ts.app.lib.Categories[1].ID != "objections" {
			t.Errorf("%s: gaps listed %v, want %v", lang, names, want)
		}
		// The sub-pages keep the Prepare link current.
		for _, path := range []string{"/prep", "/stories", "/drills"} {
			if got := ts.get(t, c, path).doc.Find(`header a[aria-current="page"]`).Text(); got != i18n.T(lang, "nav.prepare") {
				t.Errorf("%s %s: current header link %q", lang, path, got)
			}
		}
	}
}

// TestPrepSheetReadsTheStoryBank: a requirement of the posting that one of
// the candidate's stories fits is shown covered, with a link to the story;
// the others stay flagged.
func TestPrepSheetReadsTheStoryBank(t *testing.T) {
	ts := newTestServer(t)
	ctx := context.Background()
	c := ts.client(t)
	u := signup(t, ts, c, "prep-stories@example.com", "en")
	posting, err := os.ReadFile("testdata/prep-en.txt")
	if err != nil {
		t.Fatal(err)
	}
	sh := &store.PrepSheet{UserID: u.ID, Company: "Fieldwise", RoleTitle: "Mid-market AE", Posting: string(posting)}
	if err := ts.store.CreatePrepSheet(ctx, sh, nil, 100); err != nil {
		t.Fatal(err)
	}
	page := fmt.Sprintf("/prep/%d", sh.ID)
	before := ts.get(t, c, page)
	if before.doc.Find("li.req.covered").Length() != 0 || before.doc.Find(".stories-hook").Length() != 1 {
		t.Fatalf("with no stories: %d covered, hook %d", before.doc.Find("li.req.covered").Length(), before.doc.Find(".stories-hook").Length())
	}
	st := &store.Story{UserID: u.ID, Title: "Held the price on a 40-seat renewal",
		Situation: "A customer asked for a 30% discount at renewal, citing a cheaper competitor.",
		Action:    "I asked what the discount was meant to solve, negotiated a two-year term instead and handled the objection on price with the usage figures.",
		Result:    "Renewed at list price with a 12% expansion.",
		Skills:    store.IDList{"negotiation"}, Categories: store.IDList{"objections"}, Lang: "en"}
	if err := ts.store.CreateStory(ctx, st, 200); err != nil {
		t.Fatal(err)
	}
	after := ts.get(t, c, page)
	covered := after.doc.Find("li.req.covered")
	if covered.Length() == 0 {
		t.Fatal("no requirement covered by the negotiation story")
	}
	if covered.Find(fmt.Sprintf(`a[href="/stories/%d"]`, st.ID)).Length() == 0 {
		t.Error("the covered requirement does not link the story")
	}
	if after.doc.Find("li.req.uncovered").Length() == 0 {
		t.Error("requirements the story does not fit are no longer flagged")
	}
	if after.doc.Find(".stories-hook").Length() != 0 {
		t.Error("the page still says there are no stories")
	}
}
