package pg

import (
	"bytes"
	"sort"
)

// A cursor's first fetch after a jump (First, Last, Seek, or a move away
// from the rows it holds) reads firstRows rows; each fetch that carries on
// from the previous one in the same direction reads twice as many, up to
// pageRows. Most seeks want a row or two (is a push's first op id above
// the officer's last? which enterprises are assigned to them?), and
// reading 256 rows for each (HQ's op log entries are about 170 bytes) was
// 13 million rows read for 10,000 syncs; a long walk still reaches full
// pages after four fetches. Tests make both small.
var (
	firstRows = 16
	pageRows  = 256
)

// fetchSize is how many rows a fetch from x reads: more when it carries
// on from the window's far end (hi upwards, lo downwards), else firstRows.
func (b *bucket) fetchSize(x []byte, up bool) int {
	w, n := b.win, min(firstRows, pageRows)
	if w == nil || x == nil {
		return n
	}
	if up && w.up && w.hiSet && bytes.Equal(x, w.hi) || !up && !w.up && w.loSet && bytes.Equal(x, w.lo) {
		n = min(2*w.size, pageRows)
	}
	return n
}

type row struct{ k, v []byte }

// window is a run of the database's rows of one bucket: every key k of the
// bucket with lo ⊑ k ⊑ hi (⊑ is < or ≤ by the incl flags; an unset bound is
// infinite) is in rows, ascending.
type window struct {
	rows           []row
	size           int  // the rows the fetch asked for
	up             bool // fetched upwards
	lo, hi         []byte
	loSet, hiSet   bool
	loIncl, hiIncl bool
}

// coversAbove reports whether the window holds the rows just above x
// (strict) or from x; x nil means from the first key.
func (w *window) coversAbove(x []byte, strict bool) bool {
	if w == nil {
		return false
	}
	if w.loSet {
		if x == nil {
			return false
		}
		c := bytes.Compare(w.lo, x)
		if c > 0 || c == 0 && !strict && !w.loIncl {
			return false
		}
	}
	return !w.hiSet || x == nil || bytes.Compare(x, w.hi) < 0
}

// coversBelow is coversAbove downwards; x nil means from the last key.
func (w *window) coversBelow(x []byte, strict bool) bool {
	if w == nil {
		return false
	}
	if w.hiSet {
		if x == nil {
			return false
		}
		c := bytes.Compare(w.hi, x)
		if c < 0 || c == 0 && !strict && !w.hiIncl {
			return false
		}
	}
	return !w.loSet || x == nil || bytes.Compare(x, w.lo) > 0
}

// dbAfter returns the database's first row of b above x (strict) or from x.
func (b *bucket) dbAfter(x []byte, strict bool) (row, bool) {
	for {
		if w := b.win; w.coversAbove(x, strict) {
			i := 0
			if x != nil {
				i = sort.Search(len(w.rows), func(i int) bool {
					c := bytes.Compare(w.rows[i].k, x)
					return c > 0 || c == 0 && !strict
				})
			}
			if i < len(w.rows) {
				return w.rows[i], true
			}
			if !w.hiSet {
				return row{}, false
			}
			x, strict = w.hi, w.hiIncl
		}
		if !b.fetchUp(x, strict) {
			return row{}, false
		}
	}
}

// dbBefore returns the database's last row of b below x (strict) or at x.
func (b *bucket) dbBefore(x []byte, strict bool) (row, bool) {
	for {
		if w := b.win; w.coversBelow(x, strict) {
			i := len(w.rows) - 1
			if x != nil {
				i = sort.Search(len(w.rows), func(i int) bool {
					c := bytes.Compare(w.rows[i].k, x)
					return c > 0 || c == 0 && strict
				}) - 1
			}
			if i >= 0 {
				return w.rows[i], true
			}
			if !w.loSet {
				return row{}, false
			}
			x, strict = w.lo, w.loIncl
		}
		if !b.fetchDown(x, strict) {
			return row{}, false
		}
	}
}

// fetchUp loads the page of rows above x into the window; false on an
// engine error (kept by the transaction).
func (b *bucket) fetchUp(x []byte, strict bool) bool {
	n := b.fetchSize(x, true)
	q := `SELECT key, value FROM liaison_kv WHERE bucket = $1 ORDER BY key LIMIT $2`
	args := []any{b.name, n}
	if x != nil {
		op := ">="
		if strict {
			op = ">"
		}
		q = `SELECT key, value FROM liaison_kv WHERE bucket = $1 AND key ` + op + ` $3 ORDER BY key LIMIT $2`
		args = append(args, x)
	}
	rows, ok := b.tx.rows(q, args...)
	if !ok {
		return false
	}
	w := &window{rows: rows, size: n, up: true, lo: x, loSet: x != nil, loIncl: !strict}
	if len(rows) == n {
		w.hi, w.hiSet, w.hiIncl = rows[len(rows)-1].k, true, true
	}
	b.win = w
	return true
}

// fetchDown loads the page of rows below x into the window.
func (b *bucket) fetchDown(x []byte, strict bool) bool {
	n := b.fetchSize(x, false)
	q := `SELECT key, value FROM liaison_kv WHERE bucket = $1 ORDER BY key DESC LIMIT $2`
	args := []any{b.name, n}
	if x != nil {
		op := "<="
		if strict {
			op = "<"
		}
		q = `SELECT key, value FROM liaison_kv WHERE bucket = $1 AND key ` + op + ` $3 ORDER BY key DESC LIMIT $2`
		args = append(args, x)
	}
	rows, ok := b.tx.rows(q, args...)
	if !ok {
		return false
	}
	for i, j := 0, len(rows)-1; i < j; i, j = i+1, j-1 {
		rows[i], rows[j] = rows[j], rows[i]
	}
	w := &window{rows: rows, size: n, hi: x, hiSet: x != nil, hiIncl: !strict}
	if len(rows) == n {
		w.lo, w.loSet, w.loIncl = rows[0].k, true, true
	}
	b.win = w
	return true
}

// next returns the first key of the bucket as the transaction sees it
// above x (strict) or from x: the database's rows the overlay does not
// change, and the overlay's puts.
//
// A database row the overlay changes is skipped only up to the overlay's
// own next key, which comes first from there on: a walk over a bucket the
// transaction rewrote whole (a migration) takes a step per row, not a
// pass over every row left.
func (b *bucket) next(x []byte, strict bool) (k, v []byte) {
	_, e, ook := b.ov.after(x, strict)
	d, dok := row{}, false
	if !b.cleared {
		d, dok = b.dbAfter(x, strict)
		for dok && b.overlaid(d.k) {
			if ook && bytes.Compare(d.k, e.key) >= 0 {
				dok = false
				break
			}
			d, dok = b.dbAfter(d.k, true)
		}
	}
	switch {
	case b.tx.err != nil:
		return nil, nil
	case dok && (!ook || bytes.Compare(d.k, e.key) < 0):
		return d.k, d.v
	case ook:
		return e.key, e.val
	}
	return nil, nil
}

// prev is next downwards.
func (b *bucket) prev(x []byte, strict bool) (k, v []byte) {
	_, e, ook := b.ov.before(x, strict)
	d, dok := row{}, false
	if !b.cleared {
		d, dok = b.dbBefore(x, strict)
		for dok && b.overlaid(d.k) {
			if ook && bytes.Compare(d.k, e.key) <= 0 {
				dok = false
				break
			}
			d, dok = b.dbBefore(d.k, true)
		}
	}
	switch {
	case b.tx.err != nil:
		return nil, nil
	case dok && (!ook || bytes.Compare(d.k, e.key) > 0):
		return d.k, d.v
	case ook:
		return e.key, e.val
	}
	return nil, nil
}

func (b *bucket) overlaid(k []byte) bool {
	_, ok := b.ov.get(string(k))
	return ok
}

// cursor walks a bucket; it keeps only its position, so writes made while
// it walks are seen. Like bbolt's, a move past either end returns nil and
// leaves the cursor on the key at that end.
type cursor struct {
	b   *bucket
	pos []byte // nil: not on a key (empty bucket, or not moved yet)
}

func (c *cursor) land(k, v []byte) ([]byte, []byte) {
	if k != nil {
		c.pos = k
	}
	return k, v
}

func (c *cursor) First() ([]byte, []byte) { c.pos = nil; return c.land(c.b.next(nil, false)) }
func (c *cursor) Last() ([]byte, []byte)  { c.pos = nil; return c.land(c.b.prev(nil, false)) }

func (c *cursor) Seek(seek []byte) ([]byte, []byte) {
	if seek == nil {
		seek = []byte{}
	}
	k, v := c.b.next(seek, false)
	if k == nil {
		c.Last()
		return nil, nil
	}
	return c.land(k, v)
}

func (c *cursor) Next() ([]byte, []byte) {
	if c.pos == nil {
		return nil, nil
	}
	return c.land(c.b.next(c.pos, true))
}

func (c *cursor) Prev() ([]byte, []byte) {
	if c.pos == nil {
		return nil, nil
	}
	return c.land(c.b.prev(c.pos, true))
}
