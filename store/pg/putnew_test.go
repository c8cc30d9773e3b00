package pg_test

import (
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/store/pg/pgtest"
)

// TestFreshKeysAreInsertedOthersUpserted: keys a writer found absent are
// inserted without ON CONFLICT; everything else may overwrite. A key that
// was there after all (a wrong PutNew) fails the commit and changes
// nothing; a present key with an empty value (Get may answer nil for it)
// is overwritten, not taken for absent.
func TestFreshKeysAreInsertedOthersUpserted(t *testing.T) {
	db := open(t, pgtest.DB(t))
	put(t, db, "b", "k", "v1")
	put(t, db, "b", "empty", "")
	update := func(fn func(b store.Bucket) error) error {
		return db.Update(func(tx store.Tx) error { return fn(tx.Bucket([]byte("b"))) })
	}
	err := update(func(b store.Bucket) error {
		return b.(store.NewPutter).PutNew([]byte("k"), []byte("v2"))
	})
	if err == nil {
		t.Error("PutNew over a present key committed")
	}
	if v, _ := get(t, db, "b", "k"); v != "v1" {
		t.Errorf("after the failed PutNew k = %q, want v1 kept", v)
	}
	err = update(func(b store.Bucket) error {
		if b.Get([]byte("new")) != nil || b.Get([]byte("empty")) != nil && len(b.Get([]byte("empty"))) != 0 {
			t.Error("unexpected values")
		}
		b.(store.Prefetcher).Prefetch([][]byte{[]byte("k"), []byte("new2"), []byte("empty")})
		for _, k := range []string{"new", "new2", "k", "empty"} {
			if err := b.Put([]byte(k), []byte("x-"+k)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("puts of absent keys (found by Get and by Prefetch) and of present ones: %v", err)
	}
	for _, k := range []string{"new", "new2", "k", "empty"} {
		if v, _ := get(t, db, "b", k); v != "x-"+k {
			t.Errorf("%s = %q, want %q", k, v, "x-"+k)
		}
	}
	err = db.Update(func(tx store.Tx) error {
		if err := tx.DeleteBucket([]byte("b")); err != nil {
			return err
		}
		b, err := tx.CreateBucketIfNotExists([]byte("b"))
		if err != nil {
			return err
		}
		return b.Put([]byte("k"), []byte("again"))
	})
	if err != nil {
		t.Fatalf("a bucket cleared and written in one transaction: %v", err)
	}
	if v, _ := get(t, db, "b", "k"); v != "again" {
		t.Errorf("k = %q after the bucket was cleared and written", v)
	}
	if _, ok := get(t, db, "b", "new"); ok {
		t.Error("a cleared bucket kept a key")
	}
}
