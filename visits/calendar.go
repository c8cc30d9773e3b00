package visits

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"
)

// Calendar says which days are working days. HQ supplies it as a JSON file
// (docs/calendar.md):
//
//	{
//	  "name": "2026 national holidays",
//	  "year_from": 2026,
//	  "holidays": ["2026-10-01", "2026-10-02"],
//	  "workdays": ["2026-10-10"]
//	}
//
// name is shown on screens; year_from is the first year the lists may
// cover (see Covers for the years they do); holidays are days off
// that would otherwise be working days (a weekend date listed there is
// harmless); workdays are weekend days that are worked (调休) and must be
// Saturdays or Sundays. No date may appear twice, or in both lists.
//
// A year is covered by a calendar when it lists at least one date in that
// year. A day is counted with the calendar covering its year: the imported
// one, else the built-in one (BuiltinCalendar: the State Council's
// arrangement for 2026), else Monday to Friday, no holidays; screens use
// Covers to say so. A nil *Calendar is the default: nothing imported, the
// built-in calendar and Monday to Friday beyond it.
type Calendar struct {
	Name     string
	YearFrom int
	holidays map[int]bool // day numbers (see dayNum)
	workdays map[int]bool
	covered  []span         // the years with a listed date, as day-number ranges
	names    map[int]string // per year, when merged from several (calendar_layers.go)
}

// span is the day numbers [from, to) of one year.
type span struct{ from, to int }

type calendarFile struct {
	Name     string   `json:"name"`
	YearFrom int      `json:"year_from"`
	Holidays []string `json:"holidays"`
	Workdays []string `json:"workdays"`
}

// ErrCalendar is matched by every error of ParseCalendar.
var ErrCalendar = errors.New("invalid calendar file")

// ParseCalendar reads a calendar file. Unknown keys are refused so that a
// misspelt "holiday" does not silently drop every holiday; so are a key
// given twice (JSON would keep the last one silently) and bytes that are
// not UTF-8 (JSON would turn them into U+FFFD silently), naming the line.
func ParseCalendar(data []byte) (*Calendar, error) {
	if err := checkCalendarText(data); err != nil {
		return nil, err
	}
	return parseCalendar(data)
}

// ParseStoredCalendar reads a calendar already stored in a database. It
// was checked by ParseCalendar when imported; one stored by an older
// build, before the duplicate-key and UTF-8 checks, still reads as it did
// then rather than silently falling back to Monday–Friday.
func ParseStoredCalendar(data []byte) (*Calendar, error) { return parseCalendar(data) }

// checkCalendarText refuses bytes that are not UTF-8 and keys given twice
// in one object.
func checkCalendarText(data []byte) error {
	lineAt := func(off int) int { return 1 + bytes.Count(data[:min(off, len(data))], []byte("\n")) }
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return fmt.Errorf("%w: line %d: not UTF-8 text (byte 0x%02x); save the file as UTF-8 (第 %d 行不是 UTF-8 编码，请另存为 UTF-8)",
				ErrCalendar, lineAt(i), data[i], lineAt(i))
		}
		i += n
	}
	type frame struct {
		keys    map[string]bool // nil for an array
		wantKey bool
	}
	var stack []*frame
	valueDone := func() {
		if len(stack) > 0 && stack[len(stack)-1].keys != nil {
			stack[len(stack)-1].wantKey = true
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil // end, or a syntax error the decoder reports next
		}
		if n := len(stack); n > 0 && stack[n-1].keys != nil && stack[n-1].wantKey {
			if tok == json.Delim('}') {
				stack = stack[:n-1]
				valueDone()
				continue
			}
			key, _ := tok.(string)
			if stack[n-1].keys[key] {
				line := lineAt(int(dec.InputOffset()))
				return fmt.Errorf("%w: line %d: key %q is given twice (第 %d 行：键 %q 重复出现)", ErrCalendar, line, key, line, key)
			}
			stack[n-1].keys[key], stack[n-1].wantKey = true, false
			continue
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &frame{keys: map[string]bool{}, wantKey: true})
		case json.Delim('['):
			stack = append(stack, &frame{})
		case json.Delim(']'), json.Delim('}'):
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			valueDone()
		default:
			valueDone()
		}
	}
}

func parseCalendar(data []byte) (*Calendar, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f calendarFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCalendar, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%w: extra data after the JSON object", ErrCalendar)
	}
	if f.YearFrom < 1990 || f.YearFrom > 2200 {
		return nil, fmt.Errorf("%w: year_from %d: want a year such as 2026", ErrCalendar, f.YearFrom)
	}
	c := &Calendar{Name: f.Name, YearFrom: f.YearFrom, holidays: map[int]bool{}, workdays: map[int]bool{}}
	seen := map[int]string{}
	add := func(list string, s string, into map[int]bool) error {
		d, err := ParseDate(s)
		if err != nil || string(d) != s {
			return fmt.Errorf("%w: %s: %q is not a date YYYY-MM-DD", ErrCalendar, list, s)
		}
		if d.Year() < f.YearFrom {
			return fmt.Errorf("%w: %s: %s is before year_from %d", ErrCalendar, list, s, f.YearFrom)
		}
		n, _ := dayNum(d)
		if prev, dup := seen[n]; dup {
			return fmt.Errorf("%w: %s: %s is already listed in %s", ErrCalendar, list, s, prev)
		}
		seen[n] = list
		into[n] = true
		c.cover(d.Year())
		return nil
	}
	for _, s := range f.Holidays {
		if err := add("holidays", s, c.holidays); err != nil {
			return nil, err
		}
	}
	for _, s := range f.Workdays {
		if err := add("workdays", s, c.workdays); err != nil {
			return nil, err
		}
		if wd := Date(s).Weekday(); wd != time.Saturday && wd != time.Sunday {
			return nil, fmt.Errorf("%w: workdays: %s is a %s; list only weekend days that are worked", ErrCalendar, s, wd)
		}
	}
	return c, nil
}

// cover marks year y as covered.
func (c *Calendar) cover(y int) {
	s := span{daysFromCivil(y, 1, 1), daysFromCivil(y+1, 1, 1)}
	for _, have := range c.covered {
		if have == s {
			return
		}
	}
	c.covered = append(c.covered, s)
}

func (c *Calendar) coversDay(n int) bool {
	for _, s := range c.covered {
		if n >= s.from && n < s.to {
			return true
		}
	}
	return false
}

// sourceOf returns the calendar that counts day n: c when it covers n's
// year, else the built-in calendar when it does, else nil (Monday to
// Friday).
func (c *Calendar) sourceOf(n int) *Calendar {
	if c != nil && c.coversDay(n) {
		return c
	}
	if b := builtin(); b != nil && b.coversDay(n) {
		return b
	}
	return nil
}

// Default reports whether c is the default calendar: none was imported,
// so the built-in one counts the years it covers and Monday to Friday
// counts the others. Whether a given day's year is counted Monday to
// Friday is Covers.
func (c *Calendar) Default() bool { return c == nil }

// Covers reports whether the working days of d's year are known, from c
// or else from the built-in calendar. When false, d's year is counted
// Monday to Friday, and screens and reports say so. A malformed d is not
// covered.
func (c *Calendar) Covers(d Date) bool {
	n, ok := dayNum(d)
	return ok && c.sourceOf(n) != nil
}

// NameFor returns the name of the calendar that counts d's year (the
// imported one's or the built-in one's), or "" when the year is counted
// Monday to Friday.
func (c *Calendar) NameFor(d Date) string {
	n, ok := dayNum(d)
	if !ok {
		return ""
	}
	if src := c.sourceOf(n); src != nil {
		y, _, _ := civilFromDays(n)
		return src.nameOf(y)
	}
	return ""
}

// IsWorkday reports whether d is a working day. A malformed date is not.
func (c *Calendar) IsWorkday(d Date) bool {
	n, ok := dayNum(d)
	return ok && c.isWorkday(n)
}

func (c *Calendar) isWorkday(n int) bool {
	if src := c.sourceOf(n); src != nil {
		if src.holidays[n] {
			return false
		}
		if src.workdays[n] {
			return true
		}
	}
	wd := weekdayOf(n)
	return wd != time.Saturday && wd != time.Sunday
}

// AddWorkdays returns the n-th working day after d (before d when n < 0),
// counting from the next working day: Friday + 1 is the next Monday, and
// Saturday + 1 is also Monday. n == 0 returns d itself, working day or
// not. A malformed d is returned unchanged.
func (c *Calendar) AddWorkdays(d Date, n int) Date {
	x, ok := dayNum(d)
	if !ok {
		return d
	}
	return dateOfNum(c.addWorkdays(x, n))
}

func (c *Calendar) addWorkdays(x, n int) int {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		x += step
		if c.isWorkday(x) {
			n--
		}
	}
	return x
}

// Day numbers: days since 1970-01-01 of a proleptic Gregorian date. They
// make the calendar and the obligations cheap: no time.Parse per day.

// dayNum parses a Date "YYYY-MM-DD" into its day number.
func dayNum(d Date) (int, bool) {
	s := string(d)
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	num := func(s string) (int, bool) {
		v := 0
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return 0, false
			}
			v = v*10 + int(s[i]-'0')
		}
		return v, true
	}
	y, ok1 := num(s[:4])
	m, ok2 := num(s[5:7])
	dd, ok3 := num(s[8:])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || dd < 1 || dd > daysIn(y, m) {
		return 0, false
	}
	return daysFromCivil(y, m, dd), true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil and civilFromDays are Howard Hinnant's algorithms.
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func civilFromDays(z int) (y, m, d int) {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

func dateOfNum(n int) Date {
	var b [10]byte
	return Date(dateInto(&b, n))
}

// dateInto writes day n as YYYY-MM-DD into b and returns it; empty for a
// year outside 0–9999 (dateOfNum's "").
func dateInto(b *[10]byte, n int) []byte {
	y, m, d := civilFromDays(n)
	if y < 0 || y > 9999 {
		return nil
	}
	*b = [10]byte{
		byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + m/10), byte('0' + m%10), '-', byte('0' + d/10), byte('0' + d%10),
	}
	return b[:]
}

// weekdayOf: 1970-01-01 was a Thursday.
func weekdayOf(n int) time.Weekday {
	return time.Weekday(((n+4)%7 + 7) % 7)
}
