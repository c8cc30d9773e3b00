package store

import (
	"encoding/binary"
	"encoding/json"
	"unsafe"
)

// Outbox entries are read at every push and written at every edit, so,
// like field sets (fieldcodec.go), they are kept in a compact binary form:
//
//	0x01, string op_id, type, id, field, bytes value, string stamp, base,
//	uvarint count of resolves and each as a string, optional bytes from
//
// Entries written as JSON by earlier builds (starting with '{') are still
// read. Decoding then re-encoding an op gives the same JSON on the wire,
// which matters: a retried op must be byte-identical.
const opBinary = 0x01

// Version 2 (schema 7) writes the op id and the record id, when they are
// canonical UUIDs, as their 16 bytes, and a known field name as its number
// (fieldcodec2.go):
//
//	0x02, op id, id (each as fieldcodec2.go's op ids, with no previous),
//	string type, uvarint field (k > 0: fieldNames[k-1]; 0: a string
//	follows), then as version 1 from the value on.
const opV2 = 0x02

func encodeOp(op Op) []byte {
	n := 8*binary.MaxVarintLen64 + len(op.OpID) + len(op.Type) + len(op.ID) + len(op.Field) +
		len(op.Value) + len(op.Stamp) + len(op.Base) + len(op.From)
	for _, r := range op.Resolves {
		n += len(r) + binary.MaxVarintLen64
	}
	b := make([]byte, 0, n)
	b = append(b, opV2)
	var none [16]byte
	b = appendOpID(b, op.OpID, &none)
	none = [16]byte{}
	b = appendOpID(b, op.ID, &none)
	b = appendStr(b, op.Type)
	if c, ok := fieldNameCode[op.Field]; ok {
		b = binary.AppendUvarint(b, c)
	} else {
		b = append(b, 0)
		b = appendStr(b, op.Field)
	}
	return appendOpTail(b, op)
}

// appendOpTail appends what both versions write from the value on.
func appendOpTail(b []byte, op Op) []byte {
	str := func(s []byte) { b = binary.AppendUvarint(b, uint64(len(s))); b = append(b, s...) }
	str(op.Value)
	str([]byte(op.Stamp))
	str([]byte(op.Base))
	b = binary.AppendUvarint(b, uint64(len(op.Resolves)))
	for _, r := range op.Resolves {
		str([]byte(r))
	}
	if op.From == nil {
		b = binary.AppendUvarint(b, 0)
	} else {
		b = binary.AppendUvarint(b, uint64(len(op.From))+1)
		b = append(b, op.From...)
	}
	return b
}

// encodeOpV1 writes the format of schema 6 and earlier (for tests).
func encodeOpV1(op Op) []byte {
	n := 8*binary.MaxVarintLen64 + len(op.OpID) + len(op.Type) + len(op.ID) + len(op.Field) +
		len(op.Value) + len(op.Stamp) + len(op.Base) + len(op.From)
	for _, r := range op.Resolves {
		n += len(r) + binary.MaxVarintLen64
	}
	b := make([]byte, 0, n)
	b = append(b, opBinary)
	str := func(s []byte) { b = binary.AppendUvarint(b, uint64(len(s))); b = append(b, s...) }
	str([]byte(op.OpID))
	str([]byte(op.Type))
	str([]byte(op.ID))
	str([]byte(op.Field))
	str(op.Value)
	str([]byte(op.Stamp))
	str([]byte(op.Base))
	b = binary.AppendUvarint(b, uint64(len(op.Resolves)))
	for _, r := range op.Resolves {
		str([]byte(r))
	}
	if op.From == nil {
		b = binary.AppendUvarint(b, 0)
	} else {
		b = binary.AppendUvarint(b, uint64(len(op.From))+1)
		b = append(b, op.From...)
	}
	return b
}

// decodeOp reads an outbox entry; nothing returned points into v. A
// binary entry costs one allocation (and one more if it resolves stamps):
// the op's texts, value and from are parts of one copy of v, which also
// has room for its two ids written out (a push reads every entry of the
// outbox, 100,000 for 10,000 visits).
func decodeOp(v []byte) (Op, error) {
	var op Op
	if len(v) > 0 && v[0] == '{' {
		err := json.Unmarshal(v, &op)
		return op, err
	}
	if len(v) == 0 || (v[0] != opBinary && v[0] != opV2) {
		return op, errFieldsCorrupt
	}
	buf := make([]byte, len(v)-1, len(v)-1+2*36)
	copy(buf, v[1:])
	d := decoder{b: buf}
	ids := buf[len(buf):len(buf):cap(buf)] // the room for the ids, written out
	if v[0] == opV2 {
		op.OpID = d.opIDInto(&ids)
		op.ID = d.opIDInto(&ids)
		op.Type = text(d.bytes())
		if c := d.uvarint(); c == 0 {
			op.Field = text(d.bytes())
		} else if c <= uint64(len(fieldNames)) {
			op.Field = fieldNames[c-1]
		} else {
			return Op{}, errFieldsCorrupt
		}
	} else {
		op.OpID = text(d.bytes())
		op.Type = text(d.bytes())
		op.ID = text(d.bytes())
		op.Field = text(d.bytes())
	}
	op.Value = d.bytes()
	op.Stamp = text(d.bytes())
	op.Base = text(d.bytes())
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		return Op{}, errFieldsCorrupt
	}
	op.Resolves = make([]Stamp, 0, n)
	for i := uint64(0); i < n && d.err == nil; i++ {
		op.Resolves = append(op.Resolves, text(d.bytes()))
	}
	if k := d.uvarint(); k > 0 {
		op.From = d.take(k - 1)
	}
	if d.err != nil || len(d.b) != 0 {
		return Op{}, errFieldsCorrupt
	}
	return op, nil
}

// text is b as a string without a copy: b is part of decodeOp's own copy
// of an entry, which nothing writes to (the op's Value and From are
// other, capped parts of it).
func text(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// opIDInto reads an id written by appendOpID with no previous id; a UUID
// is written out at the end of *room (whose capacity holds it) and the
// string points there.
func (d *decoder) opIDInto(room *[]byte) string {
	switch h := d.uvarint(); {
	case h == 0:
		return text(d.bytes())
	case h <= 17: // the first h-1 bytes are those of no id: zeros
		var u [16]byte
		p := int(h - 1)
		if copy(u[p:], d.take(uint64(16-p))) != 16-p {
			return ""
		}
		if cap(*room)-len(*room) < 36 {
			return formatUUID(u)
		}
		start := len(*room)
		*room = appendUUID(*room, u)
		return text((*room)[start:len(*room):len(*room)])
	default:
		d.err = errFieldsCorrupt
		return ""
	}
}
