package pg_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/store/pg"
	"github.com/liaison-dev/liaison/visits"
)

// laptopOps makes the ops a laptop pushes for one new enterprise and n
// new visits to it (the enterprise's ops first), with a real laptop store.
func laptopOps(tb testing.TB, n int) []store.Op {
	tb.Helper()
	src, err := store.Open(filepath.Join(tb.TempDir(), "laptop.db"), store.Options{NoSync: true})
	if err != nil {
		tb.Fatal(err)
	}
	defer src.Close()
	ent := &visits.Enterprise{Name: "兰州测试科技有限公司"}
	err = src.Update(func(w *store.Writer) error {
		if err := w.AddEnterprise(ent, false); err != nil {
			return err
		}
		for i := range n {
			v := &visits.Visit{EnterpriseID: ent.ID, At: time.Now().Add(-time.Hour), Occasion: visits.OccRoutine,
				Method: "on_site", Summary: fmt.Sprintf("第%d次走访：了解企业研发投入与融资需求", i), Purposes: []string{"policy"}}
			if err := w.AddVisit(v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	var ops []store.Op
	err = src.View(func(r *store.Reader) error {
		ps, err := r.PendingOps(0)
		for _, p := range ps {
			ops = append(ops, p.Op)
		}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return ops
}

// openHQ opens an HQ instance (its own pool) on the database at dsn.
func openHQ(tb testing.TB, dsn, device string) *store.HQ {
	tb.Helper()
	kv, err := pg.Open(context.Background(), dsn, pg.Options{MaxConns: 4})
	if err != nil {
		tb.Fatal(err)
	}
	h, err := store.OpenHQOn(kv, store.Options{Device: device})
	if err != nil {
		kv.Close()
		tb.Fatal(err)
	}
	tb.Cleanup(func() { h.Close() })
	return h
}

// recordOf names the record an op changes.
func recordOf(op store.Op) string { return op.Type + "/" + op.ID }
