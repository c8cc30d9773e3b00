package store

import (
	"encoding/binary"
	"fmt"
)

// Pending is an op waiting in the outbox.
type Pending struct {
	Seq uint64
	Op  Op
}

// PendingOps returns up to limit outbox entries, oldest first (limit <= 0:
// all).
func (r *Reader) PendingOps(limit int) ([]Pending, error) { return r.PendingOpsAfter(0, limit) }

// PendingOpsAfter returns up to limit outbox entries queued after the
// entry numbered after, oldest first (limit <= 0: all). Outbox numbers
// start at 1, so after 0 reads from the oldest.
func (r *Reader) PendingOpsAfter(after uint64, limit int) ([]Pending, error) {
	c := r.tx.Bucket(bOutbox).Cursor()
	var out []Pending
	if limit > 0 {
		out = make([]Pending, 0, min(limit, 4096))
	}
	for k, v := c.Seek(u64(after + 1)); k != nil; k, v = c.Next() {
		op, err := decodeOp(v)
		if err != nil {
			return nil, fmt.Errorf("outbox entry %x: %w", k, err)
		}
		out = append(out, Pending{Seq: binary.BigEndian.Uint64(k), Op: op})
		if limit > 0 && len(out) == limit {
			break
		}
	}
	return out, nil
}

// PendingCount returns the number of ops not yet acknowledged by HQ.
func (r *Reader) PendingCount() int { return r.tx.Bucket(bOutbox).KeyN() }

// HasPending reports whether a field has unsent local edits.
func (r *Reader) HasPending(typ, id, field string) bool {
	k, _ := r.tx.Bucket(bOutboxField).Cursor().Seek(conflictKey(typ, id, field))
	p := append(conflictKey(typ, id, field), sep)
	return k != nil && len(k) == len(p)+8 && string(k[:len(p)]) == string(p)
}

// removePending drops acknowledged entries from the outbox.
func (t txn) removePending(entries []Pending) error {
	ob, of := t.tx.Bucket(bOutbox), t.tx.Bucket(bOutboxField)
	for _, e := range entries {
		if err := ob.Delete(u64(e.Seq)); err != nil {
			return err
		}
		k := append(conflictKey(e.Op.Type, e.Op.ID, e.Op.Field), sep)
		if err := of.Delete(append(k, u64(e.Seq)...)); err != nil {
			return err
		}
	}
	return nil
}
