// Package kvtest checks that an engine meets the store.KV contract
// (store/kv.go). An engine's tests call Run with a function that opens a
// fresh, empty KV (and closes it when the test ends: t.Cleanup); Run opens
// one per subtest.
//
//	func TestContract(t *testing.T) {
//		kvtest.Run(t, func(t *testing.T) store.KV { return openEmpty(t) })
//	}
//
// The "closed" subtest closes its KV itself; the engine's Close must then
// tolerate the second Close from the cleanup. The "snapshot" subtest
// commits an Update while a View is open: an engine whose writer waits for
// readers would hang there (open bbolt with InitialMmapSize, as the store
// does, so a growing file is not remapped under a reader).
package kvtest

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/liaison-dev/liaison/store"
)

// Run runs every contract check on KVs made by open.
func Run(t *testing.T, open func(t *testing.T) store.KV) {
	for _, c := range []struct {
		name string
		fn   func(t *testing.T, kv store.KV)
	}{
		{"buckets", testBuckets},
		{"get put delete", testGetPutDelete},
		{"empty value", testEmptyValue},
		{"cursor edges", testCursorEdges},
		{"cursor sees own writes", testCursorOwnWrites},
		{"two handles one bucket", testTwoHandles},
		{"random order", testRandomOrder},
		{"for each", testForEach},
		{"rollback", testRollback},
		{"snapshot", testSnapshot},
		{"serialised updates", testSerialised},
		{"next sequence", testNextSequence},
		{"key count", testKeyN},
		{"delete bucket", testDeleteBucket},
		{"closed", testClosed},
	} {
		t.Run(c.name, func(t *testing.T) { c.fn(t, open(t)) })
	}
}

var bkt = []byte("b")

func update(t *testing.T, kv store.KV, fn func(tx store.Tx) error) {
	t.Helper()
	if err := kv.Update(fn); err != nil {
		t.Fatal(err)
	}
}

func view(t *testing.T, kv store.KV, fn func(tx store.Tx) error) {
	t.Helper()
	if err := kv.View(fn); err != nil {
		t.Fatal(err)
	}
}

// fill creates bucket b holding the given key, value pairs.
func fill(t *testing.T, kv store.KV, kvs ...string) {
	t.Helper()
	update(t, kv, func(tx store.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bkt)
		if err != nil {
			return err
		}
		for i := 0; i+1 < len(kvs); i += 2 {
			if err := b.Put([]byte(kvs[i]), []byte(kvs[i+1])); err != nil {
				return err
			}
		}
		return nil
	})
}

// walk returns "k=v" for every pair of a forward walk from First.
func walk(c store.Cursor) []string {
	var out []string
	for k, v := c.First(); k != nil; k, v = c.Next() {
		out = append(out, string(k)+"="+string(v))
	}
	return out
}

// walkBack returns "k=v" for every pair of a backward walk from Last.
func walkBack(c store.Cursor) []string {
	var out []string
	for k, v := c.Last(); k != nil; k, v = c.Prev() {
		out = append(out, string(k)+"="+string(v))
	}
	return out
}

func same(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func reversed(s []string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[len(s)-1-i] = x
	}
	return out
}

func testBuckets(t *testing.T, kv store.KV) {
	view(t, kv, func(tx store.Tx) error {
		if tx.Writable() {
			t.Error("a View transaction says it is writable")
		}
		if tx.Bucket(bkt) != nil {
			t.Error("a new KV has a bucket")
		}
		return nil
	})
	update(t, kv, func(tx store.Tx) error {
		if !tx.Writable() {
			t.Error("an Update transaction says it is not writable")
		}
		b, err := tx.CreateBucketIfNotExists(bkt)
		if err != nil || b == nil {
			return fmt.Errorf("create: %v", err)
		}
		if tx.Bucket(bkt) == nil {
			t.Error("a bucket created in the transaction is not found in it")
		}
		if tx.Bucket([]byte("other")) != nil {
			t.Error("a bucket never created is found")
		}
		return b.Put([]byte("k"), []byte("v"))
	})
	update(t, kv, func(tx store.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bkt)
		if err != nil {
			return err
		}
		if got := string(b.Get([]byte("k"))); got != "v" {
			t.Errorf("CreateBucketIfNotExists on an existing bucket: k = %q, want its keys kept", got)
		}
		return nil
	})
	// Buckets are apart, even when one's name is a prefix of another's.
	update(t, kv, func(tx store.Tx) error {
		b2, err := tx.CreateBucketIfNotExists([]byte("b2"))
		if err != nil {
			return err
		}
		return b2.Put([]byte("k"), []byte("other"))
	})
	view(t, kv, func(tx store.Tx) error {
		if got := walk(tx.Bucket(bkt).Cursor()); !same(got, []string{"k=v"}) {
			t.Errorf("bucket b holds %v, want [k=v]", got)
		}
		return nil
	})
}

func testGetPutDelete(t *testing.T, kv store.KV) {
	fill(t, kv, "a", "1", "b", "2")
	update(t, kv, func(tx store.Tx) error {
		b := tx.Bucket(bkt)
		if v := b.Get([]byte("missing")); v != nil {
			t.Errorf("Get(missing) = %q, want nil", v)
		}
		if err := b.Put([]byte("a"), []byte("one")); err != nil {
			return err
		}
		if got := string(b.Get([]byte("a"))); got != "one" {
			t.Errorf("after overwrite in the tx: a = %q", got)
		}
		if err := b.Delete([]byte("b")); err != nil {
			return err
		}
		if v := b.Get([]byte("b")); v != nil {
			t.Errorf("after delete in the tx: b = %q, want nil", v)
		}
		if err := b.Delete([]byte("never")); err != nil {
			t.Errorf("Delete of a missing key: %v", err)
		}
		// Binary keys and a large value.
		big := bytes.Repeat([]byte("大值"), 40000)
		if err := b.Put([]byte{0, 0xff, 0}, big); err != nil {
			return err
		}
		return nil
	})
	view(t, kv, func(tx store.Tx) error {
		b := tx.Bucket(bkt)
		if got := string(b.Get([]byte("a"))); got != "one" {
			t.Errorf("committed a = %q, want one", got)
		}
		if v := b.Get([]byte("b")); v != nil {
			t.Errorf("committed delete: b = %q", v)
		}
		if v := b.Get([]byte{0, 0xff, 0}); !bytes.Equal(v, bytes.Repeat([]byte("大值"), 40000)) {
			t.Errorf("a %d-byte value under a binary key reads back as %d bytes", 40000*6, len(v))
		}
		return nil
	})
}

// A key stored with an empty value is present: cursors and ForEach find
// it. (Get may answer nil for it: bbolt does inside the writing tx.)
func testEmptyValue(t *testing.T, kv store.KV) {
	check := func(tx store.Tx, when string) {
		b := tx.Bucket(bkt)
		k, v := b.Cursor().Seek([]byte("e"))
		if string(k) != "e" || len(v) != 0 {
			t.Errorf("%s: Seek(e) = %q, %q; want e with an empty value", when, k, v)
		}
		n := 0
		_ = b.ForEach(func(k, v []byte) error { n++; return nil })
		if n != 2 {
			t.Errorf("%s: ForEach saw %d keys, want 2", when, n)
		}
	}
	update(t, kv, func(tx store.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bkt)
		if err != nil {
			return err
		}
		if err := b.Put([]byte("e"), nil); err != nil {
			return err
		}
		if err := b.Put([]byte("f"), []byte{}); err != nil {
			return err
		}
		check(tx, "in the tx")
		return nil
	})
	view(t, kv, func(tx store.Tx) error { check(tx, "committed"); return nil })
}
