package web

import (
	"context"
	"github.com/PuerkitoBio/goquery"
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
