package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/i18n"
	"github.com/aeprep/aeprep/internal/library"
	"github.com/aeprep/aeprep/internal/posting"
	"github.com/aeprep/aeprep/internal/practice"
	"github.com/aeprep/aeprep/internal/rounds"
	"github.com/aeprep/aeprep/internal/store"
	"github.com/aeprep/aeprep/internal/stories"
	"github.com/aeprep/aeprep/internal/textcode"
)

// --- One prep sheet: what the posting asks for, and what to do about it

// prepStories returns the user's story bank as the posting analysis
// matches it against requirements: every story, with its words.
func (s *Server) prepStories(ctx context.Context, userID int64) ([]stories.Story, error) {
	list, err := s.store.Stories(ctx, userID)
	if err != nil {
		return nil, err
	}
	out := make([]stories.Story, len(list))
	for i, st := range list {
		out[i] = stories.Story{ID: strconv.FormatInt(st.ID, 10), Title: st.Title, Situation: st.Situation, Task: st.Task,
			Action: st.Action, Result: st.Result, Figures: st.Figures, Skills: st.Skills, Categories: st.Categories}
	}
	return out, nil
}

type stressView struct {
	Name    string
	Score   int
	Phrases []string
}

type reqView struct {
	Text       string
	Must       bool
	Level      string
	Years      int
	Skills     []string
	Categories []string
	Covered    bool
	Note       string
	Stories    []storyLink
}

type storyLink struct {
	ID    string
	Title string
}

type practiceView struct {
	ID       string
	Name     string
	Reasons  []string
	Examples []*library.Question
}

type askView struct {
	Item   *library.AskItem
	Reason string
}

type segmentView struct {
	Name    string
	Phrases []string
}

type prepSheetData struct {
	Sheet       *store.PrepSheet
	Rounds      []roundView
	Next        *roundView
	Analysed    bool // a posting was pasted
	Chars       int
	Notes       []string
	Reqs        []reqView
	Uncovered   int
	HasStories  bool
	Skills      []stressView
	Categories  []stressView
	Motion      string
	MotionWords []string
	Segments    []segmentView
	DealTerms   []string
	Tools       []string
	Practice    []practiceView
	MockSizes   []int
	Ask         []askView
	Tone        string
	Culture     string
}

func msg(t textcode.Text, lang string) string { return posting.Message(t.Code, t.Params, lang) }

func (s *Server) prepSheet(c echo.Context) error {
	sh, err := s.prepParam(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	rs, err := s.store.PrepRounds(ctx, sh.UserID, sh.ID)
	if err != nil {
		return err
	}
	list, err := s.prepStories(ctx, sh.UserID)
	if err != nil {
		return err
	}
	p := s.page(c, "")
	lang := p.Lang
	now := s.store.Now()
	d := prepSheetData{Sheet: sh, HasStories: len(list) > 0, MockSizes: mockSizes}
	for i := range rs {
		v := s.roundView(p, &rs[i], now)
		d.Rounds = append(d.Rounds, v)
		if d.Next == nil && !v.Past {
			d.Next = &d.Rounds[len(d.Rounds)-1]
		}
	}
	a := posting.Analyse(sh.Posting, "")
	d.Analysed, d.Chars = strings.TrimSpace(sh.Posting) != "", a.Chars
	for _, n := range a.Notes {
		if n.Code != "posting.empty" {
			d.Notes = append(d.Notes, msg(n, lang))
		}
	}
	titles := map[string]string{}
	for _, st := range list {
		titles[st.ID] = st.Title
	}
	for _, rc := range posting.Coverage(a, list) {
		r := rc.Requirement
		v := reqView{Text: r.Text, Must: r.Level == posting.Must, Level: posting.Message("posting.level."+r.Level, nil, lang),
			Years: r.Years, Covered: rc.Covered, Note: msg(rc.Note, lang)}
		for _, id := range r.Skills {
			v.Skills = append(v.Skills, p.SkillName(id))
		}
		for _, id := range r.Categories {
			v.Categories = append(v.Categories, p.CategoryName(id))
		}
		for _, m := range rc.Stories {
			v.Stories = append(v.Stories, storyLink{ID: m.StoryID, Title: titles[m.StoryID]})
		}
		if !v.Covered {
			d.Uncovered++
		}
		d.Reqs = append(d.Reqs, v)
	}
	for _, st := range a.Skills {
		d.Skills = append(d.Skills, stressView{Name: p.SkillName(st.ID), Score: st.Score, Phrases: st.Phrases})
	}
	for _, st := range a.Categories {
		d.Categories = append(d.Categories, stressView{Name: p.CategoryName(st.ID), Score: st.Score, Phrases: st.Phrases})
	}
	if d.Analysed {
		code := a.Motion
		if code == "" {
			code = "unknown"
		}
		d.Motion = posting.Message("posting.motion."+code, nil, lang)
		for _, k := range []string{posting.MotionNew, posting.MotionGrowth} {
			d.MotionWords = append(d.MotionWords, a.MotionEvidence[k]...)
		}
	}
	for _, seg := range a.Segments {
		d.Segments = append(d.Segments, segmentView{Name: posting.Message("posting.segment."+seg, nil, lang), Phrases: a.SegmentPhrases[seg]})
	}
	d.DealTerms, d.Tools = a.DealTerms, a.Tools
	d.Practice = s.practiceViews(p, a)
	for _, as := range a.Ask {
		for _, it := range s.lib.Ask {
			if it.ID == as.ID {
				d.Ask = append(d.Ask, askView{Item: it, Reason: msg(as.Reason, lang)})
			}
		}
	}
	d.Tone, d.Culture = msg(posting.ToneNote(sh.Culture), lang), sh.Culture
	p.Title, p.Nav, p.Data = sh.Company+": "+sh.RoleTitle, "prep", d
	return s.render(c, http.StatusOK, "prep_sheet", p)
}

// practiceViews names the tailored practice set's categories, with why
// and two questions of each from the bank.
func (s *Server) practiceViews(p *Page, a posting.Analysis) []practiceView {
	var out []practiceView
	for _, r := range a.Practice {
		v := practiceView{ID: r.ID, Name: p.CategoryName(r.ID)}
		for _, why := range r.Reasons {
			if t := msg(why, p.Lang); !slices.Contains(v.Reasons, t) {
				v.Reasons = append(v.Reasons, t)
			}
		}
		for _, q := range s.lib.Questions {
			if q.Category == r.ID && len(v.Examples) < 2 {
				v.Examples = append(v.Examples, q)
			}
		}
		out = append(out, v)
	}
	return out
}

// prepMock starts a mock interview from the sheet's tailored practice
// set: questions of its ranked categories, drawn as /mock draws them.
func (s *Server) prepMock(c echo.Context) error {
	sh, err := s.prepParam(c)
	if err != nil {
		return err
	}
	f := newForm(c, "size", "lang")
	size := f.intIn("size", 0, 100, 5)
	if !slices.Contains(mockSizes, size) {
		size = 5
	}
	lang := f.Values["lang"]
	if !i18n.Supported(lang) {
		lang = langOf(c)
	}
	picked := map[string]bool{}
	var cats []string
	for _, r := range posting.Analyse(sh.Posting, "").Practice {
		picked[r.ID] = true
		cats = append(cats, r.ID)
	}
	pool := practice.MixPool(s.bank(), picked)
	if len(pool) == 0 {
		pool = practice.MixPool(s.bank(), nil)
	}
	m := &store.MockSession{UserID: sh.UserID, Lang: lang, Categories: strings.Join(cats, ",")}
	return s.startMock(c, m, pool, size)
}

// --- A round as shown: its time in its own zone, countdown, checklist

type dayItem struct {
	Text    string
	CheckID string
	Check   string // the checklist entry's title
}

type roundView struct {
	R         store.PrepRound
	Start     time.Time
	When      string // in the round's zone: "2027-01-15 10:00 JST (Asia/Tokyo)"
	Yours     string // in the viewer's zone, when it differs
	Format    string
	Countdown string
	Past      bool
	DayBefore []dayItem
	Company   string
	Role      string
	UserID    int64  // the candidate, on a coach's page
	Candidate string // their name
}

func (s *Server) roundView(p *Page, r *store.PrepRound, now time.Time) roundView {
	st := r.Start()
	v := roundView{R: *r, Start: st, Format: rounds.Message("rounds.format."+r.Format, nil, p.Lang),
		When: st.Format("2006-01-02 15:04 MST") + " (" + r.TimeZone + ")", Past: !st.After(now)}
	if mine := p.Time(st); p.Loc().String() != r.TimeZone && mine != st.Format("2006-01-02 15:04 MST") {
		v.Yours = mine
	}
	ct := rounds.Countdown(now, st)
	v.Countdown = rounds.Message(ct.Code, ct.Params, p.Lang)
	for _, it := range rounds.DayBefore(r.Format) {
		di := dayItem{Text: rounds.Message(it.Text.Code, it.Text.Params, p.Lang), CheckID: it.Checklist}
		for _, ci := range s.lib.Checklist {
			if ci.ID == it.Checklist {
				di.Check = ci.Title[p.Lang]
			}
		}
		v.DayBefore = append(v.DayBefore, di)
	}
	return v
}

// upcomingViews turns rounds still to come into views with their sheet's
// company and role.
func (s *Server) upcomingViews(p *Page, list []store.UpcomingRound) []roundView {
	now := s.store.Now()
	out := make([]roundView, 0, len(list))
	for i := range list {
		v := s.roundView(p, &list[i].PrepRound, now)
		v.Company, v.Role = list[i].Company, list[i].RoleTitle
		v.UserID, v.Candidate = list[i].UserID, list[i].DisplayName
		out = append(out, v)
	}
	return out
}

// countdownMsgs are the countdown's templates in the page's language, for
// prep.js to tick the server's text on.
func countdownMsgs(lang string) map[string]string {
	out := map[string]string{}
	for _, k := range []string{"days", "hours", "minutes", "started"} {
		out[k] = rounds.Message("rounds.count."+k, nil, lang)
	}
	return out
}

func sheetURL(id int64) string { return fmt.Sprintf("/prep/%d", id) }

// CountdownMsgs are the countdown's templates in the page's language.
func (p *Page) CountdownMsgs() map[string]string { return countdownMsgs(p.Lang) }

// nextRoundView is the user's next interview for /me, or nil.
func (s *Server) nextRoundView(c echo.Context, p *Page) (*roundView, error) {
	next, err := s.store.NextPrepRound(c.Request().Context(), userOf(c).ID, s.store.Now())
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	v := s.upcomingViews(p, []store.UpcomingRound{*next})[0]
	return &v, nil
}

// sharedRounds are the interview dates candidates share with the signed-in
// coach: one candidate's, or (candidateID 0) every member's.
func (s *Server) sharedRounds(c echo.Context, p *Page, candidateID int64) ([]roundView, error) {
	list, err := s.store.SharedUpcomingRounds(c.Request().Context(), userOf(c).ID, candidateID, s.store.Now(), maxCount("coach.home.rows"))
	if err != nil {
		return nil, err
	}
	return s.upcomingViews(p, list), nil
}

// Quote puts a phrase found in the posting in the page language's quotes.
func (p *Page) Quote(s string) string {
	if p.Lang == "ja" {
		return "「" + s + "」"
	}
	return "“" + s + "”"
}
