package pg_test

import (
	"context"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/store/pg"
	"github.com/liaison-dev/liaison/store/pg/pgtest"
)

// The open's migration may rewrite a whole district, which takes longer
// than a request's bound: UpdateMigration runs under MigrationTimeout, so
// a transaction that outlives TxTimeout fails in Update and commits there.
func TestMigrationOutlivesTheRequestBound(t *testing.T) {
	db, err := pg.Open(context.Background(), pgtest.DB(t), pg.Options{MaxConns: 2, TxTimeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	long := func(tx store.Tx) error {
		b, err := tx.CreateBucketIfNotExists([]byte("b"))
		if err != nil {
			return err
		}
		time.Sleep(300 * time.Millisecond) // the long migration itself, not a wait for anything
		return b.Put([]byte("k"), []byte("v"))
	}
	if err := db.Update(long); err == nil {
		t.Fatal("a transaction three times TxTimeout long committed in Update")
	}
	if err := db.UpdateMigration(long); err != nil {
		t.Fatalf("UpdateMigration: %v", err)
	}
	if v, err := db.GetOne([]byte("b"), []byte("k")); err != nil || string(v) != "v" {
		t.Fatalf("after UpdateMigration: %q %v", v, err)
	}
}
