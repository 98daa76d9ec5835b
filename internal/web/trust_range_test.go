package web

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/aeprep/aeprep/internal/store"
)

// TestRangeRequestsBounded is issue 12's repro: 700 overlapping one-byte
// ranges of a 754-byte recording came back as 87.5 KB. Overlapping or too
// many ranges are refused; a player's ranges still work.
func TestRangeRequestsBounded(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t)
	u := signup(t, ts, c, "range@example.com", "en")
	audio := fakeWebMAudio(754)
	if r := postPractice(t, ts, c, "why-sales", "An answer with a short recording.", audio, "a.webm", 3000); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d %s", r.StatusCode, errorsOf(r))
	}
	var rec store.Recording
	if err := ts.db.Where("user_id = ?", u.ID).Take(&rec).Error; err != nil {
		t.Fatal(err)
	}
	src := fmt.Sprintf("/recordings/%d", rec.ID)
	ones := make([]string, 700)
	for i := range ones {
		ones[i] = "0-0"
	}
	for _, bad := range []string{
		"bytes=" + strings.Join(ones, ","),
		"bytes=0-0,0-0",
		"bytes=0-100,50-150",
		"bytes=-10,750-753",
		"bytes=0-1,2-3,4-5,6-7,8-9,10-11",
	} {
		r := ts.get(t, c, src, "Range", bad)
		if r.StatusCode != http.StatusRequestedRangeNotSatisfiable || len(r.body) > 1000 {
			t.Errorf("Range %.40s…: %d, %d bytes", bad, r.StatusCode, len(r.body))
		}
		if cr := r.Header.Get("Content-Range"); cr != "bytes */754" {
			t.Errorf("Range %.40s…: Content-Range %q", bad, cr)
		}
	}
	for _, good := range []struct {
		rng    string
		status int
	}{{"bytes=0-", 206}, {"bytes=100-199", 206}, {"bytes=-54", 206}, {"bytes=0-9,20-29,40-49", 206}, {"", 200}} {
		r := ts.get(t, c, src, "Range", good.rng)
		if r.StatusCode != good.status || len(r.body) > 2*len(audio) {
			t.Errorf("Range %q: %d, %d bytes", good.rng, r.StatusCode, len(r.body))
		}
	}
}
