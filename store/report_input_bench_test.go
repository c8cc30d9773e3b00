package store

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/demo"
	"github.com/liaison-dev/liaison/visits/render"
	"github.com/liaison-dev/liaison/visits/visitstest"
)

var (
	reportBenchOnce sync.Once
	reportBenchDB   string
	reportBenchErr  error
)

// reportBenchStore opens, read-only, a database seeded once per run with
// 10,000 enterprises and 100,000 visits (LIAISON_BENCH_SIZE=E,V for
// another size; LIAISON_BENCH_DB=FILE to use an already seeded file, such
// as one made by `liaison demo seed`).
func reportBenchStore(b *testing.B) *Store {
	b.Helper()
	reportBenchOnce.Do(func() {
		if p := os.Getenv("LIAISON_BENCH_DB"); p != "" {
			reportBenchDB = p
			return
		}
		ents, vis := 10000, 100000
		if size := os.Getenv("LIAISON_BENCH_SIZE"); size != "" {
			e, v, _ := strings.Cut(size, ",")
			ents, _ = strconv.Atoi(e)
			vis, _ = strconv.Atoi(v)
		}
		dir, err := os.MkdirTemp("", "liaison-report-bench-")
		if err != nil {
			reportBenchErr = err
			return
		}
		reportBenchDB = filepath.Join(dir, "seeded.db")
		s, err := Open(reportBenchDB, Options{NoSync: true})
		if err != nil {
			reportBenchErr = err
			return
		}
		defer s.Close()
		d := demo.Generate(demo.Options{Enterprises: ents, Visits: vis, Seed: 1, Now: time.Now(), NewID: NewID})
		reportBenchErr = s.Seed(d.Records())
		b.Logf("seeded %d enterprises, %d visits in %s", ents, vis, reportBenchDB)
	})
	if reportBenchErr != nil {
		b.Fatal(reportBenchErr)
	}
	s, err := Open(reportBenchDB, Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkWeeklyReportInput gathers the inputs of this week's report
// (WeeklyReportInput), computes it and writes it as JSON, in one read
// transaction: "lean" reads what the report needs, "full" every record
// (as before). It reports the heap in use right after the report is
// written (its inputs still held) and the bytes allocated per report.
//
//	go test ./store -run '^$' -bench WeeklyReportInput -benchtime 5x
func BenchmarkWeeklyReportInput(b *testing.B) {
	s := reportBenchStore(b)
	week := visits.WeekOf(visits.DateOf(time.Now()))
	for _, full := range []bool{false, true} {
		name := "lean"
		if full {
			name = "full"
		}
		b.Run(name, func(b *testing.B) {
			var ms0, ms runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&ms0)
			var peak uint64
			b.ResetTimer()
			cpu := visitstest.CPUTime()
			for i := 0; i < b.N; i++ {
				err := s.View(func(r *Reader) error {
					in, err := r.WeeklyReportInput(week, WeeklyReportOptions{GeneratedAt: time.Now(), Full: full})
					if err != nil {
						return err
					}
					if err := render.JSON(io.Discard, in.Report()); err != nil {
						return err
					}
					runtime.ReadMemStats(&ms)
					peak = max(peak, ms.HeapInuse)
					runtime.KeepAlive(in)
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64((visitstest.CPUTime()-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(ms.TotalAlloc-ms0.TotalAlloc)/float64(b.N)/(1<<20), "alloc-MB/op")
			b.ReportMetric(float64(peak)/(1<<20), "heap-inuse-MB")
		})
	}
}
