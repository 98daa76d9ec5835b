package web

import (
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/aeprep/aeprep/internal/posting"
	"github.com/aeprep/aeprep/internal/rounds"
	"github.com/aeprep/aeprep/internal/store"
)

// prepForm is a form whose errors come from two places: i18n keys (the
// shared form checks) and sentences the pure rounds package wrote in the
// user's language (a date in the past, an unknown time zone).
type prepForm struct {
	*form
	msgs map[string]string
}

// Err returns a field's error in the form's language, or "".
func (f *prepForm) Err(name string) string {
	if e := f.form.Err(name); e != "" {
		return e
	}
	return f.msgs[name]
}

// Valid reports whether no field has an error of either kind.
func (f *prepForm) Valid() bool { return f.form.Valid() && len(f.msgs) == 0 }

func (f *prepForm) failMsg(name, msg string) {
	if _, ok := f.msgs[name]; !ok {
		f.msgs[name] = msg
	}
}

// summary lists the errors for the error-summary partial, in field order.
func (f *prepForm) summary(fields [][3]string) []errorLink {
	var out []errorLink
	sep := ": "
	if f.lang == "ja" {
		sep = "："
	}
	for _, fl := range fields {
		if msg := f.Err(fl[0]); msg != "" {
			out = append(out, errorLink{Href: "#" + fl[1], Text: f.T(fl[2]) + sep + msg})
		}
	}
	return out
}

// T translates a key into the form's language.
func (f *prepForm) T(key string) string { return (&Page{Lang: f.lang}).T(key) }

func emptyPrepForm(c echo.Context, values map[string]string) *prepForm {
	if values == nil {
		values = map[string]string{}
	}
	return &prepForm{form: &form{Values: values, Errors: map[string]string{}, lang: langOf(c)}, msgs: map[string]string{}}
}

// The fields of a sheet and of a round, in the order the forms show them.
var (
	sheetFields = []string{"company", "role_title", "posting", "product", "customers", "competitors", "news", "culture", "share_dates"}
	roundFields = []string{"round_name", "date", "time", "zone", "minutes", "format", "link", "address", "interviewers"}
)

// sheetErrorFields pairs each field with its control and label, for the summary.
var sheetErrorFields = [][3]string{
	{"company", "company", "prep.company"}, {"role_title", "role_title", "prep.role"}, {"posting", "posting", "prep.posting"},
	{"product", "product", "prep.product"}, {"customers", "customers", "prep.customers"},
	{"competitors", "competitors", "prep.competitors"}, {"news", "news", "prep.news"}, {"culture", "culture", "prep.culture"},
}

var roundErrorFields = [][3]string{
	{"round_name", "round_name", "prep.round.name"}, {"date", "date", "prep.round.date"}, {"time", "time", "prep.round.time"},
	{"zone", "zone", "prep.round.zone"}, {"minutes", "minutes", "prep.round.minutes"}, {"format", "format-phone", "prep.round.format"},
	{"link", "link", "prep.round.link"}, {"address", "address", "prep.round.address"}, {"interviewers", "interviewers", "prep.round.interviewers"},
}

// bindSheet reads the sheet's own fields from the request into sh.
func bindSheet(f *prepForm, sh *store.PrepSheet) {
	sh.Company = f.text("company", true, maxLen("prep.company"))
	sh.RoleTitle = f.text("role_title", true, maxLen("prep.role"))
	sh.Posting = f.text("posting", false, maxLen("prep.posting"))
	sh.Product = f.text("product", false, maxLen("prep.notes"))
	sh.Customers = f.text("customers", false, maxLen("prep.notes"))
	sh.Competitors = f.text("competitors", false, maxLen("prep.notes"))
	sh.News = f.text("news", false, maxLen("prep.notes"))
	sh.Culture = strings.TrimSpace(f.Values["culture"])
	switch sh.Culture {
	case "", posting.CultureCasual, posting.CultureFormal:
	default:
		f.fail("culture", "form.err.choice")
	}
	sh.ShareDates = f.Values["share_dates"] == "1"
}

// roundGiven reports whether the new-sheet form's optional first round
// was filled in at all (the zone and length come prefilled).
func roundGiven(f *prepForm) bool {
	for _, k := range []string{"round_name", "date", "time", "link", "address", "interviewers"} {
		if strings.TrimSpace(f.Values[k]) != "" {
			return true
		}
	}
	return false
}

// bindRound reads a round from the form, checked by the rounds package
// against now; its errors are added to f.
func bindRound(f *prepForm, now time.Time) store.PrepRound {
	// Encoding and the length table first; the rounds package then
	// checks what the values mean.
	f.text("round_name", false, maxLen("prep.round_name"))
	f.text("zone", false, maxLen("prep.zone"))
	f.text("link", false, maxLen("prep.round_place"))
	f.text("address", false, maxLen("prep.round_place"))
	f.text("interviewers", false, maxLen("prep.interviewers"))
	in := rounds.Input{Name: f.Values["round_name"], Date: f.Values["date"], Time: f.Values["time"], Zone: f.Values["zone"],
		Minutes: f.Values["minutes"], Format: f.Values["format"], Link: f.Values["link"], Address: f.Values["address"],
		Interviewers: f.Values["interviewers"]}
	r, errs := rounds.Read(in, now)
	for _, e := range errs {
		field := e.Field
		if field == "name" {
			field = "round_name"
		}
		f.failMsg(field, rounds.Message(e.Text.Code, e.Text.Params, f.lang))
	}
	if len(errs) > 0 {
		return store.PrepRound{}
	}
	return store.PrepRound{Name: r.Name, LocalDate: r.Start.Format("2006-01-02"), LocalTime: r.Start.Format("15:04"),
		TimeZone: r.Zone, Minutes: int(r.End.Sub(r.Start) / time.Minute), Format: r.Format, Link: r.Link,
		Address: r.Address, Interviewers: r.Interviewers, StartsAt: r.Start.UTC()}
}

// sheetValues fills a form with a stored sheet, for editing.
func sheetValues(sh *store.PrepSheet) map[string]string {
	v := map[string]string{"company": sh.Company, "role_title": sh.RoleTitle, "posting": sh.Posting, "product": sh.Product,
		"customers": sh.Customers, "competitors": sh.Competitors, "news": sh.News, "culture": sh.Culture}
	if sh.ShareDates {
		v["share_dates"] = "1"
	}
	return v
}

// roundValues fills a form with a stored round, for editing.
func roundValues(r *store.PrepRound) map[string]string {
	return map[string]string{"round_name": r.Name, "date": r.LocalDate, "time": r.LocalTime, "zone": r.TimeZone,
		"minutes": itoa(r.Minutes), "format": r.Format, "link": r.Link, "address": r.Address, "interviewers": r.Interviewers}
}
