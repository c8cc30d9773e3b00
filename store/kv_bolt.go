package store

import (
	"errors"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// BoltKV is the KV of a bbolt database: a laptop's, or a single HQ's.
// The wrappers are one pointer each, so turning them into interface
// values allocates nothing; *bolt.Cursor is a Cursor as it is.
type BoltKV struct{ DB *bolt.DB }

// View runs fn in a bbolt read transaction.
func (k BoltKV) View(fn func(Tx) error) error {
	return k.DB.View(func(tx *bolt.Tx) error { return fn(boltTx{tx}) })
}

// Update runs fn in a bbolt write transaction.
func (k BoltKV) Update(fn func(Tx) error) error {
	return k.DB.Update(func(tx *bolt.Tx) error { return fn(boltTx{tx}) })
}

// Close closes the bbolt database.
func (k BoltKV) Close() error { return k.DB.Close() }

// errNotBolt: a bbolt-only operation (a hot file copy) on another engine.
var errNotBolt = errors.New("only a bbolt database file can do this")

type boltTx struct{ tx *bolt.Tx }

func (t boltTx) Bucket(name []byte) Bucket {
	if b := t.tx.Bucket(name); b != nil {
		return boltBucket{b}
	}
	return nil
}

func (t boltTx) CreateBucketIfNotExists(name []byte) (Bucket, error) {
	b, err := t.tx.CreateBucketIfNotExists(name)
	if err != nil {
		return nil, err
	}
	return boltBucket{b}, nil
}

func (t boltTx) DeleteBucket(name []byte) error {
	if err := t.tx.DeleteBucket(name); err != nil && !errors.Is(err, berrors.ErrBucketNotFound) {
		return err
	}
	return nil
}

func (t boltTx) Writable() bool { return t.tx.Writable() }

// boltTxOf returns the bbolt transaction under tx, or nil when tx is
// another engine's (for what only bbolt has: page checks, hot copies).
func boltTxOf(tx Tx) *bolt.Tx {
	if t, ok := tx.(boltTx); ok {
		return t.tx
	}
	return nil
}

type boltBucket struct{ b *bolt.Bucket }

func (b boltBucket) Get(key []byte) []byte                    { return b.b.Get(key) }
func (b boltBucket) Put(key, value []byte) error              { return b.b.Put(key, value) }
func (b boltBucket) Delete(key []byte) error                  { return b.b.Delete(key) }
func (b boltBucket) Cursor() Cursor                           { return b.b.Cursor() }
func (b boltBucket) ForEach(fn func(k, v []byte) error) error { return b.b.ForEach(fn) }
func (b boltBucket) NextSequence() (uint64, error)            { return b.b.NextSequence() }

// KeyN counts the keys. bbolt's Stats walks the committed pages only, so
// in a write transaction (where the count must include its own writes) the
// keys are counted with a cursor.
func (b boltBucket) KeyN() int {
	if !b.b.Writable() {
		return b.b.Stats().KeyN
	}
	n := 0
	c := b.b.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		n++
	}
	return n
}
func (b boltBucket) SetFillPercent(f float64) { b.b.FillPercent = f }
