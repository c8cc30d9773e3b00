package visits

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/report")

// cst builds a time in Asia/Shanghai.
func cst(day string, hm string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", day+" "+hm, Shanghai)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func meta(id string, created time.Time) Meta {
	return Meta{ID: id, CreatedAt: created, UpdatedAt: created}
}

// smallDataset is the fixed dataset of the report tests, for week
// 2026-W48 (Monday 23 to Sunday 29 November 2026). The expected figures in
// TestWeeklyReportFigures are counted by hand from it.
func smallDataset() (Dataset, Week, ReportOptions) {
	old := cst("2025-01-01", "09:00")
	ds := Dataset{
		Officers: []Officer{
			{Meta: meta("o1", old), Name: "张联络", Roles: []string{RoleLiaison}},
			{Meta: meta("o2", old), Name: "王专员", Roles: []string{RoleCommissioner}, Institution: "兰州大学"},
		},
		Enterprises: []Enterprise{
			{Meta: meta("e1", old), USCC: usccA, Name: "甲科技有限公司", Street: "东岗街道", Domain: "electronic_info",
				Key: true, Stage: StageMature, Batch: 2,
				Qualifications: []Qualification{{Kind: TierProv, Issued: "2025-01-01", Expires: "2027-12-31"}}},
			{Meta: meta("e2", old), USCC: usccB, Name: "乙新材料有限公司", Street: "雁南街道", Domain: "new_materials",
				Stage:          StageApply,
				Qualifications: []Qualification{{Kind: TierHNTE, Certificate: "GR202362000001", Issued: "2023-12-21", Expires: "2026-12-20"}}},
			{Meta: meta("e3", old), Name: "丙服务有限公司", Street: "东岗街道"},
			{Meta: meta("e4", old), USCC: usccC, Name: "丁制造有限公司", Street: "拱星墩街道"},
			{Meta: meta("e5", cst("2026-12-01", "09:00")), Name: "戊未来有限公司", Stage: StageGuide}, // created after the week
		},
		Assignments: []Assignment{
			{Meta: meta("a1", old), EnterpriseID: "e1", OfficerID: "o1", Role: RoleLiaison},
			{Meta: meta("a2", old), EnterpriseID: "e1", OfficerID: "o2", Role: RoleCommissioner},
			{Meta: meta("a3", old), EnterpriseID: "e2", OfficerID: "o1", Role: RoleLiaison},
			{Meta: meta("a4", old), EnterpriseID: "e4", OfficerID: "o1", Role: RoleLiaison},
		},
		Visits: []Visit{
			{Meta: meta("v1", old), EnterpriseID: "e1", At: cst("2026-11-24", "10:00"), Occasion: OccRoutine, Method: "on_site",
				Summary: "了解研发投入", NextPlan: "12月回访研发费用归集"},
			{Meta: meta("v2", old), EnterpriseID: "e2", At: cst("2026-11-25", "15:00"), Occasion: OccDifficulty, Method: "phone", Summary: "停产求助"},
			{Meta: meta("v3", old), EnterpriseID: "e1", At: cst("2026-11-18", "09:30"), Occasion: OccApplicationNode, Method: "on_site", Summary: "申报辅导"},
			{Meta: meta("v4", old), EnterpriseID: "e2", At: cst("2026-11-03", "09:30"), Occasion: OccRoutine, Method: "on_site", Summary: "例行走访"},
			{Meta: meta("v5", old), EnterpriseID: "e3", At: cst("2026-11-29", "23:30"), Occasion: OccFestivalCare, Method: "symposium", Summary: "座谈"},
			{Meta: meta("v6", old), EnterpriseID: "e1", At: cst("2026-11-30", "01:00"), Occasion: OccRoutine, Method: "on_site", Summary: "下周"},
		},
		Needs: []Need{
			{Meta: meta("n1", cst("2026-11-16", "09:00")), EnterpriseID: "e1", Category: "tech", Severity: SeverityUrgent,
				Title: "检测设备故障", LeadUnit: "区科技局", FirstReceiver: "o1", RegisteredAt: cst("2026-11-16", "09:00"),
				ReplyDue: "2026-11-20", Status: StatusInProgress},
			{Meta: meta("n2", cst("2026-11-25", "15:00")), EnterpriseID: "e2", Category: "policy", Severity: SeverityGeneral,
				Title: "税收优惠咨询", LeadUnit: "区税务局", RegisteredAt: cst("2026-11-25", "15:00"), ReplyDue: "2026-11-27", Status: StatusClosed},
			{Meta: meta("n3", cst("2026-11-10", "09:00")), EnterpriseID: "e1", Category: "policy", Severity: SeverityGeneral,
				Title: "人才补贴", RegisteredAt: cst("2026-11-10", "09:00"), ReplyDue: "2026-11-12", Status: StatusRegistered},
			{Meta: meta("n4", cst("2026-11-18", "09:00")), EnterpriseID: "e2", Category: "ip", Severity: SeverityComplex,
				Title: "专利布局", LeadUnit: "区市场监管局", RegisteredAt: cst("2026-11-18", "09:00"), ReplyDue: "2026-12-10", Status: StatusInProgress},
		},
		Events: []NeedEvent{
			{Meta: meta("ev1", old), NeedID: "n1", Action: "status", From: StatusRegistered, To: StatusAccepted, At: cst("2026-11-16", "10:00")},
			{Meta: meta("ev2", old), NeedID: "n1", Action: "status", From: StatusAccepted, To: StatusAssigned, At: cst("2026-11-17", "10:00")},
			{Meta: meta("ev3", old), NeedID: "n1", Action: "status", From: StatusAssigned, To: StatusInProgress, At: cst("2026-11-17", "11:00")},
			{Meta: meta("ev4", old), NeedID: "n2", Action: "status", From: StatusRegistered, To: StatusAccepted, At: cst("2026-11-25", "16:00")},
			{Meta: meta("ev5", old), NeedID: "n2", Action: "status", From: StatusAccepted, To: StatusReplied, At: cst("2026-11-26", "10:00")},
			{Meta: meta("ev6", old), NeedID: "n2", Action: "revisit", From: StatusReplied, To: StatusClosed, At: cst("2026-11-27", "10:00"), Satisfaction: SatSatisfied},
			{Meta: meta("ev7", old), NeedID: "n4", Action: "status", From: StatusRegistered, To: StatusAccepted, At: cst("2026-11-18", "10:00")},
			{Meta: meta("ev8", old), NeedID: "n4", Action: "status", From: StatusAccepted, To: StatusReplied, At: cst("2026-11-19", "10:00")},
			{Meta: meta("ev9", old), NeedID: "n4", Action: "revisit", From: StatusReplied, To: StatusReplied, At: cst("2026-11-20", "10:00"), Satisfaction: SatUnreached},
			{Meta: meta("ev10", old), NeedID: "n4", Action: "revisit", From: StatusReplied, To: StatusInProgress, At: cst("2026-11-24", "10:00"), Satisfaction: SatUnsatisfied},
		},
		FollowUps: []FollowUp{
			{Meta: meta("f1", old), EnterpriseID: "e2", Action: "协调专家", Assignee: "o2", Due: "2026-12-01", Status: FollowUpOpen},
			{Meta: meta("f2", old), EnterpriseID: "e1", Action: "送政策", Result: "已送达", Due: "2026-11-26", Status: FollowUpDone, DoneAt: cst("2026-11-26", "17:00")},
		},
		Applications: []Application{
			{Meta: Meta{ID: "ap1", CreatedAt: old, UpdatedAt: cst("2026-11-20", "12:00")}, EnterpriseID: "e2", Kind: "hnte", Year: 2026, Batch: 1,
				Blockers: []string{"研发费用归集不规范"}},
		},
	}
	opts := ReportOptions{
		District:       "城关区",
		GeneratedAt:    cst("2026-11-30", "09:00"),
		GeneratedBy:    "区科技局",
		DataAsOf:       cst("2026-11-29", "20:00"),
		BatchDeadlines: map[int]Date{1: "2026-06-30", 2: "2026-08-15", 3: "2026-12-15"},
	}
	return ds, Week{2026, 48}, opts
}

func TestWeek(t *testing.T) {
	for _, c := range []struct {
		in         string
		start, end Date
	}{
		{"2026-W48", "2026-11-23", "2026-11-29"},
		{"2026w01", "2025-12-29", "2026-01-04"},
		{"2020-W53", "2020-12-28", "2021-01-03"},
	} {
		w, err := ParseWeek(c.in)
		if err != nil {
			t.Fatalf("ParseWeek(%q): %v", c.in, err)
		}
		if w.Start() != c.start || w.End() != c.end || WeekOf(c.end) != w || WeekOf(c.start) != w {
			t.Errorf("%s: %s..%s, want %s..%s", c.in, w.Start(), w.End(), c.start, c.end)
		}
	}
	for _, bad := range []string{"2026-W54", "2026-W00", "2021-W53", "26-W1", "2026-48", ""} {
		if _, err := ParseWeek(bad); err == nil {
			t.Errorf("ParseWeek(%q) accepted", bad)
		}
	}
	if (Week{2026, 1}).Prev() != (Week{2025, 52}) {
		t.Error("Prev of 2026-W01")
	}
}

func TestWeeklyReportFigures(t *testing.T) {
	ds, week, opts := smallDataset()
	r := WeeklyReport(ds, week, opts)
	f := func(v, p int) Figure { return Figure{Value: v, Prev: p} }
	check := func(name string, got, want any) {
		t.Helper()
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	byCode := func(cs []CodeFigure) map[string]Figure {
		m := map[string]Figure{}
		for _, c := range cs {
			if c.Value != 0 || c.Prev != 0 {
				m[c.Code] = c.Figure
			}
		}
		return m
	}
	check("as of", r.AsOf, Date("2026-11-29"))
	check("visits", r.Visits.Total, f(3, 1))
	check("by occasion", byCode(r.Visits.ByOccasion), map[string]Figure{
		OccRoutine: f(1, 0), OccDifficulty: f(1, 0), OccFestivalCare: f(1, 0), OccApplicationNode: f(0, 1)})
	check("by method", byCode(r.Visits.ByMethod), map[string]Figure{"on_site": f(1, 1), "phone": f(1, 0), "symposium": f(1, 0)})
	check("coverage", r.Coverage, CoverageFigures{Assigned: f(3, 3), VisitedWeek: f(2, 1), VisitedMonth: f(2, 2), Never: f(1, 1)})
	check("lists", r.Lists, []ListFigure{
		{Code: ListHNTEExpiring, Members: f(1, 1), VisitedYear: f(1, 1)},
		{Code: ListProvNotHNTE, Members: f(1, 1), VisitedYear: f(1, 1)},
		{Code: ListFailedRenewal, Members: f(0, 0), VisitedYear: f(0, 0)},
	})
	// n1 (urgent, in progress since 11-17) is measured against its close date
	// 11-25, not its reply date 11-20: overdue this week, not last week.
	check("needs total", r.Needs.Total, NeedRow{New: f(1, 2), Closed: f(1, 0), Overdue: f(2, 1), Open: f(3, 3)})
	check("needs by category", r.Needs.ByCategory, []NeedRow{
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
	check("revisit rate", []Ratio{r.Revisits.Rate, r.Revisits.PrevRate}, []Ratio{{1, 2}, {0, 0}})
	check("pipeline total", r.Pipeline.Total, f(2, 2))
	stages := map[string]int{}
	for _, c := range r.Pipeline.ByStage {
		stages[c.Code] = c.Value
	}
	check("stages", stages, map[string]int{StageGuide: 0, StageCultivate: 0, StageMature: 1, StageApply: 1})
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
		[]any{DecisionOverdueUrgentNeed, "n1", "张联络", "区科技局", 13, "2026-11-25"})
	check("decision 1", []any{d1.Kind, d1.RecordID, d1.Owner, d1.AgeDays, d1.Subject},
		[]any{DecisionBlockedApplication, "ap1", "张联络", 9, "研发费用归集不规范"})

	if len(r.Rows) != 2 {
		t.Fatalf("rows = %+v", r.Rows)
	}
	e2, e1 := r.Rows[0], r.Rows[1]
	check("row e2", []any{e2.EnterpriseID, e2.Tier, e2.Lists, e2.Stage, e2.Batch, e2.OpenNeeds, e2.Liaison, e2.Commissioner, e2.NextStep},
		[]any{"e2", TierHNTE, []string{ListHNTEExpiring}, StageApply, 1, 1, []string{"张联络"}, []string{}, NextStep{Due: "2026-12-01", Text: "协调专家"}})
	check("row e2 progress", e2.Progress, []ProgressItem{
		{Date: "2026-11-25", Kind: ProgressVisit, Code: OccDifficulty, Text: "停产求助"},
		{Date: "2026-11-27", Kind: ProgressNeedClosed, Text: "税收优惠咨询"},
	})
	check("row e1", []any{e1.EnterpriseID, e1.Tier, e1.Lists, e1.Stage, e1.Batch, e1.OpenNeeds, e1.Commissioner, e1.NextStep},
		[]any{"e1", TierProv, []string{ListProvNotHNTE}, StageMature, 2, 2, []string{"王专员"}, NextStep{Text: "12月回访研发费用归集"}})
	check("row e1 progress", e1.Progress, []ProgressItem{
		{Date: "2026-11-24", Kind: ProgressVisit, Code: OccRoutine, Text: "了解研发投入"},
		{Date: "2026-11-26", Kind: ProgressFollowUpDone, Text: "送政策: 已送达"},
	})
}

// TestWeeklyReportMidWeek: generated on a Wednesday, states are taken on
// that day.
func TestWeeklyReportMidWeek(t *testing.T) {
	ds, week, opts := smallDataset()
	opts.GeneratedAt = cst("2026-11-25", "18:00")
	r := WeeklyReport(ds, week, opts)
	if r.AsOf != "2026-11-25" || r.Pipeline.DaysToNextBatch != 20 {
		t.Errorf("as of %s, days to batch %d", r.AsOf, r.Pipeline.DaysToNextBatch)
	}
}

// goldenCheck compares got with testdata/report/name, or rewrites it.
func goldenCheck(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "report", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./visits -run Golden -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; run with -update and review the diff\n--- got ---\n%s", name, got)
	}
}

func TestWeeklyReportGolden(t *testing.T) {
	ds, week, opts := smallDataset()
	r := WeeklyReport(ds, week, opts)
	for _, lang := range []Lang{ZH, EN} {
		var md, csvb, xl bytes.Buffer
		if err := RenderMarkdown(&md, r, lang); err != nil {
			t.Fatal(err)
		}
		goldenCheck(t, "weekly_"+string(lang)+".md", md.Bytes())
		if err := RenderCSV(&csvb, r, lang); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(csvb.Bytes(), []byte("\ufeff")) {
			t.Error("csv without BOM")
		}
		goldenCheck(t, "weekly_"+string(lang)+".csv", csvb.Bytes())
		if err := RenderXLSX(&xl, r, lang); err != nil {
			t.Fatal(err)
		}
		goldenCheck(t, "weekly_"+string(lang)+".xlsx.txt", dumpXLSX(t, xl.Bytes()))
	}
	var js bytes.Buffer
	if err := RenderJSON(&js, r); err != nil {
		t.Fatal(err)
	}
	goldenCheck(t, "weekly.json", js.Bytes())
}

// dumpXLSX writes every sheet's cells as tab-separated text, and each
// sheet's frozen pane and column widths, so a golden file can hold it.
func dumpXLSX(t *testing.T, data []byte) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b bytes.Buffer
	for _, sh := range f.GetSheetList() {
		panes, _ := f.GetPanes(sh)
		fmt.Fprintf(&b, "== %s (frozen=%v ysplit=%d)\n", sh, panes.Freeze, panes.YSplit)
		rows, _ := f.GetRows(sh)
		for c := 1; len(rows) > 0 && c <= len(rows[0]); c++ {
			col, _ := excelize.ColumnNumberToName(c)
			w, _ := f.GetColWidth(sh, col)
			fmt.Fprintf(&b, "width %s %.0f\n", col, w)
		}
		for _, r := range rows {
			b.WriteString(strings.Join(r, "\t") + "\n")
		}
	}
	return b.Bytes()
}

// TestReportXLSXRoundTrip writes the workbook, reads it back and finds the
// report's figures in the summary sheet and its rows in the rows sheet.
func TestReportXLSXRoundTrip(t *testing.T) {
	ds, week, opts := smallDataset()
	r := WeeklyReport(ds, week, opts)
	var buf bytes.Buffer
	if err := RenderXLSX(&buf, r, ZH); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{SheetSummary, SheetRows}) {
		t.Fatalf("sheets = %q", got)
	}
	sum, _ := f.GetRows(SheetSummary)
	find := func(item string) []string {
		for _, row := range sum {
			if len(row) > 1 && row[1] == item {
				return row
			}
		}
		t.Fatalf("summary has no %q", item)
		return nil
	}
	expect := func(item string, fig Figure) {
		t.Helper()
		row := find(item)
		want := []string{fmt.Sprint(fig.Value), fmt.Sprint(fig.Prev), fmt.Sprint(fig.Change())}
		if !slices.Equal(row[2:5], want) {
			t.Errorf("%s: %q, want %q", item, row[2:5], want)
		}
	}
	expect("本周走访合计", r.Visits.Total)
	expect("从未走访", r.Coverage.Never)
	expect("合计：逾期", r.Needs.Total.Overdue)
	expect("合计：新增", r.Needs.Total.New)
	expect(Label(KindOccasion, OccRoutine, ZH), r.Visits.ByOccasion[6].Figure)
	expect("本周回访", r.Revisits.Total)
	if cell, _ := f.GetCellType(SheetSummary, "C10"); cell != excelize.CellTypeNumber && cell != excelize.CellTypeUnset {
		t.Errorf("figures are not numbers: %v", cell)
	}
	rows, _ := f.GetRows(SheetRows)
	if len(rows) != 1+len(r.Rows) {
		t.Fatalf("rows sheet has %d rows", len(rows))
	}
	for i, pr := range r.Rows {
		if rows[i+1][0] != pr.Name || rows[i+1][1] != pr.USCC || rows[i+1][10] != fmt.Sprint(pr.OpenNeeds) {
			t.Errorf("row %d = %q", i+2, rows[i+1])
		}
	}
	for _, sh := range []string{SheetSummary, SheetRows} {
		if p, _ := f.GetPanes(sh); !p.Freeze || p.YSplit != 1 {
			t.Errorf("%s: header not frozen: %+v", sh, p)
		}
	}
	if w, _ := f.GetColWidth(SheetRows, "A"); w != float64(DisplayWidth("乙新材料有限公司")+2) {
		t.Errorf("name column width %v", w)
	}
}

func TestRenderJSONCodes(t *testing.T) {
	ds, week, opts := smallDataset()
	var buf bytes.Buffer
	if err := RenderJSON(&buf, WeeklyReport(ds, week, opts)); err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.Week != week || back.Rows[0].Stage != StageApply || strings.Contains(buf.String(), "申报一批") {
		t.Errorf("json round trip: week %v, stage %q", back.Week, back.Rows[0].Stage)
	}
}

func TestDisplayWidth(t *testing.T) {
	for s, want := range map[string]int{"abc": 3, "企业名称": 8, "ＡＢ（1）": 9, "": 0} {
		if got := DisplayWidth(s); got != want {
			t.Errorf("DisplayWidth(%q) = %d, want %d", s, got, want)
		}
	}
}
