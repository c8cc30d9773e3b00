package kvtest

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
)

// Keys in byte order: a prefix sorts before its extensions, 0x00 before
// everything, 0xff after, and bytes compare unsigned.
var ordered = []string{"\x00", "a", "a\x00", "a\x00b", "ab", "b", "b\xff", "\x7f", "\x80", "\xff", "\xff\xff"}

func testCursorEdges(t *testing.T, kv store.KV) {
	fill(t, kv) // the bucket, empty
	view(t, kv, func(tx store.Tx) error {
		c := tx.Bucket(bkt).Cursor()
		for name, k := range map[string][]byte{
			"First": first(c), "Last": last(c), "Seek": seek(c, "a"),
		} {
			if k != nil {
				t.Errorf("%s on an empty bucket = %q, want nil", name, k)
			}
		}
		return nil
	})
	var kvs []string
	for i, k := range ordered {
		kvs = append(kvs, k, fmt.Sprint(i))
	}
	fill(t, kv, kvs...)
	want := make([]string, len(ordered))
	for i, k := range ordered {
		want[i] = k + "=" + fmt.Sprint(i)
	}
	view(t, kv, func(tx store.Tx) error {
		c := tx.Bucket(bkt).Cursor()
		if got := walk(c); !same(got, want) {
			t.Errorf("forward walk %q, want %q", got, want)
		}
		if got := walkBack(c); !same(got, reversed(want)) {
			t.Errorf("backward walk %q, want %q", got, reversed(want))
		}
		for _, s := range []struct{ seek, want string }{
			{"", "\x00"}, {"\x00", "\x00"}, {"\x00\x00", "a"}, {"a", "a"}, {"a\x00a", "a\x00b"},
			{"aa", "ab"}, {"b\x00", "b\xff"}, {"c", "\x7f"}, {"\x7f\x00", "\x80"}, {"\xff\x00", "\xff\xff"},
		} {
			if k, v := c.Seek([]byte(s.seek)); string(k) != s.want || v == nil {
				t.Errorf("Seek(%q) = %q, %q; want %q and its value", s.seek, k, v, s.want)
			}
		}
		if k, _ := c.Seek([]byte("\xff\xff\x00")); k != nil {
			t.Errorf("Seek past the last key = %q, want nil", k)
		}
		// Seek then step either way.
		c.Seek([]byte("ab"))
		if k, _ := c.Prev(); string(k) != "a\x00b" {
			t.Errorf("Prev after Seek(ab) = %q, want a\\x00b", k)
		}
		c.Seek([]byte("aa"))
		if k, _ := c.Next(); string(k) != "b" {
			t.Errorf("Next after Seek(aa) landed on ab = %q, want b", k)
		}
		c.First()
		if k, v := c.Prev(); k != nil || v != nil {
			t.Errorf("Prev before First = %q, %q; want nil, nil", k, v)
		}
		c.Last()
		if k, v := c.Next(); k != nil || v != nil {
			t.Errorf("Next after Last = %q, %q; want nil, nil", k, v)
		}
		if k, _ := c.Last(); string(k) != "\xff\xff" {
			t.Errorf("Last after running off the end = %q", k)
		}
		if k, _ := c.First(); string(k) != "\x00" {
			t.Errorf("First = %q", k)
		}
		return nil
	})
}

func first(c store.Cursor) []byte { k, _ := c.First(); return k }
func last(c store.Cursor) []byte  { k, _ := c.Last(); return k }
func seek(c store.Cursor, s string) []byte {
	k, _ := c.Seek([]byte(s))
	return k
}

// A cursor opened in a write tx walks the committed keys merged with the
// tx's own puts, overwrites and deletes, at the ends and in the middle.
func testCursorOwnWrites(t *testing.T, kv store.KV) {
	fill(t, kv, "a", "1", "c", "3", "e", "5", "g", "7")
	update(t, kv, func(tx store.Tx) error {
		b := tx.Bucket(bkt)
		for _, err := range []error{
			b.Delete([]byte("a")), // the first
			b.Delete([]byte("g")), // the last
			b.Put([]byte("b"), []byte("2")),
			b.Put([]byte("e"), []byte("five")),
			b.Delete([]byte("c")),
			b.Put([]byte("h"), []byte("8")), // a new last
			b.Put([]byte("0"), []byte("0")), // a new first
			b.Put([]byte("x"), []byte("gone")),
			b.Delete([]byte("x")), // put then deleted in the tx
		} {
			if err != nil {
				return err
			}
		}
		want := []string{"0=0", "b=2", "e=five", "h=8"}
		c := b.Cursor()
		if got := walk(c); !same(got, want) {
			t.Errorf("walk in the tx %q, want %q", got, want)
		}
		if got := walkBack(c); !same(got, reversed(want)) {
			t.Errorf("backward walk in the tx %q, want %q", got, reversed(want))
		}
		if k, v := c.Seek([]byte("c")); string(k) != "e" || string(v) != "five" {
			t.Errorf("Seek(c) onto a key deleted in the tx = %q, %q; want e, five", k, v)
		}
		if k, _ := c.Prev(); string(k) != "b" {
			t.Errorf("Prev from e = %q, want b (c was deleted)", k)
		}
		if k, _ := c.Seek([]byte("f")); string(k) != "h" {
			t.Errorf("Seek(f) = %q, want h (g was deleted)", k)
		}
		if k, _ := c.Seek([]byte("i")); k != nil {
			t.Errorf("Seek(i) = %q, want nil (x was put and deleted)", k)
		}
		// A cursor opened after more writes sees them too.
		if err := b.Put([]byte("d"), []byte("4")); err != nil {
			return err
		}
		if got := walk(b.Cursor()); !same(got, []string{"0=0", "b=2", "d=4", "e=five", "h=8"}) {
			t.Errorf("a new cursor after another put: %q", got)
		}
		return nil
	})
	view(t, kv, func(tx store.Tx) error {
		if got := walk(tx.Bucket(bkt).Cursor()); !same(got, []string{"0=0", "b=2", "d=4", "e=five", "h=8"}) {
			t.Errorf("committed: %q", got)
		}
		return nil
	})
}

// The store asks for a bucket again and again in one tx: writes through
// one handle are seen through another.
func testTwoHandles(t *testing.T, kv store.KV) {
	fill(t, kv, "a", "1")
	update(t, kv, func(tx store.Tx) error {
		b1, b2 := tx.Bucket(bkt), tx.Bucket(bkt)
		if err := b1.Put([]byte("b"), []byte("2")); err != nil {
			return err
		}
		if err := b2.Delete([]byte("a")); err != nil {
			return err
		}
		for i, b := range []store.Bucket{b1, b2, tx.Bucket(bkt)} {
			if got := walk(b.Cursor()); !same(got, []string{"b=2"}) {
				t.Errorf("handle %d walks %q, want [b=2]", i, got)
			}
			if b.Get([]byte("a")) != nil || string(b.Get([]byte("b"))) != "2" {
				t.Errorf("handle %d: Get misses the other handle's writes", i)
			}
		}
		return nil
	})
}

// Random keys over several transactions, checked against a sorted model:
// walks both ways and seeks to random probes.
func testRandomOrder(t *testing.T, kv store.KV) {
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, seed>>1))
	model := map[string]string{}
	randKey := func() string {
		k := make([]byte, 1+rng.IntN(6))
		for i := range k {
			k[i] = "\x00\x01ab\x7f\x80\xfe\xff"[rng.IntN(8)]
		}
		return string(k)
	}
	fill(t, kv)
	for round := range 4 {
		update(t, kv, func(tx store.Tx) error {
			b := tx.Bucket(bkt)
			for i := range 150 {
				k := randKey()
				if rng.IntN(3) == 0 {
					delete(model, k)
					if err := b.Delete([]byte(k)); err != nil {
						return err
					}
					continue
				}
				v := fmt.Sprint(round, ".", i)
				model[k] = v
				if err := b.Put([]byte(k), []byte(v)); err != nil {
					return err
				}
			}
			checkModel(t, b, model, rng, fmt.Sprintf("round %d, in the tx", round))
			return nil
		})
		view(t, kv, func(tx store.Tx) error {
			checkModel(t, tx.Bucket(bkt), model, rng, fmt.Sprintf("round %d, committed", round))
			return nil
		})
	}
}

func checkModel(t *testing.T, b store.Bucket, model map[string]string, rng *rand.Rand, when string) {
	t.Helper()
	keys := make([]string, 0, len(model))
	for k := range model {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	want := make([]string, len(keys))
	for i, k := range keys {
		want[i] = k + "=" + model[k]
	}
	c := b.Cursor()
	if got := walk(c); !same(got, want) {
		t.Fatalf("%s: walk of %d keys differs from the model's %d", when, len(got), len(want))
	}
	if got := walkBack(c); !same(got, reversed(want)) {
		t.Fatalf("%s: backward walk differs from the model", when)
	}
	for range 100 {
		probe := make([]byte, rng.IntN(5))
		for i := range probe {
			probe[i] = byte(rng.IntN(256))
		}
		i, _ := slices.BinarySearch(keys, string(probe))
		k, _ := c.Seek(probe)
		if i == len(keys) {
			if k != nil {
				t.Fatalf("%s: Seek(%q) = %q, want nil", when, probe, k)
			}
			continue
		}
		if !bytes.Equal(k, []byte(keys[i])) {
			t.Fatalf("%s: Seek(%q) = %q, want %q", when, probe, k, keys[i])
		}
		if k, _ := c.Prev(); i == 0 && k != nil || i > 0 && string(k) != keys[i-1] {
			t.Fatalf("%s: Prev after Seek(%q) = %q", when, probe, k)
		}
	}
	for _, k := range keys {
		if got := b.Get([]byte(k)); string(got) != model[k] {
			t.Fatalf("%s: Get(%q) = %q, want %q", when, k, got, model[k])
		}
	}
}
