package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
)

// HQ's own buckets before schema 11, kept only for migrateHQRecs
// (hq_migrate.go), which first brings a database of any earlier HQ format
// to the last of them (the three steps below, which HQ ran at open) and
// then converts it:
//
//	hq:seqs  type\0id → per field uvarint(len(name)) name uvarint(seq)
//	hq:owner type\0id → enterprise id
//	hq:owned enterprise\0type\0id → nil
//	hq:feed  seq (8 bytes) → type\0id
//	hq:efeed feed\0seq → type\0id (feed: the enterprise, "" for public)
var (
	bLegacySeqs  = []byte("hq:seqs")
	bLegacyOwner = []byte("hq:owner")
	bLegacyOwned = []byte("hq:owned")
	bLegacyFeed  = []byte("hq:feed")
	bLegacyEFeed = []byte("hq:efeed")
	// bHQFieldSeq held one key per field (type\0id\0field → seq) before
	// hq:seqs.
	bHQFieldSeq = []byte("hq:fieldseq")
	// kHQFeedByRecord in hq:meta says the feed holds one entry per record
	// (type\0id); before, it held one per field (type\0id\0field).
	kHQFeedByRecord = []byte("feed_by_record")
	// kHQEFeedBuilt in hq:meta says hq:efeed was built from hq:feed.
	kHQEFeedBuilt = []byte("efeed_built")
	legacyBuckets = [][]byte{bLegacySeqs, bLegacyOwner, bLegacyOwned, bLegacyFeed, bLegacyEFeed}
)

// encodeLegacySeqs writes each field as uvarint(len(name)) name
// uvarint(seq).
func encodeLegacySeqs(fs []fieldSeq) []byte {
	var b []byte
	for _, f := range fs {
		b = binary.AppendUvarint(b, uint64(len(f.name)))
		b = append(b, f.name...)
		b = binary.AppendUvarint(b, f.seq)
	}
	return b
}

func decodeLegacySeqs(b []byte) ([]fieldSeq, error) {
	var out []fieldSeq
	for len(b) > 0 {
		n, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < n {
			return nil, fmt.Errorf("malformed field seqs")
		}
		name := string(b[k : k+int(n)])
		b = b[k+int(n):]
		seq, k := binary.Uvarint(b)
		if k <= 0 {
			return nil, fmt.Errorf("malformed field seqs")
		}
		b = b[k:]
		out = append(out, fieldSeq{name, seq})
	}
	return out, nil
}

// migrateFieldSeqs moves an HQ database from one key per field
// (hq:fieldseq) to one value per record (hq:seqs).
func migrateFieldSeqs(tx Tx) error {
	old := tx.Bucket(bHQFieldSeq)
	if old == nil {
		return nil
	}
	nb := tx.Bucket(bLegacySeqs)
	var cur []byte
	var fields []fieldSeq
	flush := func() error {
		if cur == nil {
			return nil
		}
		return nb.Put(cur, encodeLegacySeqs(fields))
	}
	err := old.ForEach(func(k, v []byte) error {
		i := bytes.LastIndexByte(k, sep)
		if i < 0 || len(v) != 8 {
			return fmt.Errorf("hq:fieldseq entry %q: malformed", k)
		}
		if !bytes.Equal(k[:i], cur) {
			if err := flush(); err != nil {
				return err
			}
			cur, fields = bytes.Clone(k[:i]), nil
		}
		fields = append(fields, fieldSeq{string(k[i+1:]), beU64(v)})
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return err
	}
	return tx.DeleteBucket(bHQFieldSeq)
}

// migrateFeedByRecord rebuilds a feed of one entry per field as one entry
// per record, at the record's highest seq.
func migrateFeedByRecord(tx Tx) error {
	meta := tx.Bucket(bHQMeta)
	if meta.Get(kHQFeedByRecord) != nil {
		return nil
	}
	if err := tx.DeleteBucket(bLegacyFeed); err != nil {
		return err
	}
	feed, err := tx.CreateBucketIfNotExists(bLegacyFeed)
	if err != nil {
		return err
	}
	err = tx.Bucket(bLegacySeqs).ForEach(func(k, v []byte) error {
		fs, err := decodeLegacySeqs(v)
		if err != nil {
			return fmt.Errorf("seqs of %q: %w", k, err)
		}
		r := recSeqs{fields: fs}
		if top := r.max(); top > 0 {
			return feed.Put(u64(top), bytes.Clone(k))
		}
		return nil
	})
	if err != nil {
		return err
	}
	return meta.Put(kHQFeedByRecord, []byte{1})
}

// legacyTypeOfKey is the type of a type\0id key.
func legacyTypeOfKey(k []byte) string {
	if i := bytes.IndexByte(k, sep); i >= 0 {
		return string(k[:i])
	}
	return string(k)
}

func legacyEFeedKey(feed string, seq uint64) []byte {
	k := make([]byte, 0, len(feed)+9)
	k = append(k, feed...)
	k = append(k, sep)
	return append(k, u64(seq)...)
}

// migrateEFeed builds hq:efeed from hq:feed and hq:owner, once.
func migrateEFeed(tx Tx) error {
	meta := tx.Bucket(bHQMeta)
	if meta.Get(kHQEFeedBuilt) != nil {
		return nil
	}
	if err := tx.DeleteBucket(bLegacyEFeed); err != nil {
		return err
	}
	ef, err := tx.CreateBucketIfNotExists(bLegacyEFeed)
	if err != nil {
		return err
	}
	owners := map[string]string{}
	err = tx.Bucket(bLegacyOwner).ForEach(func(k, v []byte) error {
		owners[string(k)] = string(v)
		return nil
	})
	if err != nil {
		return err
	}
	err = tx.Bucket(bLegacyFeed).ForEach(func(k, v []byte) error {
		if len(k) != 8 {
			return fmt.Errorf("hq:feed key %q: malformed", k)
		}
		if f, ok := efeedOf(legacyTypeOfKey(v), owners[string(v)]); ok {
			return ef.Put(legacyEFeedKey(f, beU64(k)), bytes.Clone(v))
		}
		return nil
	})
	if err != nil {
		return err
	}
	return meta.Put(kHQEFeedBuilt, []byte{1})
}
