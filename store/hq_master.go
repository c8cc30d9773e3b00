package store

import (
	"fmt"

	"github.com/liaison-dev/liaison/visits"
)

// Master data (officers, enterprises imported at HQ, assignments) are
// ordinary records at HQ: saving them makes ops authored by HQ, merged and
// given seqs like any push, so laptops pull them.

// SaveRecords writes records at HQ in one transaction, as admin author.
// A record without an id is new and gets one.
func (h *HQ) SaveRecords(author string, recs ...visits.Record) error {
	return h.s.db.Update(func(tx Tx) error { return h.saveTx(tx, author, recs...) })
}

func (h *HQ) saveTx(tx Tx, author string, recs ...visits.Record) error {
	x, err := h.begin(tx, Principal{ID: author, Role: visits.RoleAdmin})
	if err != nil {
		return err
	}
	for _, rec := range recs {
		ops, err := x.opsFor(rec)
		if err != nil {
			return err
		}
		if len(ops) == 0 {
			continue
		}
		rs, err := x.apply(ops)
		if err != nil {
			return err
		}
		for _, r := range rs {
			if r.Refused() {
				return fmt.Errorf("save %s %s: %s", rec.RecordType(), rec.RecordMeta().ID, r.Error.Reason)
			}
		}
	}
	return x.finish()
}

// opsFor turns a record into ops for the fields whose value differs from
// the shown one, like a laptop's Writer.Save.
func (x *hqTx) opsFor(rec visits.Record) ([]Op, error) {
	m := rec.RecordMeta()
	stampMeta(m, x.now, x.p.ID)
	values, err := recordValues(rec)
	if err != nil {
		return nil, err
	}
	typ := rec.RecordType()
	fs, err := x.loadFields(typ, m.ID)
	if err != nil {
		return nil, err
	}
	var ops []Op
	for _, c := range changedFields(fs, values, true) {
		ops = append(ops, Op{OpID: NewID(), Type: typ, ID: m.ID, Field: c.Field, Value: c.Value,
			Stamp: x.s.clock.Now(), Base: c.Base, Resolves: []Stamp{}, From: c.From})
	}
	return ops, nil
}

// Assign links an officer to an enterprise (包抓联), named by USCC or id.
// Assigning the same pair again changes only the role.
func (h *HQ) Assign(officer, enterprise, role string) error {
	if role == "" {
		role = visits.RoleLiaison
	}
	return h.s.db.Update(func(tx Tx) error {
		r := &Reader{tx: tx, s: h.s}
		ent, err := r.EnterpriseByUSCC(visits.NormalizeUSCC(enterprise))
		if err != nil {
			if ent, err = Get[visits.Enterprise](r, enterprise); err != nil {
				return fmt.Errorf("assign: enterprise %s: %w", enterprise, ErrNotFound)
			}
		}
		if _, err := loadCredential(tx.Bucket(bHQOfficers), officer); err != nil {
			return fmt.Errorf("assign: %w", err)
		}
		as, err := r.AssignmentsOf(ent.ID)
		if err != nil {
			return err
		}
		a := visits.Assignment{EnterpriseID: ent.ID, OfficerID: officer, Role: role}
		for _, old := range as {
			if old.OfficerID == officer {
				a = old
				a.Role = role
			}
		}
		return h.saveTx(tx, "hq", &a)
	})
}

// ImportFields copies every field of another store into HQ with its leaves
// as they are (same stamps and op ids) and gives them seqs. It is for
// starting an HQ from existing data (the demo), not for officers' edits.
func (h *HQ) ImportFields(from *Store) error {
	var all []importedField
	err := from.View(func(r *Reader) error {
		return r.EachField(func(typ, id, name string, leaves []Leaf) error {
			all = append(all, importedField{typ, id, name, leaves})
			return nil
		})
	})
	if err != nil {
		return err
	}
	// Commit every few thousand fields: one huge transaction would make
	// bbolt shift ever larger unsplit nodes.
	for from := 0; from < len(all); {
		to := min(from+20000, len(all))
		for to < len(all) && all[to].typ == all[to-1].typ && all[to].id == all[to-1].id {
			to++
		}
		if err := h.importBatch(all[from:to]); err != nil {
			return err
		}
		from = to
	}
	return nil
}

func (h *HQ) importBatch(all []importedField) error {
	return h.s.db.Update(func(tx Tx) error {
		x, err := h.begin(tx, Principal{ID: "hq", Role: visits.RoleAdmin})
		if err != nil {
			return err
		}
		for start := 0; start < len(all); {
			end := start + 1
			for end < len(all) && all[end].typ == all[start].typ && all[end].id == all[start].id {
				end++
			}
			typ, id := all[start].typ, all[start].id
			fs := fieldSet{}
			seqs, err := x.seqsOf(typ, id)
			if err != nil {
				return err
			}
			var ops []Op
			for _, f := range all[start:end] {
				fs[f.name] = f.leaves
				for _, l := range f.leaves {
					x.s.clock.Observe(l.Stamp)
					ops = append(ops, Op{Field: f.name, Value: l.Value})
					if typ == visits.TypeNeed && f.name == "status" {
						if err := tx.Bucket(bHQHistory).Put(key([]byte(typ), []byte(id), []byte(f.name), []byte(l.Stamp)), l.Value); err != nil {
							return err
						}
					}
				}
				x.bump(seqs, f.name)
			}
			if err := x.saveRec(seqs, x.ownerFromOps(typ, id, ops, seqs.owner)); err != nil {
				return err
			}
			if err := x.storeFields(typ, id, fs); err != nil {
				return err
			}
			start = end
		}
		return x.finish()
	})
}

type importedField struct {
	typ, id, name string
	leaves        []Leaf
}

// OpLog calls fn for every op in HQ's log with who sent it and HQ's
// answer, in (officer, op_id) order.
func (h *HQ) OpLog(fn func(officer string, op Op, res Result) error) error {
	return h.s.db.View(func(tx Tx) error {
		return tx.Bucket(bHQOps).ForEach(func(k, v []byte) error {
			e, err := decodeLog(k, v)
			if err != nil {
				return err
			}
			return fn(e.Officer, e.Op, e.Result)
		})
	})
}
