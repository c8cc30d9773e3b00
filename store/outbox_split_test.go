package store

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
)

// An edit of more than groupSlots fields takes more than one outbox entry;
// its ops keep their order, acknowledge away part by part, and check
// finds nothing at each step.
func TestOutboxEntrySplits(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "l.db"), Options{NoSync: true})
	must(t, err)
	defer s.Close()
	id := NewID()
	var ops []Op
	for i := range groupSlots + 44 {
		ops = append(ops, Op{OpID: NewID(), Type: "visit", ID: id, Field: fmt.Sprintf("f%03d", i),
			Value: json.RawMessage(fmt.Sprintf(`"%d"`, i)), Stamp: FormatStamp(1764000000000, 0, "dev"), Resolves: []Stamp{}})
	}
	must(t, s.db.Update(func(tx Tx) error { return txn{tx: tx, s: s}.enqueue("visit", id, ops) }))
	all := mustPending(t, s)
	if len(all) != len(ops) {
		t.Fatalf("%d ops pending, want %d", len(all), len(ops))
	}
	for i, p := range all {
		if p.Op.OpID != ops[i].OpID || (i > 0 && p.Seq <= all[i-1].Seq) {
			t.Fatalf("op %d: %s seq %d, want %s in order", i, p.Op.OpID, p.Seq, ops[i].OpID)
		}
	}
	var n int
	must(t, s.View(func(r *Reader) error {
		n = r.tx.Bucket(bOutboxField).KeyN()
		if r.PendingRecords() != 1 || r.PendingCount() != len(ops) || !r.HasPending("visit", id, "f299") {
			t.Errorf("records %d, ops %d", r.PendingRecords(), r.PendingCount())
		}
		return nil
	}))
	if n != 2 {
		t.Errorf("outbox_field: %d lines, want 2", n)
	}
	for len(all) > 0 {
		part := all[:min(len(all), 100)]
		all = all[len(part):]
		rs := make([]Result, len(part))
		for i, p := range part {
			rs[i] = Result{OpID: p.Op.OpID, Status: StatusApplied, Seq: uint64(i + 1)}
		}
		must(t, s.Ack(part, rs))
		if left := mustPending(t, s); len(left) != len(all) {
			t.Fatalf("%d left, want %d", len(left), len(all))
		}
		if p, err := s.Check(); err != nil || len(p) > 0 {
			t.Fatalf("check: %v %v", p, err)
		}
	}
}
