package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/store"
)

// TestCoachFullSet: a set at its limit of questions refuses a new bank
// question (422) and a new custom question (422, the prompt kept and the
// reason next to it), while adding a question it holds already still
// returns to the list.
func TestCoachFullSet(t *testing.T) {
	ts := newTestServer(t)
	f := buildCohort(t, ts, 0, 0)
	ctx := context.Background()
	for n, _ := ts.store.CountItems(ctx, f.setID); n < maxCount("set.items"); n++ {
		if err := ts.store.AddItem(ctx, f.setID, &store.SetItem{Prompt: fmt.Sprintf("Custom %d", n)}, maxCount("set.items")); err != nil {
			t.Fatal(err)
		}
	}
	coach := ts.client(t)
	ts.login(t, coach, "en", f.coach.Email, testPassword)
	base := fmt.Sprintf("/coach/sets/%d", f.setID)
	count := func() int {
		n, err := ts.store.CountItems(ctx, f.setID)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}

	if r := ts.postForm(t, coach, base+"/items", url.Values{"question_id": {testLibrary.Questions[6].ID}}); r.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a bank question into a full set: %d, want 422", r.StatusCode)
	}
	if r := ts.postForm(t, coach, base+"/items", url.Values{"question_id": {testLibrary.Questions[0].ID}}); r.StatusCode != http.StatusSeeOther ||
		!strings.HasSuffix(r.Header.Get("Location"), base+"/edit#items") {
		t.Errorf("a question the full set holds: %d to %q, want 303 to the list", r.StatusCode, r.Header.Get("Location"))
	}
	r := ts.postForm(t, coach, base+"/custom", url.Values{"prompt": {"Sell me this pen."}})
	if r.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a custom question into a full set: %d, want 422", r.StatusCode)
	}
	if body := r.doc.Text(); !strings.Contains(body, i18n.T("en", "coach.err.toomany")) {
		t.Errorf("the page does not say the set is full")
	}
	if v, _ := r.doc.Find(`textarea[name="prompt"], input[name="prompt"]`).First().Html(); !strings.Contains(v, "Sell me this pen.") {
		t.Errorf("the prompt typed is not kept: %q", v)
	}
	if n := count(); n != maxCount("set.items") {
		t.Errorf("%d questions, want %d", n, maxCount("set.items"))
	}
}
