package roleplay

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aeprep/aeprep/content"
)

// TestEveryRunEnds feeds every scenario, in both languages, replies that
// never move the conversation on: each run must still end, at the latest
// at the turn limit, with a turn-limit or end outcome.
func TestEveryRunEnds(t *testing.T) {
	l := mustLoad(t)
	for _, lang := range Langs {
		for _, s := range l.List(lang) {
			for _, reply := range []string{"ok", "Do you use email?", "Our platform has a great dashboard and AI features.", "What does that cost you?"} {
				st := Start(s)
				n := 0
				for !st.Done {
					if n > s.TurnLimit {
						t.Fatalf("%s %q: still running after %d turns", s.File, reply, n)
					}
					var tr Turn
					st, tr = Step(s, st, reply, lang)
					if tr.Index != n+1 || tr.Line == "" {
						t.Fatalf("%s: turn %d has index %d, line %q", s.File, n+1, tr.Index, tr.Line)
					}
					n++
				}
				if st.Outcome == "" || s.Node(st.Node).End == "" {
					t.Errorf("%s %q: ended at %s with outcome %q", s.File, reply, st.Node, st.Outcome)
				}
			}
		}
	}
}

func TestTurnLimitAndWalkout(t *testing.T) {
	l := mustLoad(t)
	s := l.Get("discovery-freight", "en")
	// closed questions keep trust level and wander between probe and pain
	st := Start(s)
	for !st.Done {
		st, _ = Step(s, st, "Do you use email? Is that a problem?", "en")
	}
	if st.Turns > s.TurnLimit {
		t.Errorf("ran %d turns, limit %d", st.Turns, s.TurnLimit)
	}
	// pitching again and again: trust falls, the buyer ends the call
	st = Start(s)
	for !st.Done {
		st, _ = Step(s, st, "Our industry-leading platform has AI features and a dashboard.", "en")
	}
	if st.Outcome != EndBuyerEnded {
		t.Errorf("serial pitching ended %q at %s, want buyer-ended", st.Outcome, st.Node)
	}
	// a finished run does not move
	again, tr := Step(s, st, "What does that cost you?", "en")
	if tr.Index != 0 || !again.Done || again.Turns != st.Turns {
		t.Errorf("a finished run took a turn: %+v", tr)
	}
	// a state of another scenario is refused
	other := l.Get("upsell-forecasting", "en")
	if _, tr := Step(other, Start(s), "What does that cost you?", "en"); tr.Index != 0 {
		t.Errorf("a state of %s was stepped in %s", s.ID, other.ID)
	}
}

// TestResumeAcrossLanguages: a state saved as JSON resumes in either
// language version and takes the same path (the graphs are the same).
func TestResumeAcrossLanguages(t *testing.T) {
	l := mustLoad(t)
	en, ja := l.Get("discovery-freight", "en"), l.Get("discovery-freight", "ja")
	st := Start(en)
	st, _ = Step(en, st, "What made order processing worth a call this week?", "en")
	b, _ := json.Marshal(st)
	var back State
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	a, ta := Step(en, st, "How much does the retyping cost you?", "en")
	c, tc := Step(ja, back, "手入力にはどのくらいのコストがかかっていますか？", "ja")
	if a.Node != c.Node || ta.To != tc.To || !slices.Equal(a.Revealed, c.Revealed) {
		t.Errorf("en went to %s %v, ja to %s %v", a.Node, a.Revealed, c.Node, c.Revealed)
	}
	if ta.Line == tc.Line {
		t.Errorf("both languages gave the same line %q", ta.Line)
	}
}

// TestMessages: every finding code, element and move renders in both
// languages, and the scorecard of an empty transcript is sane.
func TestMessages(t *testing.T) {
	for code, txt := range findingText {
		if txt[0] == "" || txt[1] == "" {
			t.Errorf("%s: missing a language", code)
		}
		for _, lang := range Langs {
			m := Message(Finding{Code: code, Params: []string{"metrics", "3", "Q?"}}, lang)
			if strings.Contains(m, "%!") || m == code {
				t.Errorf("%s/%s renders %q", code, lang, m)
			}
		}
	}
	for _, e := range append(slices.Clone(MEDDICC), BANT...) {
		if ElementName(e, "ja") == e || ElementName(e, "en") == "" {
			t.Errorf("element %s has no name", e)
		}
	}
	for _, m := range Moves {
		if MoveName(m, "ja") == string(m) || MoveName(m, "en") == "" {
			t.Errorf("move %s has no name", m)
		}
	}
	if got := Message(Finding{Code: "nope"}, "en"); got != "nope" {
		t.Errorf("unknown code renders %q", got)
	}
	s := mustLoad(t).Get("discovery-freight", "en")
	c := Score(s, nil)
	if c.NextStep || c.TalkShare != 0 || len(c.Elements) != len(MEDDICC)+len(BANT) {
		t.Errorf("empty scorecard: %+v", c)
	}
}

// TestNoSentenceCopiedFromArticle: no 30-character run of the source article
// (whitespace ignored) appears in a scenario file.
func TestNoSentenceCopiedFromArticle(t *testing.T) {
	seeds, _ := filepath.Glob("../../../shared/seed/*.txt")
	if len(seeds) == 0 { // a worktree under /work/wt
		seeds, _ = filepath.Glob("../../../../shared/seed/*.txt")
	}
	if len(seeds) == 0 {
		t.Skip("source article not found beside the repo")
	}
	strip := func(s string) string { return strings.Join(strings.Fields(s), "") }
	var seed string
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		seed += strip(string(b))
	}
	const n = 30
	grams := map[string]bool{}
	rs := []rune(seed)
	for i := 0; i+n <= len(rs); i++ {
		grams[string(rs[i:i+n])] = true
	}
	entries, err := content.FS.ReadDir("roleplays")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, _ := content.FS.ReadFile("roleplays/" + e.Name())
		r := []rune(strip(string(b)))
		for i := 0; i+n <= len(r); i++ {
			if grams[string(r[i:i+n])] {
				t.Errorf("%s copies the article: %q", e.Name(), string(r[i:i+n]))
				break
			}
		}
	}
}
