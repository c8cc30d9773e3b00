package visits

import (
	"math/rand/v2"
	"testing"
	"time"
)

// DateOf formats the day by hand; it must say what time.Format says, on
// the edges of days in Shanghai, of years, and on random times far apart.
func TestDateOfMatchesFormat(t *testing.T) {
	seed := time.Now().UnixNano()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(uint64(seed), 1))
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
