package store

// Prefetching: on an engine where each read is a round trip (PostgreSQL,
// store/pg), a push or a page of changes names the keys it will read so
// that they are loaded at once, one query per bucket, instead of one
// query per record and bucket. bbolt's buckets do not prefetch (a read
// there is a memory access) and these functions return at once.

// Prefetcher is a Bucket that can load many keys in one round trip; a
// later Get of a loaded key, present or not, costs nothing.
type Prefetcher interface {
	Prefetch(keys [][]byte)
}

func prefetch(b Bucket, keys [][]byte) {
	if p, ok := b.(Prefetcher); ok && len(keys) > 1 {
		p.Prefetch(keys)
	}
}

// canPrefetch reports whether the transaction's engine prefetches.
func canPrefetch(tx Tx) bool {
	_, ok := tx.Bucket(bHQRecs).(Prefetcher)
	return ok
}

// prefetchRecords loads what applyRecord reads of each record ops change
// (its fields, record, seqs and owner) and, unless none can be logged,
// the ops' log entries. Ops refused as malformed (bad[i] != nil) are left
// out: their keys may not be keys.
func (x *hqTx) prefetchRecords(ops []Op, bad []*OpError) {
	if !canPrefetch(x.tx) {
		return
	}
	ids := map[string][][]byte{} // type → ids
	var typed, logged [][]byte
	seen := map[string]bool{}
	for i, op := range ops {
		if bad != nil && bad[i] != nil {
			continue
		}
		if !x.unlogged {
			logged = append(logged, logKey(x.p.ID, op.OpID))
		}
		k := recKey(op.Type, op.ID)
		if seen[string(k)] {
			continue
		}
		seen[string(k)] = true
		ids[op.Type] = append(ids[op.Type], []byte(op.ID))
		typed = append(typed, k)
	}
	for typ, list := range ids {
		if b := x.tx.Bucket(fieldsBucket(typ)); b != nil {
			prefetch(b, list)
		}
	}
	prefetch(x.tx.Bucket(bHQRecs), typed)
	prefetch(x.tx.Bucket(bHQOps), logged)
}

// feedPrefetch is how many records of the feed Changes prefetches at a
// time: a page is about limit fields, some ten per record, so reading
// limit records ahead would load ten times what a page uses.
const feedPrefetch = 64

// prefetchFeed loads what Changes reads of the next n records in the feed
// from the key from on (owner and seqs, fields).
func (x *hqTx) prefetchFeed(from []byte, n int) {
	if !canPrefetch(x.tx) {
		return
	}
	ids := map[string][][]byte{}
	var typed [][]byte
	c := x.tx.Bucket(bHQSeqFeed).Cursor()
	for k, v := c.Seek(from); k != nil && len(typed) < n; k, v = c.Next() {
		typ, id, err := splitRecKey(v)
		if err != nil {
			continue
		}
		typed = append(typed, v)
		ids[typ] = append(ids[typ], []byte(id))
	}
	prefetch(x.tx.Bucket(bHQRecs), typed)
	for typ, list := range ids {
		if b := x.tx.Bucket(fieldsBucket(typ)); b != nil {
			prefetch(b, list)
		}
	}
}
