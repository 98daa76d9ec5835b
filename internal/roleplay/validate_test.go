package roleplay

import (
	"strings"
	"testing"
	"testing/fstest"
)

const goodEN = `id: t
lang: en
type: discovery
difficulty: 1
title: "T"
situation: "S"
persona: {name: N, role: R, company: C, industry: I, mood: M}
turn_limit: 6
start: open
on_limit: later
on_walkout: ended
facts:
  - {id: pain, elements: [identified-pain], text: "P", question: "Q?", cues: [p]}
nodes:
  - id: open
    say: {mid: "Hello"}
    branches:
      - {when: [open-question], to: pain}
    default: later
  - id: pain
    say: {mid: "Pain"}
    reveal: [pain]
    branches:
      - {when: [asked-next-step], min_trust: 50, to: agreed}
    default: later
  - id: agreed
    say: {mid: "Yes"}
    end: next-step
  - id: ended
    say: {mid: "Bye"}
    end: buyer-ended
  - id: later
    say: {mid: "Later"}
    end: no-decision
`

func pair(en, ja string) fstest.MapFS {
	return fstest.MapFS{
		"roleplays/t.en.yaml": {Data: []byte(en)},
		"roleplays/t.ja.yaml": {Data: []byte(ja)},
	}
}

func jaOf(en string) string {
	return strings.Replace(en, "lang: en", "lang: ja", 1)
}

// TestLoadErrors checks that each kind of broken scenario is refused with
// an error naming the file and, where there is one, the node.
func TestLoadErrors(t *testing.T) {
	if _, err := Load(pair(goodEN, jaOf(goodEN))); err != nil {
		t.Fatalf("valid pair refused: %v", err)
	}
	cases := []struct {
		name string
		en   string
		ja   string // "" = jaOf(en)
		want []string
	}{
		{"unknown node", strings.Replace(goodEN, "to: pain}", "to: nowhere}", 1), "", []string{"roleplays/t.en.yaml node open branch 1", `unknown node "nowhere"`}},
		{"unreachable node", strings.Replace(goodEN, "to: pain}", "to: later}", 1), "", []string{"node pain", "unreachable"}},
		{"no default", strings.Replace(goodEN, "    default: later\n  - id: pain", "  - id: pain", 1), "", []string{"node open", "no default branch"}},
		{"unknown move", strings.Replace(goodEN, "[open-question]", "[asked-nicely]", 1), "", []string{"node open branch 1", `unknown move "asked-nicely"`}},
		{"unknown fact", strings.Replace(goodEN, "reveal: [pain]", "reveal: [pain, money]", 1), "", []string{"node pain", `unknown fact "money"`}},
		{"dead end", strings.Replace(strings.Replace(goodEN, "    default: later\n  - id: pain", "    default: pain\n  - id: pain", 1),
			"      - {when: [asked-next-step], min_trust: 50, to: agreed}\n    default: later", "      - {when: [asked-next-step], min_trust: 50, to: open}\n    default: open", 1), "", []string{"dead end"}},
		{"missing translation (file)", goodEN, "-", []string{"t.ja.yaml", "missing translation"}},
		{"missing translation (line)", goodEN, strings.Replace(jaOf(goodEN), `say: {mid: "Pain"}`, `say: {mid: ""}`, 1), []string{"t.ja.yaml node pain", "missing translation"}},
		{"shape differs (branch)", goodEN, strings.Replace(jaOf(goodEN), "min_trust: 50", "min_trust: 60", 1), []string{"t.ja.yaml node pain branch 1", "ja/en graphs differ"}},
		{"shape differs (node)", goodEN, strings.Replace(jaOf(goodEN), "    default: later\n  - id: pain", "    default: extra\n  - id: pain", 1) +
			"  - id: extra\n    say: {mid: \"X\"}\n    end: no-decision\n", []string{"node extra", "ja/en graphs differ"}},
		{"bad call type", strings.Replace(goodEN, "type: discovery", "type: chat", 1), "", []string{"t.en.yaml", "unknown call type"}},
		{"one end node", strings.Replace(strings.Replace(goodEN, "end: buyer-ended", "default: later", 1), "end: next-step", "end: sideways", 1), "", []string{"unknown end"}},
		{"unknown field", strings.Replace(goodEN, "turn_limit: 6", "turn_limit: 6\ncolour: red", 1), "", []string{"t.en.yaml", "colour"}},
	}
	for _, c := range cases {
		ja := c.ja
		if ja == "" {
			ja = jaOf(c.en)
		}
		fsys := pair(c.en, ja)
		if ja == "-" {
			delete(fsys, "roleplays/t.ja.yaml")
		}
		_, err := Load(fsys)
		if err == nil {
			t.Errorf("%s: accepted", c.name)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not contain %q", c.name, err, w)
			}
		}
	}
}
