package store

import (
	"fmt"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// sheet makes an enterprise list of n rows as HQ sends it.
func sheet(n int, street string) [][]string {
	rows := [][]string{{"企业名称", "统一社会信用代码", "所属街道", "技术领域", "证书编号", "发证日期", "培育阶段"}}
	for i := range n {
		uscc := visits.MakeUSCC(fmt.Sprintf("91310115MA%07d", i))
		rows = append(rows, []string{fmt.Sprintf("测试企业%05d有限公司", i), uscc, street, "电子信息",
			fmt.Sprintf("GR2023310%05d", i), "2023-12-08", "培育"})
	}
	return rows
}

func TestImportEnterprises(t *testing.T) {
	s := openTemp(t)
	rows := sheet(3, "张江镇")
	rows = append(rows, []string{"", "91310115MA1K4A004N"}) // no name: refused by the parser

	im, err := s.ImportEnterprises(visits.ParseEnterpriseRows(rows), true)
	must(t, err)
	if !im.DryRun || len(im.Created) != 3 || len(im.Refused) != 1 {
		t.Fatalf("dry run: created %d, refused %+v", len(im.Created), im.Refused)
	}
	must(t, s.View(func(r *Reader) error {
		if n := r.Count(visits.TypeEnterprise); n != 0 {
			t.Errorf("dry run stored %d enterprises", n)
		}
		return nil
	}))

	im, err = s.ImportEnterprises(visits.ParseEnterpriseRows(rows), false)
	must(t, err)
	if len(im.Created) != 3 || im.Created[0].Enterprise.ID == "" {
		t.Fatalf("import: %+v", im.ImportPlan)
	}
	var ds visits.Dataset
	must(t, s.View(func(r *Reader) (err error) { ds, err = r.Dataset(); return }))
	if len(ds.Enterprises) != 3 || ds.Enterprises[0].Stage != "cultivate" || len(ds.Enterprises[0].Qualifications) != 1 {
		t.Fatalf("dataset: %+v", ds.Enterprises)
	}

	im, err = s.ImportEnterprises(visits.ParseEnterpriseRows(sheet(3, "唐镇")), false)
	must(t, err)
	if len(im.Updated) != 3 || len(im.Created)+len(im.Unchanged)+len(im.Refused) != 0 {
		t.Fatalf("re-import with a new street: %+v", im.ImportPlan)
	}
	must(t, s.View(func(r *Reader) error {
		e, err := r.EnterpriseByUSCC(ds.Enterprises[1].USCC)
		if err != nil || e.Street != "唐镇" || e.ID != ds.Enterprises[1].ID {
			t.Errorf("updated enterprise %+v, %v", e, err)
		}
		return nil
	}))
}

// ApplyImport refuses a row whose record fails validation, or a created
// row whose USCC is already stored (a stale plan), and writes the others.
func TestApplyImportRefusesBadRows(t *testing.T) {
	s := openTemp(t)
	must(t, s.Update(func(w *Writer) error {
		return w.AddEnterprise(&visits.Enterprise{Name: "已有企业", USCC: visits.MakeUSCC("91310115MA1K4A001")}, false)
	}))
	plan := visits.ImportPlan{Created: []visits.PlannedRow{
		{Row: 2, Enterprise: visits.Enterprise{Name: "好企业", USCC: visits.MakeUSCC("91310115MA1K4A002")}},
		{Row: 3, Enterprise: visits.Enterprise{Name: "批次错", USCC: visits.MakeUSCC("91310115MA1K4A003"), Batch: 7}},
		{Row: 4, Enterprise: visits.Enterprise{Name: "重复", USCC: visits.MakeUSCC("91310115MA1K4A001")}},
	}, Refused: []visits.RowError{{Row: 5, Reason: visits.ReasonMissingName}}}
	var im Import
	must(t, s.Update(func(w *Writer) (err error) { im, err = w.ApplyImport(plan); return }))
	if len(im.Created) != 1 || im.Created[0].Row != 2 || len(im.Refused) != 3 {
		t.Fatalf("plan after apply: %+v", im.ImportPlan)
	}
	if r := im.Refused; r[0].Row != 3 || r[0].Reason != ReasonInvalid || r[1].Row != 4 || r[1].Reason != ReasonExists || r[2].Row != 5 {
		t.Errorf("refused %+v", r)
	}
	if m := im.Message(im.Refused[0], visits.EN); m == "" || m[:6] != "row 3:" {
		t.Errorf("message %q", m)
	}
	if m := im.Message(im.Refused[1], visits.ZH); m[:len("第 4 行")] != "第 4 行" {
		t.Errorf("message %q", m)
	}
	must(t, s.View(func(r *Reader) error {
		if n := r.Count(visits.TypeEnterprise); n != 2 {
			t.Errorf("%d enterprises stored, want 2", n)
		}
		return nil
	}))
}

// BenchmarkImport10000 imports a 10,000-row list into an empty database
// through the store (parse, plan, validate, write with outbox entries, one
// fsynced transaction). Target: 2 s.
func BenchmarkImport10000(b *testing.B) {
	rows := sheet(10000, "张江镇")
	for b.Loop() {
		b.StopTimer()
		s := openTemp(b)
		b.StartTimer()
		im, err := s.ImportEnterprises(visits.ParseEnterpriseRows(rows), false)
		if err != nil || len(im.Created) != 10000 {
			b.Fatalf("created %d, refused %d, %v", len(im.Created), len(im.Refused), err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}

// BenchmarkReimport10000 imports the same 10,000 rows again: all unchanged.
func BenchmarkReimport10000(b *testing.B) {
	rows := sheet(10000, "张江镇")
	s := openTemp(b)
	if _, err := s.ImportEnterprises(visits.ParseEnterpriseRows(rows), false); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		im, err := s.ImportEnterprises(visits.ParseEnterpriseRows(rows), false)
		if err != nil || len(im.Unchanged) != 10000 {
			b.Fatalf("unchanged %d, %v", len(im.Unchanged), err)
		}
	}
}
