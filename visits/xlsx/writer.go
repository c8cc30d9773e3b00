package xlsx

import (
	"archive/zip"
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Style is a cell's format: Plain, Head (a header cell) or Body (a body
// cell); see stylesXML.
type Style uint8

const (
	Plain Style = iota
	Head
	Body
)

// SheetOptions lay a sheet out: Widths are the columns' widths in
// characters (0 leaves a column's width alone), FreezeTop keeps the
// first row in view when scrolling.
type SheetOptions struct {
	Widths    []float64
	FreezeTop bool
}

// Writer streams a workbook: sheets one after the other, each row as it
// comes; the workbook, its relationships and content types are written by
// Close. Text is written as inline strings, so a value starting with '='
// stays text and is never a formula.
type Writer struct {
	zw     *zip.Writer
	bw     *bufio.Writer
	names  []string
	inRows bool
	row    int
	buf    []byte
	err    error
	store  bool // parts stored, not deflated (the fuzz test's round trip)
}

// NewWriter starts a workbook written to w.
func NewWriter(w io.Writer) *Writer {
	return &Writer{zw: zip.NewWriter(w)}
}

// MaxCellChars is the most characters Excel keeps in a cell.
const MaxCellChars = 32_767

// NewSheet ends the sheet being written, if any, and starts one named
// name (1 to 31 characters, none of : \ / ? * [ ]).
func (w *Writer) NewSheet(name string, opts SheetOptions) error {
	if w.err != nil {
		return w.err
	}
	if err := checkSheetName(name, w.names); err != nil {
		return w.fail(err)
	}
	if err := w.endSheet(); err != nil {
		return err
	}
	f, err := w.create(sheetPart(len(w.names)))
	if err != nil {
		return w.fail(err)
	}
	w.names = append(w.names, name)
	if w.bw == nil {
		w.bw = bufio.NewWriterSize(f, 64<<10)
	} else {
		w.bw.Reset(f)
	}
	b := append(w.buf[:0], xmlHead+`<worksheet xmlns="`+nsMain+`" xmlns:r="`+nsRel+`"><sheetViews><sheetView workbookViewId="0"`...)
	if len(w.names) == 1 {
		b = append(b, ` tabSelected="1"`...)
	}
	if opts.FreezeTop {
		b = append(b, `><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView>`...)
	} else {
		b = append(b, `/>`...)
	}
	b = append(b, `</sheetViews><sheetFormatPr defaultRowHeight="15"/>`...)
	var cols []byte
	for i, wd := range opts.Widths {
		if wd > 0 && wd <= 255 {
			n := strconv.Itoa(i + 1)
			cols = append(cols, `<col min="`+n+`" max="`+n+`" width="`...)
			cols = strconv.AppendFloat(cols, wd, 'f', -1, 64)
			cols = append(cols, `" customWidth="1"/>`...)
		}
	}
	if len(cols) > 0 {
		b = append(append(append(b, `<cols>`...), cols...), `</cols>`...)
	}
	b = append(b, `<sheetData>`...)
	w.buf, w.inRows, w.row = b, true, 0
	return w.flush()
}

// WriteRow writes the next row: cells are strings, whole numbers (int,
// int64) or float64 (NaN and infinities are written as text), or nil for
// an empty cell; styles[i] formats column i+1, and a style beyond the
// cells formats an empty cell. Text over MaxCellChars characters is cut
// there, as Excel would (and excelize did).
func (w *Writer) WriteRow(cells []any, styles []Style) error {
	if w.err != nil {
		return w.err
	}
	if !w.inRows {
		return w.fail(errors.New("xlsx: WriteRow before NewSheet"))
	}
	w.row++
	b := strconv.AppendInt(append(w.buf[:0], `<row r="`...), int64(w.row), 10)
	b = append(b, `">`...)
	for i := range max(len(cells), len(styles)) {
		var v any
		if i < len(cells) {
			v = cells[i]
		}
		st := Plain
		if i < len(styles) {
			st = styles[i]
		}
		var err error
		if b, err = w.appendCell(b, i+1, v, st); err != nil {
			return w.fail(err)
		}
	}
	w.buf = append(b, `</row>`...)
	return w.flush()
}

func (w *Writer) appendCell(b []byte, col int, v any, st Style) ([]byte, error) {
	var num []byte
	text, isText := "", false
	switch v := v.(type) {
	case nil:
	case string:
		text, isText = v, v != ""
	case int:
		num = strconv.AppendInt(nil, int64(v), 10)
	case int64:
		num = strconv.AppendInt(nil, v, 10)
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			text, isText = strconv.FormatFloat(v, 'g', -1, 64), true
		} else {
			num = appendFloat(nil, v)
		}
	default:
		return b, fmt.Errorf("xlsx: cell %s: unsupported value of type %T", CellName(col, w.row), v)
	}
	if num == nil && !isText && st == Plain {
		return b, nil
	}
	b = strconv.AppendInt(appendColumn(append(b, `<c r="`...), col), int64(w.row), 10)
	b = append(b, '"')
	if st != Plain {
		b = strconv.AppendInt(append(b, ` s="`...), int64(st), 10)
		b = append(b, '"')
	}
	switch {
	case num != nil:
		b = append(append(append(b, `><v>`...), num...), `</v></c>`...)
	case isText:
		text = truncate(text)
		b = append(b, ` t="inlineStr"><is><t`...)
		if needsPreserve(text) {
			b = append(b, ` xml:space="preserve"`...)
		}
		b = append(appendText(append(b, '>'), text), `</t></is></c>`...)
	default:
		b = append(b, `/>`...)
	}
	return b, nil
}

func (w *Writer) create(name string) (io.Writer, error) {
	h := &zip.FileHeader{Name: name, Method: zip.Deflate}
	if w.store {
		h.Method = zip.Store
	}
	return w.zw.CreateHeader(h)
}

func (w *Writer) flush() error {
	if _, err := w.bw.Write(w.buf); err != nil {
		return w.fail(err)
	}
	return nil
}

func (w *Writer) endSheet() error {
	if !w.inRows {
		return nil
	}
	w.inRows = false
	w.buf = append(w.buf[:0], `</sheetData></worksheet>`...)
	if err := w.flush(); err != nil {
		return err
	}
	if err := w.bw.Flush(); err != nil {
		return w.fail(err)
	}
	return nil
}

// Close ends the last sheet and writes the rest of the workbook. A
// workbook needs at least one sheet.
func (w *Writer) Close() error {
	if w.err != nil {
		return w.err
	}
	if len(w.names) == 0 {
		return w.fail(errors.New("xlsx: a workbook needs a sheet"))
	}
	if err := w.endSheet(); err != nil {
		return err
	}
	for _, p := range []struct{ name, body string }{
		{"xl/workbook.xml", workbookXML(w.names)},
		{"xl/_rels/workbook.xml.rels", workbookRels(len(w.names))},
		{"xl/styles.xml", stylesXML},
		{"_rels/.rels", rootRels},
		{"[Content_Types].xml", contentTypes(len(w.names))},
	} {
		f, err := w.create(p.name)
		if err == nil {
			_, err = io.WriteString(f, p.body)
		}
		if err != nil {
			return w.fail(err)
		}
	}
	return w.fail(w.zw.Close())
}

func (w *Writer) fail(err error) error {
	if err != nil && w.err == nil {
		w.err = err
	}
	return err
}

func checkSheetName(name string, taken []string) error {
	n := utf8.RuneCountInString(name)
	switch {
	case n == 0 || n > 31:
		return fmt.Errorf("xlsx: sheet name %q: want 1 to 31 characters", name)
	case strings.ContainsAny(name, `:\/?*[]`) || strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'"):
		return fmt.Errorf("xlsx: sheet name %q: may not hold : \\ / ? * [ ] or start or end with '", name)
	}
	for _, r := range name {
		if !xmlChar(r) || r < 0x20 {
			return fmt.Errorf("xlsx: sheet name %q: control character", name)
		}
	}
	for _, t := range taken {
		if strings.EqualFold(t, name) {
			return fmt.Errorf("xlsx: sheet name %q used twice", name)
		}
	}
	return nil
}

// truncate cuts s to MaxCellChars characters.
func truncate(s string) string {
	if len(s) <= MaxCellChars {
		return s
	}
	n := 0
	for i := range s {
		if n == MaxCellChars {
			return s[:i]
		}
		n++
	}
	return s
}

// appendFloat writes a number as plain decimals, or with an exponent when
// it is very large.
func appendFloat(dst []byte, v float64) []byte {
	if math.Abs(v) < 1e21 {
		return strconv.AppendFloat(dst, v, 'f', -1, 64)
	}
	return strconv.AppendFloat(dst, v, 'E', -1, 64)
}
