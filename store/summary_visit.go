package store

import (
	"bytes"
	"maps"
	"slices"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// Each enterprise's last visit, for the enterprise table and the routine
// cadence of visits owed, without walking every visit's index key:
//
//	s:visit:last: enterprise id → time (ms, big-endian) of its newest live visit
//
// It is kept from the visit-by-enterprise index whenever a visit's keys
// there change (reindex), so it is always the newest key of that index:
// a visit saved, corrected (time or enterprise), deleted (_deleted) or
// removed by a pull, in whatever order visits arrive. An enterprise
// without live visits has no entry.
var bLastVisit = []byte("s:visit:last")

// keepLastVisit updates s:visit:last after a record of typ changed its
// index keys from oldKeys to newKeys (the index buckets already hold the
// new keys).
func (t txn) keepLastVisit(typ string, oldKeys, newKeys map[string][][]byte) error {
	return t.keepLastVisitKeys(typ, oldKeys[string(ixVisitByEnt)], newKeys[string(ixVisitByEnt)])
}

// keepLastVisitKeys is keepLastVisit given the record's old and new keys
// in ixVisitByEnt.
func (t txn) keepLastVisitKeys(typ string, olds, news [][]byte) error {
	if typ != visits.TypeVisit {
		return nil
	}
	if sameKeys(olds, news) {
		return nil
	}
	b := t.tx.Bucket(bLastVisit)
	// An enterprise that lost a key may have lost its newest visit: read
	// its newest key again. One that only gained a key keeps the later of
	// the two. Enterprises are named here by their ids' key form, which
	// the index keys start with; s:visit:last's keys are the ids' text.
	lost := map[string]bool{}
	for _, k := range olds {
		if ent, _, ok := splitEntMS(k); ok {
			lost[string(ent)] = true
		}
	}
	for _, k := range news {
		ent, at, ok := splitEntMS(k)
		if !ok || lost[string(ent)] {
			continue
		}
		id, _ := idFromKey(ent)
		if cur := b.Get([]byte(id)); cur == nil || bytes.Compare(at, cur) > 0 {
			if err := b.Put([]byte(id), at); err != nil {
				return err
			}
		}
	}
	for ent := range lost {
		at := t.newestVisitKey([]byte(ent))
		id, _ := idFromKey([]byte(ent))
		var err error
		if at == nil {
			err = b.Delete([]byte(id))
		} else {
			err = b.Put([]byte(id), at)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// newestVisitKey returns the time bytes of the newest key in the
// visit-by-enterprise index of an enterprise, given as its id's key form
// (nil: none).
func (t txn) newestVisitKey(ent []byte) []byte {
	p := ent
	c := t.tx.Bucket(ixVisitByEnt).Cursor()
	k, _ := c.Seek(append(append([]byte{}, p...), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff))
	if k == nil {
		k, _ = c.Last()
	} else {
		k, _ = c.Prev()
	}
	if k == nil || !bytes.HasPrefix(k, p) || len(k) < len(p)+8 {
		return nil
	}
	return append([]byte{}, k[len(p):len(p)+8]...)
}

// splitEntMS reads a key of the visit-by-enterprise index (enterprise id,
// ms(8), visit id) into its enterprise (the id's key form) and time
// bytes.
func splitEntMS(k []byte) (ent, at []byte, ok bool) {
	i := idKeyLen(k)
	if i < 0 || len(k) < i+8 {
		return nil, nil, false
	}
	return k[:i], k[i : i+8], true
}

// splitEntMSV1 is splitEntMS for the keys of schemas 1 to 12
// ("enterprise \x00 ms(8) \x00 id"), for migration 3 only.
func splitEntMSV1(k []byte) (ent, at []byte, ok bool) {
	i := bytes.IndexByte(k, sep)
	if i < 0 || len(k) < i+1+8 {
		return nil, nil, false
	}
	return k[:i], k[i+1 : i+9], true
}

func sameKeys(a, b [][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}

// lastVisitsFromIndex returns each enterprise's newest time in the
// visit-by-enterprise index, as s:visit:last holds it, from keys of
// either form: migration 3 meets those of schemas 1 to 12, and is run again
// on later ones to rebuild s:visit:last.
func lastVisitsFromIndex(tx Tx) map[string][]byte {
	out := map[string][]byte{}
	c := tx.Bucket(ixVisitByEnt).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		var ent string
		at, ok := []byte(nil), false
		if idMSID.holds(k) {
			var e []byte
			e, at, ok = splitEntMS(k)
			ent, _ = idFromKey(e)
		} else {
			var e []byte
			e, at, ok = splitEntMSV1(k)
			ent = string(e)
		}
		if ok && bytes.Compare(at, out[ent]) > 0 { // keys of one enterprise ascend by time in either form
			out[ent] = append([]byte{}, at...)
		}
	}
	return out
}

// migrateLastVisits (migration 3) creates s:visit:last and fills it from
// the index, in the key form of that schema.
func migrateLastVisits(tx Tx) error {
	if tx.Bucket(bLastVisit) != nil {
		if err := tx.DeleteBucket(bLastVisit); err != nil {
			return err
		}
	}
	b, err := tx.CreateBucketIfNotExists(bLastVisit)
	if err != nil {
		return err
	}
	b.SetFillPercent(0.9) // filled in key order
	last := lastVisitsFromIndex(tx)
	for _, ent := range slices.Sorted(maps.Keys(last)) {
		if err := b.Put([]byte(ent), last[ent]); err != nil {
			return err
		}
	}
	return nil
}

// LastVisitTimes returns the time of each enterprise's newest visit (to
// the millisecond), from s:visit:last: one small value per enterprise.
func (r *Reader) LastVisitTimes() map[string]time.Time {
	b := r.tx.Bucket(bLastVisit)
	out := map[string]time.Time{}
	_ = b.ForEach(func(ent, at []byte) error {
		if len(at) == 8 {
			out[string(ent)] = time.UnixMilli(int64(beU64(at))).UTC()
		}
		return nil
	})
	return out
}
