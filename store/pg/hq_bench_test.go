package pg_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/store/pg/pgtest"
	"github.com/liaison-dev/liaison/visits"
)

// BenchmarkHQPush500 is store's BenchmarkHQPush500 (one push of 500 ops:
// 50 new visits, whole records, in HQ's durable write transaction) on
// PostgreSQL (fsync on) and, for comparison on the same machine, on a
// durable bbolt file.
func BenchmarkHQPush500(b *testing.B) {
	ops := laptopOps(b, 5000)
	admin := store.Principal{ID: "boss", Role: visits.RoleAdmin}
	bench := func(b *testing.B, open func(i int) *store.HQ) {
		var h *store.HQ
		next := len(ops)
		for i := 0; i < b.N; i++ {
			if next+500 > len(ops) {
				b.StopTimer()
				h = open(i)
				if _, err := h.Push(admin, ops[:1]); err != nil { // the enterprise
					b.Fatal(err)
				}
				next = 1
				b.StartTimer()
			}
			if _, err := h.Push(admin, ops[next:next+500]); err != nil {
				b.Fatal(err)
			}
			next += 500
		}
	}
	b.Run("postgres", func(b *testing.B) {
		bench(b, func(int) *store.HQ { return openHQ(b, pgtest.DB(b), "hqbench") })
	})
	b.Run("bbolt", func(b *testing.B) {
		bench(b, func(i int) *store.HQ {
			h, err := store.OpenHQ(filepath.Join(b.TempDir(), fmt.Sprintf("hq%d.db", i)), store.Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { h.Close() })
			return h
		})
	})
}

// BenchmarkAuthenticate: what every request pays before its work, on
// PostgreSQL: HQ's Authenticate (one statement, GetOne) against the same
// key read in a View (BEGIN with the bucket list, the read, COMMIT).
func BenchmarkAuthenticate(b *testing.B) {
	dsn := pgtest.DB(b)
	h := openHQ(b, dsn, "hqbench")
	kv := open(b, dsn)
	tok, err := h.AddOfficer("wang", "王", visits.RoleLiaison)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("Authenticate", func(b *testing.B) {
		for range b.N {
			if _, err := h.Authenticate(tok); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("View", func(b *testing.B) {
		for range b.N {
			err := kv.View(func(tx store.Tx) error {
				if tx.Bucket([]byte("hq:officers")).Get([]byte("wang")) == nil {
					return fmt.Errorf("no officer")
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}
