package tui

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// The visits owed follow the HNTE batch deadlines HQ sent: on 27 November
// 2026 every default deadline of 2026 has passed, so a mature enterprise
// owes no application visit until HQ sets a third batch in December.
func TestSnapshotFollowsHQBatches(t *testing.T) {
	s, err := store.Open(filepath.Join(t.TempDir(), "t.db"), store.Options{NoSync: true, Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ent := &visits.Enterprise{Meta: visits.Meta{ID: "e1", CreatedAt: fixedNow.AddDate(-2, 0, 0)}, Name: "甲公司", Stage: visits.StageMature}
	if err := s.Seed([]visits.Record{ent}); err != nil {
		t.Fatal(err)
	}
	appVisits := func() []string {
		t.Helper()
		sn, err := loadSnapshot(s, fixedNow)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, o := range sn.owed {
			if o.Occasion == visits.OccApplicationNode {
				out = append(out, string(o.Due)+" "+o.Detail)
			}
		}
		return out
	}
	if got := appVisits(); len(got) != 0 {
		t.Fatalf("with the default deadlines (all passed): %v", got)
	}
	value, _ := json.Marshal([]string{"2026-06-30", "2026-08-15", "2026-12-20"})
	// As a pull stores it: HQ's record, no outbox entry.
	if err := s.Seed([]visits.Record{&visits.Setting{Meta: visits.Meta{ID: "batches:2026"}, Value: value}}); err != nil {
		t.Fatal(err)
	}
	if got := appVisits(); len(got) != 1 || !strings.Contains(got[0], "2026-12-20") {
		t.Errorf("with HQ's third batch on 2026-12-20: %v", got)
	}
}
