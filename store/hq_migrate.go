package store

import (
	"bytes"
	"fmt"
	"slices"
)

// migrateHQRecs (schema 10 → 11) converts HQ's own buckets to bytes: a
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
	// bbolt splits a bucket's nodes only at commit: keys put out of
	// order into a new bucket move all of its keys in memory at each put
	// (quadratic; two minutes at 100,000 visits). They are gathered and
	// put in key order instead.
	var recs, feed, efeed sortedPuts
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
		recs.add(rk, encodeRec(owner, fs, top))
		if f, ok := efeedOf(typ, owner); ok && top != 0 {
			efeed.add(efeedKey(f, top), rk)
		}
		return nil
	}
	err := tx.Bucket(bLegacySeqs).ForEach(func(k, v []byte) error {
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
		feed.add(bytes.Clone(k), recKey(string(v[:i]), string(v[i+1:])))
		return nil
	})
	if err != nil {
		return err
	}
	for _, p := range []struct {
		name []byte
		puts *sortedPuts
	}{{bHQRecs, &recs}, {bHQSeqFeed, &feed}, {bHQEFeed, &efeed}} {
		if err := p.puts.into(tx, p.name); err != nil {
			return err
		}
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

// sortedPuts are the keys and values of a new bucket, put in key order.
type sortedPuts struct{ kv [][2][]byte }

func (s *sortedPuts) add(k, v []byte) { s.kv = append(s.kv, [2][]byte{k, v}) }

func (s *sortedPuts) into(tx Tx, name []byte) error {
	b, err := tx.CreateBucketIfNotExists(name)
	if err != nil {
		return err
	}
	b.SetFillPercent(0.95)
	slices.SortFunc(s.kv, func(a, b [2][]byte) int { return bytes.Compare(a[0], b[0]) })
	for _, kv := range s.kv {
		if err := b.Put(kv[0], kv[1]); err != nil {
			return err
		}
	}
	return nil
}
