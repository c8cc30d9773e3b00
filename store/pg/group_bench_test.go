package pg_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/store/pg/pgtest"
	"github.com/liaison-dev/liaison/visits"
)

// BenchmarkHQPushConcurrent: 32 laptops push 100 ops at a time (10 new
// visits), each its next push as soon as the last is answered, 8 pushes
// each, into a fresh HQ: with group commit (the default) and with one push
// per transaction (GroupLimits.Ops 1), on PostgreSQL (two instances on
// one database, 16 laptops each) and on a durable bbolt file. Reports
// pushes/s and the p50/p99 push latency.
func BenchmarkHQPushConcurrent(b *testing.B) {
	const laptops, pushes, per = 32, 8, 100
	work := make([][]store.Op, laptops)
	for i := range work {
		work[i] = laptopOps(b, pushes*per/10)
	}
	admin := func(i int) store.Principal {
		return store.Principal{ID: fmt.Sprintf("boss%d", i), Role: visits.RoleAdmin}
	}
	bench := func(b *testing.B, open func() []*store.HQ) {
		var lat []time.Duration
		var total time.Duration
		for range b.N {
			b.StopTimer()
			hqs := open()
			b.StartTimer()
			start := time.Now()
			var mu sync.Mutex
			var wg sync.WaitGroup
			for i, ops := range work {
				h := hqs[i%len(hqs)]
				wg.Add(1)
				go func() {
					defer wg.Done()
					for at := 0; at < len(ops); at += per {
						t0 := time.Now()
						if _, err := h.Push(admin(i), ops[at:min(at+per, len(ops))]); err != nil {
							b.Error(err)
							return
						}
						d := time.Since(t0)
						mu.Lock()
						lat = append(lat, d)
						mu.Unlock()
					}
				}()
			}
			wg.Wait()
			total += time.Since(start)
		}
		slices.Sort(lat)
		b.ReportMetric(float64(len(lat))/total.Seconds(), "pushes/s")
		b.ReportMetric(float64(lat[len(lat)/2].Milliseconds()), "p50-ms")
		b.ReportMetric(float64(lat[len(lat)*99/100].Milliseconds()), "p99-ms")
	}
	for _, mode := range []struct {
		name string
		lim  store.GroupLimits
	}{{"grouped", store.DefaultGroupLimits}, {"one-per-tx", store.GroupLimits{Ops: 1, Bytes: 1}}} {
		b.Run("postgres/"+mode.name, func(b *testing.B) {
			bench(b, func() []*store.HQ {
				dsn := pgtest.DB(b)
				hqs := []*store.HQ{openHQ(b, dsn, "hqa"), openHQ(b, dsn, "hqb")}
				for _, h := range hqs {
					h.SetGroupLimits(mode.lim)
				}
				return hqs
			})
		})
		b.Run("bbolt/"+mode.name, func(b *testing.B) {
			bench(b, func() []*store.HQ {
				h, err := store.OpenHQ(filepath.Join(b.TempDir(), "hq.db"), store.Options{})
				if err != nil {
					b.Fatal(err)
				}
				b.Cleanup(func() { h.Close() })
				h.SetGroupLimits(mode.lim)
				return []*store.HQ{h}
			})
		})
	}
}
