package store

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// The outbox read as a person's work: one entry per record, new or
// changed, with its enterprise, its day and the fields changed.
func TestPendingWork(t *testing.T) {
	now := time.Date(2026, 12, 2, 6, 14, 39, 0, time.UTC) // 14:14 in Shanghai
	s, err := Open(filepath.Join(t.TempDir(), "t.db"), Options{NoSync: true, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ent := &visits.Enterprise{Meta: visits.Meta{ID: "e1"}, Name: "兰州飞天科技有限公司"}
	need := &visits.Need{Meta: visits.Meta{ID: "n1", CreatedAt: now.Add(-48 * time.Hour)}, EnterpriseID: "e1",
		Category: "finance", Severity: visits.SeverityConsult, Title: "融资", Status: visits.StatusRegistered}
	if err := s.Seed([]visits.Record{ent, need}); err != nil { // as if from HQ: nothing pending
		t.Fatal(err)
	}
	v := &visits.Visit{EnterpriseID: "e1", At: now, Occasion: visits.OccRoutine, Method: "on_site", Summary: "走访"}
	err = s.Update(func(w *Writer) error {
		if err := w.AddVisit(v); err != nil {
			return err
		}
		return w.ChangeNeedStatus("n1", visits.StatusAccepted, "", "")
	})
	if err != nil {
		t.Fatal(err)
	}
	var work []PendingWork
	var pending int
	_ = s.View(func(r *Reader) (err error) {
		pending = r.PendingCount()
		work, err = r.PendingWork(0)
		return err
	})
	byType := map[string]PendingWork{}
	ops := 0
	for _, w := range work {
		byType[w.Type] = w
		ops += w.Ops
	}
	if ops != pending {
		t.Errorf("%d ops in the work, %d pending", ops, pending)
	}
	var records int
	_ = s.View(func(r *Reader) error { records = r.PendingRecords(); return nil })
	if records != len(work) || records != 3 {
		t.Errorf("PendingRecords %d, %d records in the work (want 3: visit, need, need event)", records, len(work))
	}
	vw := byType[visits.TypeVisit]
	if !vw.New || vw.EnterpriseID != "e1" || vw.When != "2026-12-02" || vw.ID != v.ID {
		t.Errorf("visit: %+v", vw)
	}
	nw := byType[visits.TypeNeed]
	if nw.New || nw.EnterpriseID != "e1" || nw.Title != "融资" || string(nw.Values["status"]) != `"accepted"` {
		t.Errorf("need: %+v", nw)
	}
	for _, f := range nw.Fields {
		if metaFields[f] {
			t.Errorf("need lists meta field %s", f)
		}
	}
	if ev, ok := byType[visits.TypeNeedEvent]; !ok || ev.EnterpriseID != "e1" || !ev.New {
		t.Errorf("need event: %+v", ev)
	}
	// A limit stops at that many records.
	_ = s.View(func(r *Reader) (err error) { work, err = r.PendingWork(1); return err })
	if len(work) != 1 || work[0].Type != visits.TypeVisit {
		t.Fatalf("limit 1: %+v", work)
	}
}
