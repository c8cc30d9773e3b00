package visits_test

import (
	"fmt"
	"testing"

	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/visitstest"
)

func TestWeeklyReportFigures(t *testing.T) {
	ds, week, opts := visitstest.SmallDataset()
	r := visits.WeeklyReport(ds, week, opts)
	f := func(v, p int) visits.Figure { return visits.Figure{Value: v, Prev: p} }
	check := func(name string, got, want any) {
		t.Helper()
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	byCode := func(cs []visits.CodeFigure) map[string]visits.Figure {
		m := map[string]visits.Figure{}
		for _, c := range cs {
			if c.Value != 0 || c.Prev != 0 {
				m[c.Code] = c.Figure
			}
		}
		return m
	}
	check("as of", r.AsOf, visits.Date("2026-11-29"))
	check("visits", r.Visits.Total, f(3, 1))
	check("by occasion", byCode(r.Visits.ByOccasion), map[string]visits.Figure{
		visits.OccRoutine: f(1, 0), visits.OccDifficulty: f(1, 0), visits.OccFestivalCare: f(1, 0), visits.OccApplicationNode: f(0, 1)})
	check("by method", byCode(r.Visits.ByMethod), map[string]visits.Figure{"on_site": f(1, 1), "phone": f(1, 0), "symposium": f(1, 0)})
	check("coverage", r.Coverage, visits.CoverageFigures{Assigned: f(3, 3), VisitedWeek: f(2, 1), VisitedMonth: f(2, 2), Never: f(1, 1)})
	check("lists", r.Lists, []visits.ListFigure{
		{Code: visits.ListHNTEExpiring, Members: f(1, 1), VisitedYear: f(1, 1)},
		{Code: visits.ListProvNotHNTE, Members: f(1, 1), VisitedYear: f(1, 1)},
		{Code: visits.ListFailedRenewal, Members: f(0, 0), VisitedYear: f(0, 0)},
	})
	// n1 (urgent, in progress since 11-17) is measured against its close date
	// 11-25, not its reply date 11-20: overdue this week, not last week.
	check("needs total", r.Needs.Total, visits.NeedRow{New: f(1, 2), Closed: f(1, 0), Overdue: f(2, 1), Open: f(3, 3)})
	check("needs by category", r.Needs.ByCategory, []visits.NeedRow{
		{Code: "policy", New: f(1, 0), Closed: f(1, 0), Overdue: f(1, 1), Open: f(1, 1)},
		{Code: "tech", New: f(0, 1), Closed: f(0, 0), Overdue: f(1, 0), Open: f(1, 1)},
		{Code: "ip", New: f(0, 1), Closed: f(0, 0), Overdue: f(0, 0), Open: f(1, 1)},
	})
	units := []string{}
	for _, n := range r.Needs.ByLeadUnit {
		units = append(units, n.Code)
	}
	check("lead units", units, []string{"区科技局", "区税务局", "区市场监管局", ""})
	check("revisits", r.Revisits.Total, f(2, 1))
	check("revisit rate", []visits.Ratio{r.Revisits.Rate, r.Revisits.PrevRate}, []visits.Ratio{{1, 2}, {0, 0}})
	check("pipeline total", r.Pipeline.Total, f(2, 2))
	stages := map[string]int{}
	for _, c := range r.Pipeline.ByStage {
		stages[c.Code] = c.Value
	}
	check("stages", stages, map[string]int{visits.StageGuide: 0, visits.StageCultivate: 0, visits.StageMature: 1, visits.StageApply: 1})
	batches := []string{}
	for _, b := range r.Pipeline.ByBatch {
		batches = append(batches, fmt.Sprintf("%d:%d:%d", b.Batch, b.Planned.Value, b.DaysLeft))
	}
	check("batches", batches, []string{"1:1:-152", "2:1:-106", "3:0:16"})
	check("next batch", []any{r.Pipeline.NextBatch, r.Pipeline.NextDeadline, r.Pipeline.DaysToNextBatch}, []any{3, "2026-12-15", 16})

	if len(r.Decisions) != 2 {
		t.Fatalf("decisions = %+v", r.Decisions)
	}
	d0, d1 := r.Decisions[0], r.Decisions[1]
	check("decision 0", []any{d0.Kind, d0.RecordID, d0.Owner, d0.OwnerUnit, d0.AgeDays, d0.Due},
		[]any{visits.DecisionOverdueUrgentNeed, "n1", "张联络", "区科技局", 13, "2026-11-25"})
	check("decision 1", []any{d1.Kind, d1.RecordID, d1.Owner, d1.AgeDays, d1.Subject},
		[]any{visits.DecisionBlockedApplication, "ap1", "张联络", 9, "研发费用归集不规范"})

	if len(r.Rows) != 2 {
		t.Fatalf("rows = %+v", r.Rows)
	}
	e2, e1 := r.Rows[0], r.Rows[1]
	check("row e2", []any{e2.EnterpriseID, e2.Tier, e2.Lists, e2.Stage, e2.Batch, e2.OpenNeeds, e2.Liaison, e2.Commissioner, e2.NextStep},
		[]any{"e2", visits.TierHNTE, []string{visits.ListHNTEExpiring}, visits.StageApply, 1, 1, []string{"张联络"}, []string{}, visits.NextStep{Due: "2026-12-01", Text: "协调专家"}})
	check("row e2 progress", e2.Progress, []visits.ProgressItem{
		{Date: "2026-11-25", Kind: visits.ProgressVisit, Code: visits.OccDifficulty, Text: "停产求助"},
		{Date: "2026-11-27", Kind: visits.ProgressNeedClosed, Text: "税收优惠咨询"},
	})
	check("row e1", []any{e1.EnterpriseID, e1.Tier, e1.Lists, e1.Stage, e1.Batch, e1.OpenNeeds, e1.Commissioner, e1.NextStep},
		[]any{"e1", visits.TierProv, []string{visits.ListProvNotHNTE}, visits.StageMature, 2, 2, []string{"王专员"}, visits.NextStep{Text: "12月回访研发费用归集"}})
	check("row e1 progress", e1.Progress, []visits.ProgressItem{
		{Date: "2026-11-24", Kind: visits.ProgressVisit, Code: visits.OccRoutine, Text: "了解研发投入"},
		{Date: "2026-11-26", Kind: visits.ProgressFollowUpDone, Text: "送政策: 已送达"},
	})
}

// TestWeeklyReportMidWeek: generated on a Wednesday, states are taken on
// that day.
func TestWeeklyReportMidWeek(t *testing.T) {
	ds, week, opts := visitstest.SmallDataset()
	opts.GeneratedAt = visitstest.Cst("2026-11-25", "18:00")
	r := visits.WeeklyReport(ds, week, opts)
	if r.AsOf != "2026-11-25" || r.Pipeline.DaysToNextBatch != 20 {
		t.Errorf("as of %s, days to batch %d", r.AsOf, r.Pipeline.DaysToNextBatch)
	}
}
