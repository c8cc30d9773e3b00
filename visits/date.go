package visits

import (
	"fmt"
	"time"
)

// Shanghai is the zone dates are shown and counted in. Times are stored in
// UTC. If the zone database is missing, a fixed UTC+8 is used: China has
// had no daylight saving time since 1991.
var Shanghai = loadShanghai()

func loadShanghai() *time.Location {
	if loc, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*3600)
}

// Date is a calendar day, "YYYY-MM-DD". The zero value is the empty string,
// meaning "no date". Dates in this format sort as strings.
type Date string

// DateOf returns the day of t in Asia/Shanghai.
func DateOf(t time.Time) Date {
	t = t.In(Shanghai)
	y, m, d := t.Date()
	if y < 0 || y > 9999 {
		return Date(t.Format(time.DateOnly))
	}
	return ymd(y, m, d)
}

// ymd is time.DateOnly by hand, for years 0–9999: the report makes
// dates of every record.
func ymd(y int, m time.Month, d int) Date {
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + int(m)/10), byte('0' + int(m)%10), '-', byte('0' + d/10), byte('0' + d%10)}
	return Date(b[:])
}

// ParseDate parses "YYYY-MM-DD".
func ParseDate(s string) (Date, error) {
	t, err := time.ParseInLocation(time.DateOnly, s, Shanghai)
	if err != nil {
		return "", fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return Date(t.Format(time.DateOnly)), nil
}

// Time returns the start of the day in Asia/Shanghai. A zero or malformed
// Date gives the zero time.
func (d Date) Time() time.Time {
	if y, m, day, ok := d.parts(); ok {
		return time.Date(y, m, day, 0, 0, 0, 0, Shanghai) // what ParseInLocation returns
	}
	t, err := time.ParseInLocation(time.DateOnly, string(d), Shanghai)
	if err != nil {
		return time.Time{}
	}
	return t
}

// parts reads a well-formed "YYYY-MM-DD" of a day that exists; ok false
// for anything else (Time then asks time.ParseInLocation).
func (d Date) parts() (y int, m time.Month, day int, ok bool) {
	s := string(d)
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, false
	}
	for _, i := range [8]int{0, 1, 2, 3, 5, 6, 8, 9} {
		if s[i] < '0' || s[i] > '9' {
			return 0, 0, 0, false
		}
	}
	num := func(i, n int) int {
		v := 0
		for _, c := range s[i : i+n] {
			v = v*10 + int(c-'0')
		}
		return v
	}
	y, m, day = num(0, 4), time.Month(num(5, 2)), num(8, 2)
	if m < 1 || m > 12 || day < 1 || day > daysIn(y, int(m)) { // daysIn: calendar.go
		return 0, 0, 0, false
	}
	return y, m, day, true
}

// AddDays returns the date n calendar days later (earlier if n < 0).
func (d Date) AddDays(n int) Date {
	t := d.Time()
	if t.IsZero() {
		return d
	}
	t = t.AddDate(0, 0, n)
	if y, m, day := t.Date(); y >= 0 && y <= 9999 {
		return ymd(y, m, day)
	}
	return Date(t.Format(time.DateOnly))
}

// DaysUntil returns the number of calendar days from d to e.
func (d Date) DaysUntil(e Date) int {
	a, b := d.Time(), e.Time()
	if a.IsZero() || b.IsZero() {
		return 0
	}
	// Round to the nearest day (days are 24h in Asia/Shanghai, but be safe),
	// symmetrically so negative spans are right too.
	span := b.Sub(a)
	if span < 0 {
		return -int((-span + 12*time.Hour) / (24 * time.Hour))
	}
	return int((span + 12*time.Hour) / (24 * time.Hour))
}

// Weekday returns the day of the week.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// IsZero reports whether d is the empty date.
func (d Date) IsZero() bool { return d == "" }

// Year returns the year of d, or 0.
func (d Date) Year() int { return d.Time().Year() }
