package visits

import (
	"bytes"
	"os"
	"testing"
	"time"
)

// notice2026 is the State Council's arrangement for 2026 (国务院办公厅关于
// 2026年部分节假日安排的通知, 2025-11-04), written as in the notice: each
// holiday's days off as a range, and the weekend days worked.
var notice2026 = struct {
	off    [][2]string
	worked []string
}{
	off: [][2]string{
		{"2026-01-01", "2026-01-03"}, // 元旦
		{"2026-02-15", "2026-02-23"}, // 春节
		{"2026-04-04", "2026-04-06"}, // 清明
		{"2026-05-01", "2026-05-05"}, // 劳动节
		{"2026-06-19", "2026-06-21"}, // 端午
		{"2026-09-25", "2026-09-27"}, // 中秋
		{"2026-10-01", "2026-10-07"}, // 国庆
	},
	worked: []string{"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"},
}

// noticeWorkday says from the notice alone, with the time package, whether
// day is worked: not in a holiday, and a weekday or a weekend day worked.
func noticeWorkday(day time.Time) bool {
	s := day.Format(time.DateOnly)
	for _, r := range notice2026.off {
		if s >= r[0] && s <= r[1] {
			return false
		}
	}
	for _, w := range notice2026.worked {
		if s == w {
			return true
		}
	}
	wd := day.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// Every day of 2026, as the built-in calendar (a nil *Calendar), the
// calendar itself, the sample file and the example in docs/calendar.md
// count it, against the notice.
func TestCalendar2026DayByDay(t *testing.T) {
	file, err := os.ReadFile("../testdata/calendar-2026.json")
	if err != nil {
		t.Fatal(err)
	}
	fromFile := mustCalendar(t, string(file))
	doc, err := os.ReadFile("../docs/calendar.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := bytes.Cut(doc, []byte("```json\n"))
	example, _, ok2 := bytes.Cut(after, []byte("```"))
	if !ok || !ok2 {
		t.Fatal("docs/calendar.md has no json example")
	}
	fromDoc := mustCalendar(t, string(example))
	cals := []struct {
		name string
		cal  *Calendar
	}{{"nil", nil}, {"built-in", BuiltinCalendar()}, {"testdata/calendar-2026.json", fromFile}, {"docs/calendar.md", fromDoc}}

	worked, off, weekendWorked, weekdayOff := 0, 0, 0, 0
	for day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC); day.Year() == 2026; day = day.AddDate(0, 0, 1) {
		d := Date(day.Format(time.DateOnly))
		want := noticeWorkday(day)
		weekend := day.Weekday() == time.Saturday || day.Weekday() == time.Sunday
		switch {
		case want && weekend:
			weekendWorked++
		case !want && !weekend:
			weekdayOff++
		}
		if want {
			worked++
		} else {
			off++
		}
		for _, c := range cals {
			if got := c.cal.IsWorkday(d); got != want {
				t.Errorf("%s: IsWorkday(%s, %s) = %v, the notice says %v", c.name, d, day.Weekday(), got, want)
			}
			if !c.cal.Covers(d) {
				t.Errorf("%s does not cover %s", c.name, d)
			}
		}
	}
	// Hand count: 365 days, 104 weekend days, 19 weekdays off, 6 weekend days worked.
	if worked != 248 || off != 117 || weekendWorked != 6 || weekdayOff != 19 {
		t.Errorf("2026: %d working days, %d off, %d weekend days worked, %d weekdays off; want 248, 117, 6, 19",
			worked, off, weekendWorked, weekdayOff)
	}
	// The days the old sample file had wrong.
	for d, want := range map[Date]bool{"2026-09-25": false, "2026-09-27": false, "2026-10-08": true, "2026-09-20": true} {
		if got := (*Calendar)(nil).IsWorkday(d); got != want {
			t.Errorf("IsWorkday(%s) = %v, want %v", d, got, want)
		}
	}
}

// The weekly report says "Mon–Fri" only for a year no calendar covers:
// 2026 is counted with the built-in calendar without an import.
func TestReportSaysMondayToFridayOnlyWhenUncovered(t *testing.T) {
	for _, tt := range []struct {
		week string
		cal  *Calendar
		want bool
	}{
		{"2026-W48", nil, false},
		{"2030-W10", nil, true},
		{"2030-W10", mustCalendar(t, `{"year_from": 2030, "holidays": ["2030-10-01"]}`), false},
	} {
		w, err := ParseWeek(tt.week)
		if err != nil {
			t.Fatal(err)
		}
		if got := WeeklyReport(Dataset{}, w, ReportOptions{Calendar: tt.cal}).DefaultCalendar; got != tt.want {
			t.Errorf("%s: DefaultCalendar = %v, want %v", tt.week, got, tt.want)
		}
	}
}
