package store

import "fmt"

// migrateCompactV2 (schema 7) rewrites every stored field set and every
// pending op in version 2 (fieldcodec2.go, opcodec.go). It runs inside the
// migration's one transaction, so a kill leaves the database at its old
// schema, as it was; the space the old values held is given back by a
// compaction (compact.go).
func migrateCompactV2(tx Tx) error {
	if err := migrateFieldsV2(tx); err != nil {
		return err
	}
	return rewriteBucket(tx.Bucket(bOutbox), func(k, v []byte) ([]byte, error) {
		if len(v) > 0 && (v[0] == opV2 || v[0] == opGroupV3) { // (v3: a test's database of a later schema, set back)
			return nil, nil
		}
		op, err := decodeOp(v)
		if err != nil {
			return nil, fmt.Errorf("outbox entry %x: %w", k, err)
		}
		return encodeOp(op), nil
	})
}

func migrateFieldsV2(tx Tx) error { return rewriteFieldSets(tx, fieldsV2, encodeFieldsV2) }

// migrateFieldsV3 (schema 10) rewrites every stored field set in version
// 3 (fieldvalue3.go), in the migration's one transaction.
func migrateFieldsV3(tx Tx) error { return rewriteFieldSets(tx, fieldsV3, encodeFields) }

// rewriteFieldSets rewrites every stored field set that is not yet in
// version (or a later one) with encode.
func rewriteFieldSets(tx Tx, version byte, encode func(fieldSet) []byte) error {
	for _, typ := range recordTypes {
		err := rewriteBucket(tx.Bucket(fieldsBucket(typ)), func(k, v []byte) ([]byte, error) {
			if len(v) > 0 && v[0] >= version && v[0] <= fieldsV3 {
				return nil, nil
			}
			fs, err := decodeFields(v)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %w", typ, k, err)
			}
			return encode(fs), nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// rewriteBucket replaces each value of b with what fn returns for it (nil:
// left as it is), in batches read ahead of the writes: a bucket is not
// changed under a cursor that walks it.
func rewriteBucket(b Bucket, fn func(k, v []byte) ([]byte, error)) error {
	const batch = 1024
	if b == nil {
		return nil
	}
	var from []byte
	for {
		c := b.Cursor()
		k, v := c.First()
		if from != nil {
			k, v = c.Seek(from)
		}
		var keys, vals [][]byte
		for ; k != nil && len(keys) < batch; k, v = c.Next() {
			nv, err := fn(k, v)
			if err != nil {
				return err
			}
			if nv != nil {
				keys, vals = append(keys, append([]byte(nil), k...)), append(vals, nv)
			}
		}
		var next []byte
		if k != nil {
			next = append([]byte(nil), k...)
		}
		for i := range keys {
			if err := b.Put(keys[i], vals[i]); err != nil {
				return err
			}
		}
		if next == nil {
			return nil
		}
		from = next
	}
}
