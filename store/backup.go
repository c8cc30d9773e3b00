package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// ErrUnsynced refuses a restore that would overwrite work HQ has not yet
// received.
var ErrUnsynced = errors.New("the database has changes not yet synced to HQ")

// Backup writes a consistent copy of the database to path while it stays
// open for use (a hot backup). The copy is written to a temporary file,
// synced, and renamed into place with mode 0600. From another process
// than the one holding the database, use BackupFile.
func (s *Store) Backup(path string) error {
	return writeAtomic(path, func(w io.Writer) error {
		if s.bolt == nil {
			return errNotBolt
		}
		return s.bolt.View(func(tx *bolt.Tx) error {
			_, err := tx.WriteTo(w)
			return err
		})
	})
}

// Restore replaces the database at dbPath with the backup at from. It
// refuses with ErrUnsynced when the current database has pending ops,
// unless force is set. The current database must not be open; a running
// liaison holding it makes Restore fail with ErrInUse.
func Restore(dbPath, from string, force bool) error {
	// The backup must be a liaison database before anything is touched.
	b, err := Open(from, Options{})
	if err != nil {
		return fmt.Errorf("restore from %s: %w", from, err)
	}
	b.Close()
	if _, err := os.Stat(dbPath); err == nil {
		cur, err := Open(dbPath, Options{})
		if err != nil {
			return fmt.Errorf("restore %s: %w", dbPath, err)
		}
		var pending int
		_ = cur.View(func(r *Reader) error { pending = r.PendingCount(); return nil })
		cur.Close()
		if pending > 0 && !force {
			return fmt.Errorf("restore %s: %d pending ops: %w", dbPath, pending, ErrUnsynced)
		}
	}
	src, err := os.Open(from)
	if err != nil {
		return fmt.Errorf("restore from %s: %w", from, err)
	}
	defer src.Close()
	return writeAtomic(dbPath, func(w io.Writer) error {
		_, err := io.Copy(w, src)
		return err
	})
}

// writeAtomic writes a file through a temporary sibling, fsyncs it and
// renames it over path, so a crash leaves either the old or the new file.
// verify, if given, checks the temporary file before the rename.
func writeAtomic(path string, fill func(io.Writer) error, verify ...func(tmp string) error) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".liaison-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if err := fill(f); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return err
	}
	for _, v := range verify {
		if err := v(tmp); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}
