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
	y, m, d := t.In(Shanghai).Date()
	if y < 0 || y > 9999 {
		return Date(t.In(Shanghai).Format(time.DateOnly))
	}
	// time.DateOnly by hand: the report calls this for every record.
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
	t, err := time.ParseInLocation(time.DateOnly, string(d), Shanghai)
	if err != nil {
		return time.Time{}
	}
	return t
}

// AddDays returns the date n calendar days later (earlier if n < 0).
func (d Date) AddDays(n int) Date {
	t := d.Time()
	if t.IsZero() {
		return d
	}
	return Date(t.AddDate(0, 0, n).Format(time.DateOnly))
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
