package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"testing"

	"pgregory.net/rapid"
)

func op(id, field, value string, stamp, base Stamp, resolves ...Stamp) Op {
	return Op{OpID: id, Type: "need", ID: "n1", Field: field, Value: json.RawMessage(value),
		Stamp: stamp, Base: base, Resolves: resolves}
}

func TestMergeReplacesBaseAndKeepsConcurrent(t *testing.T) {
	s1, s2, s3 := FormatStamp(1, 0, "a"), FormatStamp(2, 0, "b"), FormatStamp(3, 0, "c")
	var ls []Leaf
	ls, _ = Merge(ls, op("o1", "status", `"registered"`, s1, ""), "wang", true)
	ls, _ = Merge(ls, op("o2", "status", `"accepted"`, s2, s1), "wang", true)
	if len(ls) != 1 || string(ls[0].Value) != `"accepted"` {
		t.Fatalf("base not replaced: %+v", ls)
	}
	// Made without seeing o2: its base is gone, so it sits beside it.
	ls, _ = Merge(ls, op("o3", "status", `"rejected"`, s3, s1), "li", true)
	if len(ls) != 2 || !Conflicted(ls) {
		t.Fatalf("concurrent edit lost on a surface field: %+v", ls)
	}
	for _, l := range ls {
		if string(l.From) != `"registered"` {
			t.Errorf("leaf %s: from %s, want the value both authors started from", l.OpID, l.From)
		}
	}
	if sh, _ := Shown(ls); sh.OpID != "o3" {
		t.Fatalf("shown = %s, want highest stamp o3", sh.OpID)
	}
	// A resolution names both.
	ls, _ = Merge(ls, op("o4", "status", `"accepted"`, FormatStamp(4, 0, "a"), s3, s2), "wang", true)
	if len(ls) != 1 || Conflicted(ls) {
		t.Fatalf("resolution did not clear: %+v", ls)
	}
	// Re-applying an op changes nothing.
	if _, changed := Merge(ls, op("o4", "status", `"accepted"`, FormatStamp(4, 0, "a"), s3, s2), "wang", true); changed {
		t.Fatal("duplicate op changed the field")
	}
}

func TestMergeLWWKeepsNewest(t *testing.T) {
	var ls []Leaf
	ls, _ = Merge(ls, op("o1", "title", `"b"`, FormatStamp(5, 0, "b"), ""), "x", false)
	ls, _ = Merge(ls, op("o2", "title", `"a"`, FormatStamp(4, 0, "a"), ""), "y", false)
	if len(ls) != 1 || string(ls[0].Value) != `"b"` {
		t.Fatalf("lww kept %+v", ls)
	}
}

func TestEqualValuesAreNotAConflict(t *testing.T) {
	var ls []Leaf
	ls, _ = Merge(ls, op("o1", "status", `"closed"`, FormatStamp(1, 0, "a"), ""), "x", true)
	ls, _ = Merge(ls, op("o2", "status", `"closed"`, FormatStamp(1, 0, "b"), ""), "y", true)
	if Conflicted(ls) {
		t.Fatal("equal values shown as a conflict")
	}
}

// Property: for ops delivered causally (each author's ops in order, and an
// op naming a stamp arrives after the op that made it), every delivery
// order gives the same leaves.
func TestMergeOrderIndependent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		surface := rapid.Bool().Draw(t, "surface")
		nAuthors := rapid.IntRange(1, 3).Draw(t, "authors")
		// Build a causal history: each op sees a random prefix of the
		// global history as its base.
		var ops []Op
		var seen [][]Leaf // state visible when op i was made
		state := []Leaf{}
		for i := 0; i < rapid.IntRange(1, 12).Draw(t, "n"); i++ {
			a := rapid.IntRange(0, nAuthors-1).Draw(t, "author")
			view := state
			if len(seen) > 0 && rapid.Bool().Draw(t, "stale") {
				view = seen[rapid.IntRange(0, len(seen)-1).Draw(t, "at")]
			}
			o := Op{OpID: fmt.Sprint("op", i), Field: "status",
				Value: json.RawMessage(fmt.Sprintf(`"v%d"`, rapid.IntRange(0, 3).Draw(t, "v"))),
				Stamp: FormatStamp(int64(i+1), 0, fmt.Sprint("d", a))}
			if sh, ok := Shown(view); ok {
				o.Base = sh.Stamp
				if rapid.Bool().Draw(t, "resolve") {
					for _, l := range view {
						if l.Stamp != sh.Stamp {
							o.Resolves = append(o.Resolves, l.Stamp)
						}
					}
				}
			}
			ops = append(ops, o)
			state, _ = Merge(state, o, "x", surface)
			seen = append(seen, state)
		}
		// Deliver in a random causal order: repeatedly pick any op whose
		// named stamps were all delivered.
		delivered := map[Stamp]bool{}
		var got []Leaf
		left := append([]Op(nil), ops...)
		for len(left) > 0 {
			var ready []int
			for i, o := range left {
				ok := o.Base == "" || delivered[o.Base]
				for _, r := range o.Resolves {
					ok = ok && delivered[r]
				}
				if ok {
					ready = append(ready, i)
				}
			}
			i := ready[rapid.IntRange(0, len(ready)-1).Draw(t, "pick")]
			got, _ = Merge(got, left[i], "x", surface)
			delivered[left[i].Stamp] = true
			left = append(left[:i], left[i+1:]...)
		}
		if fmt.Sprint(stamps(got)) != fmt.Sprint(stamps(state)) {
			t.Fatalf("order changed the result: %v vs %v", stamps(got), stamps(state))
		}
	})
}

func stamps(ls []Leaf) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.Stamp)
	}
	sort.Strings(out)
	return out
}

// compact gives what json.Compact gives, or its input when that fails.
func FuzzCompact(f *testing.F) {
	f.Add([]byte(`{"a": [1, 2], "b":"x y"}`))
	f.Add([]byte(`"企业"`))
	f.Add([]byte(`{bad`))
	f.Add([]byte("[1,\n2]\r"))
	f.Add([]byte("\"a\x01b\""))
	f.Add([]byte("\t\"企业\""))
	f.Fuzz(func(t *testing.T, v []byte) {
		want := v
		var b bytes.Buffer
		if err := json.Compact(&b, v); err == nil {
			want = b.Bytes()
		}
		if len(v) == 0 {
			want = []byte("null")
		}
		if got := compact(v); !bytes.Equal(got, want) {
			t.Errorf("%q: got %q, want %q", v, got, want)
		}
	})
}
