package store

import (
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// funnelSheet is a sheet of enterprise rows with the funnel columns.
func funnelSheet(rows ...[]string) [][]string {
	return append([][]string{{"企业名称", "统一社会信用代码", "申报类型", "申报年度", "申报批次", "申报进度", "进度日期", "证书编号", "发证日期"}}, rows...)
}

func appsOf(t *testing.T, s *Store, uscc string) []visits.Application {
	t.Helper()
	var apps []visits.Application
	must(t, s.View(func(r *Reader) error {
		e, err := r.EnterpriseByUSCC(uscc)
		if err != nil {
			return err
		}
		apps, err = r.ApplicationsOf(e.ID)
		return err
	}))
	return apps
}

func storedApps(t *testing.T, s *Store) (n int) {
	must(t, s.View(func(r *Reader) error { n = r.Count(visits.TypeApplication); return nil }))
	return n
}

func TestImportCreatesAndAdvancesApplications(t *testing.T) {
	s := openTemp(t)
	a, b := visits.MakeUSCC("91310115MA1K4A001"), visits.MakeUSCC("91310115MA1K4A002")
	rows := funnelSheet(
		[]string{"甲公司", a, "高企", "2024", "第二批", "已提交", "2024-03-01"},
		[]string{"乙公司", b, "科小", "2024", "", "拟申报", "2024-02-01"},
	)
	im, err := s.ImportEnterprises(visits.ParseEnterpriseRows(rows), true)
	must(t, err)
	if len(im.Applications) != 2 || im.Applications[0].Action != visits.AppCreate || storedApps(t, s) != 0 {
		t.Fatalf("dry run: %+v", im.Applications)
	}
	im, err = s.ImportEnterprises(visits.ParseEnterpriseRows(rows), false)
	must(t, err)
	if len(im.Refused) != 0 || len(im.Applications) != 2 {
		t.Fatalf("import: refused %+v, apps %+v", im.Refused, im.Applications)
	}
	got := appsOf(t, s, a)
	if len(got) != 1 || got[0].Kind != "hnte" || got[0].Year != 2024 || got[0].Batch != 2 ||
		len(got[0].Steps) != 1 || got[0].Current() != visits.StepSubmitted || got[0].Steps[0].Date != "2024-03-01" {
		t.Fatalf("created application %+v", got)
	}

	// a later step advances; the same step is unchanged; an earlier one warns
	rows = funnelSheet(
		[]string{"甲公司", a, "高新技术企业", "2024", "二", "认定通过", "2024-11-20", "GR202431000001", "2024-11-20"},
		[]string{"乙公司", b, "tsme", "2024", "", "拟申报", "2024-02-01"},
	)
	im, err = s.ImportEnterprises(visits.ParseEnterpriseRows(rows), false)
	must(t, err)
	if len(im.Refused) != 0 || im.Applications[0].Action != visits.AppAdvance || im.Applications[1].Action != visits.AppUnchanged {
		t.Fatalf("re-import: refused %+v, apps %+v", im.Refused, im.Applications)
	}
	got = appsOf(t, s, a)
	if len(got) != 1 || got[0].Current() != visits.StepApproved || got[0].Certificate != "GR202431000001" || len(got[0].Steps) != 2 {
		t.Fatalf("advanced application %+v", got)
	}
	must(t, s.View(func(r *Reader) error {
		e, _ := r.EnterpriseByUSCC(a)
		if len(e.Qualifications) != 1 || e.Qualifications[0].Kind != "hnte" {
			t.Errorf("qualification after approval: %+v", e.Qualifications)
		}
		return nil
	}))

	rows = funnelSheet([]string{"甲公司", a, "高企", "2024", "二", "评审", "2024-12-01"})
	im, err = s.ImportEnterprises(visits.ParseEnterpriseRows(rows), false)
	must(t, err)
	if len(im.Refused) != 0 || len(im.Warnings) != 1 || im.Warnings[0].Reason != visits.ReasonStepBehind {
		t.Fatalf("earlier step: refused %+v warnings %+v", im.Refused, im.Warnings)
	}
	if got = appsOf(t, s, a); got[0].Current() != visits.StepApproved {
		t.Fatalf("earlier step changed the application: %+v", got)
	}
}

func TestImportBadFunnelCellRefusesItsRowOnly(t *testing.T) {
	s := openTemp(t)
	a, b, c := visits.MakeUSCC("91310115MA1K4A001"), visits.MakeUSCC("91310115MA1K4A002"), visits.MakeUSCC("91310115MA1K4A003")
	rows := funnelSheet(
		[]string{"甲公司", a, "高企", "2024", "", "差不多了", "2024-03-01"},
		[]string{"乙公司", b, "科小", "2024", "", "已提交", "2024-02-01"},
		[]string{"丙公司", c, "省级", "2024", "", "认定通过", "2024-05-01"},
	)
	im, err := s.ImportEnterprises(visits.ParseEnterpriseRows(rows), false)
	must(t, err)
	if len(im.Refused) != 2 || im.Refused[0].Column != "申报进度" || im.Refused[0].Reason != visits.ReasonBadCell ||
		im.Refused[1].Column != "证书编号" || im.Refused[1].Reason != visits.ReasonMissingCell {
		t.Fatalf("refused %+v", im.Refused)
	}
	if len(im.Created) != 1 || len(appsOf(t, s, b)) != 1 {
		t.Fatalf("the good row: created %+v", im.Created)
	}
}
