package visits

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// xlsxXMLInMemory is the size above which excelize unzips a worksheet or
// the shared strings to a temporary file and streams it from there.
const xlsxXMLInMemory = 8 << 20

// readXLSX reads the first sheet that has any cell, row by row, within
// lim. The zip's parts are checked against the limits from their headers
// before excelize unzips anything (archive/zip then refuses a part that
// holds more than its header says). Values are read raw (not through the
// cell's number format) so that a date cell arrives as its day serial,
// which parseDate understands whatever the display format.
func readXLSX(data []byte, lim SheetLimits) ([][]string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err == nil {
		if err := checkParts(zr, lim); err != nil {
			return nil, err
		}
		// Headers can lie, and excelize reads a part only up to its
		// declared size: unzip every part once, counting, to refuse a
		// damaged file instead of importing it cut short.
		if part := damagedPart(zr); part != "" {
			return nil, &SheetLimitError{Limit: LimitDamaged, Part: part}
		}
	}
	inMem := min(int64(xlsxXMLInMemory), lim.UnzippedBytes)
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: lim.UnzippedBytes, UnzipXMLSizeLimit: inMem})
	if err != nil {
		return nil, xlsxError(err, lim)
	}
	defer f.Close()
	var first [][]string
	for i, name := range f.GetSheetList() {
		rows, err := readXLSXSheet(f, name, lim)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			first = rows
		}
		if len(rows) > 0 {
			return rows, nil
		}
	}
	return first, nil
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

// xlsxError names the limit behind an excelize error where it is one.
func xlsxError(err error, lim SheetLimits) error {
	if strings.Contains(err.Error(), "unzip size exceeds") {
		return &SheetLimitError{Limit: LimitUnzippedBytes, Max: lim.UnzippedBytes}
	}
	return fmt.Errorf("read xlsx: %w", err)
}

// damagedPart names the first part that does not unzip to the size its
// header declares, or fails its checksum (archive/zip stops reading one
// byte past the declared size, so this costs no memory).
func damagedPart(zr *zip.Reader) string {
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err == nil {
			_, err = io.Copy(io.Discard, rc)
			rc.Close()
		}
		if err != nil {
			return zf.Name
		}
	}
	return ""
}

// readXLSXSheet streams one sheet's rows through the limits.
func readXLSXSheet(f *excelize.File, name string, lim SheetLimits) ([][]string, error) {
	it, err := f.Rows(name)
	if err != nil {
		return nil, fmt.Errorf("read xlsx sheet %q: %w", name, xlsxError(err, lim))
	}
	defer it.Close()
	c := rowCollector{lim: lim}
	for n := 1; it.Next(); n++ {
		row, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("read xlsx sheet %q row %d: %w", name, n, err)
		}
		if err := c.add(n, row); err != nil {
			return nil, err
		}
	}
	if err := it.Error(); err != nil {
		return nil, fmt.Errorf("read xlsx sheet %q: %w", name, err)
	}
	return c.rows, nil
}
