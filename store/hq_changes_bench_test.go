package store

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// BenchmarkHQChangesOfficer measures one liaison officer's pull in a
// district of many officers who each own 100 records (one enterprise,
// its assignment, 98 visits): the first pull (since=0, paged by 1,000
// until has_more is false) and a pull that finds nothing new (since = the
// cursor the first one ended on). The district has 1,000 officers unless
// LIAISON_BENCH_OFFICERS says otherwise; LIAISON_BENCH_DISTRICT_DB names
// a bbolt file to build it in once and reuse (opening it runs HQ's
// migrations), else it is built in a temporary folder.
func BenchmarkHQChangesOfficer(b *testing.B) {
	n := 1000
	if v, err := strconv.Atoi(os.Getenv("LIAISON_BENCH_OFFICERS")); err == nil && v > 0 {
		n = v
	}
	path := os.Getenv("LIAISON_BENCH_DISTRICT_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "district.db")
	}
	if _, err := os.Stat(path); err != nil {
		buildDistrict(b, path, n)
	}
	h, err := OpenHQ(path, Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	defer h.Close()
	p := Principal{ID: fmt.Sprintf("bench-%06d", n/2), Role: visits.RoleLiaison}
	pull := func(since uint64) (uint64, int) {
		count := 0
		for {
			page, err := h.Changes(p, since, 1000)
			if err != nil {
				b.Fatal(err)
			}
			count += len(page.Changes)
			since = page.Next
			if !page.HasMore {
				return since, count
			}
		}
	}
	cursor, first := pull(0)
	if first < n { // at least every officer's record
		b.Fatalf("the first pull brought %d changes", first)
	}
	b.Run("first", func(b *testing.B) {
		for range b.N {
			pull(0)
		}
		b.ReportMetric(float64(first), "changes")
	})
	b.Run("noop", func(b *testing.B) {
		for range b.N {
			if _, c := pull(cursor); c != 0 {
				b.Fatalf("a no-op pull brought %d changes", c)
			}
		}
	})
}

// buildDistrict writes n officers, each with one enterprise assigned to
// them and 98 visits to it, into a new HQ database.
func buildDistrict(b *testing.B, path string, n int) {
	b.Helper()
	start := time.Now()
	h, err := OpenHQ(path, Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	defer h.Close()
	const perTx = 20
	for i := 0; i < n; i += perTx {
		var recs []visits.Record
		for j := i; j < min(i+perTx, n); j++ {
			id := fmt.Sprintf("bench-%06d", j)
			ent := &visits.Enterprise{Meta: visits.Meta{ID: NewID()}, Name: "企业" + id}
			recs = append(recs, &visits.Officer{Meta: visits.Meta{ID: id}, Name: "干部" + id, Roles: []string{visits.RoleLiaison}},
				ent, &visits.Assignment{Meta: visits.Meta{ID: NewID()}, EnterpriseID: ent.ID, OfficerID: id, Role: visits.RoleLiaison})
			for k := range 97 {
				recs = append(recs, &visits.Visit{Meta: visits.Meta{ID: NewID()}, EnterpriseID: ent.ID,
					At: start.Add(-time.Duration(k) * time.Hour), Occasion: visits.OccRoutine, Method: "on_site", Summary: "走访"})
			}
		}
		if err := h.SaveRecords("hq", recs...); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("built a district of %d officers × 100 records in %s", n, time.Since(start).Round(time.Second))
}
