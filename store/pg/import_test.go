package pg_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/store/pg"
	"github.com/liaison-dev/liaison/store/pg/pgtest"
)

func TestImportCopiesBucketsKeysAndSequences(t *testing.T) {
	db := open(t, pgtest.DB(t))
	each := func(n int) func(fn func(k, v []byte) error) error {
		return func(fn func(k, v []byte) error) error {
			for i := range n {
				if err := fn([]byte(fmt.Sprintf("k%05d", i)), []byte(fmt.Sprint(i))); err != nil {
					return err
				}
			}
			return nil
		}
	}
	n, err := db.Import(context.Background(), []pg.Source{
		{Name: []byte("big"), Seq: 77, Each: each(1000)},
		{Name: []byte("empty"), Each: each(0)},
	})
	if err != nil || n != 1000 {
		t.Fatalf("Import = %d, %v; want 1000 keys", n, err)
	}
	err = db.Update(func(tx store.Tx) error {
		b := tx.Bucket([]byte("big"))
		if b == nil || tx.Bucket([]byte("empty")) == nil {
			t.Fatal("an imported bucket is missing")
		}
		if b.KeyN() != 1000 || string(b.Get([]byte("k00999"))) != "999" {
			t.Errorf("big: %d keys, k00999 = %q", b.KeyN(), b.Get([]byte("k00999")))
		}
		if s, _ := b.NextSequence(); s != 78 {
			t.Errorf("NextSequence after import = %d, want 78", s)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Import(context.Background(), []pg.Source{{Name: []byte("x"), Each: each(1)}}); !errors.Is(err, pg.ErrNotEmpty) {
		t.Errorf("Import into a database in use: %v, want ErrNotEmpty", err)
	}
}
