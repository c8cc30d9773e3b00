package pg_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/store/pg/pgtest"
	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/demo"
)

// HQ on PostgreSQL keeps the report summaries through its own writes (the
// open's migration made the buckets), and its weekly report, read from
// them in one transaction (no second goroutine: only bbolt transactions
// are read from several), is the one built from every record.
func TestWeeklyReportFromSummariesOnPostgres(t *testing.T) {
	h := openHQ(t, pgtest.DB(t), "hqreport")
	now := time.Now()
	d := demo.Generate(demo.Options{Enterprises: 30, Visits: 300, Seed: 12, Now: now, NewID: store.NewID})
	if err := h.SaveRecords("admin", d.Records()...); err != nil {
		t.Fatal(err)
	}
	if p, err := h.Store().Check(); err != nil || len(p) > 0 {
		t.Fatalf("check: %v %v", p, err)
	}
	week := visits.WeekOf(visits.DateOf(now))
	for _, w := range []visits.Week{week, week.Prev()} {
		var lean, full []byte
		err := h.Store().View(func(r *store.Reader) error {
			a, err := r.WeeklyReportInput(w, store.WeeklyReportOptions{GeneratedAt: now, DataAsOf: now})
			if err != nil {
				return err
			}
			b, err := r.WeeklyReportInput(w, store.WeeklyReportOptions{GeneratedAt: now, DataAsOf: now, Full: true})
			if err != nil {
				return err
			}
			lean, _ = json.Marshal(a.Report())
			full, _ = json.Marshal(b.Report())
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if string(lean) != string(full) {
			t.Errorf("%s: the report from the summaries differs from the one from every record", w)
		}
	}
}
