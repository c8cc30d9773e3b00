package store

import (
	"fmt"
)

// Records are kept once, as their fields (the f:<type> buckets). What a
// reader sees, {"id":…, field: shown value…}, is built from the stored
// fields when it is read: schema 9 dropped the r:<type> buckets that held
// a second, materialised copy of every record (about 0.9 KB a visit).

// migrateDropRecordCopies deletes the r:<type> buckets: every reader now
// builds records from their fields.
func migrateDropRecordCopies(tx Tx) error {
	for _, t := range recordTypes {
		if err := tx.DeleteBucket(recBucket(t)); err != nil {
			return fmt.Errorf("%s: %w", recBucket(t), err)
		}
	}
	return nil
}

// recordView reads the records of one type as readers see them. Deleted
// records (tombstones in f:) are skipped, as if they were not there.
type recordView struct {
	b   Bucket
	typ string
}

// recordsOf returns the view of a type's records; a type that has no
// bucket reads as empty.
func recordsOf(tx Tx, typ string) recordView {
	return recordView{b: tx.Bucket(fieldsBucket(typ)), typ: typ}
}

// Get returns the record with the given id, nil if it does not exist or
// was deleted, or an error naming it if its stored fields cannot be read.
// The bytes are the caller's.
func (v recordView) Get(id []byte) ([]byte, error) {
	if v.b == nil {
		return nil, nil
	}
	stored := v.b.Get(id)
	if stored == nil {
		return nil, nil
	}
	rec, err := appendRecord(nil, id, stored)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", v.typ, id, err)
	}
	return rec, nil
}

// Has reports whether a live record has the id, without building it.
func (v recordView) Has(id []byte) bool {
	if v.b == nil {
		return false
	}
	stored := v.b.Get(id)
	if stored == nil {
		return false
	}
	live, err := recordLive(stored)
	return err == nil && live
}

// ForEach calls fn with every live record, in id order. rec is valid only
// until fn returns (its buffer is reused). A record whose stored fields
// cannot be read is an error naming it.
func (v recordView) ForEach(fn func(id, rec []byte) error) error {
	if v.b == nil {
		return nil
	}
	var buf []byte
	return v.b.ForEach(func(id, stored []byte) error {
		rec, err := appendRecord(buf[:0], id, stored)
		if err != nil {
			return fmt.Errorf("%s %s: %w", v.typ, id, err)
		}
		if rec == nil {
			return nil
		}
		buf = rec
		return fn(id, rec)
	})
}

// Cursor walks the live records in id order. Each move returns a record
// in a buffer of its own.
func (v recordView) Cursor() *recordCursor {
	if v.b == nil {
		return &recordCursor{}
	}
	return &recordCursor{c: v.b.Cursor()}
}

type recordCursor struct {
	c   Cursor
	err error
}

// Err is the error that stopped the walk: a record whose stored fields
// cannot be read.
func (c *recordCursor) Err() error { return c.err }

func (c *recordCursor) First() ([]byte, []byte) {
	if c.c == nil {
		return nil, nil
	}
	return c.skip(c.c.First())
}

func (c *recordCursor) Next() ([]byte, []byte) {
	if c.c == nil {
		return nil, nil
	}
	return c.skip(c.c.Next())
}

func (c *recordCursor) Seek(k []byte) ([]byte, []byte) {
	if c.c == nil {
		return nil, nil
	}
	return c.skip(c.c.Seek(k))
}

// skip returns the first live record from the position k, stored onwards,
// moving forward past deleted ones; an unreadable one ends the walk (Err).
func (c *recordCursor) skip(k, stored []byte) ([]byte, []byte) {
	for ; k != nil; k, stored = c.c.Next() {
		rec, err := appendRecord(nil, k, stored)
		if err != nil {
			c.err = fmt.Errorf("%s: %w", k, err)
			return nil, nil
		}
		if rec != nil {
			return k, rec
		}
	}
	return nil, nil
}

// appendRecord appends to dst the record as readers see it, built from its
// stored fields: nil if the record is deleted. It
// reads the current format in one pass, without decoding the leaves it
// does not show; older formats go through decodeFields.
func appendRecord(dst, id, stored []byte) ([]byte, error) {
	if !scannable(stored) {
		fs, err := decodeFields(stored)
		if err != nil {
			return nil, err
		}
		rec := materialize(string(id), fs)
		if rec == nil {
			return nil, nil
		}
		return append(dst, rec...), nil
	}
	var sc fieldScan
	if err := sc.start(stored); err != nil {
		return nil, err
	}
	b := append(dst, `{"id":`...)
	b = AppendJSONString(b, string(id))
	deleted := false
	for sc.next() {
		if sc.name == FieldDeleted {
			deleted = sc.shownIsTrue()
			continue
		}
		if sc.name == "id" || !sc.has || deleted {
			continue
		}
		b = append(b, ',')
		b = AppendJSONString(b, sc.name)
		b = append(b, ':')
		b = sc.appendShown(b)
	}
	if sc.err != nil {
		return nil, sc.err
	}
	if deleted {
		return nil, nil
	}
	return append(b, '}'), nil
}

// recordLive reports whether stored fields are those of a live record
// (not deleted).
func recordLive(stored []byte) (bool, error) {
	if !scannable(stored) {
		fs, err := decodeFields(stored)
		if err != nil {
			return false, err
		}
		l, ok := Shown(fs[FieldDeleted])
		return !ok || string(l.Value) != "true", nil
	}
	var sc fieldScan
	if err := sc.start(stored); err != nil {
		return false, err
	}
	live := true
	for sc.next() {
		if sc.name == FieldDeleted {
			live = !sc.shownIsTrue()
		}
	}
	if sc.err != nil {
		return false, sc.err
	}
	return live, nil
}

// scannable reports whether stored fields are in a version fieldScan
// reads.
func scannable(stored []byte) bool {
	return len(stored) > 0 && (stored[0] == fieldsV2 || stored[0] == fieldsV3)
}

// fieldScan walks a version 2 or 3 field set (fieldcodec2.go) field by
// field, giving each field's name and shown value (the leaf with the
// greatest stamp, the first of equals: Shown). Nothing is copied: name is
// a constant or points into the stored bytes, as shown does.
type fieldScan struct {
	d        decoder
	v3       bool
	strs     [][]byte
	arr      [8][]byte
	left     uint64 // fields not yet read
	name     string
	shown    []byte // version 2: the value; 3: its span (fieldvalue3.go)
	has      bool   // the field has a leaf to show
	prevTime []byte
	err      error
}

// appendShown appends the shown value's JSON text.
func (s *fieldScan) appendShown(b []byte) []byte {
	if !s.v3 {
		return append(b, s.shown...)
	}
	b, err := appendValueText(b, s.shown)
	if err != nil {
		s.err = err
	}
	return b
}

// shownIsTrue reports whether the field shows the value true.
func (s *fieldScan) shownIsTrue() bool {
	if !s.has {
		return false
	}
	var arr [8]byte
	return string(s.appendShown(arr[:0])) == "true"
}

// start begins a scan of stored fields (scannable).
func (s *fieldScan) start(stored []byte) error {
	s.v3 = stored[0] == fieldsV3
	buf := stored[1:]
	s.d = decoder{b: buf}
	ns := s.d.uvarint()
	if ns > uint64(len(buf)) {
		return errFieldsCorrupt
	}
	s.strs = s.arr[:0]
	for i := uint64(0); i < ns && s.d.err == nil; i++ {
		s.strs = append(s.strs, s.d.bytes())
	}
	s.left = s.d.uvarint()
	if s.d.err != nil {
		return errFieldsCorrupt
	}
	return nil
}

// stamp returns string i of the record's table (stamps, authors, bases).
func (s *fieldScan) str(i uint64) []byte {
	if i >= uint64(len(s.strs)) {
		s.d.err = errFieldsCorrupt
		return nil
	}
	return s.strs[i]
}

// next reads the next field; false at the end or on a corrupt value (err).
func (s *fieldScan) next() bool {
	d := &s.d
	if s.err != nil {
		return false
	}
	if s.left == 0 {
		if d.err == nil && len(d.b) != 0 {
			s.err = errFieldsCorrupt
		} else if d.err != nil {
			s.err = d.err
		}
		return false
	}
	s.left--
	if c := d.uvarint(); c == 0 {
		s.name = string(d.bytes())
	} else if c <= uint64(len(fieldNames)) {
		s.name = fieldNames[c-1]
	} else {
		d.err = errFieldsCorrupt
	}
	nl := d.uvarint()
	if nl > uint64(len(d.b)) {
		d.err = errFieldsCorrupt
	}
	var best []byte
	s.shown, s.has = nil, nl > 0
	for j := uint64(0); j < nl && d.err == nil; j++ {
		var value []byte
		if s.v3 {
			value = d.valueSpan(&s.prevTime)
		} else {
			value = d.bytes()
		}
		st := s.str(d.uvarint())
		s.str(d.uvarint()) // the author: only checked
		if k := d.uvarint(); k > 0 {
			s.str(k - 1) // the base: only checked
		}
		switch h := d.uvarint(); {
		case h == 0:
			d.bytes()
		case h <= 17:
			d.take(17 - h)
		default:
			d.err = errFieldsCorrupt
		}
		if k := d.uvarint(); k > 0 {
			d.take(k - 1)
		}
		if j == 0 || string(st) > string(best) {
			best, s.shown = st, value
		}
	}
	if d.err != nil {
		s.err = d.err
		return false
	}
	return true
}
