package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
)

// Pending is an op waiting in the outbox.
type Pending struct {
	Seq uint64
	Op  Op
}

// The outbox holds one entry per record and action (outboxcodec.go), keyed
// by its 8-byte number; outbox_field indexes the entries by record:
// type, 0, the record's id (recordIDKey), the entry's number. An op's Seq
// is its entry's number times groupSlots plus its slot.

// PendingOps returns up to limit outbox entries, oldest first (limit <= 0:
// all).
func (r *Reader) PendingOps(limit int) ([]Pending, error) { return r.PendingOpsAfter(0, limit) }

// PendingOpsAfter returns up to limit pending ops queued after the op
// numbered after, oldest first (limit <= 0: all). Numbers start above 0,
// so after 0 reads from the oldest.
func (r *Reader) PendingOpsAfter(after uint64, limit int) ([]Pending, error) {
	c := r.tx.Bucket(bOutbox).Cursor()
	var out []Pending
	if limit > 0 {
		out = make([]Pending, 0, min(limit, 4096))
	}
	for k, v := c.Seek(u64(after / groupSlots)); k != nil; k, v = c.Next() {
		g := binary.BigEndian.Uint64(k)
		_, _, ops, err := decodeGroup(v)
		if err != nil {
			return nil, fmt.Errorf("outbox entry %d: %w", g, err)
		}
		for _, o := range ops {
			seq := seqOf(g, o.slot)
			if seq <= after {
				continue
			}
			out = append(out, Pending{Seq: seq, Op: o.op})
			if limit > 0 && len(out) == limit {
				return out, nil
			}
		}
	}
	return out, nil
}

// PendingCount returns the number of ops not yet acknowledged by HQ.
func (r *Reader) PendingCount() int {
	n := 0
	c := r.tx.Bucket(bOutbox).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		n += groupOpCount(v)
	}
	return n
}

// HasPending reports whether a field has unsent local edits.
func (r *Reader) HasPending(typ, id, field string) bool {
	found := false
	_ = eachRecordGroup(r.tx, typ, id, func(_ uint64, ops []slotOp) bool {
		for _, o := range ops {
			if o.op.Field == field {
				found = true
				return false
			}
		}
		return true
	})
	return found
}

// recordIDKey is the part of an outbox_field key that names a record:
// type, 0, then 1 and the 16 bytes of a canonical UUID id, or 2, the id
// and 0 (no id holds a 0 byte).
func recordIDKey(typ, id string) []byte {
	b := make([]byte, 0, len(typ)+len(id)+3+8)
	b = append(append(b, typ...), sep)
	if u, ok := parseUUID(id); ok {
		return append(append(b, 1), u[:]...)
	}
	return append(append(append(b, 2), id...), sep)
}

// eachRecordGroup calls fn with each outbox entry of a record, oldest
// first, until fn returns false.
func eachRecordGroup(tx Tx, typ, id string, fn func(g uint64, ops []slotOp) bool) error {
	p := recordIDKey(typ, id)
	c := tx.Bucket(bOutboxField).Cursor()
	ob := tx.Bucket(bOutbox)
	for k, _ := c.Seek(p); k != nil && len(k) == len(p)+8 && bytes.HasPrefix(k, p); k, _ = c.Next() {
		g := k[len(p):]
		v := ob.Get(g)
		if v == nil {
			continue
		}
		_, _, ops, err := decodeGroup(v)
		if err != nil {
			return fmt.Errorf("outbox entry %d: %w", binary.BigEndian.Uint64(g), err)
		}
		if !fn(binary.BigEndian.Uint64(g), ops) {
			return nil
		}
	}
	return nil
}

// enqueue appends ops (all of record typ id) to the outbox as one entry
// (more past groupSlots ops), and notes in outbox_field that the record
// has unsent work (a pull must not hide it).
func (t txn) enqueue(typ, id string, ops []Op) error {
	ob, of := t.tx.Bucket(bOutbox), t.tx.Bucket(bOutboxField)
	for len(ops) > 0 {
		part := ops[:min(len(ops), groupSlots)]
		ops = ops[len(part):]
		g, err := ob.NextSequence()
		if err != nil {
			return err
		}
		so := make([]slotOp, len(part))
		for i, op := range part {
			so[i] = slotOp{slot: uint64(i), op: op}
		}
		if err := ob.Put(u64(g), encodeGroup(typ, id, so)); err != nil {
			return err
		}
		if err := of.Put(append(recordIDKey(typ, id), u64(g)...), nil); err != nil {
			return err
		}
	}
	return nil
}

// removePending drops acknowledged entries from the outbox.
func (t txn) removePending(entries []Pending) error {
	r := t.outboxRemover()
	for _, e := range entries {
		if err := r.remove(e); err != nil {
			return err
		}
	}
	return r.flush()
}

// outboxRemover deletes acknowledged ops from the outbox: the ops of one
// entry are marked as they come and the entry is written back (or, all
// gone, deleted with its outbox_field line) by flush, which must run
// before anything reads the outbox again. One cursor per bucket serves
// every entry: bbolt's Bucket.Delete makes a new cursor (and grows its
// stack) on every call.
type outboxRemover struct {
	ob, of   Bucket
	obc, ofc Cursor
	g        uint64 // the entry loaded (0: none)
	typ, id  string
	ops      []slotOp
	gone     [groupSlots / 64]uint64 // slots acknowledged
	dirty    bool
}

func (t txn) outboxRemover() *outboxRemover {
	ob, of := t.tx.Bucket(bOutbox), t.tx.Bucket(bOutboxField)
	return &outboxRemover{ob: ob, of: of, obc: ob.Cursor(), ofc: of.Cursor()}
}

// remove marks one op acknowledged; an op no longer there is not an error.
func (r *outboxRemover) remove(e Pending) error {
	g, slot := e.Seq/groupSlots, e.Seq%groupSlots
	if g != r.g {
		if err := r.flush(); err != nil {
			return err
		}
		r.g = g
		k, v := r.obc.Seek(u64(g))
		if k != nil && binary.BigEndian.Uint64(k) == g {
			var err error
			if r.typ, r.id, r.ops, err = decodeGroup(v); err != nil {
				return fmt.Errorf("outbox entry %d: %w", g, err)
			}
		}
	}
	for _, o := range r.ops {
		if o.slot == slot && o.op.OpID == e.Op.OpID {
			r.gone[slot/64] |= 1 << (slot % 64)
			r.dirty = true
		}
	}
	return nil
}

// flush writes the loaded entry back without its acknowledged ops.
func (r *outboxRemover) flush() error {
	defer func() { r.g, r.ops, r.gone, r.dirty = 0, nil, [groupSlots / 64]uint64{}, false }()
	if !r.dirty {
		return nil
	}
	left := r.ops[:0]
	for _, o := range r.ops {
		if r.gone[o.slot/64]&(1<<(o.slot%64)) == 0 {
			left = append(left, o)
		}
	}
	if len(left) > 0 {
		return r.ob.Put(u64(r.g), encodeGroup(r.typ, r.id, left))
	}
	if err := deleteVia(r.ob, r.obc, u64(r.g)); err != nil {
		return err
	}
	return deleteVia(r.of, r.ofc, append(recordIDKey(r.typ, r.id), u64(r.g)...))
}

// cursorDeleter is a cursor that can delete the key it stands on (bbolt's).
type cursorDeleter interface{ Delete() error }

// deleteVia deletes key from b, through c when the engine's cursor can
// delete (the same seek and delete Bucket.Delete does, without a new
// cursor each time), else through b.
func deleteVia(b Bucket, c Cursor, key []byte) error {
	d, ok := c.(cursorDeleter)
	if !ok {
		return b.Delete(key)
	}
	if k, _ := c.Seek(key); k == nil || !bytes.Equal(k, key) {
		return nil
	}
	return d.Delete()
}
