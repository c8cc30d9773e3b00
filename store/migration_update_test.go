package store

import (
	"path/filepath"
	"testing"
)

// countingKV is a KV that offers UpdateMigration and counts its calls.
type countingKV struct {
	KV
	migrations int
}

func (c *countingKV) UpdateMigration(fn func(Tx) error) error {
	c.migrations++
	return c.KV.Update(fn)
}

// An open that migrates does it through UpdateMigration when the engine
// has it (PostgreSQL: a bound longer than a request's), and an open that
// has nothing to migrate does not write at all.
func TestOpenMigratesThroughUpdateMigration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "liaison.db")
	s, err := Open(path, Options{NoSync: true})
	must(t, err)
	must(t, s.db.Update(func(tx Tx) error { return tx.Bucket(bMeta).Put(kSchema, u64(uint64(SchemaVersion-1))) }))
	kv := &countingKV{KV: s.db}
	if _, err := openOn(kv, Options{}); err != nil {
		t.Fatal(err)
	}
	if kv.migrations != 1 {
		t.Fatalf("%d migrations through UpdateMigration, want 1", kv.migrations)
	}
	if _, err := openOn(kv, Options{}); err != nil || kv.migrations != 1 {
		t.Fatalf("a second open: %v, %d migrations", err, kv.migrations)
	}
	must(t, s.Close())
}
