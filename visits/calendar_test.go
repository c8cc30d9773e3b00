package visits

import (
	"errors"
	"strings"
	"testing"
	"time"
)

const nationalDay2026 = `{
  "name": "2026 国庆",
  "year_from": 2026,
  "holidays": ["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04",
               "2026-10-05", "2026-10-06", "2026-10-07", "2026-10-08"],
  "workdays": ["2026-09-27", "2026-10-10"]
}`

func mustCalendar(t testing.TB, s string) *Calendar {
	t.Helper()
	c, err := ParseCalendar([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestParseCalendarErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{``, "EOF"},
		{`null`, "year_from 0"},
		{`[]`, "cannot unmarshal"},
		{`{"year_from": 2026, "holiday": ["2026-10-01"]}`, `unknown field "holiday"`},
		{`{"holidays": ["2026-10-01"]}`, "year_from 0"},
		{`{"year_from": 26}`, "year_from 26"},
		{`{"year_from": 2026, "holidays": ["2026-13-01"]}`, `"2026-13-01" is not a date`},
		{`{"year_from": 2026, "holidays": ["2026-1-1"]}`, `"2026-1-1" is not a date`},
		{`{"year_from": 2026, "holidays": ["2025-10-01"]}`, "before year_from 2026"},
		{`{"year_from": 2026, "holidays": ["2026-10-01", "2026-10-01"]}`, "already listed in holidays"},
		{`{"year_from": 2026, "holidays": ["2026-10-10"], "workdays": ["2026-10-10"]}`, "already listed in holidays"},
		{`{"year_from": 2026, "workdays": ["2026-10-12"]}`, "2026-10-12 is a Monday"},
		{`{"year_from": 2026} {}`, "extra data"},
		{`{"year_from": "2026"}`, "cannot unmarshal"},
	}
	for _, tt := range tests {
		c, err := ParseCalendar([]byte(tt.in))
		if err == nil || c != nil {
			t.Errorf("ParseCalendar(%s) = %v, %v; want error", tt.in, c, err)
			continue
		}
		if !errors.Is(err, ErrCalendar) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseCalendar(%s) error %q, want ErrCalendar containing %q", tt.in, err, tt.want)
		}
	}
}

func TestCalendarIsWorkday(t *testing.T) {
	c := mustCalendar(t, nationalDay2026)
	if c.Default() || c.Name != "2026 国庆" || c.YearFrom != 2026 {
		t.Errorf("calendar = %+v", c)
	}
	var none *Calendar
	if !none.Default() {
		t.Error("nil calendar is not Default")
	}
	tests := []struct {
		d         Date
		def, with bool
	}{
		{"2026-09-25", true, true},   // Friday
		{"2026-09-26", false, false}, // Saturday
		{"2026-09-27", false, true},  // Sunday worked
		{"2026-10-01", true, false},  // Thursday, holiday
		{"2026-10-03", false, false}, // Saturday, holiday
		{"2026-10-09", true, true},
		{"2026-10-10", false, true},
		{"2026-10-11", false, false},
		{"2024-02-29", true, true},
		{"bogus", false, false},
		{"", false, false},
	}
	for _, tt := range tests {
		if got := none.IsWorkday(tt.d); got != tt.def {
			t.Errorf("default IsWorkday(%s) = %v", tt.d, got)
		}
		if got := c.IsWorkday(tt.d); got != tt.with {
			t.Errorf("IsWorkday(%s) = %v", tt.d, got)
		}
	}
}

func TestAddWorkdays(t *testing.T) {
	c := mustCalendar(t, nationalDay2026)
	tests := []struct {
		cal  *Calendar
		d    Date
		n    int
		want Date
	}{
		{nil, "2026-05-04", 0, "2026-05-04"},  // Monday
		{nil, "2026-05-09", 0, "2026-05-09"},  // Saturday stays
		{nil, "2026-05-04", 1, "2026-05-05"},  // Monday + 1
		{nil, "2026-05-08", 1, "2026-05-11"},  // Friday + 1 = Monday
		{nil, "2026-05-09", 1, "2026-05-11"},  // Saturday + 1 = Monday
		{nil, "2026-05-10", 3, "2026-05-13"},  // Sunday + 3 = Wednesday
		{nil, "2026-05-04", 5, "2026-05-11"},  // a week
		{nil, "2026-05-04", 20, "2026-06-01"}, // four weeks
		{nil, "2026-05-11", -1, "2026-05-08"}, // back over a weekend
		{nil, "2026-05-11", -5, "2026-05-04"},
		{nil, "2026-12-31", 1, "2027-01-01"},
		{c, "2026-09-30", 1, "2026-10-09"},
		{c, "2026-09-30", 2, "2026-10-10"},
		{c, "2026-09-30", 3, "2026-10-12"},
		{c, "2026-09-25", 1, "2026-09-27"},
		{c, "2026-10-09", -1, "2026-09-30"},
		{nil, "junk", 3, "junk"},
	}
	for _, tt := range tests {
		if got := tt.cal.AddWorkdays(tt.d, tt.n); got != tt.want {
			t.Errorf("AddWorkdays(%s, %d) default=%v = %s, want %s", tt.d, tt.n, tt.cal.Default(), got, tt.want)
		}
	}
}

func TestDayNumbersAgreeWithTime(t *testing.T) {
	start := time.Date(1999, 12, 25, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 20000; i += 7 {
		tm := start.AddDate(0, 0, i)
		d := Date(tm.Format(time.DateOnly))
		n, ok := dayNum(d)
		if !ok || n != int(tm.Unix()/86400) {
			t.Fatalf("dayNum(%s) = %d %v, want %d", d, n, ok, tm.Unix()/86400)
		}
		if back := dateOfNum(n); back != d {
			t.Fatalf("dateOfNum(%d) = %s, want %s", n, back, d)
		}
		if weekdayOf(n) != tm.Weekday() {
			t.Fatalf("weekdayOf(%s) = %v, want %v", d, weekdayOf(n), tm.Weekday())
		}
	}
	for _, bad := range []Date{"2026-02-29", "2026-00-10", "2026-04-31", "20260101", "2026/01/01", "２０２６-01-01"} {
		if _, ok := dayNum(bad); ok {
			t.Errorf("dayNum(%s) accepted", bad)
		}
	}
}

func FuzzParseCalendar(f *testing.F) {
	f.Add([]byte(nationalDay2026))
	f.Add([]byte(`{"year_from": 2026}`))
	f.Add([]byte(`{"year_from": 2026, "workdays": ["2026-10-10"], "holidays": ["2026-12-31"]}`))
	f.Add([]byte(`{`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseCalendar(data)
		if err != nil {
			if c != nil || !errors.Is(err, ErrCalendar) {
				t.Fatalf("error %v with calendar %v", err, c)
			}
			return
		}
		if c == nil || c.Default() {
			t.Fatal("nil calendar without error")
		}
		for n := range c.workdays {
			if wd := weekdayOf(n); wd != time.Saturday && wd != time.Sunday {
				t.Fatalf("workday %s on a %v", dateOfNum(n), wd)
			}
			if c.holidays[n] {
				t.Fatalf("%s in both lists", dateOfNum(n))
			}
		}
		d := Date("2026-01-01")
		if got := c.AddWorkdays(c.AddWorkdays(d, 10), -10); got > d || !c.IsWorkday(c.AddWorkdays(d, 10)) {
			t.Fatalf("AddWorkdays round trip from %s gave %s", d, got)
		}
	})
}
