package store

import (
	"context"
	"errors"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// A page for a client that has gone is not read to its end: with its
// context done, both the district walk (admin) and the feed by enterprise
// (a scoped officer) stop and say why, and a live context reads the page
// Changes reads.
func TestChangesStopsForAGoneClient(t *testing.T) {
	seed := testSeed(t)
	rng := rand.New(rand.NewPCG(seed, 13))
	h, err := OpenHQ(filepath.Join(t.TempDir(), "hq.db"), Options{NoSync: true})
	must(t, err)
	defer h.Close()
	officers := randomDistrict(t, h, rng, 200)
	gone, cancel := context.WithCancel(context.Background())
	cancel()
	for _, p := range []Principal{{ID: "hq", Role: visits.RoleAdmin}, {ID: officers[0], Role: visits.RoleLiaison}} {
		want, err := h.Changes(p, 0, 1_000_000)
		must(t, err)
		if p.Admin() && len(want.Changes) == 0 {
			t.Fatal("the district has no changes; the test shows nothing")
		}
		if _, err := h.ChangesContext(gone, p, 0, 1_000_000); !errors.Is(err, context.Canceled) {
			t.Errorf("%s with its client gone: %v, want context.Canceled", p.ID, err)
		}
		got, err := h.ChangesContext(context.Background(), p, 0, 1_000_000)
		must(t, err)
		if len(got.Changes) != len(want.Changes) || got.Next != want.Next {
			t.Errorf("%s: ChangesContext read %d to %d, Changes %d to %d", p.ID, len(got.Changes), got.Next, len(want.Changes), want.Next)
		}
	}
}
