package store

import (
	"encoding/binary"
	"fmt"
)

// Every field HQ holds has a seq: the seq of its latest change. A
// record's seqs are kept together with its owner (hq_owner.go) in one
// value of hq:recs, and the feed (hq:seqfeed) holds one entry per record,
// keyed by the highest of its seqs: a push of a whole record writes one
// small value and one feed entry rather than one of each per field. A
// page of changes sends each record in it whole (see Changes).
//
// hq:recs (schema 11) replaced hq:seqs and hq:owner (hq_legacy.go); keys
// are recKey(type, id) (hq_keys.go) and values
//
//	owner (an id in its tagged form, hq_keys.go; "" for none),
//	uvarint top (the record's highest seq; 0 and nothing more if none),
//	then per field: uvarint name (k > 0: fieldNames[k-1], fieldcodec2.go;
//	0: a string follows), uvarint top-seq
//
// The fields of a record are mostly written together, so their seqs lie
// close under the top: a field costs two bytes.

var (
	bHQRecs    = []byte("hq:recs")    // recKey → owner, seqs
	bHQSeqFeed = []byte("hq:seqfeed") // seq (8 bytes) → recKey
)

// recSeqs are a record's owner and the seqs of its fields.
type recSeqs struct {
	key    []byte // recKey
	owner  string // as stored
	fields []fieldSeq
	top    uint64 // the record's key in the feed as stored (0: none)
	dirty  bool
}

type fieldSeq struct {
	name string
	seq  uint64
}

// seqsOf reads a record's owner and the seqs of its fields.
func (x *hqTx) seqsOf(typ, id string) (*recSeqs, error) {
	k := recKey(typ, id)
	r := &recSeqs{key: k}
	v := x.tx.Bucket(bHQRecs).Get(k)
	if v == nil {
		return r, nil
	}
	var err error
	if r.owner, r.fields, err = decodeRec(v); err != nil {
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

// bump gives a field the next seq. saveRec stores it and moves the
// record in the feeds.
func (x *hqTx) bump(r *recSeqs, field string) {
	x.seq++
	r.set(field, x.seq)
}

// saveRec stores a record's seqs, if a bump changed them, and its owner,
// if it is not the stored one, in one value; it moves the record's entry
// in hq:seqfeed to its highest seq, so the feed holds each record once,
// at its latest change, and its entry in hq:entfeed with it and with its
// owner.
func (x *hqTx) saveRec(r *recSeqs, owner string) error {
	if !r.dirty && owner == r.owner {
		return nil
	}
	top := r.max()
	if r.top != top {
		feed := x.tx.Bucket(bHQSeqFeed)
		if r.top != 0 {
			if err := feed.Delete(u64(r.top)); err != nil {
				return err
			}
		}
		if top != 0 {
			if err := feed.Put(u64(top), r.key); err != nil {
				return err
			}
		}
	}
	typ := recKeyType(r.key)
	of, ook := efeedOf(typ, r.owner)
	nf, nok := efeedOf(typ, owner)
	if err := x.efeedMove(r.key, of, ook, r.top, nf, nok, top); err != nil { // hq_efeed.go
		return err
	}
	r.top, r.owner, r.dirty = top, owner, false
	b := x.tx.Bucket(bHQRecs)
	if top == 0 && owner == "" {
		return b.Delete(r.key)
	}
	return b.Put(r.key, encodeRec(owner, r.fields, top))
}

// encodeRec writes a record's value in hq:recs.
func encodeRec(owner string, fs []fieldSeq, top uint64) []byte {
	b := make([]byte, 0, 20+len(owner)+binary.MaxVarintLen64+3*len(fs))
	b = appendID(b, owner)
	b = binary.AppendUvarint(b, top)
	if top == 0 {
		return b
	}
	for _, f := range fs {
		if c, ok := fieldNameCode[f.name]; ok {
			b = binary.AppendUvarint(b, c)
		} else {
			b = append(b, 0)
			b = appendStr(b, f.name)
		}
		b = binary.AppendUvarint(b, top-f.seq)
	}
	return b
}

var errRecSeqs = fmt.Errorf("malformed record seqs")

// decodeRec reads a value of hq:recs.
func decodeRec(b []byte) (owner string, fs []fieldSeq, err error) {
	owner, b, err = readID(b)
	if err != nil {
		return "", nil, errRecSeqs
	}
	top, k := binary.Uvarint(b)
	if k <= 0 {
		return "", nil, errRecSeqs
	}
	b = b[k:]
	if top == 0 {
		if len(b) != 0 {
			return "", nil, errRecSeqs
		}
		return owner, nil, nil
	}
	fs = make([]fieldSeq, 0, len(b)/2)
	for len(b) > 0 {
		c, k := binary.Uvarint(b)
		if k <= 0 || c > uint64(len(fieldNames)) {
			return "", nil, errRecSeqs
		}
		b = b[k:]
		var name string
		if c > 0 {
			name = fieldNames[c-1]
		} else if name, b, err = readText(b); err != nil {
			return "", nil, errRecSeqs
		}
		d, k := binary.Uvarint(b)
		if k <= 0 || d > top {
			return "", nil, errRecSeqs
		}
		b = b[k:]
		fs = append(fs, fieldSeq{name, top - d})
	}
	if (&recSeqs{fields: fs}).max() != top {
		return "", nil, errRecSeqs
	}
	return owner, fs, nil
}

// ownerOfRec reads only the owner of a value of hq:recs.
func ownerOfRec(v []byte) string {
	if v == nil {
		return ""
	}
	o, _, _ := readID(v)
	return o
}
