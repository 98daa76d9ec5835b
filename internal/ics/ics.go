// Package ics writes iCalendar files (RFC 5545) for interview rounds, so a
// candidate can put each round in their calendar with a reminder the day
// before.
//
// Times are written in the round's own time zone (DTSTART;TZID=Asia/Tokyo)
// with a VTIMEZONE built from Go's zone data, not as UTC. Both import
// correctly into Google Calendar, Apple Calendar and Outlook, but the zone
// keeps what the interviewer said ("10:00 Tokyo time") in the file: an app
// that shows the event's zone shows that one, an edit keeps it, and a
// daylight-saving change between now and the interview is right because
// the VTIMEZONE carries the offsets for the interview's dates. Outlook in
// particular reads the VTIMEZONE rather than the IANA name; Google and Apple
// recognise the name. A round in UTC is written with the Z form and no
// VTIMEZONE.
package ics

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aeprep/aeprep/internal/textcode"
)

// ProdID names the program that wrote the file (RFC 5545 3.7.3).
const ProdID = "-//aeprep//Interview rounds 1.0//EN"

// Event is one interview round.
type Event struct {
	UID         string    // stable and unique: the same round keeps its UID when re-exported
	Start       time.Time // in the round's time zone
	End         time.Time
	Summary     string
	Location    string // address, or "Video call" and the like
	Description string
	URL         string // the video link, if any
	// AlarmText is the reminder shown the day before; Summary if empty.
	AlarmText string
}

// Errors, each a message code of this package.
var (
	ErrNoEvents = errors.New("ics.err.no_events")
	ErrUID      = errors.New("ics.err.uid")
	ErrSummary  = errors.New("ics.err.summary")
	ErrEnd      = errors.New("ics.err.end")
	ErrURL      = errors.New("ics.err.url")
	ErrZone     = errors.New("ics.err.zone")
)

// LoadZone loads an IANA time zone by name, refusing the empty name and
// "Local" (a file must not depend on the server's zone).
func LoadZone(name string) (*time.Location, error) {
	if name == "" || name == "Local" {
		return nil, ErrZone
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, ErrZone
	}
	return loc, nil
}

// Write returns the calendar holding events, stamped with now. Every line
// ends in CRLF and is folded at 75 octets.
func Write(events []Event, now time.Time) ([]byte, error) {
	if len(events) == 0 {
		return nil, ErrNoEvents
	}
	for _, e := range events {
		switch {
		case strings.TrimSpace(e.UID) == "" || strings.ContainsAny(e.UID, "\r\n"):
			return nil, ErrUID
		case strings.TrimSpace(e.Summary) == "":
			return nil, ErrSummary
		case !e.End.After(e.Start):
			return nil, ErrEnd
		case strings.ContainsAny(e.URL, "\r\n \""):
			return nil, ErrURL
		}
	}
	var w writer
	w.line("BEGIN:VCALENDAR")
	w.line("VERSION:2.0")
	w.line("PRODID:" + ProdID)
	w.line("CALSCALE:GREGORIAN")
	w.line("METHOD:PUBLISH")

	zones := map[string]*time.Location{}
	var names []string
	for _, e := range events {
		loc := e.Start.Location()
		if loc == time.UTC || loc.String() == "UTC" {
			continue
		}
		if _, ok := zones[loc.String()]; !ok {
			zones[loc.String()] = loc
			names = append(names, loc.String())
		}
	}
	sort.Strings(names)
	for _, n := range names {
		var times []time.Time
		for _, e := range events {
			if e.Start.Location().String() == n {
				times = append(times, e.Start, e.End)
			}
		}
		writeZone(&w, zones[n], times)
	}

	stamp := now.UTC().Format("20060102T150405Z")
	for _, e := range events {
		w.line("BEGIN:VEVENT")
		w.line("UID:" + e.UID)
		w.line("DTSTAMP:" + stamp)
		w.line(dateTime("DTSTART", e.Start))
		w.line(dateTime("DTEND", e.End.In(e.Start.Location())))
		w.line("SUMMARY:" + Escape(e.Summary))
		if e.Location != "" {
			w.line("LOCATION:" + Escape(e.Location))
		}
		if e.Description != "" {
			w.line("DESCRIPTION:" + Escape(e.Description))
		}
		if e.URL != "" {
			w.line("URL:" + e.URL)
		}
		alarm := e.AlarmText
		if alarm == "" {
			alarm = e.Summary
		}
		w.line("BEGIN:VALARM")
		w.line("ACTION:DISPLAY")
		w.line("DESCRIPTION:" + Escape(alarm))
		w.line("TRIGGER;RELATED=START:-P1D")
		w.line("END:VALARM")
		w.line("END:VEVENT")
	}
	w.line("END:VCALENDAR")
	return []byte(w.b.String()), nil
}

func dateTime(name string, t time.Time) string {
	loc := t.Location()
	if loc == time.UTC || loc.String() == "UTC" {
		return name + ":" + t.UTC().Format("20060102T150405Z")
	}
	return name + ";TZID=" + loc.String() + ":" + t.Format("20060102T150405")
}

// writeZone writes a VTIMEZONE whose observances cover a year either side
// of the given times: one observance for each period of the zone data (an
// offset in force from a transition to the next), with no RRULE, which RFC
// 5545 allows and which says exactly what the zone data says.
func writeZone(w *writer, loc *time.Location, times []time.Time) {
	sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
	from := times[0].AddDate(-1, 0, 0)
	to := times[len(times)-1].AddDate(1, 0, 0)
	w.line("BEGIN:VTIMEZONE")
	w.line("TZID:" + loc.String())
	t := from.In(loc)
	first := true
	for i := 0; i < 1000; i++ { // bounded: a zone changes at most a few times a year
		start, end := t.ZoneBounds()
		name, off := t.Zone()
		prevOff := off
		var dtstart string
		if start.IsZero() {
			dtstart = "19700101T000000"
		} else {
			_, prevOff = start.Add(-time.Second).Zone()
			// An observance starts at the local time of the offset it replaces.
			dtstart = start.In(time.FixedZone("", prevOff)).Format("20060102T150405")
		}
		if first || !start.IsZero() {
			kind := "STANDARD"
			if t.IsDST() {
				kind = "DAYLIGHT"
			}
			w.line("BEGIN:" + kind)
			w.line("DTSTART:" + dtstart)
			w.line("TZOFFSETFROM:" + offset(prevOff))
			w.line("TZOFFSETTO:" + offset(off))
			if name != "" && !strings.ContainsAny(name, "+-") {
				w.line("TZNAME:" + Escape(name))
			}
			w.line("END:" + kind)
		}
		first = false
		if end.IsZero() || end.After(to) {
			break
		}
		t = end.In(loc)
	}
	w.line("END:VTIMEZONE")
}

func offset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	s := fmt.Sprintf("%s%02d%02d", sign, sec/3600, sec%3600/60)
	if sec%60 != 0 {
		s += fmt.Sprintf("%02d", sec%60)
	}
	return s
}

// Escape escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon and
// comma get a backslash, and every line break becomes \n.
func Escape(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case ';':
			b.WriteString(`\;`)
		case ',':
			b.WriteString(`\,`)
		case '\n':
			b.WriteString(`\n`)
		default:
			if r < 0x20 && r != '\t' || r == 0x7f {
				continue // control characters are not allowed in TEXT
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

type writer struct{ b strings.Builder }

// line writes one content line folded at 75 octets (RFC 5545 3.1): a
// continuation line starts with a space, which counts towards its 75, and
// no UTF-8 character is split.
func (w *writer) line(s string) {
	w.b.WriteString(Fold(s))
}

// Fold folds one content line and ends it, and each piece, with CRLF.
func Fold(s string) string {
	var b strings.Builder
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > limit-utf8.UTFMax && !utf8.RuneStart(s[cut]) {
			cut--
		}
		if !utf8.RuneStart(s[cut]) {
			cut = limit // not UTF-8 here: cut at the limit rather than loop
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74
	}
	b.WriteString(s)
	b.WriteString("\r\n")
	return b.String()
}

var catalog = textcode.Catalog{
	"ics.err.no_events": {"カレンダーに入れる面接がありません。", "There is no interview to put in the calendar."},
	"ics.err.uid":       {"面接の識別子がありません。", "The interview has no identifier."},
	"ics.err.summary":   {"面接の件名を入力してください。", "Give the interview a title."},
	"ics.err.end":       {"終了時刻は開始時刻より後にしてください。", "The end time must be after the start time."},
	"ics.err.url":       {"リンクに空白や改行を含めないでください。", "The link must not contain spaces or line breaks."},
	"ics.err.zone":      {"タイムゾーンが見つかりません。「Asia/Tokyo」のような名前で選んでください。", "Unknown time zone. Choose one by name, such as Asia/Tokyo."},
}

// Message renders one of this package's codes in lang ("ja" or "en").
func Message(code string, params map[string]string, lang string) string {
	return catalog.Message(code, params, lang)
}
