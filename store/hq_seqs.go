package store

import (
	"bytes"
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Every field HQ holds has a seq: the seq of its latest change, which is
// also its key in the feed (hq:feed). The seqs of one record's fields are
// kept together in one value of hq:seqs, so that a push of a whole record
// reads and writes one small value rather than one per field.

var (
	bHQSeqs = []byte("hq:seqs") // type\0id → recSeqs
	// bHQFieldSeq held one key per field (type\0id\0field → seq) before
	// hq:seqs; OpenHQ moves it over.
	bHQFieldSeq = []byte("hq:fieldseq")
)

// recSeqs are the seqs of one record's fields.
type recSeqs struct {
	key    []byte // type\0id
	fields []fieldSeq
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
	return r, nil
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

// bump gives a field the next seq; its older feed entry goes, so the feed
// holds only the latest state of each field. saveSeqs stores the change.
func (x *hqTx) bump(r *recSeqs, field string) error {
	x.seq++
	feed := x.tx.Bucket(bHQFeed)
	if old := r.get(field); old != 0 {
		if err := feed.Delete(u64(old)); err != nil {
			return err
		}
	}
	r.set(field, x.seq)
	k := make([]byte, 0, len(r.key)+1+len(field))
	k = append(append(append(k, r.key...), sep), field...)
	return feed.Put(u64(x.seq), k)
}

// saveSeqs stores a record's seqs if a bump changed them.
func (x *hqTx) saveSeqs(r *recSeqs) error {
	if !r.dirty {
		return nil
	}
	r.dirty = false
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
func migrateFieldSeqs(tx *bolt.Tx) error {
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
