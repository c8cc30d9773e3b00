package store

import (
	"bytes"
	"errors"
	"path/filepath"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// gen is the state a read transaction of s sees.
func genOf(t *testing.T, s *Store) Generation {
	t.Helper()
	var g Generation
	var ok bool
	if err := s.View(func(r *Reader) error { g, ok = r.Generation(); return nil }); err != nil || !ok {
		t.Fatalf("no generation: %v %v", ok, err)
	}
	return g
}

func homeCache(t *testing.T, s *Store, key string) []byte {
	t.Helper()
	var b []byte
	if err := s.View(func(r *Reader) error { b = r.HomeCache(key); return nil }); err != nil {
		t.Fatal(err)
	}
	return b
}

// TestHomeCacheFollowsTheDatabase: the cache reads back only under its
// key and until the next write, by any path; a keep over a later write
// is refused; a read-only store keeps nothing.
func TestHomeCacheFollowsTheDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.db")
	s, err := Open(path, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	payload := []byte("rows\x00\xff")
	g := genOf(t, s)
	if err := s.PutHomeCache(g, HomeEntry{"k1", payload}); err != nil {
		t.Fatal(err)
	}
	if got := homeCache(t, s, "k1"); !bytes.Equal(got, payload) {
		t.Fatalf("read back %q", got)
	}
	if got := homeCache(t, s, "k2"); got != nil {
		t.Fatal("read under another key")
	}
	// Two entries in one keep; a keep replaces every entry.
	must(t, s.PutHomeCache(genOf(t, s), HomeEntry{"k1", payload}, HomeEntry{"k2", []byte("other")}))
	if a, b := homeCache(t, s, "k1"), homeCache(t, s, "k2"); !bytes.Equal(a, payload) || string(b) != "other" {
		t.Fatalf("two entries read back %q %q", a, b)
	}
	g = genOf(t, s)
	must(t, s.PutHomeCache(g, HomeEntry{"k1", payload}))
	if homeCache(t, s, "k2") != nil {
		t.Fatal("an entry outlived the keep that did not hold it")
	}
	if genOf(t, s).Tx != g.Tx+1 {
		t.Fatal("the keep is not the one write after the reads")
	}

	// A write through the writer, then one through a pull: each stops it.
	g = genOf(t, s)
	must(t, s.Update(func(w *Writer) error {
		return w.Save(&visits.Enterprise{Meta: visits.Meta{ID: "e1"}, Name: "甲"})
	}))
	if homeCache(t, s, "k1") != nil {
		t.Fatal("read after a write")
	}
	if err := s.PutHomeCache(g, HomeEntry{"k1", payload}); !errors.Is(err, ErrStaleCache) {
		t.Fatalf("kept over a later write: %v", err)
	}
	must(t, s.PutHomeCache(genOf(t, s), HomeEntry{"k1", payload}))
	must(t, s.ApplyPull(nil, 1))
	if homeCache(t, s, "k1") != nil {
		t.Fatal("read after a pull")
	}

	// Read-only: nothing is kept, what was kept still reads.
	must(t, s.PutHomeCache(genOf(t, s), HomeEntry{"k1", payload}))
	must(t, s.Close())
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if got := homeCache(t, ro, "k1"); !bytes.Equal(got, payload) {
		t.Fatalf("read-only read back %q", got)
	}
	if err := ro.PutHomeCache(genOf(t, ro), HomeEntry{"k1", payload}); err == nil {
		t.Fatal("a read-only store kept the cache")
	}
}
