package main

import (
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// A positional argument a command does not take is refused with exit 2
// and named, never dropped: an unquoted summary used to keep its first
// word only.
func TestExtraArgumentsAreRefused(t *testing.T) {
	db := tempDB(t)
	ent := strings.TrimSpace(mustCLI(t, 0, db, "enterprise", "add", "--name", "甲公司"))
	visit := strings.TrimSpace(mustCLI(t, 0, db, "visit", "add", "--enterprise", ent, "--occasion", "routine", "--method", "phone", "--summary", "x"))
	need := strings.TrimSpace(mustCLI(t, 0, db, "need", "add", "--enterprise", ent, "--category", "finance", "--severity", "general", "--title", "贷款"))
	cases := []struct {
		args  []string
		named string
	}{
		{[]string{"visit", "add", "--enterprise", ent, "--occasion", "routine", "--method", "phone", "--summary", "企业反映", "融资难", "需对接银行"}, "融资难"},
		{[]string{"need", "add", "--enterprise", ent, "--category", "finance", "--severity", "general", "--title", "流动", "资金"}, "资金"},
		{[]string{"followup", "add", "--enterprise", ent, "--due", "2030-01-01", "--action", "联系", "银行"}, "银行"},
		{[]string{"enterprise", "add", "--name", "乙", "公司"}, "公司"},
		{[]string{"enterprise", "list", "extra"}, "extra"},
		{[]string{"enterprise", "show", ent, "extra"}, "extra"},
		{[]string{"visit", "list", "extra"}, "extra"},
		{[]string{"visit", "show", visit, "extra"}, "extra"},
		{[]string{"visit", "correct", visit, "--reason", "补充", "说明"}, "说明"},
		{[]string{"need", "status", need, "accepted", "--note", "已", "受理"}, "受理"},
		{[]string{"need", "list", "extra"}, "extra"},
		{[]string{"need", "show", need, "extra"}, "extra"},
		{[]string{"need", "conflicts", "extra"}, "extra"},
		{[]string{"need", "resolve", need, "--field", "title", "--keep", "a", "b"}, "b"},
		{[]string{"followup", "list", "extra"}, "extra"},
		{[]string{"followup", "done", "id", "--result", "已", "联系"}, "联系"},
		{[]string{"sync", "extra"}, "extra"},
		{[]string{"status", "extra"}, "extra"},
		{[]string{"report", "weekly", "extra"}, "extra"},
		{[]string{"export", "extra"}, "extra"},
		{[]string{"check", "extra"}, "extra"},
		{[]string{"backup", "a.db", "extra"}, "extra"},
		{[]string{"calendar", "show", "extra"}, "extra"},
		{[]string{"calendar", "import", "a.json", "extra"}, "extra"},
		{[]string{"demo", "seed", "extra"}, "extra"},
	}
	for _, c := range cases {
		_, errs, code := cli(t, db, c.args...)
		if code != exitUsage || !strings.Contains(errs, c.named) {
			t.Errorf("liaison %s: exit %d, stderr %q; want exit 2 naming %q", strings.Join(c.args, " "), code, errs, c.named)
		}
	}
	// Nothing of the refused commands was stored.
	if vs := decode[[]visits.Visit](t, mustCLI(t, 0, db, "visit", "list", "--json")); len(vs) != 1 {
		t.Errorf("%d visits stored, want only the first", len(vs))
	}
	// Quoted, the whole text arrives.
	id := strings.TrimSpace(mustCLI(t, 0, db, "visit", "add", "--enterprise", ent, "--occasion", "routine", "--method", "phone", "--summary", "企业反映 融资难 需对接银行"))
	if v := decode[visits.Visit](t, mustCLI(t, 0, db, "visit", "show", id, "--json")); v.Summary != "企业反映 融资难 需对接银行" {
		t.Errorf("quoted summary stored as %q", v.Summary)
	}
}

// A code flag takes the code or its label (Chinese, or English in any
// case); a wrong one is refused with the valid codes and their labels.
func TestCodeFlagsTakeLabelsAndListValidCodes(t *testing.T) {
	db := tempDB(t)
	ent := strings.TrimSpace(mustCLI(t, 0, db, "enterprise", "add", "--name", "甲公司", "--domain", "生物与新医药", "--stage", "培育一批"))
	if e := decode[enterpriseView](t, mustCLI(t, 0, db, "enterprise", "show", ent, "--json")); e.Domain != "bio_medicine" || e.Stage != "cultivate" {
		t.Errorf("labels not turned into codes: domain %q stage %q", e.Domain, e.Stage)
	}
	v := decode[visits.Visit](t, mustCLI(t, 0, db, "visit", "add", "--enterprise", ent, "--occasion", "日常走访", "--method", "Phone",
		"--purpose", "政策宣讲，needs", "--summary", "x", "--json"))
	if v.Occasion != "routine" || v.Method != "phone" || strings.Join(v.Purposes, ",") != "policy,needs" {
		t.Errorf("visit codes: %q %q %v", v.Occasion, v.Method, v.Purposes)
	}
	n := decode[visits.Need](t, mustCLI(t, 0, db, "need", "add", "--enterprise", ent, "--category", "融资", "--severity", "一般", "--title", "贷款", "--json"))
	if n.Category != "finance" || n.Severity != "general" {
		t.Errorf("need codes: %q %q", n.Category, n.Severity)
	}
	mustCLI(t, 0, db, "need", "status", n.ID, "已受理")
	if got := decode[needView](t, mustCLI(t, 0, db, "need", "show", n.ID, "--json")); got.Status != "accepted" {
		t.Errorf("status by label: %q", got.Status)
	}
	if list := decode[[]needView](t, mustCLI(t, 0, db, "need", "list", "--status", "已受理", "--json")); len(list) != 1 {
		t.Errorf("need list --status 已受理: %d needs", len(list))
	}
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"visit", "add", "--enterprise", ent, "--occasion", "visit", "--method", "phone", "--summary", "x"},
			[]string{"--occasion", "routine", "日常走访", "qualification_expiry", "资质到期/复审必访"}},
		{[]string{"visit", "add", "--enterprise", ent, "--occasion", "routine", "--method", "walk", "--summary", "x", "--lang", "en"},
			[]string{"--method", "on_site", "On site", "field_office"}},
		{[]string{"need", "add", "--enterprise", ent, "--category", "money", "--severity", "general", "--title", "t"},
			[]string{"--category", "finance", "融资"}},
		{[]string{"need", "status", n.ID, "done"}, []string{"STATUS", "closed", "已办结"}},
		{[]string{"enterprise", "add", "--name", "乙", "--domain", "ai"}, []string{"--domain", "electronic_info", "电子信息"}},
	} {
		_, errs, code := cli(t, db, c.args...)
		for _, w := range c.want {
			if code != exitUsage || !strings.Contains(errs, w) {
				t.Errorf("liaison %s: exit %d, stderr %q; want exit 2 and %q", strings.Join(c.args, " "), code, errs, w)
				break
			}
		}
	}
}
