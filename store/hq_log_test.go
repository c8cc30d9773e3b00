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
			Result: Result{OpID: "o2", Status: StatusRejected, Error: &OpError{Code: "forbidden", Reason: "不在范围"}, Leaves: &leaves}, At: at},
	} {
		got, err := decodeLog(encodeLog(nil, &e))
		if err != nil || !reflect.DeepEqual(got, e) {
			t.Errorf("binary: %v\n got %+v\nwant %+v", err, got, e)
		}
		old, _ := json.Marshal(e)
		got, err = decodeLog(old)
		if err != nil || !sameOp(got.Op, e.Op) || got.Result.Status != e.Result.Status || got.Officer != e.Officer {
			t.Errorf("json: %v %+v", err, got)
		}
		enc := encodeLog(nil, &e)
		for i := range enc {
			if _, err := decodeLog(enc[:i]); err == nil {
				t.Errorf("truncated at %d of %d: no error", i, len(enc))
			}
		}
	}
}
