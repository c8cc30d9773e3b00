package store

import (
	"encoding/json"
	"strings"
	"testing"
)

// Every value comes back byte for byte, whatever shape it was stored in:
// times of every layout (and look-alikes that are not exact RFC 3339 and
// stay as they are), UUIDs (and ones that are not canonical), words,
// repeated times, anything else.
func TestValuesV3ComeBackByteForByte(t *testing.T) {
	values := []string{
		`"2026-11-11T10:29:00+08:00"`, `"2026-11-11T10:29:00+08:00"`, `"2026-04-25T18:36:10.342197849Z"`,
		`"2026-04-25T18:36:10.3Z"`, `"2026-04-25T18:36:10.30Z"`, `"1969-12-31T23:59:59-05:30"`, `"0001-01-01T00:00:00Z"`,
		`"0001-01-01T00:00:00+08:00"`, `"9999-12-31T23:59:59.999999999Z"`, `"2026-02-30T10:00:00+08:00"`,
		`"2026-11-11T24:00:00+08:00"`, `"2026-11-11T10:29:00-00:00"`, `"2026-11-11T10:29:00+24:00"`,
		`"2026-11-11t10:29:00Z"`, `"2026-11-11T10:29:00.Z"`, `"2026-11-11T10:29:00.1234567890Z"`, `"+026-11-11T10:29:00Z"`,
		`"2026-11-11T10:29:00+08:00"`, `"01a238e7-3222-7193-a934-d15527a8c6a1"`, `"01A238E7-3222-7193-A934-D15527A8C6A1"`,
		`"01a238e7x3222-7193-a934-d15527a8c6a1"`, `"routine"`, `["needs"]`, `true`, `null`, `""`, `"企业反映“融资难”"`, ``,
		`{"zh":"x"}`, strings.Repeat(`"长`, 100) + `"`, `"2026-11-11"`,
	}
	fs := fieldSet{}
	for i, v := range values {
		name := fieldNames[i%len(fieldNames)]
		fs[name] = append(fs[name], Leaf{Value: json.RawMessage(v), Stamp: "s", OpID: "o"})
	}
	b := encodeFields(fs)
	got, err := decodeFields(b)
	if err != nil {
		t.Fatal(err)
	}
	for name, ls := range fs {
		for j, l := range ls {
			if g := string(got[name][j].Value); g != string(l.Value) {
				t.Errorf("%s: %q came back as %q", name, l.Value, g)
			}
		}
	}
	// Each value alone, and as the record reads.
	for _, v := range values {
		var prev []byte
		enc := appendValue3(nil, []byte(v), &prev)
		d := decoder{b: enc}
		var dprev []byte
		span := d.valueSpan(&dprev)
		text, err := appendValueText(nil, span)
		if d.err != nil || err != nil || len(d.b) != 0 || string(text) != v {
			t.Errorf("%q came back as %q (%v %v)", v, text, d.err, err)
		}
	}
}

// A visit's values take about a third of their text.
func TestValuesV3AreSmall(t *testing.T) {
	vals := map[string]string{
		"at": `"2026-11-11T10:29:00+08:00"`, "created_at": `"2026-11-11T10:29:00+08:00"`, "updated_at": `"2026-11-11T10:29:00+08:00"`,
		"enterprise_id": `"01a23ac2-f68e-71cd-afa7-32b241028aab"`, "occasion": `"new_entry"`, "method": `"online"`,
		"purposes": `["data"]`, "created_by": `"wang"`, "lead_officer": `"wang"`,
	}
	text, stored := 0, 0
	var prev []byte
	for _, n := range sortedFieldNames(fieldSet{"at": nil, "created_at": nil, "updated_at": nil, "enterprise_id": nil,
		"occasion": nil, "method": nil, "purposes": nil, "created_by": nil, "lead_officer": nil}) {
		text += len(vals[n])
		stored += len(appendValue3(nil, []byte(vals[n]), &prev))
	}
	if stored*3 > text {
		t.Fatalf("%d bytes of values stored in %d", text, stored)
	}
}

func FuzzValueV3(f *testing.F) {
	f.Add([]byte(`"2026-11-11T10:29:00+08:00"`))
	f.Add([]byte(`"2026-04-25T18:36:10.342197849Z"`))
	f.Add([]byte(`"01a238e7-3222-7193-a934-d15527a8c6a1"`))
	f.Add([]byte(`"routine"`))
	f.Fuzz(func(t *testing.T, v []byte) {
		var prev []byte
		enc := appendValue3(nil, v, &prev)
		d := decoder{b: enc}
		var dprev []byte
		text, err := appendValueText(nil, d.valueSpan(&dprev))
		if d.err != nil || err != nil || len(d.b) != 0 || string(text) != string(v) {
			t.Fatalf("%q came back as %q (%v %v)", v, text, d.err, err)
		}
	})
}
