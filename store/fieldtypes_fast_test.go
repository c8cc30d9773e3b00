package store

import (
	"encoding/json"
	"reflect"
	"testing"
)

// fitsFast may only say yes where encoding/json says yes, for every
// field type of every record, on values well-formed (scanJSON) and
// hostile alike.
func TestFitsFastAgreesWithEncodingJSON(t *testing.T) {
	values := []string{`"x"`, `""`, `"2026-12-02T10:00:00Z"`, `"2026-12-02T10:00:00+08:00"`, `"2026-13-02T10:00:00Z"`,
		`"2026-12-02"`, `"2026-12-02T10:00:00.123456789Z"`, `"\u4e2d"`, `"a\"b"`,
		`0`, `-0`, `1`, `-1`, `127`, `128`, `255`, `256`, `65536`, `4294967296`, `9223372036854775807`,
		`9223372036854775808`, `-9223372036854775809`, `18446744073709551616`, `1.5`, `1e3`, `-1E-3`, `1e400`, `3.5e38`,
		`true`, `false`, `[]`, `[ ]`, `["a"]`, `["a","b"]`, `[ "a" , "b\"]" ]`, `["a",1]`, `[1]`, `[null]`, `["a",null]`,
		`[["a"]]`, `{}`, `{"a":"b"}`, `[{}]`}
	types := map[reflect.Type]bool{}
	for _, fields := range fieldTypes {
		for _, ft := range fields {
			types[ft] = true
		}
	}
	for _, ft := range indexFieldTypes {
		types[ft] = true
	}
	for _, ft := range []reflect.Type{reflect.TypeFor[int8](), reflect.TypeFor[uint16](), reflect.TypeFor[float32](),
		reflect.TypeFor[float64](), reflect.TypeFor[bool](), reflect.TypeFor[[]string]()} {
		types[ft] = true
	}
	for ft := range types {
		for _, v := range values {
			if scanJSON([]byte(v), MaxDepth) != "" {
				t.Fatalf("test value %s is not well-formed", v)
			}
			fast := fitsFast(ft, []byte(v))
			slow := json.Unmarshal([]byte(v), reflect.New(ft).Interface()) == nil
			if fast && !slow {
				t.Errorf("%v: fitsFast takes %s, encoding/json refuses it", ft, v)
			}
		}
	}
	// The types of a visit's fields are decided without encoding/json.
	for _, c := range []struct{ field, v string }{{"at", `"2026-12-02T10:00:00+08:00"`}, {"purposes", `["policy","finance"]`},
		{"summary", `"走访"`}} {
		if !fitsFast(fieldTypes["visit"][c.field], []byte(c.v)) {
			t.Errorf("visit.%s %s: not decided fast", c.field, c.v)
		}
	}
}
