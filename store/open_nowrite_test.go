package store

import (
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// TestOpenCurrentWritesNothing: opening a database already at this
// build's schema, writable or read-only, leaves the file byte-identical
// (before: every open ran a write transaction, two fdatasyncs, and the
// file's checksum changed), and the clock still comes back.
func TestOpenCurrentWritesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "liaison.db")
	seedOne(t, path)
	var dev string
	{
		s, err := Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		dev = s.Clock().Device()
		s.Close()
	}
	sum := fileSum(t, path)
	for _, ro := range []bool{false, true, false} {
		s, err := Open(path, Options{ReadOnly: ro})
		if err != nil {
			t.Fatalf("open (read-only %v): %v", ro, err)
		}
		if s.Clock().Device() != dev || dev == "" {
			t.Errorf("device %q after reopening, want %q", s.Clock().Device(), dev)
		}
		if n := countEnterprises(t, s); n != 1 {
			t.Errorf("%d enterprises", n)
		}
		s.Close()
		if fileSum(t, path) != sum {
			t.Fatalf("open (read-only %v) changed the database file", ro)
		}
	}
}

// TestOpenOldSchema: a writable open migrates an older database (that is
// the one open that writes); a read-only open of it says a writable open
// is needed once, and leaves it as it was.
func TestOpenOldSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "liaison.db")
	seedOne(t, path)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.db.Update(func(tx Tx) error {
		return tx.Bucket(bMeta).Put(kSchema, u64(uint64(SchemaVersion-1)))
	}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	sum := fileSum(t, path)
	if _, err := Open(path, Options{ReadOnly: true}); !errors.Is(err, ErrOldSchema) {
		t.Fatalf("read-only open of an old schema: %v, want ErrOldSchema", err)
	}
	if fileSum(t, path) != sum {
		t.Fatal("a refused read-only open changed the file")
	}
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if fileSum(t, path) == sum {
		t.Fatal("the writable open did not migrate")
	}
	s, err = Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open after the migration: %v", err)
	}
	s.Close()
}

// TestLocksSharedAndExclusive documents bbolt's flock use: a read-only
// open takes LOCK_SH, a writable one LOCK_EX. Locks belong to the open
// file, so two opens in one process behave as two processes would:
// readers share, a writer waits for every reader (ErrInUse after its
// timeout), and a reader waits for a writer.
func TestLocksSharedAndExclusive(t *testing.T) {
	path := filepath.Join(t.TempDir(), "liaison.db")
	seedOne(t, path)
	w, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path, Options{ReadOnly: true, LockTimeout: 60e6}); !errors.Is(err, ErrInUse) {
		t.Errorf("reader beside a writer: %v, want ErrInUse", err)
	}
	w.Close()
	a, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("second reader: %v", err)
	}
	if _, err := Open(path, Options{LockTimeout: 60e6}); !errors.Is(err, ErrInUse) {
		t.Errorf("writer beside two readers: %v, want ErrInUse", err)
	}
	a.Close()
	if _, err := Open(path, Options{LockTimeout: 60e6}); !errors.Is(err, ErrInUse) {
		t.Errorf("writer beside one reader: %v, want ErrInUse", err)
	}
	b.Close()
	w, err = Open(path, Options{LockTimeout: 60e6})
	if err != nil {
		t.Fatalf("writer after the readers left: %v", err)
	}
	w.Close()
}
