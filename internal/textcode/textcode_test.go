package textcode

import "testing"

func TestMessage(t *testing.T) {
	c := Catalog{
		"hello": {"{name}さん、こんにちは", "Hello, {name}"},
		"bad":   {"{a}", "{b}"},
	}
	tests := []struct {
		code, lang, want string
		params           map[string]string
	}{
		{"hello", "ja", "花子さん、こんにちは", map[string]string{"name": "花子"}},
		{"hello", "en", "Hello, Ann", map[string]string{"name": "Ann"}},
		{"hello", "fr", "Annさん、こんにちは", map[string]string{"name": "Ann"}},
		{"hello", "en", "Hello, {name}", nil},
		{"missing", "en", "missing", nil},
	}
	for _, tt := range tests {
		if got := c.Message(tt.code, tt.params, tt.lang); got != tt.want {
			t.Errorf("Message(%q, %v, %q) = %q, want %q", tt.code, tt.params, tt.lang, got, tt.want)
		}
	}
	if p := c.Problems(); len(p) != 1 || p[0] != "bad: ja and en name different parameters" {
		t.Errorf("Problems = %v", p)
	}
	if got := New("x", "a", "1", "b", "2"); got.Params["a"] != "1" || got.Params["b"] != "2" {
		t.Errorf("New = %+v", got)
	}
}
