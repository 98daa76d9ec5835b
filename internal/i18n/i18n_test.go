package i18n

import (
	"net/http/httptest"
	"strings"
	"testing"
	"unicode"
)

func TestEveryKeyHasBothLanguages(t *testing.T) {
	for _, k := range Keys() {
		ja, en := Text(k)
		if strings.TrimSpace(ja) == "" || strings.TrimSpace(en) == "" {
			t.Errorf("%s: missing translation (ja=%q en=%q)", k, ja, en)
		}
		if strings.Count(ja, "%") != strings.Count(en, "%") {
			t.Errorf("%s: format verbs differ between ja and en", k)
		}
	}
}

func TestJapaneseStringsAreJapanese(t *testing.T) {
	skip := map[string]bool{"site.name": true, "lang.switch": true}
	for _, k := range Keys() {
		ja, _ := Text(k)
		if skip[k] {
			continue
		}
		has := false
		for _, r := range ja {
			if unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) {
				has = true
				break
			}
		}
		if !has {
			t.Errorf("%s: Japanese text %q has no Japanese script", k, ja)
		}
	}
}

func TestFromRequest(t *testing.T) {
	cases := []struct {
		url, cookie, accept, want string
	}{
		{"/", "", "", "ja"},
		{"/", "", "en-US,en;q=0.9", "en"},
		{"/", "", "ja-JP,ja;q=0.9,en;q=0.5", "ja"},
		{"/", "", "fr-FR", "ja"},
		{"/", "en", "ja", "en"},
		{"/?lang=ja", "en", "en", "ja"},
		{"/?lang=xx", "", "en", "en"},
		{"/", "xx", "", "ja"},
	}
	for _, c := range cases {
		r := httptest.NewRequest("GET", c.url, nil)
		if c.cookie != "" {
			r.Header.Set("Cookie", "lang="+c.cookie)
		}
		if c.accept != "" {
			r.Header.Set("Accept-Language", c.accept)
		}
		if got := FromRequest(r, "lang"); got != c.want {
			t.Errorf("%s cookie=%q accept=%q: got %s, want %s", c.url, c.cookie, c.accept, got, c.want)
		}
	}
}

func TestT(t *testing.T) {
	if T("en", "filter.count", 3) != "3 questions" || T("ja", "filter.count", 3) != "3件の質問" {
		t.Fatal("formatting")
	}
	if T("en", "no.such.key") != "no.such.key" {
		t.Fatal("missing key should show the key")
	}
}
