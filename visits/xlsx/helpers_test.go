package xlsx

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"testing"
)

// part is one file of a hand-made workbook.
type part struct{ name, body string }

const (
	testTypes = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`
	testRoot  = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	testBook  = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`
	testRels  = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
	sheetOpen = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	sheetEnd  = `</sheetData></worksheet>`
	sstOpen   = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`
)

// zipOf packs parts into a zip.
func zipOf(t testing.TB, parts ...part) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Store}) // no flate: the fuzzer's coverage stays ours
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(p.body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// oneSheet is a workbook of one sheet (its sheetData's content) and, when
// sst is not "", shared strings (the <si> elements).
func oneSheet(t testing.TB, rows, sst string) []byte {
	parts := []part{{"[Content_Types].xml", testTypes}, {"_rels/.rels", testRoot}, {"xl/workbook.xml", testBook},
		{"xl/_rels/workbook.xml.rels", testRels}, {"xl/worksheets/sheet1.xml", sheetOpen + rows + sheetEnd}}
	if sst != "" {
		parts = append(parts, part{"xl/sharedStrings.xml", sstOpen + sst + "</sst>"})
	}
	return zipOf(t, parts...)
}

// row is one row as read: its number and cells.
type row struct {
	n     int
	cells []string
}

// readAll reads every row of sheet i.
func readAll(data []byte, i int, opts Options) ([]row, error) {
	b, err := Open(bytes.NewReader(data), int64(len(data)), opts)
	if err != nil {
		return nil, err
	}
	var out []row
	err = b.Rows(i, func(n int, cells []string) error {
		out = append(out, row{n, cells})
		return nil
	})
	return out, err
}

func crc32IEEE(s string) uint32 { return crc32.ChecksumIEEE([]byte(s)) }
