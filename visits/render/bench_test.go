package render

import (
	"bytes"
	"testing"

	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/visitstest"
)

// BenchmarkWeeklyReportXLSX adds rendering the workbook to the report.
func BenchmarkWeeklyReportXLSX(b *testing.B) {
	ds := visitstest.BigDataset()
	week := visits.Week{Year: 2026, Num: 48}
	for b.Loop() {
		var buf bytes.Buffer
		if err := XLSX(&buf, visits.WeeklyReport(ds, week, visits.ReportOptions{}), visits.ZH); err != nil {
			b.Fatal(err)
		}
	}
}
