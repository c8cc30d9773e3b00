package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
)

// Result statuses of a pushed op (sync-protocol.md).
const (
	StatusApplied   = "applied"
	StatusDuplicate = "duplicate"
	StatusConflict  = "conflict"
	StatusRejected  = "rejected"
)

// OpError says why HQ refused an op.
type OpError struct {
	Code   string `json:"code"`
	Reason string `json:"reason"`
}

// Result is HQ's answer for one pushed op. A duplicate carries the
// original result's seq and, if the original was refused, its error.
// Leaves is an addition to the contract: for a refused op, HQ's current
// leaves of the field (empty when the officer may not see it), so the
// laptop can show HQ's value again.
type Result struct {
	OpID   string   `json:"op_id"`
	Status string   `json:"status"`
	Seq    uint64   `json:"seq"`
	Error  *OpError `json:"error,omitempty"`
	Leaves *[]Leaf  `json:"leaves,omitempty"`
	// Sole (an addition) says that this op set a field that had no value
	// before (base "") and that the field now holds only this op's leaf,
	// as of Seq. A laptop holding that same leaf need not pull Seq back.
	Sole bool `json:"sole,omitempty"`
}

// Refused reports whether the op did not take effect at HQ: rejected, or a
// duplicate of an op that was rejected.
func (r Result) Refused() bool {
	return r.Status == StatusRejected || (r.Status == StatusDuplicate && r.Error != nil)
}

// Ack records HQ's answers for pushed outbox entries in one transaction:
// applied, duplicate and conflict entries leave the outbox; refused ones
// move to the rejected list, and their field goes back to HQ's leaves with
// the remaining local edits on top. results[i] answers sent[i]; extra
// entries without a result stay queued.
func (s *Store) Ack(sent []Pending, results []Result) error {
	_, err := s.AckHeld(sent, results)
	return err
}

// AckHeld is Ack, and also returns the seqs of HQ's changes this laptop
// already holds exactly: results marked Sole whose field here is that one
// leaf, with no local edit pending. A pull may skip them.
func (s *Store) AckHeld(sent []Pending, results []Result) ([]uint64, error) {
	if len(results) > len(sent) {
		return nil, fmt.Errorf("ack: %d results for %d ops", len(results), len(sent))
	}
	var held []uint64
	err := s.db.Update(func(tx Tx) error {
		held = held[:0]
		t := txn{tx: tx, s: s}
		now := s.Now().UTC()
		var refused refusedStamps
		rm := t.outboxRemover()
		for i, res := range results {
			p := sent[i]
			if res.OpID != p.Op.OpID {
				return fmt.Errorf("ack: result %d is for op %s, sent %s", i, res.OpID, p.Op.OpID)
			}
			// One op at a time: a refused op's field is rebuilt from HQ's
			// leaves and the ops still pending after it.
			if err := rm.remove(sent[i]); err != nil {
				return err
			}
			if !res.Refused() {
				continue
			}
			if err := rm.flush(); err != nil { // reject reads the outbox
				return err
			}
			if err := t.reject(p.Op, res, now, &refused); err != nil {
				return err
			}
		}
		if err := rm.flush(); err != nil {
			return err
		}
		var err error
		held, err = t.held(sent, results)
		return err
	})
	return held, err
}

// held returns the seqs of Sole results whose field holds exactly the
// leaf HQ made of the op. A duplicate counts too: it carries the original
// result (a batch sent again after its answer was lost, e.g. a client
// timeout), and HQ skips the seq only while the field is still at it.
func (t txn) held(sent []Pending, results []Result) ([]uint64, error) {
	var out []uint64
	author := string(t.tx.Bucket(bMeta).Get(kOfficer))
	var curType, curID string
	var fs fieldSet
	var pending map[string]bool
	for i, res := range results {
		op := sent[i].Op
		if !res.Sole || res.Refused() || (res.Status != StatusApplied && res.Status != StatusDuplicate) || res.Seq == 0 || op.Base != "" ||
			t.tx.Bucket(fieldsBucket(op.Type)) == nil {
			continue
		}
		if op.Type != curType || op.ID != curID {
			var err error
			if fs, err = t.loadFields(op.Type, op.ID); err != nil {
				return nil, err
			}
			if pending, err = t.pendingFields(op.Type, op.ID); err != nil {
				return nil, err
			}
			curType, curID = op.Type, op.ID
		}
		ls := fs[op.Field]
		if len(ls) != 1 || ls[0].OpID != op.OpID || ls[0].Stamp != op.Stamp || ls[0].Author != author ||
			ls[0].Base != "" || ls[0].From != nil || !bytes.Equal(ls[0].Value, compact(op.Value)) || pending[op.Field] {
			continue
		}
		out = append(out, res.Seq)
	}
	return out, nil
}

// pendingFields returns the fields of a record that have unsent edits
// (nil if none): the record's outbox entries, found in outbox_field.
func (t txn) pendingFields(typ, id string) (map[string]bool, error) {
	var out map[string]bool
	err := eachRecordGroup(t.tx, typ, id, func(_ uint64, ops []slotOp) bool {
		for _, o := range ops {
			if out == nil {
				out = map[string]bool{}
			}
			out[o.op.Field] = true
		}
		return true
	})
	return out, err
}

// reject keeps a refused op for the officer and takes its value out of the
// field: the field takes HQ's leaves, with the local edits still pending on
// top. When HQ sends no leaves (it has no value, or the officer may not
// see it: forbidden) only the refused value leaves, and the value it
// replaced comes back unless that was refused too: a refused op never
// empties a field HQ had acknowledged, and never touches other fields.
func (t txn) reject(op Op, res Result, at time.Time, refused *refusedStamps) error {
	x := Rejected{Op: op, At: at}
	if res.Error != nil {
		x.Code, x.Reason = res.Error.Code, Abbrev(res.Error.Reason, MaxReasonRunes)
	}
	if err := t.keepRejected(x); err != nil {
		return err
	}
	refused.add(op.Type, op.ID, op.Field, op.Stamp)
	if t.tx.Bucket(fieldsBucket(op.Type)) == nil {
		return nil
	}
	fs, err := t.loadFields(op.Type, op.ID)
	if err != nil {
		return err
	}
	var base []Leaf
	if res.Leaves != nil && len(*res.Leaves) > 0 {
		base = *res.Leaves
		for i := range base {
			t.s.clock.Observe(base[i].Stamp)
			base[i].Value = compact(base[i].Value)
		}
	} else {
		for _, l := range fs[op.Field] {
			if l.OpID != op.OpID {
				base = append(base, l)
			}
		}
		if op.Base != "" && len(op.From) > 0 && !hasStamp(base, op.Base) {
			was, err := refused.has(t, op.Type, op.ID, op.Field, op.Base)
			if err != nil {
				return err
			}
			if !was {
				base = append(base, Leaf{Value: compact(op.From), Stamp: op.Base})
			}
		}
	}
	if err := t.setField(fs, op.Type, op.ID, op.Field, base); err != nil {
		return err
	}
	return t.saveFields(op.Type, op.ID, fs)
}

// keepRejected appends x to the rejected list.
func (t txn) keepRejected(x Rejected) error {
	enc, err := json.Marshal(x)
	if err != nil {
		return err
	}
	rb := t.tx.Bucket(bRejected)
	n, err := rb.NextSequence()
	if err != nil {
		return err
	}
	return rb.Put(u64(n), enc)
}

func hasStamp(ls []Leaf, s Stamp) bool {
	for _, l := range ls {
		if l.Stamp == s {
			return true
		}
	}
	return false
}

// refusedStamps are the values this laptop's refused ops made, each named
// by its record, field and stamp (the ops of one edit share a stamp, so a
// stamp alone names a value only within its field), read from the
// rejected list once, when first asked.
type refusedStamps struct {
	read bool
	set  map[string]bool
}

func refusedKey(typ, id, field string, s Stamp) string {
	return typ + "\x00" + id + "\x00" + field + "\x00" + s
}

func (r *refusedStamps) add(typ, id, field string, s Stamp) {
	if r.set == nil {
		r.set = map[string]bool{}
	}
	r.set[refusedKey(typ, id, field, s)] = true
}

func (r *refusedStamps) has(t txn, typ, id, field string, s Stamp) (bool, error) {
	if !r.read {
		r.read = true
		err := t.tx.Bucket(bRejected).ForEach(func(_, v []byte) error {
			var x struct {
				Op struct {
					Type  string `json:"type"`
					ID    string `json:"id"`
					Field string `json:"field"`
					Stamp Stamp  `json:"stamp"`
				} `json:"op"`
			}
			if json.Unmarshal(v, &x) == nil && x.Op.Stamp != "" {
				r.add(x.Op.Type, x.Op.ID, x.Op.Field, x.Op.Stamp)
			}
			return nil
		})
		if err != nil {
			return false, err
		}
	}
	return r.set[refusedKey(typ, id, field, s)], nil
}

// MaxReasonRunes bounds a refusal's reason as kept in the rejected list:
// reasons are printed (liaison sync, status), and one quoting a refused
// value could otherwise run to megabytes.
const MaxReasonRunes = 200
