package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Change is the latest state of one field as HQ sends it: every live leaf,
// and the seq at which HQ last changed it.
type Change struct {
	Type   string `json:"type"`
	ID     string `json:"id"`
	Field  string `json:"field"`
	Seq    uint64 `json:"seq"`
	Leaves []Leaf `json:"leaves"`
}

// ApplyPull stores a page of changes pulled from HQ together with the new
// cursor, in one transaction (see ApplyPage, which it is with nothing
// unreadable; a change set aside still counts as stored).
func (s *Store) ApplyPull(changes []Change, cursor uint64) error {
	_, err := s.ApplyPage(changes, nil, cursor)
	return err
}

// Unreadable is a change of a page that could not be decoded: its bytes
// as HQ sent them, and what could be read of where it belongs.
type Unreadable struct {
	Type, ID, Field string
	Raw             []byte
	Reason          string
}

// CodeUnreadableChange marks, in the rejected list, a change pulled from
// HQ that this laptop could not read or store.
const CodeUnreadableChange = "unreadable_change"

// ApplyPage stores a page of changes pulled from HQ together with the new
// cursor, in one transaction. Each field takes HQ's leaves; a field that
// still has unsent local edits gets them re-applied on top, so a pull never
// hides local work. Every pulled stamp is folded into the clock.
//
// A change this laptop cannot take (unreadable, not well-formed by
// CheckOp, or one whose record fails to store) is set aside in the
// rejected list (code unreadable_change) where the officer sees and
// exports it, and the rest of the page is stored: one bad change never
// stops a laptop's sync. It returns how many changes were set aside.
func (s *Store) ApplyPage(changes []Change, unreadable []Unreadable, cursor uint64) (setAside int, err error) {
	failed := map[int]string{} // first change of a record whose storing failed → why
	for {
		var retry bool
		setAside = 0
		err = s.db.Update(func(tx Tx) error {
			fillAppendMostly(tx)
			t := txn{tx: tx, s: s}
			now := s.Now().UTC()
			aside := func(u Unreadable) error {
				setAside++
				return t.setAsideChange(u, now)
			}
			for start := 0; start < len(changes); {
				end := start + 1
				for end < len(changes) && changes[end].Type == changes[start].Type && changes[end].ID == changes[start].ID {
					end++
				}
				rec := changes[start:end]
				if why, ok := failed[start]; ok {
					for _, c := range rec {
						if err := aside(unreadableOf(c, why)); err != nil {
							return err
						}
					}
					start = end
					continue
				}
				var good []Change
				for _, c := range rec {
					if why := t.checkChange(c); why != "" {
						if err := aside(unreadableOf(c, why)); err != nil {
							return err
						}
						continue
					}
					good = append(good, c)
				}
				if len(good) > 0 {
					if err := t.pullRecord(good); err != nil {
						// Storing the record failed: roll the page back
						// and store it again with this record set aside.
						failed[start] = fmt.Sprintf("pull %s %s: %v", changes[start].Type, changes[start].ID, err)
						retry = true
						return errRetryPage
					}
				}
				start = end
			}
			for _, u := range unreadable {
				if err := aside(u); err != nil {
					return err
				}
			}
			m := tx.Bucket(bMeta)
			if old := m.Get(kCursor); len(old) == 8 && binary.BigEndian.Uint64(old) > cursor {
				return fmt.Errorf("pull: cursor would go back from %d to %d", binary.BigEndian.Uint64(old), cursor)
			}
			if err := m.Put(kCursor, u64(cursor)); err != nil {
				return err
			}
			return m.Put(kClock, []byte(s.clock.Last()))
		})
		if !retry {
			return setAside, err
		}
	}
}

// errRetryPage rolls a page's transaction back to store it again.
var errRetryPage = errors.New("store the page again")

// checkChange returns why a pulled change cannot be stored ("" if it
// can): every leaf must be a well-formed op of its field (CheckOp). A
// record type this build does not know is no reason: it is skipped.
func (t txn) checkChange(c Change) string {
	if t.tx.Bucket(fieldsBucket(c.Type)) == nil {
		return ""
	}
	if c.ID == "" || c.Field == "" {
		return "a change without a record id or field"
	}
	for _, l := range c.Leaves {
		op := Op{OpID: l.OpID, Type: c.Type, ID: c.ID, Field: c.Field, Value: l.Value, Stamp: l.Stamp, Base: l.Base, From: l.From}
		if e := CheckOp(op); e != nil {
			return e.Reason
		}
	}
	return ""
}

// unreadableOf is a decoded change set aside for why.
func unreadableOf(c Change, why string) Unreadable {
	raw, err := json.Marshal(c.Leaves)
	if err != nil {
		raw = nil
	}
	return Unreadable{Type: c.Type, ID: c.ID, Field: c.Field, Raw: raw, Reason: why}
}

// maxKeptRaw bounds the bytes of an unreadable change kept in the
// rejected list.
const maxKeptRaw = 64 << 10

// setAsideChange keeps a change the laptop could not take in the rejected
// list: type, id and field as far as they were read (made printable), the
// change's bytes as the value (a JSON string when they are not JSON or
// are large), the reason shortened.
func (t txn) setAsideChange(u Unreadable, at time.Time) error {
	value := json.RawMessage(u.Raw)
	if len(value) == 0 || len(value) > maxKeptRaw || scanJSON(value, MaxDepth) != "" {
		raw := u.Raw
		if len(raw) > maxKeptRaw {
			raw = raw[:maxKeptRaw]
		}
		value, _ = json.Marshal(strings.ToValidUTF8(string(raw), "\ufffd"))
	}
	x := Rejected{
		Op: Op{Type: printable(u.Type), ID: printable(u.ID), Field: printable(u.Field), Value: value,
			Resolves: []Stamp{}},
		Code:   CodeUnreadableChange,
		Reason: Abbrev("无法读取的变更，已搁置（unreadable change, set aside）: "+printable(u.Reason), MaxReasonRunes),
		At:     at,
	}
	return t.keepRejected(x)
}

// printable is s shortened, valid UTF-8, without control characters.
func printable(s string) string {
	s = strings.ToValidUTF8(Abbrev(s, 200), "\ufffd")
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return '\ufffd'
		}
		return r
	}, s)
}

// pullRecord applies changes that all name one record.
func (t txn) pullRecord(changes []Change) error {
	typ, id := changes[0].Type, changes[0].ID
	if t.tx.Bucket(fieldsBucket(typ)) == nil {
		return nil // a record type this build does not know: skip, never fail the page
	}
	fs, err := t.loadFields(typ, id)
	if err != nil {
		return err
	}
	dirty := false
	for _, c := range changes {
		leaves := make([]Leaf, 0, len(c.Leaves))
		for _, l := range c.Leaves {
			t.s.clock.Observe(l.Stamp)
			l.Value = compact(l.Value)
			leaves = append(leaves, l)
		}
		before := fs[c.Field]
		if err := t.setField(fs, typ, id, c.Field, leaves); err != nil {
			return err
		}
		dirty = dirty || !identicalLeaves(before, fs[c.Field])
	}
	if !dirty {
		// The laptop already holds exactly this (typically its own
		// edits, just acknowledged): nothing to store; the cursor still
		// moves on with the page.
		return nil
	}
	return t.saveFields(typ, id, fs)
}

// identicalLeaves reports whether two leaf lists are the same, every
// stored detail included.
func identicalLeaves(a, b []Leaf) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := &a[i], &b[i]
		if x.Stamp != y.Stamp || x.OpID != y.OpID || x.Author != y.Author || x.Base != y.Base ||
			!bytes.Equal(x.Value, y.Value) || !bytes.Equal(x.From, y.From) {
			return false
		}
	}
	return true
}

// setField gives a field HQ's leaves and re-applies the field's pending
// local ops, oldest first.
func (t txn) setField(fs fieldSet, typ, id, field string, hq []Leaf) error {
	sortLeaves(hq)
	pend, err := t.pendingOf(typ, id, field)
	if err != nil {
		return err
	}
	author := string(t.tx.Bucket(bMeta).Get(kOfficer))
	if author == "" {
		author = "local"
	}
	for _, op := range pend {
		hq, _ = Merge(hq, op, author, Surface(typ, field))
	}
	if len(hq) == 0 {
		delete(fs, field)
		return t.tx.Bucket(bConflicts).Delete(conflictKey(typ, id, field))
	}
	fs[field] = hq
	return nil
}

// saveFields stores fs, or removes the record when no field is left.
func (t txn) saveFields(typ, id string, fs fieldSet) error {
	if len(fs) > 0 {
		return t.storeFields(typ, id, fs)
	}
	fb := t.tx.Bucket(fieldsBucket(typ))
	old, err := t.storedRecord(fb, typ, id)
	if err != nil {
		return err
	}
	if err := t.reindex(typ, old, nil); err != nil {
		return err
	}
	if err := t.putSummary(typ, id, nil); err != nil {
		return err
	}
	return fb.Delete([]byte(id))
}

// pendingOf returns a field's outbox ops, oldest first.
func (t txn) pendingOf(typ, id, field string) ([]Op, error) {
	var out []Op
	err := eachRecordGroup(t.tx, typ, id, func(_ uint64, ops []slotOp) bool {
		for _, o := range ops {
			if o.op.Field == field {
				out = append(out, o.op)
			}
		}
		return true
	})
	return out, err
}

// SetSyncState stores the epoch, the cursor and, when ok, the time of a
// successful sync.
func (s *Store) SetSyncState(epoch string, cursor uint64, synced time.Time) error {
	return s.db.Update(func(tx Tx) error {
		m := tx.Bucket(bMeta)
		if err := m.Put(kEpoch, []byte(epoch)); err != nil {
			return err
		}
		if err := m.Put(kCursor, u64(cursor)); err != nil {
			return err
		}
		if synced.IsZero() {
			return nil
		}
		b, err := synced.UTC().MarshalText()
		if err != nil {
			return err
		}
		return m.Put(kLastSync, b)
	})
}

// ResetSync handles HQ's reset_required: HQ's database was replaced, so the
// laptop forgets its cursor and adopts the new epoch. The outbox is kept;
// the next sync pushes it and pulls everything from seq 0.
func (s *Store) ResetSync(epoch string) error {
	return s.SetSyncState(epoch, 0, time.Time{})
}
