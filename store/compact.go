package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Compaction gives back the space a bbolt file keeps after its data
// shrank (free pages, half-full pages left by splits): the database is
// copied key by key, in order, into a new file whose pages are filled, the
// copy is checked against the original (every bucket, key, value and
// sequence, and bbolt's page check), and only then renamed over it. Until
// the rename the original is untouched, so a kill at any point leaves it
// as it was (a leftover temporary file is removed by the next compaction).
// The original is held with bbolt's exclusive lock throughout: a database
// another process holds is refused with ErrInUse.

// CompactResult is a compaction's before and after.
type CompactResult struct {
	Before, After int64 // file sizes in bytes
}

// Compact compacts the database file at path in place.
func Compact(path string) (CompactResult, error) {
	var res CompactResult
	src, err := openExclusive(path)
	if err != nil {
		return res, err
	}
	defer src.Close()
	if fi, err := os.Stat(path); err == nil {
		res.Before = fi.Size()
	}
	tmp := compactTemp(path)
	_ = os.Remove(tmp)
	defer os.Remove(tmp)
	if err := compactInto(src, tmp); err != nil {
		return res, fmt.Errorf("compact %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return res, fmt.Errorf("compact %s: %w", path, err)
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		_ = d.Sync()
		d.Close()
	}
	if fi, err := os.Stat(path); err == nil {
		res.After = fi.Size()
	}
	return res, nil
}

// CompactFile writes a compacted copy of the database at src to dst (which
// must not exist), leaving src as it was.
func CompactFile(src, dst string) error {
	db, err := openExclusive(src)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := os.Stat(dst); err == nil {
		return fmt.Errorf("compact to %s: %w", dst, os.ErrExist)
	}
	if err := compactInto(db, dst); err != nil {
		_ = os.Remove(dst)
		return fmt.Errorf("compact %s: %w", src, err)
	}
	return nil
}

func compactTemp(path string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".compacting")
}

// openExclusive opens an existing database file with bbolt's exclusive
// lock, writing nothing.
func openExclusive(path string) (*bolt.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second, FreelistType: bolt.FreelistMapType})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("open %s: %w", path, ErrInUse)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return db, nil
}

// compactInto copies src into a new file at dst, fsyncs it and checks it.
func compactInto(src *bolt.DB, dst string) error {
	f, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_RDWR, 0o600)
	if err != nil {
		return err
	}
	f.Close()
	db, err := bolt.Open(dst, 0o600, &bolt.Options{NoSync: true, FreelistType: bolt.FreelistMapType,
		PageSize: src.Info().PageSize})
	if err != nil {
		return err
	}
	if err := bolt.Compact(db, src, 64<<20); err != nil {
		db.Close()
		return err
	}
	if err := db.Sync(); err != nil {
		db.Close()
		return err
	}
	err = sameContent(src, db)
	var size int64
	_ = db.View(func(tx *bolt.Tx) error { size = tx.Size(); return nil })
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	// bbolt grows a file ahead of its pages; the copy needs only its pages.
	return truncateSync(dst, size)
}

func truncateSync(path string, size int64) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if fi, err := f.Stat(); err == nil && size > 0 && fi.Size() > size {
		if err := f.Truncate(size); err != nil {
			f.Close()
			return err
		}
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// sameContent checks that b holds exactly a's buckets, keys, values and
// sequences, and that b's pages are sound.
func sameContent(a, b *bolt.DB) error {
	return a.View(func(ta *bolt.Tx) error {
		return b.View(func(tb *bolt.Tx) error {
			var bad error
			for err := range tb.Check() { // drained: the check runs until it closes
				if bad == nil {
					bad = fmt.Errorf("compacted copy: %w", err)
				}
			}
			if bad != nil {
				return bad
			}
			n := 0
			err := ta.ForEach(func(name []byte, ba *bolt.Bucket) error {
				n++
				bb := tb.Bucket(name)
				if bb == nil {
					return fmt.Errorf("compacted copy lacks bucket %q", name)
				}
				return sameBucket(name, ba, bb)
			})
			if err != nil {
				return err
			}
			return tb.ForEach(func(name []byte, _ *bolt.Bucket) error {
				if n--; n < 0 {
					return fmt.Errorf("compacted copy has an extra bucket %q", name)
				}
				return nil
			})
		})
	})
}

func sameBucket(name []byte, a, b *bolt.Bucket) error {
	if a.Sequence() != b.Sequence() {
		return fmt.Errorf("compacted copy: bucket %q sequence %d, want %d", name, b.Sequence(), a.Sequence())
	}
	ca, cb := a.Cursor(), b.Cursor()
	ka, va := ca.First()
	kb, vb := cb.First()
	for ; ka != nil || kb != nil; ka, va, kb, vb = next2(ca, cb) {
		if !bytes.Equal(ka, kb) || !bytes.Equal(va, vb) || (va == nil) != (vb == nil) {
			return fmt.Errorf("compacted copy: bucket %q differs at key %q", name, ka)
		}
		if va == nil { // a nested bucket
			if err := sameBucket(ka, a.Bucket(ka), b.Bucket(kb)); err != nil {
				return err
			}
		}
	}
	return nil
}

func next2(ca, cb *bolt.Cursor) (ka, va, kb, vb []byte) {
	ka, va = ca.Next()
	kb, vb = cb.Next()
	return
}
