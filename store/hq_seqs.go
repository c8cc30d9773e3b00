package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
)

// Every field HQ holds has a seq: the seq of its latest change. The seqs
// of one record's fields are kept together in one value of hq:seqs, and
// the feed (hq:feed) holds one entry per record, keyed by the highest of
// them: a push of a whole record writes one small value and one feed
// entry rather than one of each per field. A page of changes sends each
// record in it whole (see Changes).

var (
	bHQSeqs = []byte("hq:seqs") // type\0id → recSeqs
	// bHQFieldSeq held one key per field (type\0id\0field → seq) before
	// hq:seqs; OpenHQ moves it over.
	bHQFieldSeq = []byte("hq:fieldseq")
	// kHQFeedByRecord in hq:meta says the feed holds one entry per record
	// (type\0id); before, it held one per field (type\0id\0field).
	kHQFeedByRecord = []byte("feed_by_record")
)

// recSeqs are the seqs of one record's fields.
type recSeqs struct {
	key    []byte // type\0id
	fields []fieldSeq
	top    uint64 // the record's key in the feed as stored (0: none)
	dirty  bool
}

type fieldSeq struct {
	name string
	seq  uint64
}

// seqsOf reads the seqs of a record's fields.
func (x *hqTx) seqsOf(typ, id string) (*recSeqs, error) {
	k := key([]byte(typ), []byte(id))
	r := &recSeqs{key: k}
	v := x.tx.Bucket(bHQSeqs).Get(k)
	if v == nil {
		return r, nil
	}
	var err error
	if r.fields, err = decodeSeqs(v); err != nil {
		return nil, fmt.Errorf("seqs of %s %s: %w", typ, id, err)
	}
	r.top = r.max()
	return r, nil
}

// max returns the highest seq of the record's fields.
func (r *recSeqs) max() uint64 {
	var m uint64
	for _, f := range r.fields {
		m = max(m, f.seq)
	}
	return m
}

// get returns a field's seq, 0 if it has none.
func (r *recSeqs) get(name string) uint64 {
	for _, f := range r.fields {
		if f.name == name {
			return f.seq
		}
	}
	return 0
}

func (r *recSeqs) set(name string, seq uint64) {
	r.dirty = true
	for i := range r.fields {
		if r.fields[i].name == name {
			r.fields[i].seq = seq
			return
		}
	}
	r.fields = append(r.fields, fieldSeq{name, seq})
}

// bump gives a field the next seq. saveSeqs stores it and moves the
// record in the feed.
func (x *hqTx) bump(r *recSeqs, field string) {
	x.seq++
	r.set(field, x.seq)
}

// saveSeqs stores a record's seqs if a bump changed them, and moves the
// record's feed entry to its highest seq, so the feed holds each record
// once, at its latest change.
func (x *hqTx) saveSeqs(r *recSeqs) error { return x.saveSeqsOwned(r, nil) }

// saveSeqsOwned is saveSeqs for a record whose owner in hq:owner the
// caller has just read (nil: read it here), which spares a lookup per
// record in a push.
func (x *hqTx) saveSeqsOwned(r *recSeqs, owner *string) error {
	if !r.dirty {
		return nil
	}
	r.dirty = false
	feed := x.tx.Bucket(bHQFeed)
	top := r.max()
	if r.top != 0 && r.top != top {
		if err := feed.Delete(u64(r.top)); err != nil {
			return err
		}
	}
	if err := feed.Put(u64(top), r.key); err != nil {
		return err
	}
	var o string
	if owner != nil {
		o = *owner
	} else {
		o = string(x.tx.Bucket(bHQOwner).Get(r.key))
	}
	if err := x.efeedReseq(r.key, r.top, top, o); err != nil { // hq_efeed.go
		return err
	}
	r.top = top
	return x.tx.Bucket(bHQSeqs).Put(r.key, encodeSeqs(r.fields))
}

// encodeSeqs writes each field as uvarint(len(name)) name uvarint(seq).
func encodeSeqs(fs []fieldSeq) []byte {
	n := 0
	for _, f := range fs {
		n += len(f.name) + 2*binary.MaxVarintLen64
	}
	b := make([]byte, 0, n)
	for _, f := range fs {
		b = binary.AppendUvarint(b, uint64(len(f.name)))
		b = append(b, f.name...)
		b = binary.AppendUvarint(b, f.seq)
	}
	return b
}

func decodeSeqs(b []byte) ([]fieldSeq, error) {
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
	nb := tx.Bucket(bHQSeqs)
	var cur []byte
	var fields []fieldSeq
	flush := func() error {
		if cur == nil {
			return nil
		}
		return nb.Put(cur, encodeSeqs(fields))
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
	if err := tx.DeleteBucket(bHQFeed); err != nil {
		return err
	}
	feed, err := tx.CreateBucketIfNotExists(bHQFeed)
	if err != nil {
		return err
	}
	err = tx.Bucket(bHQSeqs).ForEach(func(k, v []byte) error {
		fs, err := decodeSeqs(v)
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
