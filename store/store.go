package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Errors callers branch on.
var (
	ErrInUse    = errors.New("database in use by another liaison process")
	ErrNotFound = errors.New("not found")
	ErrNewer    = errors.New("database was written by a newer liaison")
	// ErrReadOnly: a write to a database opened read-only (its file or
	// folder cannot be written: a read-only file system, a 0400 file).
	ErrReadOnly = berrors.ErrDatabaseReadOnly
	// ErrOldSchema: a read-only database from an older build, which
	// would need upgrading before this one can read it.
	ErrOldSchema = errors.New("database needs upgrading by a writable open first")
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
	// ReadOnly opens the file for reading only (a shared lock: several
	// readers at once, none while a writer holds it). Open falls back to
	// it by itself when the file cannot be opened for writing.
	ReadOnly bool
	// Device is the device id this process stamps with, for OpenHQOn: an
	// HQ process sharing its engine with others stamps with its own id,
	// kept nowhere shared. Empty: a new one at each OpenHQOn. Open (a
	// bbolt file, one process) ignores it and uses the database's.
	Device string
}

// Store is an open liaison database.
type Store struct {
	db       KV
	bolt     *bolt.DB // the same database as db when it is a bbolt file; nil on another engine
	path     string
	clock    *Clock
	now      func() time.Time
	readOnly bool
	hq       bool // opened as HQ (openHQ): keeps no laptop-only index (hq_indexes.go)
}

// Open opens (creating if needed) the database at path. The folder is
// created 0700 and the file 0600. A second process gets ErrInUse after
// about a second. When the file exists but cannot be opened for writing
// (a read-only file system, a 0400 file or folder), it is opened
// read-only: reads work, writes fail with ErrReadOnly.
func Open(path string, opt Options) (*Store, error) {
	if opt.LockTimeout == 0 {
		opt.LockTimeout = time.Second
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.ReadOnly {
		return openReadOnly(path, opt)
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
	if err != nil && unwritable(err) {
		if _, serr := os.Stat(path); serr == nil {
			return openReadOnly(path, opt)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	// A file created by an older tool or copied in may be world-readable.
	// (Only when it is: a chmod changes the file's ctime.)
	if err := chmod600(path); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s := &Store{db: BoltKV{db}, bolt: db, path: path, now: opt.Now}
	if err := s.init(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return s, nil
}

// openOn opens a store on an engine that is not a bbolt file (several HQ
// processes may share it): it is created or migrated as Open would, in
// one serialised Update, so concurrent first opens agree.
func openOn(kv KV, opt Options) (*Store, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	s := &Store{db: kv, now: opt.Now}
	if err := s.init(); err != nil {
		return nil, err
	}
	return s, nil
}

func chmod600(path string) error {
	if st, err := os.Stat(path); err == nil && st.Mode().Perm() == 0o600 {
		return nil
	}
	return os.Chmod(path, 0o600)
}

// unwritable reports an error of opening a file for writing that reading
// would not have.
func unwritable(err error) bool {
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS)
}

// openReadOnly opens an existing database for reading only; its schema
// must be this build's (a migration would write).
func openReadOnly(path string, opt Options) (*Store, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: opt.LockTimeout, ReadOnly: true,
		FreelistType: bolt.FreelistMapType, InitialMmapSize: 1 << 30})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("open %s: %w", path, ErrInUse)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s := &Store{db: BoltKV{db}, bolt: db, path: path, now: opt.Now, readOnly: true}
	if err := s.db.View(s.loadMeta); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return s, nil
}

// loadMeta reads the schema, device and clock of a database this build
// can use as it is: ErrOldSchema when it needs a write first (a migration,
// or the first creation), ErrNewer when a newer build wrote it.
func (s *Store) loadMeta(tx Tx) error {
	m := tx.Bucket(bMeta)
	if m == nil {
		return fmt.Errorf("not a liaison database (no meta bucket): %w", ErrOldSchema)
	}
	v := 0
	if b := m.Get(kSchema); len(b) == 8 {
		v = int(binary.BigEndian.Uint64(b))
	}
	switch {
	case v > SchemaVersion:
		return fmt.Errorf("schema %d > %d: %w", v, SchemaVersion, ErrNewer)
	case v < SchemaVersion:
		return fmt.Errorf("schema %d < %d: %w", v, SchemaVersion, ErrOldSchema)
	}
	dev := string(m.Get(kDevice))
	if dev == "" {
		return fmt.Errorf("no device id: %w", ErrOldSchema)
	}
	s.clock = NewClock(dev, s.now)
	if v := m.Get(kOffset); len(v) == 8 {
		s.clock.SetOffset(int64(binary.BigEndian.Uint64(v)))
	}
	if v := m.Get(kClock); v != nil {
		s.clock.Observe(string(v))
	}
	return nil
}

// ReadOnly reports whether the database was opened for reading only.
func (s *Store) ReadOnly() bool { return s.readOnly }

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

// init readies the database for this build. A database already at this
// schema is only read: the open writes nothing (the file stays
// byte-identical and no fsync is paid); a new or older one is created or
// migrated in one durable write transaction.
func (s *Store) init() error {
	err := s.db.View(s.loadMeta)
	if err == nil || !errors.Is(err, ErrOldSchema) {
		return err
	}
	update := s.db.Update
	if m, ok := s.db.(MigrationUpdater); ok {
		update = m.UpdateMigration
	}
	return update(func(tx Tx) error {
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
	recordTypes   = []string{"officer", "enterprise", "assignment", "visit", "need", "need_event", "followup", "application", "setting"}
	staticBuckets = [][]byte{bOutbox, bOutboxField, bConflicts, bRejected, bDrafts}
)

func fieldsBucket(typ string) []byte { return []byte("f:" + typ) }

// recBucket held a type's materialised records up to schema 8; only the
// migrations before 9 use it.
func recBucket(typ string) []byte { return []byte("r:" + typ) }

func u64(n uint64) []byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], n)
	return b[:]
}
