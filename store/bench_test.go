package store

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/demo"
)

// BenchmarkSaveVisit saves one visit per op in its own durable transaction:
// record, indexes and outbox, fsynced. It reports the median as well as
// the mean, since the target is a median.
func BenchmarkSaveVisit(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "bench.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	e := &visits.Enterprise{Name: "兰州测试科技有限公司"}
	must(b, s.Update(func(w *Writer) error { return w.AddEnterprise(e, false) }))
	took := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v := &visits.Visit{EnterpriseID: e.ID, Occasion: visits.OccRoutine, Method: "on_site",
			Purposes: []string{"policy", "needs"}, At: time.Now().UTC(), PeopleMet: "张伟（总经理）",
			Summary: "企业反映“融资难”——需对接银行……了解研发投入和高企申报准备情况。"}
		start := time.Now()
		must(b, s.Update(func(w *Writer) error { return w.AddVisit(v) }))
		took = append(took, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Nanoseconds()), "median-ns/op")
}

// seeded opens a database with 10,000 enterprises and 100,000 visits,
// made once per benchmark run.
func seeded(b *testing.B) (*Store, *demo.Data) {
	b.Helper()
	s, err := Open(filepath.Join(b.TempDir(), "seeded.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	d := demo.Generate(demo.Options{Enterprises: 10000, Visits: 100000, Seed: 1, Now: time.Now(), NewID: NewID})
	if err := s.Seed(d.Records()); err != nil {
		b.Fatal(err)
	}
	return s, d
}

// BenchmarkVisitsOfEnterprise lists one enterprise's visits (about ten)
// in a database of 100,000 visits.
func BenchmarkVisitsOfEnterprise(b *testing.B) {
	s, d := seeded(b)
	defer s.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		id := d.Enterprises[i%len(d.Enterprises)].ID
		err := s.View(func(r *Reader) error {
			vs, err := r.VisitsOf(id, 0)
			if err == nil && len(vs) == 0 {
				b.Fatal("no visits")
			}
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDemoSeed generates and stores 10,000 enterprises and 100,000
// visits (with their needs, history and follow-ups), durably.
func BenchmarkDemoSeed(b *testing.B) {
	for i := 0; i < b.N; i++ {
		s, _ := seeded(b)
		s.Close()
	}
}
