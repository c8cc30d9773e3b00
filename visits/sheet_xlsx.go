package visits

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/liaison-dev/liaison/visits/xlsx"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// xlsxMaxToken bounds one XML token of an imported workbook, and one
// cell's text as written: a cell of CellChars characters, each written as
// a character reference of up to 10 bytes, fits.
func xlsxMaxToken(lim SheetLimits) int { return lim.CellChars*10 + 64<<10 }

// readXLSX reads the first sheet that has any cell, row by row, within
// lim. The zip's parts are checked against the limits from their headers
// before anything is unzipped; while reading, archive/zip refuses a part
// that holds more than its header says, and the reader counts what it
// unzips against the same limits. Values are read raw (not through the
// cell's number format) so that a date cell arrives as its day serial,
// which parseDate understands whatever the display format.
func readXLSX(data []byte, lim SheetLimits) ([][]string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("read xlsx: %w", err)
	}
	if err := checkParts(zr, lim); err != nil {
		return nil, err
	}
	book, err := xlsx.Open(bytes.NewReader(data), int64(len(data)), xlsx.Options{
		MaxUnzipped: lim.UnzippedBytes, MaxPart: lim.PartBytes, MaxStrings: lim.StringsBytes,
		MaxToken: xlsxMaxToken(lim), MaxColumns: lim.Columns, CharsetReader: xlsxCharset,
	})
	if err != nil {
		return nil, xlsxError(err, lim)
	}
	var first [][]string
	for i, sh := range book.Sheets() {
		c := rowCollector{lim: lim}
		if err := book.Rows(i, c.add); err != nil {
			var le *SheetLimitError
			if errors.As(err, &le) {
				return nil, err
			}
			return nil, fmt.Errorf("read xlsx sheet %q: %w", sh.Name, xlsxError(err, lim))
		}
		if i == 0 {
			first = c.rows
		}
		if len(c.rows) > 0 {
			return c.rows, nil
		}
	}
	return first, nil
}

// xlsxCharset reads the XML parts some Chinese tools write in GBK (or
// GB2312, GB18030) or Latin-1 instead of UTF-8, as excelize did.
func xlsxCharset(label string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "gbk", "gb2312", "gb18030", "cp936", "x-gbk", "euc-cn", "windows-936":
		return simplifiedchinese.GB18030.NewDecoder().Reader(r), nil
	case "iso-8859-1", "latin1", "us-ascii", "ascii":
		return latin1Reader{bufio.NewReader(r)}, nil
	}
	return nil, fmt.Errorf("XML in encoding %q", label)
}

// latin1Reader turns Latin-1 bytes into UTF-8.
type latin1Reader struct{ r *bufio.Reader }

func (l latin1Reader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		c, err := l.r.ReadByte()
		if err != nil {
			return n, err
		}
		if c >= utf8.RuneSelf && n+2 > len(p) {
			l.r.UnreadByte()
			break
		}
		n += utf8.EncodeRune(p[n:], rune(c))
	}
	if n == 0 {
		return 0, io.ErrShortBuffer
	}
	return n, nil
}

// checkParts refuses a workbook whose parts, as their headers declare
// them, are over the limits.
func checkParts(zr *zip.Reader, lim SheetLimits) error {
	var total uint64
	for _, zf := range zr.File {
		size := zf.UncompressedSize64
		total += size
		if size > uint64(lim.UnzippedBytes) || total > uint64(lim.UnzippedBytes) {
			return &SheetLimitError{Limit: LimitUnzippedBytes, Max: lim.UnzippedBytes}
		}
		name := strings.ToLower(strings.ReplaceAll(zf.Name, "\\", "/"))
		switch {
		case strings.HasPrefix(name, "xl/worksheets/sheet"):
		case name == "xl/sharedstrings.xml":
			if size > uint64(lim.StringsBytes) {
				return &SheetLimitError{Limit: LimitUnzippedBytes, Max: lim.StringsBytes, Part: zf.Name}
			}
		default:
			if size > uint64(lim.PartBytes) {
				return &SheetLimitError{Limit: LimitUnzippedBytes, Max: lim.PartBytes, Part: zf.Name}
			}
		}
	}
	return nil
}

// xlsxError names the limit behind a reader's error where it is one: a
// part over its size, a part that does not unzip as its header says, a
// value beyond the column limit or a cell over the character limit.
func xlsxError(err error, lim SheetLimits) error {
	var se *xlsx.SizeError
	var pe *xlsx.PartError
	var ce *xlsx.CellError
	switch {
	case errors.As(err, &se):
		return &SheetLimitError{Limit: LimitUnzippedBytes, Max: se.Max, Part: se.Part}
	case errors.As(err, &ce) && errors.Is(ce.Err, xlsx.ErrColumns):
		return &SheetLimitError{Limit: LimitColumns, Max: int64(lim.Columns), Row: ce.Row, Column: ce.Column}
	case errors.As(err, &ce):
		return &SheetLimitError{Limit: LimitCellChars, Max: int64(lim.CellChars), Row: ce.Row, Column: ce.Column}
	case errors.As(err, &pe) && pe.Damaged():
		return &SheetLimitError{Limit: LimitDamaged, Part: pe.Part}
	}
	return fmt.Errorf("read xlsx: %w", err)
}
