// Package templates embeds the HTML templates; internal/web parses them once
// at start-up.
package templates

import "embed"

// FS holds layout, partial and page templates.
//
//go:embed *.html partials pages
var FS embed.FS
