package visits_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/visitstest"
	"github.com/xuri/excelize/v2"
)

func BenchmarkWeeklyReport(b *testing.B) {
	ds := visitstest.BigDataset()
	opts := visits.ReportOptions{District: "城关区", BatchDeadlines: map[int]visits.Date{1: "2026-06-30", 2: "2026-08-15", 3: "2026-09-30"}}
	week := visits.Week{Year: 2026, Num: 48}
	b.ResetTimer()
	cpu, n := visitstest.CPUTime(), 0
	for b.Loop() {
		r := visits.WeeklyReport(ds, week, opts)
		if r.Visits.Total.Value == 0 || r.Year.Visits == 0 || len(r.ByOfficer) == 0 {
			b.Fatal("no visits counted")
		}
		n++
	}
	b.ReportMetric(float64((visitstest.CPUTime()-cpu).Microseconds())/1000/float64(n), "cpu-ms/op")
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
		row := []any{i + 1, fmt.Sprintf("企业%05d有限公司", i), visits.MakeUSCC(fmt.Sprintf("91620102%09d", i)), "东岗街道", "电子信息",
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
	var existing []visits.Enterprise
	for i := range 5000 {
		existing = append(existing, visits.Enterprise{Meta: visits.Meta{ID: fmt.Sprintf("e%d", i)}, USCC: visits.MakeUSCC(fmt.Sprintf("91620102%09d", i*2)), Name: "旧名"})
	}
	b.ResetTimer()
	for b.Loop() {
		rows, err := visits.ReadSheet(bytes.NewReader(data), "xlsx")
		if err != nil {
			b.Fatal(err)
		}
		plan := visits.PlanImport(existing, visits.ParseEnterpriseRows(rows))
		if len(plan.Created)+len(plan.Updated) != 10_000 {
			b.Fatalf("created %d updated %d refused %d", len(plan.Created), len(plan.Updated), len(plan.Refused))
		}
	}
}
