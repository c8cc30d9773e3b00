package store

import (
	"encoding/binary"
	"encoding/json"
)

// Version 3 of HQ's op log entries: what version 2 holds, with the op's
// type as one byte and its record id tagged (16 bytes for a UUID;
// hq_keys.go), its field as fieldcodec2's one-byte code, its stamps in
// bytes and the result's status as one byte. Every string comes back
// byte for byte (anything that has no short form is kept as text).
//
//	0x03, type, id, field (uvarint k > 0: fieldNames[k-1]; 0 and a
//	string), bytes value, stamp, base, uvarint n and n stamps (resolves),
//	bytes from, then as version 2: result op id (0: the op's; 1 and a
//	string), status (one byte k > 0: logStatuses[k-1]; 0 and a string),
//	uvarint seq, error, leaves, varint time
//
// A stamp (wall-counter-device, hlc.go) is 0 when empty; 1, the wall's
// 6 bytes and the counter's 2 (big endian) and the device as a string
// when it is in FormatStamp's form (lowercase hex); else 2 and a string.

// logStatuses are the results' statuses, numbered from 1. Append only.
var logStatuses = []string{StatusApplied, StatusConflict, StatusRejected, StatusDuplicate}

const hexDigits = "0123456789abcdef"

const (
	stampEmpty  = 0
	stampBinary = 1
	stampText   = 2
)

func encodeLogV3(buf []byte, e *logEntry) []byte {
	op := &e.Op
	n := len(op.ID) + len(op.Field) + len(op.Value) + len(op.Stamp) + len(op.Base) + len(op.From) + 64
	for _, r := range op.Resolves {
		n += len(r) + 2
	}
	if cap(buf) < n {
		buf = make([]byte, 0, n)
	}
	b := append(buf[:0], logV3)
	b = appendType(b, op.Type)
	b = appendID(b, op.ID)
	if c, ok := fieldNameCode[op.Field]; ok {
		b = binary.AppendUvarint(b, c)
	} else {
		b = append(b, 0)
		b = appendStr(b, op.Field)
	}
	b = appendBytes(b, op.Value)
	b = appendStamp(b, op.Stamp)
	b = appendStamp(b, op.Base)
	b = binary.AppendUvarint(b, uint64(len(op.Resolves)))
	for _, r := range op.Resolves {
		b = appendStamp(b, r)
	}
	b = appendBytes(b, op.From)
	return appendLogResult(b, e, appendStatus)
}

func appendStatus(b []byte, s string) []byte { return appendListed(b, logStatuses, s) }

// appendStamp writes a stamp in its short form when it has one.
func appendStamp(b []byte, s Stamp) []byte {
	if s == "" {
		return append(b, stampEmpty)
	}
	if wall, counter, dev, ok := stampParts(s); ok { // outboxcodec.go
		var wc [8]byte
		binary.BigEndian.PutUint64(wc[:], uint64(wall)<<16|uint64(counter))
		b = append(b, stampBinary)
		b = append(b, wc[:]...) // wall (6 bytes), counter (2)
		return appendStr(b, dev)
	}
	b = append(b, stampText)
	return appendStr(b, s)
}

func (r *logReader) stamp() Stamp {
	if r.err != nil || len(r.b) == 0 {
		r.err = errLogEntry
		return ""
	}
	tag := r.b[0]
	r.b = r.b[1:]
	switch tag {
	case stampEmpty:
		return ""
	case stampText:
		return r.str()
	case stampBinary:
		if len(r.b) < 8 {
			r.err = errLogEntry
			return ""
		}
		var s [18]byte
		for i := 0; i < 8; i++ {
			p := 2 * i
			if i >= 6 {
				p++
			}
			s[p], s[p+1] = hexDigits[r.b[i]>>4], hexDigits[r.b[i]&15]
		}
		s[12], s[17] = '-', '-'
		r.b = r.b[8:]
		dev := r.bytes()
		if r.err != nil {
			return ""
		}
		return string(s[:]) + string(dev)
	}
	r.err = errLogEntry
	return ""
}

func (r *logReader) status() string {
	if r.err != nil {
		return ""
	}
	s, rest, err := readListed(r.b, logStatuses)
	if err != nil {
		r.err = errLogEntry
		return ""
	}
	r.b = rest
	return s
}

// opV3 reads a version 3 entry's op, but for its op id (in the key).
func (r *logReader) opV3(op *Op) {
	if r.err != nil {
		return
	}
	var err error
	if op.Type, r.b, err = readType(r.b); err != nil {
		r.err = errLogEntry
		return
	}
	if op.ID, r.b, err = readID(r.b); err != nil {
		r.err = errLogEntry
		return
	}
	if c := r.uvarint(); c > uint64(len(fieldNames)) {
		r.err = errLogEntry
		return
	} else if c > 0 {
		op.Field = fieldNames[c-1]
	} else {
		op.Field = r.str()
	}
	if val := r.bytes(); val != nil {
		op.Value = append(json.RawMessage(nil), val...)
	}
	op.Stamp = r.stamp()
	op.Base = r.stamp()
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.err = errLogEntry
		return
	}
	op.Resolves = make([]Stamp, 0, n)
	for range n {
		op.Resolves = append(op.Resolves, r.stamp())
	}
	if from := r.bytes(); len(from) > 0 {
		op.From = append(json.RawMessage(nil), from...)
	}
}
