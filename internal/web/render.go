package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/library"
	"github.com/aeprep/aeprep/internal/store"
)

// renderer holds one parsed template set per page and language: the base
// layout, the partials it reaches and the page itself, parsed once at
// start-up, with every plain {{.T "key"}} already replaced by its text in
// that language (see translated).
type renderer struct {
	sets map[string]map[string]*template.Template // language -> page -> set
}

// page returns the set of page name in lang.
func (r *renderer) page(lang, name string) (*template.Template, bool) {
	t, ok := r.sets[lang][name]
	return t, ok
}

func newRenderer(fsys fs.FS, a *assets) (*renderer, error) {
	funcs := template.FuncMap{
		"asset":  a.URL,
		"maxlen": maxLen,
		"pick": func(m map[string]string, lang string) string {
			if s, ok := m[lang]; ok {
				return s
			}
			return m[i18n.Default]
		},
		"pickHTML": func(m map[string]template.HTML, lang string) template.HTML {
			if s, ok := m[lang]; ok {
				return s
			}
			return m[i18n.Default]
		},
		"sections":  func(m map[string][]library.Section, lang string) []library.Section { return m[lang] },
		"add":       func(a, b int) int { return a + b },
		"hasPrefix": strings.HasPrefix,
		"list":      func(v ...any) []any { return v },
		"div": func(a, b int) int {
			if b == 0 {
				return 0
			}
			return a / b
		},
		"seq": func(from, to int) []int {
			var out []int
			for i := from; i <= to; i++ {
				out = append(out, i)
			}
			return out
		},
		"pct": func(n, total int) int {
			if total == 0 {
				return 0
			}
			return n * 100 / total
		},
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fmt.Errorf("dict: odd number of arguments")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
	}
	for name, f := range drillFuncs {
		funcs[name] = f
	}
	partials, err := fs.Glob(fsys, "partials/*.html")
	if err != nil {
		return nil, err
	}
	pages, err := fs.Glob(fsys, "pages/*.html")
	if err != nil {
		return nil, err
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("templates: no pages found")
	}
	uses, err := partialUses(fsys, partials)
	if err != nil {
		return nil, err
	}
	r := &renderer{sets: map[string]map[string]*template.Template{}}
	for _, lang := range i18n.Langs {
		r.sets[lang] = map[string]*template.Template{}
		for _, p := range pages {
			name := strings.TrimSuffix(path.Base(p), ".html")
			files, err := uses.filesFor(fsys, "base.html", p)
			if err != nil {
				return nil, err
			}
			t := template.New("base.html").Funcs(funcs)
			for _, f := range files {
				b, err := fs.ReadFile(fsys, f)
				if err != nil {
					return nil, err
				}
				into := t // the layout is the set's own template
				if f != files[0] {
					// (A New template named like its set would drop the set's functions.)
					into = t.New(path.Base(f))
				}
				if _, err := into.Parse(translated(string(b), lang)); err != nil {
					return nil, fmt.Errorf("templates: %s (%s): %w", f, lang, err)
				}
			}
			r.sets[lang][name] = t
		}
	}
	return r, nil
}

// plainT is an action that only translates a fixed key on the page (or on
// $, $p or .Page, the names templates give the page), with no arguments.
var plainT = regexp.MustCompile(`\{\{(-?\s*)(\$p|\$\.Page|\.Page|\$)?\.T\s+"([A-Za-z0-9._-]+)"(\s*-?)\}\}`)

// translated replaces each plain translation action in a template's source
// with a constant holding the text in lang, so rendering a page no longer
// looks up and calls Page.T through reflection for each of its labels
// (about 900 in the templates; most of a signed-in page's template time).
// The constant is still escaped for where it stands, as the call's result
// was. Keys the messages do not have are left to T, which shows the key.
func translated(src, lang string) string {
	return plainT.ReplaceAllStringFunc(src, func(act string) string {
		m := plainT.FindStringSubmatch(act)
		if !i18n.Has(m[3]) {
			return act
		}
		return "{{" + m[1] + strconv.Quote(i18n.T(lang, m[3])) + m[4] + "}}"
	})
}

// templateRef finds the templates a file calls or defines.
var (
	templateCall   = regexp.MustCompile(`\{\{-?\s*(?:template|block)\s+"([^"]+)"`)
	templateDefine = regexp.MustCompile(`\{\{-?\s*(?:define|block)\s+"([^"]+)"`)
)

// partials knows which partial file defines each named template and which
// templates each file calls, so that a page's set holds only the partials
// it can reach. Parsing all 43 into each of the 51 pages' sets kept 32 MB
// of parse trees alive, most of them never run by the page.
type partials struct {
	definedIn map[string]string   // template name -> partial file
	calls     map[string][]string // file -> template names it calls
}

func partialUses(fsys fs.FS, files []string) (*partials, error) {
	u := &partials{definedIn: map[string]string{}, calls: map[string][]string{}}
	for _, f := range files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		for _, m := range templateDefine.FindAllSubmatch(b, -1) {
			if prev, dup := u.definedIn[string(m[1])]; dup && prev != f {
				return nil, fmt.Errorf("templates: %q is defined in both %s and %s", m[1], prev, f)
			}
			u.definedIn[string(m[1])] = f
		}
		u.calls[f] = callsIn(b)
	}
	return u, nil
}

func callsIn(b []byte) []string {
	var out []string
	for _, m := range templateCall.FindAllSubmatch(b, -1) {
		out = append(out, string(m[1]))
	}
	return out
}

// filesFor lists the files of a page's set: the layout, every partial the
// layout or the page reaches through {{template}} calls (transitively), and
// the page last, so its definitions win. A call to a template that no file
// defines is left for the parser and the first render to report.
func (u *partials) filesFor(fsys fs.FS, layout, page string) ([]string, error) {
	files := []string{layout}
	var todo []string
	for _, f := range []string{layout, page} {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		todo = append(todo, callsIn(b)...)
	}
	seen := map[string]bool{}
	for len(todo) > 0 {
		name := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		f, ok := u.definedIn[name]
		if !ok || seen[f] {
			continue
		}
		seen[f] = true
		files = append(files, f)
		todo = append(todo, u.calls[f]...)
	}
	sort.Strings(files[1:])
	return append(files, page), nil
}

// Page is what every template gets: the shared parts built by page(), and
// the page's own Data.
type Page struct {
	Lang      string
	OtherLang string
	Title     string
	// Description is the page's meta description (search results and link
	// previews); empty means the site's own line.
	Description string
	Nav         string // active nav item
	Path        string
	SwitchURL   string // this page in the other language
	Lib         *library.Library
	User        *store.User
	CSRF        string
	Flash       string // i18n key of a one-time message
	Data        any
	loc         *time.Location
}

// Loc is the time zone the page shows times in: the user's, or for a
// visitor the default of the page's language.
func (p *Page) Loc() *time.Location {
	if p.loc == nil {
		if p.User != nil {
			p.loc = p.User.Location()
		} else if loc, err := store.LoadZone(store.DefaultTimeZone(p.Lang)); err == nil {
			p.loc = loc
		} else {
			p.loc = time.UTC
		}
	}
	return p.loc
}

// Time shows t as a date and time in the page's zone, with the zone's
// abbreviation: "2026-03-10 06:24 JST".
func (p *Page) Time(t time.Time) string { return t.In(p.Loc()).Format("2006-01-02 15:04 MST") }

// Date shows t's date in the page's zone.
func (p *Page) Date(t time.Time) string { return t.In(p.Loc()).Format(dateLayout) }

// DueDate shows a set's due date. A due date is a calendar date, the
// same for the coach and every candidate wherever they are, stored as the
// last second of that day in UTC.
func (p *Page) DueDate(t time.Time) string { return t.UTC().Format(dateLayout) }

// ISO is t for a <time datetime> attribute, with the page zone's offset.
func (p *Page) ISO(t time.Time) string { return t.In(p.Loc()).Format(time.RFC3339) }

// Criteria are the rubric's criteria, for templates.
func (p *Page) Criteria() []string { return store.Criteria }

// T translates key into the page's language.
func (p *Page) T(key string, args ...any) string { return i18n.T(p.Lang, key, args...) }

// Seconds formats a duration in seconds for people.
func (p *Page) Seconds(n int) string {
	switch {
	case n < 60:
		return p.T("q.seconds", n)
	case n%60 == 0:
		return p.T("q.minutes", n/60)
	default:
		return p.T("q.minsec", n/60, n%60)
	}
}

// CategoryName returns a category's name in the page's language.
func (p *Page) CategoryName(id string) string {
	if id == customCategory {
		return p.T("q.custom")
	}
	if t, ok := p.Lib.Category(id); ok {
		return t.Name[p.Lang]
	}
	return id
}

// SkillName returns a skill's name in the page's language.
func (p *Page) SkillName(id string) string {
	if t, ok := p.Lib.Skill(id); ok {
		return t.Name[p.Lang]
	}
	return id
}

// localPath makes a request path safe to link to: a path such as
// //evil.example/x (from GET /%2Fevil.example/x) or /\evil.example would
// be read by a browser as another site, so leading slashes and backslashes
// fold into one slash.
func localPath(p string) string {
	return "/" + strings.TrimLeft(p, "/\\")
}

// page builds the shared template data for a request (snippetbox's
// newTemplateData).
func (s *Server) page(c echo.Context, title string) *Page {
	lang := langOf(c)
	other := "en"
	if lang == "en" {
		other = "ja"
	}
	u := *c.Request().URL
	q := u.Query()
	q.Set("lang", other)
	path := localPath(u.Path)
	p := &Page{
		Lang: lang, OtherLang: other, Title: title, Lib: s.lib,
		Path:      path,
		SwitchURL: (&url.URL{Path: path, RawQuery: q.Encode()}).String(),
		User:      userOf(c),
		CSRF:      csrfOf(c),
	}
	if c.Request().Method == "GET" {
		p.Flash = s.takeFlash(c)
	}
	return p
}

// render executes a page into a buffer first, so a template error never
// sends half a page.
func (s *Server) render(c echo.Context, status int, name string, p *Page) error {
	t, ok := s.tpl.page(p.Lang, name)
	if !ok {
		return fmt.Errorf("render: no page template %q", name)
	}
	buf := renderBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= maxPooledBuffer {
			renderBuffers.Put(buf)
		}
	}()
	if err := t.ExecuteTemplate(buf, "base.html", p); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	if p.Flash != "" {
		c.Set("cacheKey", nil) // a one-time message is not for the next visitor
	}
	return s.finishPage(c, status, buf) // which copies what it keeps
}

// renderBuffers are reused page buffers: a page grew its own by doubling
// up to its size (1 MB of garbage for the 283 kB cohort page), which under
// the server's memory limit made the collector run more. Buffers past
// maxPooledBuffer are left to it.
var renderBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

const maxPooledBuffer = 1 << 20
