package store

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// BucketSpace is where one bucket's bytes go in a bbolt file.
type BucketSpace struct {
	Name       string
	Keys       int
	KeyBytes   int64 // the keys themselves
	ValueBytes int64 // the values themselves
	Alloc      int64 // pages the bucket holds (branch, leaf, overflow)
	InUse      int64 // bytes of those pages in use (data and page/element headers)
}

// Space is where a bbolt file's bytes go.
type Space struct {
	FileBytes int64
	PageSize  int
	FreeBytes int64 // free and pending pages, kept in the file for reuse
	Buckets   []BucketSpace
}

// SpaceOf measures a database file that no process holds for writing (it
// takes a shared lock and writes nothing), biggest buckets first.
func SpaceOf(path string) (Space, error) {
	var sp Space
	fi, err := os.Stat(path)
	if err != nil {
		return sp, err
	}
	sp.FileBytes = fi.Size()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if errors.Is(err, berrors.ErrTimeout) {
		return sp, fmt.Errorf("open %s: %w", path, ErrInUse)
	}
	if err != nil {
		return sp, err
	}
	defer db.Close()
	sp.PageSize = db.Info().PageSize
	err = db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			bs := BucketSpace{Name: string(name)}
			if err := b.ForEach(func(k, v []byte) error {
				bs.Keys++
				bs.KeyBytes += int64(len(k))
				bs.ValueBytes += int64(len(v))
				return nil
			}); err != nil {
				return err
			}
			st := b.Stats()
			bs.Alloc = int64(st.BranchAlloc + st.LeafAlloc)
			bs.InUse = int64(st.BranchInuse + st.LeafInuse)
			sp.Buckets = append(sp.Buckets, bs)
			return nil
		})
	})
	st := db.Stats()
	sp.FreeBytes = int64(st.FreePageN+st.PendingPageN) * int64(sp.PageSize)
	sort.Slice(sp.Buckets, func(i, j int) bool { return sp.Buckets[i].Alloc > sp.Buckets[j].Alloc })
	return sp, err
}
