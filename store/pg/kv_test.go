package pg_test

import (
	"context"
	"errors"
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/store/pg"
	"github.com/liaison-dev/liaison/store/pg/pgtest"
)

func open(t testing.TB, dsn string) *pg.DB {
	t.Helper()
	db, err := pg.Open(context.Background(), dsn, pg.Options{MaxConns: 4})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func put(t testing.TB, db store.KV, bucket, k, v string) {
	t.Helper()
	err := db.Update(func(tx store.Tx) error {
		b, err := tx.CreateBucketIfNotExists([]byte(bucket))
		if err != nil {
			return err
		}
		return b.Put([]byte(k), []byte(v))
	})
	if err != nil {
		t.Fatal(err)
	}
}

func get(t testing.TB, db store.KV, bucket, k string) (string, bool) {
	t.Helper()
	var v []byte
	err := db.View(func(tx store.Tx) error {
		if b := tx.Bucket([]byte(bucket)); b != nil {
			v = b.Get([]byte(k))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return string(v), v != nil
}

func TestRollbackLeavesNothing(t *testing.T) {
	db := open(t, pgtest.DB(t))
	put(t, db, "b", "kept", "1")
	boom := errors.New("boom")
	err := db.Update(func(tx store.Tx) error {
		b := tx.Bucket([]byte("b"))
		_ = b.Put([]byte("kept"), []byte("changed"))
		_ = b.Put([]byte("new"), []byte("x"))
		if _, err := b.NextSequence(); err != nil {
			return err
		}
		nb, _ := tx.CreateBucketIfNotExists([]byte("other"))
		_ = nb.Put([]byte("k"), []byte("v"))
		if got := string(b.Get([]byte("kept"))); got != "changed" {
			t.Errorf("the tx does not see its own write: %q", got)
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update = %v, want fn's error", err)
	}
	if v, _ := get(t, db, "b", "kept"); v != "1" {
		t.Errorf("kept = %q after rollback, want 1", v)
	}
	if _, ok := get(t, db, "b", "new"); ok {
		t.Error("a rolled back put is visible")
	}
	_ = db.View(func(tx store.Tx) error {
		if tx.Bucket([]byte("other")) != nil {
			t.Error("a rolled back bucket exists")
		}
		return nil
	})
	var seq uint64
	_ = db.Update(func(tx store.Tx) error {
		seq, _ = tx.Bucket([]byte("b")).NextSequence()
		return nil
	})
	if seq != 1 {
		t.Errorf("NextSequence after a rolled back one = %d, want 1", seq)
	}
}

func TestBucketsAndSequences(t *testing.T) {
	dsn := pgtest.DB(t)
	db := open(t, dsn)
	err := db.Update(func(tx store.Tx) error {
		if _, err := tx.CreateBucketIfNotExists(nil); err == nil {
			t.Error("a bucket without a name was created")
		}
		b, _ := tx.CreateBucketIfNotExists([]byte("b"))
		for i := 1; i <= 3; i++ {
			if n, _ := b.NextSequence(); n != uint64(i) {
				t.Errorf("NextSequence = %d, want %d", n, i)
			}
		}
		if err := b.Put(nil, []byte("v")); err == nil {
			t.Error("an empty key was accepted")
		}
		_ = b.Put([]byte("a"), []byte{})
		if v := b.Get([]byte("a")); v == nil || len(v) != 0 {
			t.Errorf("an empty value reads %v, want empty and not nil", v)
		}
		return tx.DeleteBucket([]byte("missing"))
	})
	if err != nil {
		t.Fatal(err)
	}
	// Another instance sees the sequence and the empty value.
	db2 := open(t, dsn)
	err = db2.Update(func(tx store.Tx) error {
		b := tx.Bucket([]byte("b"))
		if v := b.Get([]byte("a")); v == nil || len(v) != 0 {
			t.Errorf("an empty value reads %v from the database, want empty and not nil", v)
		}
		if n, _ := b.NextSequence(); n != 4 {
			t.Errorf("NextSequence on another instance = %d, want 4", n)
		}
		if err := tx.DeleteBucket([]byte("b")); err != nil {
			return err
		}
		if tx.Bucket([]byte("b")) != nil {
			t.Error("a deleted bucket is still there")
		}
		b, _ = tx.CreateBucketIfNotExists([]byte("b"))
		if k, _ := b.Cursor().First(); k != nil || b.KeyN() != 0 || b.Get([]byte("a")) != nil {
			t.Errorf("a bucket deleted and created again holds %q", k)
		}
		if n, _ := b.NextSequence(); n != 1 {
			t.Errorf("NextSequence of a new bucket = %d, want 1", n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := get(t, db, "b", "a"); ok {
		t.Error("a key of a deleted bucket survived its commit")
	}
	err = db.View(func(tx store.Tx) error {
		b := tx.Bucket([]byte("b"))
		if b.Put([]byte("x"), nil) == nil {
			t.Error("Put in a View succeeded")
		}
		if _, err := b.NextSequence(); err == nil {
			t.Error("NextSequence in a View succeeded")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestViewIsASnapshot(t *testing.T) {
	db := open(t, pgtest.DB(t))
	put(t, db, "b", "k", "old")
	inView, release := make(chan struct{}), make(chan struct{})
	done := make(chan error)
	go func() {
		done <- db.View(func(tx store.Tx) error {
			b := tx.Bucket([]byte("b"))
			_ = b.Get([]byte("k")) // the snapshot is taken by the first read
			close(inView)
			<-release
			if v := string(b.Get([]byte("k"))); v != "old" {
				t.Errorf("a View saw a later commit: %q", v)
			}
			if n := b.KeyN(); n != 1 {
				t.Errorf("a View counts %d keys, want 1", n)
			}
			return nil
		})
	}()
	<-inView
	put(t, db, "b", "k", "new")
	put(t, db, "b", "k2", "new")
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if v, _ := get(t, db, "b", "k"); v != "new" {
		t.Errorf("after the View: %q, want new", v)
	}
}
