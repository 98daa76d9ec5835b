// Package rounds holds the pure side of interview rounds on a prep sheet:
// reading a round as typed (date, time, time zone, format, link or
// address) with errors as message codes, the day-before checklist for the
// round's format, the next round and a countdown to it.
package rounds

import (
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aeprep/aeprep/internal/ics"
	"github.com/aeprep/aeprep/internal/textcode"
)

// Formats of an interview round.
const (
	Phone    = "phone"
	Video    = "video"
	InPerson = "in-person"
)

// Formats lists the formats in the order a form offers them.
var Formats = []string{Phone, Video, InPerson}

// Limits on what a round holds, in characters.
const (
	MaxName         = 100
	MaxPlace        = 500
	MaxInterviewers = 500
	MinMinutes      = 10
	MaxMinutes      = 480
)

// Input is a round as typed into the prep sheet's form.
type Input struct {
	Name         string // "一次面接", "Final round"
	Date         string // 2027-01-15 (a date input's value)
	Time         string // 10:00
	Zone         string // IANA name: Asia/Tokyo
	Minutes      string // length in minutes
	Format       string
	Link         string // video: the meeting link
	Address      string // in person: the address; phone: the number or who calls whom
	Interviewers string
}

// Round is a round read from Input.
type Round struct {
	Name         string
	Start, End   time.Time // in Zone
	Zone         string
	Format       string
	Link         string
	Address      string
	Interviewers string
}

// FieldError is one problem with one field of Input.
type FieldError struct {
	Field string // the Input field's name in lower case: "date", "zone", …
	Text  textcode.Text
}

// Read checks in and returns the round, or every problem found (a form
// shows each next to its field, with what was typed kept). A round must be
// in the future at now.
func Read(in Input, now time.Time) (Round, []FieldError) {
	var errs []FieldError
	bad := func(field, code string, kv ...string) {
		errs = append(errs, FieldError{Field: field, Text: textcode.New(code, kv...)})
	}
	r := Round{
		Name:         strings.TrimSpace(in.Name),
		Zone:         strings.TrimSpace(in.Zone),
		Format:       strings.TrimSpace(in.Format),
		Link:         strings.TrimSpace(in.Link),
		Address:      strings.TrimSpace(in.Address),
		Interviewers: strings.TrimSpace(in.Interviewers),
	}
	switch n := utf8.RuneCountInString(r.Name); {
	case n == 0:
		bad("name", "rounds.err.name_empty")
	case n > MaxName:
		bad("name", "rounds.err.too_long", "max", strconv.Itoa(MaxName))
	}
	if utf8.RuneCountInString(r.Interviewers) > MaxInterviewers {
		bad("interviewers", "rounds.err.too_long", "max", strconv.Itoa(MaxInterviewers))
	}
	loc, zerr := ics.LoadZone(r.Zone)
	if zerr != nil {
		bad("zone", "rounds.err.zone", "input", in.Zone)
	}
	day, derr := time.Parse("2006-01-02", strings.TrimSpace(in.Date))
	if derr != nil {
		bad("date", "rounds.err.date", "input", in.Date)
	}
	clock, terr := time.Parse("15:04", strings.TrimSpace(in.Time))
	if terr != nil {
		bad("time", "rounds.err.time", "input", in.Time)
	}
	minutes, merr := strconv.Atoi(strings.TrimSpace(in.Minutes))
	if strings.TrimSpace(in.Minutes) == "" {
		minutes, merr = 60, nil
	}
	if merr != nil || minutes < MinMinutes || minutes > MaxMinutes {
		bad("minutes", "rounds.err.minutes", "input", in.Minutes, "min", strconv.Itoa(MinMinutes), "max", strconv.Itoa(MaxMinutes))
	}
	if zerr == nil && derr == nil && terr == nil {
		r.Start = time.Date(day.Year(), day.Month(), day.Day(), clock.Hour(), clock.Minute(), 0, 0, loc)
		// A wall time skipped by a daylight-saving change does not exist.
		if r.Start.Hour() != clock.Hour() || r.Start.Minute() != clock.Minute() {
			bad("time", "rounds.err.time_gap", "input", in.Time)
		} else if !r.Start.After(now) {
			bad("date", "rounds.err.past")
		}
		r.End = r.Start.Add(time.Duration(minutes) * time.Minute)
	}
	switch r.Format {
	case Phone:
		if r.Address == "" {
			bad("address", "rounds.err.phone")
		}
	case Video:
		u, err := url.Parse(r.Link)
		if r.Link == "" || err != nil || u.Scheme != "https" && u.Scheme != "http" || u.Host == "" || strings.ContainsAny(r.Link, " \"") {
			bad("link", "rounds.err.link", "input", in.Link)
		}
	case InPerson:
		if r.Address == "" {
			bad("address", "rounds.err.address")
		}
	default:
		bad("format", "rounds.err.format")
	}
	if utf8.RuneCountInString(r.Address) > MaxPlace || utf8.RuneCountInString(r.Link) > MaxPlace {
		bad("address", "rounds.err.too_long", "max", strconv.Itoa(MaxPlace))
	}
	if len(errs) > 0 {
		return Round{}, errs
	}
	return r, nil
}

// Item is one line of the day-before checklist, with the id of the
// checklist entry (content/checklist) it comes from.
type Item struct {
	Text      textcode.Text
	Checklist string
}

// DayBefore is the checklist for the day before a round of format, drawn
// from the checklist's don'ts (never be late, leave nothing to chance) and
// the set-up and route step.
func DayBefore(format string) []Item {
	var out []Item
	add := func(code, from string) { out = append(out, Item{textcode.New(code), from}) }
	switch format {
	case Phone:
		add("rounds.day.phone.room", "leave-nothing-to-chance")
		add("rounds.day.phone.number", "never-be-late")
		add("rounds.day.phone.battery", "test-setup-and-route")
	case Video:
		add("rounds.day.video.link", "test-setup-and-route")
		add("rounds.day.video.av", "test-setup-and-route")
		add("rounds.day.video.early", "never-be-late")
	case InPerson:
		add("rounds.day.person.route", "test-setup-and-route")
		add("rounds.day.person.early", "never-be-late")
		add("rounds.day.person.papers", "leave-nothing-to-chance")
	}
	add("rounds.day.all.prepare", "leave-nothing-to-chance")
	return out
}

// Next returns the index of the first round that has not started at now,
// or -1.
func Next(rs []Round, now time.Time) int {
	best := -1
	for i, r := range rs {
		if r.Start.After(now) && (best < 0 || r.Start.Before(rs[best].Start)) {
			best = i
		}
	}
	return best
}

// Sort orders rounds by start.
func Sort(rs []Round) {
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Start.Before(rs[j].Start) })
}

// Countdown says how long until start: days and hours while a day or
// more is left, hours and minutes within a day, minutes within an hour;
// "started" once it has.
func Countdown(now, start time.Time) textcode.Text {
	d := start.Sub(now)
	if d <= 0 {
		return textcode.New("rounds.count.started")
	}
	mins := int(d.Round(time.Minute) / time.Minute)
	if mins == 0 {
		mins = 1
	}
	days, hours, m := mins/(24*60), mins/60%24, mins%60
	switch {
	case days > 0:
		return textcode.New("rounds.count.days", "days", strconv.Itoa(days), "hours", strconv.Itoa(hours))
	case hours > 0:
		return textcode.New("rounds.count.hours", "hours", strconv.Itoa(hours), "minutes", strconv.Itoa(m))
	default:
		return textcode.New("rounds.count.minutes", "minutes", strconv.Itoa(m))
	}
}

// FormatName is the message code of a format's name.
func FormatName(format string) textcode.Text { return textcode.New("rounds.format." + format) }

var catalog = textcode.Catalog{
	"rounds.format.phone":     {"電話", "Phone"},
	"rounds.format.video":     {"オンライン(ビデオ)", "Video"},
	"rounds.format.in-person": {"対面", "In person"},

	"rounds.err.name_empty": {"面接の名前を入力してください(例: 一次面接)。", "Give the round a name (for example: First interview)."},
	"rounds.err.too_long":   {"{max}文字以内で入力してください。", "Keep it to {max} characters."},
	"rounds.err.zone":       {"「{input}」というタイムゾーンはありません。「Asia/Tokyo」のような名前を選んでください。", "“{input}” is not a time zone. Choose one by name, such as Asia/Tokyo."},
	"rounds.err.date":       {"「{input}」は日付として読めません。年-月-日(例: 2027-01-15)で入力してください。", "“{input}” is not a date. Use year-month-day, for example 2027-01-15."},
	"rounds.err.time":       {"「{input}」は時刻として読めません。24時間表記(例: 14:30)で入力してください。", "“{input}” is not a time. Use the 24-hour clock, for example 14:30."},
	"rounds.err.time_gap":   {"{input} はサマータイムの切り替えで存在しない時刻です。面接の案内を確かめてください。", "{input} does not exist on that day: the clocks change. Check the invitation."},
	"rounds.err.past":       {"この日時はすでに過ぎています。これからの面接の日時を入力してください。", "That date and time have passed. Enter an interview still to come."},
	"rounds.err.minutes":    {"面接の長さは{min}〜{max}分の数字で入力してください(入力: 「{input}」)。", "Give the length as a number of minutes from {min} to {max} (you typed “{input}”)."},
	"rounds.err.format":     {"面接の形式(電話・オンライン・対面)を選んでください。", "Choose the format: phone, video or in person."},
	"rounds.err.phone":      {"電話番号、またはどちらから電話するかを入力してください。", "Enter the number, or who calls whom."},
	"rounds.err.link":       {"「{input}」は会議のリンクとして使えません。https:// から始まるURLを入力してください。", "“{input}” is not a meeting link. Enter a URL starting with https://."},
	"rounds.err.address":    {"面接会場の住所を入力してください。", "Enter the address of the interview."},

	"rounds.day.phone.room":    {"静かで電波の良い部屋を確保し、その時間は邪魔が入らないようにしておく。", "Book a quiet room with good signal, where nobody will interrupt you."},
	"rounds.day.phone.number":  {"かかってくる番号、またはかける番号と時刻をもう一度確認する。知らない番号にも出られるようにしておく。", "Check again the number and the time, and who calls whom; be ready to pick up an unknown number."},
	"rounds.day.phone.battery": {"電話を充電し、メモと職務経歴書を手元に用意する。", "Charge the phone and keep notes and your CV in front of you."},
	"rounds.day.video.link":    {"会議のリンクを開いてみて、必要なアプリやログインを済ませておく。", "Open the meeting link once and install or sign in to whatever it needs."},
	"rounds.day.video.av":      {"カメラ・マイク・スピーカーと通信環境を試し、背景と明るさを整える。", "Test camera, microphone, speakers and connection; tidy the background and the light."},
	"rounds.day.video.early":   {"当日は開始10分前には接続できる状態にしておく。", "On the day, be set up and ready ten minutes before the start."},
	"rounds.day.person.route":  {"会場までの経路と所要時間を調べ、遅延に備えた代わりの行き方も決めておく。", "Look up the route and travel time, and pick a fallback in case of delays."},
	"rounds.day.person.early":  {"開始の10〜15分前に着くように出発時刻を決める。", "Set off so as to arrive 10 to 15 minutes before the start."},
	"rounds.day.person.papers": {"受付で名乗る担当者名、持ち物、服装を前日のうちに準備する。", "Get ready the name to give at reception, what to bring and what to wear."},
	"rounds.day.all.prepare":   {"ストーリーと逆質問を見直し、求人票の必須条件をもう一度読む。", "Go over your stories and your questions, and read the posting's must-haves once more."},

	"rounds.count.started": {"開始時刻を過ぎました", "Started"},
	"rounds.count.days":    {"あと{days}日{hours}時間", "In {days} d {hours} h"},
	"rounds.count.hours":   {"あと{hours}時間{minutes}分", "In {hours} h {minutes} min"},
	"rounds.count.minutes": {"あと{minutes}分", "In {minutes} min"},
}

// Message renders one of this package's codes in lang ("ja" or "en").
func Message(code string, params map[string]string, lang string) string {
	return catalog.Message(code, params, lang)
}
