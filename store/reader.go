package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// Reader reads inside one read transaction: a consistent snapshot.
type Reader struct {
	tx Tx
	s  *Store
}

// View runs fn in one read transaction.
func (s *Store) View(fn func(r *Reader) error) error {
	return s.db.View(func(tx Tx) error { return fn(&Reader{tx: tx, s: s}) })
}

// recordPtr is the constraint of the generic readers: *T is a record.
type recordPtr[T any] interface {
	*T
	visits.Record
}

func typeOf[T any, P recordPtr[T]]() string {
	var v T
	return P(&v).RecordType()
}

// Get reads one record by id; ErrNotFound if it does not exist or was
// deleted.
func Get[T any, P recordPtr[T]](r *Reader, id string) (T, error) {
	var v T
	typ := typeOf[T, P]()
	raw, err := recordsOf(r.tx, typ).Get([]byte(id))
	if err != nil {
		return v, err
	}
	if raw == nil {
		return v, fmt.Errorf("%s %s: %w", typ, id, ErrNotFound)
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		return v, fmt.Errorf("%s %s: %w", typ, id, err)
	}
	return v, nil
}

// Each calls fn for every record of a type, in id order (creation order
// for ids made here). fn returning errStop ends the walk early.
func Each[T any, P recordPtr[T]](r *Reader, fn func(T) error) error {
	return recordsOf(r.tx, typeOf[T, P]()).ForEach(func(k, raw []byte) error {
		var v T
		if err := json.Unmarshal(raw, &v); err != nil {
			return fmt.Errorf("%s %s: %w", typeOf[T, P](), k, err)
		}
		return fn(v)
	})
}

// All returns every record of a type.
func All[T any, P recordPtr[T]](r *Reader) ([]T, error) {
	var out []T
	err := Each[T, P](r, func(v T) error { out = append(out, v); return nil })
	return out, err
}

// Page returns up to limit records of a type with ids after the given one
// ("" for the first page), and whether more follow.
func Page[T any, P recordPtr[T]](r *Reader, after string, limit int) ([]T, bool, error) {
	c := recordsOf(r.tx, typeOf[T, P]()).Cursor()
	var k, raw []byte
	if after == "" {
		k, raw = c.First()
	} else if k, raw = c.Seek([]byte(after)); k != nil && string(k) == after {
		k, raw = c.Next()
	}
	var out []T
	for ; k != nil; k, raw = c.Next() {
		if len(out) == limit {
			return out, true, nil
		}
		var v T
		if err := json.Unmarshal(raw, &v); err != nil {
			return nil, false, err
		}
		out = append(out, v)
	}
	return out, false, c.Err()
}

// Count returns the number of live records of a type (it reads them all).
func (r *Reader) Count(typ string) int {
	n := 0
	_ = recordsOf(r.tx, typ).ForEach(func(_, _ []byte) error { n++; return nil })
	return n
}

// ids walks an index bucket from prefix (forward, or backward from the
// end of the prefix) and returns up to limit record ids (limit <= 0: all).
func (r *Reader) ids(bucket, prefix []byte, reverse bool, limit int) []string {
	c := r.tx.Bucket(bucket).Cursor()
	l := layoutOf(bucket)
	var out []string
	if !reverse {
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			if out = append(out, l.id(k)); limit > 0 && len(out) == limit {
				break
			}
		}
		return out
	}
	end := append(append([]byte{}, prefix...), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)
	k, _ := c.Seek(end)
	if k == nil {
		k, _ = c.Last()
	} else {
		k, _ = c.Prev()
	}
	for ; k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Prev() {
		if out = append(out, l.id(k)); limit > 0 && len(out) == limit {
			break
		}
	}
	return out
}

func load[T any, P recordPtr[T]](r *Reader, ids []string) ([]T, error) {
	out := make([]T, 0, len(ids))
	for _, id := range ids {
		v, err := Get[T, P](r, id)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func prefix(parts ...string) []byte {
	var b []byte
	for _, p := range parts {
		b = append(append(b, p...), sep)
	}
	return b
}

// VisitsOf returns an enterprise's visits, newest first, at most limit
// (limit <= 0: all).
func (r *Reader) VisitsOf(enterpriseID string, limit int) ([]visits.Visit, error) {
	return load[visits.Visit](r, r.ids(ixVisitByEnt, idPrefix(enterpriseID), true, limit))
}

// VisitsBetween returns visits with from <= at < to, oldest first.
func (r *Reader) VisitsBetween(from, to time.Time) ([]visits.Visit, error) {
	c := r.tx.Bucket(ixVisitByAt).Cursor()
	end := ms(to)
	var ids []string
	for k, _ := c.Seek(ms(from)); k != nil && bytes.Compare(k[:8], end) < 0; k, _ = c.Next() {
		ids = append(ids, msID.id(k))
	}
	return load[visits.Visit](r, ids)
}

// EnterpriseByUSCC finds the enterprise with a normalized USCC.
func (r *Reader) EnterpriseByUSCC(uscc string) (visits.Enterprise, error) {
	ids := r.ids(ixUSCC, prefix(uscc), false, 1)
	if len(ids) == 0 {
		return visits.Enterprise{}, fmt.Errorf("enterprise %s: %w", uscc, ErrNotFound)
	}
	return Get[visits.Enterprise](r, ids[0])
}

// NeedsWithStatus returns the needs currently in any of the statuses.
func (r *Reader) NeedsWithStatus(statuses ...string) ([]visits.Need, error) {
	var ids []string
	for _, st := range statuses {
		ids = append(ids, r.ids(ixNeedByStatus, prefix(st), false, 0)...)
	}
	return load[visits.Need](r, ids)
}

// NeedsOf returns an enterprise's needs.
func (r *Reader) NeedsOf(enterpriseID string) ([]visits.Need, error) {
	return load[visits.Need](r, r.ids(ixNeedByEnt, idPrefix(enterpriseID), false, 0))
}

// EventsOf returns a need's history, oldest first.
func (r *Reader) EventsOf(needID string) ([]visits.NeedEvent, error) {
	return load[visits.NeedEvent](r, r.ids(ixEventByNeed, idPrefix(needID), false, 0))
}

// FollowUpsDue returns follow-ups due on or before the given day (every
// status), earliest first.
func (r *Reader) FollowUpsDue(until visits.Date) ([]visits.FollowUp, error) {
	return load[visits.FollowUp](r, r.followUpIDsDue(until))
}

// followUpIDsDue returns the ids of the follow-ups due on or before a day,
// earliest first.
func (r *Reader) followUpIDsDue(until visits.Date) []string {
	c := r.tx.Bucket(ixFollowUpByDue).Cursor()
	var ids []string
	for k, _ := c.First(); k != nil && string(k[:bytes.IndexByte(k, sep)]) <= string(until); k, _ = c.Next() {
		ids = append(ids, textID.id(k))
	}
	return ids
}

// FollowUpsOf returns an enterprise's follow-ups.
func (r *Reader) FollowUpsOf(enterpriseID string) ([]visits.FollowUp, error) {
	return load[visits.FollowUp](r, r.ids(ixFollowUpByEnt, idPrefix(enterpriseID), false, 0))
}

// AssignmentsOf returns an enterprise's 包抓联 assignments.
func (r *Reader) AssignmentsOf(enterpriseID string) ([]visits.Assignment, error) {
	return load[visits.Assignment](r, r.ids(ixAssignByEnt, idPrefix(enterpriseID), false, 0))
}

// AssignmentsFor returns an officer's assignments.
func (r *Reader) AssignmentsFor(officerID string) ([]visits.Assignment, error) {
	return load[visits.Assignment](r, r.ids(ixAssignByOffice, prefix(officerID), false, 0))
}
