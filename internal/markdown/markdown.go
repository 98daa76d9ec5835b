// Package markdown renders Markdown written by users (coaches' set
// descriptions, custom questions, comments) to safe HTML: goldmark without
// raw HTML, then bluemonday's user-content policy, so no script, event
// handler or javascript: link survives.
package markdown

import (
	"bytes"
	"html/template"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

var (
	md = goldmark.New(goldmark.WithExtensions(extension.GFM))
	// policy allows text formatting, lists, quotes, code, tables and links
	// to http(s) or mailto; no images (they could track readers), no style,
	// no script, no event handlers.
	policy = func() *bluemonday.Policy {
		p := bluemonday.NewPolicy()
		p.AllowElements("p", "br", "hr", "strong", "em", "b", "i", "del", "s", "ul", "ol", "li", "blockquote",
			"code", "pre", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td")
		p.AllowAttrs("href").OnElements("a")
		p.AllowURLSchemes("http", "https", "mailto")
		p.AllowRelativeURLs(true)
		p.RequireParseableURLs(true)
		p.RequireNoFollowOnLinks(true)
		p.RequireNoReferrerOnLinks(true)
		p.AddTargetBlankToFullyQualifiedLinks(true)
		p.AllowAttrs("align").Matching(bluemonday.Paragraph).OnElements("th", "td")
		return p
	}()
)

// Render turns user Markdown into sanitised HTML.
func Render(src string) template.HTML {
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf); err != nil {
		return template.HTML(template.HTMLEscapeString(src)) //nolint:gosec // escaped
	}
	return template.HTML(policy.SanitizeBytes(buf.Bytes())) //nolint:gosec // sanitised by bluemonday
}
