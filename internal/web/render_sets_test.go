package web

import (
	"html/template"
	"io/fs"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/aeprep/aeprep/internal/i18n"
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
	for name, tpl := range srv.tpl.sets["en"] {
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
	if srv.tpl.sets["ja"]["practice"] == nil || srv.tpl.sets["ja"]["practice"].Lookup("matrix") != nil {
		t.Errorf("the practice page's set holds the coach's matrix partial")
	}
}

// TestTranslatedLabels: a plain {{.T "key"}} becomes the key's text in the
// set's language, still escaped where it stands; calls with arguments,
// unknown keys and other actions are left as they were.
func TestTranslatedLabels(t *testing.T) {
	for _, tc := range []struct{ src, lang, want string }{
		{`<b>{{.T "nav.logout"}}</b>`, "en", `<b>{{` + strconv.Quote(i18n.T("en", "nav.logout")) + `}}</b>`},
		{`{{- $p.T "nav.logout" -}}`, "ja", `{{- ` + strconv.Quote(i18n.T("ja", "nav.logout")) + ` -}}`},
		{`{{$.Page.T "nav.logout"}}|{{.Page.T "nav.logout"}}|{{$.T "nav.logout"}}`, "en",
			strings.Repeat("|{{"+strconv.Quote(i18n.T("en", "nav.logout"))+"}}", 3)[1:]},
		{`{{.T "q.seconds" 5}}`, "en", `{{.T "q.seconds" 5}}`},
		{`{{.T "no.such.key"}}`, "en", `{{.T "no.such.key"}}`},
		{`{{.Data.T "nav.logout"}}`, "en", `{{.Data.T "nav.logout"}}`},
		{`{{template "x" .T}}`, "en", `{{template "x" .T}}`},
	} {
		if got := translated(tc.src, tc.lang); got != tc.want {
			t.Errorf("translated(%q, %s) = %q, want %q", tc.src, tc.lang, got, tc.want)
		}
	}
	// Escaped as the call was: a label in an attribute, with a quote in it.
	tpl := template.Must(template.New("x").Parse(`<a title="{{"say \"hi\" & <go>"}}">{{"<b>"}}</a>`))
	var b strings.Builder
	if err := tpl.Execute(&b, nil); err != nil || b.String() != `<a title="say &#34;hi&#34; &amp; &lt;go&gt;">&lt;b&gt;</a>` {
		t.Errorf("a constant is not escaped as a call's result was: %q %v", b.String(), err)
	}
}
