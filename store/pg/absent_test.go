package pg_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/store/pg/pgtest"
)

// TestPutNewAfterDeleteInTheSameTransaction: a key deleted by the
// transaction is absent as the transaction sees it, so PutNew may store it
// again (store.NewPutter); the database still holds its row until commit,
// so the commit must overwrite it, not insert a second one.
func TestPutNewAfterDeleteInTheSameTransaction(t *testing.T) {
	db := open(t, pgtest.DB(t))
	put(t, db, "b", "k", "v1")
	err := db.Update(func(tx store.Tx) error {
		b := tx.Bucket([]byte("b"))
		if err := b.Delete([]byte("k")); err != nil {
			return err
		}
		if b.Get([]byte("k")) != nil {
			t.Error("a deleted key is still seen")
		}
		return b.(store.NewPutter).PutNew([]byte("k"), []byte("v2"))
	})
	if err != nil {
		t.Fatalf("PutNew of a key the transaction deleted: %v", err)
	}
	if v, _ := get(t, db, "b", "k"); v != "v2" {
		t.Errorf("k = %q, want v2", v)
	}
}

// TestAbsentKeysMatchModel runs random write transactions mixing Get,
// Prefetch, cursor walks, Put, PutNew (only of keys absent as the
// transaction sees them, as its contract asks), Delete and a bucket
// deleted and created again, some rolled back, and checks every commit
// succeeds and leaves what a map says. A key taken for absent while the
// database holds it fails the commit (a plain insert).
func TestAbsentKeysMatchModel(t *testing.T) {
	db, rng := modelDB(t, 11)
	key := func() string { return fmt.Sprintf("k%02d", rng.IntN(24)) }
	committed := model{}
	for round := range 60 {
		want := committed.clone()
		rollback := rng.IntN(5) == 0
		var trace []string
		err := db.Update(func(tx store.Tx) error {
			want = committed.clone() // fn may run again
			trace = trace[:0]
			b := tx.Bucket([]byte("b"))
			for range 1 + rng.IntN(25) {
				k := key()
				switch rng.IntN(9) {
				case 0:
					trace = append(trace, "get "+k)
					if g, ok := want[k]; string(b.Get([]byte(k))) != g || (b.Get([]byte(k)) != nil) != ok {
						t.Errorf("round %d: Get(%s) = %q, want %q", round, k, b.Get([]byte(k)), g)
					}
				case 1:
					ks := [][]byte{[]byte(k), []byte(key()), []byte(key())}
					trace = append(trace, fmt.Sprintf("prefetch %s", ks))
					b.(store.Prefetcher).Prefetch(ks)
				case 2, 3:
					v := fmt.Sprintf("v%d-%d", round, rng.IntN(1000))
					trace = append(trace, "put "+k)
					if err := b.Put([]byte(k), []byte(v)); err != nil {
						return err
					}
					want[k] = v
				case 4, 5:
					if _, ok := want[k]; ok {
						continue
					}
					v := fmt.Sprintf("n%d-%d", round, rng.IntN(1000))
					trace = append(trace, "putnew "+k)
					if err := b.(store.NewPutter).PutNew([]byte(k), []byte(v)); err != nil {
						return err
					}
					want[k] = v
				case 6:
					trace = append(trace, "delete "+k)
					if err := b.Delete([]byte(k)); err != nil {
						return err
					}
					delete(want, k)
				case 7:
					trace = append(trace, "walk")
					walk(t, rng, b, want, fmt.Sprintf("round %d", round))
				case 8:
					if rng.IntN(4) != 0 {
						continue
					}
					trace = append(trace, "recreate")
					if err := tx.DeleteBucket([]byte("b")); err != nil {
						return err
					}
					nb, err := tx.CreateBucketIfNotExists([]byte("b"))
					if err != nil {
						return err
					}
					b = nb
					want = model{}
				}
			}
			if rollback {
				return errRollback
			}
			return nil
		})
		switch {
		case rollback && !errors.Is(err, errRollback):
			t.Fatalf("round %d: %v (ops %q)", round, err, trace)
		case !rollback && err != nil:
			t.Fatalf("round %d: %v (ops %q)", round, err, trace)
		case !rollback:
			committed = want
		}
		checkCommitted(t, db, rng, committed, round, fmt.Sprintf(" (ops %q)", trace))
	}
}
