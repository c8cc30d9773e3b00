package store

import (
	"bytes"
	"fmt"
)

// migrateHQRecs (schema 8 → 9) converts HQ's own buckets to bytes: a
// record's owner and seqs in one value of hq:recs, the feeds keyed and
// valued by recKey (hq_keys.go, hq_seqs.go, hq_efeed.go); hq:seqs,
// hq:owner, hq:owned, hq:feed and hq:efeed go. A laptop's file has none
// of them and is left as it is; so is a new HQ (openHQ makes the new
// buckets). A database older than the last of HQ's earlier formats is
// brought to it first (hq_legacy.go).
func migrateHQRecs(tx Tx) error {
	if tx.Bucket(bLegacySeqs) == nil {
		return nil
	}
	for _, b := range append([][]byte{bHQMeta}, legacyBuckets...) {
		if _, err := tx.CreateBucketIfNotExists(b); err != nil {
			return err
		}
	}
	for _, m := range []func(Tx) error{migrateFieldSeqs, migrateFeedByRecord, migrateEFeed} {
		if err := m(tx); err != nil {
			return err
		}
	}
	for _, b := range [][]byte{bHQRecs, bHQSeqFeed, bHQEFeed} {
		if err := tx.DeleteBucket(b); err != nil {
			return err
		}
	}
	recs, err := tx.CreateBucketIfNotExists(bHQRecs)
	if err != nil {
		return err
	}
	feed, err := tx.CreateBucketIfNotExists(bHQSeqFeed)
	if err != nil {
		return err
	}
	efeed, err := tx.CreateBucketIfNotExists(bHQEFeed)
	if err != nil {
		return err
	}
	recs.SetFillPercent(0.95)
	feed.SetFillPercent(0.95)
	efeed.SetFillPercent(0.95)
	// hq:seqs and hq:owner are both keyed type\0id: walked side by side,
	// each record is read once with its owner.
	oc := tx.Bucket(bLegacyOwner).Cursor()
	ok, ov := oc.First()
	convert := func(k, v []byte, owner string) error {
		i := bytes.IndexByte(k, sep)
		if i < 0 {
			return fmt.Errorf("hq:seqs key %q: malformed", k)
		}
		typ, id := string(k[:i]), string(k[i+1:])
		fs, err := decodeLegacySeqs(v)
		if err != nil {
			return fmt.Errorf("seqs of %s %s: %w", typ, id, err)
		}
		r := recSeqs{fields: fs}
		top := r.max()
		if top == 0 && owner == "" {
			return nil
		}
		rk := recKey(typ, id)
		if err := recs.Put(rk, encodeRec(owner, fs, top)); err != nil {
			return err
		}
		if f, ok := efeedOf(typ, owner); ok && top != 0 {
			return efeed.Put(efeedKey(f, top), rk)
		}
		return nil
	}
	err = tx.Bucket(bLegacySeqs).ForEach(func(k, v []byte) error {
		// Owners of records without seqs (none are made so) are kept.
		for ok != nil && bytes.Compare(ok, k) < 0 {
			if err := convert(ok, nil, string(ov)); err != nil {
				return err
			}
			ok, ov = oc.Next()
		}
		owner := ""
		if ok != nil && bytes.Equal(ok, k) {
			owner = string(ov)
			ok, ov = oc.Next()
		}
		return convert(k, v, owner)
	})
	if err != nil {
		return err
	}
	for ; ok != nil; ok, ov = oc.Next() {
		if err := convert(ok, nil, string(ov)); err != nil {
			return err
		}
	}
	err = tx.Bucket(bLegacyFeed).ForEach(func(k, v []byte) error {
		i := bytes.IndexByte(v, sep)
		if len(k) != 8 || i < 0 {
			return fmt.Errorf("hq:feed entry %q → %q: malformed", k, v)
		}
		return feed.Put(bytes.Clone(k), recKey(string(v[:i]), string(v[i+1:])))
	})
	if err != nil {
		return err
	}
	for _, b := range legacyBuckets {
		if err := tx.DeleteBucket(b); err != nil {
			return err
		}
	}
	meta := tx.Bucket(bHQMeta)
	for _, k := range [][]byte{kHQFeedByRecord, kHQEFeedBuilt} {
		if err := meta.Delete(k); err != nil {
			return err
		}
	}
	return nil
}
