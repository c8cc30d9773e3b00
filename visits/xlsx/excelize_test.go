package xlsx

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// These tests hold our reader and writer against excelize, which liaison
// used before (it stays a test-only dependency: it is not linked into the
// binaries).

// interopCells are texts that have tripped xlsx code: Chinese, XML's
// special characters, white space at the ends, line breaks, a literal
// _xHHHH_, a would-be formula, and a cell of Excel's 32,767 characters.
var interopCells = []string{
	"兰州样本新材料有限公司", "a & b < c > d \"e\" 'f'", "  两端空格  ", "第一行\n第二行\r\n第三行", "\t制表",
	"_x0041_ 不是 A", "=HYPERLINK(\"http://x\")", "😀 emoji", strings.Repeat("长", 32_767),
}

// TestExcelizeReadsOurs: excelize opens what our writer writes and finds
// the same cells, types, styles, widths and frozen header.
func TestExcelizeReadsOurs(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	if err := w.NewSheet("企业", SheetOptions{Widths: []float64{12, 0, 60.5}, FreezeTop: true}); err != nil {
		t.Fatal(err)
	}
	w.WriteRow([]any{"名称", "代码", "数量"}, []Style{Head, Head, Head})
	for _, s := range interopCells {
		if err := w.WriteRow([]any{s, nil, 42}, []Style{Body, Body, Body, Body}); err != nil {
			t.Fatal(err)
		}
	}
	w.WriteRow(nil, []Style{Body})
	w.WriteRow([]any{nil, 3.25, int64(-7), "控\x01制\x1f字符\ufffe"}, nil)
	if err := w.NewSheet("第二页", SheetOptions{}); err != nil {
		t.Fatal(err)
	}
	w.WriteRow([]any{"x"}, nil)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}

	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"企业", "第二页"}) {
		t.Fatalf("sheets %q", got)
	}
	rows, err := f.GetRows("企业", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3+len(interopCells) {
		t.Fatalf("%d rows", len(rows))
	}
	for i, s := range interopCells {
		if got := rows[i+1]; len(got) != 3 || got[0] != s || got[2] != "42" {
			t.Errorf("row %d: %.80q, want %.80q", i+2, got, s)
		}
	}
	if got := rows[len(rows)-1]; !slices.Equal(got, []string{"", "3.25", "-7", "控制字符"}) {
		t.Errorf("last row %q (control characters are dropped)", got)
	}
	typ, _ := f.GetCellType("企业", "A2")
	if typ != excelize.CellTypeInlineString {
		t.Errorf("text cell type %v", typ)
	}
	typ, _ = f.GetCellType("企业", "C2")
	if typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("number cell type %v", typ)
	}
	head, _ := f.GetCellStyle("企业", "B1")
	body, _ := f.GetCellStyle("企业", "D2")
	hs, err := f.GetStyle(head)
	if err != nil {
		t.Fatal(err)
	}
	bs, _ := f.GetStyle(body)
	// excelize reports fill and border colours only when a workbook has a
	// theme part; ours has none, so they are checked in stylesXML below.
	if !hs.Font.Bold || hs.Font.Family != "等线" || hs.Font.Color != "FFFFFF" || hs.Fill.Pattern != 1 || hs.Alignment.Horizontal != "center" || len(hs.Border) != 4 {
		t.Errorf("head style %+v %+v %+v", hs.Font, hs.Fill, hs.Alignment)
	}
	if bs.Font.Bold || bs.Font.Family != "等线" || !bs.Alignment.WrapText || bs.Alignment.Vertical != "top" || len(bs.Border) != 4 || bs.Border[0].Style != 1 {
		t.Errorf("body style %+v %+v %+v", bs.Font, bs.Alignment, bs.Border)
	}
	if !strings.Contains(stylesXML, `<fgColor rgb="FF2F5597"/>`) || strings.Count(stylesXML, `style="thin"><color rgb="FFBFBFBF"/>`) != 4 {
		t.Error("styles lost their colours")
	}
	for col, want := range map[string]float64{"A": 12, "C": 60.5} {
		if got, _ := f.GetColWidth("企业", col); got != want {
			t.Errorf("width of %s = %v, want %v", col, got, want)
		}
	}
	if p, _ := f.GetPanes("企业"); !p.Freeze || p.YSplit != 1 || p.TopLeftCell != "A2" {
		t.Errorf("panes %+v", p)
	}
	if p, _ := f.GetPanes("第二页"); p.Freeze {
		t.Errorf("second sheet frozen")
	}
	if v, _ := f.GetCellValue("第二页", "A1"); v != "x" {
		t.Errorf("second sheet A1 = %q", v)
	}
}

// TestOursReadsExcelize: our reader reads what excelize writes, both its
// usual shared strings and its streaming writer's inline strings, with
// sparse cells, numbers, booleans, dates (as their day serial) and long
// Chinese cells, the same as excelize reads them raw.
func TestOursReadsExcelize(t *testing.T) {
	seed := time.Now().UnixNano()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(uint64(seed), 1))
	day := time.Date(2023, 11, 30, 0, 0, 0, 0, time.UTC)
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetCellValue("Sheet1", "A1", "企业名称"))
	must(f.SetCellValue("Sheet1", "C1", 12.5)) // B1 left out
	must(f.SetCellValue("Sheet1", "E1", true))
	must(f.SetCellValue("Sheet1", "A3", day)) // row 2 left out
	must(f.SetCellValue("Sheet1", "B3", interopCells[len(interopCells)-1]))
	must(f.SetCellValue("Sheet1", "C5", "后"))
	must(f.SetCellValue("Sheet1", "A5", "前"))
	must(f.SetCellValue("Sheet1", "D5", -3))
	for i := range 200 { // random texts and numbers at random places
		cell, _ := excelize.CoordinatesToCellName(1+rng.IntN(30), 10+rng.IntN(300))
		if rng.IntN(2) == 0 {
			must(f.SetCellValue("Sheet1", cell, interopCells[rng.IntN(len(interopCells))]+fmt.Sprint(i)))
		} else {
			must(f.SetCellValue("Sheet1", cell, rng.Float64()*1e6))
		}
	}
	sw, err := f.NewSheet("流")
	must(err)
	_ = sw
	stream, err := f.NewStreamWriter("流")
	must(err)
	must(stream.SetRow("A1", []any{"内联", 7, nil, "字符串"}))
	must(stream.SetRow("B3", []any{interopCells[3], day}))
	must(stream.Flush())
	var buf bytes.Buffer
	must(f.Write(&buf))

	for i, name := range []string{"Sheet1", "流"} {
		want, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		must(err)
		got, err := readAll(buf.Bytes(), i, Options{})
		must(err)
		n := 0
		for _, r := range got {
			if len(r.cells) == 0 {
				continue
			}
			for len(want) < r.n {
				want = append(want, nil)
			}
			if w := want[r.n-1]; !slices.Equal(r.cells, w) {
				t.Errorf("%s row %d: %.120q, excelize reads %.120q", name, r.n, r.cells, w)
			}
			n++
		}
		wantN := 0
		for _, w := range want {
			if len(w) > 0 {
				wantN++
			}
		}
		if n != wantN {
			t.Errorf("%s: %d rows with cells, excelize reads %d", name, n, wantN)
		}
	}
	got, _ := readAll(buf.Bytes(), 0, Options{})
	eqRows(t, got[:3], row{1, []string{"企业名称", "", "12.5", "", "1"}}, row{3, []string{"45260", interopCells[len(interopCells)-1]}},
		row{5, []string{"前", "", "后", "-3"}})
}
