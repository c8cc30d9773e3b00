package visits

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Sheet is a file read for import: its rows of cells (row i is the
// spreadsheet's row i+1) and, for a CSV that was not UTF-8, the encoding
// it was read in.
type Sheet struct {
	Rows     [][]string
	Encoding string // "" (UTF-8, or an xlsx) or EncodingGB18030
}

// EncodingGB18030 is what Excel on a Chinese Windows writes CSV in (GBK,
// of which GB18030 is the superset).
const EncodingGB18030 = "gb18030"

// EncodingNote says how the file was read, for the import summary; "" when
// there is nothing to say.
func (s Sheet) EncodingNote(lang Lang) string { return EncodingNote(s.Encoding, lang) }

// EncodingNote is Sheet.EncodingNote for an encoding name.
func EncodingNote(enc string, lang Lang) string {
	if enc == EncodingGB18030 {
		return tr(lang, "文件不是 UTF-8 编码，已按 GB18030（GBK）编码读取", "the file is not UTF-8; it was read as GB18030 (GBK)")
	}
	return ""
}

// ReadSheetWith reads a "csv" or "xlsx" file within lim (zero fields take
// DefaultSheetLimits). A file over a limit is refused whole with a
// *SheetLimitError naming the limit; a zip bomb is refused from its
// headers before anything is unzipped.
func ReadSheetWith(r io.Reader, format string, lim SheetLimits) (Sheet, error) {
	lim = lim.withDefaults()
	format = strings.ToLower(strings.TrimPrefix(format, "."))
	if format != "csv" && format != "xlsx" {
		return Sheet{}, fmt.Errorf("read sheet: format %q: want csv or xlsx", format)
	}
	data, err := io.ReadAll(io.LimitReader(r, lim.FileBytes+1))
	if err != nil {
		return Sheet{}, fmt.Errorf("read %s: %w", format, err)
	}
	if int64(len(data)) > lim.FileBytes {
		return Sheet{}, &SheetLimitError{Limit: LimitFileBytes, Max: lim.FileBytes}
	}
	if format == "csv" {
		return readCSV(data, lim)
	}
	rows, err := readXLSX(data, lim)
	return Sheet{Rows: rows}, err
}

// readCSV reads UTF-8 (a byte order mark is dropped) or, when the bytes
// are not valid UTF-8, GB18030.
func readCSV(data []byte, lim SheetLimits) (Sheet, error) {
	var sh Sheet
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil {
			return sh, fmt.Errorf("read csv: neither UTF-8 nor GB18030: %w", err)
		}
		data, sh.Encoding = bytes.TrimPrefix(dec, []byte("\ufeff")), EncodingGB18030
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	c := rowCollector{lim: lim}
	for n := 1; ; n++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			sh.Rows = c.rows
			return sh, nil
		}
		if err != nil {
			sh.Rows = c.rows
			return sh, fmt.Errorf("read csv: %w", err)
		}
		if err := c.add(n, rec); err != nil {
			return Sheet{}, err
		}
	}
}
