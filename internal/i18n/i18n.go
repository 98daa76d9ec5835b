// Package i18n holds every user-interface string of aeprep in Japanese and
// English and picks the user's language.
package i18n

import (
	"fmt"
	"net/http"
	"sort"

	"golang.org/x/text/language"
)

// Langs are the supported languages; the first is the fallback.
var Langs = []string{"ja", "en"}

// Default is the language used when nothing else decides.
const Default = "ja"

var matcher = language.NewMatcher([]language.Tag{language.Japanese, language.English})

// Supported reports whether lang is one of Langs.
func Supported(lang string) bool { return lang == "ja" || lang == "en" }

// FromRequest picks the language: an explicit choice (query or cookie) wins,
// then Accept-Language, then Japanese.
func FromRequest(r *http.Request, cookieName string) string {
	if l := r.URL.Query().Get("lang"); Supported(l) {
		return l
	}
	if c, err := r.Cookie(cookieName); err == nil && Supported(c.Value) {
		return c.Value
	}
	if h := r.Header.Get("Accept-Language"); h != "" {
		tags, _, err := language.ParseAcceptLanguage(h)
		if err == nil && len(tags) > 0 {
			_, idx, conf := matcher.Match(tags...)
			if conf != language.No {
				return Langs[idx]
			}
		}
	}
	return Default
}

// T returns the string for key in lang, formatted with args when given. A
// missing key shows as the key itself so a page never breaks; the tests
// make sure none is missing.
func T(lang, key string, args ...any) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	s := m.en
	if lang == "ja" {
		s = m.ja
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// Has reports whether key exists.
func Has(key string) bool {
	_, ok := messages[key]
	return ok
}

// Keys lists every key, sorted.
func Keys() []string {
	keys := make([]string, 0, len(messages))
	for k := range messages {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Text returns both translations of key.
func Text(key string) (ja, en string) {
	m := messages[key]
	return m.ja, m.en
}

type msg struct{ ja, en string }
