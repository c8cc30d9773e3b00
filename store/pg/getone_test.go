package pg_test

import (
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/store/pg/pgtest"
)

// TestGetOne: a one-statement read answers what a View's Get answers:
// committed values, nil for a missing key or bucket, and a deleted key
// gone.
func TestGetOne(t *testing.T) {
	db := open(t, pgtest.DB(t))
	put(t, db, "b", "k", "v1")
	put(t, db, "b", "k", "v2")
	for _, c := range []struct{ bucket, key, want string }{
		{"b", "k", "v2"}, {"b", "missing", ""}, {"nobucket", "k", ""},
	} {
		v, err := db.GetOne([]byte(c.bucket), []byte(c.key))
		if err != nil || string(v) != c.want || (c.want == "") != (v == nil) {
			t.Errorf("GetOne(%s, %s) = %q, %v; want %q", c.bucket, c.key, v, err, c.want)
		}
	}
	if err := db.Update(func(tx store.Tx) error { return tx.Bucket([]byte("b")).Delete([]byte("k")) }); err != nil {
		t.Fatal(err)
	}
	if v, err := db.GetOne([]byte("b"), []byte("k")); v != nil || err != nil {
		t.Errorf("after a delete GetOne = %q, %v; want nil", v, err)
	}
	db.Close()
	if _, err := db.GetOne([]byte("b"), []byte("k")); err == nil {
		t.Error("a closed engine answered GetOne without an error")
	}
}
