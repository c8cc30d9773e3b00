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
	s := pipelineStore(t)
	appVisits := func() []string {
		return owedWhere(t, s, func(o owedRow) bool { return o.Occasion == visits.OccApplicationNode })
	}
	if got := appVisits(); len(got) != 0 {
		t.Fatalf("with the default deadlines (all passed): %v", got)
	}
	value, _ := json.Marshal([]string{"2026-06-30", "2026-08-15", "2026-12-20"})
	seedSetting(t, s, "batches:2026", value)
	if got := appVisits(); len(got) != 1 || !strings.Contains(got[0], "2026-12-20") {
		t.Errorf("with HQ's third batch on 2026-12-20: %v", got)
	}
}

// pipelineStore is a laptop store holding one mature (pipeline)
// enterprise, two years old.
func pipelineStore(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "t.db"), store.Options{NoSync: true, Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ent := &visits.Enterprise{Meta: visits.Meta{ID: "e1", CreatedAt: fixedNow.AddDate(-2, 0, 0)}, Name: "甲公司", Stage: visits.StageMature}
	if err := s.Seed([]visits.Record{ent}); err != nil {
		t.Fatal(err)
	}
	return s
}

// owedWhere loads a snapshot and returns "due detail" of the visits owed
// that keep holds.
func owedWhere(t *testing.T, s *store.Store, keep func(owedRow) bool) []string {
	t.Helper()
	sn, err := loadSnapshot(s, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, o := range sn.owed {
		if keep(o) {
			out = append(out, string(o.Due)+" "+o.Detail)
		}
	}
	return out
}

// seedSetting stores HQ's setting as a pull stores it: HQ's record, no
// outbox entry.
func seedSetting(t *testing.T, s *store.Store, id string, value []byte) {
	t.Helper()
	if err := s.Seed([]visits.Record{&visits.Setting{Meta: visits.Meta{ID: id}, Value: value}}); err != nil {
		t.Fatal(err)
	}
}

// The screens label occasions and units in HQ's wording, and the need
// form offers HQ's unit list.
func TestScreensUseHQWording(t *testing.T) {
	s, err := store.Open(filepath.Join(t.TempDir(), "t.db"), store.Options{NoSync: true, Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c := &common{st: s, lang: visits.ZH}
	if c.label(visits.KindOccasion, visits.OccDifficulty) != visits.Label(visits.KindOccasion, visits.OccDifficulty, visits.ZH) {
		t.Fatal("before any load: not the built-in label")
	}
	units := append(visits.Settings{}.UnitTerms(), visits.UnitTerm{Code: "区农业农村局", ZH: "区农业农村局", EN: "Agriculture"})
	wording, _ := json.Marshal(visits.Wording{"occasion": {"difficulty": {ZH: "遇困难必访"}}, "unit": {"区科技局": {ZH: "区科学技术局"}}})
	unitsJSON, _ := json.Marshal(units)
	if err := s.Seed([]visits.Record{&visits.Setting{Meta: visits.Meta{ID: "wording"}, Value: wording},
		&visits.Setting{Meta: visits.Meta{ID: "units"}, Value: unitsJSON}}); err != nil {
		t.Fatal(err)
	}
	if c.snap, err = loadSnapshot(s, fixedNow); err != nil {
		t.Fatal(err)
	}
	if l := c.label(visits.KindOccasion, visits.OccDifficulty); l != "遇困难必访" {
		t.Errorf("occasion label %q", l)
	}
	if l := c.label(visits.KindUnit, "区科技局"); l != "区科学技术局" {
		t.Errorf("unit label %q", l)
	}
	ts := c.terms(visits.KindUnit)
	if len(ts) != len(units) || ts[0].ZH != "区科学技术局" || ts[len(ts)-1].Code != "区农业农村局" || ts[len(ts)-1].EN != "Agriculture" {
		t.Errorf("unit terms %v", ts)
	}
	c.lang = visits.EN
	if l := c.label(visits.KindOccasion, visits.OccDifficulty); l != visits.Label(visits.KindOccasion, visits.OccDifficulty, visits.EN) {
		t.Errorf("English label without HQ's English wording: %q", l)
	}
}

// The visits owed follow the tech-SME evaluation window HQ sent
// (tsme_window:YEAR): on 27 November 2026 the default window (to 30
// September) has closed, so a pipeline enterprise owes no 科小 visit until
// HQ opens a window that is still open, and then the visit names HQ's dates.
func TestSnapshotFollowsHQTSMEWindow(t *testing.T) {
	s := pipelineStore(t)
	tsmeVisits := func() []string {
		return owedWhere(t, s, func(o owedRow) bool { return o.Reason == visits.ReasonTSMEWindow })
	}
	if got := tsmeVisits(); len(got) != 0 {
		t.Fatalf("with the default window (closed on 2026-09-30): %v", got)
	}
	value, _ := json.Marshal(visits.TSMEWindowValue{Opens: "2026-11-01", Closes: "2026-12-20"})
	seedSetting(t, s, "tsme_window:2026", value)
	if got := tsmeVisits(); len(got) != 1 || !strings.Contains(got[0], "2026-11-01") || !strings.Contains(got[0], "2026-12-20") {
		t.Errorf("with HQ's window 2026-11-01 to 2026-12-20: %v, want one visit naming it", got)
	}
}
