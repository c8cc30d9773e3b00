package store

// HQ keeps what HQ reads. The occasion index (x:visit:occasion) serves
// the laptop's Today screen alone (obligations, tui_reads.go); nothing HQ
// does reads it, and at HQ it cost about 70 B a visit and a B-tree insert
// per pushed visit. So an HQ store does not keep it: its bucket stays,
// empty (every walk over the indexes finds it), and schema 16 emptied it
// in HQ databases.
var laptopOnlyIndexes = map[string]bool{string(ixVisitByOcc): true}

// keepsIndex reports whether this store keeps the index in bucket.
func (s *Store) keepsIndex(bucket []byte) bool {
	return !(s != nil && s.hq && laptopOnlyIndexes[string(bucket)])
}

// migrateHQDropsLaptopIndexes (schema 16) empties the laptop-only indexes
// of an HQ database (one that has HQ's meta bucket).
func migrateHQDropsLaptopIndexes(tx Tx) error {
	if tx.Bucket(bHQMeta) == nil {
		return nil
	}
	for b := range laptopOnlyIndexes {
		if err := tx.DeleteBucket([]byte(b)); err != nil {
			return err
		}
		if _, err := tx.CreateBucketIfNotExists([]byte(b)); err != nil {
			return err
		}
	}
	return nil
}
