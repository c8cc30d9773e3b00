package store

import (
	"bytes"
	"encoding/json"

	"github.com/liaison-dev/liaison/visits"
)

// Every record but an officer belongs to one enterprise: an enterprise to
// itself, a need event to its need's enterprise, everything else to its
// enterprise_id. HQ keeps that owner in an index so scope checks and the
// changes feed never decode records.

func (x *hqTx) owner(typ, id string) string {
	return string(x.tx.Bucket(bHQOwner).Get(key([]byte(typ), []byte(id))))
}

// ownerFromOps is the owner a record will have after ops: the enterprise
// they name, else the one it has.
func (x *hqTx) ownerFromOps(typ, id string, ops []Op, current string) string {
	switch typ {
	case visits.TypeOfficer:
		return ""
	case visits.TypeEnterprise:
		return id
	}
	field := "enterprise_id"
	if typ == visits.TypeNeedEvent {
		field = "need_id"
	}
	owner := current
	for _, op := range ops {
		var v string
		if op.Field != field || json.Unmarshal(op.Value, &v) != nil || v == "" {
			continue
		}
		if typ == visits.TypeNeedEvent {
			v = x.owner(visits.TypeNeed, v)
		}
		owner = v
	}
	return owner
}

func (x *hqTx) setOwner(typ, id, old, owner string) error {
	if owner == old {
		return nil
	}
	ob, owned := x.tx.Bucket(bHQOwner), x.tx.Bucket(bHQOwned)
	if old != "" {
		if err := owned.Delete(key([]byte(old), []byte(typ), []byte(id))); err != nil {
			return err
		}
	}
	if owner == "" {
		return ob.Delete(key([]byte(typ), []byte(id)))
	}
	if err := ob.Put(key([]byte(typ), []byte(id)), []byte(owner)); err != nil {
		return err
	}
	return owned.Put(key([]byte(owner), []byte(typ), []byte(id)), nil)
}

// touchEnterprise gives every field of an enterprise's records a new seq.
// A new assignment widens an officer's scope to records whose seqs their
// laptop's cursor has already passed; re-sequencing them makes the next
// pull bring them.
func (x *hqTx) touchEnterprise(ent string) error {
	if ent == "" {
		return nil
	}
	p := append([]byte(ent), sep)
	type rec struct{ typ, id string }
	var recs []rec
	c := x.tx.Bucket(bHQOwned).Cursor()
	for k, _ := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, _ = c.Next() {
		parts := bytes.SplitN(k[len(p):], []byte{sep}, 2)
		if len(parts) == 2 {
			recs = append(recs, rec{string(parts[0]), string(parts[1])})
		}
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
		if err := x.saveSeqs(seqs); err != nil {
			return err
		}
	}
	return nil
}
