package store

import (
	"bytes"
	"encoding/json"
	"sort"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// Turning a whole record into field ops is the same on a laptop (Writer.Save)
// and at HQ (master data): stamp its Meta, split it into fields, and keep
// the fields whose value differs from the shown one.

// stampMeta gives a new record its id, creation time and author, and every
// saved record its update time.
func stampMeta(m *visits.Meta, now time.Time, by string) {
	if m.ID == "" {
		m.ID = NewID()
	}
	if m.CreatedAt.IsZero() {
		m.CreatedAt = now
	}
	if m.CreatedBy == "" {
		m.CreatedBy = by
	}
	m.UpdatedAt = now
}

// recordValues splits a record into its top-level JSON fields, without id.
func recordValues(rec visits.Record) (map[string]json.RawMessage, error) {
	raw, err := json.Marshal(rec)
	if err != nil {
		return nil, err
	}
	var values map[string]json.RawMessage
	if err := json.Unmarshal(raw, &values); err != nil {
		return nil, err
	}
	delete(values, "id")
	return values, nil
}

// fieldChange is one field whose value differs from the shown one.
type fieldChange struct {
	Field string
	Value json.RawMessage
	Base  Stamp           // the shown leaf's stamp ("" for a new field)
	From  json.RawMessage // the shown leaf's value
}

// changedFields compares values with the shown leaves of fs, in field
// order. With whole set, values is the whole record: fields the record has
// but values lacks are cleared (set to null), which is how an emptied
// omitempty field reaches other laptops, and updated_at alone is not a
// change.
func changedFields(fs fieldSet, values map[string]json.RawMessage, whole bool) []fieldChange {
	if whole {
		for name, leaves := range fs {
			if _, ok := values[name]; !ok && name != FieldDeleted {
				if l, ok := Shown(leaves); ok && string(l.Value) != "null" {
					values[name] = json.RawMessage("null")
				}
			}
		}
	}
	names := make([]string, 0, len(values))
	for n := range values {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []fieldChange
	for _, n := range names {
		c := fieldChange{Field: n, Value: compact(values[n])}
		if l, ok := Shown(fs[n]); ok {
			if bytes.Equal(l.Value, c.Value) && !Conflicted(fs[n]) {
				continue
			}
			c.Base, c.From = l.Stamp, l.Value
		}
		out = append(out, c)
	}
	if whole && len(out) == 1 && out[0].Field == "updated_at" {
		return nil
	}
	return out
}
