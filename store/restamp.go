package store

import ()

// SetClockOffset stores the offset (HQ time minus this laptop's time, in
// milliseconds) that the clock adds to the wall clock from now on.
func (s *Store) SetClockOffset(ms int64) error {
	return s.db.Update(func(tx Tx) error {
		s.clock.SetOffset(ms)
		return tx.Bucket(bMeta).Put(kOffset, u64(uint64(ms)))
	})
}

// Restamp answers HQ's clock_ahead: with the offset corrected, it sets the
// clock back to the corrected time and gives every pending op a new stamp,
// oldest first, so their order is kept. Op ids stay (they are the
// idempotency keys); the local leaves that carry the old stamps, and later
// ops that name them in base or resolves, follow. HQ's own stamps that
// pending ops build on are observed first, so an edit still sorts after
// the value it replaced.
func (s *Store) Restamp(offsetMS int64) error {
	return s.db.Update(func(tx Tx) error {
		t := txn{tx: tx, s: s}
		s.clock.SetOffset(offsetMS)
		if err := tx.Bucket(bMeta).Put(kOffset, u64(uint64(offsetMS))); err != nil {
			return err
		}
		pend, err := (&Reader{tx: tx, s: s}).PendingOps(0)
		if err != nil {
			return err
		}
		own := map[Stamp]bool{}
		for _, p := range pend {
			own[p.Op.Stamp] = true
		}
		s.clock.reset(s.now().UnixMilli() + offsetMS)
		for _, p := range pend {
			for _, st := range append([]Stamp{p.Op.Base}, p.Op.Resolves...) {
				if !own[st] {
					s.clock.Observe(st)
				}
			}
		}
		renamed := map[Stamp]Stamp{}
		ob := tx.Bucket(bOutbox)
		// The ops of one outbox entry are written back together.
		var g uint64
		var group []slotOp
		flush := func() error {
			if len(group) == 0 {
				return nil
			}
			err := ob.Put(u64(g), encodeGroup(group[0].op.Type, group[0].op.ID, group))
			group = group[:0]
			return err
		}
		for _, p := range pend {
			op := p.Op
			old := op.Stamp
			// The ops of one edit share a stamp, and keep sharing one:
			// a later op's base names it whatever field it is on.
			n, ok := renamed[old]
			if !ok {
				n = s.clock.Now()
				renamed[old] = n
			}
			op.Stamp = n
			if n, ok := renamed[op.Base]; ok {
				op.Base = n
			}
			for i, r := range op.Resolves {
				if n, ok := renamed[r]; ok {
					op.Resolves[i] = n
				}
			}
			if p.Seq/groupSlots != g {
				if err := flush(); err != nil {
					return err
				}
				g = p.Seq / groupSlots
			}
			group = append(group, slotOp{slot: p.Seq % groupSlots, op: op})
			if err := t.restampLeaf(op, old); err != nil {
				return err
			}
		}
		if err := flush(); err != nil {
			return err
		}
		return tx.Bucket(bMeta).Put(kClock, []byte(s.clock.Last()))
	})
}

// restampLeaf gives the leaf op made (still stamped old) op's new stamp.
func (t txn) restampLeaf(op Op, old Stamp) error {
	if t.tx.Bucket(fieldsBucket(op.Type)) == nil {
		return nil
	}
	fs, err := t.loadFields(op.Type, op.ID)
	if err != nil {
		return err
	}
	leaves := fs[op.Field]
	found := false
	for i := range leaves {
		if leaves[i].OpID == op.OpID && leaves[i].Stamp == old {
			leaves[i].Stamp = op.Stamp
			found = true
		}
	}
	if !found {
		return nil
	}
	sortLeaves(leaves)
	return t.storeFields(op.Type, op.ID, fs)
}
