package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"time"

	bolt "go.etcd.io/bbolt"
)

// BackupFile makes a consistent copy of the database at dbPath while
// another process (the terminal UI, a running sync) holds it open for
// writing. That process holds bbolt's exclusive lock, so a second process
// can open the file neither for writing nor for reading; Backup cannot be
// used from it. bbolt never overwrites a page that the last committed
// transaction can reach until two further commits have happened: a commit
// writes its pages elsewhere, then its meta page into the older of the two
// meta slots. So the file is copied, without the lock, up to the size the
// newest valid meta page names, and the copy is kept only if no commit
// finished while it was made (the newest meta page's transaction id is the
// same before and after); otherwise it is made again. The copy is then
// opened and checked page by page (bbolt's check) before it is renamed
// into place, 0600.
func BackupFile(dbPath, dest string) error {
	src, err := os.Open(dbPath)
	if err != nil {
		return fmt.Errorf("backup %s: %w", dbPath, err)
	}
	defer src.Close()
	const attempts = 50
	err = writeAtomic(dest, func(w io.Writer) error {
		f := w.(*os.File)
		for i := 0; i < attempts; i++ {
			before, err := newestMeta(src)
			if err != nil {
				return err
			}
			if _, err := f.Seek(0, io.SeekStart); err != nil {
				return err
			}
			if err := f.Truncate(0); err != nil {
				return err
			}
			n := int64(before.pgid) * int64(before.pageSize)
			if _, err := io.Copy(f, io.NewSectionReader(src, 0, n)); err != nil {
				return err
			}
			after, err := newestMeta(src)
			if err != nil {
				return err
			}
			if after.txid == before.txid {
				return f.Sync()
			}
			// A commit finished during the copy: copy again, after a
			// pause that grows, so a busy writer leaves a gap.
			time.Sleep(time.Duration(i+1) * 5 * time.Millisecond)
		}
		return fmt.Errorf("the database changed during %d copies; try again when it is less busy", attempts)
	}, checkCopy)
	if err != nil {
		return fmt.Errorf("backup %s: %w", dbPath, err)
	}
	return nil
}

// checkCopy opens a copy read-only and runs bbolt's page check on it.
func checkCopy(path string) error {
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		return fmt.Errorf("the copy does not open: %w", err)
	}
	defer db.Close()
	return db.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			return fmt.Errorf("the copy fails the page check: %w", err)
		}
		if tx.Bucket(bMeta) == nil {
			return errors.New("the copy is not a liaison database")
		}
		return nil
	})
}

// boltMeta is what BackupFile needs of a bbolt meta page (the layout of
// go.etcd.io/bbolt/internal/common.Meta, after a 16-byte page header:
// magic, version, page size, flags, root bucket (pgid, sequence),
// freelist, pgid, txid, checksum = FNV-64a of the bytes before it).
type boltMeta struct {
	pageSize uint32
	pgid     uint64 // pages in use: the file's high-water mark
	txid     uint64
}

const (
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	boltPageHeader = 16
	boltMetaSize   = 64
)

// newestMeta reads both meta pages and returns the valid one with the
// highest transaction id (as bbolt does when it opens a file).
func newestMeta(f *os.File) (boltMeta, error) {
	var best boltMeta
	found := false
	pageSize := int64(0)
	for slot := int64(0); slot < 2; slot++ {
		buf := make([]byte, boltPageHeader+boltMetaSize)
		if _, err := f.ReadAt(buf, slot*pageSize); err != nil {
			return best, fmt.Errorf("read meta page %d: %w", slot, err)
		}
		m, ok := parseMeta(buf[boltPageHeader:])
		if slot == 0 {
			if !ok {
				// The first meta is being rewritten: the page size is the
				// same in both, so learn it from the second in the usual
				// place (the OS page size, bbolt's default).
				pageSize = int64(os.Getpagesize())
			} else {
				pageSize = int64(m.pageSize)
			}
		}
		if ok && (!found || m.txid > best.txid) {
			best, found = m, true
		}
	}
	if !found {
		return best, errors.New("not a bbolt database (no valid meta page)")
	}
	return best, nil
}

func parseMeta(b []byte) (boltMeta, bool) {
	le := binary.LittleEndian
	if le.Uint32(b[0:]) != boltMagic || le.Uint32(b[4:]) != boltVersion {
		return boltMeta{}, false
	}
	h := fnv.New64a()
	h.Write(b[:56])
	if h.Sum64() != le.Uint64(b[56:]) {
		return boltMeta{}, false
	}
	return boltMeta{pageSize: le.Uint32(b[8:]), pgid: le.Uint64(b[40:]), txid: le.Uint64(b[48:])}, true
}
