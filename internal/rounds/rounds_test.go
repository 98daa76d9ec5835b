package rounds

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

var now = time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)

func good() Input {
	return Input{Name: "一次面接", Date: "2027-03-15", Time: "10:00", Zone: "Asia/Tokyo", Minutes: "45",
		Format: Video, Link: "https://meet.example.com/abc"}
}

func TestRead(t *testing.T) {
	r, errs := Read(good(), now)
	if errs != nil {
		t.Fatal(errs)
	}
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	if !r.Start.Equal(time.Date(2027, 3, 15, 10, 0, 0, 0, tokyo)) || r.End.Sub(r.Start) != 45*time.Minute || r.Start.Location().String() != "Asia/Tokyo" {
		t.Errorf("round %v – %v", r.Start, r.End)
	}
	in := good()
	in.Minutes = ""
	if r, _ := Read(in, now); r.End.Sub(r.Start) != time.Hour {
		t.Errorf("default length %v", r.End.Sub(r.Start))
	}

	tests := []struct {
		name   string
		mod    func(*Input)
		fields []string
		code   string
	}{
		{"empty name", func(i *Input) { i.Name = "  " }, []string{"name"}, "rounds.err.name_empty"},
		{"long name", func(i *Input) { i.Name = strings.Repeat("面", MaxName+1) }, []string{"name"}, "rounds.err.too_long"},
		{"unknown zone", func(i *Input) { i.Zone = "Asia/Tokio" }, []string{"zone"}, "rounds.err.zone"},
		{"local zone", func(i *Input) { i.Zone = "Local" }, []string{"zone"}, "rounds.err.zone"},
		{"bad date", func(i *Input) { i.Date = "2027-02-30" }, []string{"date"}, "rounds.err.date"},
		{"japanese date", func(i *Input) { i.Date = "2027年3月15日" }, []string{"date"}, "rounds.err.date"},
		{"bad time", func(i *Input) { i.Time = "25:00" }, []string{"time"}, "rounds.err.time"},
		{"past", func(i *Input) { i.Date = "2027-02-28" }, []string{"date"}, "rounds.err.past"},
		{"skipped by DST", func(i *Input) { i.Zone = "America/New_York"; i.Date = "2027-03-14"; i.Time = "02:30" }, []string{"time"}, "rounds.err.time_gap"},
		{"minutes", func(i *Input) { i.Minutes = "90分" }, []string{"minutes"}, "rounds.err.minutes"},
		{"too short", func(i *Input) { i.Minutes = "5" }, []string{"minutes"}, "rounds.err.minutes"},
		{"format", func(i *Input) { i.Format = "carrier pigeon" }, []string{"format"}, "rounds.err.format"},
		{"video without link", func(i *Input) { i.Link = "" }, []string{"link"}, "rounds.err.link"},
		{"video with javascript link", func(i *Input) { i.Link = "javascript:alert(1)" }, []string{"link"}, "rounds.err.link"},
		{"in person without address", func(i *Input) { i.Format = InPerson }, []string{"address"}, "rounds.err.address"},
		{"phone without number", func(i *Input) { i.Format = Phone }, []string{"address"}, "rounds.err.phone"},
		{"everything wrong at once", func(i *Input) { *i = Input{Zone: "x", Date: "x", Time: "x", Minutes: "x"} },
			[]string{"name", "zone", "date", "time", "minutes", "format"}, "rounds.err.name_empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := good()
			tt.mod(&in)
			r, errs := Read(in, now)
			if !reflect.DeepEqual(r, Round{}) {
				t.Error("a round came back with errors")
			}
			var fields []string
			for _, e := range errs {
				fields = append(fields, e.Field)
				if p, ok := e.Text.Params["input"]; ok && p == "" && tt.name != "everything wrong at once" && e.Field != "link" {
					t.Errorf("typed text not kept in %v", e.Text)
				}
				for _, lang := range []string{"ja", "en"} {
					if m := Message(e.Text.Code, e.Text.Params, lang); m == e.Text.Code || strings.Contains(m, "{") {
						t.Errorf("%s: %q", e.Text.Code, m)
					}
				}
			}
			if !reflect.DeepEqual(fields, tt.fields) || errs[0].Text.Code != tt.code {
				t.Errorf("errors %v (%s), want %v (%s)", fields, errs[0].Text.Code, tt.fields, tt.code)
			}
		})
	}
}

func TestDayBefore(t *testing.T) {
	for _, f := range Formats {
		items := DayBefore(f)
		if len(items) != 4 {
			t.Errorf("%s: %d items", f, len(items))
		}
		seen := map[string]bool{}
		for _, it := range items {
			seen[it.Checklist] = true
			if _, ok := catalog[it.Text.Code]; !ok {
				t.Errorf("%s: no message %s", f, it.Text.Code)
			}
		}
		if !seen["never-be-late"] || !seen["leave-nothing-to-chance"] {
			t.Errorf("%s: not drawn from both don'ts: %v", f, seen)
		}
	}
	if !strings.Contains(DayBefore(Video)[0].Text.Code, "video") || !strings.Contains(DayBefore(InPerson)[0].Text.Code, "person") {
		t.Error("items are not by format")
	}
}

func TestNextAndCountdown(t *testing.T) {
	rs := []Round{{Name: "b", Start: now.Add(48 * time.Hour)}, {Name: "past", Start: now.Add(-time.Hour)}, {Name: "a", Start: now.Add(90 * time.Minute)}}
	if i := Next(rs, now); i != 2 {
		t.Errorf("next = %d", i)
	}
	if i := Next(rs[:2], now.Add(72*time.Hour)); i != -1 {
		t.Errorf("none left = %d", i)
	}
	Sort(rs)
	if rs[0].Name != "past" || rs[2].Name != "b" {
		t.Errorf("sort %v", rs)
	}
	tests := []struct {
		d      time.Duration
		ja, en string
	}{
		{-time.Minute, "開始時刻を過ぎました", "Started"},
		{0, "開始時刻を過ぎました", "Started"},
		{20 * time.Second, "あと1分", "In 1 min"},
		{59 * time.Minute, "あと59分", "In 59 min"},
		{90 * time.Minute, "あと1時間30分", "In 1 h 30 min"},
		{(3*24 + 5) * time.Hour, "あと3日5時間", "In 3 d 5 h"},
	}
	for _, tt := range tests {
		c := Countdown(now, now.Add(tt.d))
		if ja, en := Message(c.Code, c.Params, "ja"), Message(c.Code, c.Params, "en"); ja != tt.ja || en != tt.en {
			t.Errorf("%v: %q / %q", tt.d, ja, en)
		}
	}
	if p := catalog.Problems(); len(p) > 0 {
		t.Error(p)
	}
}
