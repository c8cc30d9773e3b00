package pg

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/liaison-dev/liaison/store"
)

// tx is one transaction on one connection.
type tx struct {
	ctx      context.Context
	conn     *pgx.Conn
	writable bool
	err      error // the first engine error: sticky
	buckets  map[string]*bucket
}

var _ store.Tx = (*tx)(nil)

func (t *tx) fail(err error) {
	if t.err == nil {
		t.err = err
	}
}

func (t *tx) Writable() bool { return t.writable }

func (t *tx) Bucket(name []byte) store.Bucket {
	b := t.buckets[string(name)]
	if t.err != nil {
		// The error is sticky (View or Update returns it): hand out a
		// bucket that finds nothing and refuses writes rather than nil,
		// which code that knows its buckets exist would dereference.
		if b == nil {
			b = &bucket{tx: t, name: append([]byte(nil), name...)}
		}
		return b
	}
	if b != nil && b.exists {
		return b
	}
	return nil
}

func (t *tx) CreateBucketIfNotExists(name []byte) (store.Bucket, error) {
	switch {
	case t.err != nil:
		return nil, t.err
	case !t.writable:
		return nil, ErrTxNotWritable
	case len(name) == 0:
		return nil, ErrBucketName
	}
	b := t.buckets[string(name)]
	if b == nil {
		b = &bucket{tx: t, name: append([]byte(nil), name...)}
		t.buckets[string(name)] = b
	}
	if !b.exists {
		b.exists, b.dirty = true, true
	}
	return b, nil
}

func (t *tx) DeleteBucket(name []byte) error {
	switch {
	case t.err != nil:
		return t.err
	case !t.writable:
		return ErrTxNotWritable
	}
	b := t.buckets[string(name)]
	if b == nil || !b.exists {
		return nil
	}
	b.exists, b.cleared, b.dirty, b.seq = false, true, true, 0
	b.ov.reset()
	b.cache, b.win, b.absent = nil, nil, nil
	return nil
}

// rows runs a query returning (key, value) rows.
func (t *tx) rows(q string, args ...any) ([]row, bool) {
	rs, err := t.conn.Query(t.ctx, q, args...)
	if err != nil {
		t.fail(err)
		return nil, false
	}
	var out []row
	var r row
	_, err = pgx.ForEachRow(rs, []any{&r.k, &r.v}, func() error {
		out = append(out, r)
		r = row{}
		return nil
	})
	if err != nil {
		t.fail(err)
		return nil, false
	}
	return out, true
}

// loadBuckets reads the buckets and their sequences (queued on a batch
// that began the transaction).
func (t *tx) loadBuckets(rs pgx.Rows) error {
	var name []byte
	var seq int64
	_, err := pgx.ForEachRow(rs, []any{&name, &seq}, func() error {
		t.buckets[string(name)] = &bucket{tx: t, name: name, exists: true, inDB: true, seq: uint64(seq)}
		name = nil
		return nil
	})
	return err
}

// flush queues the transaction's writes on b, in as few statements as
// there are kinds of change per bucket.
func (t *tx) flush(b *pgx.Batch) {
	for _, bk := range t.buckets {
		if bk.cleared {
			b.Queue(`DELETE FROM liaison_kv WHERE bucket = $1`, bk.name)
		}
		if !bk.exists {
			if bk.inDB {
				b.Queue(`DELETE FROM liaison_buckets WHERE name = $1`, bk.name)
			}
			continue
		}
		if bk.dirty {
			b.Queue(`INSERT INTO liaison_buckets (name, seq) VALUES ($1, $2)
				ON CONFLICT (name) DO UPDATE SET seq = excluded.seq`, bk.name, int64(bk.seq))
		}
		// Keys known absent (or a cleared bucket's) are inserted; the
		// rest may overwrite a row. A plain insert costs about a third
		// less than an upsert (100,000 new rows: 345 against 500-565 ms).
		var dels, keys, vals, fresh, freshVals [][]byte
		for _, k := range bk.ov.keys {
			e := bk.ov.ents[k]
			switch {
			case e.deleted:
				if !bk.cleared {
					dels = append(dels, e.key)
				}
			case bk.cleared || bk.absent[k]:
				fresh, freshVals = append(fresh, e.key), append(freshVals, e.val)
			default:
				keys, vals = append(keys, e.key), append(vals, e.val)
			}
		}
		if len(dels) > 0 {
			b.Queue(deleteSQL, bk.name, dels)
		}
		if len(fresh) > 0 {
			b.Queue(`INSERT INTO liaison_kv (bucket, key, value)
				SELECT $1, k, v FROM unnest($2::bytea[], $3::bytea[]) AS t(k, v)`, bk.name, fresh, freshVals)
		}
		if len(keys) > 0 {
			b.Queue(`INSERT INTO liaison_kv (bucket, key, value)
				SELECT $1, k, v FROM unnest($2::bytea[], $3::bytea[]) AS t(k, v)
				ON CONFLICT (bucket, key) DO UPDATE SET value = excluded.value`, bk.name, keys, vals)
		}
	}
}
