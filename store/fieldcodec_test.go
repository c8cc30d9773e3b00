package store

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestFieldCodecRoundTrip(t *testing.T) {
	fs := fieldSet{
		"status": {
			{Value: json.RawMessage(`"accepted"`), Stamp: "0193a2c4f1b2-0003-deva", Author: "wang", OpID: "o1", Base: "s0", From: json.RawMessage(`"registered"`)},
			{Value: json.RawMessage(`"withdrawn"`), Stamp: "0193a2c4f1b1-0000-devb", Author: "李", OpID: "o2"},
		},
		"summary": {{Value: json.RawMessage(`"企业反映“融资难”——需对接银行……"`), Stamp: "s", Author: "a", OpID: "o3", From: json.RawMessage{}}},
		"empty":   {},
	}
	for _, enc := range []func(fieldSet) []byte{encodeFields, encodeFieldsV1} {
		got, err := decodeFields(enc(fs))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, fs) {
			t.Fatalf("round trip:\n got %+v\nwant %+v", got, fs)
		}
	}
	// JSON written by earlier builds is still read.
	old, _ := json.Marshal(fieldSet{"name": {{Value: json.RawMessage(`"甲"`), Stamp: "s", Author: "a", OpID: "o"}}})
	if got, err := decodeFields(old); err != nil || string(got["name"][0].Value) != `"甲"` {
		t.Fatalf("JSON fields: %v %v", got, err)
	}
}

func FuzzDecodeFields(f *testing.F) {
	f.Add(encodeFields(fieldSet{"a": {{Value: json.RawMessage(`1`), Stamp: "s", OpID: "o"}}}))
	f.Add([]byte{fieldsBinary, 0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Add(encodeFieldsV1(fieldSet{"a": {{Value: json.RawMessage(`1`), Stamp: "s", OpID: "o"}}}))
	f.Add(encodeFields(fieldSet{"summary": {{Value: json.RawMessage(`"x"`), Stamp: "s", Author: "a", Base: "b",
		OpID: "01a238e7-3222-7193-a934-d15527a8c6a1"}}, "zz": {{OpID: "01a238e7-3222-7193-a934-d15527a8c6a2"}}}))
	f.Fuzz(func(t *testing.T, b []byte) {
		fs, err := decodeFields(b)
		if err != nil || len(b) == 0 || b[0] == '{' {
			return
		}
		again, err := decodeFields(encodeFields(fs))
		if err != nil || !reflect.DeepEqual(again, fs) {
			t.Fatalf("re-encoding changed the fields: %v", err)
		}
	})
}

func TestOpCodecKeepsTheWireBytes(t *testing.T) {
	ops := []Op{
		{OpID: "o1", Type: "need", ID: "n1", Field: "status", Value: json.RawMessage(`"accepted"`),
			Stamp: "0193a2c4f1b2-0003-deva", Base: "0193a2c4f1b1-0000-deva", Resolves: []Stamp{"x", "y"}, From: json.RawMessage(`"registered"`)},
		{OpID: "o2", Type: "visit", ID: "v1", Field: "summary", Value: json.RawMessage(`"企业反映“融资难”"`), Stamp: "s", Resolves: []Stamp{}},
		{OpID: "01a238e7-3222-7193-a934-d15527a8c6a1", Type: "visit", ID: "00000000-0000-7000-8000-00000000000a", Field: "x_new_field",
			Value: json.RawMessage(`["a"]`), Stamp: "01a238e73222-0008-dev9b372d", Resolves: []Stamp{}},
		{OpID: "01A238E7-3222-7193-A934-D15527A8C6A1", Type: "need", ID: "01a238e7-3222-7193-a934-d15527a8c6a2", Field: "status",
			Value: json.RawMessage(`"closed"`), Stamp: "s", Base: "b", Resolves: []Stamp{"r"}, From: json.RawMessage{}},
	}
	for _, op := range ops {
		for _, enc := range []func(Op) []byte{encodeOp, encodeOpV1} {
			got, err := decodeOp(enc(op))
			if err != nil {
				t.Fatal(err)
			}
			want, _ := json.Marshal(op)
			have, _ := json.Marshal(got)
			if string(want) != string(have) || !reflect.DeepEqual(got, op) {
				t.Fatalf("wire form changed:\n%s\n%s", want, have)
			}
		}
	}
	if v1, v2 := len(encodeOpV1(ops[2])), len(encodeOp(ops[2])); v2 > v1-40 {
		t.Fatalf("an op takes %d bytes in version 2, %d in version 1", v2, v1)
	}
}

func FuzzDecodeOp(f *testing.F) {
	f.Add(encodeOp(Op{OpID: "o", Type: "t", ID: "i", Field: "f", Value: json.RawMessage(`1`), Resolves: []Stamp{}}))
	f.Add(encodeOpV1(Op{OpID: "o", Type: "t", ID: "i", Field: "f", Value: json.RawMessage(`1`), Resolves: []Stamp{}}))
	f.Add(encodeOp(Op{OpID: "01a238e7-3222-7193-a934-d15527a8c6a1", Type: "visit", ID: "00000000-0000-7000-8000-00000000000a",
		Field: "summary", Value: json.RawMessage(`1`), Resolves: []Stamp{}}))
	f.Fuzz(func(t *testing.T, b []byte) {
		op, err := decodeOp(b)
		if err != nil || len(b) == 0 || b[0] == '{' {
			return
		}
		again, err := decodeOp(encodeOp(op))
		if err != nil || !reflect.DeepEqual(again, op) {
			t.Fatalf("re-encoding changed the op: %v", err)
		}
	})
}
