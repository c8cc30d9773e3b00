package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/xlsx"
)

// XLSX writes the report as a workbook: the summary sheet (汇总, with
// the decision items below the figures), the rows sheet (企业明细) and the
// plan's sheet (分项统计: the tables of Tables, then the texts of Notes).
// Header rows are styled and frozen; column widths fit the Chinese text.
func XLSX(w io.Writer, r visits.Report, lang visits.Lang) error {
	xw := xlsx.NewWriter(w)
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
	heads := map[int]int{len(sum) + 1: len(head)}
	for _, d := range drows {
		sum = append(sum, toAny(d))
	}
	if err := writeSheet(xw, SheetSummary, toAny(summaryHead(lang)), sum, heads); err != nil {
		return err
	}
	head, rows := rowsTable(r, lang)
	var rs [][]any
	for _, row := range rows {
		rs = append(rs, toAny(row))
	}
	if err := writeSheet(xw, SheetRows, toAny(head), rs, nil); err != nil {
		return err
	}
	if err := writePlanSheet(xw, r, lang); err != nil {
		return err
	}
	return xw.Close()
}

// writePlanSheet writes the tables one below the other, each as its title,
// its header row (styled) and its rows (whole numbers as numbers), a blank
// row between them; then each note as its title and its text.
func writePlanSheet(xw *xlsx.Writer, r visits.Report, lang visits.Lang) error {
	var rows [][]any
	heads := map[int]int{}
	for _, t := range Tables(r, lang) {
		rows = append(rows, []any{t.Title}, toAny(t.Head))
		heads[len(rows)+1] = len(t.Head)
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
	return writeSheet(xw, SheetPlan, []any{title}, rows, heads)
}

// maxColWidth caps a column; longer text wraps.
const maxColWidth = 60

// writeSheet writes a sheet: a header row (styled, frozen) and the rows,
// every body cell (blank ones too, up to the widest row) bordered, and the
// rows named in heads (sheet row number → columns) styled as headers. Each
// column is sized to its widest cell counted in display width.
func writeSheet(xw *xlsx.Writer, sheet string, head []any, rows [][]any, heads map[int]int) error {
	return writeSheetFrom(xw, sheet, head, func(fn func(row []any) error) error {
		for _, row := range rows {
			if err := fn(row); err != nil {
				return err
			}
		}
		return nil
	}, heads)
}

// writeSheetFrom is writeSheet with the rows given one at a time by each,
// which it calls twice: once to size the columns (they come before the
// rows in the sheet), once to write the rows. So a sheet of any length
// costs the memory of one row.
func writeSheetFrom(xw *xlsx.Writer, sheet string, head []any, each func(fn func(row []any) error) error, heads map[int]int) error {
	widths := make([]int, len(head))
	measure := func(row []any) error {
		for i, v := range row {
			for len(widths) <= i {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], DisplayWidth(fmt.Sprint(v)))
		}
		return nil
	}
	measure(head)
	if err := each(measure); err != nil {
		return err
	}
	cols := make([]float64, len(widths))
	for i, wd := range widths {
		cols[i] = float64(min(wd+2, maxColWidth))
	}
	if err := xw.NewSheet(sheet, xlsx.SheetOptions{Widths: cols, FreezeTop: true}); err != nil {
		return err
	}
	if err := xw.WriteRow(head, styles(xlsx.Head, len(head), 0)); err != nil {
		return err
	}
	n := 0
	return each(func(row []any) error {
		n++
		return xw.WriteRow(row, styles(xlsx.Body, len(widths), heads[n+1]))
	})
}

// styles formats n columns with st, the first nhead of them as headers.
func styles(st xlsx.Style, n, nhead int) []xlsx.Style {
	out := make([]xlsx.Style, max(n, nhead))
	for i := range out {
		out[i] = st
		if i < nhead {
			out[i] = xlsx.Head
		}
	}
	return out
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
