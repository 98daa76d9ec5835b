package web

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/i18n"
)

// Each form has a reader, readX(c) (X, *form), next to its handler: it
// reads the posted fields, checks them against their rules and the length
// limits in limits.go, and returns the typed values with the form (what was
// typed and what is wrong, field by field). A handler re-renders the form
// with status 422 when it is not Valid, so nothing typed is lost.
//
// form carries what the user typed and, per field, the i18n key of what is
// wrong with it, so a rejected form comes back with the text in it and each
// error next to its field.
type form struct {
	Values map[string]string
	Errors map[string]string
	lang   string
}

// blankForm is a form not yet posted, in lang, with the given starting
// values (pairs of name and value).
func blankForm(lang string, kv ...string) *form {
	f := &form{Values: map[string]string{}, Errors: map[string]string{}, lang: lang}
	for i := 0; i+1 < len(kv); i += 2 {
		f.Values[kv[i]] = kv[i+1]
	}
	return f
}

// newForm reads the named fields of a posted form.
func newForm(c echo.Context, fields ...string) *form {
	f := blankForm(langOf(c))
	for _, name := range fields {
		f.Values[name] = c.FormValue(name)
	}
	return f
}

// Get returns a field's value.
func (f *form) Get(name string) string { return f.Values[name] }

// Err returns the translated error of a field, or "".
func (f *form) Err(name string) string {
	if k, ok := f.Errors[name]; ok {
		return i18n.T(f.lang, k)
	}
	return ""
}

// Valid reports whether no field has an error.
func (f *form) Valid() bool { return len(f.Errors) == 0 }

func (f *form) fail(name, key string) {
	if _, ok := f.Errors[name]; !ok {
		f.Errors[name] = key
	}
}

// text checks a free-text field: valid UTF-8, no NUL, at most max
// characters, and present when required. It returns the trimmed value.
func (f *form) text(name string, required bool, max int) string {
	v := f.Values[name]
	if !utf8.ValidString(v) || strings.ContainsRune(v, 0) {
		f.fail(name, "form.err.encoding")
		f.Values[name] = strings.ToValidUTF8(strings.ReplaceAll(v, "\x00", ""), "")
		return ""
	}
	v = strings.TrimSpace(v)
	if required && v == "" {
		f.fail(name, "form.err.required")
	}
	if utf8.RuneCountInString(v) > max {
		f.fail(name, "form.err.toolong")
	}
	return v
}

// rating checks a 1-5 rating.
func (f *form) rating(name string) int {
	v := strings.TrimSpace(f.Values[name])
	if v == "" {
		f.fail(name, "form.err.rating.missing")
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 5 {
		f.fail(name, "form.err.rating.range")
		return 0
	}
	return n
}

// intIn reads a whole number within [lo, hi], or def when absent or bad.
func (f *form) intIn(name string, lo, hi, def int) int {
	n, err := strconv.Atoi(strings.TrimSpace(f.Values[name]))
	if err != nil || n < lo || n > hi {
		return def
	}
	return n
}

func itoa(n int) string { return strconv.Itoa(n) }
