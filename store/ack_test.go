package store

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// AckHeld names the seqs of a laptop's own new fields that it holds
// exactly, and leaves out a field edited again since (its newer value is
// still to be sent), fields HQ did not mark sole, and refused ops.
func TestAckHeld(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "l.db"), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	must(t, s.Update(func(w *Writer) error { return w.SetIdentity(Identity{Officer: "wang"}) }))
	e := &visits.Enterprise{Name: "兰州华信科技"}
	must(t, s.Update(func(w *Writer) error { return w.AddEnterprise(e, false) }))
	ents := mustPending(t, s)
	rs := make([]Result, len(ents))
	for i, p := range ents {
		rs[i] = Result{OpID: p.Op.OpID, Status: StatusApplied, Seq: uint64(1 + i)}
	}
	must(t, s.Ack(ents, rs))
	v := &visits.Visit{EnterpriseID: e.ID, At: time.Now().Add(-time.Hour), Occasion: visits.OccRoutine, Method: "on_site", Summary: "走访"}
	must(t, s.Update(func(w *Writer) error { return w.AddVisit(v) }))
	sent := mustPending(t, s)
	must(t, s.Update(func(w *Writer) error { return w.SetField(visits.TypeVisit, v.ID, "summary", "再次走访") }))
	results := make([]Result, len(sent))
	want := []uint64{}
	for i, p := range sent {
		results[i] = Result{OpID: p.Op.OpID, Status: StatusApplied, Seq: uint64(100 + i), Sole: true}
		switch {
		case p.Op.Field == "summary": // edited again: not held
		case p.Op.Field == "method":
			results[i].Sole = false
		case p.Op.Field == "occasion":
			results[i].Status = StatusRejected
			results[i].Error = &OpError{Code: "forbidden", Reason: "x"}
		default:
			want = append(want, results[i].Seq)
		}
	}
	held, err := s.AckHeld(sent, results)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(held)
	if !slices.Equal(held, want) {
		t.Errorf("held %v, want %v", held, want)
	}
	if left := mustPending(t, s); len(left) != 1 || left[0].Op.Field != "summary" {
		t.Errorf("pending after the ack: %+v", left)
	}
}

func mustPending(t *testing.T, s *Store) []Pending {
	t.Helper()
	var p []Pending
	must(t, s.View(func(r *Reader) (err error) { p, err = r.PendingOps(0); return err }))
	return p
}
