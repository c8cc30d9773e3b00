package store

import (
	"encoding/json"
	"fmt"

	"github.com/liaison-dev/liaison/visits"
)

// Every record but an officer belongs to one enterprise: an enterprise to
// itself, a need event to its need's enterprise, everything else to its
// enterprise_id. HQ keeps that owner with the record's seqs (hq:recs,
// hq_seqs.go) so scope checks and the changes feed never decode records.

func (x *hqTx) owner(typ, id string) string {
	return ownerOfRec(x.tx.Bucket(bHQRecs).Get(recKey(typ, id)))
}

// ownerFromOps is the owner a record will have after ops: the enterprise
// they name, else the one it has. It is for HQ's own imports (ImportFields
// passes one op per stored leaf); pushes decide the owner on the record
// as merged (ownerOf).
func (x *hqTx) ownerFromOps(typ, id string, ops []Op, current string) string {
	switch typ {
	case visits.TypeOfficer:
		return ""
	case visits.TypeEnterprise:
		return id
	}
	field := ownerField(typ)
	owner := current
	for _, op := range ops {
		v, ok := jsonText(op.Value)
		if op.Field != field || !ok || v == "" {
			continue
		}
		if typ == visits.TypeNeedEvent {
			v = x.owner(visits.TypeNeed, v)
		}
		owner = v
	}
	return owner
}

// ownerField is the field that decides which enterprise a record of typ
// belongs to ("" for officers and enterprises).
func ownerField(typ string) string {
	switch typ {
	case visits.TypeOfficer, visits.TypeEnterprise:
		return ""
	case visits.TypeNeedEvent:
		return "need_id"
	}
	return "enterprise_id"
}

// ownerOf is the enterprise a record belongs to, read from its fields:
// an enterprise is its own, a need event belongs to its need's
// enterprise, every other record to the enterprise its enterprise_id
// shows.
func (x *hqTx) ownerOf(typ, id string, fs fieldSet) string {
	return x.ownerFrom(typ, id, fs[ownerField(typ)])
}

func (x *hqTx) ownerFrom(typ, id string, leaves []Leaf) string {
	switch typ {
	case visits.TypeOfficer:
		return ""
	case visits.TypeEnterprise:
		return id
	}
	l, ok := Shown(leaves)
	if !ok {
		return ""
	}
	v, _ := jsonText(l.Value)
	if typ == visits.TypeNeedEvent && v != "" {
		return x.owner(visits.TypeNeed, v)
	}
	return v
}

// prospect decides, for an officer with a scope, which enterprise a
// record will belong to after ops, on the record and not on the order of
// the batch: the record's owner field merged with those of ops that name
// something in scope. It also returns, per op, why it names something out
// of scope (nil if none does): an owner field (enterprise_id, a need
// event's need_id) naming an enterprise or need outside the scope, or
// empty; a link (a need's or follow-up's visit, a follow-up's need, a
// visit's needs) to a record HQ holds outside the scope. Such an op is
// forbidden whatever its stamp.
func (x *hqTx) prospect(typ, id string, ops []Op, bad []*OpError, fs fieldSet, oldOwner string) (string, []*OpError) {
	of := ownerField(typ)
	leaves := fs[of]
	var links []*OpError
	ob := x.tx.Bucket(bHQOps)
	// An unlogged push's op ids rise strictly (noneLogged): none is a
	// retry, and none needs remembering.
	var seen map[string]bool
	if !x.unlogged {
		seen = make(map[string]bool, len(ops))
	}
	for i, op := range ops {
		if bad != nil && bad[i] != nil {
			continue
		}
		// An op whose op_id is logged, or comes earlier in the batch, is
		// answered from the log (duplicate or op_id_reused), not applied.
		retry := false
		if seen != nil {
			retry = seen[op.OpID] || ob.Get(logKey(x.p.ID, op.OpID)) != nil
			seen[op.OpID] = true
		}
		var e *OpError
		switch {
		case op.Field == of && of != "":
			e = x.ownerInScope(typ, op)
			if e == nil && !retry {
				leaves, _ = Merge(leaves, op, x.p.ID, Surface(typ, of))
			}
		default:
			if l := scopeLinks[typ+"."+op.Field]; l != "" {
				e = x.linksInScope(l, op)
			}
		}
		if e != nil {
			if links == nil {
				links = make([]*OpError, len(ops))
			}
			links[i] = e
		}
	}
	if of == "" {
		return x.ownerFrom(typ, id, nil), links
	}
	return x.ownerFrom(typ, id, leaves), links
}

// ownerInScope checks an op on a record's owner field.
func (x *hqTx) ownerInScope(typ string, op Op) *OpError {
	v, _ := jsonText(op.Value)
	if typ == visits.TypeNeedEvent {
		o := ""
		if v != "" {
			o = x.owner(visits.TypeNeed, v)
		}
		switch {
		case v == "":
			return &OpError{Code: "forbidden", Reason: "a need event must name its need"}
		case o == "":
			return &OpError{Code: "forbidden", Reason: "need " + v + " is unknown to HQ"}
		case !x.scope[o]:
			return &OpError{Code: "forbidden", Reason: "need " + v + " belongs to enterprise " + o + ", not assigned to " + x.p.ID}
		}
		return nil
	}
	switch {
	case v == "":
		return &OpError{Code: "forbidden", Reason: op.Field + " must name an enterprise assigned to " + x.p.ID}
	case !x.scope[v]:
		return &OpError{Code: "forbidden", Reason: "enterprise " + v + " is not assigned to " + x.p.ID}
	}
	return nil
}

// linksInScope checks an op that links to records of type target: each
// one HQ holds must belong to an enterprise in scope.
func (x *hqTx) linksInScope(target string, op Op) *OpError {
	var ids []string
	if v, ok := jsonText(op.Value); ok {
		ids = []string{v}
	} else {
		_ = json.Unmarshal(op.Value, &ids) // the shape was checked (CheckOp)
	}
	for _, v := range ids {
		if v == "" {
			continue
		}
		if o := x.owner(target, v); o != "" && !x.scope[o] {
			return &OpError{Code: "forbidden", Reason: fmt.Sprintf("%s %s belongs to enterprise %s, not assigned to %s", target, v, o, x.p.ID)}
		}
	}
	return nil
}

// touchEnterprise gives every field of an enterprise's records a new seq.
// A new assignment widens an officer's scope to records whose seqs their
// laptop's cursor has already passed; re-sequencing them makes the next
// pull bring them.
func (x *hqTx) touchEnterprise(ent string) error {
	if ent == "" {
		return nil
	}
	type rec struct{ typ, id string }
	var recs []rec
	for _, k := range x.ownedBy(ent) { // hq_efeed.go
		typ, id, err := splitRecKey(k)
		if err != nil {
			return fmt.Errorf("hq:entfeed of %s: %w", ent, err)
		}
		recs = append(recs, rec{typ, id})
	}
	for _, r := range recs {
		fs, err := x.loadFields(r.typ, r.id)
		if err != nil {
			return err
		}
		seqs, err := x.seqsOf(r.typ, r.id)
		if err != nil {
			return err
		}
		for name := range fs {
			x.bump(seqs, name)
		}
		if err := x.saveRec(seqs, seqs.owner); err != nil {
			return err
		}
	}
	return nil
}
