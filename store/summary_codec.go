package store

import (
	"encoding/binary"
	"errors"
	"time"
)

// Summaries are read by the thousand at every start-up, so they are kept in
// a compact binary form rather than JSON (decoding JSON was most of the
// start-up's CPU):
//
//	0x01 (format), then the summary's fields in a fixed order, each
//	  string: uvarint length, bytes
//	  bool:   one byte, 0 or 1
//	  int:    varint
//	  time:   uvarint 0 (zero time), 1 (UTC) or 2 (fixed offset), then
//	          varint Unix seconds, uvarint nanoseconds, and for 2 a
//	          varint offset in seconds
//
// The record's id is the summary's key and is not repeated in the value.
//
// Report summaries (summary_report.go) of schema 13 on start with 0x02
// instead: the same, but for the ids of other records (enterprise_id,
// need_id), which are in the value form of store/idkey.go (a UUID in 17
// bytes, not 37).
const (
	summaryBinary    = 0x01
	summaryBinaryIDs = 0x02
)

var errSummaryCorrupt = errors.New("stored summary: corrupt")

type sumEnc struct{ b []byte }

func newSumEnc(size int) *sumEnc {
	e := &sumEnc{b: make([]byte, 0, size)}
	e.b = append(e.b, summaryBinary)
	return e
}

func (e *sumEnc) str(s string) {
	e.b = binary.AppendUvarint(e.b, uint64(len(s)))
	e.b = append(e.b, s...)
}

func (e *sumEnc) id(s string) { e.b = appendIDValue(e.b, s) }

func (e *sumEnc) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

func (e *sumEnc) int(n int64) { e.b = binary.AppendVarint(e.b, n) }

func (e *sumEnc) time(t time.Time) {
	if t.IsZero() {
		e.b = append(e.b, 0)
		return
	}
	_, off := t.Zone()
	if t.Location() == time.UTC || off == 0 {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 2)
	}
	e.b = binary.AppendVarint(e.b, t.Unix())
	e.b = binary.AppendUvarint(e.b, uint64(t.Nanosecond()))
	if t.Location() != time.UTC && off != 0 {
		e.b = binary.AppendVarint(e.b, int64(off))
	}
}

// sumDec reads a summary. Strings are cut from one string holding the
// whole value, so a summary costs one allocation however many fields it
// has. The first error sticks; fields read after it are zero.
type sumDec struct {
	s   string
	err error
}

func newSumDec(v []byte) *sumDec {
	if len(v) == 0 || v[0] != summaryBinary {
		return &sumDec{err: errSummaryCorrupt}
	}
	return &sumDec{s: string(v[1:])}
}

// newSumDecOf reads a summary of either format (summaryBinary or
// summaryBinaryIDs).
func newSumDecOf(v []byte) (*sumDec, byte) {
	if len(v) == 0 || v[0] != summaryBinary && v[0] != summaryBinaryIDs {
		return &sumDec{err: errSummaryCorrupt}, 0
	}
	return &sumDec{s: string(v[1:])}, v[0]
}

func (d *sumDec) fail() { d.err, d.s = errSummaryCorrupt, "" }

func (d *sumDec) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	var n uint64
	var shift uint
	for i := 0; i < len(d.s) && i < binary.MaxVarintLen64; i++ {
		c := d.s[i]
		if c < 0x80 {
			d.s = d.s[i+1:]
			return n | uint64(c)<<shift
		}
		n |= uint64(c&0x7f) << shift
		shift += 7
	}
	d.fail()
	return 0
}

func (d *sumDec) int() int64 {
	u := d.uvarint()
	n := int64(u >> 1)
	if u&1 != 0 {
		n = ^n
	}
	return n
}

func (d *sumDec) str() string {
	n := d.uvarint()
	if d.err != nil || n > uint64(len(d.s)) {
		d.fail()
		return ""
	}
	s := d.s[:n]
	d.s = d.s[n:]
	return s
}

// id reads an id in the value form (store/idkey.go).
func (d *sumDec) id() string {
	if d.err != nil || len(d.s) == 0 {
		d.fail()
		return ""
	}
	if d.s[0] == 0x00 {
		if len(d.s) < 17 {
			d.fail()
			return ""
		}
		id := formatUUID([16]byte([]byte(d.s[1:17])))
		d.s = d.s[17:]
		return id
	}
	n := d.uvarint()
	if d.err != nil || n == 0 || n-1 > uint64(len(d.s)) {
		d.fail()
		return ""
	}
	s := d.s[:n-1]
	d.s = d.s[n-1:]
	return s
}

func (d *sumDec) bool() bool {
	if d.err != nil || len(d.s) == 0 || d.s[0] > 1 {
		d.fail()
		return false
	}
	v := d.s[0] == 1
	d.s = d.s[1:]
	return v
}

func (d *sumDec) time() time.Time {
	if d.err != nil || len(d.s) == 0 {
		d.fail()
		return time.Time{}
	}
	kind := d.s[0]
	d.s = d.s[1:]
	switch kind {
	case 0:
		return time.Time{}
	case 1, 2:
		sec, nsec := d.int(), d.uvarint()
		t := time.Unix(sec, int64(nsec))
		if kind == 1 {
			return t.UTC()
		}
		return t.In(time.FixedZone("", int(d.int())))
	}
	d.fail()
	return time.Time{}
}

// end reports the decoding error, or one if bytes are left over.
func (d *sumDec) end() error {
	if d.err == nil && len(d.s) != 0 {
		d.fail()
	}
	return d.err
}
