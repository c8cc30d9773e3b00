package store

import (
	"bytes"
	"fmt"
)

// Check verifies the database: bbolt's own page consistency, then that
// every record matches its fields, that every index entry points at a
// live record that produces it, that every record is in its indexes, that
// every summary equals the one its record gives (and none is left without
// a record), and that each enterprise's last visit is that of its visits.
// It returns the problems found (none: a healthy database).
func (s *Store) Check() ([]string, error) {
	var problems []string
	err := s.db.View(func(tx Tx) error {
		if btx := boltTxOf(tx); btx != nil {
			for err := range btx.Check() {
				problems = append(problems, "bbolt: "+err.Error())
			}
		}
		t := txn{tx: tx, s: s}
		want := map[string]map[string]bool{} // index bucket → expected keys
		for _, ix := range indexes {
			want[string(ix.bucket)] = map[string]bool{}
		}
		for _, typ := range recordTypes {
			rb := recordsOf(tx, typ)
			err := tx.Bucket(fieldsBucket(typ)).ForEach(func(id, stored []byte) error {
				fs, err := t.loadFields(typ, string(id))
				if err != nil {
					problems = append(problems, err.Error())
					return nil
				}
				// Readers build records in one pass over the stored
				// fields (appendRecord): it must give what decoding them
				// all gives.
				rec := materialize(string(id), fs)
				if got, err := appendRecord(nil, id, stored); err != nil || !bytes.Equal(got, rec) {
					problems = append(problems, fmt.Sprintf("%s %s: record read differs from its fields", typ, id))
				}
				if sb := summaryBuckets[typ]; sb != nil {
					want, err := summaryOf(typ, rec)
					if got := tx.Bucket(sb).Get(id); err != nil || !bytes.Equal(got, want) {
						problems = append(problems, fmt.Sprintf("%s %s: summary differs from the record", typ, id))
					}
				}
				if rs, ok := reportSummaries[typ]; ok {
					if got := tx.Bucket(rs.bucket).Get(rs.key(string(id))); !bytes.Equal(got, reportSummaryOf(rs, string(id), rec)) {
						problems = append(problems, fmt.Sprintf("%s %s: report summary differs from the record", typ, id))
					}
				}
				for b, ks := range indexKeys(typ, rec) {
					if !s.keepsIndex([]byte(b)) {
						continue // an index HQ does not keep: it must be empty
					}
					for _, k := range ks {
						want[b][string(k)] = true
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
			if rs, ok := reportSummaries[typ]; ok {
				_ = tx.Bucket(rs.bucket).ForEach(func(id, _ []byte) error {
					if rs.idKeys {
						if text, n := idFromKey(id); n == len(id) {
							id = []byte(text)
						}
					}
					if !rb.Has(id) {
						problems = append(problems, fmt.Sprintf("%s %s: report summary without a record", typ, id))
					}
					return nil
				})
			}
			if sb := summaryBuckets[typ]; sb != nil {
				_ = tx.Bucket(sb).ForEach(func(id, _ []byte) error {
					if !rb.Has(id) {
						problems = append(problems, fmt.Sprintf("%s %s: summary without a record", typ, id))
					}
					return nil
				})
			}
		}
		problems = append(problems, checkLastVisits(tx, want[string(ixVisitByEnt)])...)
		problems = append(problems, checkHQ(tx)...) // hq_check.go
		problems = append(problems, checkOutbox(tx)...)
		for b, keys := range want {
			n := 0
			_ = tx.Bucket([]byte(b)).ForEach(func(k, _ []byte) error {
				n++
				if !keys[string(k)] {
					problems = append(problems, fmt.Sprintf("index %s: stray entry for %q", b, idIn([]byte(b), k)))
				}
				return nil
			})
			if n < len(keys) {
				problems = append(problems, fmt.Sprintf("index %s: %d entries missing", b, len(keys)-n))
			}
		}
		return nil
	})
	return problems, err
}

// checkLastVisits compares s:visit:last with the newest of each
// enterprise's keys in the visit-by-enterprise index that the records
// produce (keys).
func checkLastVisits(tx Tx, keys map[string]bool) []string {
	want := map[string][]byte{}
	for k := range keys {
		if ent, at, ok := splitEntMS([]byte(k)); ok {
			if e, _ := idFromKey(ent); bytes.Compare(at, want[e]) > 0 {
				want[e] = at
			}
		}
	}
	var problems []string
	b := tx.Bucket(bLastVisit)
	_ = b.ForEach(func(ent, at []byte) error {
		if !bytes.Equal(at, want[string(ent)]) {
			problems = append(problems, fmt.Sprintf("enterprise %s: last visit differs from its visits", ent))
		}
		return nil
	})
	for ent := range want {
		if b.Get([]byte(ent)) == nil {
			problems = append(problems, fmt.Sprintf("enterprise %s: last visit missing", ent))
		}
	}
	return problems
}
