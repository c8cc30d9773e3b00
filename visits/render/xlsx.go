package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/liaison-dev/liaison/visits"
	"github.com/xuri/excelize/v2"
)

// XLSX writes the report as a workbook: the summary sheet (汇总, with
// the decision items below the figures), the rows sheet (企业明细) and the
// plan's sheet (分项统计: the tables of Tables, then the texts of Notes).
// Header rows are styled and frozen; column widths fit the Chinese text.
func XLSX(w io.Writer, r visits.Report, lang visits.Lang) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetSummary); err != nil {
		return err
	}
	if _, err := f.NewSheet(SheetRows); err != nil {
		return err
	}
	st, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	var sum [][]any
	for _, l := range append(headerLines(r, lang), summaryLines(r, lang)...) {
		if l.Fig == nil {
			sum = append(sum, []any{l.Section, l.Item, l.Value})
			continue
		}
		row := []any{l.Section, l.Item, l.Fig.Value}
		if !l.Fig.NoPrev {
			row = append(row, l.Fig.Prev, l.Fig.Change())
		}
		sum = append(sum, row)
	}
	head, drows := decisionTable(r, lang)
	sum = append(sum, nil, []any{tr(lang, "待决事项", "Items needing a decision")}, toAny(head))
	decisionHeadRow := len(sum) + 1
	for _, d := range drows {
		sum = append(sum, toAny(d))
	}
	if err := writeSheet(f, SheetSummary, toAny(summaryHead(lang)), sum, st); err != nil {
		return err
	}
	if err := f.SetCellStyle(SheetSummary, cellName(1, decisionHeadRow), cellName(len(head), decisionHeadRow), st.head); err != nil {
		return err
	}
	head, rows := rowsTable(r, lang)
	var rs [][]any
	for _, row := range rows {
		rs = append(rs, toAny(row))
	}
	if err := writeSheet(f, SheetRows, toAny(head), rs, st); err != nil {
		return err
	}
	if err := writePlanSheet(f, r, lang, st); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// writePlanSheet writes the tables one below the other, each as its title,
// its header row (styled) and its rows (whole numbers as numbers), a blank
// row between them; then each note as its title and its text.
func writePlanSheet(f *excelize.File, r visits.Report, lang visits.Lang, st xlsxStyles) error {
	if _, err := f.NewSheet(SheetPlan); err != nil {
		return err
	}
	var rows [][]any
	type span struct{ row, cols int }
	var heads []span
	for _, t := range Tables(r, lang) {
		rows = append(rows, []any{t.Title}, toAny(t.Head))
		heads = append(heads, span{len(rows) + 1, len(t.Head)})
		for _, cells := range t.Rows {
			row := toAny(cells)
			for i, c := range cells {
				if i < len(t.Num) && t.Num[i] && !strings.HasPrefix(c, "+") { // a change keeps its sign
					if n, err := strconv.Atoi(c); err == nil {
						row[i] = n
					} else if x, err := strconv.ParseFloat(c, 64); err == nil {
						row[i] = x
					}
				}
			}
			rows = append(rows, row)
		}
		if len(t.Rows) == 0 {
			rows = append(rows, []any{tr(lang, "（无）", "(none)")})
		}
		rows = append(rows, nil)
	}
	for _, n := range Notes(r, lang) {
		rows = append(rows, []any{n.Title}, []any{n.Text}, nil)
	}
	title := fmt.Sprintf("%s %s", tr(lang, "分项统计", "Plan figures"), r.Week)
	if err := writeSheet(f, SheetPlan, []any{title}, rows, st); err != nil {
		return err
	}
	for _, h := range heads {
		if err := f.SetCellStyle(SheetPlan, cellName(1, h.row), cellName(h.cols, h.row), st.head); err != nil {
			return err
		}
	}
	return nil
}

type xlsxStyles struct{ head, body int }

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1},
	}
	head, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "FFFFFF", Family: "等线"},
		Fill:      excelize.Fill{Type: "pattern", Color: []string{"2F5597"}, Pattern: 1},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Border:    border,
	})
	if err != nil {
		return xlsxStyles{}, err
	}
	body, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Family: "等线"},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
		Border:    border,
	})
	return xlsxStyles{head: head, body: body}, err
}

// maxColWidth caps a column; longer text wraps.
const maxColWidth = 60

// writeSheet writes a header row (styled, frozen) and the rows, and sizes
// each column to its widest cell counted in display width.
func writeSheet(f *excelize.File, sheet string, head []any, rows [][]any, st xlsxStyles) error {
	widths := make([]int, len(head))
	measure := func(row []any) {
		for i, v := range row {
			for len(widths) <= i {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], DisplayWidth(fmt.Sprint(v)))
		}
	}
	if err := f.SetSheetRow(sheet, "A1", &head); err != nil {
		return err
	}
	measure(head)
	for i, row := range rows {
		if len(row) == 0 {
			continue
		}
		if err := f.SetSheetRow(sheet, cellName(1, i+2), &row); err != nil {
			return err
		}
		measure(row)
	}
	last := len(widths)
	if len(rows) > 0 {
		if err := f.SetCellStyle(sheet, "A2", cellName(last, len(rows)+1), st.body); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheet, "A1", cellName(len(head), 1), st.head); err != nil {
		return err
	}
	for i, wd := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, float64(min(wd+2, maxColWidth))); err != nil {
			return err
		}
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col, row)
	return n
}

func toAny(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// DisplayWidth counts the columns s takes in a monospaced display or an
// Excel column: 2 for Chinese, Japanese, Korean and full-width characters,
// 1 for the rest.
func DisplayWidth(s string) int {
	n := 0
	for _, r := range s {
		n++
		if isWide(r) {
			n++
		}
	}
	return n
}

func isWide(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana) ||
		(r >= 0x3000 && r <= 0x303F) || // CJK punctuation
		(r >= 0xFF01 && r <= 0xFF60) || (r >= 0xFFE0 && r <= 0xFFE6) // full-width forms
}
