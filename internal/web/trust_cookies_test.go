package web

import (
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestCookiesSecureBehindTrustedProxy: behind the documented TLS-ending
// proxy (-trusted-proxy with X-Forwarded-Proto: https) every cookie aeprep
// sets is Secure; over plain HTTP, or when the header comes from a client
// that is not the proxy, they are not (a browser on http://localhost would
// drop them).
func TestCookiesSecureBehindTrustedProxy(t *testing.T) {
	_, lo, _ := net.ParseCIDR("127.0.0.1/32")
	for _, tc := range []struct {
		name    string
		proxies []*net.IPNet
		header  bool
		secure  bool
	}{
		{"trusted proxy, https", []*net.IPNet{lo}, true, true},
		{"trusted proxy, http", []*net.IPNet{lo}, false, false},
		{"no proxy configured, header from the client", nil, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t, withOptions(func(o *Options) { o.TrustedProxies = tc.proxies }))
			signup(t, ts, ts.client(t), "secure@example.com", "en")
			bare := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			jar := map[string]string{}
			seen := map[string]bool{}
			send := func(method, path, body string) *response {
				t.Helper()
				req, _ := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
				if method == "POST" {
					req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				}
				if tc.header {
					req.Header.Set("X-Forwarded-Proto", "https")
				}
				for k, v := range jar {
					req.AddCookie(&http.Cookie{Name: k, Value: v})
				}
				r := do(t, bare, req)
				for _, ck := range r.Cookies() {
					seen[ck.Name] = true
					if ck.Secure != tc.secure {
						t.Errorf("%s %s: cookie %s Secure=%v, want %v", method, path, ck.Name, ck.Secure, tc.secure)
					}
					jar[ck.Name] = ck.Value
				}
				return r
			}
			form := send("GET", "/login?lang=en", "")
			r := send("POST", "/login", url.Values{"email": {"secure@example.com"}, "password": {testPassword},
				csrfField: {formToken(t, form)}}.Encode())
			if r.StatusCode != http.StatusSeeOther {
				t.Fatalf("login: %d", r.StatusCode)
			}
			send("GET", "/me?lang=ja", "")
			for _, name := range []string{sessionCookie, csrfCookie, langCookie} {
				if !seen[name] {
					t.Errorf("cookie %s never set", name)
				}
			}
		})
	}
}
