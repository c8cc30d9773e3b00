package store

import (
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// VisitsPerDay counts what the visits' own days say, at the edges of the
// days (Shanghai midnight, the millisecond before it) and at random times
// around the span.
func TestVisitsPerDay(t *testing.T) {
	seed := testSeed(t)
	rng := rand.New(rand.NewPCG(seed, 7))
	s, err := Open(filepath.Join(t.TempDir(), "t.db"), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	first, n := visits.Date("2026-11-20"), 14
	var ats []time.Time
	for d := -2; d <= n+2; d++ {
		mid := first.AddDays(d).Time()
		ats = append(ats, mid, mid.Add(-time.Millisecond), mid.Add(time.Millisecond))
	}
	for range 300 {
		span := int64(n+6) * 24 * int64(time.Hour/time.Millisecond)
		ats = append(ats, first.AddDays(-3).Time().Add(time.Duration(rng.Int64N(span))*time.Millisecond))
	}
	must(t, s.Update(func(w *Writer) error {
		if err := w.Save(&visits.Enterprise{Meta: visits.Meta{ID: "e1"}, Name: "甲"}); err != nil {
			return err
		}
		for _, at := range ats {
			if err := w.Save(&visits.Visit{EnterpriseID: "e1", At: at}); err != nil {
				return err
			}
		}
		return nil
	}))
	want := make([]int, n)
	for _, at := range ats {
		if i := first.DaysUntil(visits.DateOf(at)); i >= 0 && i < n {
			want[i]++
		}
	}
	var got []int
	must(t, s.View(func(r *Reader) error { got = r.VisitsPerDay(first, n); return nil }))
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("day %s: %d visits, want %d (all: %v, want %v)", first.AddDays(i), got[i], want[i], got, want)
		}
	}
}
