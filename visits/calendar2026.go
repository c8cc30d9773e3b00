package visits

import gosync "sync"

// The calendar that ships with the program: the State Council's holiday
// arrangement for 2026 (国务院办公厅关于2026年部分节假日安排的通知, issued
// 2025-11-04). It counts the working days of 2026 when no calendar was
// imported, and of any year an imported calendar lists no date for.
// Years it does not cover are counted Monday to Friday.
//
//	元旦   1/1–1/3 off, Sunday 1/4 worked
//	春节   2/15–2/23 off, Saturdays 2/14 and 2/28 worked
//	清明   4/4–4/6 off
//	劳动节 5/1–5/5 off, Saturday 5/9 worked
//	端午   6/19–6/21 off
//	中秋   9/25–9/27 off
//	国庆   10/1–10/7 off, Sunday 9/20 and Saturday 10/10 worked
//
// testdata/calendar-2026.json is the same calendar as a file to import;
// a test checks both day by day against the notice.
const builtinCalendarJSON = `{
  "name": "2026年部分节假日安排（国务院办公厅 2025-11-04 通知）",
  "year_from": 2026,
  "holidays": [
    "2026-01-01", "2026-01-02", "2026-01-03",
    "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19",
    "2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23",
    "2026-04-04", "2026-04-05", "2026-04-06",
    "2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05",
    "2026-06-19", "2026-06-20", "2026-06-21",
    "2026-09-25", "2026-09-26", "2026-09-27",
    "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04",
    "2026-10-05", "2026-10-06", "2026-10-07"
  ],
  "workdays": ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]
}`

// builtin is parsed once, on first use (not at start-up: most commands
// never count working days); a Calendar is never changed after parsing.
var builtin = gosync.OnceValue(func() *Calendar {
	c, err := ParseCalendar([]byte(builtinCalendarJSON))
	if err != nil {
		panic("visits: built-in calendar: " + err.Error())
	}
	return c
})

// BuiltinCalendar returns the calendar that ships with the program (see
// builtinCalendarJSON). A nil *Calendar counts with it.
func BuiltinCalendar() *Calendar { return builtin() }
