package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/visitstest"
	"github.com/xuri/excelize/v2"
)

func TestExportJSONRoundTrip(t *testing.T) {
	ds, _, _ := visitstest.SmallDataset()
	var buf bytes.Buffer
	if err := ExportJSON(&buf, ds); err != nil {
		t.Fatal(err)
	}
	var back visits.Dataset
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Visits) != len(ds.Visits) || back.Visits[0].Occasion != visits.OccRoutine || back.Events[5].Satisfaction != visits.SatSatisfied {
		t.Errorf("round trip lost records: %+v", back.Visits)
	}
	if strings.Contains(buf.String(), "日常走访") {
		t.Error("labels in the json export")
	}
}

func TestExportCSV(t *testing.T) {
	ds, _, _ := visitstest.SmallDataset()
	var buf bytes.Buffer
	if err := ExportCSV(&buf, ds, visits.TypeVisit); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\ufeff")) {
		t.Error("no BOM")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0][:6], []string{"id", "created_at", "created_by", "updated_at", "enterprise_id", "at"}) || len(rows) != 1+len(ds.Visits) {
		t.Errorf("header %q, %d rows", rows[0], len(rows))
	}
	if rows[1][0] != "v1" || rows[1][slices.Index(rows[0], "occasion")] != visits.OccRoutine {
		t.Errorf("first row %q", rows[1])
	}
	buf.Reset()
	if err := ExportCSV(&buf, ds, visits.TypeNeedEvent); err != nil {
		t.Fatal(err)
	}
	if err := ExportCSV(&buf, ds, "nope"); err == nil {
		t.Error("unknown type accepted")
	}
}

func TestExportXLSX(t *testing.T) {
	ds, _, _ := visitstest.SmallDataset()
	var buf bytes.Buffer
	if err := ExportXLSX(&buf, ds); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, ExportTypes()) {
		t.Fatalf("sheets %q", got)
	}
	rows, _ := f.GetRows(visits.TypeEnterprise)
	if len(rows) != 1+len(ds.Enterprises) || rows[1][slices.Index(rows[0], "uscc")] != visitstest.USCCA {
		t.Errorf("enterprise sheet %q", rows)
	}
	q := rows[2][slices.Index(rows[0], "qualifications")]
	var quals []visits.Qualification
	if err := json.Unmarshal([]byte(q), &quals); err != nil || quals[0].Kind != visits.TierHNTE {
		t.Errorf("qualifications cell %q: %v", q, err)
	}
}
