package web

import (
	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/store"
)

// errorLink is one line of an error summary: what is wrong with which
// field, linking to the field (the GOV.UK error-summary pattern).
type errorLink struct {
	Href string // "#" and the id of the field's first control
	Text string
}

// summarise lists a form's errors in the order of fields, each as
// "label: message" in the form's language. fields pairs a field name with
// the id of its control and the i18n key of its label.
func summarise(f *form, fields [][3]string) []errorLink {
	var out []errorLink
	for _, fl := range fields {
		if msg := f.Err(fl[0]); msg != "" {
			sep := ": "
			if f.lang == "ja" {
				sep = "："
			}
			out = append(out, errorLink{Href: "#" + fl[1], Text: i18n.T(f.lang, fl[2]) + sep + msg})
		}
	}
	return out
}

// practiceErrors is the error summary of the practice form.
func practiceErrors(f *form) []errorLink {
	if f.Valid() {
		return nil
	}
	fields := [][3]string{{"answer", "answer", "practice.answer"}, {"recording", "recording-file", "speech.file"}}
	for _, k := range store.Criteria {
		fields = append(fields, [3]string{"r_" + k, "r_" + k + "-1", "rubric." + k + ".name"})
	}
	fields = append(fields, [3]string{"notes", "notes", "practice.notes"}, [3]string{"story_id", "story-none", "stories.panel.title"})
	return summarise(f, fields)
}

// ratingErrors is the error summary of a rating form.
func ratingErrors(f *form) []errorLink {
	var fields [][3]string
	for _, k := range store.Criteria {
		fields = append(fields, [3]string{"r_" + k, "r_" + k + "-1", "rubric." + k + ".name"})
	}
	return summarise(f, fields)
}
