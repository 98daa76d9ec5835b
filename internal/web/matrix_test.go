package web

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/store"
)

// TestMatrixPages: a cohort larger than one page is shown 50 candidates at
// a time, in name order or in the chosen order across all pages, with a
// pager that keeps the sort; the CSV still holds everyone.
func TestMatrixPages(t *testing.T) {
	ts := newTestServer(t)
	const n = 120
	f := buildCohort(t, ts, n, 0)
	ctx := context.Background()
	// Three candidates answer: #101 three questions, #7 two, #55 one.
	items, _ := ts.store.SetItems(ctx, f.setID)
	for cand, answers := range map[int]int{101: 3, 7: 2, 55: 1} {
		for k := 0; k < answers; k++ {
			a := &store.Attempt{UserID: f.candidateIDs[cand], QuestionID: items[k].QuestionID, Lang: "en", Answer: "Quota 120%.",
				ClientToken: fmt.Sprintf("tok-page-%d-%d-xxxxxxxxxx", cand, k), Insights: "{}"}
			for _, c := range store.Criteria {
				a.Ratings.Set(c, 4)
			}
			if _, err := ts.store.SaveAttempt(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
	}
	coach := ts.client(t)
	ts.login(t, coach, "en", f.coach.Email, testPassword)
	base := "/coach/sets/" + strconv.FormatInt(f.setID, 10)
	names := func(r *response) []string {
		var out []string
		r.doc.Find(".matrix tbody th[scope=row]").Each(func(_ int, s *goquery.Selection) { out = append(out, strings.TrimSpace(s.Text())) })
		return out
	}
	// Every name, in the order the pages should show them.
	var all []string
	for i := 0; i < n; i++ {
		all = append(all, fmt.Sprintf("Cand %d", i))
	}
	sortByLower(all)

	seen := map[string]bool{}
	for page := 1; page <= 3; page++ {
		r := ts.get(t, coach, fmt.Sprintf("%s?page=%d", base, page))
		if r.StatusCode != 200 {
			t.Fatalf("page %d: %d", page, r.StatusCode)
		}
		got := names(r)
		from, to := (page-1)*50, min(page*50, n)
		if strings.Join(got, "|") != strings.Join(all[from:to], "|") {
			t.Errorf("page %d shows %v…, want %v…", page, got[:min(3, len(got))], all[from:from+3])
		}
		for _, g := range got {
			if seen[g] {
				t.Errorf("%s on two pages", g)
			}
			seen[g] = true
		}
		if want := i18n.T("en", "coach.pager.showing", n, from+1, to); r.text(".pager p") != want {
			t.Errorf("page %d: pager says %q, want %q", page, r.text(".pager p"), want)
		}
		if cur := r.text(`.pager a[aria-current="page"]`); cur != strconv.Itoa(page) {
			t.Errorf("page %d: current page link %q", page, cur)
		}
		prev, next := r.doc.Find(`.pager a[rel=prev]`).Length(), r.doc.Find(`.pager a[rel=next]`).Length()
		if (prev == 1) != (page > 1) || (next == 1) != (page < 3) {
			t.Errorf("page %d: prev %d next %d", page, prev, next)
		}
	}
	if len(seen) != n {
		t.Errorf("%d candidates over the pages, want %d", len(seen), n)
	}
	// Past the end shows the last page; nonsense shows the first.
	if got := names(ts.get(t, coach, base+"?page=99")); len(got) != 20 {
		t.Errorf("page 99 shows %d rows, want the last page's 20", len(got))
	}
	if got := names(ts.get(t, coach, base+"?page=abc")); len(got) != 50 || got[0] != all[0] {
		t.Errorf("page=abc shows %d rows from %v", len(got), got[:1])
	}
	// Sorted by progress: the three who answered lead page 1, and the
	// pager keeps the sort.
	r := ts.get(t, coach, base+"?sort=progress")
	got := names(r)
	if len(got) != 50 || got[0] != "Cand 101" || got[1] != "Cand 7" || got[2] != "Cand 55" {
		t.Errorf("by progress: %v", got[:min(4, len(got))])
	}
	if href, _ := r.doc.Find(`.pager a[rel=next]`).Attr("href"); !strings.Contains(href, "sort=progress") || !strings.Contains(href, "page=2") {
		t.Errorf("next link %q loses the sort", href)
	}
	if p2 := names(ts.get(t, coach, base+"?sort=progress&page=2")); len(p2) != 50 || p2[0] == "Cand 101" {
		t.Errorf("by progress, page 2: %v", p2[:min(2, len(p2))])
	}
	// The CSV has everyone.
	csv := ts.get(t, coach, base+"/export.csv")
	if lines := strings.Count(strings.TrimSpace(csv.body), "\n"); lines != n {
		t.Errorf("CSV has %d candidate lines, want %d", lines, n)
	}
	// The dashboard shows the first page and links on.
	home := ts.get(t, coach, "/coach")
	if len(names(home)) != 50 || home.doc.Find(`.pager a[rel=next]`).Length() != 1 {
		t.Errorf("dashboard: %d rows, pager %d", len(names(home)), home.doc.Find(".pager").Length())
	}
	// A small cohort has no pager.
	small := newTestServer(t)
	sf := buildCohort(t, small, 3, 0)
	sc := small.client(t)
	small.login(t, sc, "en", sf.coach.Email, testPassword)
	if r := small.get(t, sc, fmt.Sprintf("/coach/sets/%d", sf.setID)); r.doc.Find(".pager").Length() != 0 || len(names(r)) != 3 {
		t.Errorf("small cohort: pager %d, rows %d", r.doc.Find(".pager").Length(), len(names(r)))
	}
}

func sortByLower(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && strings.ToLower(s[j]) < strings.ToLower(s[j-1]); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// TestMatrixEscapesWhatPeopleWrite: the rows, headers and key the matrix
// writes in Go escape a candidate's name and a coach's custom question as
// the template would.
func TestMatrixEscapesWhatPeopleWrite(t *testing.T) {
	ts := newTestServer(t)
	f := buildCohort(t, ts, 2, 0)
	ctx := context.Background()
	const name = `<img src=x onerror=alert(1)> & "Bob's"`
	u := &store.User{Email: "evil@example.com", DisplayName: name, PasswordHash: "x", Lang: "en"}
	if err := ts.store.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	if err := ts.store.Join(ctx, f.setID, u.ID); err != nil {
		t.Fatal(err)
	}
	const prompt = `<script>alert(1)</script> "Why" & 'how'?`
	if err := ts.store.AddItem(ctx, f.setID, &store.SetItem{Prompt: prompt}, 50); err != nil {
		t.Fatal(err)
	}
	coach := ts.client(t)
	ts.login(t, coach, "en", f.coach.Email, testPassword)
	r := ts.get(t, coach, fmt.Sprintf("/coach/sets/%d", f.setID))
	if n := r.doc.Find(".matrix img, .matrix script, .matrix-key script").Length(); n != 0 {
		t.Fatalf("%d elements made of what people wrote", n)
	}
	found := false
	r.doc.Find(".matrix tbody th[scope=row] a").Each(func(_ int, s *goquery.Selection) { found = found || s.Text() == name })
	if !found {
		t.Errorf("no row shows the name %q as text", name)
	}
	titles := r.doc.Find(".matrix thead th.qcol span")
	last, _ := titles.Last().Attr("title")
	if titles.Length() != 8 || !strings.Contains(last, "<script>") || !strings.Contains(r.doc.Find(".matrix-key li").Last().Text(), "<script>") {
		t.Errorf("%d headers, the last titled %q; key %q", titles.Length(), last, r.doc.Find(".matrix-key li").Last().Text())
	}
}
