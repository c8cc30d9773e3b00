package store

import (
	"encoding/binary"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// Acknowledging removes exactly the ops answered, from the outbox and from
// its field index, whatever their order and however many share a page
// (the cursor reused for every delete, outbox.go), and acknowledging an
// entry already gone removes nothing else.
func TestAckRemovesExactly(t *testing.T) {
	seed := testSeed(t)
	rng := rand.New(rand.NewPCG(seed, 7))
	s, err := Open(filepath.Join(t.TempDir(), "l.db"), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	e := &visits.Enterprise{Name: "兰州华信科技"}
	must(t, s.Update(func(w *Writer) error {
		if err := w.AddEnterprise(e, false); err != nil {
			return err
		}
		for range 400 { // thousands of entries: many leaf pages in both buckets
			v := &visits.Visit{EnterpriseID: e.ID, At: time.Now().Add(-time.Hour), Occasion: visits.OccRoutine,
				Method: "on_site", Summary: "走访", Purposes: []string{"policy"}}
			if err := w.AddVisit(v); err != nil {
				return err
			}
		}
		return nil
	}))
	all := mustPending(t, s)
	// Answer a random half, in a random order, in a few acks.
	var sent []Pending
	for _, p := range all {
		if rng.IntN(2) == 0 {
			sent = append(sent, p)
		}
	}
	rng.Shuffle(len(sent), func(i, j int) { sent[i], sent[j] = sent[j], sent[i] })
	gone := map[uint64]bool{}
	for len(sent) > 0 {
		n := min(len(sent), 1+rng.IntN(700))
		part := sent[:n]
		sent = sent[n:]
		rs := make([]Result, n)
		for i, p := range part {
			rs[i] = Result{OpID: p.Op.OpID, Status: StatusApplied, Seq: uint64(i + 1)}
			gone[p.Seq] = true
		}
		must(t, s.Ack(part, rs))
		// Again: the entries are gone already; nothing else may go.
		must(t, s.Ack(part, rs))
	}
	var want []uint64
	wantIndex := map[string]bool{}
	for _, p := range all {
		if !gone[p.Seq] {
			want = append(want, p.Seq)
			k := append(recordIDKey(p.Op.Type, p.Op.ID), u64(p.Seq/groupSlots)...)
			wantIndex[string(k)] = true
		}
	}
	var got []uint64
	for _, p := range mustPending(t, s) {
		got = append(got, p.Seq)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("outbox after the acks: %d entries, want %d (first difference at %d)", len(got), len(want),
			func() int {
				for i := range min(len(got), len(want)) {
					if got[i] != want[i] {
						return i
					}
				}
				return min(len(got), len(want))
			}())
	}
	n := 0
	must(t, s.db.View(func(tx Tx) error {
		return tx.Bucket(bOutboxField).ForEach(func(k, _ []byte) error {
			n++
			if !wantIndex[string(k)] {
				t.Errorf("field index keeps %q (entry %d), acknowledged or unknown", k[:len(k)-8], binary.BigEndian.Uint64(k[len(k)-8:]))
			}
			return nil
		})
	}))
	if n != len(wantIndex) {
		t.Errorf("field index holds %d lines, want %d", n, len(wantIndex))
	}
	if p, err := s.Check(); err != nil || len(p) > 0 {
		t.Errorf("check: %v %v", p, err)
	}
}
