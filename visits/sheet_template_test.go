package visits

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The import template (testdata/enterprise-import-template.csv) names
// every column the import reads, each recognised, and its example row
// imports whole: the readiness checklist evaluates every item.
func TestImportTemplate(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "testdata", "enterprise-import-template.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := ReadSheet(f, "csv")
	if err != nil {
		t.Fatal(err)
	}
	res := ParseEnterpriseRows(rows)
	if len(res.Unknown) != 0 || len(res.Refused) != 0 || len(res.Warnings) != 0 || len(res.Rows) != 1 {
		t.Fatalf("template: unknown %v refused %v warnings %v rows %d", res.Unknown, res.Refused, res.Warnings, len(res.Rows))
	}
	for _, c := range importColumns {
		if _, ok := res.Columns[c.field]; !ok {
			t.Errorf("the template has no column for %s (%s)", c.field, c.headers[0])
		}
	}
	for _, c := range readinessColumns {
		if _, ok := res.Columns[c.field]; !ok {
			t.Errorf("the template has no column for %s (%s)", c.field, c.headers[0])
		}
	}
	e := res.Rows[0].Enterprise
	for _, it := range CheckReadiness(e, "2026-11-20") {
		if it.State == StateUnknown {
			t.Errorf("item %d %s unknown after the template's row", it.Item, it.Code)
		}
	}
	// 980 万 of 12000 万 = 8.2% ≥ 5% (上年 4500 万 ≤ 5000 万); 18/120 = 15% ≥ 10%; 3600/4800 = 75% ≥ 60%; 76 > 70.
	if g := ReadinessGaps(e, "2026-11-20"); len(g) != 0 {
		t.Errorf("the example row should pass: %+v", g)
	}
	if a := res.Rows[0].Application; a == nil || *a != (SheetApplication{Kind: TierHNTE, Year: 2026, Batch: 2, Step: StepSubmitted, Date: "2026-05-20"}) {
		t.Errorf("application %+v", a)
	}
	if *e.Readiness.RD3Y != 9.8e6 || !strings.HasPrefix(e.Name, "兰州") {
		t.Errorf("row %+v", e)
	}
}
