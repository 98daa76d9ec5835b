package roleplay

import (
	"slices"
	"testing"

	"github.com/aeprep/aeprep/content"
)

func mustLoad(t testing.TB) *Library {
	t.Helper()
	l, err := Load(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestContentGraphs walks every scenario in both languages: every node is
// reachable, every node can reach an end, no node lacks a default, and the
// two languages have the same graph. Load checks all of this; the walk
// here is independent of Load's own code so a bug there shows.
func TestContentGraphs(t *testing.T) {
	l := mustLoad(t)
	types := map[string]bool{}
	for _, en := range l.List("en") {
		ja := l.Get(en.ID, "ja")
		if ja == nil || ja.Lang != "ja" {
			t.Fatalf("%s: no Japanese version", en.ID)
		}
		types[en.Type] = true
		for _, s := range []*Scenario{en, ja} {
			if len(s.Nodes) < 6 {
				t.Errorf("%s: %d nodes, want at least 6", s.File, len(s.Nodes))
			}
			ends := 0
			reach := map[string]bool{}
			queue := []string{s.Start, s.OnLimit, s.OnWalkout}
			for len(queue) > 0 {
				id := queue[0]
				queue = queue[1:]
				if reach[id] {
					continue
				}
				reach[id] = true
				n := s.Node(id)
				if n == nil {
					t.Fatalf("%s: edge to missing node %q", s.File, id)
				}
				for _, b := range n.Branches {
					queue = append(queue, b.To)
				}
				if n.Default != "" {
					queue = append(queue, n.Default)
				}
			}
			for _, n := range s.Nodes {
				if !reach[n.ID] {
					t.Errorf("%s: node %s unreachable", s.File, n.ID)
				}
				if n.End != "" {
					ends++
					continue
				}
				if n.Default == "" {
					t.Errorf("%s: node %s has no default", s.File, n.ID)
				}
				// from here, following defaults and branches, an end is reachable
				if !canReachEnd(s, n.ID) {
					t.Errorf("%s: node %s cannot reach an end", s.File, n.ID)
				}
			}
			if ends < 2 {
				t.Errorf("%s: %d end nodes, want at least 2", s.File, ends)
			}
			if len(s.Facts) == 0 {
				t.Errorf("%s: no facts", s.File)
			}
		}
		// same shape
		if len(en.Nodes) != len(ja.Nodes) {
			t.Errorf("%s: %d nodes in en, %d in ja", en.ID, len(en.Nodes), len(ja.Nodes))
		}
		for _, n := range en.Nodes {
			m := ja.Node(n.ID)
			if m == nil {
				t.Errorf("%s: node %s only in en", en.ID, n.ID)
				continue
			}
			if m.Default != n.Default || m.End != n.End || len(m.Branches) != len(n.Branches) {
				t.Errorf("%s: node %s differs between en and ja", en.ID, n.ID)
				continue
			}
			for i := range n.Branches {
				a, b := n.Branches[i], m.Branches[i]
				if a.To != b.To || !slices.Equal(a.When, b.When) || !slices.Equal(a.Any, b.Any) || !slices.Equal(a.Unless, b.Unless) || a.MinTrust != b.MinTrust || a.MaxTrust != b.MaxTrust {
					t.Errorf("%s: node %s branch %d differs between en and ja", en.ID, n.ID, i+1)
				}
			}
		}
	}
	for _, ct := range CallTypes {
		if !types[ct] {
			t.Errorf("no scenario of call type %s", ct)
		}
	}
}

func canReachEnd(s *Scenario, from string) bool {
	seen := map[string]bool{}
	var walk func(id string) bool
	walk = func(id string) bool {
		if seen[id] {
			return false
		}
		seen[id] = true
		n := s.Node(id)
		if n.End != "" {
			return true
		}
		for _, b := range n.Branches {
			if walk(b.To) {
				return true
			}
		}
		return walk(n.Default)
	}
	return walk(from)
}
