package store

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"
)

// Every op reads back from an outbox entry byte for byte, whatever its
// ids, stamps and values look like (canonical or not: an uppercase UUID
// or stamp, a stamp of another device or no stamp, a value that merely
// looks like a quoted UUID or time, times repeated), and its wire JSON is the same as before it
// was stored. The decoded op shares nothing with the stored bytes.
func TestOutboxGroupRoundTrip(t *testing.T) {
	seed := testSeed(t)
	rng := rand.New(rand.NewPCG(seed, 3))
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	uuid := func() string { return NewID() }
	stamp := func() Stamp {
		return pick(FormatStamp(rng.Int64N(1<<48), uint16(rng.IntN(1<<16)), "dev1"),
			FormatStamp(1764000000000+rng.Int64N(10), uint16(rng.IntN(4)), "dev1"),
			FormatStamp(1764000000000, 0, "hq"), "0001764000000000-0001-dev1", "019ADB2C3E00-0001-dev1",
			"+19adb2c3e00-0001-dev1", "s", "")
	}
	value := func() json.RawMessage {
		return json.RawMessage(pick(`"`+uuid()+`"`, `"`+uuid()+`x"`, `"01A238E7-3222-7193-A934-D15527A8C6A1"`,
			`"走访"`, `1`, `["policy"]`, `null`, `""`, `{"a":"`+uuid()+`"}`, "\"\\u0041\"",
			`"2026-12-03T09:16:35.123Z"`, `"2026-12-03T09:16:35.123Z"`, `"2026-12-03T09:16:35+08:00"`,
			`"2026-12-03T09:16:35.1230Z"`, `"2026-12-03t09:16:35Z"`, `"2026-12-03T09:16:35.123456789-05:30"`,
			`"0001-01-01T00:00:00Z"`, `"routine"`, `"on_site"`, `true`, `[]`, `" routine"`))
	}
	for round := 0; round < 300; round++ {
		typ := pick("visit", "need", "a type HQ does not know")
		id := pick(uuid(), "not a uuid", "01A238E7-3222-7193-A934-D15527A8C6A1", "")
		var ops []slotOp
		slot := uint64(rng.IntN(3))
		for range 1 + rng.IntN(14) {
			op := Op{OpID: pick(uuid(), uuid(), "op-x"), Type: typ, ID: id,
				Field: pick("summary", "at", "enterprise_id", "a field HQ does not know", ""),
				Value: value(), Stamp: stamp(), Base: pick("", stamp()), Resolves: []Stamp{}}
			for range rng.IntN(3) {
				op.Resolves = append(op.Resolves, stamp())
			}
			switch rng.IntN(3) {
			case 1:
				op.From = value()
			case 2:
				op.From = json.RawMessage{}
			}
			ops = append(ops, slotOp{slot: slot, op: op})
			slot += 1 + uint64(rng.IntN(3))
		}
		v := encodeGroup(typ, id, ops)
		gt, gid, got, err := decodeGroup(v)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		for i := range v {
			v[i] = 0xff
		}
		if gt != typ || gid != id || len(got) != len(ops) {
			t.Fatalf("round %d: %q %q %d ops, want %q %q %d", round, gt, gid, len(got), typ, id, len(ops))
		}
		if groupOpCount(encodeGroup(typ, id, ops)) != len(ops) {
			t.Fatalf("round %d: op count", round)
		}
		for i := range ops {
			_ = append(got[i].op.Value, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"...)
			_ = append(got[i].op.From, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"...)
		}
		for i := range ops {
			want, _ := json.Marshal(ops[i].op)
			have, _ := json.Marshal(got[i].op)
			if got[i].slot != ops[i].slot || !bytes.Equal(want, have) || !reflect.DeepEqual(got[i].op, ops[i].op) {
				t.Fatalf("round %d op %d: slot %d %s\nwant slot %d %s", round, i, got[i].slot, have, ops[i].slot, want)
			}
		}
	}
}

// A damaged entry is an error, never a panic or a wrong op.
func TestOutboxGroupDamaged(t *testing.T) {
	op := Op{OpID: NewID(), Type: "visit", ID: NewID(), Field: "summary", Value: json.RawMessage(`"走访"`),
		Stamp: FormatStamp(1764000000000, 1, "dev"), Resolves: []Stamp{}}
	v := encodeGroup(op.Type, op.ID, []slotOp{{0, op}, {1, op}})
	for n := 0; n < len(v); n++ {
		if _, _, _, err := decodeGroup(v[:n]); err == nil {
			t.Errorf("an entry cut to %d of %d bytes decodes", n, len(v))
		}
	}
	if _, _, _, err := decodeGroup(append(append([]byte(nil), v...), 0)); err == nil {
		t.Error("an entry with a byte too many decodes")
	}
}

// Any bytes: decoding never panics, and what decodes encodes to an entry
// that decodes to the same ops.
func FuzzDecodeGroup(f *testing.F) {
	op := Op{OpID: NewID(), Type: "visit", ID: NewID(), Field: "at", Value: json.RawMessage(`"2026-12-03T09:16:35.123Z"`),
		Stamp: FormatStamp(1764000000000, 1, "dev"), Base: "x", Resolves: []Stamp{"y"}, From: json.RawMessage(`"` + NewID() + `"`)}
	f.Add(encodeGroup(op.Type, op.ID, []slotOp{{0, op}, {3, op}}))
	f.Fuzz(func(t *testing.T, v []byte) {
		typ, id, ops, err := decodeGroup(v)
		if err != nil {
			return
		}
		typ2, id2, ops2, err := decodeGroup(encodeGroup(typ, id, ops))
		if err != nil || typ2 != typ || id2 != id || !reflect.DeepEqual(ops, ops2) {
			t.Fatalf("%x: decoded %q %q %+v, again %q %q %+v (%v)", v, typ, id, ops, typ2, id2, ops2, err)
		}
	})
}
