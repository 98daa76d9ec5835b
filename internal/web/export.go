package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/store"
)

// exportUser is everything stored about a user, minus the password hash.
type exportUser struct {
	Email       string    `json:"email"`
	DisplayName string    `json:"display_name"`
	Lang        string    `json:"lang"`
	IsCoach     bool      `json:"is_coach"`
	CreatedAt   time.Time `json:"created_at"`
}

type exportAttempt struct {
	ID           int64           `json:"id"`
	QuestionID   string          `json:"question_id"`
	Question     string          `json:"question"`
	Lang         string          `json:"lang"`
	Answer       string          `json:"answer"`
	SecondsTaken int             `json:"seconds_taken"`
	TimeLimit    int             `json:"time_limit"`
	Ratings      map[string]int  `json:"ratings"`
	Notes        string          `json:"notes"`
	Insights     json.RawMessage `json:"insights,omitempty"`
	CreatedAt    time.Time       `json:"created_at"`
}

type exportData struct {
	ExportedAt time.Time         `json:"exported_at"`
	User       exportUser        `json:"user"`
	Attempts   []exportAttempt   `json:"attempts"`
	Checklist  []string          `json:"checklist_done"`
	Prep       []exportPrepSheet `json:"prep_sheets"`
	Drills     []exportDrill     `json:"drills"`
	Roleplays  []exportRun       `json:"roleplay_runs"` // roleplay_export.go
	Stories    []exportStory     `json:"stories"`       // the story bank, with coaches' comments
}

func (s *Server) collectExport(c echo.Context) (*exportData, error) {
	u := userOf(c)
	ctx := c.Request().Context()
	atts, err := s.store.AllAttempts(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	ticks, err := s.store.Ticks(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	d := &exportData{ExportedAt: s.store.Now().UTC(), User: exportUser{Email: u.Email, DisplayName: u.DisplayName,
		Lang: u.Lang, IsCoach: u.IsCoach, CreatedAt: u.CreatedAt}, Attempts: []exportAttempt{}, Checklist: []string{}}
	lang := langOf(c)
	for _, a := range atts {
		ea := exportAttempt{ID: a.ID, QuestionID: a.QuestionID, Lang: a.Lang, Answer: a.Answer,
			SecondsTaken: a.SecondsTaken, TimeLimit: a.TimeLimit, Notes: a.Notes, CreatedAt: a.CreatedAt, Ratings: map[string]int{}}
		if q, ok := s.lib.Question(a.QuestionID); ok {
			ea.Question = q.Title[lang]
		}
		for _, k := range store.Criteria {
			ea.Ratings[k] = a.Ratings.Get(k)
		}
		if json.Valid([]byte(a.Insights)) {
			ea.Insights = json.RawMessage(a.Insights)
		}
		d.Attempts = append(d.Attempts, ea)
	}
	if d.Roleplays, err = s.exportRoleplays(c); err != nil {
		return nil, err
	}
	for id := range ticks {
		d.Checklist = append(d.Checklist, id)
	}
	sort.Strings(d.Checklist)
	if d.Stories, err = s.exportStories(ctx, u.ID); err != nil {
		return nil, err
	}
	if d.Prep, err = s.exportPrep(ctx, u.ID); err != nil {
		return nil, err
	}
	if d.Drills, err = s.exportDrills(c); err != nil { // drills_data.go
		return nil, err
	}
	return d, nil
}

func (s *Server) exportJSON(c echo.Context) error {
	d, err := s.collectExport(c)
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Content-Disposition", `attachment; filename="aeprep-export.json"`)
	h.Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, "application/json; charset=utf-8", b)
}

func (s *Server) exportMarkdown(c echo.Context) error {
	d, err := s.collectExport(c)
	if err != nil {
		return err
	}
	p := s.page(c, "")
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s: %s\n\n", p.T("site.name"), d.User.DisplayName)
	fmt.Fprintf(&b, "- %s: %s\n- %s: %s\n\n", p.T("export.email"), d.User.Email, p.T("export.date"), p.ISO(d.ExportedAt))
	for _, a := range d.Attempts {
		fmt.Fprintf(&b, "## %s\n\n", mdEscape(a.Question))
		fmt.Fprintf(&b, "*%s* · %s\n\n", p.Time(a.CreatedAt), p.Seconds(a.SecondsTaken))
		for _, line := range strings.Split(a.Answer, "\n") {
			fmt.Fprintf(&b, "> %s\n", line)
		}
		b.WriteString("\n")
		for _, k := range store.Criteria {
			fmt.Fprintf(&b, "- %s: %d/5\n", p.T("rubric."+k+".name"), a.Ratings[k])
		}
		if a.Notes != "" {
			fmt.Fprintf(&b, "\n**%s:** %s\n", p.T("practice.notes"), a.Notes)
		}
		b.WriteString("\n")
	}
	if len(d.Checklist) > 0 {
		fmt.Fprintf(&b, "## %s\n\n", p.T("check.title"))
		for _, it := range s.lib.Checklist {
			for _, id := range d.Checklist {
				if id == it.ID {
					fmt.Fprintf(&b, "- [x] %s\n", it.Title[p.Lang])
				}
			}
		}
	}
	writePrepMarkdown(&b, p, d.Prep)
	h := c.Response().Header()
	drillsMarkdown(&b, p, d.Drills)
	markdownRoleplays(&b, p, d.Roleplays)
	writeStoriesMarkdown(&b, p, d.Stories)
	h.Set("Content-Disposition", `attachment; filename="aeprep-export.md"`)
	h.Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, "text/markdown; charset=utf-8", b.Bytes())
}

// mdEscape keeps a title from starting Markdown syntax of its own.
func mdEscape(s string) string {
	r := strings.NewReplacer("\n", " ", "#", "\\#", "*", "\\*", "_", "\\_", "[", "\\[", "]", "\\]", "<", "&lt;")
	return r.Replace(s)
}
