package ics

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ical "github.com/arran4/golang-ical"
)

var now = time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := LoadZone(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func tokyoRound(t *testing.T) Event {
	tokyo := mustZone(t, "Asia/Tokyo")
	return Event{
		UID:         "round-17@aeprep",
		Start:       time.Date(2027, 1, 15, 10, 0, 0, 0, tokyo),
		End:         time.Date(2027, 1, 15, 11, 0, 0, 0, tokyo),
		Summary:     "一次面接: 株式会社サンプル, アカウントエグゼクティブ",
		Location:    "東京都千代田区丸の内1-1-1; 受付は3階",
		Description: "面接官: 佐藤様(営業部長)\n持ち物: 職務経歴書, ポートフォリオ\nパス: C:\\docs",
		URL:         "https://meet.example.com/abc-defg-hij?pwd=1;2",
		AlarmText:   "明日は一次面接です。経路を確認し、10分前に到着しましょう。",
	}
}

func parse(t *testing.T, b []byte) *ical.Calendar {
	t.Helper()
	cal, err := ical.ParseCalendar(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, b)
	}
	return cal
}

func prop(c interface {
	GetProperty(ical.ComponentProperty) *ical.IANAProperty
}, p ical.ComponentProperty) string {
	if v := c.GetProperty(p); v != nil {
		return v.Value
	}
	return ""
}

func TestRoundTripThroughLibrary(t *testing.T) {
	e := tokyoRound(t)
	b, err := Write([]Event{e}, now)
	if err != nil {
		t.Fatal(err)
	}
	cal := parse(t, b)
	if got := cal.CalendarProperties; len(got) == 0 {
		t.Fatal("no calendar properties")
	}
	var prodid, version string
	for _, p := range cal.CalendarProperties {
		switch p.IANAToken {
		case "PRODID":
			prodid = p.Value
		case "VERSION":
			version = p.Value
		}
	}
	if prodid != ProdID || version != "2.0" {
		t.Errorf("PRODID %q VERSION %q", prodid, version)
	}
	evs := cal.Events()
	if len(evs) != 1 {
		t.Fatalf("%d events", len(evs))
	}
	ev := evs[0]
	checks := []struct {
		p    ical.ComponentProperty
		want string
	}{
		{ical.ComponentPropertyUniqueId, e.UID},
		{ical.ComponentPropertySummary, e.Summary},
		{ical.ComponentPropertyLocation, e.Location},
		{ical.ComponentPropertyDescription, e.Description},
		{ical.ComponentPropertyDtstamp, "20261201T093000Z"},
	}
	for _, c := range checks {
		if got := ical.FromText(prop(ev, c.p)); got != c.want {
			t.Errorf("%s = %q, want %q", c.p, got, c.want)
		}
	}
	if got := prop(ev, ical.ComponentPropertyUrl); got != e.URL {
		t.Errorf("URL = %q (a URI is not TEXT-escaped)", got)
	}
	start, err := ev.GetStartAt()
	if err != nil || !start.Equal(e.Start) || start.Location().String() != "Asia/Tokyo" {
		t.Errorf("start = %v (%v), want %v", start, err, e.Start)
	}
	end, err := ev.GetEndAt()
	if err != nil || !end.Equal(e.End) {
		t.Errorf("end = %v (%v)", end, err)
	}
	if got := ev.GetProperty(ical.ComponentPropertyDtStart).ICalParameters["TZID"]; len(got) != 1 || got[0] != "Asia/Tokyo" {
		t.Errorf("DTSTART TZID = %v", got)
	}
	al := ev.Alarms()
	if len(al) != 1 {
		t.Fatalf("%d alarms", len(al))
	}
	if got := prop(al[0], ical.ComponentPropertyTrigger); got != "-P1D" {
		t.Errorf("TRIGGER = %q", got)
	}
	if got := prop(al[0], ical.ComponentPropertyAction); got != "DISPLAY" {
		t.Errorf("ACTION = %q", got)
	}
	if got := ical.FromText(prop(al[0], ical.ComponentPropertyDescription)); got != e.AlarmText {
		t.Errorf("alarm text = %q", got)
	}
	tzs := cal.Timezones()
	if len(tzs) != 1 || prop(tzs[0], ical.ComponentPropertyTzid) != "Asia/Tokyo" {
		t.Fatalf("timezones: %d", len(tzs))
	}
	if !strings.Contains(string(b), "TZOFFSETTO:+0900\r\n") {
		t.Errorf("no +0900 observance:\n%s", b)
	}
}

func TestDaylightSavingZone(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	// Just after the March 2027 change (14 March): EDT, UTC-4.
	e := Event{UID: "r1@aeprep", Summary: "Final round", Start: time.Date(2027, 3, 16, 9, 0, 0, 0, ny), End: time.Date(2027, 3, 16, 10, 0, 0, 0, ny)}
	b, err := Write([]Event{e}, now)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{
		"BEGIN:DAYLIGHT\r\nDTSTART:20270314T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT\r\nEND:DAYLIGHT\r\n",
		"BEGIN:STANDARD\r\nDTSTART:20271107T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nTZNAME:EST\r\nEND:STANDARD\r\n",
		"DTSTART;TZID=America/New_York:20270316T090000\r\n",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %q in\n%s", want, s)
		}
	}
	cal := parse(t, b)
	start, err := cal.Events()[0].GetStartAt()
	if err != nil || !start.Equal(time.Date(2027, 3, 16, 13, 0, 0, 0, time.UTC)) {
		t.Errorf("start = %v %v", start.UTC(), err)
	}
}

func TestUTCRound(t *testing.T) {
	e := Event{UID: "u@aeprep", Summary: "Call", Start: time.Date(2027, 2, 1, 8, 0, 0, 0, time.UTC), End: time.Date(2027, 2, 1, 8, 30, 0, 0, time.UTC)}
	b, _ := Write([]Event{e}, now)
	if strings.Contains(string(b), "VTIMEZONE") || !strings.Contains(string(b), "DTSTART:20270201T080000Z\r\n") {
		t.Errorf("UTC round:\n%s", b)
	}
	start, err := parse(t, b).Events()[0].GetStartAt()
	if err != nil || !start.Equal(e.Start) {
		t.Errorf("start %v %v", start, err)
	}
}

func TestLinesAreFoldedAndEnded(t *testing.T) {
	e := tokyoRound(t)
	e.Description = strings.Repeat("営業職の面接対策、", 30) + "end"
	b, err := Write([]Event{e, tokyoRound(t)}, now)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasSuffix(b, []byte("END:VCALENDAR\r\n")) {
		t.Error("the file does not end with END:VCALENDAR CRLF")
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\r\n"), "\r\n")
	var unfolded strings.Builder
	for i, l := range lines {
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i, l)
		}
		if len(l) > 75 {
			t.Errorf("line %d is %d octets", i, len(l))
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a character: %q", i, l)
		}
		if strings.HasPrefix(l, " ") {
			unfolded.WriteString(l[1:])
		} else {
			unfolded.WriteString("\n" + l)
		}
	}
	if !strings.Contains(unfolded.String(), "\nDESCRIPTION:"+Escape(e.Description)+"\n") {
		t.Error("unfolding does not give the description back")
	}
	got := ical.FromText(prop(parse(t, b).Events()[0], ical.ComponentPropertyDescription))
	if got != e.Description {
		t.Errorf("library reads %q", got)
	}
}

func TestFoldGolden(t *testing.T) {
	// 9 ASCII octets then 3-octet characters: the first line takes 75
	// octets (9 + 22×3), the next 74 after its space (24 characters = 72
	// octets, since a 25th would need 75).
	s := "SUMMARY:" + "x" + strings.Repeat("面", 50)
	want := "SUMMARY:x" + strings.Repeat("面", 22) + "\r\n " + strings.Repeat("面", 24) + "\r\n " + strings.Repeat("面", 4) + "\r\n"
	if got := Fold(s); got != want {
		t.Errorf("Fold:\n got %q\nwant %q", got, want)
	}
	if got := Fold("SUMMARY:short"); got != "SUMMARY:short\r\n" {
		t.Errorf("short line: %q", got)
	}
	ascii := "DESCRIPTION:" + strings.Repeat("a", 63) // exactly 75
	if got := Fold(ascii); got != ascii+"\r\n" {
		t.Errorf("75 octets folded: %q", got)
	}
	if got := Fold(ascii + "b"); got != ascii+"\r\n b\r\n" {
		t.Errorf("76 octets: %q", got)
	}
}

func TestEscapeGolden(t *testing.T) {
	tests := []struct{ in, want string }{
		{"面接; 東京, 本社", `面接\; 東京\, 本社`},
		{"C:\\path", `C:\\path`},
		{"一行目\r\n二行目\n三行目\r四行目", `一行目\n二行目\n三行目\n四行目`},
		{"bell\x07 tab\t", "bell tab\t"},
		{`\n is literal`, `\\n is literal`},
	}
	for _, tt := range tests {
		if got := Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBadInput(t *testing.T) {
	ok := tokyoRound(t)
	tests := []struct {
		name string
		mod  func(*Event)
		want error
	}{
		{"no uid", func(e *Event) { e.UID = " " }, ErrUID},
		{"no summary", func(e *Event) { e.Summary = "" }, ErrSummary},
		{"end before start", func(e *Event) { e.End = e.Start.Add(-time.Minute) }, ErrEnd},
		{"end equals start", func(e *Event) { e.End = e.Start }, ErrEnd},
		{"url with a line break", func(e *Event) { e.URL = "https://x\r\nEVIL:1" }, ErrURL},
	}
	for _, tt := range tests {
		e := ok
		tt.mod(&e)
		if _, err := Write([]Event{e}, now); !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
		if Message(tt.want.Error(), nil, "ja") == tt.want.Error() {
			t.Errorf("%s: no message", tt.name)
		}
	}
	if _, err := Write(nil, now); !errors.Is(err, ErrNoEvents) {
		t.Errorf("no events: %v", err)
	}
	for _, z := range []string{"", "Local", "Mars/Olympus", "Tokyo"} {
		if _, err := LoadZone(z); !errors.Is(err, ErrZone) {
			t.Errorf("LoadZone(%q) = %v", z, err)
		}
	}
	if p := catalog.Problems(); len(p) > 0 {
		t.Error(p)
	}
}
