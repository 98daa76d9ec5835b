package web

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"
)

// exportPrepSheet is a prep sheet in the export, with its rounds.
type exportPrepSheet struct {
	Company     string            `json:"company"`
	RoleTitle   string            `json:"role_title"`
	Posting     string            `json:"posting"`
	Product     string            `json:"product"`
	Customers   string            `json:"customers"`
	Competitors string            `json:"competitors"`
	News        string            `json:"news"`
	Culture     string            `json:"culture"`
	ShareDates  bool              `json:"share_dates_with_coaches"`
	CreatedAt   time.Time         `json:"created_at"`
	UpdatedAt   time.Time         `json:"updated_at"`
	Rounds      []exportPrepRound `json:"rounds"`
}

type exportPrepRound struct {
	Name         string `json:"name"`
	Date         string `json:"date"`
	Time         string `json:"time"`
	TimeZone     string `json:"time_zone"`
	Minutes      int    `json:"minutes"`
	Format       string `json:"format"`
	Link         string `json:"link,omitempty"`
	Address      string `json:"address,omitempty"`
	Interviewers string `json:"interviewers,omitempty"`
}

// exportPrep collects the user's prep sheets and their rounds.
func (s *Server) exportPrep(ctx context.Context, userID int64) ([]exportPrepSheet, error) {
	sheets, err := s.store.PrepSheets(ctx, userID)
	if err != nil {
		return nil, err
	}
	all, err := s.store.UserPrepRounds(ctx, userID)
	if err != nil {
		return nil, err
	}
	out := make([]exportPrepSheet, 0, len(sheets))
	for _, sh := range sheets {
		e := exportPrepSheet{Company: sh.Company, RoleTitle: sh.RoleTitle, Posting: sh.Posting, Product: sh.Product,
			Customers: sh.Customers, Competitors: sh.Competitors, News: sh.News, Culture: sh.Culture,
			ShareDates: sh.ShareDates, CreatedAt: sh.CreatedAt, UpdatedAt: sh.UpdatedAt, Rounds: []exportPrepRound{}}
		for _, r := range all {
			if r.SheetID == sh.ID {
				e.Rounds = append(e.Rounds, exportPrepRound{Name: r.Name, Date: r.LocalDate, Time: r.LocalTime,
					TimeZone: r.TimeZone, Minutes: r.Minutes, Format: r.Format, Link: r.Link, Address: r.Address,
					Interviewers: r.Interviewers})
			}
		}
		out = append(out, e)
	}
	return out, nil
}

// writePrepMarkdown writes the prep sheets as Markdown sections.
func writePrepMarkdown(b *bytes.Buffer, p *Page, sheets []exportPrepSheet) {
	if len(sheets) == 0 {
		return
	}
	fmt.Fprintf(b, "## %s\n\n", p.T("prep.title"))
	quote := func(label, text string) {
		if text == "" {
			return
		}
		fmt.Fprintf(b, "**%s:**\n\n", label)
		for _, line := range strings.Split(text, "\n") {
			fmt.Fprintf(b, "> %s\n", line)
		}
		b.WriteString("\n")
	}
	for _, sh := range sheets {
		fmt.Fprintf(b, "### %s: %s\n\n", mdEscape(sh.Company), mdEscape(sh.RoleTitle))
		for _, r := range sh.Rounds {
			fmt.Fprintf(b, "- %s: %s %s (%s), %s, %s\n", mdEscape(r.Name), r.Date, r.Time, r.TimeZone,
				p.T("prep.round.length", r.Minutes), p.T("prep.format."+r.Format))
		}
		if len(sh.Rounds) > 0 {
			b.WriteString("\n")
		}
		quote(p.T("prep.posting"), sh.Posting)
		quote(p.T("prep.product"), sh.Product)
		quote(p.T("prep.customers"), sh.Customers)
		quote(p.T("prep.competitors"), sh.Competitors)
		quote(p.T("prep.news"), sh.News)
		if sh.Culture != "" {
			fmt.Fprintf(b, "- %s: %s\n\n", p.T("prep.culture"), p.T("prep.culture."+sh.Culture))
		}
	}
}
