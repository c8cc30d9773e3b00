package kvtest

import (
	"encoding/binary"
	"errors"
	"sync"
	"testing"

	"github.com/liaison-dev/liaison/store"
)

func testForEach(t *testing.T, kv store.KV) {
	fill(t, kv, "c", "3", "a", "1", "b", "2")
	stop := errors.New("stop")
	view(t, kv, func(tx store.Tx) error {
		var got []string
		err := tx.Bucket(bkt).ForEach(func(k, v []byte) error {
			got = append(got, string(k)+"="+string(v))
			return nil
		})
		if err != nil || !same(got, []string{"a=1", "b=2", "c=3"}) {
			t.Errorf("ForEach: %q, %v", got, err)
		}
		got = nil
		err = tx.Bucket(bkt).ForEach(func(k, v []byte) error {
			got = append(got, string(k))
			if string(k) == "b" {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) || !same(got, []string{"a", "b"}) {
			t.Errorf("ForEach stopped at b: %q, %v; want [a b] and fn's error", got, err)
		}
		return nil
	})
}

// An Update whose fn fails returns fn's error and leaves nothing: no put,
// delete, bucket created or deleted, or sequence taken.
func testRollback(t *testing.T, kv store.KV) {
	fill(t, kv, "kept", "1", "doomed", "2")
	update(t, kv, func(tx store.Tx) error {
		_, err := tx.CreateBucketIfNotExists([]byte("victim"))
		return err
	})
	var seq uint64
	update(t, kv, func(tx store.Tx) (err error) {
		seq, err = tx.Bucket(bkt).NextSequence()
		return err
	})
	boom := errors.New("boom")
	err := kv.Update(func(tx store.Tx) error {
		b := tx.Bucket(bkt)
		for _, err := range []error{
			b.Put([]byte("kept"), []byte("changed")),
			b.Put([]byte("new"), []byte("x")),
			b.Delete([]byte("doomed")),
			tx.DeleteBucket([]byte("victim")),
		} {
			if err != nil {
				return err
			}
		}
		if _, err := b.NextSequence(); err != nil {
			return err
		}
		nb, err := tx.CreateBucketIfNotExists([]byte("born"))
		if err != nil {
			return err
		}
		if err := nb.Put([]byte("k"), []byte("v")); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update = %v, want fn's error", err)
	}
	view(t, kv, func(tx store.Tx) error {
		if got := walk(tx.Bucket(bkt).Cursor()); !same(got, []string{"doomed=2", "kept=1"}) {
			t.Errorf("after a failed Update: %q, want it untouched", got)
		}
		if tx.Bucket([]byte("born")) != nil {
			t.Error("a bucket created in a failed Update exists")
		}
		if tx.Bucket([]byte("victim")) == nil {
			t.Error("a bucket deleted in a failed Update is gone")
		}
		return nil
	})
	update(t, kv, func(tx store.Tx) error {
		n, err := tx.Bucket(bkt).NextSequence()
		if err == nil && n != seq+1 {
			t.Errorf("NextSequence after a failed Update took one = %d, want %d", n, seq+1)
		}
		return err
	})
	// A View's error is returned too.
	if err := kv.View(func(store.Tx) error { return boom }); !errors.Is(err, boom) {
		t.Errorf("View = %v, want fn's error", err)
	}
}

// A View reads one snapshot: an Update committed while it runs changes
// nothing it reads, and the next View sees the Update.
func testSnapshot(t *testing.T, kv store.KV) {
	fill(t, kv, "a", "1", "b", "2")
	started, committed := make(chan struct{}), make(chan error)
	go func() {
		<-started
		committed <- kv.Update(func(tx store.Tx) error {
			b := tx.Bucket(bkt)
			if err := b.Put([]byte("a"), []byte("changed")); err != nil {
				return err
			}
			if err := b.Put([]byte("c"), []byte("3")); err != nil {
				return err
			}
			if err := b.Delete([]byte("b")); err != nil {
				return err
			}
			_, err := tx.CreateBucketIfNotExists([]byte("new"))
			return err
		})
	}()
	view(t, kv, func(tx store.Tx) error {
		b := tx.Bucket(bkt)
		if string(b.Get([]byte("a"))) != "1" { // read before the Update
			t.Error("a changed before the Update began")
		}
		close(started)
		if err := <-committed; err != nil {
			t.Errorf("the Update beside a View: %v", err)
			return nil
		}
		if got := string(b.Get([]byte("a"))); got != "1" {
			t.Errorf("a = %q in the View after a concurrent commit, want 1", got)
		}
		if got := walk(tx.Bucket(bkt).Cursor()); !same(got, []string{"a=1", "b=2"}) {
			t.Errorf("the View's cursor sees a concurrent commit: %q", got)
		}
		if tx.Bucket([]byte("new")) != nil {
			t.Error("the View sees a bucket created by a concurrent commit")
		}
		return nil
	})
	view(t, kv, func(tx store.Tx) error {
		if got := walk(tx.Bucket(bkt).Cursor()); !same(got, []string{"a=changed", "c=3"}) {
			t.Errorf("a View after the commit: %q", got)
		}
		return nil
	})
}

// Updates from several goroutines each read a counter and write it plus
// one: serialised, none is lost.
func testSerialised(t *testing.T, kv store.KV) {
	fill(t, kv, "n", "\x00\x00\x00\x00\x00\x00\x00\x00")
	const workers, each = 4, 25
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				err := kv.Update(func(tx store.Tx) error {
					b := tx.Bucket(bkt)
					n := binary.BigEndian.Uint64(b.Get([]byte("n")))
					return b.Put([]byte("n"), binary.BigEndian.AppendUint64(nil, n+1))
				})
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	view(t, kv, func(tx store.Tx) error {
		if n := binary.BigEndian.Uint64(tx.Bucket(bkt).Get([]byte("n"))); n != workers*each {
			t.Errorf("counter %d after %d increments: Updates were not serialised", n, workers*each)
		}
		return nil
	})
}

func testNextSequence(t *testing.T, kv store.KV) {
	fill(t, kv)
	update(t, kv, func(tx store.Tx) error {
		other, err := tx.CreateBucketIfNotExists([]byte("other"))
		if err != nil {
			return err
		}
		b := tx.Bucket(bkt)
		for want := uint64(1); want <= 3; want++ {
			if n, err := b.NextSequence(); err != nil || n != want {
				t.Errorf("NextSequence = %d, %v; want %d", n, err, want)
			}
		}
		if n, err := other.NextSequence(); err != nil || n != 1 {
			t.Errorf("another bucket's first NextSequence = %d, %v; want 1", n, err)
		}
		return nil
	})
	update(t, kv, func(tx store.Tx) error {
		if n, err := tx.Bucket(bkt).NextSequence(); err != nil || n != 4 {
			t.Errorf("NextSequence in the next tx = %d, %v; want 4", n, err)
		}
		return nil
	})
}

func testKeyN(t *testing.T, kv store.KV) {
	fill(t, kv)
	view(t, kv, func(tx store.Tx) error {
		if n := tx.Bucket(bkt).KeyN(); n != 0 {
			t.Errorf("KeyN of an empty bucket = %d", n)
		}
		return nil
	})
	update(t, kv, func(tx store.Tx) error {
		b := tx.Bucket(bkt)
		for _, k := range []string{"a", "b", "c", "a"} {
			if err := b.Put([]byte(k), []byte("v")); err != nil {
				return err
			}
		}
		if n := b.KeyN(); n != 3 {
			t.Errorf("KeyN in the tx that put a, b, c, a = %d, want 3", n)
		}
		return nil
	})
	update(t, kv, func(tx store.Tx) error {
		b := tx.Bucket(bkt)
		if err := b.Delete([]byte("b")); err != nil {
			return err
		}
		if n := b.KeyN(); n != 2 {
			t.Errorf("KeyN in the tx after a delete = %d, want 2", n)
		}
		return nil
	})
	view(t, kv, func(tx store.Tx) error {
		if n := tx.Bucket(bkt).KeyN(); n != 2 {
			t.Errorf("committed KeyN = %d, want 2", n)
		}
		tx.Bucket(bkt).SetFillPercent(0.9) // a hint, harmless anywhere
		return nil
	})
}

func testDeleteBucket(t *testing.T, kv store.KV) {
	fill(t, kv, "a", "1", "b", "2")
	update(t, kv, func(tx store.Tx) error {
		if err := tx.DeleteBucket([]byte("never")); err != nil {
			t.Errorf("DeleteBucket of a missing bucket: %v", err)
		}
		if err := tx.DeleteBucket(bkt); err != nil {
			return err
		}
		if tx.Bucket(bkt) != nil {
			t.Error("a deleted bucket is found in the tx")
		}
		b, err := tx.CreateBucketIfNotExists(bkt)
		if err != nil {
			return err
		}
		if got := walk(b.Cursor()); len(got) != 0 {
			t.Errorf("a bucket made again in the tx that deleted it holds %q", got)
		}
		return b.Put([]byte("c"), []byte("3"))
	})
	view(t, kv, func(tx store.Tx) error {
		if got := walk(tx.Bucket(bkt).Cursor()); !same(got, []string{"c=3"}) {
			t.Errorf("after delete and remake: %q, want [c=3]", got)
		}
		return nil
	})
	update(t, kv, func(tx store.Tx) error { return tx.DeleteBucket(bkt) })
	view(t, kv, func(tx store.Tx) error {
		if tx.Bucket(bkt) != nil {
			t.Error("a deleted bucket is found after the commit")
		}
		return nil
	})
}

// An engine that cannot run a transaction says so: after Close, View and
// Update answer an error and fn's writes are nowhere.
func testClosed(t *testing.T, kv store.KV) {
	fill(t, kv, "a", "1")
	if err := kv.Close(); err != nil {
		t.Fatal(err)
	}
	if err := kv.Update(func(tx store.Tx) error {
		if b := tx.Bucket(bkt); b != nil {
			return b.Put([]byte("a"), []byte("2"))
		}
		return nil
	}); err == nil {
		t.Error("Update on a closed KV answered nil")
	}
	if err := kv.View(func(store.Tx) error { return nil }); err == nil {
		t.Error("View on a closed KV answered nil")
	}
}
