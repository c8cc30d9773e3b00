package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"time"

	"github.com/liaison-dev/liaison/visits"
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
	// pushed: the ops come from a laptop (Push), not from HQ's own master
	// data, which may start a need in any status.
	pushed bool
	// slab holds the log entries written in this transaction (hq_slab.go).
	slab slab
	// logged holds the log entries of an unlogged push, written after its
	// last record (hq_log.go).
	logged loggedEntries
}

// begin starts HQ's work in tx. A write is refused (ErrNewer) when another
// HQ process sharing the engine has migrated the database to a schema
// newer than this build's: this one would write records without what the
// newer schema keeps beside them (an instance checks at open, and may
// have opened before the upgrade).
func (h *HQ) begin(tx Tx, p Principal) (*hqTx, error) {
	x := &hqTx{txn: txn{tx: tx, s: h.s}, h: h, p: p, now: h.s.Now().UTC()}
	if v := tx.Bucket(bHQMeta).Get(kHQSeq); len(v) == 8 {
		x.seq = beU64(v)
	}
	if tx.Writable() {
		m := tx.Bucket(bMeta)
		prefetch(m, [][]byte{kClock, kSchema}) // PostgreSQL: one round trip
		if v := m.Get(kSchema); len(v) == 8 && beU64(v) > uint64(SchemaVersion) {
			return nil, fmt.Errorf("HQ: schema %d > %d (another liaison-hq has upgraded the database; restart this one with the new build): %w",
				beU64(v), SchemaVersion, ErrNewer)
		}
		// Another HQ process sharing the engine may have stamped since
		// this one last did: start after the latest stamp of any.
		if v := m.Get(kClock); v != nil {
			h.s.clock.Observe(string(v))
		}
		// The feed is appended to in seq order and op ids (UUIDv7) and new
		// records' ids grow with time: fuller pages on split mean fewer
		// pages to write at each commit.
		tx.Bucket(bHQSeqFeed).SetFillPercent(0.95)
		tx.Bucket(bHQOps).SetFillPercent(0.9)
		tx.Bucket(bHQRecs).SetFillPercent(0.9)
		for _, t := range recordTypes {
			tx.Bucket(fieldsBucket(t)).SetFillPercent(0.9)
		}
		for _, ix := range indexes {
			tx.Bucket(ix.bucket).SetFillPercent(0.9)
		}
		// A push appends too to the feed by enterprise (enterprise, seq):
		// at bbolt's default of 0.5 every page split in it stayed half
		// empty, and was written so at every commit.
		tx.Bucket(bHQEFeed).SetFillPercent(0.9)
	}
	if !p.Admin() {
		x.scope = scopeOf(tx, h.s, p.ID)
	}
	return x, nil
}

func (x *hqTx) finish() error {
	if err := x.tx.Bucket(bHQMeta).Put(kHQSeq, u64(x.seq)); err != nil {
		return err
	}
	// The shared last stamp only moves forward (another process may have
	// stored a later one with a device id that sorts after ours).
	m := x.tx.Bucket(bMeta)
	last := x.s.clock.Last()
	if string(m.Get(kClock)) > last {
		return nil
	}
	return m.Put(kClock, []byte(last))
}

// scopeOf returns the enterprises assigned to an officer.
func scopeOf(tx Tx, s *Store, officer string) map[string]bool {
	r := &Reader{tx: tx, s: s}
	out := map[string]bool{}
	ids := r.ids(ixAssignByOffice, prefix(officer), false, 0)
	// An assignment's enterprise is its owner in hq:recs (its
	// enterprise_id as shown, hq_owner.go): a lookup, not a record read,
	// which an officer assigned 10,000 enterprises made at every page of
	// a pull.
	keys := make([][]byte, len(ids))
	for i, id := range ids {
		keys[i] = recKey(visits.TypeAssignment, id)
	}
	recs := tx.Bucket(bHQRecs)
	prefetch(recs, keys) // PostgreSQL: one query, not one per assignment
	for _, k := range keys {
		if v := recs.Get(k); v != nil {
			out[ownerOfRec(v)] = true
		}
	}
	return out
}

// Push applies ops sent by p, in order, in one transaction, and returns one
// result per op. p is the author of every op. The results are only
// returned once the transaction has committed. Pushes waiting at once
// share a transaction (hq_group.go).
func (h *HQ) Push(p Principal, ops []Op) ([]Result, error) {
	return h.PushContext(context.Background(), p, ops)
}

// pushTx applies one push in tx, as its own part of the transaction.
func (h *HQ) pushTx(tx Tx, p Principal, ops []Op) ([]Result, error) {
	x, err := h.begin(tx, p)
	if err != nil {
		return nil, err
	}
	x.pushed = true
	results, err := x.apply(ops)
	if err != nil {
		return nil, err
	}
	return results, x.finish()
}

// apply merges ops record by record (consecutive ops on one record share a
// load and a store). An op that is not well-formed (CheckOp) is refused
// before any part of it is used as a key, and is not logged: its answer
// depends on nothing but the op, so a retry gets the same one.
func (x *hqTx) apply(ops []Op) ([]Result, error) {
	var bad []*OpError
	for i := range ops {
		if e := CheckOp(ops[i]); e != nil {
			if bad == nil {
				bad = make([]*OpError, len(ops))
			}
			bad[i] = e
		}
	}
	keys := x.logKeys(ops, bad)
	x.unlogged = x.noneLogged(keys)
	if x.unlogged {
		x.logged = loggedEntries{keys: make([][]byte, 0, len(ops)), values: make([][]byte, 0, len(ops))}
	}
	x.prefetchRecords(ops, bad) // hq_prefetch.go: PostgreSQL reads them at once
	results := make([]Result, len(ops))
	for start := 0; start < len(ops); {
		end := start + 1
		for end < len(ops) && ops[end].Type == ops[start].Type && ops[end].ID == ops[start].ID {
			end++
		}
		var b []*OpError
		if bad != nil {
			b = bad[start:end]
		}
		if err := x.applyRecord(ops[start:end], b, keys[start:end], results[start:end]); err != nil {
			return nil, err
		}
		start = end
	}
	if err := x.flushLog(); err != nil {
		return nil, err
	}
	return results, nil
}

// logKeys returns the log key of each well-formed op (nil for the others),
// all in one allocation.
func (x *hqTx) logKeys(ops []Op, bad []*OpError) [][]byte {
	keys := make([][]byte, len(ops))
	n := 0
	for i := range ops {
		if bad == nil || bad[i] == nil {
			n += len(x.p.ID) + 1 + len(ops[i].OpID) + 1 + binary.MaxVarintLen64
		}
	}
	buf := make([]byte, 0, n)
	for i, op := range ops {
		if bad != nil && bad[i] != nil {
			continue
		}
		start := len(buf)
		buf = appendLogKey(buf, x.p.ID, op.OpID)
		keys[i] = buf[start:len(buf):len(buf)]
	}
	return keys
}

// noneLogged reports whether no op of ops can be in p's log yet: their
// keys rise strictly (so no op comes twice) and the first is above every
// key p has logged. A laptop's op ids rise in the order it sends them
// (NewID), so a fresh push passes with one cursor seek instead of a lookup
// per op; any other push is checked op by op. Ops refused as malformed
// (bad[i] != nil) are never logged and are left out.
func (x *hqTx) noneLogged(keys [][]byte) bool {
	var first, prev []byte
	for _, k := range keys {
		if k == nil {
			continue
		}
		if prev != nil && bytes.Compare(k, prev) <= 0 {
			return false
		}
		if first == nil {
			first = k
		}
		prev = k
	}
	if first == nil {
		return true
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

// applyRecord applies the ops of one record and writes their results to
// out. bad (nil: none) holds why an op is not well-formed, keys their log
// keys (logKeys).
func (x *hqTx) applyRecord(ops []Op, bad []*OpError, keys [][]byte, out []Result) error {
	typ, id := ops[0].Type, ops[0].ID
	good := len(ops)
	for i, e := range bad {
		if e != nil {
			out[i] = Result{OpID: ops[i].OpID, Status: StatusRejected, Error: e, Leaves: &[]Leaf{}}
			good--
		}
	}
	if good == 0 {
		return nil
	}
	fs, err := x.loadFields(typ, id)
	if err != nil {
		return err
	}
	if len(fs) == 0 {
		fs = make(fieldSet, len(ops)) // a new record: room for its fields
	}
	seqs, err := x.seqsOf(typ, id)
	if err != nil {
		return err
	}
	if seqs.fields == nil {
		seqs.fields = make([]fieldSeq, 0, len(ops))
	}
	oldOwner := seqs.owner // x.owner(typ, id)
	// An officer in the field registers a new enterprise: HQ has no field
	// of it, so it is theirs. It enters their scope now (so the rest of
	// this push may link records to it) and, if any of its ops is applied,
	// HQ assigns it to them below, in this transaction.
	grant := typ == visits.TypeEnterprise && x.scope != nil && len(fs) == 0 && !x.scope[id]
	if grant {
		x.scope[id] = true
	}
	// The enterprise the record will belong to, decided on the record
	// (its state merged with the ops that may change it), not on the
	// order of the batch; and which ops name something out of scope.
	newOwner, links := oldOwner, []*OpError(nil)
	if x.scope != nil {
		newOwner, links = x.prospect(typ, id, ops, bad, fs, oldOwner)
	}
	ob := x.tx.Bucket(bHQOps)
	changed := false
	// The clock observes the latest stamp of the ops applied, once per
	// record: well-formed stamps (CheckOp) sort as their wall and counter.
	var latest Stamp
	defer func() {
		if latest != "" {
			x.s.clock.Observe(latest)
		}
	}()
	for i, op := range ops {
		if bad != nil && bad[i] != nil {
			continue
		}
		lk := keys[i]
		if !x.unlogged {
			if v := ob.Get(lk); v != nil {
				out[i] = duplicateOf(lk, v, op)
				out[i].Sole = soleAt(out[i], op, fs[op.Field], seqs.get(op.Field))
				continue
			}
		}
		res := Result{OpID: op.OpID, Status: StatusApplied}
		var link *OpError
		if links != nil {
			link = links[i]
		}
		if e := x.check(op, fs, oldOwner, newOwner, link); e != nil {
			res.Status, res.Error = StatusRejected, e
			leaves := []Leaf{}
			if e.Code != "forbidden" && (x.visible(oldOwner, typ) || oldOwner == "" && x.visible(newOwner, typ)) {
				leaves = append(leaves, fs[op.Field]...)
			}
			res.Leaves = &leaves
		} else {
			if len(op.Stamp) >= 17 && (latest == "" || op.Stamp[:17] > latest[:17]) {
				latest = op.Stamp
			}
			leaves, ch := Merge(fs[op.Field], op, x.p.ID, Surface(typ, op.Field))
			if ch {
				if err := x.remember(op, leaves); err != nil {
					return err
				}
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
		entry := x.slab.keep(encodeLog(x.slab.room(4<<10), &logEntry{Officer: x.p.ID, Op: op, Result: res, At: x.now}))
		if err := x.log(ob, lk, entry); err != nil {
			return err
		}
	}
	if grant && !changed {
		delete(x.scope, id)
	}
	if !changed {
		return nil
	}
	// The owner is read from the record as merged.
	owner := x.ownerOf(typ, id, fs)
	if x.scope != nil && (owner == "" || !x.scope[owner]) {
		return fmt.Errorf("%s %s would move to enterprise %q outside %s's scope", typ, id, owner, x.p.ID)
	}
	// The seqs and the owner go in one value (hq_seqs.go).
	if err := x.saveRec(seqs, owner); err != nil {
		return err
	}
	if err := x.storeFields(typ, id, fs); err != nil {
		return err
	}
	if grant {
		x.s.clock.Observe(latest) // HQ's own stamps come after the officer's
		if err := x.assignCreator(id); err != nil {
			return err
		}
	}
	if typ == visits.TypeAssignment {
		return x.touchEnterprise(owner)
	}
	return nil
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

// check returns why a well-formed op may not be applied, or nil. link is
// why the op names something outside the officer's scope (prospect).
func (x *hqTx) check(op Op, fs fieldSet, oldOwner, newOwner string, link *OpError) *OpError {
	if e := x.allowed(op.Type, oldOwner, newOwner); e != nil {
		return e
	}
	if link != nil {
		return link
	}
	if op.Type == visits.TypeNeed && op.Field == "status" {
		return x.checkStatus(op, fs[op.Field])
	}
	return x.checkFunnel(op, fs) // hq_funnel.go
}

// allowed applies the officer's scope to an edit of a record that belongs
// to oldOwner now and to newOwner after the push.
func (x *hqTx) allowed(typ, oldOwner, newOwner string) *OpError {
	if e := x.hqOnlyPushed(typ); e != nil { // hq_settings.go
		return e
	}
	if x.p.Admin() {
		return nil
	}
	switch {
	case typ == visits.TypeOfficer || typ == visits.TypeAssignment:
		return &OpError{Code: "forbidden", Reason: typ + " records are changed at HQ only"}
	case oldOwner != "" && !x.scope[oldOwner]:
		return &OpError{Code: "forbidden", Reason: "the record belongs to enterprise " + oldOwner + ", not assigned to " + x.p.ID}
	case newOwner == "":
		return &OpError{Code: "forbidden", Reason: "the record names no enterprise assigned to " + x.p.ID}
	case !x.scope[newOwner]:
		return &OpError{Code: "forbidden", Reason: "enterprise " + newOwner + " is not assigned to " + x.p.ID}
	}
	return nil
}

// visible reports whether p may see a record owned by owner.
func (x *hqTx) visible(owner, typ string) bool {
	return x.scope == nil || typ == visits.TypeOfficer || hqOnly(typ) || (owner != "" && x.scope[owner])
}

// soleAt reports whether a retried op's field still holds only that op's
// leaf at the seq the original answer gave: the log keeps no Sole, so a
// retry (after a dropped reply or a timeout) would otherwise make the
// laptop pull back every field it had just pushed.
func soleAt(r Result, op Op, leaves []Leaf, seq uint64) bool {
	return r.Status == StatusDuplicate && r.Error == nil && r.Seq != 0 && r.Seq == seq &&
		op.Base == "" && len(leaves) == 1 && leaves[0].OpID == op.OpID && leaves[0].Stamp == op.Stamp
}
