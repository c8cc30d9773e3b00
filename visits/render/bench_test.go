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
	cpu, n := visitstest.CPUTime(), 0
	defer func() {
		b.ReportMetric(float64((visitstest.CPUTime()-cpu).Microseconds())/1000/float64(max(n, 1)), "cpu-ms/op")
	}()
	for b.Loop() {
		n++
		var buf bytes.Buffer
		if err := XLSX(&buf, visits.WeeklyReport(ds, week, visits.ReportOptions{}), visits.ZH); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExportXLSX writes a whole big dataset as a workbook, one sheet
// per record type.
func BenchmarkExportXLSX(b *testing.B) {
	ds := visitstest.BigDataset()
	cpu, n := visitstest.CPUTime(), 0
	defer func() {
		b.ReportMetric(float64((visitstest.CPUTime()-cpu).Microseconds())/1000/float64(max(n, 1)), "cpu-ms/op")
	}()
	for b.Loop() {
		n++
		var buf bytes.Buffer
		if err := ExportXLSX(&buf, ds); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(buf.Len())/1e6, "MB")
	}
}
