package visits

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits/visitstest/testseed"
)

// DateOf formats the day by hand; it must say what time.Format says, on
// the edges of days in Shanghai, of years, and on random times far apart.
func TestDateOfMatchesFormat(t *testing.T) {
	seed := testseed.Seed(t)
	rng := rand.New(rand.NewPCG(seed, 1))
	check := func(tm time.Time) {
		t.Helper()
		if got, want := DateOf(tm), Date(tm.In(Shanghai).Format(time.DateOnly)); got != want {
			t.Fatalf("DateOf(%v) = %q, want %q", tm, got, want)
		}
	}
	check(time.Time{})
	check(time.Date(2026, 12, 31, 15, 59, 59, 999999999, time.UTC)) // 23:59:59 in Shanghai
	check(time.Date(2026, 12, 31, 16, 0, 0, 0, time.UTC))           // the next year there
	check(time.Date(999, 1, 1, 0, 0, 0, 0, time.UTC))
	check(time.Date(9999, 12, 31, 23, 0, 0, 0, time.UTC)) // year 10000 in Shanghai
	check(time.Date(-5, 3, 1, 0, 0, 0, 0, time.UTC))
	check(time.UnixMilli(0))
	for range 100000 {
		check(time.UnixMilli(rng.Int64N(400*365*86400*1000) - 200*365*86400*1000))
	}
}

// Date.Time and AddDays read and write the date by hand; they must give
// what time.ParseInLocation and Format give, for every day of four
// centuries (leap years included), for malformed dates and random strings.
func TestDateTimeMatchesParse(t *testing.T) {
	parse := func(d Date) time.Time {
		tm, err := time.ParseInLocation(time.DateOnly, string(d), Shanghai)
		if err != nil {
			return time.Time{}
		}
		return tm
	}
	addDays := func(d Date, n int) Date {
		tm := parse(d)
		if tm.IsZero() {
			return d
		}
		return Date(tm.AddDate(0, 0, n).Format(time.DateOnly))
	}
	check := func(d Date, n int) {
		t.Helper()
		if got, want := d.Time(), parse(d); got != want {
			t.Fatalf("%q.Time() = %v, want %v", d, got, want)
		}
		if got, want := d.AddDays(n), addDays(d, n); got != want {
			t.Fatalf("%q.AddDays(%d) = %q, want %q", d, n, got, want)
		}
	}
	for day := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC); day.Year() < 2300; day = day.AddDate(0, 0, 1) {
		check(Date(day.Format(time.DateOnly)), 1)
	}
	for _, d := range []string{"", "2026-02-29", "2024-02-29", "2100-02-29", "2000-02-29", "2026-04-31", "2026-13-01",
		"2026-00-10", "2026-01-00", "2026-1-05", "20260105", "2026-01-05 ", "0000-01-01", "9999-12-31", "+026-01-01",
		"２０２６-01-01", "2026/01/01", "abcd-ef-gh"} {
		for _, n := range []int{0, 1, -1, 366, -800000, 3000000} {
			check(Date(d), n)
		}
	}
	seed := testseed.Seed(t)
	rng := rand.New(rand.NewPCG(seed, 3))
	for range 50000 {
		d := Date(fmt.Sprintf("%04d-%02d-%02d", rng.IntN(10000), rng.IntN(14), rng.IntN(33)))
		check(d, rng.IntN(2000000)-1000000)
	}
}
