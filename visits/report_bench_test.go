package visits

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// bigDataset is a district: 1,000 enterprises with two officers each,
// 100,000 visits over two years, 5,000 needs with three events each,
// 3,000 follow-ups and 300 applications.
func bigDataset() Dataset {
	rng := rand.New(rand.NewPCG(1, 2))
	var ds Dataset
	for i := range 50 {
		ds.Officers = append(ds.Officers, Officer{Meta: Meta{ID: fmt.Sprintf("o%d", i)}, Name: fmt.Sprintf("干部%d", i)})
	}
	occ, meth, cats := Codes(KindOccasion), Codes(KindMethod), Codes(KindCategory)
	stages := append(Codes(KindStage), "", "", "")
	for i := range 1000 {
		id := fmt.Sprintf("e%04d", i)
		e := Enterprise{Meta: Meta{ID: id}, USCC: MakeUSCC(fmt.Sprintf("91620102%09d", i)), Name: fmt.Sprintf("企业%04d有限公司", i),
			Street: "东岗街道", Domain: "electronic_info", Stage: stages[i%len(stages)], Batch: i%3 + 1}
		if i%4 == 0 {
			e.Qualifications = []Qualification{{Kind: TierHNTE, Issued: Date(fmt.Sprintf("%d-06-01", 2022+i%4))}}
		} else if i%4 == 1 {
			e.Qualifications = []Qualification{{Kind: TierProv, Issued: "2025-01-01"}}
		}
		ds.Enterprises = append(ds.Enterprises, e)
		ds.Assignments = append(ds.Assignments,
			Assignment{EnterpriseID: id, OfficerID: fmt.Sprintf("o%d", i%50), Role: RoleLiaison},
			Assignment{EnterpriseID: id, OfficerID: fmt.Sprintf("o%d", (i+7)%50), Role: RoleCommissioner})
	}
	start := cst("2025-01-01", "08:00")
	for i := range 100_000 {
		ds.Visits = append(ds.Visits, Visit{Meta: Meta{ID: fmt.Sprintf("v%d", i)},
			EnterpriseID: fmt.Sprintf("e%04d", rng.IntN(1000)),
			At:           start.Add(time.Duration(rng.IntN(700*24)) * time.Hour),
			Occasion:     occ[rng.IntN(len(occ))], Method: meth[rng.IntN(len(meth))], Summary: "走访", NextPlan: "回访"})
	}
	statuses := []string{StatusAccepted, StatusInProgress, StatusReplied, StatusClosed}
	for i := range 5000 {
		reg := start.Add(time.Duration(rng.IntN(690*24)) * time.Hour)
		id := fmt.Sprintf("n%d", i)
		ds.Needs = append(ds.Needs, Need{Meta: Meta{ID: id, CreatedAt: reg}, EnterpriseID: fmt.Sprintf("e%04d", rng.IntN(1000)),
			Category: cats[rng.IntN(len(cats))], Severity: SeverityGeneral, Title: "诉求", LeadUnit: "区科技局",
			RegisteredAt: reg, ReplyDue: DateOf(reg).AddDays(5), Status: statuses[i%4]})
		from := StatusRegistered
		for k, to := range statuses[:i%4+1] {
			ev := NeedEvent{NeedID: id, From: from, To: to, At: reg.Add(time.Duration(k+1) * 24 * time.Hour)}
			if to == StatusClosed {
				ev.Satisfaction = SatSatisfied
			}
			ds.Events = append(ds.Events, ev)
			from = to
		}
	}
	for i := range 3000 {
		ds.FollowUps = append(ds.FollowUps, FollowUp{Meta: Meta{ID: fmt.Sprintf("f%d", i)}, EnterpriseID: fmt.Sprintf("e%04d", rng.IntN(1000)),
			Action: "跟进", Due: Date("2026-12-01").AddDays(rng.IntN(30)), Status: FollowUpOpen})
	}
	for i := range 300 {
		a := Application{Meta: Meta{ID: fmt.Sprintf("ap%d", i)}, EnterpriseID: fmt.Sprintf("e%04d", i*3), Kind: "hnte", Year: 2026, Batch: i%3 + 1}
		if i%10 == 0 {
			a.Blockers = []string{"材料不全"}
		}
		ds.Applications = append(ds.Applications, a)
	}
	return ds
}

func BenchmarkWeeklyReport(b *testing.B) {
	ds := bigDataset()
	opts := ReportOptions{District: "城关区", BatchDeadlines: map[int]Date{1: "2026-06-30", 2: "2026-08-15", 3: "2026-09-30"}}
	week := Week{2026, 48}
	b.ResetTimer()
	for b.Loop() {
		r := WeeklyReport(ds, week, opts)
		if r.Visits.Total.Value == 0 {
			b.Fatal("no visits counted")
		}
	}
}

// BenchmarkWeeklyReportXLSX adds rendering the workbook to the report.
func BenchmarkWeeklyReportXLSX(b *testing.B) {
	ds := bigDataset()
	week := Week{2026, 48}
	for b.Loop() {
		var buf bytes.Buffer
		if err := RenderXLSX(&buf, WeeklyReport(ds, week, ReportOptions{}), ZH); err != nil {
			b.Fatal(err)
		}
	}
}

// importWorkbook is a 10,000-row enterprise list.
func importWorkbook(b *testing.B, n int) []byte {
	f := excelize.NewFile()
	defer f.Close()
	head := []any{"序号", "企业名称", "统一社会信用代码", "所属街道", "技术领域", "高企证书编号", "发证日期", "法定代表人", "联系人", "联系电话", "是否规上", "培育阶段"}
	if err := f.SetSheetRow("Sheet1", "A1", &head); err != nil {
		b.Fatal(err)
	}
	for i := range n {
		row := []any{i + 1, fmt.Sprintf("企业%05d有限公司", i), MakeUSCC(fmt.Sprintf("91620102%09d", i)), "东岗街道", "电子信息",
			fmt.Sprintf("GR2023620%05d", i), "2023-11-30", "张三", "李四", "13900000000", "是", "培育一批"}
		if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+2), &row); err != nil {
			b.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkImport10000 reads a 10,000-row xlsx, parses it and plans the
// import against 5,000 stored enterprises (half the rows update).
func BenchmarkImport10000(b *testing.B) {
	data := importWorkbook(b, 10_000)
	var existing []Enterprise
	for i := range 5000 {
		existing = append(existing, Enterprise{Meta: Meta{ID: fmt.Sprintf("e%d", i)}, USCC: MakeUSCC(fmt.Sprintf("91620102%09d", i*2)), Name: "旧名"})
	}
	b.ResetTimer()
	for b.Loop() {
		rows, err := ReadSheet(bytes.NewReader(data), "xlsx")
		if err != nil {
			b.Fatal(err)
		}
		plan := PlanImport(existing, ParseEnterpriseRows(rows))
		if len(plan.Created)+len(plan.Updated) != 10_000 {
			b.Fatalf("created %d updated %d refused %d", len(plan.Created), len(plan.Updated), len(plan.Refused))
		}
	}
}
