package store

// The store reads and writes an ordered key/value space in transactions:
// named buckets of byte keys kept in byte order. bbolt provides it on a
// laptop and on a single HQ; another engine (PostgreSQL, package store/pg)
// provides it to several HQ instances sharing one database. Every rule of
// the store (records, merge, scope, lifecycle, seqs) is Go code over
// these interfaces, written once.
//
// The contract, which every implementation meets and store/kvtest checks:
//
//   - Update runs fn in a transaction that is durable when Update returns
//     nil and has no effect otherwise; Update transactions are serialised
//     (one writer at a time, across processes for a shared engine), so a
//     transaction sees every Update committed before it began and nothing
//     else changes under it.
//   - View runs fn on a consistent snapshot; several may run at once.
//   - Keys are compared as bytes; a cursor walks a bucket in that order and
//     sees the transaction's own writes (puts, overwrites, deletes), as do
//     Get, ForEach and KeyN, through every handle of the bucket the
//     transaction gets. Moving past either end returns nil, nil.
//   - A key stored with an empty value is present (cursors and ForEach
//     return it), but Get may answer nil for it (bbolt does inside the
//     transaction that wrote it): test presence with a cursor.
//   - A failed Update leaves nothing: no key, bucket or sequence change.
//   - Slices returned by Get and by cursors are valid until the transaction
//     ends and must not be modified.
//   - An engine error inside Get or a cursor move (which cannot return one)
//     is remembered and returned by Update or View, which then roll back;
//     a closed engine answers every View and Update with an error.
//     After such an error Bucket still returns a bucket (that finds
//     nothing) for every name, never nil.
//   - fn may run more than once (an engine may retry a transaction that
//     failed before it committed): it may only assign its results to
//     outer variables, never append to them or act outside the store.

// KV is a transactional key/value engine.
type KV interface {
	View(fn func(Tx) error) error
	Update(fn func(Tx) error) error
	Close() error
}

// OneGetter is a KV that reads one key outside a transaction more cheaply
// than a View holding one Get (PostgreSQL: one round trip instead of
// three). The value is the caller's to keep; a missing bucket or key is
// nil, nil.
type OneGetter interface {
	GetOne(bucket, key []byte) ([]byte, error)
}

// getOne reads one key as its own snapshot, through the engine's
// OneGetter when it has one, else in a View.
func getOne(db KV, bucket, key []byte) ([]byte, error) {
	if g, ok := db.(OneGetter); ok {
		return g.GetOne(bucket, key)
	}
	var v []byte
	err := db.View(func(tx Tx) error {
		if b := tx.Bucket(bucket); b != nil {
			v = append([]byte(nil), b.Get(key)...)
		}
		return nil
	})
	return v, err
}

// MigrationUpdater is a KV whose Update is bounded in time (a request's
// bound) and that can run the open's migration, which may rewrite every
// record, under a longer bound.
type MigrationUpdater interface {
	UpdateMigration(fn func(Tx) error) error
}

// NewPutter is a Bucket that stores a key the caller knows is absent more
// cheaply than Put (PostgreSQL: an insert, not an upsert). If the key was
// there after all, the transaction fails at commit: never a silent
// overwrite, never a lost write.
type NewPutter interface {
	PutNew(key, value []byte) error
}

// putNew stores a key known to be absent, through NewPutter if b has it.
func putNew(b Bucket, key, value []byte) error {
	if p, ok := b.(NewPutter); ok {
		return p.PutNew(key, value)
	}
	return b.Put(key, value)
}

// Tx is one transaction.
type Tx interface {
	// Bucket returns the named bucket, or nil when it does not exist.
	Bucket(name []byte) Bucket
	CreateBucketIfNotExists(name []byte) (Bucket, error)
	// DeleteBucket removes a bucket and its keys; a missing bucket is not
	// an error.
	DeleteBucket(name []byte) error
	Writable() bool
}

// Bucket is one named, ordered key space.
type Bucket interface {
	Get(key []byte) []byte
	Put(key, value []byte) error
	Delete(key []byte) error
	Cursor() Cursor
	ForEach(fn func(k, v []byte) error) error
	// NextSequence returns the bucket's next unique integer (from 1).
	NextSequence() (uint64, error)
	// KeyN counts the keys.
	KeyN() int
	// SetFillPercent is a hint for append-mostly buckets; engines that
	// have no use for it ignore it.
	SetFillPercent(float64)
}

// Cursor walks a bucket. Every move returns the key and value it lands on,
// or nil, nil past either end.
type Cursor interface {
	First() (key, value []byte)
	Last() (key, value []byte)
	Next() (key, value []byte)
	Prev() (key, value []byte)
	Seek(seek []byte) (key, value []byte)
}
