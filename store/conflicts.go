package store

import (
	"bytes"
	"fmt"
)

// Conflict is a surface field holding more than one value: every leaf
// stays visible until a person keeps one.
type Conflict struct {
	Type   string `json:"type"`
	ID     string `json:"id"`
	Field  string `json:"field"`
	Leaves []Leaf `json:"leaves"`
}

// Conflicts returns every field in conflict.
func (r *Reader) Conflicts() ([]Conflict, error) {
	var out []Conflict
	err := r.tx.Bucket(bConflicts).ForEach(func(k, _ []byte) error {
		parts := bytes.SplitN(k, []byte{sep}, 3)
		if len(parts) != 3 {
			return fmt.Errorf("conflict key %q: malformed", k)
		}
		c := Conflict{Type: string(parts[0]), ID: string(parts[1]), Field: string(parts[2])}
		fs, err := txn{tx: r.tx, s: r.s}.loadFields(c.Type, c.ID)
		if err != nil {
			return err
		}
		c.Leaves = fs[c.Field]
		out = append(out, c)
		return nil
	})
	return out, err
}

// Leaves returns the live leaves of one field, newest first.
func (r *Reader) Leaves(typ, id, field string) ([]Leaf, error) {
	fs, err := txn{tx: r.tx, s: r.s}.loadFields(typ, id)
	if err != nil {
		return nil, err
	}
	return fs[field], nil
}
