package pg_test

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/store/pg"
	"github.com/liaison-dev/liaison/store/pg/pgtest"
)

// model is a bucket as a sorted map.
type model map[string]string

func (m model) clone() model {
	c := model{}
	for k, v := range m {
		c[k] = v
	}
	return c
}

func (m model) keys() []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

var errRollback = errors.New("rolled back on purpose")

// modelDB opens a new database with an empty bucket "b" for a model test,
// its cursors reading 1 row after a jump and at most 4 (so that walks cross
// pages), and a random source seeded as testSeed logs (stream tells the
// tests apart).
func modelDB(t *testing.T, stream uint64) (*pg.DB, *rand.Rand) {
	t.Helper()
	t.Cleanup(pg.SetPageRows(4))
	t.Cleanup(pg.SetFirstRows(1))
	db := open(t, pgtest.DB(t))
	if err := db.Update(func(tx store.Tx) error { _, err := tx.CreateBucketIfNotExists([]byte("b")); return err }); err != nil {
		t.Fatal(err)
	}
	return db, rand.New(rand.NewPCG(testSeed(t), stream))
}

// TestOverlayCursorMatchesModel writes random puts and deletes in random
// transactions (some rolled back) and checks every cursor move, Get and
// KeyN inside them, where the database's pages (1 row after a jump,
// growing to 4 as a walk carries on) and the transaction's own writes are
// merged, against a map.
func TestOverlayCursorMatchesModel(t *testing.T) {
	db, rng := modelDB(t, 7)
	key := func() string { return fmt.Sprintf("k%02d", rng.IntN(40)) }
	committed := model{}
	for round := range 40 {
		want := committed.clone()
		rollback := rng.IntN(4) == 0
		err := db.Update(func(tx store.Tx) error {
			b, err := tx.CreateBucketIfNotExists([]byte("b"))
			if err != nil {
				return err
			}
			for range 1 + rng.IntN(20) {
				switch k := key(); rng.IntN(3) {
				case 0, 1:
					v := fmt.Sprintf("v%d-%d", round, rng.IntN(1000))
					if err := b.Put([]byte(k), []byte(v)); err != nil {
						return err
					}
					want[k] = v
				case 2:
					if err := b.Delete([]byte(k)); err != nil {
						return err
					}
					delete(want, k)
				}
				if rng.IntN(3) == 0 {
					walk(t, rng, b, want, fmt.Sprintf("round %d", round))
				}
			}
			if rollback {
				return errRollback
			}
			return nil
		})
		if rollback {
			if !errors.Is(err, errRollback) {
				t.Fatalf("round %d: %v", round, err)
			}
			want = committed
		} else if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		committed = want
		checkCommitted(t, db, rng, committed, round, "")
	}
}

// checkCommitted walks bucket "b" in a new read transaction against what
// the rounds so far committed, and stops the test at the first round that
// went wrong (how names what it did).
func checkCommitted(t *testing.T, db *pg.DB, rng *rand.Rand, committed model, round int, how string) {
	t.Helper()
	err := db.View(func(tx store.Tx) error {
		walk(t, rng, tx.Bucket([]byte("b")), committed, fmt.Sprintf("view after round %d", round))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if t.Failed() {
		t.Fatalf("stopped at round %d%s", round, how)
	}
}

// walk checks a full scan both ways, KeyN, some Gets and some random
// cursor moves against want.
func walk(t *testing.T, rng *rand.Rand, b store.Bucket, want model, where string) {
	t.Helper()
	ks := want.keys()
	var got []string
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if want[string(k)] != string(v) {
			t.Errorf("%s: forward %s = %q, want %q", where, k, v, want[string(k)])
		}
		got = append(got, string(k))
	}
	if !slices.Equal(got, ks) {
		t.Errorf("%s: forward keys %v, want %v", where, got, ks)
	}
	got = got[:0]
	for k, _ := c.Last(); k != nil; k, _ = c.Prev() {
		got = append(got, string(k))
	}
	slices.Reverse(got)
	if !slices.Equal(got, ks) {
		t.Errorf("%s: backward keys %v, want %v", where, got, ks)
	}
	if n := b.KeyN(); n != len(ks) {
		t.Errorf("%s: KeyN = %d, want %d", where, n, len(ks))
	}
	for range 5 {
		k := fmt.Sprintf("k%02d", rng.IntN(42))
		v, ok := want[k]
		if g := b.Get([]byte(k)); (g != nil) != ok || string(g) != v {
			t.Errorf("%s: Get(%s) = %q, want %q (%v)", where, k, g, v, ok)
		}
	}
	// Seek, then a few steps either way; the model's position follows.
	for range 5 {
		s := fmt.Sprintf("k%02d", rng.IntN(42))
		if rng.IntN(2) == 0 {
			s += "x"
		}
		i, _ := slices.BinarySearch(ks, s)
		k, _ := c.Seek([]byte(s))
		if exp := at(ks, i); !bytes.Equal(k, exp) {
			t.Errorf("%s: Seek(%s) = %q, want %q", where, s, k, exp)
			continue
		}
		if i == len(ks) {
			continue
		}
		for range 4 {
			var k []byte
			if rng.IntN(2) == 0 {
				if i+1 >= len(ks) {
					break
				}
				k, _ = c.Next()
				i++
			} else {
				if i == 0 {
					break
				}
				k, _ = c.Prev()
				i--
			}
			if exp := at(ks, i); !bytes.Equal(k, exp) {
				t.Errorf("%s: step to %q, want %q", where, k, exp)
				break
			}
		}
	}
}

func at(ks []string, i int) []byte {
	if i < len(ks) {
		return []byte(ks[i])
	}
	return nil
}
