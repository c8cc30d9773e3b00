package store

import (
	"encoding/json"
	"fmt"

	"github.com/liaison-dev/liaison/visits"
)

// Seed writes records as if HQ had already sent them: no outbox entries,
// so synthetic or imported baseline data never travels back to HQ as this
// officer's edits. It commits in batches of a few thousand records, so a
// large seed is fast; it is for filling new databases (demo, benchmarks,
// restores of master data), not for officer edits.
func (s *Store) Seed(recs []visits.Record) error {
	const batch = 5000
	for start := 0; start < len(recs); start += batch {
		end := min(start+batch, len(recs))
		err := s.db.Update(func(tx Tx) error {
			t := txn{tx: tx, s: s}
			// Seeded ids are mostly increasing: fill pages instead of
			// splitting them in half.
			for _, typ := range recordTypes {
				tx.Bucket(fieldsBucket(typ)).SetFillPercent(0.9)
			}
			for _, b := range summaryBuckets {
				tx.Bucket(b).SetFillPercent(0.9)
			}
			for _, rs := range reportSummaries {
				tx.Bucket(rs.bucket).SetFillPercent(0.9)
			}
			for _, rec := range recs[start:end] {
				if err := t.seedOne(rec); err != nil {
					return err
				}
			}
			return tx.Bucket(bMeta).Put(kClock, []byte(s.clock.Last()))
		})
		if err != nil {
			return fmt.Errorf("seed: %w", err)
		}
	}
	return nil
}

func (t txn) seedOne(rec visits.Record) error {
	m := rec.RecordMeta()
	now := t.s.Now().UTC()
	if m.ID == "" {
		m.ID = NewID()
	}
	if m.CreatedAt.IsZero() {
		m.CreatedAt = now
	}
	if m.UpdatedAt.IsZero() {
		m.UpdatedAt = m.CreatedAt
	}
	raw, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	var values map[string]json.RawMessage
	if err := json.Unmarshal(raw, &values); err != nil {
		return err
	}
	delete(values, "id")
	author := m.CreatedBy
	if author == "" {
		author = "seed"
	}
	stamp := t.s.clock.Now()
	fs := make(fieldSet, len(values))
	for n, v := range values {
		fs[n] = []Leaf{{Value: compact(v), Stamp: stamp, Author: author, OpID: NewID()}}
	}
	return t.storeFields(rec.RecordType(), m.ID, fs)
}
