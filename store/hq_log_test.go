package store

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// Op log entries round-trip through the binary form, and entries written
// as JSON by earlier versions are still read.
func TestLogEntryEncoding(t *testing.T) {
	leaves := []Leaf{{Value: json.RawMessage(`"open"`), Stamp: "0193a2c4f1b2-0000-devb", Author: "li", OpID: "o0"}}
	at := time.Date(2026, 11, 29, 6, 0, 0, 123, time.UTC)
	for _, e := range []logEntry{
		{Officer: "wang", Op: Op{OpID: "o1", Type: "need", ID: "n1", Field: "status", Value: json.RawMessage(`"replied"`),
			Stamp: "0193a2c4f1b2-0003-deva", Base: "0193a2c4e0aa-0000-devb", Resolves: []Stamp{"x", "y"}, From: json.RawMessage(`"open"`)},
			Result: Result{OpID: "o1", Status: StatusConflict, Seq: 1 << 40}, At: at},
		{Officer: "王", Op: Op{OpID: "o2", Type: "visit", ID: "v1", Field: "summary", Value: json.RawMessage(`{"a":[1,"\u0000"]}`), Stamp: "s", Resolves: []Stamp{}},
			Result: Result{OpID: "other", Status: StatusRejected, Error: &OpError{Code: "forbidden", Reason: "不在范围"}, Leaves: &leaves}, At: at},
	} {
		k := logKey(e.Officer, e.Op.OpID)
		got, err := decodeLog(k, encodeLog(nil, &e))
		if err != nil || !reflect.DeepEqual(got, e) {
			t.Errorf("binary: %v\n got %+v\nwant %+v", err, got, e)
		}
		got, err = decodeLog(k, encodeLogV1(&e))
		if err != nil || !reflect.DeepEqual(got, e) {
			t.Errorf("version 1: %v\n got %+v\nwant %+v", err, got, e)
		}
		old, _ := json.Marshal(e)
		got, err = decodeLog(k, old)
		if err != nil || !sameOp(got.Op, e.Op) || got.Result.Status != e.Result.Status || got.Officer != e.Officer {
			t.Errorf("json: %v %+v", err, got)
		}
		enc := encodeLog(nil, &e)
		for i := range enc {
			if _, err := decodeLog(k, enc[:i]); err == nil {
				t.Errorf("truncated at %d of %d: no error", i, len(enc))
			}
		}
		if v1 := encodeLogV1(&e); len(enc) >= len(v1) {
			t.Errorf("version 2 takes %d bytes, version 1 %d", len(enc), len(v1))
		}
	}
}

// encodeLogV1 writes an entry as version 1 did (officer and op ids in the
// value), to check that such entries are still read.
func encodeLogV1(e *logEntry) []byte {
	b := []byte{logV1}
	b = appendStr(b, e.Officer)
	b = appendStr(b, e.Op.OpID)
	v2 := encodeLog(nil, e)[1:]
	// Version 2 then differs only in how the result's op id is written.
	r := &logReader{b: v2}
	for range 6 {
		r.bytes()
	}
	for range r.uvarint() {
		r.bytes()
	}
	r.bytes()
	head := v2[:len(v2)-len(r.b)]
	b = append(b, head...)
	if r.flag() {
		b = appendStr(b, r.str())
	} else {
		b = appendStr(b, e.Op.OpID)
	}
	return append(b, r.b...)
}
