package pg_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/store/pg/pgtest"
	"github.com/liaison-dev/liaison/sync"
	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/demo"
)

// The four sync benchmarks of package sync (docs/performance.md, "Sync"),
// with HQ on PostgreSQL (fsync on) instead of a bbolt file; the laptops
// are durable bbolt files as there. Loopback HTTP, no TLS.

func pgBenchHQ(b *testing.B, ents, nVisits int) (*store.HQ, *httptest.Server, string) {
	hq := openHQ(b, pgtest.DB(b), "hqbench")
	if ents > 0 {
		src, err := store.Open(filepath.Join(b.TempDir(), "src.db"), store.Options{NoSync: true})
		if err != nil {
			b.Fatal(err)
		}
		d := demo.Generate(demo.Options{Enterprises: ents, Visits: nVisits, Seed: 1, Now: time.Now(), NewID: store.NewID})
		if err := src.Seed(d.Records()); err != nil {
			b.Fatal(err)
		}
		if err := hq.ImportFields(src); err != nil {
			b.Fatal(err)
		}
		src.Close()
	}
	tok, err := hq.AddOfficer("boss", "Boss", visits.RoleAdmin)
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(sync.NewHandler(sync.Bolt{HQ: hq}, sync.ServerOptions{}))
	b.Cleanup(srv.Close)
	return hq, srv, tok
}

func pgBenchLaptop(b *testing.B, url, tok string) *sync.Client {
	s, err := store.Open(filepath.Join(b.TempDir(), fmt.Sprintf("l%d.db", time.Now().UnixNano())), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if _, err := sync.LoginWith(context.Background(), s, sync.LoginOptions{URL: url, Token: tok}); err != nil {
		b.Fatal(err)
	}
	return &sync.Client{Store: s}
}

func pgSync(b *testing.B, c *sync.Client) sync.Summary {
	sum, err := c.Sync(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	return sum
}

func BenchmarkSyncPush10000Visits(b *testing.B) {
	b.StopTimer()
	for i := 0; i < b.N; i++ {
		hq, srv, tok := pgBenchHQ(b, 0, 0)
		ent := visits.Enterprise{Name: "企业"}
		if err := hq.SaveRecords("hq", &ent); err != nil {
			b.Fatal(err)
		}
		c := pgBenchLaptop(b, srv.URL, tok)
		pgSync(b, c)
		err := c.Store.Update(func(w *store.Writer) error {
			for i := range 10000 {
				v := &visits.Visit{EnterpriseID: ent.ID, At: time.Now().Add(-time.Hour), Occasion: visits.OccRoutine,
					Method: "on_site", Summary: fmt.Sprintf("第%d次走访：了解企业研发投入与融资需求", i), Purposes: []string{"policy"}}
				if err := w.AddVisit(v); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		sum := pgSync(b, c)
		b.StopTimer()
		b.ReportMetric(float64(sum.Pushed), "ops")
	}
	b.StartTimer()
}

// BenchmarkSyncDistrict: a first full sync of an empty laptop from a
// district of 1,000 enterprises and 20,000 visits, then 100 edited
// records, then a sync with nothing to do (one district, loaded once).
func BenchmarkSyncDistrict(b *testing.B) {
	n := 1000
	if testing.Short() {
		n = 100 // a tenth, to try the benchmark
	}
	_, srv, tok := pgBenchHQ(b, n, 20*n)
	b.Run("FirstFullSync", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			c := pgBenchLaptop(b, srv.URL, tok)
			b.StartTimer()
			sum := pgSync(b, c)
			b.ReportMetric(float64(sum.Pulled), "changes")
		}
	})
	c := pgBenchLaptop(b, srv.URL, tok)
	pgSync(b, c)
	round := 0
	b.Run("Sync100Edited", func(b *testing.B) {
		var vs []visits.Visit
		_ = c.Store.View(func(r *store.Reader) error { vs, _, _ = store.Page[visits.Visit](r, "", 100); return nil })
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			round++
			for _, v := range vs {
				err := c.Store.Update(func(w *store.Writer) error {
					return w.SetField(visits.TypeVisit, v.ID, "summary", fmt.Sprintf("修改%d", round))
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.StartTimer()
			if sum := pgSync(b, c); sum.Pushed != 100 {
				b.Fatalf("pushed %d", sum.Pushed)
			}
		}
	})
	b.Run("SyncNothingToDo", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			pgSync(b, c)
		}
	})
}
