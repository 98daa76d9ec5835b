package insight_test

import (
	"bytes"
	"io/fs"
	"path"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/aeprep/aeprep/content"
	"github.com/aeprep/aeprep/internal/insight"
)

// questionFile is what these tests need of a question's front matter and body.
type questionFile struct {
	Name     string
	Lang     string
	Format   string `yaml:"format"`
	Category string `yaml:"category"`
	Time     int    `yaml:"time"`
	Points   []struct {
		ID   string   `yaml:"id"`
		Cues []string `yaml:"cues"`
	} `yaml:"points"`
	Outline string
}

// readQuestions reads every question of content.FS with its example outline.
func readQuestions(t *testing.T) []questionFile {
	t.Helper()
	names, err := fs.Glob(content.FS, "questions/*.md")
	if err != nil {
		t.Fatal(err)
	}
	var out []questionFile
	for _, name := range names {
		b, err := fs.ReadFile(content.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		rest, ok := bytes.CutPrefix(b, []byte("---\n"))
		if !ok {
			t.Fatalf("%s: no front matter", name)
		}
		fm, body, ok := bytes.Cut(rest, []byte("\n---\n"))
		if !ok {
			t.Fatalf("%s: front matter not closed", name)
		}
		var q questionFile
		if err := yaml.Unmarshal(fm, &q); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		q.Name = name
		base := strings.TrimSuffix(path.Base(name), ".md")
		q.Lang = base[strings.LastIndexByte(base, '.')+1:]
		if _, o, ok := strings.Cut(string(body), "## outline\n"); ok {
			o, _, _ = strings.Cut(o, "\n## ")
			q.Outline = strings.TrimSpace(o)
		}
		out = append(out, q)
	}
	return out
}

// TestStoryOutlinesEarnGoodStructure: the example outline of every story
// question is a well-shaped STAR answer, so it must earn structure good.
// Questions without a format (before the content branch lands) are skipped.
func TestStoryOutlinesEarnGoodStructure(t *testing.T) {
	stories, an := 0, appAnalyser(t)
	for _, q := range readQuestions(t) {
		if q.Format != insight.FormatStory {
			continue
		}
		stories++
		if q.Outline == "" {
			t.Errorf("%s: story question without an outline", q.Name)
			continue
		}
		r := an.Analyse(insight.Input{Text: q.Outline, Lang: q.Lang, Format: q.Format, Category: q.Category, SuggestedSeconds: q.Time})
		if f, ok := r.Finding(insight.KindStructure); !ok || f.Verdict != insight.Good {
			sum, _ := an.Message(f, "en")
			t.Errorf("%s: outline structure %s (%s: %s)\n%s", q.Name, f.Verdict, f.Code, sum, q.Outline)
		}
	}
	if stories == 0 {
		t.Skip("no question has format: story yet")
	}
	t.Logf("%d story outlines checked", stories)
}
