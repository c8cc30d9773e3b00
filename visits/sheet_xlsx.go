package visits

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// readXLSX reads the first sheet that has any cell. Values are read raw
// (not through the cell's number format) so that a date cell arrives as
// its day serial, which parseDate understands whatever the display format.
func readXLSX(r io.Reader) ([][]string, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, fmt.Errorf("read xlsx: %w", err)
	}
	defer f.Close()
	var first [][]string
	for i, name := range f.GetSheetList() {
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("read xlsx sheet %q: %w", name, err)
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
