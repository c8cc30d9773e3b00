package store

import (
	"bytes"
	"encoding/json"
	"slices"
	"sort"
)

// Leaf is one live value of a field. Base and From say what the author
// saw when making it (the stamp and value it replaced), so that a person
// resolving a conflict sees where each value started from; they are
// additions to the wire format and may be absent.
type Leaf struct {
	Value  json.RawMessage `json:"value"`
	Stamp  Stamp           `json:"stamp"`
	Author string          `json:"author"`
	OpID   string          `json:"op_id"`
	Base   Stamp           `json:"base,omitempty"`
	From   json.RawMessage `json:"from,omitempty"`
}

// Op is one field edit, the unit of sync (see docs/sync.md).
type Op struct {
	OpID     string          `json:"op_id"`
	Type     string          `json:"type"`
	ID       string          `json:"id"`
	Field    string          `json:"field"`
	Value    json.RawMessage `json:"value"`
	Stamp    Stamp           `json:"stamp"`
	Base     Stamp           `json:"base"`
	Resolves []Stamp         `json:"resolves"`
	// From is the value Base named, as the author saw it (optional, an
	// addition to the wire format): it lets a conflict show where each
	// value started even where the base leaf is gone.
	From json.RawMessage `json:"from,omitempty"`
}

// FieldDeleted is the field that marks a record as deleted.
const FieldDeleted = "_deleted"

// Surface reports whether a field keeps every concurrent value until a
// person resolves them. All other fields keep only the newest value.
func Surface(typ, field string) bool {
	if field == FieldDeleted {
		return true
	}
	if typ == "need" {
		switch field {
		case "status", "lead_unit", "description":
			return true
		}
	}
	return false
}

// Merge applies op, made by author, to a field's leaves and returns the new
// leaves, newest first, and whether anything changed.
//
// The op replaces the leaf its Base names and every leaf in Resolves;
// a base that is not a current leaf means the op was made without seeing
// the current value, so it is added beside it. Surface fields keep every
// leaf; other fields keep only the newest. With ops from one author
// arriving in the order they were made (HQ orders them so), the result
// does not depend on the order in which different authors' ops arrive.
func Merge(leaves []Leaf, op Op, author string, surface bool) ([]Leaf, bool) {
	for _, l := range leaves {
		if l.OpID == op.OpID && l.Stamp == op.Stamp {
			return leaves, false
		}
	}
	// The leaves op replaces: its base and those it resolves (at most
	// MaxResolves, so a look through them costs less than a map).
	gone := func(s Stamp) bool { return op.Base != "" && s == op.Base || slices.Contains(op.Resolves, s) }
	out := make([]Leaf, 0, len(leaves)+1)
	for _, l := range leaves {
		if !gone(l.Stamp) {
			out = append(out, l)
		}
	}
	out = append(out, Leaf{Value: compact(op.Value), Stamp: op.Stamp, Author: author, OpID: op.OpID,
		Base: op.Base, From: fromValue(leaves, op)})
	if len(out) > 1 {
		sortLeaves(out)
	}
	if !surface && len(out) > 1 {
		out = out[:1]
	}
	return out, !sameLeaves(leaves, out)
}

// fromValue is the value of the leaf an op's base names: the current leaf
// with that stamp or, when a concurrent op already replaced it, what that
// op recorded about the same base.
func fromValue(leaves []Leaf, op Op) json.RawMessage {
	base := op.Base
	if base == "" {
		return nil
	}
	for _, l := range leaves {
		if l.Stamp == base {
			return l.Value
		}
	}
	for _, l := range leaves {
		if l.Base == base && l.From != nil {
			return l.From
		}
	}
	if len(op.From) > 0 {
		return compact(op.From)
	}
	return nil
}

// Shown returns the leaf that is displayed: the one with the highest stamp.
func Shown(leaves []Leaf) (Leaf, bool) {
	if len(leaves) == 0 {
		return Leaf{}, false
	}
	best := leaves[0]
	for _, l := range leaves[1:] {
		if l.Stamp > best.Stamp {
			best = l
		}
	}
	return best, true
}

// Conflicted reports whether the leaves hold more than one distinct value.
// Leaves with equal values count as one.
func Conflicted(leaves []Leaf) bool {
	for _, l := range leaves[min(1, len(leaves)):] {
		if !bytes.Equal(l.Value, leaves[0].Value) {
			return true
		}
	}
	return false
}

func sortLeaves(ls []Leaf) {
	sort.Slice(ls, func(i, j int) bool { return ls[i].Stamp > ls[j].Stamp })
}

func sameLeaves(a, b []Leaf) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Stamp != b[i].Stamp || a[i].OpID != b[i].OpID || !bytes.Equal(a[i].Value, b[i].Value) {
			return false
		}
	}
	return true
}

// compact returns v without insignificant white space, so that equal
// values compare equal byte for byte. Invalid JSON is returned as is.
// maySpace reports whether v holds a byte at or below ' ' (every byte
// JSON counts as space is): one comparison a byte, where most values have
// none.
func maySpace(v []byte) bool {
	for _, c := range v {
		if c <= ' ' {
			return true
		}
	}
	return false
}

func compact(v json.RawMessage) json.RawMessage {
	if len(v) == 0 {
		return json.RawMessage("null")
	}
	if !maySpace(v) || bytes.IndexAny(v, " \t\n\r") < 0 {
		// Nothing json.Compact would drop (it changes nothing else, and
		// gives invalid input back as it is).
		return v[:len(v):len(v)]
	}
	var b bytes.Buffer
	if err := json.Compact(&b, v); err != nil {
		return v
	}
	return b.Bytes()
}
