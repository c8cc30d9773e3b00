package store

// withRecordCopies puts back the r:<type> buckets of schemas 1–8 (every
// live record materialised from its fields), for tests that take a
// database back to such a schema and then migrate it.
func withRecordCopies(tx Tx) error {
	for _, typ := range recordTypes {
		rb, err := tx.CreateBucketIfNotExists(recBucket(typ))
		if err != nil {
			return err
		}
		var ids, recs [][]byte
		err = recordsOf(tx, typ).ForEach(func(id, rec []byte) error {
			ids, recs = append(ids, append([]byte(nil), id...)), append(recs, append([]byte(nil), rec...))
			return nil
		})
		if err != nil {
			return err
		}
		for i := range ids {
			if err := rb.Put(ids[i], recs[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// rebuildBinarySummaries runs the schema 3 migration's rebuild of the
// summaries on a current database (which it reads through r:).
func rebuildBinarySummaries(tx Tx) error {
	if err := withRecordCopies(tx); err != nil {
		return err
	}
	if err := migrateBinarySummaries(tx); err != nil {
		return err
	}
	return migrateDropRecordCopies(tx)
}
