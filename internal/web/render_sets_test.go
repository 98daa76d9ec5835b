package web

import (
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/aeprep/aeprep/templates"
)

// TestPageSetsHoldOnlyTheirPartials: a page's template set holds the
// layout, the partials it or the layout reaches (through partials that call
// others too) and the page; a partial nothing on the page calls stays out.
// Two partials defining one name is an error instead of a silent winner.
func TestPageSetsHoldOnlyTheirPartials(t *testing.T) {
	fsys := fstest.MapFS{
		"base.html":          {Data: []byte(`<html>{{template "header" .}}{{template "main" .}}</html>`)},
		"partials/head.html": {Data: []byte(`{{define "header"}}<h1>{{template "links" .}}</h1>{{end}}`)},
		"partials/link.html": {Data: []byte(`{{define "links"}}<a href="/">home</a>{{end}}`)},
		"partials/card.html": {Data: []byte(`{{define "card"}}<div>{{template "stars" .}}</div>{{end}}{{define "stars"}}*{{end}}`)},
		"partials/big.html":  {Data: []byte(`{{define "matrix"}}` + strings.Repeat("<td>{{.}}</td>", 100) + `{{end}}`)},
		"pages/one.html":     {Data: []byte(`{{define "main"}}{{template "card" .}}{{end}}`)},
		"pages/two.html":     {Data: []byte(`{{define "main"}}plain{{end}}`)},
	}
	partials := []string{"partials/big.html", "partials/card.html", "partials/head.html", "partials/link.html"}
	u, err := partialUses(fsys, partials)
	if err != nil {
		t.Fatal(err)
	}
	for page, want := range map[string][]string{
		"pages/one.html": {"base.html", "partials/card.html", "partials/head.html", "partials/link.html", "pages/one.html"},
		"pages/two.html": {"base.html", "partials/head.html", "partials/link.html", "pages/two.html"},
	} {
		got, err := u.filesFor(fsys, "base.html", page)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: files %v, want %v", page, got, want)
		}
	}
	fsys["partials/dup.html"] = &fstest.MapFile{Data: []byte(`{{define "links"}}again{{end}}`)}
	if _, err := partialUses(fsys, append(partials, "partials/dup.html")); err == nil || !strings.Contains(err.Error(), `"links"`) {
		t.Errorf("a name defined twice: %v", err)
	}
}

// TestEveryPageSetParsesWithItsPartials: the real templates, page by page,
// hold fewer partials than there are (the point of the closure) and still
// define every template they call.
func TestEveryPageSetParsesWithItsPartials(t *testing.T) {
	srv := newTestServer(t).app
	all, err := fs.Glob(templates.FS, "partials/*.html")
	if err != nil {
		t.Fatal(err)
	}
	u, err := partialUses(templates.FS, all)
	if err != nil {
		t.Fatal(err)
	}
	for name, tpl := range srv.tpl.pages {
		files, err := u.filesFor(templates.FS, "base.html", "pages/"+name+".html")
		if err != nil {
			t.Fatal(err)
		}
		if len(files)-2 >= len(all) {
			t.Errorf("page %s holds all %d partials", name, len(all))
		}
		for _, f := range files {
			b, _ := fs.ReadFile(templates.FS, f)
			for _, call := range callsIn(b) {
				if tpl.Lookup(call) == nil {
					t.Errorf("page %s: %s calls %q, which the page's set does not define", name, f, call)
				}
			}
		}
	}
	if srv.tpl.pages["practice"] == nil || srv.tpl.pages["practice"].Lookup("matrix") != nil {
		t.Errorf("the practice page's set holds the coach's matrix partial")
	}
}
