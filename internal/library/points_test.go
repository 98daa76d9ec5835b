package library

import (
	"strings"
	"testing"
	"unicode"

	"github.com/aeprep/aeprep/content"
)

// cueIn reports whether cue occurs in text by the rule of insight-spec §1:
// both sides NFKC-normalised and lower-cased, whitespace runs folded;
// Japanese cues match as substrings, English cues only at the start of a
// word (a cue that starts with a letter or digit must not follow one).
// Negation is ignored here: the outlines are the content's own strong
// answers.
func cueIn(text, cue, lang string) bool {
	t := strings.Join(strings.Fields(Normalise(text)), " ")
	c := strings.Join(strings.Fields(Normalise(cue)), " ")
	if c == "" {
		return false
	}
	if lang == "ja" {
		return strings.Contains(t, c)
	}
	first := []rune(c)[0]
	wordy := unicode.IsLetter(first) || unicode.IsDigit(first)
	for from := 0; ; {
		i := strings.Index(t[from:], c)
		if i < 0 {
			return false
		}
		i += from
		if !wordy || i == 0 {
			return true
		}
		prev := []rune(t[:i])
		if p := prev[len(prev)-1]; !unicode.IsLetter(p) && !unicode.IsDigit(p) {
			return true
		}
		from = i + 1
	}
}

func TestCueIn(t *testing.T) {
	cases := []struct {
		text, cue, lang string
		want            bool
	}{
		{"We hit our Quotas early", "quota", "en", true},
		{"an aquota of sorts", "quota", "en", false},
		{"aquota then quota", "quota", "en", true},
		{"I  led\nthe deal", "i led", "en", true},
		{"a 7-month cycle", "month cycle", "en", true},
		{"grew 20%", "%", "en", true},
		{"grew ２０％", "%", "en", true},
		{"ＱＵＯＴＡ met", "quota", "en", true},
		{"目標の130%を達成", "達成", "ja", true},
		{"ｷｯｶｹは学生時代", "キッカケ", "ja", true},
		{"受注できませんでした", "受注", "ja", true}, // negation is not this test's business
		{"nothing here", "quota", "en", false},
	}
	for _, c := range cases {
		if got := cueIn(c.text, c.cue, c.lang); got != c.want {
			t.Errorf("cueIn(%q, %q, %s) = %v, want %v", c.text, c.cue, c.lang, got, c.want)
		}
	}
}

// TestEmbeddedQuestionsHaveFormatsAndPoints checks every question of the
// bank: a format, 3 to 5 points per language with the same ids, and an
// example outline that covers at least half of its own talking points.
func TestEmbeddedQuestionsHaveFormatsAndPoints(t *testing.T) {
	l, err := Load(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	formats := map[string]int{}
	var points, covered, full int
	for _, q := range l.Questions {
		formats[q.Format]++
		for _, lang := range Langs {
			ps := q.Points[lang]
			if len(ps) < MinPoints || len(ps) > MaxPoints {
				t.Errorf("%s.%s: %d points", q.ID, lang, len(ps))
				continue
			}
			var outline string
			for _, s := range q.Sections[lang] {
				if s.Key == "outline" {
					outline = s.Markdown
				}
			}
			if outline == "" {
				t.Fatalf("%s.%s: no outline markdown", q.ID, lang)
			}
			n := 0
			var missed []string
			for _, p := range ps {
				hit := false
				for _, c := range p.Cues {
					if cueIn(outline, c, lang) {
						hit = true
						break
					}
				}
				if hit {
					n++
				} else {
					missed = append(missed, p.ID)
				}
			}
			points += len(ps)
			covered += n
			if n == len(ps) {
				full++
			}
			if 2*n < len(ps) {
				t.Errorf("%s.%s: the outline covers %d of %d talking points (missed %v), want at least half", q.ID, lang, n, len(ps), missed)
			}
		}
	}
	for _, f := range Formats {
		if formats[f] == 0 {
			t.Errorf("no question has format %q", f)
		}
	}
	t.Logf("formats %v; %d points per language pair (%d total); outlines cover %d of %d (%.1f%%); %d of %d outlines cover every point",
		formats, points/2, points, covered, points, 100*float64(covered)/float64(points), full, 2*len(l.Questions))
}
