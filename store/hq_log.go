package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"time"
)

// HQ's op log entries are written in a compact binary form (a version
// byte, then length-prefixed strings and varints): JSON cost more than the
// merge itself when a laptop pushes thousands of ops. Entries are keyed
// officer\0op_id, so version 2 leaves the officer and the op id out of the
// value (and the result's op id where it is the op's); version 3
// (hq_log3.go) writes the type, record id, field, stamps and status in
// bytes. Entries written by earlier versions (JSON, beginning with '{',
// and versions 1 and 2) are still read.

const (
	logV1 = 0x01
	logV2 = 0x02
	logV3 = 0x03
)

// logKey is the key of an officer's op in the log: the officer, \0, and
// the op id in its tagged form (16 bytes for a UUID; hq_keys.go). Before
// schema 14 the op id was text (migrateOpLogKeys).
func logKey(officer, opID string) []byte {
	return appendLogKey(make([]byte, 0, len(officer)+len(opID)+4), officer, opID)
}

func appendLogKey(b []byte, officer, opID string) []byte {
	b = append(b, officer...)
	b = append(b, sep)
	return appendID(b, opID)
}

// OpLogKey is the key of an officer's op in HQ's log (bucket hq:ops), for
// tests that edit a database file directly.
func OpLogKey(officer, opID string) []byte { return logKey(officer, opID) }

// splitLogKey reads a logKey.
func splitLogKey(k []byte) (officer, opID string, err error) {
	i := bytes.IndexByte(k, sep)
	if i < 0 {
		return "", "", errLogEntry
	}
	opID, rest, err := readID(k[i+1:])
	if err != nil || len(rest) != 0 {
		return "", "", errLogEntry
	}
	return string(k[:i]), opID, nil
}

var errLogEntry = errors.New("malformed op log entry")

func appendStr(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendBytes(b []byte, s []byte) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// encodeLog encodes a log entry (into buf, reusing its storage) for the
// key logKey(e.Officer, e.Op.OpID), in version 3 (hq_log3.go).
func encodeLog(buf []byte, e *logEntry) []byte { return encodeLogV3(buf, e) }

// encodeLogV2 encodes a log entry in version 2.
func encodeLogV2(buf []byte, e *logEntry) []byte {
	op := &e.Op
	n := len(op.Type) + len(op.ID) + len(op.Field) + len(op.Value) + len(op.Stamp) + len(op.Base) + len(op.From) +
		len(e.Result.Status) + 64
	for _, r := range op.Resolves {
		n += len(r) + 2
	}
	if cap(buf) < n {
		buf = make([]byte, 0, n)
	}
	b := append(buf[:0], logV2)
	b = appendStr(b, op.Type)
	b = appendStr(b, op.ID)
	b = appendStr(b, op.Field)
	b = appendBytes(b, op.Value)
	b = appendStr(b, op.Stamp)
	b = appendStr(b, op.Base)
	b = binary.AppendUvarint(b, uint64(len(op.Resolves)))
	for _, r := range op.Resolves {
		b = appendStr(b, r)
	}
	b = appendBytes(b, op.From)
	return appendLogResult(b, e, appendStr)
}

// appendLogResult writes what versions 2 and 3 share after the op: the
// result (its status by str) and the time.
func appendLogResult(b []byte, e *logEntry, str func([]byte, string) []byte) []byte {
	op := &e.Op
	r := &e.Result
	if r.OpID == op.OpID {
		b = append(b, 0)
	} else {
		b = append(b, 1)
		b = appendStr(b, r.OpID)
	}
	b = str(b, r.Status)
	b = binary.AppendUvarint(b, r.Seq)
	if r.Error != nil {
		b = append(b, 1)
		b = appendStr(b, r.Error.Code)
		b = appendStr(b, r.Error.Reason)
	} else {
		b = append(b, 0)
	}
	if r.Leaves != nil {
		enc, _ := json.Marshal(*r.Leaves)
		b = append(b, 1)
		b = appendBytes(b, enc)
	} else {
		b = append(b, 0)
	}
	return binary.AppendVarint(b, e.At.UnixNano())
}

// logReader reads the fields of a binary entry in order; the first
// malformed read sets err and every later read returns zero values.
type logReader struct {
	b   []byte
	err error
}

func (r *logReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	n, k := binary.Uvarint(r.b)
	if k <= 0 {
		r.err = errLogEntry
		return 0
	}
	r.b = r.b[k:]
	return n
}

func (r *logReader) bytes() []byte {
	n := r.uvarint()
	if r.err != nil || n > uint64(len(r.b)) {
		r.err = errLogEntry
		return nil
	}
	v := r.b[:n:n]
	r.b = r.b[n:]
	return v
}

func (r *logReader) str() string { return string(r.bytes()) }

func (r *logReader) flag() bool {
	if r.err != nil || len(r.b) == 0 {
		r.err = errLogEntry
		return false
	}
	f := r.b[0]
	r.b = r.b[1:]
	return f == 1
}

// decodeLog decodes an entry of any version stored under key k. The
// result does not alias k or v.
func decodeLog(k, v []byte) (logEntry, error) {
	officer, opID, err := splitLogKey(k)
	if err != nil {
		return logEntry{}, err
	}
	return decodeLogEntry(officer, opID, v)
}

// decodeLogEntry decodes an entry of any version stored under the key of
// officer's op opID.
func decodeLogEntry(officer, opID string, v []byte) (logEntry, error) {
	var e logEntry
	if len(v) > 0 && v[0] == '{' {
		err := json.Unmarshal(v, &e)
		return e, err
	}
	if len(v) == 0 || (v[0] != logV1 && v[0] != logV2 && v[0] != logV3) {
		return e, errLogEntry
	}
	r := &logReader{b: v[1:]}
	if v[0] == logV1 {
		e.Officer = r.str()
		e.Op.OpID = r.str()
	} else {
		e.Officer, e.Op.OpID = officer, opID
	}
	if v[0] == logV3 {
		r.opV3(&e.Op) // hq_log3.go
	} else {
		e.Op.Type = r.str()
		e.Op.ID = r.str()
		e.Op.Field = r.str()
		if val := r.bytes(); val != nil {
			e.Op.Value = append(json.RawMessage(nil), val...)
		}
		e.Op.Stamp = r.str()
		e.Op.Base = r.str()
		n := r.uvarint()
		if n > uint64(len(r.b)) {
			return e, errLogEntry
		}
		e.Op.Resolves = make([]Stamp, 0, n)
		for range n {
			e.Op.Resolves = append(e.Op.Resolves, r.str())
		}
		if from := r.bytes(); len(from) > 0 {
			e.Op.From = append(json.RawMessage(nil), from...)
		}
	}
	if v[0] == logV1 || r.flag() {
		e.Result.OpID = r.str()
	} else {
		e.Result.OpID = e.Op.OpID
	}
	if v[0] == logV3 {
		e.Result.Status = r.status()
	} else {
		e.Result.Status = r.str()
	}
	e.Result.Seq = r.uvarint()
	if r.flag() {
		e.Result.Error = &OpError{Code: r.str(), Reason: r.str()}
	}
	if r.flag() {
		var ls []Leaf
		if err := json.Unmarshal(r.bytes(), &ls); err != nil && r.err == nil {
			r.err = err
		}
		e.Result.Leaves = &ls
	}
	if r.err != nil {
		return e, r.err
	}
	at, n2 := binary.Varint(r.b)
	if n2 <= 0 {
		return e, errLogEntry
	}
	e.At = time.Unix(0, at).UTC()
	return e, nil
}
