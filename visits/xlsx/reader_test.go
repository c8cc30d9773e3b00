package xlsx

import (
	"archive/zip"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func eqRows(t *testing.T, got []row, want ...row) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d rows %v, want %d %v", len(got), got, len(want), want)
	}
	for i := range want {
		if got[i].n != want[i].n || !slices.Equal(got[i].cells, want[i].cells) {
			t.Errorf("row %d = %d %q, want %d %q", i, got[i].n, got[i].cells, want[i].n, want[i].cells)
		}
	}
}

// TestReadCells: every kind of cell Excel, LibreOffice, WPS and excelize
// write, read raw: shared strings (rich text runs joined, phonetic runs
// left out), inline strings, numbers as written, booleans as 1/0, ISO
// dates, formula results, entities, _xHHHH_ escapes, cells and rows left
// out of the file.
func TestReadCells(t *testing.T) {
	sst := `<si><t>企业名称</t></si>` +
		`<si><r><rPr><b/></rPr><t>兰州</t></r><r><t xml:space="preserve"> 科技</t></r><rPh sb="0" eb="1"><t>ランシュウ</t></rPh></si>` +
		`<si><t>a_x000D_b_x005F_x0041_</t></si>` +
		`<si/>`
	rows := `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v> 1 </v></c></row>` +
		`<row r="3"><c r="A3"><v>45260</v></c><c r="C3" t="b"><v>1</v></c><c r="E3" t="d"><v>2023-11-30T00:00:00Z</v></c></row>` +
		`<row r="5"><c r="C5" t="inlineStr"><is><t>五&amp;&lt;&#x4E2D;</t></is></c><c r="A5" t="s"><v>2</v></c></row>` +
		`<row><c t="str"><f>A1&amp;"x"</f><v>企业名称x</v></c><c t="e"><v>#N/A</v></c><c t="s"><v>3</v></c><c s="3"/><c><v>-1.5E-3</v></c></row>` +
		`<row r="9" spans="1:3"></row>`
	got, err := readAll(oneSheet(t, rows, sst), 0, Options{})
	if err != nil {
		t.Fatal(err)
	}
	eqRows(t, got,
		row{1, []string{"企业名称", "兰州 科技"}},
		row{3, []string{"45260", "", "1", "", "2023-11-30T00:00:00Z"}},
		row{5, []string{"a\rb_x0041_", "", "五&<中"}},
		row{6, []string{"企业名称x", "#N/A", "", "", "-1.5E-3"}},
		row{9, nil},
	)
}

// TestReadPrefixedAndOrdered: a workbook written with a namespace prefix
// (<x:c>), its sheets listed in an order other than their part names,
// relationship targets absolute, and no shared strings part.
func TestReadPrefixedAndOrdered(t *testing.T) {
	book := `<?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets>` +
		`<x:sheet name="说明" sheetId="2" r:id="rIdB"/><x:sheet name="名单" sheetId="1" r:id="rIdA"/><x:sheet name="图" sheetId="3" r:id="rIdC"/></x:sheets></x:workbook>`
	rels := `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rIdA" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/>` +
		`<Relationship Id="rIdB" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/notes.xml"/>` +
		`<Relationship Id="rIdC" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`
	sheet := func(v string) string {
		return `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>` + v + `</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`
	}
	data := zipOf(t, part{"[Content_Types].xml", testTypes}, part{"_rels/.rels", testRoot}, part{"xl/workbook.xml", book},
		part{"xl/_rels/workbook.xml.rels", rels}, part{"xl/worksheets/sheet1.xml", sheet("名单")}, part{"xl/worksheets/notes.xml", sheet("说明")})
	b, err := Open(strings.NewReader(string(data)), int64(len(data)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := b.Sheets(); len(got) != 2 || got[0] != (SheetInfo{"说明", "xl/worksheets/notes.xml"}) || got[1] != (SheetInfo{"名单", "xl/worksheets/sheet1.xml"}) {
		t.Fatalf("sheets %+v", got)
	}
	for i, want := range []string{"说明", "名单"} {
		got, err := readAll(data, i, Options{})
		if err != nil {
			t.Fatal(err)
		}
		eqRows(t, got, row{2, []string{"", want}})
	}
}

// TestReadRefused: what the reader refuses, and how it says so.
func TestReadRefused(t *testing.T) {
	long := strings.Repeat("长", 400)
	for _, c := range []struct {
		name, rows, sst string
		opts            Options
		check           func(error) bool
	}{
		{"column beyond the limit", `<row r="7"><c r="ALM7" t="inlineStr"><is><t>x</t></is></c></row>`, "", Options{MaxColumns: 1000},
			func(err error) bool {
				var ce *CellError
				return errors.As(err, &ce) && ce.Row == 7 && ce.Column == 1001 && errors.Is(err, ErrColumns)
			}},
		{"blank cell beyond the limit is no value", `<row r="7"><c r="XFD7" s="1"/></row>`, "", Options{MaxColumns: 1000}, nil},
		{"absurd column", `<row><c r="ZZZZZZZZZZZZ1"><v>1</v></c></row>`, "", Options{}, func(err error) bool { return errors.Is(err, ErrColumns) }},
		{"long cell text", `<row r="2"><c r="B2" t="inlineStr"><is><t>` + long + `</t></is></c></row>`, "", Options{MaxToken: 1000},
			func(err error) bool {
				var ce *CellError
				return errors.As(err, &ce) && ce.Row == 2 && ce.Column == 2 && errors.Is(err, ErrTokenTooLong)
			}},
		{"long text in pieces", `<row r="2"><c r="B2" t="inlineStr"><is><t>` + strings.Repeat(long[:300]+"<!---->", 4) + `</t></is></c></row>`, "", Options{MaxToken: 1000},
			func(err error) bool { return errors.Is(err, ErrTokenTooLong) }},
		{"long comment", `<!--` + strings.Repeat("<>", 1000) + `-->`, "", Options{MaxToken: 1000}, func(err error) bool { return errors.Is(err, ErrTokenTooLong) }},
		{"long CDATA", `<row><c t="inlineStr"><is><t><![CDATA[` + strings.Repeat("<]]", 1000) + `]]></t></is></c></row>`, "", Options{MaxToken: 1000},
			func(err error) bool { return errors.Is(err, ErrTokenTooLong) }},
		{"short CDATA is text", `<row><c t="inlineStr"><is><t><![CDATA[a<b]]]></t></is></c></row>`, "", Options{}, nil},
		{"shared string out of range", `<row><c t="s"><v>1</v></c></row>`, `<si><t>a</t></si>`, Options{},
			func(err error) bool { var pe *PartError; return errors.As(err, &pe) && !pe.Damaged() }},
		{"bad cell reference", `<row><c r="A0"><v>1</v></c></row>`, "", Options{}, func(err error) bool { var pe *PartError; return errors.As(err, &pe) }},
		{"not XML", `<row><c><v>1</c></row>`, "", Options{}, func(err error) bool { var pe *PartError; return errors.As(err, &pe) }},
		{"unknown entity", `<row><c t="inlineStr"><is><t>&bomb;</t></is></c></row>`, "", Options{}, func(err error) bool { var pe *PartError; return errors.As(err, &pe) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := readAll(oneSheet(t, c.rows, c.sst), 0, c.opts)
			if c.check == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !c.check(err) {
				t.Fatalf("err = %v (%T)", err, err)
			}
		})
	}
	// A document type declaration is refused before anything is read.
	doctype := strings.Replace(oneSheetXML(), `<worksheet`, `<!DOCTYPE worksheet [<!ENTITY a "aaaa">]><worksheet`, 1)
	data := zipOf(t, part{"[Content_Types].xml", testTypes}, part{"_rels/.rels", testRoot}, part{"xl/workbook.xml", testBook},
		part{"xl/_rels/workbook.xml.rels", testRels}, part{"xl/worksheets/sheet1.xml", doctype})
	if _, err := readAll(data, 0, Options{}); !errors.Is(err, ErrDirective) {
		t.Errorf("DOCTYPE: %v", err)
	}
}

func oneSheetXML() string { return sheetOpen + `<row><c><v>1</v></c></row>` + sheetEnd }

// TestReadSizeLimits: the parts read are counted against the limits
// while unzipping, whatever their headers say.
func TestReadSizeLimits(t *testing.T) {
	rows := strings.Repeat(`<row><c t="inlineStr"><is><t>兰州炸弹科技有限公司</t></is></c></row>`, 2000)
	data := oneSheet(t, rows, `<si><t>x</t></si>`)
	var se *SizeError
	if _, err := readAll(data, 0, Options{MaxUnzipped: 50_000}); !errors.As(err, &se) || se.Part != "" || se.Max != 50_000 {
		t.Errorf("unzipped: %v", err)
	}
	if _, err := readAll(data, 0, Options{MaxStrings: 10}); !errors.As(err, &se) || se.Part != "xl/sharedStrings.xml" {
		t.Errorf("strings: %v", err)
	}
	if _, err := readAll(data, 0, Options{MaxPart: 100}); !errors.As(err, &se) || se.Part != "_rels/.rels" {
		t.Errorf("part: %v", err)
	}
	if got, err := readAll(data, 0, Options{}); err != nil || len(got) != 2000 {
		t.Errorf("%d rows, %v", len(got), err)
	}
}

// TestReadDamaged: a part that holds more than its header says is
// refused as damaged, naming the part; so is one that fails its checksum.
func TestReadDamaged(t *testing.T) {
	body := sheetOpen + strings.Repeat(`<row><c><v>1</v></c></row>`, 1000) + sheetEnd
	for _, c := range []struct {
		name     string
		declared uint64
		crc      func(uint32) uint32
	}{{"lying size", 100, nil}, {"bad checksum", 0, func(c uint32) uint32 { return c ^ 1 }}} {
		t.Run(c.name, func(t *testing.T) {
			data := rawSheet(t, body, c.declared, c.crc)
			_, err := readAll(data, 0, Options{})
			var pe *PartError
			if !errors.As(err, &pe) || !pe.Damaged() || pe.Part != "xl/worksheets/sheet1.xml" {
				t.Fatalf("err = %v", err)
			}
		})
	}
}

// TestCellName: references both ways.
func TestCellName(t *testing.T) {
	for _, c := range []struct {
		col, row int
		ref      string
	}{{1, 1, "A1"}, {26, 9, "Z9"}, {27, 10, "AA10"}, {702, 1, "ZZ1"}, {703, 1, "AAA1"}, {16384, 1048576, "XFD1048576"}} {
		if got := CellName(c.col, c.row); got != c.ref {
			t.Errorf("CellName(%d, %d) = %s, want %s", c.col, c.row, got, c.ref)
		}
		col, row, ok := parseRef(strings.ToLower(c.ref))
		if !ok || col != c.col || row != c.row {
			t.Errorf("parseRef(%s) = %d %d %v", c.ref, col, row, ok)
		}
	}
	for _, bad := range []string{"", "A", "1", "A0", "A1B", "$A$1", "A-1"} {
		if _, _, ok := parseRef(bad); ok {
			t.Errorf("parseRef(%q) accepted", bad)
		}
	}
}

// rawSheet is oneSheet with the sheet's zip header set by hand.
func rawSheet(t *testing.T, body string, declared uint64, crc func(uint32) uint32) []byte {
	t.Helper()
	var buf strings.Builder
	zw := zip.NewWriter(&buf)
	for _, p := range []part{{"[Content_Types].xml", testTypes}, {"_rels/.rels", testRoot}, {"xl/workbook.xml", testBook}, {"xl/_rels/workbook.xml.rels", testRels}} {
		w, _ := zw.Create(p.name)
		w.Write([]byte(p.body))
	}
	h := &zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Store, UncompressedSize64: uint64(len(body)), CompressedSize64: uint64(len(body))}
	h.CRC32 = crc32IEEE(body)
	if declared != 0 {
		h.UncompressedSize64 = declared
	}
	if crc != nil {
		h.CRC32 = crc(h.CRC32)
	}
	w, err := zw.CreateRaw(h)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprint(w, body)
	zw.Close()
	return []byte(buf.String())
}
