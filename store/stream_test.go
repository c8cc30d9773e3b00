package store

import (
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// EachVisitNewest walks exactly VisitsBetween's visits, newest first,
// whatever the window, and a read transaction keeps reading the same
// records after its pages are given back (ReleasePages), also from a
// read-only open.
func TestEachVisitNewestIsVisitsBetweenReversed(t *testing.T) {
	seed := testSeed(t)
	rng := rand.New(rand.NewPCG(seed, 2))
	path := filepath.Join(t.TempDir(), "liaison.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	base := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	ent := &visits.Enterprise{Meta: visits.Meta{ID: NewID(), CreatedAt: base}, Name: "兰州测试科技有限公司"}
	recs := []visits.Record{ent}
	for i := 0; i < 3*releaseEvery; i++ {
		at := base.Add(time.Duration(rng.IntN(300)) * time.Hour) // many share an hour
		recs = append(recs, &visits.Visit{Meta: visits.Meta{ID: NewID(), CreatedAt: at}, EnterpriseID: ent.ID, At: at,
			Occasion: "routine", Method: "phone", Summary: "走访"})
	}
	if err := s.Seed(recs); err != nil {
		t.Fatal(err)
	}
	s.Close()
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	windows := [][2]time.Time{
		{{}, time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)},
		{base.Add(100 * time.Hour), base.Add(200 * time.Hour)},
		{base.Add(17 * time.Hour), base.Add(17 * time.Hour)},
		{base.Add(-time.Hour), base},
		{base.Add(299 * time.Hour), base.Add(10000 * time.Hour)},
	}
	err = ro.View(func(r *Reader) error {
		for _, w := range windows {
			want, err := r.VisitsBetween(w[0], w[1])
			if err != nil {
				return err
			}
			var got []string
			err = r.EachVisitNewest(w[0], w[1], func(v visits.Visit) error {
				if len(got)%100 == 0 {
					r.ReleasePages()
				}
				got = append(got, v.ID)
				return nil
			})
			if err != nil {
				return err
			}
			if len(got) != len(want) {
				t.Fatalf("window %v: %d visits, want %d", w, len(got), len(want))
			}
			for i := range got {
				if got[i] != want[len(want)-1-i].ID {
					t.Fatalf("window %v: visit %d is %s, want %s", w, i, got[i], want[len(want)-1-i].ID)
				}
			}
		}
		if name := r.EnterpriseName(ent.ID); name != ent.Name {
			t.Errorf("EnterpriseName = %q, want %q", name, ent.Name)
		}
		if name := r.EnterpriseName("no-such-id"); name != "" {
			t.Errorf("EnterpriseName of nothing = %q", name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
