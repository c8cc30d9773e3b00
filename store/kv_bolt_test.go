package store_test

import (
	"path/filepath"
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/store/kvtest"
	bolt "go.etcd.io/bbolt"
)

// bbolt meets the KV contract, opened as Open opens it (a reserved map,
// so a writer never waits for a reader to remap).
func TestBoltKVContract(t *testing.T) {
	kvtest.Run(t, func(t *testing.T) store.KV {
		db, err := bolt.Open(filepath.Join(t.TempDir(), "kv.db"), 0o600,
			&bolt.Options{NoSync: true, FreelistType: bolt.FreelistMapType, InitialMmapSize: 1 << 26})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return store.BoltKV{DB: db}
	})
}
