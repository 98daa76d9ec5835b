package web

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"
)

// minifier shrinks CSS and JavaScript; content types by file extension.
var (
	minifier = func() *minify.M {
		m := minify.New()
		m.AddFunc("text/css", css.Minify)
		m.AddFunc("application/javascript", js.Minify)
		return m
	}()
	minifiable = map[string]string{".css": "text/css", ".js": "application/javascript"}
)

// assets serves static files under content-hashed names, so they can be
// cached for a year and still change the moment a file does.
type assets struct {
	fsys   fs.FS
	hashed map[string]string // "css/app.css" -> "css/app.1a2b3c4d5e.css"
	files  map[string]asset  // hashed or plain name -> file
}

type asset struct {
	data        []byte
	contentType string
	immutable   bool
	etag        string
}

func newAssets(fsys fs.FS) (*assets, error) {
	a := &assets{fsys: fsys, hashed: map[string]string{}, files: map[string]asset{}}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".go") {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		ext := path.Ext(p)
		if mt, ok := minifiable[ext]; ok {
			// Minified once at start-up: smaller pages, same files in the repo.
			if b, err = minifier.Bytes(mt, b); err != nil {
				return fmt.Errorf("minify %s: %w", p, err)
			}
		}
		sum := sha256.Sum256(b)
		h := hex.EncodeToString(sum[:])[:12]
		name := strings.TrimSuffix(p, ext) + "." + h + ext
		ct := mime.TypeByExtension(ext)
		if ct == "" {
			ct = "application/octet-stream"
		}
		a.hashed[p] = name
		a.files[name] = asset{data: b, contentType: ct, immutable: true, etag: `"` + h + `"`}
		a.files[p] = asset{data: b, contentType: ct, etag: `"` + h + `"`}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("static assets: %w", err)
	}
	return a, nil
}

// URL returns the fingerprinted URL of a static file; a missing file fails
// template parsing at start-up.
func (a *assets) URL(name string) (string, error) {
	h, ok := a.hashed[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return "/static/" + h, nil
}

func (s *Server) serveStatic(c echo.Context) error {
	f, ok := s.assets.files[c.Param("*")]
	if !ok {
		return echo.ErrNotFound
	}
	return sendAsset(c, f)
}

// sendAsset writes a static file with its validators and caching.
func sendAsset(c echo.Context, f asset) error {
	h := c.Response().Header()
	h.Set("Content-Type", f.contentType)
	h.Set("ETag", f.etag)
	if f.immutable {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "public, max-age=300")
	}
	if c.Request().Header.Get("If-None-Match") == f.etag {
		return c.NoContent(http.StatusNotModified)
	}
	return c.Blob(http.StatusOK, f.contentType, f.data)
}

// favicon answers /favicon.ico, which browsers ask for on their own
// wherever a page names no icon (a text response, an export, /healthz),
// with the icon the pages name (the file under its plain name): a PNG,
// which every browser takes there.
func (s *Server) favicon(c echo.Context) error {
	return sendAsset(c, s.assets.files["img/icon.png"])
}
