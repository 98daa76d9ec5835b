// Package evalset reads aeprep's labelled evaluation set for the answer
// analyser (YAML files of cases, see /work/spec/insight-spec.md §4) and
// measures how often an analyser agrees with the labels.
//
// It does not import the analyser: the caller passes a function that turns
// a case into verdicts, so the same harness measures any version of it.
package evalset

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Kinds are the finding kinds every case labels, in report order.
var Kinds = []string{"length", "evidence", "structure", "ownership", "filler", "hedge", "vocabulary", "language", "manners"}

// Verdicts are the labels a kind may carry.
var Verdicts = []string{"good", "warn", "info", "none"}

// Point is one talking point of a case's question.
type Point struct {
	ID   string   `yaml:"id"`
	Cues []string `yaml:"cues"`
}

// Case is one labelled answer.
type Case struct {
	ID       string            `yaml:"id"`
	Lang     string            `yaml:"lang"`
	Format   string            `yaml:"format"`
	Category string            `yaml:"category"`
	Seconds  int               `yaml:"seconds"`
	Quality  string            `yaml:"quality"`
	Tags     []string          `yaml:"tags"`
	Question string            `yaml:"question"`
	Points   []Point           `yaml:"points"`
	Text     string            `yaml:"text"`
	Expect   map[string]string `yaml:"expect"`
	Covers   []string          `yaml:"covers"`
	// File is the file the case came from (not in the YAML).
	File string `yaml:"-"`
}

// Got is what an analyser said about one case: the verdict per kind
// ("none" or absent when it shows no finding of that kind) and the ids of
// the points it found covered.
type Got struct {
	Verdicts map[string]string
	Covered  []string
}

// LoadTree reads every *.yaml file under dir of fsys (subfolders too, such
// as en/ and ja/), in path order, like Load.
func LoadTree(fsys fs.FS, dir string) ([]Case, error) {
	var dirs []string
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			dirs = append(dirs, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var all []Case
	seen := map[string]string{}
	for _, d := range dirs {
		cs, err := Load(fsys, d)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			if f, dup := seen[c.ID]; dup {
				return nil, fmt.Errorf("%s: duplicate id %q (also in %s)", c.File, c.ID, f)
			}
			seen[c.ID] = c.File
		}
		all = append(all, cs...)
	}
	return all, nil
}

// Load reads every *.yaml file in dir of fsys, in name order, and checks
// each case: a unique id, lang ja or en, a known quality and format, and a
// known verdict for every kind.
func Load(fsys fs.FS, dir string) ([]Case, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	var all []Case
	seen := map[string]string{}
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		var cs []Case
		if err := yaml.Unmarshal(b, &cs); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		for i := range cs {
			c := &cs[i]
			c.File = name
			if err := c.check(); err != nil {
				return nil, fmt.Errorf("%s: case %d (%s): %w", name, i+1, c.ID, err)
			}
			if f, dup := seen[c.ID]; dup {
				return nil, fmt.Errorf("%s: duplicate id %q (also in %s)", name, c.ID, f)
			}
			seen[c.ID] = name
		}
		all = append(all, cs...)
	}
	return all, nil
}

func (c *Case) check() error {
	switch {
	case c.ID == "":
		return fmt.Errorf("no id")
	case c.Lang != "ja" && c.Lang != "en":
		return fmt.Errorf("lang %q", c.Lang)
	case c.Quality != "strong" && c.Quality != "average" && c.Quality != "weak":
		return fmt.Errorf("quality %q", c.Quality)
	}
	switch c.Format {
	case "", "story", "process", "roleplay", "motivation", "knowledge":
	default:
		return fmt.Errorf("format %q", c.Format)
	}
	for k, v := range c.Expect {
		if !slices.Contains(Kinds, k) {
			return fmt.Errorf("unknown kind %q in expect", k)
		}
		if !slices.Contains(Verdicts, v) {
			return fmt.Errorf("%s: unknown verdict %q", k, v)
		}
	}
	return nil
}

// Expected returns the label for kind; a kind the case does not list is "none".
func (c *Case) Expected(kind string) string {
	if v, ok := c.Expect[kind]; ok && v != "" {
		return v
	}
	return "none"
}

// Score counts agreements: N pairs of which Agree matched.
type Score struct{ Agree, N int }

// Add counts one pair.
func (s *Score) Add(ok bool) {
	s.N++
	if ok {
		s.Agree++
	}
}

// Rate is Agree/N, or 1 with no pairs.
func (s Score) Rate() float64 {
	if s.N == 0 {
		return 1
	}
	return float64(s.Agree) / float64(s.N)
}

func (s Score) String() string {
	return fmt.Sprintf("%5.1f%% (%d/%d)", 100*s.Rate(), s.Agree, s.N)
}

// Miss is one disagreement: a kind's verdict or a point's coverage.
type Miss struct {
	Case      string
	Lang      string
	Quality   string
	Kind      string // a finding kind, or "point:<id>"
	Want, Got string
}

// Summary is the agreement of one analyser with the labels.
type Summary struct {
	Overall   Score
	ByLang    map[string]*Score
	ByQuality map[string]*Score            // key "lang/quality"
	ByKind    map[string]*Score            // key "lang/kind"
	Points    map[string]*Score            // per language, over (case, point)
	Confusion map[string]map[[2]string]int // key "lang/kind" → (want, got) → count
	Misses    []Miss
}

// Strong returns the agreement on strong answers in lang.
func (s *Summary) Strong(lang string) Score { return s.get(s.ByQuality, lang+"/strong") }

// Lang returns the agreement in lang.
func (s *Summary) Lang(lang string) Score { return s.get(s.ByLang, lang) }

func (s *Summary) get(m map[string]*Score, k string) Score {
	if v := m[k]; v != nil {
		return *v
	}
	return Score{}
}

// Evaluate runs analyse on every case and compares its verdicts and
// covered points with the labels.
func Evaluate(cases []Case, analyse func(Case) Got) *Summary {
	s := &Summary{
		ByLang: map[string]*Score{}, ByQuality: map[string]*Score{}, ByKind: map[string]*Score{},
		Points: map[string]*Score{}, Confusion: map[string]map[[2]string]int{},
	}
	bump := func(m map[string]*Score, k string, ok bool) {
		if m[k] == nil {
			m[k] = &Score{}
		}
		m[k].Add(ok)
	}
	for i := range cases {
		c := &cases[i]
		g := analyse(*c)
		for _, k := range Kinds {
			want, got := c.Expected(k), g.Verdicts[k]
			if got == "" {
				got = "none"
			}
			ok := want == got
			s.Overall.Add(ok)
			bump(s.ByLang, c.Lang, ok)
			bump(s.ByQuality, c.Lang+"/"+c.Quality, ok)
			bump(s.ByKind, c.Lang+"/"+k, ok)
			ck := c.Lang + "/" + k
			if s.Confusion[ck] == nil {
				s.Confusion[ck] = map[[2]string]int{}
			}
			s.Confusion[ck][[2]string{want, got}]++
			if !ok {
				s.Misses = append(s.Misses, Miss{c.ID, c.Lang, c.Quality, k, want, got})
			}
		}
		for _, p := range c.Points {
			want, got := slices.Contains(c.Covers, p.ID), slices.Contains(g.Covered, p.ID)
			bump(s.Points, c.Lang, want == got)
			if want != got {
				s.Misses = append(s.Misses, Miss{c.ID, c.Lang, c.Quality, "point:" + p.ID, yesNo(want), yesNo(got)})
			}
		}
	}
	return s
}

func yesNo(b bool) string {
	if b {
		return "covered"
	}
	return "missed"
}

// Report writes a plain-text summary: agreement overall, per language,
// per quality, per kind, points, and a confusion table per kind and
// language; with verbose, every disagreement too.
func (s *Summary) Report(verbose bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "overall    %s\n", s.Overall)
	for _, l := range sortedKeys(s.ByLang) {
		fmt.Fprintf(&b, "lang %-5s %s   points %s\n", l, s.ByLang[l], s.get(s.Points, l))
		for _, q := range []string{"strong", "average", "weak"} {
			if v := s.ByQuality[l+"/"+q]; v != nil {
				fmt.Fprintf(&b, "  %-8s %s\n", q, v)
			}
		}
	}
	b.WriteString("\nper kind\n")
	fmt.Fprintf(&b, "  %-11s", "")
	langs := sortedKeys(s.ByLang)
	for _, l := range langs {
		fmt.Fprintf(&b, " %-20s", l)
	}
	b.WriteString("\n")
	for _, k := range Kinds {
		fmt.Fprintf(&b, "  %-11s", k)
		for _, l := range langs {
			fmt.Fprintf(&b, " %-20s", s.get(s.ByKind, l+"/"+k).String())
		}
		b.WriteString("\n")
	}
	b.WriteString("\nconfusion (rows: label, columns: analyser)\n")
	for _, l := range langs {
		for _, k := range Kinds {
			m := s.Confusion[l+"/"+k]
			fmt.Fprintf(&b, "  %s %s\n  %8s", l, k, "")
			for _, v := range Verdicts {
				fmt.Fprintf(&b, " %5s", v)
			}
			b.WriteString("\n")
			for _, w := range Verdicts {
				row, n := "", 0
				for _, g := range Verdicts {
					row += fmt.Sprintf(" %5d", m[[2]string{w, g}])
					n += m[[2]string{w, g}]
				}
				if n > 0 {
					fmt.Fprintf(&b, "  %8s%s\n", w, row)
				}
			}
		}
	}
	if verbose {
		b.WriteString("\ndisagreements\n")
		for _, m := range s.Misses {
			fmt.Fprintf(&b, "  %-28s %-8s %-22s want %-8s got %s\n", m.Case, m.Quality, m.Kind, m.Want, m.Got)
		}
	}
	return b.String()
}

func sortedKeys(m map[string]*Score) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
