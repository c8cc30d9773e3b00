package store

import (
	"encoding/json"
	"reflect"
	"testing"
)

// A decoded outbox entry shares nothing with the stored bytes (bbolt's
// pages are reused after the transaction) and its parts do not overlap:
// overwriting the stored bytes, or appending to the op's value, changes
// none of its texts.
func TestDecodeOpOwnsItsBytes(t *testing.T) {
	ops := []Op{
		{OpID: "01a238e7-3222-7193-a934-d15527a8c6a1", Type: "visit", ID: "01a238e7-3222-7193-a934-d15527a8c6a2",
			Field: "summary", Value: json.RawMessage(`"走访"`), Stamp: "0001764000000000-0001-dev", Base: "0001763000000000-0000-dev",
			Resolves: []Stamp{"0001762000000000-0000-dev"}, From: json.RawMessage(`"旧"`)},
		{OpID: "not-a-uuid", Type: "need", ID: "also not", Field: "a field HQ does not know", Value: json.RawMessage(`1`),
			Stamp: "s", Resolves: []Stamp{}},
	}
	for _, want := range ops {
		for _, enc := range []func(Op) []byte{encodeOp, encodeOpV1} {
			v := enc(want)
			got, err := decodeOp(v)
			if err != nil {
				t.Fatal(err)
			}
			for i := range v {
				v[i] = 0xff
			}
			_ = append(got.Value, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"...)
			_ = append(got.From, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"...)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("decoded %+v, want %+v", got, want)
			}
		}
	}
}
