package pg

import (
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/liaison-dev/liaison/store"
)

// The errors a bucket returns, worded like bbolt's.
var (
	ErrTxNotWritable = errors.New("pg: tx not writable")
	ErrKeyRequired   = errors.New("pg: key required")
	ErrKeyTooLarge   = errors.New("pg: key too large")
	ErrBucketName    = errors.New("pg: bucket name required")
)

// prefetchSQL reads the values of keys $2 of bucket $1 with one index
// probe per key, whatever the planner believes of the bucket's size. The
// plainer "key = ANY($2)" let it scan the whole bucket and filter instead,
// which it chose while the table grew faster than autovacuum analysed it
// (default selectivity, docs/postgres.md): a cost growing with the bucket,
// 8 ms a call and 7 of the 9 s of a 100,000-op push. OFFSET 0 keeps the
// subquery from being flattened into a join that could be planned as such
// a scan again. TestKeyLookupsProbeTheIndex checks the plan.
const prefetchSQL = `SELECT w.k, v.value FROM unnest($2::bytea[]) AS w(k),
	LATERAL (SELECT value FROM liaison_kv WHERE bucket = $1 AND key = w.k OFFSET 0) AS v`

// deleteSQL deletes keys $2 of bucket $1, found as prefetchSQL finds them
// and then deleted by row address (writers run one at a time, so the
// addresses hold).
const deleteSQL = `DELETE FROM liaison_kv WHERE ctid = ANY(ARRAY(
	SELECT v.ctid FROM unnest($2::bytea[]) AS w(k),
	LATERAL (SELECT ctid FROM liaison_kv WHERE bucket = $1 AND key = w.k OFFSET 0) AS v))`

// MaxKeySize bounds a key: a btree index row holds at most about 2.7 kB.
const MaxKeySize = 2000

// bucket is one bucket as a transaction sees it.
type bucket struct {
	tx      *tx
	name    []byte
	exists  bool   // in the transaction's view
	inDB    bool   // has a row in liaison_buckets when the transaction began
	cleared bool   // deleted in this transaction: the database's rows are hidden
	seq     uint64 // NextSequence's last value
	dirty   bool   // created, cleared or numbered here: its row is written at commit
	ov      overlay
	cache   map[string][]byte // the database's values read so far (nil: absent)
	// absent holds the keys known not to be in the database: read and not
	// found, or put with PutNew. A writer holds the lock row from its
	// first statement, so what it found absent stays absent until it
	// commits, and their puts are inserted without ON CONFLICT (flush).
	absent map[string]bool
	win    *window // the cursors' last page
}

var _ store.Bucket = (*bucket)(nil)

func (b *bucket) Get(key []byte) []byte {
	if b.tx.err != nil {
		return nil
	}
	if e, ok := b.ov.get(string(key)); ok {
		return e.val
	}
	if b.cleared {
		return nil
	}
	if v, ok := b.cache[string(key)]; ok {
		return v
	}
	var v []byte
	err := b.tx.conn.QueryRow(b.tx.ctx, `SELECT value FROM liaison_kv WHERE bucket = $1 AND key = $2`, b.name, key).Scan(&v)
	if err == pgx.ErrNoRows {
		v, err = nil, nil
		b.markAbsent(string(key))
	}
	if err != nil {
		b.tx.fail(err)
		return nil
	}
	if b.cache == nil {
		b.cache = map[string][]byte{}
	}
	b.cache[string(key)] = v
	return v
}

func (b *bucket) markAbsent(k string) {
	if !b.tx.writable {
		return
	}
	if b.absent == nil {
		b.absent = map[string]bool{}
	}
	b.absent[k] = true
}

// PutNew is Put of a key the caller knows is not in the database
// (store.NewPutter): it is inserted without looking for a row to update.
// If the key was there after all, the commit fails. A key this
// transaction wrote or deleted is absent only as the transaction sees it:
// the database may still hold its row until commit, so it is put as Put
// puts it (an upsert, unless a read already found it absent).
func (b *bucket) PutNew(key, value []byte) error {
	_, written := b.ov.get(string(key))
	if err := b.Put(key, value); err != nil {
		return err
	}
	if !written {
		b.markAbsent(string(key))
	}
	return nil
}

func (b *bucket) Put(key, value []byte) error {
	switch {
	case b.tx.err != nil:
		return b.tx.err
	case !b.tx.writable:
		return ErrTxNotWritable
	case len(key) == 0:
		return ErrKeyRequired
	case len(key) > MaxKeySize:
		return ErrKeyTooLarge
	}
	b.ov.set(string(key), append(make([]byte, 0, len(value)), value...), false)
	return nil
}

func (b *bucket) Delete(key []byte) error {
	switch {
	case b.tx.err != nil:
		return b.tx.err
	case !b.tx.writable:
		return ErrTxNotWritable
	}
	b.ov.set(string(key), nil, true)
	return nil
}

func (b *bucket) Cursor() store.Cursor { return &cursor{b: b} }

func (b *bucket) ForEach(fn func(k, v []byte) error) error {
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if err := fn(k, v); err != nil {
			return err
		}
	}
	return b.tx.err
}

func (b *bucket) NextSequence() (uint64, error) {
	switch {
	case b.tx.err != nil:
		return 0, b.tx.err
	case !b.tx.writable:
		return 0, ErrTxNotWritable
	}
	b.seq++
	b.dirty = true
	return b.seq, nil
}

// KeyN counts the database's keys the overlay does not change, plus the
// overlay's puts.
func (b *bucket) KeyN() int {
	if b.tx.err != nil {
		return 0
	}
	n := 0
	var changed [][]byte
	for _, k := range b.ov.keys {
		e := b.ov.ents[k]
		if !e.deleted {
			n++
		}
		changed = append(changed, e.key)
	}
	if b.cleared {
		return n
	}
	var db int64
	var err error
	if len(changed) == 0 {
		err = b.tx.conn.QueryRow(b.tx.ctx, `SELECT count(*) FROM liaison_kv WHERE bucket = $1`, b.name).Scan(&db)
	} else {
		err = b.tx.conn.QueryRow(b.tx.ctx, `SELECT count(*) FROM liaison_kv WHERE bucket = $1 AND NOT (key = ANY($2))`, b.name, changed).Scan(&db)
	}
	if err != nil {
		b.tx.fail(err)
		return 0
	}
	return n + int(db)
}

// SetFillPercent is bbolt's; PostgreSQL has no use for it.
func (b *bucket) SetFillPercent(float64) {}

// Prefetch loads keys in one query (store.Prefetcher); keys the
// transaction has written or already read are left out. Found or not,
// each is cached, so a later Get costs nothing.
func (b *bucket) Prefetch(keys [][]byte) {
	if b.tx.err != nil || b.cleared {
		return
	}
	var want [][]byte
	for _, k := range keys {
		if _, ok := b.ov.get(string(k)); ok {
			continue
		}
		if _, ok := b.cache[string(k)]; ok {
			continue
		}
		want = append(want, k)
	}
	if len(want) == 0 {
		return
	}
	rows, ok := b.tx.rows(prefetchSQL, b.name, want)
	if !ok {
		return
	}
	if b.cache == nil {
		b.cache = make(map[string][]byte, len(want))
	}
	for _, k := range want {
		b.cache[string(k)] = nil
	}
	for _, r := range rows {
		b.cache[string(r.k)] = r.v
	}
	if b.tx.writable { // absent: asked for and not returned
		for _, k := range want {
			b.markAbsent(string(k))
		}
		for _, r := range rows {
			delete(b.absent, string(r.k))
		}
	}
}
