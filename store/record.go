package store

import (
	"bytes"
	"fmt"
	"sort"
)

// fieldSet is the stored state of one record: field name → live leaves,
// newest first.
type fieldSet map[string][]Leaf

// txn holds the record primitives shared by local edits, pulls and HQ.
type txn struct {
	tx Tx
	s  *Store
}

func (t txn) loadFields(typ, id string) (fieldSet, error) {
	b := t.tx.Bucket(fieldsBucket(typ))
	if b == nil {
		return nil, fmt.Errorf("unknown record type %q", typ)
	}
	v := b.Get([]byte(id))
	if v == nil {
		return fieldSet{}, nil
	}
	fs, err := decodeFields(v)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", typ, id, err)
	}
	return fs, nil
}

// storeFields writes a record's fields, and from its materialized value
// (the shown leaf of every field) its index entries, summaries and
// conflict markers.
func (t txn) storeFields(typ, id string, fs fieldSet) error {
	fb := t.tx.Bucket(fieldsBucket(typ))
	if fb == nil {
		return fmt.Errorf("unknown record type %q", typ)
	}
	old, err := t.storedRecord(fb, typ, id)
	if err != nil {
		return err
	}
	names := sortedFieldNames(fs) // sorted once for both encodings
	if err := fb.Put([]byte(id), encodeFieldsSorted(fs, names)); err != nil {
		return err
	}
	rec := materializeSorted(id, fs, names)
	if err := t.reindex(typ, old, rec); err != nil {
		return err
	}
	if err := t.putSummary(typ, id, rec); err != nil {
		return err
	}
	cb := t.tx.Bucket(bConflicts)
	for name, leaves := range fs {
		var err error
		switch {
		case Conflicted(leaves):
			err = cb.Put(conflictKey(typ, id, name), nil)
		case Surface(typ, name):
			err = cb.Delete(conflictKey(typ, id, name))
		default:
			// Merge keeps one leaf of an lww field: it is never marked.
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// storedRecord is the record as stored now (nil: none, or deleted), whose
// index entries a write replaces.
func (t txn) storedRecord(fb Bucket, typ, id string) ([]byte, error) {
	stored := fb.Get([]byte(id))
	if stored == nil {
		return nil, nil
	}
	rec, err := appendRecord(nil, []byte(id), stored)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", typ, id, err)
	}
	return rec, nil
}

func conflictKey(typ, id, field string) []byte {
	return key([]byte(typ), []byte(id), []byte(field))
}

// reindex moves a record's index entries from those of old to those of
// rec (nil: none), index by index: a key both have stays as it is (the
// same as deleting it and putting it back), so an edit that changes no
// indexed field writes no index page.
func (t txn) reindex(typ string, old, rec []byte) error {
	ixs := indexesOf[typ]
	if len(ixs) == 0 {
		return nil
	}
	of, oldOK := indexFieldsFor(old)
	nf, newOK := indexFieldsFor(rec)
	var oldEnt, newEnt [][]byte // ixVisitByEnt's keys, for keepLastVisit
	for _, ix := range ixs {
		if !t.s.keepsIndex(ix.bucket) {
			continue
		}
		var oks, nks [][]byte
		if oldOK {
			oks = ix.keys(of)
		}
		if newOK {
			nks = ix.keys(nf)
		}
		if bytes.Equal(ix.bucket, ixVisitByEnt) {
			oldEnt, newEnt = oks, nks
		}
		if len(oks) == 0 && len(nks) == 0 {
			continue
		}
		b := t.tx.Bucket(ix.bucket)
		for _, k := range oks {
			if !containsKey(nks, k) {
				if err := b.Delete(k); err != nil {
					return err
				}
			}
		}
		for _, k := range nks {
			if !containsKey(oks, k) {
				if err := b.Put(k, nil); err != nil {
					return err
				}
			}
		}
	}
	return t.keepLastVisitKeys(typ, oldEnt, newEnt)
}

func containsKey(ks [][]byte, k []byte) bool {
	for _, x := range ks {
		if bytes.Equal(x, k) {
			return true
		}
	}
	return false
}

// materialize builds the record as readers see it: {"id":…, field: shown
// value…}. A record whose shown _deleted is true materializes to nil.
func materialize(id string, fs fieldSet) []byte {
	return materializeSorted(id, fs, sortedFieldNames(fs))
}

// sortedFieldNames returns the names of a record's fields, sorted.
func sortedFieldNames(fs fieldSet) []string {
	names := make([]string, 0, len(fs))
	for n := range fs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// materializeSorted is materialize given the field names sorted
// (sortedFieldNames).
func materializeSorted(id string, fs fieldSet, names []string) []byte {
	if l, ok := Shown(fs[FieldDeleted]); ok && string(l.Value) == "true" {
		return nil
	}
	size := len(id) + 16
	for _, n := range names {
		if l, ok := Shown(fs[n]); ok {
			size += len(n) + len(l.Value) + 4
		}
	}
	b := make([]byte, 0, size)
	b = append(b, `{"id":`...)
	b = AppendJSONString(b, id)
	for _, n := range names {
		if n == FieldDeleted || n == "id" {
			continue
		}
		l, ok := Shown(fs[n])
		if !ok {
			continue
		}
		b = append(b, ',')
		b = AppendJSONString(b, n)
		b = append(b, ':')
		b = append(b, l.Value...)
	}
	return append(b, '}')
}
