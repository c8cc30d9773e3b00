package store

import (
	"bytes"
	"fmt"

	"github.com/liaison-dev/liaison/visits"
)

// The feed by enterprise (hq:efeed) indexes hq:feed by who may see each
// record, so that a scoped officer's pull reads only what they may see
// rather than every record of the district: key feed\0seq (8 bytes, big
// endian) → type\0id, where feed is the record's enterprise, or empty for
// records every officer sees (officers, HQ settings). A record that
// belongs to no enterprise and is not public is not in it (only admins
// see it). The entry moves with the record's feed entry (saveSeqs) and
// with its owner (setOwner), in the same transaction; the invariant is:
// a record is in hq:efeed once, under efeedOf(type, hq:owner), at the seq
// hq:feed holds it at.

var (
	bHQEFeed = []byte("hq:efeed")
	// kHQEFeedBuilt in hq:meta says hq:efeed was built from hq:feed.
	kHQEFeedBuilt = []byte("efeed_built")
)

// efeedOf is the feed of hq:efeed a record of typ owned by owner is in;
// false: none.
func efeedOf(typ, owner string) (string, bool) {
	if typ == visits.TypeOfficer || hqOnly(typ) {
		return "", true
	}
	return owner, owner != ""
}

func efeedKey(feed string, seq uint64) []byte {
	k := make([]byte, 0, len(feed)+9)
	k = append(k, feed...)
	k = append(k, sep)
	return append(k, u64(seq)...)
}

// typeOfKey is the type of a type\0id key.
func typeOfKey(k []byte) string {
	if i := bytes.IndexByte(k, sep); i >= 0 {
		return string(k[:i])
	}
	return string(k)
}

// efeedMove moves a record's entry in hq:efeed from (oldFeed, oldSeq) to
// (newFeed, newSeq); a seq of 0 or a false ok means no entry.
func (x *hqTx) efeedMove(rec []byte, oldFeed string, oldOK bool, oldSeq uint64, newFeed string, newOK bool, newSeq uint64) error {
	b := x.tx.Bucket(bHQEFeed)
	if oldOK && oldSeq != 0 && !(newOK && newFeed == oldFeed && newSeq == oldSeq) {
		if err := b.Delete(efeedKey(oldFeed, oldSeq)); err != nil {
			return err
		}
	}
	if newOK && newSeq != 0 {
		return b.Put(efeedKey(newFeed, newSeq), rec)
	}
	return nil
}

// efeedReseq follows a record whose highest seq moves from old to top
// (saveSeqs): owner is the one hq:owner holds now.
func (x *hqTx) efeedReseq(rec []byte, old, top uint64, owner string) error {
	f, ok := efeedOf(typeOfKey(rec), owner)
	return x.efeedMove(rec, f, ok, old, f, ok, top)
}

// efeedReown follows a record whose owner changes (setOwner) at the seq
// hq:seqs holds for it now.
// seqs, when not nil, are the record's seqs as hq:seqs holds them now
// (saved), which spares reading them again.
func (x *hqTx) efeedReown(typ, id, old, owner string, seqs *recSeqs) error {
	var rec []byte
	var top uint64
	if seqs != nil && !seqs.dirty {
		if len(seqs.fields) == 0 {
			return nil // none stored
		}
		rec, top = seqs.key, seqs.top
	} else {
		rec = key([]byte(typ), []byte(id))
		v := x.tx.Bucket(bHQSeqs).Get(rec)
		if v == nil {
			return nil
		}
		fs, err := decodeSeqs(v)
		if err != nil {
			return fmt.Errorf("seqs of %s %s: %w", typ, id, err)
		}
		top = (&recSeqs{fields: fs}).max()
	}
	of, ook := efeedOf(typ, old)
	nf, nok := efeedOf(typ, owner)
	return x.efeedMove(rec, of, ook, top, nf, nok, top)
}

// migrateEFeed builds hq:efeed from hq:feed and hq:owner, once. It reads
// both buckets in order (no lookup per record: on PostgreSQL each would
// be a round trip).
func migrateEFeed(tx Tx) error {
	meta := tx.Bucket(bHQMeta)
	if meta.Get(kHQEFeedBuilt) != nil {
		return nil
	}
	if err := tx.DeleteBucket(bHQEFeed); err != nil {
		return err
	}
	ef, err := tx.CreateBucketIfNotExists(bHQEFeed)
	if err != nil {
		return err
	}
	owners := map[string]string{}
	err = tx.Bucket(bHQOwner).ForEach(func(k, v []byte) error {
		owners[string(k)] = string(v)
		return nil
	})
	if err != nil {
		return err
	}
	err = tx.Bucket(bHQFeed).ForEach(func(k, v []byte) error {
		if len(k) != 8 {
			return fmt.Errorf("hq:feed key %q: malformed", k)
		}
		if f, ok := efeedOf(typeOfKey(v), owners[string(v)]); ok {
			return ef.Put(efeedKey(f, beU64(k)), bytes.Clone(v))
		}
		return nil
	})
	if err != nil {
		return err
	}
	return meta.Put(kHQEFeedBuilt, []byte{1})
}
