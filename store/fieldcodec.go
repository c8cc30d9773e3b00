package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"sort"
)

// Field sets are the most read and written values of the store (every
// edit, push and pull loads and stores one), so they are kept in a compact
// binary form rather than JSON:
//
//	0x01 (format), uvarint field count, then per field (sorted by name):
//	  string name, uvarint leaf count, then per leaf:
//	    bytes value, string stamp, string author, string op_id,
//	    string base, optional bytes from
//
// where string and bytes are a uvarint length and the bytes, and optional
// bytes are a uvarint of length+1 (0: absent). Values written as JSON by
// earlier builds (they start with '{') are still read.
const fieldsBinary = 0x01

var errFieldsCorrupt = errors.New("stored fields: corrupt")

func encodeFields(fs fieldSet) []byte { return encodeFieldsSorted(fs, sortedFieldNames(fs)) }

// encodeFieldsV1 writes the format of schema 6 and earlier (for tests of
// the migration and of reading old databases).
func encodeFieldsV1(fs fieldSet) []byte {
	names := make([]string, 0, len(fs))
	size := 1 + binary.MaxVarintLen64
	for n, ls := range fs {
		names = append(names, n)
		size += len(n) + 2*binary.MaxVarintLen64
		for _, l := range ls {
			size += len(l.Value) + len(l.Stamp) + len(l.Author) + len(l.OpID) + len(l.Base) + len(l.From) + 6*binary.MaxVarintLen64
		}
	}
	sort.Strings(names)
	b := make([]byte, 0, size)
	b = append(b, fieldsBinary)
	b = binary.AppendUvarint(b, uint64(len(names)))
	str := func(s string) { b = binary.AppendUvarint(b, uint64(len(s))); b = append(b, s...) }
	for _, n := range names {
		str(n)
		b = binary.AppendUvarint(b, uint64(len(fs[n])))
		for _, l := range fs[n] {
			b = binary.AppendUvarint(b, uint64(len(l.Value)))
			b = append(b, l.Value...)
			str(l.Stamp)
			str(l.Author)
			str(l.OpID)
			str(l.Base)
			if l.From == nil {
				b = binary.AppendUvarint(b, 0)
			} else {
				b = binary.AppendUvarint(b, uint64(len(l.From))+1)
				b = append(b, l.From...)
			}
		}
	}
	return b
}

// decodeFields reads a stored field set. v may be bbolt's memory: nothing
// returned points into it.
func decodeFields(v []byte) (fieldSet, error) {
	if len(v) > 0 && v[0] == '{' {
		fs := fieldSet{}
		err := json.Unmarshal(v, &fs)
		return fs, err
	}
	if len(v) > 0 && (v[0] == fieldsV2 || v[0] == fieldsV3) {
		return decodeFieldsV2(append([]byte(nil), v[1:]...), v[0])
	}
	if len(v) == 0 || v[0] != fieldsBinary {
		return nil, errFieldsCorrupt
	}
	buf := append([]byte(nil), v[1:]...) // values below are slices of this copy
	d := decoder{b: buf}
	n := d.uvarint()
	fs := make(fieldSet, min(n, 256))
	for i := uint64(0); i < n && d.err == nil; i++ {
		name := string(d.bytes())
		nl := d.uvarint()
		if nl > uint64(len(d.b)) {
			return nil, errFieldsCorrupt
		}
		ls := make([]Leaf, 0, nl)
		for j := uint64(0); j < nl && d.err == nil; j++ {
			var l Leaf
			l.Value = d.bytes()
			l.Stamp = string(d.bytes())
			l.Author = string(d.bytes())
			l.OpID = string(d.bytes())
			l.Base = string(d.bytes())
			if k := d.uvarint(); k > 0 {
				l.From = d.take(k - 1)
			}
			ls = append(ls, l)
		}
		fs[name] = ls
	}
	if d.err != nil || len(d.b) != 0 {
		return nil, errFieldsCorrupt
	}
	return fs, nil
}

type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	x, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errFieldsCorrupt
		return 0
	}
	d.b = d.b[n:]
	return x
}

func (d *decoder) take(n uint64) []byte {
	if d.err != nil || n > uint64(len(d.b)) {
		d.err = errFieldsCorrupt
		return nil
	}
	out := d.b[:n:n]
	d.b = d.b[n:]
	return out
}

func (d *decoder) bytes() []byte { return d.take(d.uvarint()) }
