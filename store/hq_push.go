package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/liaison-dev/liaison/visits"
	bolt "go.etcd.io/bbolt"
)

// logEntry is one line of HQ's op log: the op as received, who sent it
// and what HQ answered. It is written in the transaction that applies the
// op, so a retried op finds it.
type logEntry struct {
	Officer string    `json:"officer"`
	Op      Op        `json:"op"`
	Result  Result    `json:"result"`
	At      time.Time `json:"at"`
}

// hqTx is one HQ write transaction: the merge and the seq assignment live
// here and nowhere else.
type hqTx struct {
	txn
	h     *HQ
	p     Principal
	seq   uint64
	scope map[string]bool // enterprise ids p may see; nil for admin
	now   time.Time
	// unlogged: none of the ops being applied can be in the log yet, so
	// looking each one up (is it a retry?) can be skipped.
	unlogged bool
}

func (h *HQ) begin(tx *bolt.Tx, p Principal) *hqTx {
	x := &hqTx{txn: txn{tx: tx, s: h.s}, h: h, p: p, now: h.s.Now().UTC()}
	if v := tx.Bucket(bHQMeta).Get(kHQSeq); len(v) == 8 {
		x.seq = beU64(v)
	}
	if tx.Writable() {
		// The feed is appended to in seq order and op ids (UUIDv7) and new
		// records' ids grow with time: fuller pages on split mean fewer
		// pages to write at each commit.
		tx.Bucket(bHQFeed).FillPercent = 0.95
		tx.Bucket(bHQOps).FillPercent = 0.9
		tx.Bucket(bHQSeqs).FillPercent = 0.9
		for _, t := range recordTypes {
			tx.Bucket(fieldsBucket(t)).FillPercent = 0.9
			tx.Bucket(recBucket(t)).FillPercent = 0.9
		}
		for _, ix := range indexes {
			tx.Bucket(ix.bucket).FillPercent = 0.9
		}
		tx.Bucket(bHQOwner).FillPercent = 0.9
	}
	if !p.Admin() {
		x.scope = scopeOf(tx, h.s, p.ID)
	}
	return x
}

func (x *hqTx) finish() error {
	if err := x.tx.Bucket(bHQMeta).Put(kHQSeq, u64(x.seq)); err != nil {
		return err
	}
	return x.tx.Bucket(bMeta).Put(kClock, []byte(x.s.clock.Last()))
}

// scopeOf returns the enterprises assigned to an officer.
func scopeOf(tx *bolt.Tx, s *Store, officer string) map[string]bool {
	r := &Reader{tx: tx, s: s}
	out := map[string]bool{}
	for _, id := range r.ids(ixAssignByOffice, prefix(officer), false, 0) {
		if a, err := Get[visits.Assignment](r, id); err == nil {
			out[a.EnterpriseID] = true
		}
	}
	return out
}

// Push applies ops sent by p, in order, in one transaction, and returns one
// result per op. p is the author of every op. The results are only
// returned once the transaction has committed.
func (h *HQ) Push(p Principal, ops []Op) ([]Result, error) {
	var results []Result
	err := h.s.db.Update(func(tx *bolt.Tx) error {
		x := h.begin(tx, p)
		var err error
		results, err = x.apply(ops)
		if err != nil {
			return err
		}
		return x.finish()
	})
	if err != nil {
		return nil, fmt.Errorf("push: %w", err)
	}
	return results, nil
}

// apply merges ops record by record (consecutive ops on one record share a
// load and a store).
func (x *hqTx) apply(ops []Op) ([]Result, error) {
	x.unlogged = x.noneLogged(ops)
	results := make([]Result, 0, len(ops))
	for start := 0; start < len(ops); {
		end := start + 1
		for end < len(ops) && ops[end].Type == ops[start].Type && ops[end].ID == ops[start].ID {
			end++
		}
		rs, err := x.applyRecord(ops[start:end])
		if err != nil {
			return nil, err
		}
		results = append(results, rs...)
		start = end
	}
	return results, nil
}

// noneLogged reports whether no op of ops can be in p's log yet: their
// keys rise strictly (so no op comes twice) and the first is above every
// key p has logged. A laptop's op ids rise in the order it sends them
// (NewID), so a fresh push passes with one cursor seek instead of a lookup
// per op; any other push is checked op by op.
func (x *hqTx) noneLogged(ops []Op) bool {
	if len(ops) == 0 {
		return true
	}
	first := logKey(x.p.ID, ops[0].OpID)
	prev := first
	for _, op := range ops[1:] {
		k := logKey(x.p.ID, op.OpID)
		if bytes.Compare(k, prev) <= 0 {
			return false
		}
		prev = k
	}
	// p's keys are p\0…; the first key after them is p\x01 or above.
	c := x.tx.Bucket(bHQOps).Cursor()
	k, _ := c.Seek(append([]byte(x.p.ID), sep+1))
	if k == nil {
		k, _ = c.Last()
	} else {
		k, _ = c.Prev()
	}
	mine := append([]byte(x.p.ID), sep)
	return k == nil || !bytes.HasPrefix(k, mine) || bytes.Compare(first, k) > 0
}

func (x *hqTx) applyRecord(ops []Op) ([]Result, error) {
	typ, id := ops[0].Type, ops[0].ID
	out := make([]Result, len(ops))
	known := x.tx.Bucket(fieldsBucket(typ)) != nil && id != ""
	var fs fieldSet
	if known {
		var err error
		if fs, err = x.loadFields(typ, id); err != nil {
			return nil, err
		}
	}
	seqs, err := x.seqsOf(typ, id)
	if err != nil {
		return nil, err
	}
	oldOwner := x.owner(typ, id)
	newOwner := x.ownerFromOps(typ, id, ops, oldOwner)
	// An officer in the field registers a new enterprise: HQ has no field
	// of it, so it is theirs. It enters their scope now (so the rest of
	// this push may link records to it) and, if any of its ops is applied,
	// HQ assigns it to them below, in this transaction.
	grant := typ == visits.TypeEnterprise && known && x.scope != nil && len(fs) == 0 && !x.scope[id]
	if grant {
		x.scope[id] = true
	}
	ob := x.tx.Bucket(bHQOps)
	changed := false
	for i, op := range ops {
		lk := logKey(x.p.ID, op.OpID)
		if !x.unlogged {
			if v := ob.Get(lk); v != nil {
				out[i] = duplicateOf(lk, v, op)
				continue
			}
		}
		res := Result{OpID: op.OpID, Status: StatusApplied}
		if e := x.check(op, known, fs, oldOwner, newOwner); e != nil {
			res.Status, res.Error = StatusRejected, e
			leaves := []Leaf{}
			if known && x.visible(newOwner, typ) && e.Code != "forbidden" {
				leaves = append(leaves, fs[op.Field]...)
			}
			res.Leaves = &leaves
		} else {
			x.s.clock.Observe(op.Stamp)
			leaves, ch := Merge(fs[op.Field], op, x.p.ID, Surface(typ, op.Field))
			if typ == visits.TypeNeed && op.Field == "status" {
				if err := x.tx.Bucket(bHQHistory).Put(key([]byte(typ), []byte(id), []byte(op.Field), []byte(op.Stamp)), compact(op.Value)); err != nil {
					return nil, err
				}
			}
			if ch {
				fs[op.Field] = leaves
				changed = true
				x.bump(seqs, op.Field)
				res.Seq = x.seq
				res.Sole = op.Base == "" && len(leaves) == 1 && leaves[0].OpID == op.OpID && leaves[0].Stamp == op.Stamp
			} else {
				res.Seq = seqs.get(op.Field)
			}
			if Conflicted(leaves) {
				res.Status = StatusConflict
			}
		}
		out[i] = res
		if err := ob.Put(lk, encodeLog(nil, &logEntry{Officer: x.p.ID, Op: op, Result: res, At: x.now})); err != nil {
			return nil, err
		}
	}
	if grant && !changed {
		delete(x.scope, id)
	}
	if !changed {
		return out, nil
	}
	if err := x.saveSeqs(seqs); err != nil {
		return nil, err
	}
	if err := x.storeFields(typ, id, fs); err != nil {
		return nil, err
	}
	if err := x.setOwner(typ, id, oldOwner, newOwner); err != nil {
		return nil, err
	}
	if grant {
		if err := x.assignCreator(id); err != nil {
			return nil, err
		}
	}
	if typ == visits.TypeAssignment {
		return out, x.touchEnterprise(newOwner)
	}
	return out, nil
}

// assignCreator assigns a new enterprise to the officer who registered
// it: an assignment record (role liaison) saved by HQ like master data,
// with seqs, so every laptop of that officer pulls it and with it the
// enterprise and everything linked to it.
func (x *hqTx) assignCreator(ent string) error {
	y := &hqTx{txn: x.txn, h: x.h, p: Principal{ID: "hq", Role: visits.RoleAdmin}, seq: x.seq, now: x.now}
	a := visits.Assignment{EnterpriseID: ent, OfficerID: x.p.ID, Role: visits.RoleLiaison}
	ops, err := y.opsFor(&a)
	if err != nil {
		return err
	}
	rs, err := y.apply(ops)
	if err != nil {
		return err
	}
	for _, r := range rs {
		if r.Refused() {
			return fmt.Errorf("assign %s to %s: %s", ent, x.p.ID, r.Error.Reason)
		}
	}
	x.seq = y.seq
	return nil
}

// duplicateOf answers a retried op from the log: the original result, or
// op_id_reused when the same id now carries a different op.
func duplicateOf(k, logged []byte, op Op) Result {
	e, err := decodeLog(k, logged)
	if err != nil || !sameOp(e.Op, op) {
		return Result{OpID: op.OpID, Status: StatusRejected,
			Error: &OpError{Code: "op_id_reused", Reason: "this op_id was already used for a different op"}}
	}
	r := e.Result
	r.Status, r.Leaves = StatusDuplicate, nil
	return r
}

func sameOp(a, b Op) bool {
	return a.Type == b.Type && a.ID == b.ID && a.Field == b.Field && a.Stamp == b.Stamp && a.Base == b.Base &&
		bytes.Equal(compact(a.Value), compact(b.Value)) && slices.Equal(a.Resolves, b.Resolves)
}

// check returns why op may not be applied, or nil.
func (x *hqTx) check(op Op, known bool, fs fieldSet, oldOwner, newOwner string) *OpError {
	if !known {
		return &OpError{Code: "bad_op", Reason: fmt.Sprintf("unknown record type %q or empty id", op.Type)}
	}
	if op.OpID == "" || op.Field == "" || op.Field == "id" || !json.Valid(op.Value) {
		return &OpError{Code: "bad_op", Reason: "op needs op_id, a field other than id, and a JSON value"}
	}
	if _, _, _, err := ParseStamp(op.Stamp); err != nil {
		return &OpError{Code: "bad_op", Reason: err.Error()}
	}
	if err := valueFits(op.Type, op.Field, op.Value); err != nil {
		return &OpError{Code: "bad_op", Reason: err.Error()}
	}
	if e := x.allowed(op.Type, oldOwner, newOwner); e != nil {
		return e
	}
	if op.Type == visits.TypeNeed && op.Field == "status" {
		return x.checkStatus(op, fs[op.Field])
	}
	return nil
}

// allowed applies the officer's scope to an edit.
func (x *hqTx) allowed(typ, oldOwner, newOwner string) *OpError {
	if x.p.Admin() {
		return nil
	}
	switch {
	case typ == visits.TypeOfficer || typ == visits.TypeAssignment:
		return &OpError{Code: "forbidden", Reason: typ + " records are changed at HQ only"}
	case newOwner == "":
		return &OpError{Code: "forbidden", Reason: "the record names no enterprise"}
	case !x.scope[newOwner] || (oldOwner != "" && !x.scope[oldOwner]):
		return &OpError{Code: "forbidden", Reason: "enterprise " + newOwner + " is not assigned to " + x.p.ID}
	}
	return nil
}

// checkStatus checks a need's status change against the value the officer
// saw (the base), not against the current value.
func (x *hqTx) checkStatus(op Op, leaves []Leaf) *OpError {
	var to string
	if json.Unmarshal(op.Value, &to) != nil || !visits.Valid(visits.KindStatus, to) {
		return &OpError{Code: "illegal_transition", Reason: fmt.Sprintf("%s is not a need status", op.Value)}
	}
	if op.Base == "" {
		return nil
	}
	from, ok := x.statusAt(op, leaves, op.Base)
	if !ok {
		return &OpError{Code: "unknown_base", Reason: "the status this change started from (" + op.Base + ") is unknown to HQ"}
	}
	if from == to || slices.Contains(visits.AllowedTransitions(from), to) {
		return nil
	}
	for _, r := range op.Resolves {
		if v, ok := x.statusAt(op, leaves, r); ok && v == to {
			return nil // keeping one of the conflicting values is a choice, not a step
		}
	}
	return &OpError{Code: "illegal_transition", Reason: fmt.Sprintf("a need cannot go from %s to %s; allowed: %v",
		from, to, visits.AllowedTransitions(from))}
}

func (x *hqTx) statusAt(op Op, leaves []Leaf, stamp Stamp) (string, bool) {
	var raw []byte
	for _, l := range leaves {
		if l.Stamp == stamp {
			raw = l.Value
		}
	}
	if raw == nil {
		raw = x.tx.Bucket(bHQHistory).Get(key([]byte(op.Type), []byte(op.ID), []byte(op.Field), []byte(stamp)))
	}
	var s string
	if raw == nil || json.Unmarshal(raw, &s) != nil {
		return "", false
	}
	return s, true
}

// visible reports whether p may see a record owned by owner.
func (x *hqTx) visible(owner, typ string) bool {
	return x.scope == nil || typ == visits.TypeOfficer || (owner != "" && x.scope[owner])
}
