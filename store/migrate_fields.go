package store

import "fmt"

// migrateFieldsV2 rewrites every stored field set in version 2
// (fieldcodec2.go). It runs inside the migration's one transaction, so a
// kill leaves the database at its old schema, as it was; the space the old
// values held is given back by a compaction (compact.go). Values are
// rewritten in batches read ahead of the writes: a bucket is not changed
// under a cursor that walks it.
func migrateFieldsV2(tx Tx) error {
	const batch = 1024
	for _, typ := range recordTypes {
		b := tx.Bucket(fieldsBucket(typ))
		if b == nil {
			continue
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
				if len(v) > 0 && v[0] == fieldsV2 {
					continue
				}
				fs, err := decodeFields(v)
				if err != nil {
					return fmt.Errorf("%s %s: %w", typ, k, err)
				}
				keys = append(keys, append([]byte(nil), k...))
				vals = append(vals, encodeFieldsV2(fs))
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
				break
			}
			from = next
		}
	}
	return nil
}
