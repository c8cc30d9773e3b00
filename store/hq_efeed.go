package store

import (
	"github.com/liaison-dev/liaison/visits"
)

// The feed by enterprise (hq:entfeed) indexes hq:seqfeed by who may see
// each record, so that a scoped officer's pull reads only what they may
// see rather than every record of the district: key feed seq, where feed
// is the record's enterprise in its tagged form (hq_keys.go), or the
// empty id for records every officer sees (officers, HQ settings), and
// seq is 8 bytes, big endian; value the record's recKey. A record that
// belongs to no enterprise and is not public is not in it (only admins
// see it). The entry moves with the record's feed entry and with its
// owner (saveRec), in the same transaction; the invariant is: a record is
// in hq:entfeed once, under efeedOf(type, owner in hq:recs), at the seq
// hq:seqfeed holds it at. It is also the list of an enterprise's records
// (touchEnterprise, approvedOf): every record with an owner has seqs.
// It replaced hq:efeed and hq:owned in schema 11 (hq_legacy.go).

var bHQEFeed = []byte("hq:entfeed")

// efeedOf is the feed of hq:entfeed a record of typ owned by owner is in;
// false: none.
func efeedOf(typ, owner string) (string, bool) {
	if typ == visits.TypeOfficer || hqOnly(typ) {
		return "", true
	}
	return owner, owner != ""
}

// efeedPrefix is the prefix of a feed's keys.
func efeedPrefix(feed string) []byte {
	return appendID(make([]byte, 0, 17+8), feed)
}

func efeedKey(feed string, seq uint64) []byte {
	return append(efeedPrefix(feed), u64(seq)...)
}

// efeedMove moves a record's entry in hq:entfeed from (oldFeed, oldSeq) to
// (newFeed, newSeq); a seq of 0 or a false ok means no entry.
func (x *hqTx) efeedMove(rec []byte, oldFeed string, oldOK bool, oldSeq uint64, newFeed string, newOK bool, newSeq uint64) error {
	same := oldOK == newOK && oldFeed == newFeed && oldSeq == newSeq
	if same {
		return nil
	}
	b := x.tx.Bucket(bHQEFeed)
	if oldOK && oldSeq != 0 {
		if err := b.Delete(efeedKey(oldFeed, oldSeq)); err != nil {
			return err
		}
	}
	if newOK && newSeq != 0 {
		return b.Put(efeedKey(newFeed, newSeq), rec)
	}
	return nil
}

// ownedBy returns the keys of the records enterprise ent owns, in the
// order of their latest change.
func (x *hqTx) ownedBy(ent string) [][]byte {
	var out [][]byte
	p := efeedPrefix(ent)
	c := x.tx.Bucket(bHQEFeed).Cursor()
	for k, v := c.Seek(p); k != nil && len(k) == len(p)+8 && string(k[:len(p)]) == string(p); k, v = c.Next() {
		out = append(out, append([]byte(nil), v...))
	}
	return out
}
