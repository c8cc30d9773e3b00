package store

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/liaison-dev/liaison/visits"
)

// migrateIDKeys (schema 13) rewrites the index keys with ids in their key
// form (store/idkey.go) and the binary report summaries with the ids of
// other records in their value form (summaryBinaryIDs). Both are
// converted from what is stored, not rebuilt from the records: a key's
// parts and a summary's values are the same, only written shorter.
func migrateIDKeys(tx Tx) error {
	done := map[string]bool{}
	for _, ix := range indexes {
		if done[string(ix.bucket)] {
			continue
		}
		done[string(ix.bucket)] = true
		if err := rewriteIndexV1(tx, ix.bucket, ix.layout); err != nil {
			return fmt.Errorf("%s: %w", ix.bucket, err)
		}
	}
	for _, typ := range []string{visits.TypeVisit, visits.TypeNeedEvent, visits.TypeAssignment, visits.TypeNeed} {
		rs := reportSummaries[typ]
		var conv func(id, v []byte) ([]byte, bool)
		switch typ {
		case visits.TypeVisit:
			conv = rebinary(visitFlat)
		case visits.TypeNeedEvent:
			conv = rebinary(eventFlat)
		case visits.TypeAssignment:
			conv = rebinary(assignmentFlat)
		case visits.TypeNeed:
			conv = rebinary(needFlat)
		}
		if err := rewriteReportSummaries(tx, rs.bucket, conv); err != nil {
			return fmt.Errorf("%s: %w", rs.bucket, err)
		}
	}
	return nil
}

// rewriteIndexV1 rewrites an index bucket's keys of schemas 1 to 12 (the
// parts joined by NULs, ids as text) in the key form of layout; keys
// already of that form stay. A key that reads as neither is dropped
// (Check reports an entry a record then lacks).
func rewriteIndexV1(tx Tx, bucket []byte, l keyLayout) error {
	b := tx.Bucket(bucket)
	if b == nil {
		return nil
	}
	var keys [][]byte
	parts := make([][]byte, len(l))
	err := b.ForEach(func(k, _ []byte) error {
		if l.holds(k) { // already of this form (written since)
			keys = append(keys, append([]byte(nil), k...))
			return nil
		}
		if partsV1(k, l, parts) {
			keys = append(keys, l.key(parts...))
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := tx.DeleteBucket(bucket); err != nil {
		return err
	}
	nb, err := tx.CreateBucketIfNotExists(bucket)
	if err != nil {
		return err
	}
	nb.SetFillPercent(0.9) // filled in key order
	slices.SortFunc(keys, bytes.Compare)
	for i, k := range keys {
		if i > 0 && bytes.Equal(k, keys[i-1]) {
			continue
		}
		if err := nb.Put(k, nil); err != nil {
			return err
		}
	}
	return nil
}

// partsV1 splits a key of schemas 1 to 12 into the parts of layout l: each
// part but the last ended by a NUL, a time 8 bytes, the last part (the
// record id) the rest.
func partsV1(k []byte, l keyLayout, parts [][]byte) bool {
	i := 0
	for p, kind := range l {
		last := p == len(l)-1
		switch {
		case last:
			parts[p] = k[i:]
			return kind != partMS || len(parts[p]) == 8
		case kind == partMS:
			if len(k) < i+9 || k[i+8] != sep {
				return false
			}
			parts[p] = k[i : i+8]
			i += 9
		default:
			j := bytes.IndexByte(k[i:], sep)
			if j < 0 {
				return false
			}
			parts[p] = k[i : i+j]
			i += j + 1
		}
	}
	return false
}

// rebinary converts a binary report summary of schemas 8 to 12 (summaryBinary)
// to summaryBinaryIDs; false leaves the value as it is (JSON, or already
// converted).
func rebinary[T any](fields []flatField[T]) func(id, v []byte) ([]byte, bool) {
	return func(id, v []byte) ([]byte, bool) {
		if len(v) == 0 || v[0] != summaryBinary {
			return nil, false
		}
		var t T
		if !decodeFlatBinary(v, id, fields, &t) {
			return nil, false
		}
		return encodeFlatBinary(&t, string(id), fields)
	}
}

// rewriteReportSummaries converts a report summary bucket's values with
// conv.
func rewriteReportSummaries(tx Tx, bucket []byte, conv func(id, v []byte) ([]byte, bool)) error {
	b := tx.Bucket(bucket)
	if b == nil {
		return nil
	}
	type kv struct{ k, v []byte }
	var news []kv
	err := b.ForEach(func(k, v []byte) error {
		if nv, ok := conv(k, v); ok {
			news = append(news, kv{append([]byte(nil), k...), nv})
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, e := range news {
		if err := b.Put(e.k, e.v); err != nil {
			return err
		}
	}
	return nil
}

// migrateReportVisitKeys (schema 15) keys the visits' report summaries by
// the ids' key form (store/idkey.go), as the indexes the report walks hold
// them; a key already of that form stays.
func migrateReportVisitKeys(tx Tx) error {
	name := reportSummaries[visits.TypeVisit].bucket
	b := tx.Bucket(name)
	if b == nil {
		return nil
	}
	type kv struct{ k, v []byte }
	var all []kv
	err := b.ForEach(func(k, v []byte) error {
		nk := append([]byte(nil), k...)
		if len(k) == 0 || k[0] != idKeyUUID && k[0] != idKeyText || idKeyLen(k) != len(k) {
			nk = idKey(string(k)) // an id as text: ids never start with a control character
		}
		all = append(all, kv{nk, append([]byte(nil), v...)})
		return nil
	})
	if err != nil {
		return err
	}
	if err := tx.DeleteBucket(name); err != nil {
		return err
	}
	nb, err := tx.CreateBucketIfNotExists(name)
	if err != nil {
		return err
	}
	nb.SetFillPercent(0.9) // filled in key order
	slices.SortFunc(all, func(a, b kv) int { return bytes.Compare(a.k, b.k) })
	for _, e := range all {
		if err := nb.Put(e.k, e.v); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}
