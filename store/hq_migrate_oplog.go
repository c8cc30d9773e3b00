package store

import (
	"bytes"
	"fmt"
)

// migrateOpLogKeys (schema 13 → 14) rewrites HQ's op log under keys whose
// op id is in its tagged form (16 bytes for a UUID; logKey) instead of
// text, and each entry it can read in version 3 (hq_log3.go); an entry
// it cannot read keeps its bytes. A laptop's file has no op log and is
// left as it is.
func migrateOpLogKeys(tx Tx) error {
	old := tx.Bucket(bHQOps)
	if old == nil {
		return nil
	}
	var puts sortedPuts // hq_migrate.go: in key order
	err := old.ForEach(func(k, v []byte) error {
		i := bytes.IndexByte(k, sep)
		if i < 0 {
			return fmt.Errorf("hq:ops key %q: malformed", k)
		}
		officer, opID := string(k[:i]), string(k[i+1:])
		nk := logKey(officer, opID)
		if e, err := decodeLogEntry(officer, opID, v); err == nil {
			puts.add(nk, encodeLogV3(nil, &e))
		} else {
			puts.add(nk, bytes.Clone(v))
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := tx.DeleteBucket(bHQOps); err != nil {
		return err
	}
	return puts.into(tx, bHQOps)
}
