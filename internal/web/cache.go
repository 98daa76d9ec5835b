package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"sync"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/i18n"
)

// pageCache keeps the rendered HTML of public pages as visitors see them,
// per language and URL, so a visitor's page costs a map look-up. It is a
// cache, not state: each instance fills its own, and content only changes
// with a restart. It is bounded by bytes (keys and pages counted), and only
// canonical URLs of a finite set get an entry (see cacheKey), so visitors
// can't fill the server's memory through it.
type pageCache struct {
	mu         sync.RWMutex
	entries    map[string]cachedPage
	bytes      int // what entries hold: keys, pages and ETags
	maxBytes   int
	maxEntries int
}

type cachedPage struct {
	body []byte
	etag string
}

const (
	pageCacheBytes   = 32 << 20
	pageCacheEntries = 2000
)

func newPageCache(maxEntries, maxBytes int) *pageCache {
	return &pageCache{entries: map[string]cachedPage{}, maxEntries: maxEntries, maxBytes: maxBytes}
}

func entrySize(key string, p cachedPage) int { return len(key) + len(p.body) + len(p.etag) }

func (pc *pageCache) get(key string) (cachedPage, bool) {
	pc.mu.RLock()
	defer pc.mu.RUnlock()
	p, ok := pc.entries[key]
	return p, ok
}

func (pc *pageCache) put(key string, p cachedPage) {
	size := entrySize(key, p)
	if size > pc.maxBytes/8 {
		return // one page may not take a large share of the cache
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if old, ok := pc.entries[key]; ok {
		pc.bytes -= entrySize(key, old)
		delete(pc.entries, key)
	}
	// Make room by dropping arbitrary entries (map order): the pages are
	// cheap to render again.
	for k, old := range pc.entries {
		if pc.bytes+size <= pc.maxBytes && len(pc.entries) < pc.maxEntries {
			break
		}
		pc.bytes -= entrySize(k, old)
		delete(pc.entries, k)
	}
	pc.entries[key] = p
	pc.bytes += size
}

// size reports the number of entries and the bytes they hold.
func (pc *pageCache) size() (entries, bytes int) {
	pc.mu.RLock()
	defer pc.mu.RUnlock()
	return len(pc.entries), pc.bytes
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
		key, ok := s.cacheKey(c)
		if !ok {
			return next(c)
		}
		if p, ok := s.cache.get(key); ok {
			return writeCached(c, p)
		}
		c.Set("cacheKey", key)
		return next(c)
	}
}

// cacheKey names the cache entry of a visitor's public page, or says the
// page is not to be cached: only URLs whose query holds nothing but known
// parameters with known values (lang, and the bank's category and skill
// filters; not a search, whose text is anyone's) are, so the cache can
// only ever hold a finite set of pages.
func (s *Server) cacheKey(c echo.Context) (string, bool) {
	r := c.Request()
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return "", false
	}
	for k, vs := range q {
		if len(vs) != 1 {
			return "", false
		}
		v := vs[0]
		switch {
		case k == "lang" && i18n.Supported(v):
		case k == "deleted" && v == "1" && c.Path() == "/":
		case k == "category" && c.Path() == "/questions":
			if _, ok := s.lib.Category(v); !ok && v != "" {
				return "", false
			}
		case k == "skill" && c.Path() == "/questions":
			if _, ok := s.lib.Skill(v); !ok && v != "" {
				return "", false
			}
		case k == "q" && v == "" && c.Path() == "/questions":
		default:
			return "", false
		}
	}
	if len(r.URL.Path) > 200 {
		return "", false
	}
	return langOf(c) + "|" + r.URL.Path + "?" + q.Encode(), true
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
