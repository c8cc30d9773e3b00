package visits

import (
	"archive/zip"
	"bytes"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestXLSXDeclaredEncodings: some Chinese tools write a workbook's XML in
// GBK and say so in its declaration (excelize read them; so do we), and
// Latin-1 is read too. An encoding we do not know is refused, not
// misread.
func TestXLSXDeclaredEncodings(t *testing.T) {
	sheet := `<?xml version="1.0" encoding="%s"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>统一社会信用代码</t></is></c></row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>兰州样本新材料有限公司</t></is></c><c r="B2" t="inlineStr"><is><t>91310110666007217T</t></is></c></row></sheetData></worksheet>`
	sst := `<?xml version="1.0" encoding="%s"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>企业名称</t></si></sst>`
	build := func(enc string, encode func(string) string) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, p := range xlsxParts {
			w, _ := zw.Create(p.name)
			w.Write([]byte(p.body))
		}
		for name, body := range map[string]string{"xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": sst} {
			w, _ := zw.Create(name)
			w.Write([]byte(encode(fmtEnc(body, enc))))
		}
		zw.Close()
		return buf.Bytes()
	}
	gbk := func(s string) string {
		out, err := simplifiedchinese.GBK.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, enc := range []string{"GBK", "gb2312", "GB18030"} {
		rows, err := ReadSheet(bytes.NewReader(build(enc, gbk)), "xlsx")
		if err != nil {
			t.Fatalf("%s: %v", enc, err)
		}
		res := ParseEnterpriseRows(rows)
		if len(rows) != 2 || rows[0][0] != "企业名称" || len(res.Rows) != 1 || res.Rows[0].Enterprise.Name != "兰州样本新材料有限公司" {
			t.Errorf("%s: rows %q", enc, rows)
		}
	}
	latin := func(s string) string {
		var b []byte
		for _, r := range s {
			if r > 0xff {
				r = '?'
			}
			b = append(b, byte(r))
		}
		return string(b)
	}
	rows, err := ReadSheet(bytes.NewReader(build("ISO-8859-1", latin)), "xlsx")
	if err != nil || rows[1][1] != "91310110666007217T" {
		t.Errorf("latin-1: %q %v", rows, err)
	}
	if _, err := ReadSheet(bytes.NewReader(build("EBCDIC", func(s string) string { return s })), "xlsx"); err == nil {
		t.Error("an unknown encoding was read")
	}
}

func fmtEnc(body, enc string) string {
	return string(bytes.Replace([]byte(body), []byte("%s"), []byte(enc), 1))
}
