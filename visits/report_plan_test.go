package visits_test

import (
	"fmt"
	"testing"

	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/visitstest"
)

// TestWeeklyReportPlanFigures checks every figure of the plan's sections
// against counts made by hand from visitstest.SmallDataset (week 2026-W48,
// counted on Sunday 2026-11-29, day 333 of 365; last week ends 11-22).
func TestWeeklyReportPlanFigures(t *testing.T) {
	ds, week, opts := visitstest.SmallDataset()
	r := visits.WeeklyReport(ds, week, opts)
	f := func(v, p int) visits.Figure { return visits.Figure{Value: v, Prev: p} }
	check := func(name string, got, want any) {
		t.Helper()
		if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
			t.Errorf("%s =\n%+v, want\n%+v", name, got, want)
		}
	}
	// v1, v2 (e1, e2) and v5 (e3) this week; v3 (e1) last week.
	check("enterprises visited", r.Visits.Enterprises, f(3, 1))

	// e1 prov (规上, 民营), e2 hnte (民营, 专精特新), e3 none, e4 tsme
	// issued 2026-03-01 (小巨人); e5 is created after the week.
	check("tiers", r.Tiers, []visits.TierFigure{
		{Code: visits.TierNone, Figure: f(1, 1)},
		{Code: visits.TierTSME, Figure: f(1, 1), Specialized: 1},
		{Code: visits.TierProv, Figure: f(1, 1), AboveSize: 1, Private: 1},
		{Code: visits.TierHNTE, Figure: f(1, 1), Private: 1, Specialized: 1},
	})

	// Annual: expected = target × 333/365. Stock (by 2027-12-31): baseline
	// on 2025-12-31 + (target − baseline) × 333/730.
	tf := func(code string, year int, unit string, annual bool, target, actual, share, base, expected float64, on bool) visits.TargetFigure {
		return visits.TargetFigure{Code: code, Year: year, Unit: unit, Annual: annual, Target: target, Actual: actual,
			Share: share, Baseline: base, Expected: expected, OnTrack: on}
	}
	c, p := visits.UnitCount, visits.UnitPercent
	check("targets", r.Targets, []visits.TargetFigure{
		tf(visits.TargetNewHNTE, 2026, c, true, 35, 0, 0, 0, 31.9, false),
		tf(visits.TargetNewProv, 2026, c, true, 50, 0, 0, 0, 45.6, false),
		tf(visits.TargetNewTSME, 2026, c, true, 300, 1, 0.3, 0, 273.7, false),
		tf(visits.TargetHNTE, 2027, c, false, 255, 1, 0.4, 1, 116.9, false),
		tf(visits.TargetProv, 2027, c, false, 319, 1, 0.3, 1, 146.1, false),
		tf(visits.TargetTSME, 2027, c, false, 432, 1, 0.2, 0, 197.1, false),
		tf(visits.TargetHNTEAboveSize, 2027, c, false, 40, 0, 0, 0, 18.2, false),
		tf(visits.TargetHNTEPrivateShare, 2027, p, false, 80, 100, 125, 100, 80, true),
		tf(visits.TargetTSMEPrivateShare, 2027, p, false, 85, 0, 0, 0, 38.8, false),
		tf(visits.TargetSpecialized, 2027, c, false, 56, 2, 3.6, 2, 26.6, false),
	})

	// ap1 (hnte, batch 1) stands at 已提交 on 11-29 (区级审核推荐 is dated
	// 12-02), moved this week (11-24); ap2 (tsme) 认定通过; ap3 is 2025's.
	check("funnel", r.Funnel, []visits.FunnelRow{
		{Code: visits.TierHNTE, Total: 1, Submitted: 1, Moved: 1},
		{Code: visits.TierHNTE, Batch: 1, Total: 1, Submitted: 1, Moved: 1},
		{Code: visits.TierProv},
		{Code: visits.TierTSME, Total: 1, Approved: 1},
	})

	// 2026 to 11-29: v1–v5 (v6 is 11-30); n1–n4 registered, n2 closed
	// 11-27 before its deadline; revisits ev6 (satisfied), ev9
	// (unreached), ev10 (unsatisfied).
	check("year", r.Year, visits.YearFigures{Year: 2026, Visits: 5, Needs: 4, Closed: 1, OnTime: 1,
		CloseRate: visits.Ratio{Num: 1, Den: 4}, OnTimeRate: visits.Ratio{Num: 1, Den: 1},
		Revisits: 3, Satisfaction: visits.Ratio{Num: 1, Den: 2}})

	// n1 (急难愁盼) registered 11-16 (last week), open, overdue from 11-25.
	check("jinanchoupan", r.Jinanchoupan, visits.JinanchoupanFigures{New: f(0, 1), Open: f(1, 1), Overdue: f(1, 0), Year: 1})

	matrix := map[string]string{}
	for _, m := range r.NeedMatrix {
		if m.New.Value+m.Closed.Value+m.Overdue.Value+m.Open.Value+m.CloseRate.Den > 0 {
			matrix[m.Code] = fmt.Sprintf("%d %d %d %d %d/%d", m.New.Value, m.Closed.Value, m.Overdue.Value, m.Open.Value, m.CloseRate.Num, m.CloseRate.Den)
		}
	}
	check("matrix", matrix, map[string]string{"policy": "1 1 1 1 1/2", "tech": "0 0 1 1 0/1", "ip": "0 0 0 1 0/1"})
	if len(r.NeedMatrix) != len(visits.Codes(visits.KindCategory)) || r.NeedMatrix[0].Code != "policy" {
		t.Errorf("matrix rows: %d, first %q; want every category in order", len(r.NeedMatrix), r.NeedMatrix[0].Code)
	}

	// Overdue: n1 (区科技局) this week only; n3 (no unit) both weeks.
	check("overdue by unit", r.OverdueByUnit, []visits.CodeFigure{{Code: "区科技局", Figure: f(1, 0)}, {Code: "", Figure: f(1, 1)}})

	// 科技人员占比: e1 5% (not met), e2 9.5% (near the 10% bar).
	check("readiness gaps", r.ReadinessGaps, []visits.GapFigure{{Code: visits.ReadyRDStaff, NotMet: 1, Near: 1}})

	// o1 (区科技局) led v1, v2 and holds e1, e2, e4 (e4 never visited); o2
	// (区工信局) led v5 this week and v3 last week and holds e1.
	af := func(code, name, unit string, v, lv, as, w, m, y, n int) visits.AreaFigure {
		return visits.AreaFigure{Code: code, Name: name, Unit: unit, Visits: v, VisitsLastWeek: lv, Assigned: as,
			VisitedWeek: w, VisitedMonth: m, VisitedYear: y, Never: n}
	}
	check("by officer", r.ByOfficer, []visits.AreaFigure{
		af("o1", "张联络", "区科技局", 2, 0, 3, 2, 2, 2, 1),
		af("o2", "王专员", "区工信局", 1, 1, 1, 1, 1, 1, 0),
	})
	check("by street", r.ByStreet, []visits.AreaFigure{
		af("东岗街道", "", "", 2, 1, 1, 1, 1, 1, 0),
		af("拱星墩街道", "", "", 0, 0, 1, 0, 0, 0, 1),
		af("雁南街道", "", "", 1, 0, 1, 1, 1, 1, 0),
	})
	check("by unit", r.ByUnit, []visits.AreaFigure{
		af("区科技局", "", "", 2, 0, 3, 2, 2, 2, 1),
		af("区工信局", "", "", 1, 1, 1, 1, 1, 1, 0),
	})
	check("coverage o1", r.ByOfficer[0].Coverage(), visits.Ratio{Num: 2, Den: 3})
	check("hq texts", []string{r.NextWeekPlan, r.Problems}, []string{opts.Note.Plan, opts.Note.Problems})
}

// TestReportTargetsOnTrack: HQ's own targets replace the defaults; a stock
// target met pro rata is on track, one of a past year or of an unknown
// code is left out.
func TestReportTargetsOnTrack(t *testing.T) {
	ds, week, opts := visitstest.SmallDataset()
	opts.Targets = []visits.Target{
		{Code: visits.TargetTSME, Year: 2026, Value: 1, Unit: visits.UnitCount}, // 0 on 2025-12-31; 1 × 333/365 = 0.9 expected
		{Code: visits.TargetNewTSME, Year: 2026, Value: 2, Unit: visits.UnitCount, Annual: true},
		{Code: visits.TargetHNTE, Year: 2025, Value: 9, Unit: visits.UnitCount},
		{Code: "unknown", Year: 2026, Value: 1, Unit: visits.UnitCount},
	}
	r := visits.WeeklyReport(ds, week, opts)
	if len(r.Targets) != 2 {
		t.Fatalf("targets = %+v", r.Targets)
	}
	if g := r.Targets[0]; g.Code != visits.TargetTSME || g.Expected != 0.9 || !g.OnTrack || g.Share != 100 {
		t.Errorf("tsme = %+v", g)
	}
	if g := r.Targets[1]; g.Expected != 1.8 || g.OnTrack { // 2 × 333/365 = 1.82 > 1
		t.Errorf("new tsme = %+v", g)
	}
}
