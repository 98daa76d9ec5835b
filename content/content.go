// Package content embeds aeprep's study material: the role guide, the
// question bank, questions to ask the interviewer and the do/don't
// checklist, each as one Markdown file per item and language.
package content

import "embed"

// FS holds every content file; internal/library loads and validates it.
//
//go:embed taxonomy.yaml guide questions ask checklist roleplays glossary
var FS embed.FS
