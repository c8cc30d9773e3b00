package tui

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// TestDayCache: the remembered days are visits.DateOf's, around
// midnight in Shanghai and far from it, before 1992 and after.
func TestDayCache(t *testing.T) {
	seed := testSeed(t)
	rng := rand.New(rand.NewPCG(seed, 3))
	c := dayCache{}
	base := time.Date(2026, 12, 2, 16, 0, 0, 0, time.UTC).UnixMilli() // midnight in Shanghai
	for range 100000 {
		var ms int64
		switch rng.IntN(3) {
		case 0: // a millisecond around a Shanghai midnight
			ms = base + int64(rng.IntN(2000)-1000)*msPerDay + int64(rng.IntN(3)-1)
		case 1:
			ms = base - rng.Int64N(40*365*msPerDay)
		default:
			ms = base + rng.Int64N(5*365*msPerDay) - rng.Int64N(5*365*msPerDay)
		}
		if got, want := c.of(ms), visits.DateOf(time.UnixMilli(ms)); got != want {
			t.Fatalf("%d (%v): %s, DateOf %s", ms, time.UnixMilli(ms).UTC(), got, want)
		}
	}
}
