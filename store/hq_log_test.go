package store

import (
	"encoding/json"
	"math/rand/v2"
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
		{Officer: "wang", Op: Op{OpID: NewID(), Type: "visit", ID: NewID(), Field: "summary", Value: json.RawMessage(`"走访"`),
			Stamp: "0193a2c4f1b2-0003-devabc123", Base: "0193A2C4F1B2-0003-devabc123", Resolves: []Stamp{"0193a2c4f1b2-00g3-dev", "0193a2c4f1b2-0003-", ""}},
			Result: Result{Status: "a status not known yet", Seq: 7}, At: at},
		{Officer: "li", Op: Op{OpID: "o4", Type: "no_such_type", ID: "0190A5B2-7C3D-7E4F-8A1B-2C3D4E5F6A7B", Field: "no_such_field", Value: json.RawMessage(`1`),
			Stamp: "0193a2c4f1b2-0003-dev", Resolves: []Stamp{}}, Result: Result{OpID: "o4", Status: StatusDuplicate}, At: at},
	} {
		k := logKey(e.Officer, e.Op.OpID)
		got, err := decodeLog(k, encodeLog(nil, &e))
		if err != nil || !reflect.DeepEqual(got, e) {
			t.Errorf("binary: %v\n got %+v\nwant %+v", err, got, e)
		}
		got, err = decodeLog(k, encodeLogV2(nil, &e))
		if err != nil || !reflect.DeepEqual(got, e) {
			t.Errorf("version 2: %v\n got %+v\nwant %+v", err, got, e)
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
		if v2 := encodeLogV2(nil, &e); len(enc) > len(v2) {
			t.Errorf("version 3 takes %d bytes, version 2 %d", len(enc), len(v2))
		}
	}
}

// encodeLogV1 writes an entry as version 1 did (officer and op ids in the
// value), to check that such entries are still read.
func encodeLogV1(e *logEntry) []byte {
	b := []byte{logV1}
	b = appendStr(b, e.Officer)
	b = appendStr(b, e.Op.OpID)
	v2 := encodeLogV2(nil, e)[1:]
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

// Stamps of every shape, well formed or not, come back byte for byte from
// version 3's short form.
func TestLogStampForms(t *testing.T) {
	rng := rand.New(rand.NewPCG(testSeed(t), 3))
	const alphabet = "0123456789abcdefABCDEF-gz\x00é"
	for range 20000 {
		var s []byte
		if rng.IntN(2) == 0 {
			s = []byte(FormatStamp(rng.Int64N(1<<48), uint16(rng.IntN(1<<16)), "dev"))
		}
		for range rng.IntN(30) {
			if len(s) > 0 && rng.IntN(3) == 0 {
				s[rng.IntN(len(s))] = alphabet[rng.IntN(len(alphabet))]
			} else {
				s = append(s, alphabet[rng.IntN(len(alphabet))])
			}
		}
		r := &logReader{b: appendStamp(nil, string(s))}
		if got := r.stamp(); r.err != nil || got != string(s) || len(r.b) != 0 {
			t.Fatalf("%q: back as %q (%v)", s, got, r.err)
		}
	}
}
