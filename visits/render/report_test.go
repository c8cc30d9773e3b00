package render

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

	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/visitstest"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/report")

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
		t.Fatalf("%v (run go test ./visits/render -run Golden -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; run with -update and review the diff\n--- got ---\n%s", name, got)
	}
}

func TestWeeklyReportGolden(t *testing.T) {
	ds, week, opts := visitstest.SmallDataset()
	r := visits.WeeklyReport(ds, week, opts)
	for _, lang := range []visits.Lang{visits.ZH, visits.EN} {
		var md, csvb, xl bytes.Buffer
		if err := Markdown(&md, r, lang); err != nil {
			t.Fatal(err)
		}
		goldenCheck(t, "weekly_"+string(lang)+".md", md.Bytes())
		if err := CSV(&csvb, r, lang); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(csvb.Bytes(), []byte("\ufeff")) {
			t.Error("csv without BOM")
		}
		goldenCheck(t, "weekly_"+string(lang)+".csv", csvb.Bytes())
		if err := XLSX(&xl, r, lang); err != nil {
			t.Fatal(err)
		}
		goldenCheck(t, "weekly_"+string(lang)+".xlsx.txt", dumpXLSX(t, xl.Bytes()))
	}
	var js bytes.Buffer
	if err := JSON(&js, r); err != nil {
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
	ds, week, opts := visitstest.SmallDataset()
	r := visits.WeeklyReport(ds, week, opts)
	var buf bytes.Buffer
	if err := XLSX(&buf, r, visits.ZH); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{SheetSummary, SheetRows, SheetPlan}) {
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
	expect := func(item string, fig visits.Figure) {
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
	expect(visits.Label(visits.KindOccasion, visits.OccRoutine, visits.ZH), r.Visits.ByOccasion[6].Figure)
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
	ds, week, opts := visitstest.SmallDataset()
	var buf bytes.Buffer
	if err := JSON(&buf, visits.WeeklyReport(ds, week, opts)); err != nil {
		t.Fatal(err)
	}
	var back visits.Report
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.Week != week || back.Rows[0].Stage != visits.StageApply || strings.Contains(buf.String(), "申报一批") {
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
