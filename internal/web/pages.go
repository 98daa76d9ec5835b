package web

import (
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/library"
	"github.com/aeprep/aeprep/internal/store"
)

type homeData struct {
	First      *library.Question // what *Practise now* opens
	Featured   []*library.Question
	Categories int
	Deleted    bool
}

func (s *Server) home(c echo.Context) error {
	p := s.page(c, "")
	d := homeData{First: s.firstQuestion()}
	cats := map[string]bool{}
	for _, q := range s.lib.Questions {
		cats[q.Category] = true
		if q.Source == "article" {
			d.Featured = append(d.Featured, q)
		}
	}
	d.Categories = len(cats)
	d.Deleted = c.QueryParam("deleted") == "1" && userOf(c) == nil
	p.Nav, p.Data = "home", d
	return s.render(c, http.StatusOK, "home", p)
}

func (s *Server) guide(c echo.Context) error {
	p := s.page(c, "")
	p.Title, p.Nav, p.Description = p.T("guide.title"), "guide", p.T("meta.guide")
	return s.render(c, http.StatusOK, "guide", p)
}

type questionsData struct {
	Filter    library.Filter
	Questions []*library.Question
	QTooLong  bool // the search text was cut to maxLen("search.q") characters
}

func (s *Server) questions(c echo.Context) error {
	p := s.page(c, "")
	p.Title, p.Nav = p.T("questions.title"), "questions"
	f := library.Filter{
		Q:        strings.TrimSpace(c.QueryParam("q")),
		Category: c.QueryParam("category"),
		Skill:    c.QueryParam("skill"),
	}
	if !utf8.ValidString(f.Q) {
		f.Q = strings.ToValidUTF8(f.Q, "")
	}
	tooLong := false
	if r := []rune(f.Q); len(r) > maxLen("search.q") {
		f.Q, tooLong = string(r[:maxLen("search.q")]), true
		// Nor does the language switch echo the whole text back.
		q := c.Request().URL.Query()
		q.Set("q", f.Q)
		q.Set("lang", p.OtherLang)
		p.SwitchURL = (&url.URL{Path: "/questions", RawQuery: q.Encode()}).String()
	}
	// Unknown ids are ignored rather than matching nothing.
	if _, ok := s.lib.Category(f.Category); !ok {
		f.Category = ""
	}
	if _, ok := s.lib.Skill(f.Skill); !ok {
		f.Skill = ""
	}
	p.Data = questionsData{Filter: f, Questions: s.lib.Search(f), QTooLong: tooLong}
	return s.render(c, http.StatusOK, "questions", p)
}

type questionData struct {
	Q        *library.Question
	Related  []*library.Question
	Attempts []store.Attempt
}

func (s *Server) question(c echo.Context) error {
	q, err := s.findQuestion(c, c.Param("id"))
	if err != nil {
		return err
	}
	p := s.page(c, "")
	p.Title, p.Nav = q.Title[p.Lang], "questions"
	p.Description = p.T("meta.question", q.Title[p.Lang])
	d := questionData{Q: q}
	for _, r := range s.lib.Search(library.Filter{Category: q.Category}) {
		if r.ID != q.ID {
			d.Related = append(d.Related, r)
		}
	}
	if u := userOf(c); u != nil {
		atts, err := s.store.AttemptsForQuestion(c.Request().Context(), u.ID, q.ID)
		if err != nil {
			return err
		}
		d.Attempts = atts
	}
	p.Data = d
	return s.render(c, http.StatusOK, "question", p)
}

func (s *Server) ask(c echo.Context) error {
	p := s.page(c, "")
	p.Title, p.Nav = p.T("ask.title"), "ask"
	return s.render(c, http.StatusOK, "ask", p)
}

type checklistGroup struct {
	Kind  string
	Items []*library.CheckItem
}

type checklistData struct {
	Groups []checklistGroup
	Ticks  map[string]bool
	Done   int
	Total  int
}

func (s *Server) checklist(c echo.Context) error {
	p := s.page(c, "")
	p.Title, p.Nav = p.T("check.title"), "checklist"
	var groups []checklistGroup
	for _, kind := range []string{"do", "dont", "prep"} {
		g := checklistGroup{Kind: kind}
		for _, it := range s.lib.Checklist {
			if it.Kind == kind {
				g.Items = append(g.Items, it)
			}
		}
		groups = append(groups, g)
	}
	d := checklistData{Groups: groups, Total: len(s.lib.Checklist)}
	if u := userOf(c); u != nil {
		ticks, err := s.store.Ticks(c.Request().Context(), u.ID)
		if err != nil {
			return err
		}
		d.Ticks = ticks
		for _, it := range s.lib.Checklist {
			if ticks[it.ID] {
				d.Done++
			}
		}
	}
	p.Data = d
	return s.render(c, http.StatusOK, "checklist", p)
}
