// Package static embeds the CSS, JavaScript and images served under /static/.
package static

import "embed"

// FS holds every static asset; internal/web serves them under fingerprinted names.
//
//go:embed css js img
var FS embed.FS
