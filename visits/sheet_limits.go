package visits

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// SheetLimits bound what an import reads, so that a hostile or broken file
// (a zip bomb, a million columns, a cell of megabytes) is refused at once
// instead of filling the memory. A zero field takes its default.
type SheetLimits struct {
	FileBytes     int64 // the file as given (xlsx compressed, csv raw); default 64 MiB
	UnzippedBytes int64 // xlsx: all parts uncompressed together; default 128 MiB
	PartBytes     int64 // xlsx: one part other than a worksheet, uncompressed; default 8 MiB
	StringsBytes  int64 // xlsx: the shared-strings part, uncompressed; default 32 MiB
	Rows          int   // row number of the last non-blank row; default 100,000
	Columns       int   // column of the last non-blank cell of a row; default 1,000
	Cells         int   // cells kept in all (blank cells before a filled one count); default 4,000,000
	CellChars     int   // characters in one cell; default 32,767 (Excel's own limit)
}

// DefaultSheetLimits are the limits ReadSheet applies. A district's or a
// city's enterprise list (tens of thousands of rows, a few dozen columns)
// is far inside them.
var DefaultSheetLimits = SheetLimits{
	FileBytes:     64 << 20,
	UnzippedBytes: 128 << 20,
	PartBytes:     8 << 20,
	StringsBytes:  32 << 20,
	Rows:          100_000,
	Columns:       1_000,
	Cells:         4_000_000,
	CellChars:     32_767,
}

func (l SheetLimits) withDefaults() SheetLimits {
	d := DefaultSheetLimits
	set64 := func(v *int64, def int64) {
		if *v <= 0 {
			*v = def
		}
	}
	set := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	set64(&l.FileBytes, d.FileBytes)
	set64(&l.UnzippedBytes, d.UnzippedBytes)
	set64(&l.PartBytes, d.PartBytes)
	set64(&l.StringsBytes, d.StringsBytes)
	set(&l.Rows, d.Rows)
	set(&l.Columns, d.Columns)
	set(&l.Cells, d.Cells)
	set(&l.CellChars, d.CellChars)
	return l
}

// Which limit a sheet broke (SheetLimitError.Limit).
const (
	LimitFileBytes     = "file_bytes"
	LimitUnzippedBytes = "unzipped_bytes" // Part names the part when one part broke it
	LimitRows          = "rows"
	LimitColumns       = "columns"
	LimitCells         = "cells"
	LimitCellChars     = "cell_chars"
	LimitDamaged       = "damaged" // a zip part holds more than its header says
)

// SheetLimitError refuses a whole file: it is over one of the limits. Row
// and Column (1-based) say where, when known.
type SheetLimitError struct {
	Limit  string `json:"limit"`
	Max    int64  `json:"max"`
	Part   string `json:"part,omitempty"`
	Row    int    `json:"row,omitempty"`
	Column int    `json:"column,omitempty"`
}

// Message explains the refusal in lang, naming the limit.
func (e *SheetLimitError) Message(lang Lang) string {
	var zh, en string
	switch e.Limit {
	case LimitFileBytes:
		zh, en = "文件大于 "+mib(e.Max)+"，未导入", "the file is larger than "+mib(e.Max)+"; nothing was imported"
	case LimitUnzippedBytes:
		zh, en = "工作簿解压后大于 "+mib(e.Max), "the workbook is larger than "+mib(e.Max)+" unzipped"
		if e.Part != "" {
			zh, en = "工作簿中的 "+e.Part+" 解压后大于 "+mib(e.Max), "part "+e.Part+" of the workbook is larger than "+mib(e.Max)+" unzipped"
		}
		zh += "（可能是压缩炸弹），未导入"
		en += " (perhaps a zip bomb); nothing was imported"
	case LimitRows:
		zh = fmt.Sprintf("第 %d 行有内容，超过 %d 行的上限；请分成几个文件导入", e.Row, e.Max)
		en = fmt.Sprintf("row %d has data, beyond the limit of %d rows; split the list into several files", e.Row, e.Max)
	case LimitColumns:
		zh = fmt.Sprintf("第 %d 行第 %d 列有内容，超过 %d 列的上限，未导入", e.Row, e.Column, e.Max)
		en = fmt.Sprintf("row %d has data in column %d, beyond the limit of %d columns; nothing was imported", e.Row, e.Column, e.Max)
	case LimitCells:
		zh = fmt.Sprintf("到第 %d 行为止单元格超过 %d 个的上限，未导入", e.Row, e.Max)
		en = fmt.Sprintf("more than %d cells by row %d, beyond the limit; nothing was imported", e.Max, e.Row)
	case LimitCellChars:
		zh = fmt.Sprintf("第 %d 行第 %d 列的单元格超过 %d 个字符的上限，未导入", e.Row, e.Column, e.Max)
		en = fmt.Sprintf("the cell in row %d, column %d holds more than %d characters, beyond the limit; nothing was imported", e.Row, e.Column, e.Max)
	case LimitDamaged:
		zh, en = "工作簿已损坏：其中的 "+e.Part+" 比其声明的大小更大，未导入", "the workbook is damaged: part "+e.Part+" holds more than its header says; nothing was imported"
	default:
		zh, en = e.Limit, e.Limit
	}
	return tr(lang, zh, en)
}

// Error returns the Chinese message with the English one after it.
func (e *SheetLimitError) Error() string { return e.Message(ZH) + " (" + e.Message(EN) + ")" }

func mib(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return strconv.FormatInt(n>>20, 10) + " MiB"
	}
	return strconv.FormatInt(n, 10) + " B"
}

// rowCollector keeps the rows of a sheet within the limits: rows are
// numbered from 1; blank rows between filled ones are kept as nil.
type rowCollector struct {
	lim   SheetLimits
	rows  [][]string
	cells int
}

// add keeps row number n (>= the previous one). A blank row is dropped
// unless a later filled row needs it as padding.
func (c *rowCollector) add(n int, row []string) error {
	last := len(row)
	for last > 0 && row[last-1] == "" {
		last--
	}
	if last == 0 {
		return nil
	}
	row = row[:last]
	if n > c.lim.Rows {
		return &SheetLimitError{Limit: LimitRows, Max: int64(c.lim.Rows), Row: n}
	}
	if last > c.lim.Columns {
		return &SheetLimitError{Limit: LimitColumns, Max: int64(c.lim.Columns), Row: n, Column: last}
	}
	for j, cell := range row {
		if len(cell) > c.lim.CellChars && utf8.RuneCountInString(cell) > c.lim.CellChars {
			return &SheetLimitError{Limit: LimitCellChars, Max: int64(c.lim.CellChars), Row: n, Column: j + 1}
		}
	}
	if c.cells += last; c.cells > c.lim.Cells {
		return &SheetLimitError{Limit: LimitCells, Max: int64(c.lim.Cells), Row: n}
	}
	for len(c.rows) < n-1 {
		c.rows = append(c.rows, nil)
	}
	c.rows = append(c.rows, row)
	return nil
}
