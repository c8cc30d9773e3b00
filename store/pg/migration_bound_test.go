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
// than a request's bound: UpdateMigration runs under MigrationTimeout, not
// TxTimeout. With TxTimeout spent before the transaction starts, Update
// fails and UpdateMigration commits.
func TestMigrationOutlivesTheRequestBound(t *testing.T) {
	dsn := pgtest.DB(t)
	db, err := pg.Open(context.Background(), dsn, pg.Options{MaxConns: 2, TxTimeout: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	write := func(tx store.Tx) error {
		b, err := tx.CreateBucketIfNotExists([]byte("b"))
		if err != nil {
			return err
		}
		return b.Put([]byte("k"), []byte("v"))
	}
	if err := db.Update(write); err == nil {
		t.Fatal("Update committed after its TxTimeout had passed")
	}
	if err := db.UpdateMigration(write); err != nil {
		t.Fatalf("UpdateMigration: %v", err)
	}
	other := open(t, dsn) // the default bounds, to read back
	if v, err := other.GetOne([]byte("b"), []byte("k")); err != nil || string(v) != "v" {
		t.Fatalf("after UpdateMigration: %q %v", v, err)
	}
}
