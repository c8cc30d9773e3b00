package sync

import (
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/demo"
)

// Benchmarks run over loopback with HQ's database on disk and durable
// (fsync on every commit), as are the laptops'. Figures: docs/sync.md.

// benchHQ is a durable HQ, optionally filled with a district, serving
// DefaultLimits.
func benchHQ(b *testing.B, ents, nVisits int) (*store.HQ, *httptest.Server, string) {
	return benchHQWith(b, ents, nVisits, ServerOptions{})
}

func benchHQWith(b *testing.B, ents, nVisits int, opt ServerOptions) (*store.HQ, *httptest.Server, string) {
	hq, _ := openTestHQ(b, store.Options{})
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
	srv := benchServer(b, NewHandler(Bolt{hq}, opt)) // plain or TLS: tls_bench_test.go
	b.Cleanup(func() { srv.Close(); hq.Close() })
	return hq, srv, tok
}

func benchLaptop(b *testing.B, url, tok string) *Client {
	s, err := store.Open(filepath.Join(b.TempDir(), fmt.Sprintf("l%d.db", time.Now().UnixNano())), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if _, err := benchLogin(s, url, tok); err != nil {
		b.Fatal(err)
	}
	return &Client{Store: s}
}

func mustSync(b *testing.B, c *Client) Summary {
	sum, err := c.Sync(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	return sum
}

// Pushing 10,000 new visits (whole records) from one laptop: the sync that
// sends them, including pulling HQ's merged state back.
func BenchmarkPush10000Visits(b *testing.B) { benchPush10000(b, ServerOptions{}) }

// The same with the protocol's example limit of 500 ops per push.
func BenchmarkPush10000Visits500(b *testing.B) {
	lim := DefaultLimits
	lim.MaxOpsPerPush = 500
	benchPush10000(b, ServerOptions{Limits: lim})
}

func benchPush10000(b *testing.B, opt ServerOptions) {
	b.StopTimer()
	for i := 0; i < b.N; i++ {
		hq, srv, tok := benchHQWith(b, 0, 0, opt)
		ent := visits.Enterprise{Name: "企业"}
		if err := hq.SaveRecords("hq", &ent); err != nil {
			b.Fatal(err)
		}
		c := benchLaptop(b, srv.URL, tok)
		mustSync(b, c)
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
		sum := mustSync(b, c)
		b.StopTimer()
		b.ReportMetric(float64(sum.Pushed), "ops")
		b.ReportMetric(float64(sum.Pulled), "pulled")
	}
	b.StartTimer()
}

// A first full sync of an empty laptop from a district of 1,000
// enterprises and 20,000 visits (with their needs and follow-ups).
func BenchmarkFirstFullSync(b *testing.B) {
	b.StopTimer()
	_, srv, tok := benchHQ(b, 1000, 20000)
	for i := 0; i < b.N; i++ {
		c := benchLaptop(b, srv.URL, tok)
		b.StartTimer()
		sum := mustSync(b, c)
		b.StopTimer()
		b.ReportMetric(float64(sum.Pulled), "changes")
	}
	b.StartTimer()
}

// Syncing 100 edited records, and a sync with nothing to do, on a laptop
// holding the whole district.
func BenchmarkSync100Edited(b *testing.B) {
	b.StopTimer()
	_, srv, tok := benchHQ(b, 1000, 20000)
	c := benchLaptop(b, srv.URL, tok)
	mustSync(b, c)
	var vs []visits.Visit
	_ = c.Store.View(func(r *store.Reader) error { vs, _, _ = store.Page[visits.Visit](r, "", 100); return nil })
	round := 0
	b.StopTimer()
	for i := 0; i < b.N; i++ {
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
		sum := mustSync(b, c)
		b.StopTimer()
		if sum.Pushed != 100 {
			b.Fatalf("pushed %d", sum.Pushed)
		}
	}
	b.StartTimer()
}

func BenchmarkSyncNothingToDo(b *testing.B) {
	_, srv, tok := benchHQ(b, 1000, 20000)
	c := benchLaptop(b, srv.URL, tok)
	mustSync(b, c)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		mustSync(b, c)
	}
}
