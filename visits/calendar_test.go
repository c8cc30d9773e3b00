package visits

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// nationalDay2026 is an imported calendar with only the autumn of 2026
// (中秋 and 国庆, as in the State Council's notice): an imported calendar
// covering a year replaces the built-in one for that year.
const nationalDay2026 = `{
  "name": "2026 中秋国庆",
  "year_from": 2026,
  "holidays": ["2026-09-25", "2026-09-26", "2026-09-27",
               "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04",
               "2026-10-05", "2026-10-06", "2026-10-07"],
  "workdays": ["2026-09-20", "2026-10-10"]
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
	if c.Default() || c.Name != "2026 中秋国庆" || c.YearFrom != 2026 {
		t.Errorf("calendar = %+v", c)
	}
	var none *Calendar
	if !none.Default() {
		t.Error("nil calendar is not Default")
	}
	tests := []struct {
		d         Date
		def, with bool // nil (built-in, else Mon–Fri); the imported autumn calendar
	}{
		{"2026-09-18", true, true},   // Friday
		{"2026-09-19", false, false}, // Saturday
		{"2026-09-20", true, true},   // Sunday worked
		{"2026-09-25", false, false}, // Friday, 中秋
		{"2026-09-27", false, false}, // Sunday, 中秋
		{"2026-10-01", false, false}, // Thursday, 国庆
		{"2026-10-03", false, false}, // Saturday, 国庆
		{"2026-10-07", false, false}, // Wednesday, 国庆
		{"2026-10-08", true, true},   // Thursday: worked
		{"2026-10-10", true, true},   // Saturday worked
		{"2026-10-11", false, false},
		{"2026-05-01", false, true}, // 劳动节: the import covers 2026 and does not list it
		{"2026-05-09", true, false}, // worked Saturday of the built-in calendar only
		{"2030-10-01", true, true},  // Tuesday of a year nothing covers: Mon–Fri
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
		// 2030 is covered by no calendar: Monday to Friday. 2030-05-06 is a Monday.
		{nil, "2030-05-06", 0, "2030-05-06"},  // Monday
		{nil, "2030-05-11", 0, "2030-05-11"},  // Saturday stays
		{nil, "2030-05-06", 1, "2030-05-07"},  // Monday + 1
		{nil, "2030-05-10", 1, "2030-05-13"},  // Friday + 1 = Monday
		{nil, "2030-05-11", 1, "2030-05-13"},  // Saturday + 1 = Monday
		{nil, "2030-05-12", 3, "2030-05-15"},  // Sunday + 3 = Wednesday
		{nil, "2030-05-06", 5, "2030-05-13"},  // a week
		{nil, "2030-05-06", 20, "2030-06-03"}, // four weeks
		{nil, "2030-05-13", -1, "2030-05-10"}, // back over a weekend
		{nil, "2030-05-13", -5, "2030-05-06"},
		{nil, "2030-12-31", 1, "2031-01-01"},
		// 2026: the built-in calendar.
		{nil, "2025-12-31", 1, "2026-01-04"}, // 元旦 off, Sunday 1/4 worked
		{nil, "2026-02-13", 1, "2026-02-14"}, // Saturday 2/14 worked
		{nil, "2026-02-14", 1, "2026-02-24"}, // 春节 2/15–2/23
		{nil, "2026-02-24", -1, "2026-02-14"},
		{nil, "2026-04-30", 1, "2026-05-06"}, // 劳动节 5/1–5/5
		{nil, "2026-09-24", 1, "2026-09-28"}, // 中秋 9/25–9/27
		{nil, "2026-09-30", 1, "2026-10-08"}, // 国庆 10/1–10/7
		{nil, "2026-09-30", 3, "2026-10-10"}, // Saturday 10/10 worked
		{nil, "2026-10-08", -1, "2026-09-30"},
		{nil, "2026-12-31", 1, "2027-01-01"}, // 2027: Mon–Fri until its calendar is known
		// The imported autumn calendar.
		{c, "2026-09-30", 1, "2026-10-08"},
		{c, "2026-09-30", 2, "2026-10-09"},
		{c, "2026-09-30", 3, "2026-10-10"},
		{c, "2026-09-19", 1, "2026-09-20"},
		{c, "2026-10-08", -1, "2026-09-30"},
		{c, "2026-04-30", 1, "2026-05-01"}, // the import covers 2026: its May is plain
		{nil, "junk", 3, "junk"},
	}
	for _, tt := range tests {
		if got := tt.cal.AddWorkdays(tt.d, tt.n); got != tt.want {
			t.Errorf("AddWorkdays(%s, %d) default=%v = %s, want %s", tt.d, tt.n, tt.cal.Default(), got, tt.want)
		}
	}
}

// An imported calendar counts the years it lists dates in; the built-in
// calendar counts 2026 when the import does not; other years are Mon–Fri.
func TestCalendarCovers(t *testing.T) {
	later := mustCalendar(t, `{"name": "2027", "year_from": 2027, "holidays": ["2027-10-01"], "workdays": ["2027-09-26"]}`)
	own2026 := mustCalendar(t, `{"name": "HQ 2026", "year_from": 2026, "holidays": ["2026-10-08"]}`)
	var none *Calendar
	builtinName := BuiltinCalendar().Name
	if !strings.Contains(builtinName, "2026") || !strings.Contains(builtinName, "2025-11-04") {
		t.Errorf("built-in calendar name %q does not say the year and the notice", builtinName)
	}
	tests := []struct {
		cal    *Calendar
		d      Date
		covers bool
		name   string
		work   bool
	}{
		{none, "2026-10-01", true, builtinName, false},
		{none, "2027-10-01", false, "", true}, // Friday, Mon–Fri
		{none, "2025-10-01", false, "", true},
		{later, "2026-10-01", true, builtinName, false}, // import for later years keeps 2026
		{later, "2026-09-20", true, builtinName, true},
		{later, "2027-10-01", true, "2027", false},
		{later, "2027-09-26", true, "2027", true}, // Sunday worked
		{later, "2028-10-02", false, "", true},    // Monday
		{own2026, "2026-10-08", true, "HQ 2026", false},
		{own2026, "2026-10-01", true, "HQ 2026", true}, // HQ's 2026 replaces the built-in one whole
		{none, "bogus", false, "", false},
	}
	for _, tt := range tests {
		if got := tt.cal.Covers(tt.d); got != tt.covers {
			t.Errorf("%v.Covers(%s) = %v, want %v", tt.cal.NameFor(tt.d), tt.d, got, tt.covers)
		}
		if got := tt.cal.NameFor(tt.d); got != tt.name {
			t.Errorf("NameFor(%s) = %q, want %q", tt.d, got, tt.name)
		}
		if got := tt.cal.IsWorkday(tt.d); got != tt.work {
			t.Errorf("IsWorkday(%s) = %v, want %v", tt.d, got, tt.work)
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
