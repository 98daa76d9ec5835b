package markdown

import (
	"strings"
	"testing"
)

func TestRenderKeepsFormatting(t *testing.T) {
	got := string(Render("**bold** and [link](https://example.com) and\n\n- item"))
	for _, want := range []string{"<strong>bold</strong>", `href="https://example.com"`, "<li>item</li>", `rel="nofollow noreferrer noopener"`} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in %s", want, got)
		}
	}
}

func TestRenderStripsDanger(t *testing.T) {
	payloads := []string{
		`<script>alert(1)</script>`,
		`<img src=x onerror=alert(1)>`,
		`[x](javascript:alert(1))`,
		`[x](JaVaScRiPt:alert(1))`,
		`[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
		`<svg onload=alert(1)>`,
		`<a href="javascript:alert(1)">x</a>`,
		`<iframe src="https://evil.example"></iframe>`,
		`![x](https://evil.example/x.png)`,
		"<div style=\"background:url(javascript:alert(1))\">x</div>",
		`[x](&#106;avascript:alert(1))`,
		`<details open ontoggle=alert(1)>`,
	}
	for _, p := range payloads {
		got := strings.ToLower(string(Render(p)))
		for _, bad := range []string{"<script", "onerror", "javascript:", "onload", "<iframe", "<svg", "data:text", "style=", "ontoggle", "<img"} {
			if strings.Contains(got, bad) {
				t.Errorf("%q rendered %q, which contains %q", p, got, bad)
			}
		}
	}
}
