package store

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// Version 2 gives back every string byte for byte, whatever its form:
// op ids that are canonical UUIDs (shared prefixes, equal, far apart) and
// ones that are not (upper case, short, empty), names known and unknown.
func TestFieldCodecV2KeepsEveryString(t *testing.T) {
	fs := fieldSet{
		"summary": {
			{Value: json.RawMessage(`"甲"`), Stamp: "01a238e73222-0008-dev9b372d", Author: "wang", OpID: "01a238e7-3222-7193-a934-d15527a8c6a1"},
			{Value: json.RawMessage(`"乙"`), Stamp: "01a238e73223-0000-devb", Author: "li", OpID: "01a238e7-3222-7193-a934-d15527a8c6a1",
				Base: "01a238e73222-0008-dev9b372d", From: json.RawMessage(`"甲"`)},
		},
		"at":            {{Value: json.RawMessage(`"2026-11-11T10:29:00+08:00"`), Stamp: "01a238e73222-0008-dev9b372d", Author: "wang", OpID: "01a238e7-3222-7193-a934-d15527a8c6a2"}},
		"x_unknown":     {{Value: json.RawMessage(`1`), Stamp: "s", Author: "", OpID: "01A238E7-3222-7193-A934-D15527A8C6A3"}},
		"enterprise_id": {{Value: json.RawMessage(`"e"`), Stamp: "s", Author: "wang", OpID: "ffffffff-ffff-7fff-bfff-ffffffffffff"}},
		"method":        {{Value: json.RawMessage(`""`), Stamp: "", OpID: ""}},
		"occasion":      {{Value: json.RawMessage{}, Stamp: "s", OpID: "0000000-0000-7000-8000-000000000000x", From: json.RawMessage{}}},
		"purposes":      {},
		"people_met":    {{Value: json.RawMessage(`null`), Stamp: "s", OpID: "not-a-uuid"}},
	}
	for version, b := range map[byte][]byte{fieldsV2: encodeFieldsV2(fs), fieldsV3: encodeFields(fs)} {
		if b[0] != version {
			t.Fatalf("version %d written as version %d", version, b[0])
		}
		got, err := decodeFields(b)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, fs) {
			t.Fatalf("version %d round trip:\n got %+v\nwant %+v", version, got, fs)
		}
	}
}

// A record written by one op costs its stamp, author and op id about
// once, not once per field.
func TestFieldCodecV2SharesWhatLeavesShare(t *testing.T) {
	fs := fieldSet{}
	stamp, author := "01a238e73222-0008-dev9b372d", "wang"
	for i, n := range []string{"at", "created_at", "created_by", "enterprise_id", "lead_officer", "method",
		"occasion", "people_met", "purposes", "summary", "updated_at"} {
		id := "01a238e7-3222-7193-a934-d1552" + strings.Repeat(string(rune('0'+i)), 7)
		fs[n] = []Leaf{{Value: json.RawMessage(`"v"`), Stamp: stamp, Author: author, OpID: id}}
	}
	v1, v2 := len(encodeFieldsV1(fs)), len(encodeFields(fs))
	if v2 > 260 || v2*3 > v1 {
		t.Fatalf("version 2 takes %d bytes, version 1 %d", v2, v1)
	}
}

func TestParseUUIDIsExact(t *testing.T) {
	for _, s := range []string{"01a238e7-3222-7193-a934-d15527a8c6a1", "00000000-0000-0000-0000-000000000000"} {
		u, ok := parseUUID(s)
		if !ok || formatUUID(u) != s {
			t.Fatalf("%s: %v %s", s, ok, formatUUID(u))
		}
	}
	for _, s := range []string{"01A238E7-3222-7193-A934-D15527A8C6A1", "01a238e7-3222-7193-a934-d15527a8c6a", "01a238e7x3222-7193-a934-d15527a8c6a1", "01a238e7-3222-7193-a934-d15527a8c6ag"} {
		if _, ok := parseUUID(s); ok {
			t.Fatalf("%s read as a canonical UUID", s)
		}
	}
}
