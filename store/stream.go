package store

import (
	"bytes"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// Listings and exports stream: they read one record at a time inside one
// read transaction and hand it on, so what they hold does not grow with
// the database (issue 12). The slices the other readers return (All,
// VisitsBetween, Dataset) are for callers that need every record at once.

// releaseEvery is how many records a long walk reads between releases of
// the database's mapped pages (releasePages).
const releaseEvery = 512

// EachVisitNewest calls fn for every visit with from <= at < to, newest
// first: the order of VisitsBetween reversed, one record at a time.
func (r *Reader) EachVisitNewest(from, to time.Time, fn func(visits.Visit) error) error {
	c := r.tx.Bucket(ixVisitByAt).Cursor()
	start, end := ms(from), ms(to)
	k, _ := c.Seek(end)
	if k == nil {
		k, _ = c.Last()
	} else {
		k, _ = c.Prev()
	}
	n := 0
	for ; k != nil && bytes.Compare(k[:8], start) >= 0; k, _ = c.Prev() {
		if bytes.Compare(k[:8], end) >= 0 {
			continue // Last() of an index whose newest visit is at or after to
		}
		v, err := Get[visits.Visit](r, msID.id(k))
		if err != nil {
			return err
		}
		if err := fn(v); err != nil {
			return err
		}
		if n++; n%releaseEvery == 0 {
			r.ReleasePages()
		}
	}
	return nil
}

// EachRecord calls fn for every record of a type in id order, as Each,
// releasing the pages it has read as it goes: for walks over a whole
// type (exports, --json listings).
func EachRecord[T any, P recordPtr[T]](r *Reader, fn func(T) error) error {
	n := 0
	return Each[T, P](r, func(v T) error {
		if n++; n%releaseEvery == 0 {
			r.ReleasePages()
		}
		return fn(v)
	})
}

// EnterpriseName returns the name of an enterprise from its summary (a
// small binary value, not the record), or "" when there is none.
func (r *Reader) EnterpriseName(id string) string {
	if b := r.tx.Bucket(bEntSummary); b != nil {
		if v := b.Get([]byte(id)); v != nil {
			if e, err := decodeEnterpriseSummary(id, v); err == nil {
				return e.Name
			}
		}
	}
	e, _ := Get[visits.Enterprise](r, id)
	return e.Name
}

// ReleasePages gives back the pages of the database file this process has
// mapped and read so far (they stay in the system's file cache, and are
// read again from it if touched): without it a walk over every record
// keeps the whole file resident, and the process's memory grows with the
// database. Only a read transaction of a bbolt database does anything.
func (r *Reader) ReleasePages() {
	if tx := boltTxOf(r.tx); tx != nil && !tx.Writable() {
		releaseMapped(tx.DB().Info().Data, tx.Size())
	}
}

// EachNeedWithStatus calls fn for the needs in each of the statuses, in
// the order NeedsWithStatus returns them, one record at a time.
func (r *Reader) EachNeedWithStatus(fn func(visits.Need) error, statuses ...string) error {
	n := 0
	for _, st := range statuses {
		p := prefix(st)
		c := r.tx.Bucket(ixNeedByStatus).Cursor()
		for k, _ := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, _ = c.Next() {
			v, err := Get[visits.Need](r, textID.id(k))
			if err != nil {
				return err
			}
			if err := fn(v); err != nil {
				return err
			}
			if n++; n%releaseEvery == 0 {
				r.ReleasePages()
			}
		}
	}
	return nil
}

// EachFollowUpDue calls fn for the follow-ups due on or before a day
// (every status), earliest first: FollowUpsDue one record at a time.
func (r *Reader) EachFollowUpDue(until visits.Date, fn func(visits.FollowUp) error) error {
	c := r.tx.Bucket(ixFollowUpByDue).Cursor()
	n := 0
	for k, _ := c.First(); k != nil && string(k[:bytes.IndexByte(k, sep)]) <= string(until); k, _ = c.Next() {
		v, err := Get[visits.FollowUp](r, textID.id(k))
		if err != nil {
			return err
		}
		if err := fn(v); err != nil {
			return err
		}
		if n++; n%releaseEvery == 0 {
			r.ReleasePages()
		}
	}
	return nil
}
