package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// HQ's enterprise import saves whole records, not through a laptop's
// Writer: it creates an application at the sheet's step, advances it,
// keeps a further one with a warning, and refuses a bad step's row only.
func TestHQImportApplications(t *testing.T) {
	dir := t.TempDir()
	h, err := store.OpenHQ(filepath.Join(dir, "hq.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	a, b := visits.MakeUSCC("91310115MA1K4A001"), visits.MakeUSCC("91310115MA1K4A002")
	head := "企业名称,统一社会信用代码,申报类型,申报年度,申报批次,申报进度,进度日期,证书编号,发证日期\n"
	run := func(body string) string {
		t.Helper()
		p := filepath.Join(dir, "in.csv")
		if err := os.WriteFile(p, []byte(head+body), 0o600); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := importEnterprises(global{lang: visits.EN}, h, p, &out); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	current := func(uscc string) (steps []string) {
		t.Helper()
		if err := h.Store().View(func(r *store.Reader) error {
			e, err := r.EnterpriseByUSCC(uscc)
			if err != nil {
				return err
			}
			apps, err := r.ApplicationsOf(e.ID)
			for _, x := range apps {
				steps = append(steps, x.Current())
			}
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return steps
	}
	out := run("甲公司," + a + ",高企,2024,第一批,已提交,2024-03-01\n乙公司," + b + ",科小,2024,,乱填,2024-02-01\n")
	if !strings.HasPrefix(out, "imported: created 1,") || !strings.Contains(out, "refused 1") || !strings.Contains(out, "row 2: new HNTE recognition 2024 application at Submitted (2024-03-01)") {
		t.Fatalf("first import: %q", out)
	}
	if s := current(a); len(s) != 1 || s[0] != visits.StepSubmitted {
		t.Fatalf("created application at %v", s)
	}
	out = run("甲公司," + a + ",高企,2024,第一批,认定通过,2024-11-20,GR202431000001,2024-11-20\n")
	if s := current(a); len(s) != 1 || s[0] != visits.StepApproved || !strings.Contains(out, "row 2: HNTE recognition 2024 application Submitted → Approved (2024-11-20)") {
		t.Fatalf("advance: %v %q", s, out)
	}
	out = run("甲公司," + a + ",高企,2024,第一批,评审,2024-12-01\n")
	if s := current(a); len(s) != 1 || s[0] != visits.StepApproved || !strings.Contains(out, "the stored application is further on (Approved); kept") {
		t.Fatalf("earlier step: %v %q", s, out)
	}
}
