package web

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aeprep/aeprep/internal/store"
)

// The story bank in the user's export: every story, with the coaches'
// comments on it.

type exportStory struct {
	ID         int64                `json:"id"`
	Title      string               `json:"title"`
	Situation  string               `json:"situation"`
	Task       string               `json:"task"`
	Action     string               `json:"action"`
	Result     string               `json:"result"`
	Figures    string               `json:"figures"`
	Skills     []string             `json:"skills"`
	Categories []string             `json:"categories"`
	Lang       string               `json:"lang"`
	Shared     bool                 `json:"shared"`
	CreatedAt  time.Time            `json:"created_at"`
	UpdatedAt  time.Time            `json:"updated_at"`
	Comments   []exportStoryComment `json:"comments"`
}

type exportStoryComment struct {
	Coach     string    `json:"coach"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
}

// exportStories collects the user's stories and the comments on them.
func (s *Server) exportStories(ctx context.Context, userID int64) ([]exportStory, error) {
	list, err := s.store.Stories(ctx, userID)
	if err != nil {
		return nil, err
	}
	cs, err := s.store.AllStoryComments(ctx, userID)
	if err != nil {
		return nil, err
	}
	byStory := map[int64][]store.StoryComment{}
	for _, cm := range cs {
		byStory[cm.StoryID] = append(byStory[cm.StoryID], cm)
	}
	out := []exportStory{}
	for _, st := range list {
		e := exportStory{ID: st.ID, Title: st.Title, Situation: st.Situation, Task: st.Task, Action: st.Action,
			Result: st.Result, Figures: st.Figures, Skills: append([]string{}, st.Skills...),
			Categories: append([]string{}, st.Categories...), Lang: st.Lang, Shared: st.Shared,
			CreatedAt: st.CreatedAt, UpdatedAt: st.UpdatedAt, Comments: []exportStoryComment{}}
		for _, cm := range byStory[st.ID] {
			e.Comments = append(e.Comments, exportStoryComment{Coach: cm.CoachName, Body: cm.Body, CreatedAt: cm.CreatedAt})
		}
		out = append(out, e)
	}
	return out, nil
}

// writeStoriesMarkdown adds the story bank to a Markdown export.
func writeStoriesMarkdown(b *bytes.Buffer, p *Page, list []exportStory) {
	if len(list) == 0 {
		return
	}
	fmt.Fprintf(b, "## %s\n\n", p.T("stories.title"))
	for _, st := range list {
		fmt.Fprintf(b, "### %s\n\n", mdEscape(st.Title))
		for _, part := range [][2]string{{"situation", st.Situation}, {"task", st.Task}, {"action", st.Action},
			{"result", st.Result}, {"figures", st.Figures}} {
			if part[1] != "" {
				fmt.Fprintf(b, "**%s:** %s\n\n", p.T("stories.f."+part[0]), strings.ReplaceAll(part[1], "\n", "  \n"))
			}
		}
		var skills, cats []string
		for _, id := range st.Skills {
			skills = append(skills, p.SkillName(id))
		}
		for _, id := range st.Categories {
			cats = append(cats, p.CategoryName(id))
		}
		sep := listSep(p.Lang)
		fmt.Fprintf(b, "- %s: %s\n- %s: %s\n\n", p.T("stories.f.skills"), strings.Join(skills, sep),
			p.T("stories.f.categories"), strings.Join(cats, sep))
		for _, cm := range st.Comments {
			fmt.Fprintf(b, "> **%s** (%s): %s\n\n", mdEscape(cm.Coach), p.Time(cm.CreatedAt), strings.ReplaceAll(cm.Body, "\n", "\n> "))
		}
	}
}
