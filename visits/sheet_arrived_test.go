package visits

import (
	"slices"
	"strings"
	"testing"
)

// 落户日期 is read from the roster and updates an enterprise already on
// it; the enterprise then owes its 新落户 visit.
func TestImportArrivedOn(t *testing.T) {
	in := "企业名称,统一社会信用代码,落户日期\n甲公司,91350100M000100Y43,2026/9/3\n"
	rows, err := ReadSheet(strings.NewReader(in), "csv")
	if err != nil {
		t.Fatal(err)
	}
	res := ParseEnterpriseRows(rows)
	if len(res.Rows) != 1 || len(res.Refused) != 0 || res.Rows[0].Enterprise.ArrivedOn != "2026-09-03" {
		t.Fatalf("result = %+v", res)
	}
	old := Enterprise{Meta: Meta{ID: "e1"}, Name: "甲公司", USCC: "91350100M000100Y43"}
	plan := PlanImport([]Enterprise{old}, res)
	if len(plan.Updated) != 1 || !slices.Contains(plan.Updated[0].Changed, "arrived_on") || plan.Updated[0].Enterprise.ArrivedOn != "2026-09-03" {
		t.Fatalf("plan = %+v", plan)
	}
	owed := Owed(ObligationInput{Enterprise: plan.Updated[0].Enterprise, LastVisit: "2026-09-10"}, "2026-09-10")
	if !slices.ContainsFunc(owed, func(o Obligation) bool { return o.Occasion == OccNewEntry && o.Due == "2026-10-08" }) {
		t.Errorf("owed = %+v", owed)
	}
}
