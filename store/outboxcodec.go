package store

import (
	"encoding/binary"
	"strconv"
)

// Version 3 of the outbox (schema 12) keeps the ops one action made on one
// record in one entry: they share the record's type and id, and their
// stamps are one clock's readings in a burst (same device, same or nearly
// the same millisecond), so those are written once. An op's Seq is its
// entry's number times groupSlots plus its slot in the entry; an
// acknowledged op leaves the entry, the others keep their slot.
//
//	0x03, uvarint n (ops), string type, id (as fieldcodec2.go's op ids,
//	with no previous), string device, uvarint wall (ms, of the first
//	op's stamp), then per op:
//	  uvarint slot, op id (as fieldcodec2.go's, the previous being the
//	  entry's last UUID op id), uvarint field (k > 0: fieldNames[k-1];
//	  0: a string follows), value, stamp, base, uvarint count of
//	  resolves and each as a stamp, from
//
// A value is in the short forms of version 3 field sets (fieldvalue3.go,
// appendValue3: a quoted UUID as 16 bytes, a quoted RFC 3339 time as
// numbers or as "the entry's previous time again", a known code as a
// number, anything else as it is); from is 0 (none) or 1 and a value. A
// stamp is 0 for none, 1
// and a string, or 2, zigzag varint wall minus the entry's wall and
// uvarint counter for a stamp "%012x-%04x-<device>" of the entry's
// device. Decoding gives back every byte (the wire JSON of a pushed op
// is byte-identical to the op made).
const opGroupV3 = 0x03

// groupSlots bounds the ops of one outbox entry (Seq = entry*groupSlots +
// slot): an action that changes more fields of a record takes more
// entries.
const groupSlots = 256

// slotOp is an op in an outbox entry.
type slotOp struct {
	slot uint64
	op   Op
}

// seqOf is the Seq of the op in slot of entry g.
func seqOf(g, slot uint64) uint64 { return g*groupSlots + slot }

// encodeGroup writes ops (all of one record: typ, id) as one entry.
func encodeGroup(typ, id string, ops []slotOp) []byte {
	n := 64 + len(typ) + len(id)
	for _, o := range ops {
		n += 16*binary.MaxVarintLen64 + len(o.op.OpID) + len(o.op.Field) + len(o.op.Value) +
			len(o.op.Stamp) + len(o.op.Base) + len(o.op.From)
		for _, r := range o.op.Resolves {
			n += len(r) + 2*binary.MaxVarintLen64
		}
	}
	var dev string
	var w0 int64
	if len(ops) > 0 {
		if w, _, d, ok := stampParts(ops[0].op.Stamp); ok {
			dev, w0 = d, w
		}
	}
	b := make([]byte, 0, n)
	b = append(b, opGroupV3)
	b = binary.AppendUvarint(b, uint64(len(ops)))
	b = appendStr(b, typ)
	var prev [16]byte
	b = appendOpID(b, id, &prev)
	b = appendStr(b, dev)
	b = binary.AppendUvarint(b, uint64(w0))
	prev = [16]byte{}
	var prevTime []byte
	for _, o := range ops {
		op := o.op
		b = binary.AppendUvarint(b, o.slot)
		b = appendOpID(b, op.OpID, &prev)
		if c, ok := fieldNameCode[op.Field]; ok {
			b = binary.AppendUvarint(b, c)
		} else {
			b = append(b, 0)
			b = appendStr(b, op.Field)
		}
		b = appendValue3(b, op.Value, &prevTime)
		b = appendGroupStamp(b, op.Stamp, dev, w0)
		b = appendGroupStamp(b, op.Base, dev, w0)
		b = binary.AppendUvarint(b, uint64(len(op.Resolves)))
		for _, r := range op.Resolves {
			b = appendGroupStamp(b, r, dev, w0)
		}
		if op.From == nil {
			b = append(b, 0)
		} else {
			b = append(b, 1)
			b = appendValue3(b, op.From, &prevTime)
		}
	}
	return b
}

func appendGroupStamp(b []byte, s Stamp, dev string, w0 int64) []byte {
	if s == "" {
		return append(b, 0)
	}
	if w, c, d, ok := stampParts(s); ok && d == dev {
		b = append(b, 2)
		b = binary.AppendVarint(b, w-w0)
		return binary.AppendUvarint(b, uint64(c))
	}
	b = append(b, 1)
	return appendStr(b, s)
}

// stampParts splits a stamp that FormatStamp gives back byte for byte
// (lowercase hex, 12 and 4 digits); ok is false for any other.
func stampParts(s Stamp) (wall int64, counter uint16, device string, ok bool) {
	if len(s) < 19 || s[12] != '-' || s[17] != '-' {
		return 0, 0, "", false
	}
	var w uint64
	for i := 0; i < 12; i++ {
		h := unhex(s[i])
		if h > 15 {
			return 0, 0, "", false
		}
		w = w<<4 | uint64(h)
	}
	var c uint16
	for i := 13; i < 17; i++ {
		h := unhex(s[i])
		if h > 15 {
			return 0, 0, "", false
		}
		c = c<<4 | uint16(h)
	}
	return int64(w), c, s[18:], true
}

// groupArena is where a decoded entry's strings are written out: one
// allocation, sized for the common case, a string of its own beyond it.
type groupArena struct{ b []byte }

func (a *groupArena) text(p []byte) string {
	if cap(a.b)-len(a.b) < len(p) {
		return string(p)
	}
	start := len(a.b)
	a.b = append(a.b, p...)
	return text(a.b[start:len(a.b):len(a.b)])
}

func (a *groupArena) bytes(p []byte) []byte {
	if cap(a.b)-len(a.b) < len(p) {
		return append([]byte(nil), p...)
	}
	start := len(a.b)
	a.b = append(a.b, p...)
	return a.b[start:len(a.b):len(a.b)]
}

// groupHeader reads an entry's op count without decoding it.
func groupOpCount(v []byte) int {
	if len(v) < 2 || v[0] != opGroupV3 {
		return 0
	}
	n, k := binary.Uvarint(v[1:])
	if k <= 0 || n > uint64(len(v)) {
		return 0
	}
	return int(n)
}

// decodeGroup reads an outbox entry; nothing returned points into v.
func decodeGroup(v []byte) (typ, id string, ops []slotOp, err error) {
	if len(v) < 2 || v[0] != opGroupV3 {
		return "", "", nil, errFieldsCorrupt
	}
	n, k := binary.Uvarint(v[1:])
	if k <= 0 || n > uint64(len(v)) {
		return "", "", nil, errFieldsCorrupt
	}
	buf := make([]byte, len(v)-1-k, len(v)-1-k+36+int(n)*(36+38+2*40))
	copy(buf, v[1+k:])
	d := decoder{b: buf}
	a := groupArena{b: buf[len(buf):len(buf):cap(buf)]}
	typ = text(d.bytes())
	var prev [16]byte
	id = d.groupID(&a, &prev)
	dev := text(d.bytes())
	w0 := int64(d.uvarint())
	ops = make([]slotOp, 0, n)
	prev = [16]byte{}
	var prevTime []byte
	for i := uint64(0); i < n && d.err == nil; i++ {
		var o slotOp
		o.slot = d.uvarint()
		o.op.Type, o.op.ID = typ, id
		o.op.OpID = d.groupID(&a, &prev)
		if c := d.uvarint(); c == 0 {
			o.op.Field = text(d.bytes())
		} else if c <= uint64(len(fieldNames)) {
			o.op.Field = fieldNames[c-1]
		} else {
			d.err = errFieldsCorrupt
		}
		o.op.Value = d.groupValue(&a, &prevTime)
		o.op.Stamp = d.groupStamp(&a, dev, w0)
		o.op.Base = d.groupStamp(&a, dev, w0)
		nr := d.uvarint()
		if nr > uint64(len(d.b)) {
			d.err = errFieldsCorrupt
			break
		}
		o.op.Resolves = make([]Stamp, 0, nr)
		for j := uint64(0); j < nr && d.err == nil; j++ {
			o.op.Resolves = append(o.op.Resolves, d.groupStamp(&a, dev, w0))
		}
		switch f := d.uvarint(); {
		case f == 1:
			o.op.From = d.groupValue(&a, &prevTime)
		case f != 0:
			d.err = errFieldsCorrupt
		}
		ops = append(ops, o)
	}
	if d.err != nil || len(d.b) != 0 || uint64(len(ops)) != n {
		return "", "", nil, errFieldsCorrupt
	}
	return typ, id, ops, nil
}

// groupID reads an id written by appendOpID.
func (d *decoder) groupID(a *groupArena, prev *[16]byte) string {
	switch h := d.uvarint(); {
	case d.err != nil:
		return ""
	case h == 0:
		return text(d.bytes())
	case h <= 17:
		p := int(h - 1)
		if copy(prev[p:], d.take(uint64(16-p))) != 16-p {
			return ""
		}
		var s [36]byte
		return a.text(appendUUID(s[:0], *prev))
	default:
		d.err = errFieldsCorrupt
		return ""
	}
}

// groupValue reads a value written by appendValue3 (fieldvalue3.go); a
// value stored as it is stays a part of the entry's copy, any other is
// written out into the arena.
func (d *decoder) groupValue(a *groupArena, prevTime *[]byte) []byte {
	span := d.valueSpan(prevTime)
	if d.err != nil {
		return nil
	}
	if h, n := binary.Uvarint(span); n > 0 && h&3 == valRaw {
		return span[n:len(span):len(span)]
	}
	var tmp [64]byte
	v, err := appendValueText(tmp[:0], span)
	if err != nil {
		d.err = err
		return nil
	}
	return a.bytes(v)
}

func (d *decoder) groupStamp(a *groupArena, dev string, w0 int64) Stamp {
	switch k := d.uvarint(); {
	case d.err != nil || k == 0:
		return ""
	case k == 1:
		return text(d.bytes())
	case k == 2:
		x, n := binary.Varint(d.b)
		if n <= 0 {
			d.err = errFieldsCorrupt
			return ""
		}
		d.b = d.b[n:]
		c := d.uvarint()
		w := w0 + x
		if w < 0 || w >= 1<<48 || c > 0xffff {
			d.err = errFieldsCorrupt
			return ""
		}
		var s [64]byte
		b := appendHexPad(s[:0], uint64(w), 12)
		b = append(b, '-')
		b = appendHexPad(b, c, 4)
		b = append(b, '-')
		if len(b)+len(dev) <= len(s) {
			return a.text(append(b, dev...))
		}
		return string(b) + dev
	default:
		d.err = errFieldsCorrupt
		return ""
	}
}

// appendHexPad appends x in lowercase hex, zero-padded to width digits.
func appendHexPad(b []byte, x uint64, width int) []byte {
	var s [16]byte
	h := strconv.AppendUint(s[:0], x, 16)
	for i := len(h); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, h...)
}
