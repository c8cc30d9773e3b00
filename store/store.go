package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Errors callers branch on.
var (
	ErrInUse    = errors.New("database in use by another liaison process")
	ErrNotFound = errors.New("not found")
	ErrNewer    = errors.New("database was written by a newer liaison")
)

// Options tune Open. The zero value is what the program uses.
type Options struct {
	// LockTimeout bounds the wait for another process's lock (default 1s).
	LockTimeout time.Duration
	// Now replaces the wall clock, for tests of clock skew.
	Now func() time.Time
	// NoSync skips fsync; only for throwaway databases (demo, benchmarks
	// of seeding). Never set it for an officer's data.
	NoSync bool
}

// Store is an open liaison database.
type Store struct {
	db    *bolt.DB
	path  string
	clock *Clock
	now   func() time.Time
}

// Open opens (creating if needed) the database at path. The folder is
// created 0700 and the file 0600. A second process gets ErrInUse after
// about a second.
func Open(path string, opt Options) (*Store, error) {
	if opt.LockTimeout == 0 {
		opt.LockTimeout = time.Second
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if dir := filepath.Dir(path); dir != "" {
		if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
			if err := os.MkdirAll(dir, 0o700); err != nil {
				return nil, fmt.Errorf("open %s: %w", path, err)
			}
		}
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: opt.LockTimeout, NoSync: opt.NoSync,
		// The freelist is written at each commit: without it every open
		// would walk (and page in) the whole file to rebuild it.
		FreelistType: bolt.FreelistMapType,
		// Reserve address space up front so a growing file is not re-mapped
		// (and copied) at every doubling; only touched pages use memory.
		InitialMmapSize: 1 << 30})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("open %s: %w", path, ErrInUse)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	// A file created by an older tool or copied in may be world-readable.
	if err := os.Chmod(path, 0o600); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s := &Store{db: db, path: path, now: opt.Now}
	if err := s.init(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// Clock returns the store's hybrid logical clock.
func (s *Store) Clock() *Clock { return s.clock }

// Now returns the store's idea of the current time (wall clock plus the
// offset learned from HQ).
func (s *Store) Now() time.Time {
	return s.now().Add(time.Duration(s.clock.Offset()) * time.Millisecond)
}

func (s *Store) init() error {
	return s.db.Update(func(tx *bolt.Tx) error {
		m, err := tx.CreateBucketIfNotExists(bMeta)
		if err != nil {
			return err
		}
		if err := migrate(tx, m); err != nil {
			return err
		}
		dev := string(m.Get(kDevice))
		if dev == "" {
			dev = "dev" + NewID()[30:36]
			if err := m.Put(kDevice, []byte(dev)); err != nil {
				return err
			}
		}
		s.clock = NewClock(dev, s.now)
		if v := m.Get(kOffset); len(v) == 8 {
			s.clock.SetOffset(int64(binary.BigEndian.Uint64(v)))
		}
		if v := m.Get(kClock); v != nil {
			s.clock.Observe(string(v))
		}
		return nil
	})
}

// Bucket and key names.
var (
	bMeta         = []byte("meta")
	bOutbox       = []byte("outbox")
	bOutboxField  = []byte("outbox_field")
	bConflicts    = []byte("conflicts")
	bRejected     = []byte("rejected")
	bDrafts       = []byte("drafts")
	kSchema       = []byte("schema")
	kDevice       = []byte("device")
	kClock        = []byte("clock")
	kOffset       = []byte("offset_ms")
	kOfficer      = []byte("officer")
	kCursor       = []byte("cursor")
	kLastSync     = []byte("last_sync")
	kEpoch        = []byte("epoch")
	kHQURL        = []byte("hq_url")
	kToken        = []byte("token")
	kRole         = []byte("role")
	recordTypes   = []string{"officer", "enterprise", "assignment", "visit", "need", "need_event", "followup", "application"}
	staticBuckets = [][]byte{bOutbox, bOutboxField, bConflicts, bRejected, bDrafts}
)

func fieldsBucket(typ string) []byte { return []byte("f:" + typ) }
func recBucket(typ string) []byte    { return []byte("r:" + typ) }

func u64(n uint64) []byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], n)
	return b[:]
}
