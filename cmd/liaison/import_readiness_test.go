package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// The import sheet carries the flags and the readiness figures (万元 by
// default, 元 by the header's note, 86万 by the cell); a bad figure
// refuses only its row, naming the column; the checklist then evaluates.
func TestEnterpriseImportReadiness(t *testing.T) {
	db := tempDB(t)
	out := mustCLI(t, 0, db, "enterprise", "import", filepath.Join("testdata", "import", "readiness.csv"))
	for _, s := range []string{"新建 2，更新 0，未变 0，拒绝 1", "第 5 行：[职工总数] “四十” 无法识别，本行未导入"} {
		if !strings.Contains(out, s) {
			t.Errorf("import output lacks %q:\n%s", s, out)
		}
	}
	a := decode[enterpriseShowView](t, mustCLI(t, 0, db, "enterprise", "show", "91310115MA1K4A001D", "--json"))
	r := a.Readiness
	if !a.AboveSize || !a.Private || a.Specialized || a.LittleGiant || *r.StaffTotal != 137 || *r.RD3Y != 3.1e6 ||
		*r.Sales3Y != 1e8 || *r.SalesLastYear != 6e7 || *r.TotalIncome != 5e7 || *r.MajorViolation || r.RegisteredOn != "2020-01-01" {
		t.Fatalf("row 3 stored as %+v %+v", a.Enterprise, r)
	}
	// Hand-computed as in TestEnterpriseSetAndGaps: 研发 3.1% of 1亿 against 4% → 90 万元.
	found := false
	for _, g := range a.ReadinessGaps {
		if g.Part == visits.GapRDShare {
			found = g.Short == 900000 && g.Need == 4
		}
	}
	if !found {
		t.Errorf("gaps %+v", a.ReadinessGaps)
	}
	b := decode[enterpriseShowView](t, mustCLI(t, 0, db, "enterprise", "show", "91310115MA1K4A002G", "--json"))
	if !b.LittleGiant || !b.Specialized || *b.Readiness.RD3Y != 860000 || b.Readiness.RDInChina3Y != nil || b.Readiness.InnovationScore != nil {
		t.Errorf("row 4 stored as %+v %+v", b.Enterprise, b.Readiness)
	}
	// Re-importing the same sheet changes nothing.
	if again := mustCLI(t, 0, db, "enterprise", "import", filepath.Join("testdata", "import", "readiness.csv")); !strings.Contains(again, "新建 0，更新 0，未变 2，拒绝 1") {
		t.Errorf("re-import:\n%s", again)
	}
}
