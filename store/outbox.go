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
	r := t.outboxRemover()
	for _, e := range entries {
		if err := r.remove(e); err != nil {
			return err
		}
	}
	return nil
}

// outboxRemover deletes acknowledged outbox entries, and their line in the
// outbox's field index, through one cursor per bucket reused for every
// entry: bbolt's Bucket.Delete makes a new cursor (and grows its stack)
// on every call, which was most of what acknowledging 100,000 ops cost.
type outboxRemover struct {
	ob, of   Bucket
	obc, ofc Cursor
	key      []byte
}

func (t txn) outboxRemover() *outboxRemover {
	ob, of := t.tx.Bucket(bOutbox), t.tx.Bucket(bOutboxField)
	return &outboxRemover{ob: ob, of: of, obc: ob.Cursor(), ofc: of.Cursor()}
}

// remove deletes one entry; an entry no longer there is not an error.
func (r *outboxRemover) remove(e Pending) error {
	var seq [8]byte
	binary.BigEndian.PutUint64(seq[:], e.Seq)
	if err := deleteVia(r.ob, r.obc, seq[:]); err != nil {
		return err
	}
	k := append(r.key[:0], e.Op.Type...)
	k = append(append(k, sep), e.Op.ID...)
	k = append(append(k, sep), e.Op.Field...)
	k = append(append(k, sep), seq[:]...)
	r.key = k
	return deleteVia(r.of, r.ofc, k)
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
