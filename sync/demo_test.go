package sync

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits/demo"
)

// `liaison --demo`'s HQ holds HQ's side of the demo: the laptop's first
// sync brings its settings (district, units, the weekly notes), and the
// laptop's data is HQ's (nothing to push).
func TestDemoHQSendsItsSettings(t *testing.T) {
	now := time.Date(2026, 11, 27, 2, 0, 0, 0, time.UTC)
	laptop, err := store.Open(filepath.Join(t.TempDir(), "l.db"), store.Options{NoSync: true, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer laptop.Close()
	n := 0
	d := demo.Generate(demo.Options{Enterprises: 20, Visits: 100, Seed: 1, Now: now, NewID: func() string { n++; return fmt.Sprintf("d%06d", n) }})
	if err := laptop.Seed(d.Records()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if _, err := StartDemoHQ(ctx, laptop); err != nil {
		t.Fatal(err)
	}
	sum, err := (&Client{Store: laptop, Retry: fastRetry}).Sync(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var district string
	var notes, units int
	_ = laptop.View(func(r *store.Reader) error {
		s := r.Settings()
		district, notes, units = s.District, len(s.Notes), len(s.UnitTerms())
		return nil
	})
	if sum.Pushed != 0 || sum.Pulled == 0 || district != "城关区" || notes != 2 || units < 17 {
		t.Fatalf("after the first sync: pushed %d, pulled %d; district %q, %d weekly notes, %d units", sum.Pushed, sum.Pulled, district, notes, units)
	}
}
