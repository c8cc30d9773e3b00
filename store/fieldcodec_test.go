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
	got, err := decodeFields(encodeFields(fs))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, fs) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, fs)
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
	f.Fuzz(func(t *testing.T, b []byte) {
		fs, err := decodeFields(b)
		if err != nil || len(b) == 0 || b[0] != fieldsBinary {
			return
		}
		again, err := decodeFields(encodeFields(fs))
		if err != nil || !reflect.DeepEqual(again, fs) {
			t.Fatalf("re-encoding changed the fields: %v", err)
		}
	})
}
