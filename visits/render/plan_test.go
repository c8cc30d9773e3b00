package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/visitstest"
	"github.com/xuri/excelize/v2"
)

// The plan's sections in every format, against the figures counted by
// hand in visits' TestWeeklyReportPlanFigures (same dataset and week).

// planRows are rows each format must show, by title: the first cells of a
// row (label first) as the zh renderer writes them.
var planRows = map[string][][]string{
	"目标完成情况": {
		{"新认定高新技术企业", "2026（年度）", "35", "0", "0%", "31.9", "滞后"},
		{"民营高企占比", "2027", "80%", "100%", "125%", "80%", "正常"},
		{"专精特新及小巨人企业", "2027", "56", "2", "3.6%", "26.6", "滞后"},
	},
	"梯度存量": {
		{"科技型中小企业", "1", "1", "0", "0", "0", "1"},
		{"省级科技创新型企业", "1", "1", "0", "1", "1", "0"},
		{"高新技术企业", "1", "1", "0", "0", "1", "1"},
	},
	"申报进度（按步骤、批次）": {
		{"高新技术企业认定", "第1批", "1", "0", "0", "1", "0", "0", "0", "0", "0", "1"},
		{"科技型中小企业评价", "全部", "1", "0", "0", "0", "0", "0", "0", "1", "0", "0"},
	},
	"诉求办理（按类别）": {
		{"政策咨询与兑现", "1", "1", "1", "1", "50.0%"},
		{"技术难题与成果转化", "0", "0", "1", "1", "0.0%"},
		{"合计", "1", "1", "2", "3", "25.0%"},
	},
	"逾期诉求（按责任单位）": {{"区科技局", "1", "0", "+1"}, {"未指定", "1", "1", "0"}},
	"走访与覆盖（按干部）": {
		{"张联络", "区科技局", "2", "0", "3", "2", "2", "2", "66.7%", "1"},
		{"王专员", "区工信局", "1", "1", "1", "1", "1", "1", "100.0%", "0"},
	},
	"走访与覆盖（按街道）":      {{"拱星墩街道", "0", "0", "1", "0", "0", "0", "0.0%", "1"}},
	"走访与覆盖（按单位）":      {{"区工信局", "1", "1", "1", "1", "1", "1", "100.0%", "0"}},
	"高企条件差距汇总（培育库企业）": {{"科技人员占比不低于10%", "1", "1"}},
}

// planLines are summary lines: item and value.
var planLines = [][2]string{
	{"本周走访企业（家）", "3"}, {"本年登记", "1"}, {"走访（家次）", "5"}, {"登记诉求", "4"},
	{"办结率", "25.0%"}, {"按时办结率", "100.0%"}, {"满意率（满意+基本满意）", "50.0%"},
}

func planReport() visits.Report {
	ds, week, opts := visitstest.SmallDataset()
	return visits.WeeklyReport(ds, week, opts)
}

// hasRow reports whether rows hold a row starting with want.
func hasRow(rows [][]string, want []string) bool {
	for _, r := range rows {
		if len(r) >= len(want) && slices.Equal(r[:len(want)], want) {
			return true
		}
	}
	return false
}

func TestPlanSectionsMarkdownCSV(t *testing.T) {
	r := planReport()
	var md, cs bytes.Buffer
	if err := Markdown(&md, r, visits.ZH); err != nil {
		t.Fatal(err)
	}
	if err := CSV(&cs, r, visits.ZH); err != nil {
		t.Fatal(err)
	}
	cr := csv.NewReader(strings.NewReader(strings.TrimPrefix(cs.String(), "\ufeff")))
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var mdRows [][]string
	for _, line := range strings.Split(md.String(), "\n") {
		if strings.HasPrefix(line, "| ") {
			cells := strings.Split(strings.Trim(line, "| "), " | ")
			mdRows = append(mdRows, cells)
		}
	}
	for title, rows := range planRows {
		if !strings.Contains(md.String(), "## "+title+"\n") || !hasRow(recs, []string{title}) {
			t.Errorf("section %s missing", title)
		}
		for _, want := range rows {
			if !hasRow(mdRows, want) {
				t.Errorf("markdown: %s: no row %q", title, want)
			}
			if !hasRow(recs, want) {
				t.Errorf("csv: %s: no row %q", title, want)
			}
		}
	}
	for _, l := range planLines {
		if !hasRow(mdRows, []string{l[0], l[1]}) {
			t.Errorf("markdown: no line %q", l)
		}
		found := false
		for _, rec := range recs {
			found = found || (len(rec) > 2 && rec[1] == l[0] && rec[2] == l[1])
		}
		if !found {
			t.Errorf("csv: no line %q", l)
		}
	}
	if strings.Contains(md.String()+cs.String(), "超期") {
		t.Error("late is 逾期 everywhere, never 超期")
	}
	for _, text := range []string{"1. 组织第3批申报辅导\n2. 走访新设立企业", "部分企业研发费用归集不规范", "本周（2026-11-23至2026-11-29）共走访企业3家、3家次"} {
		if !strings.Contains(md.String(), text) || !strings.Contains(strings.ReplaceAll(cs.String(), "\r\n", "\n"), text) {
			t.Errorf("text %q missing", text)
		}
	}
}

func TestPlanSectionsXLSX(t *testing.T) {
	r := planReport()
	var buf bytes.Buffer
	if err := XLSX(&buf, r, visits.ZH); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(SheetPlan)
	if err != nil {
		t.Fatal(err)
	}
	for title, want := range planRows {
		if !hasRow(rows, []string{title}) {
			t.Errorf("xlsx: no table %s", title)
		}
		for _, w := range want {
			if !hasRow(rows, w) {
				t.Errorf("xlsx: %s: no row %q", title, w)
			}
		}
	}
	// Whole numbers are numbers: o1's assigned enterprises.
	for i, row := range rows {
		if len(row) > 4 && row[0] == "张联络" {
			cell, _ := excelize.CoordinatesToCellName(5, i+1)
			if typ, _ := f.GetCellType(SheetPlan, cell); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
				t.Errorf("%s holds %v, want a number", cell, typ)
			}
			if v, _ := f.GetCellValue(SheetPlan, cell); v != "3" {
				t.Errorf("%s = %q", cell, v)
			}
		}
	}
	sum, _ := f.GetRows(SheetSummary)
	for _, l := range planLines {
		if !hasRow(sum, append([]string{sum[0][0]}, l[:]...)[1:]) {
			found := false
			for _, row := range sum {
				found = found || (len(row) > 2 && row[1] == l[0] && row[2] == l[1])
			}
			if !found {
				t.Errorf("xlsx summary: no line %q", l)
			}
		}
	}
	if !hasRow(rows, []string{"1. 组织第3批申报辅导\n2. 走访新设立企业"}) || !hasRow(rows, []string{"部分企业研发费用归集不规范"}) {
		t.Error("xlsx: HQ's texts missing")
	}
}

// TestPlanSectionsJSON decodes the new keys as a script would: lists of
// objects with a code and numbers.
func TestPlanSectionsJSON(t *testing.T) {
	var buf bytes.Buffer
	if err := JSON(&buf, planReport()); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	find := func(key, code string, batch float64) map[string]any {
		list, ok := doc[key].([]any)
		if !ok {
			t.Fatalf("%s is %T, want a list", key, doc[key])
		}
		for _, o := range list {
			m := o.(map[string]any)
			if m["code"] == code && (key != "funnel" || m["batch"] == batch) {
				return m
			}
		}
		t.Fatalf("%s has no %q", key, code)
		return nil
	}
	expect := func(key, code string, batch float64, want map[string]any) {
		t.Helper()
		got := find(key, code, batch)
		for k, v := range want {
			if fmt.Sprint(got[k]) != fmt.Sprint(v) {
				t.Errorf("%s[%s].%s = %v, want %v", key, code, k, got[k], v)
			}
		}
	}
	expect("targets", visits.TargetHNTE, 0, map[string]any{"target": 255, "actual": 1, "expected": 116.9, "baseline": 1, "on_track": false, "year": 2027})
	expect("targets", visits.TargetHNTEPrivateShare, 0, map[string]any{"actual": 100, "share": 125, "on_track": true, "unit": "percent"})
	expect("tiers", visits.TierHNTE, 0, map[string]any{"value": 1, "last_week": 1, "private": 1, "specialized": 1, "above_size": 0})
	expect("funnel", visits.TierHNTE, 1, map[string]any{"total": 1, "submitted": 1, "moved": 1, "planned": 0})
	expect("funnel", visits.TierTSME, 0, map[string]any{"total": 1, "approved": 1})
	expect("by_officer", "o1", 0, map[string]any{"name": "张联络", "unit": "区科技局", "visits": 2, "assigned": 3, "never": 1, "visited_year": 2})
	expect("by_street", "东岗街道", 0, map[string]any{"visits": 2, "visits_last_week": 1, "assigned": 1})
	expect("by_unit", "区工信局", 0, map[string]any{"visits": 1, "visits_last_week": 1, "assigned": 1})
	year := doc["year"].(map[string]any)
	if fmt.Sprint(year["visits"], year["needs"], year["closed"], year["on_time"]) != "5 4 1 1" {
		t.Errorf("year = %v", year)
	}
	for _, key := range []string{"week", "visits", "coverage", "lists", "needs", "revisits", "pipeline", "decisions", "rows"} {
		if _, ok := doc[key]; !ok {
			t.Errorf("existing key %q gone", key)
		}
	}
}

// TestPlanTextsSafe: officer and street names and HQ's notes that carry
// terminal escapes or formulas reach no format as they are.
func TestPlanTextsSafe(t *testing.T) {
	ds, week, opts := visitstest.SmallDataset()
	ds.Officers[0].Name = "=HYPERLINK(\"http://x\")\x1b]0;pwn\x07"
	ds.Enterprises[0].Street = "@SUM(1)\x1b[2J街道"
	opts.Note.Plan = "+cmd|' /C calc'!A0\n\x1b]52;c;ZXZpbA==\x07计划"
	opts.Note.Problems = "-2+3\u202e问题"
	r := visits.WeeklyReport(ds, week, opts)
	var md, cs bytes.Buffer
	if err := Markdown(&md, r, visits.ZH); err != nil {
		t.Fatal(err)
	}
	if err := CSV(&cs, r, visits.ZH); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"md": md.String(), "csv": cs.String()} {
		if strings.ContainsAny(out, "\x1b\x07\u202e") {
			t.Errorf("%s carries an escape or bidi control", name)
		}
	}
	cr := csv.NewReader(strings.NewReader(strings.TrimPrefix(cs.String(), "\ufeff")))
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs {
		for _, c := range rec {
			if c != "" && visits.CSVCell(c) != c {
				t.Errorf("csv cell a spreadsheet would run: %q", c)
			}
		}
	}
	var xl bytes.Buffer
	if err := XLSX(&xl, r, visits.ZH); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&xl)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(SheetPlan)
	for _, row := range rows {
		for _, c := range row {
			if strings.ContainsAny(c, "\x1b\x07\u202e") {
				t.Errorf("xlsx cell %q carries an escape", c)
			}
		}
	}
}
