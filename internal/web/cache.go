package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"sync"

	"github.com/labstack/echo/v4"
)

// pageCache keeps the rendered HTML of public pages as visitors see them,
// per language and URL, so a visitor's page costs a map look-up. It is a
// cache, not state: each instance fills its own, and content only changes
// with a restart.
type pageCache struct {
	mu      sync.RWMutex
	entries map[string]cachedPage
	max     int
}

type cachedPage struct {
	body []byte
	etag string
}

func newPageCache(max int) *pageCache {
	return &pageCache{entries: map[string]cachedPage{}, max: max}
}

func (pc *pageCache) get(key string) (cachedPage, bool) {
	pc.mu.RLock()
	defer pc.mu.RUnlock()
	p, ok := pc.entries[key]
	return p, ok
}

func (pc *pageCache) put(key string, p cachedPage) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if len(pc.entries) >= pc.max {
		// Searches can make many distinct URLs; start over rather than grow.
		pc.entries = map[string]cachedPage{}
	}
	pc.entries[key] = p
}

func etagOf(b []byte) string {
	sum := sha256.Sum256(b)
	return `W/"` + hex.EncodeToString(sum[:8]) + `"`
}

// cachePublic serves a public page to visitors from the cache, and fills
// the cache on a miss. Signed-in users always get a fresh page (it shows
// their name, history and forms with their CSRF token).
func (s *Server) cachePublic(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if userOf(c) != nil || r.Method != http.MethodGet {
			return next(c)
		}
		key := langOf(c) + "|" + r.URL.RequestURI()
		if p, ok := s.cache.get(key); ok {
			return writeCached(c, p)
		}
		c.Set("cacheKey", key)
		return next(c)
	}
}

func writeCached(c echo.Context, p cachedPage) error {
	h := c.Response().Header()
	h.Set("ETag", p.etag)
	h.Set("Cache-Control", "no-cache")
	if c.Request().Header.Get("If-None-Match") == p.etag {
		return c.NoContent(http.StatusNotModified)
	}
	return c.HTMLBlob(http.StatusOK, p.body)
}

// finishPage sends a rendered page with an ETag, answering a matching
// If-None-Match with 304, and caches it when cachePublic asked to.
func (s *Server) finishPage(c echo.Context, status int, buf *bytes.Buffer) error {
	h := c.Response().Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-cache")
	}
	if status != http.StatusOK || c.Request().Method != http.MethodGet {
		c.Response().WriteHeader(status)
		_, err := c.Response().Write(buf.Bytes())
		return err
	}
	p := cachedPage{body: buf.Bytes(), etag: etagOf(buf.Bytes())}
	if key, ok := c.Get("cacheKey").(string); ok {
		p.body = bytes.Clone(p.body)
		s.cache.put(key, p)
	}
	return writeCached(c, p)
}
