package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
)

// migrateOutboxGroups (schema 12) rewrites the outbox in version 3
// (outboxcodec.go): consecutive ops of one record become one entry, and
// outbox_field, which held a line per op (type, id, field and seq as
// text), holds a line per entry. Ops keep their order and every byte; their
// Seqs change (nothing outside a transaction keeps them). It runs in the
// open's one transaction: a kill leaves the database at schema 11.
func migrateOutboxGroups(tx Tx) error {
	ob := tx.Bucket(bOutbox)
	if err := tx.DeleteBucket(bOutboxField); err != nil {
		return err
	}
	of, err := tx.CreateBucketIfNotExists(bOutboxField)
	if err != nil {
		return err
	}
	last, _ := ob.Cursor().Last()
	if last == nil {
		return nil
	}
	if len(last) != 8 {
		return fmt.Errorf("outbox key %x: want 8 bytes", last)
	}
	lastOld := binary.BigEndian.Uint64(last)
	var group []slotOp
	flush := func() error {
		if len(group) == 0 {
			return nil
		}
		g, err := ob.NextSequence()
		if err != nil {
			return err
		}
		if g <= lastOld {
			return fmt.Errorf("outbox sequence %d is not past its last entry %d", g, lastOld)
		}
		typ, id := group[0].op.Type, group[0].op.ID
		if err := ob.Put(u64(g), encodeGroup(typ, id, group)); err != nil {
			return err
		}
		group = group[:0]
		return of.Put(append(recordIDKey(typ, id), u64(g)...), nil)
	}
	// In batches read ahead of the writes (a bucket is not changed under
	// a cursor that walks it); the old entries are deleted as they are
	// read, the new ones go past the last old key.
	const batch = 1024
	for {
		var keys [][]byte
		var ops []Op
		c := ob.Cursor()
		for k, v := c.First(); k != nil && len(keys) < batch && bytes.Compare(k, last) <= 0; k, v = c.Next() {
			// Decoded ops point into their own copy, not into v. An entry
			// already in version 3 (a test's database set back to schema
			// 8) is taken as its ops.
			if len(v) > 0 && v[0] == opGroupV3 {
				_, _, g, err := decodeGroup(v)
				if err != nil {
					return fmt.Errorf("outbox entry %x: %w", k, err)
				}
				for _, o := range g {
					ops = append(ops, o.op)
				}
			} else {
				op, err := decodeOp(v)
				if err != nil {
					return fmt.Errorf("outbox entry %x: %w", k, err)
				}
				ops = append(ops, op)
			}
			keys = append(keys, append([]byte(nil), k...))
		}
		if len(keys) == 0 {
			return flush()
		}
		for _, k := range keys {
			if err := ob.Delete(k); err != nil {
				return err
			}
		}
		for _, op := range ops {
			if len(group) > 0 && (len(group) == groupSlots || group[0].op.Type != op.Type || group[0].op.ID != op.ID) {
				if err := flush(); err != nil {
					return err
				}
			}
			group = append(group, slotOp{slot: uint64(len(group)), op: op})
		}
	}
}

// checkOutbox verifies the outbox for liaison check: every entry decodes,
// its slots rise and stay below groupSlots, its ops are of its record, and
// outbox_field holds exactly a line per entry.
func checkOutbox(tx Tx) []string {
	var problems []string
	want := map[string]bool{}
	_ = tx.Bucket(bOutbox).ForEach(func(k, v []byte) error {
		if len(k) != 8 {
			problems = append(problems, fmt.Sprintf("outbox: key %x is not 8 bytes", k))
			return nil
		}
		g := binary.BigEndian.Uint64(k)
		typ, id, ops, err := decodeGroup(v)
		if err != nil {
			problems = append(problems, fmt.Sprintf("outbox entry %d: %v", g, err))
			return nil
		}
		if len(ops) == 0 {
			problems = append(problems, fmt.Sprintf("outbox entry %d: no ops", g))
		}
		for i, o := range ops {
			if o.slot >= groupSlots || (i > 0 && o.slot <= ops[i-1].slot) {
				problems = append(problems, fmt.Sprintf("outbox entry %d: slot %d out of order", g, o.slot))
			}
		}
		want[string(append(recordIDKey(typ, id), k...))] = true
		return nil
	})
	n := 0
	_ = tx.Bucket(bOutboxField).ForEach(func(k, _ []byte) error {
		n++
		if !want[string(k)] {
			problems = append(problems, fmt.Sprintf("outbox_field: stray line %q", k))
		}
		return nil
	})
	if n < len(want) {
		problems = append(problems, fmt.Sprintf("outbox_field: %d lines missing", len(want)-n))
	}
	return problems
}
