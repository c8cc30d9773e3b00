package store

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// HQ keeps no occasion index, whichever way its visits arrive (saved at
// HQ, pushed), while a laptop does; check is clean on both. An HQ database
// of schema 15 that had the index gets it emptied when it opens.
func TestHQKeepsNoLaptopOnlyIndex(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hq.db")
	h, err := OpenHQ(path, Options{NoSync: true})
	must(t, err)
	ent := visits.Enterprise{Name: "兰州华信科技"}
	saved := visits.Visit{EnterpriseID: ent.ID, At: time.Now(), Occasion: visits.OccRoutine, Method: "on_site"}
	must(t, h.SaveRecords("hq", &ent))
	saved.EnterpriseID = ent.ID
	must(t, h.SaveRecords("hq", &saved))
	v := func(s string) json.RawMessage { b, _ := json.Marshal(s); return b }
	id, stamp := NewID(), h.s.clock.Now()
	var ops []Op
	for f, val := range map[string]json.RawMessage{"enterprise_id": v(ent.ID), "at": v(time.Now().Format(time.RFC3339)),
		"occasion": v(visits.OccDifficulty), "method": v("phone"), "summary": v("走访")} {
		ops = append(ops, Op{OpID: NewID(), Type: visits.TypeVisit, ID: id, Field: f, Value: val, Stamp: stamp})
	}
	rs, err := h.Push(Principal{ID: "wang", Role: visits.RoleAdmin}, ops)
	must(t, err)
	for _, r := range rs {
		if r.Status != StatusApplied {
			t.Fatalf("push: %+v", r)
		}
	}
	occasionKeys := func(s *Store) (n int) {
		must(t, s.db.View(func(tx Tx) error {
			return tx.Bucket(ixVisitByOcc).ForEach(func(_, _ []byte) error { n++; return nil })
		}))
		return n
	}
	visitKeys := func(s *Store) (n int) {
		must(t, s.db.View(func(tx Tx) error {
			return tx.Bucket(ixVisitByEnt).ForEach(func(_, _ []byte) error { n++; return nil })
		}))
		return n
	}
	if n, m := occasionKeys(h.s), visitKeys(h.s); n != 0 || m != 2 {
		t.Fatalf("HQ: %d occasion index keys (want 0), %d enterprise index keys (want 2)", n, m)
	}
	if p, err := h.s.Check(); err != nil || len(p) > 0 {
		t.Fatalf("check at HQ: %v %v", p, err)
	}

	// An HQ database of schema 15 kept the index: opening it empties it.
	must(t, h.s.db.Update(func(tx Tx) error {
		if err := tx.Bucket(ixVisitByOcc).Put([]byte("stale"), nil); err != nil {
			return err
		}
		return tx.Bucket(bMeta).Put(kSchema, u64(15))
	}))
	must(t, h.Close())
	h, err = OpenHQ(path, Options{NoSync: true})
	must(t, err)
	defer h.Close()
	if n := occasionKeys(h.s); n != 0 {
		t.Fatalf("%d occasion index keys after the migration", n)
	}
	if p, err := h.s.Check(); err != nil || len(p) > 0 {
		t.Fatalf("check at HQ after the migration: %v %v", p, err)
	}

	// A laptop keeps it, and check wants it.
	s := openTemp(t)
	must(t, s.Update(func(w *Writer) error {
		e := &visits.Enterprise{Name: "甲"}
		return errors.Join(w.Save(e), w.Save(&visits.Visit{EnterpriseID: e.ID, At: time.Now(), Occasion: visits.OccRoutine, Method: "on_site"}))
	}))
	if n := occasionKeys(s); n != 1 {
		t.Fatalf("laptop: %d occasion index keys, want 1", n)
	}
	must(t, s.db.Update(func(tx Tx) error { return tx.Bucket(ixVisitByOcc).Put([]byte("stray"), nil) }))
	if p, _ := s.Check(); len(p) != 1 {
		t.Fatalf("check on a laptop with a stray occasion key: %v", p)
	}
}
