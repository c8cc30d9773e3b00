package main

import (
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// The funnel on the command line: add, steps forward only, approval with
// its certificate makes the enterprise an HNTE, list and show in both
// forms; bad input exits 2 naming the field.
func TestApplicationCommands(t *testing.T) {
	db := tempDB(t)
	ent := strings.TrimSpace(mustCLI(t, 0, db, "enterprise", "add", "--name", "申报企业", "--uscc", "91350100M000100Y43"))
	added := decode[applicationView](t, mustCLI(t, 0, db, "application", "add", "--enterprise", "91350100M000100Y43", "--kind", "高新技术企业认定", "--year", "2026", "--batch", "2", "--json"))
	app := added.ID
	if added.Kind != "hnte" || added.Batch != 2 || added.EnterpriseID != ent || added.Enterprise != "申报企业" || len(added.NextSteps) != 8 {
		t.Errorf("add --json: %+v", added)
	}
	mustCLI(t, 0, db, "application", "step", app, "拟申报", "--date", "2026-03-01")
	mustCLI(t, 0, db, "application", "step", app, "submitted", "--date", "2026-06-01", "--note", "材料已交")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"application", "step", app, "registered", "--date", "2026-06-02"}, "进度只能向前"},
		{[]string{"application", "step", app, "review", "--date", "2026-05-01"}, "日期不能早于上一步的日期"},
		{[]string{"application", "step", app, "approved", "--date", "2026-11-01"}, "证书编号不能为空"},
		{[]string{"application", "step", app, "nosuch"}, "STEP"},
		{[]string{"application", "step", "nosuch", "approved"}, "nosuch"},
		{[]string{"application", "add", "--enterprise", ent, "--kind", "hnte", "--year", "26"}, "申报年度应在 2000 到 2100 之间"},
		{[]string{"application", "add", "--enterprise", ent, "--kind", "hnte", "--year", "2026", "--batch", "4"}, "申报批次应在 1 到 3 之间"},
		{[]string{"application", "add", "--enterprise", ent, "--kind", "hnte", "--year", "2026"}, "已有未结束的高新技术企业认定申报"},
		{[]string{"application", "add", "--enterprise", ent, "--kind", "gold"}, "--kind"},
	} {
		_, errs, code := cli(t, db, c.args...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("liaison %s: exit %d, stderr %q; want 2 and %q", strings.Join(c.args, " "), code, errs, c.want)
		}
	}
	mustCLI(t, 0, db, "application", "step", app, "认定通过", "--date", "2026-11-01", "--certificate", "GR202662000001", "--issued", "2026-11-01")
	shown := decode[applicationView](t, mustCLI(t, 0, db, "application", "show", app, "--json"))
	if shown.Current != visits.StepApproved || len(shown.Steps) != 3 || shown.Expires != "2029-10-31" || len(shown.NextSteps) != 0 ||
		shown.Steps[1].Note != "材料已交" || shown.Enterprise != "申报企业" {
		t.Errorf("show --json: %+v", shown)
	}
	ev := decode[enterpriseShowView](t, mustCLI(t, 0, db, "enterprise", "show", ent, "--json"))
	if ev.Tier != visits.TierHNTE || len(ev.Qualifications) != 1 || ev.Qualifications[0].Certificate != "GR202662000001" {
		t.Errorf("the approval did not make an HNTE: tier %s, %+v", ev.Tier, ev.Qualifications)
	}
	text := mustCLI(t, 0, db, "application", "show", app)
	for _, w := range []string{"认定通过", "GR202662000001（发证 2026-11-01，到期 2029-10-31）", "2026-06-01  已提交", "材料已交"} {
		if !strings.Contains(text, w) {
			t.Errorf("show lacks %q:\n%s", w, text)
		}
	}
	mustCLI(t, 0, db, "application", "add", "--enterprise", ent, "--kind", "tsme", "--year", "2027")
	list := decode[[]applicationView](t, mustCLI(t, 0, db, "application", "list", "--json", "--kind", "hnte"))
	if len(list) != 1 || list[0].ID != app {
		t.Errorf("list --kind hnte: %+v", list)
	}
	if l := decode[[]applicationView](t, mustCLI(t, 0, db, "application", "list", "--json", "--year", "2027")); len(l) != 1 || l[0].Kind != "tsme" || l[0].Current != "" {
		t.Errorf("list --year 2027: %+v", l)
	}
	if l := decode[[]applicationView](t, mustCLI(t, 0, db, "application", "list", "--json", "--step", "认定通过")); len(l) != 1 {
		t.Errorf("list --step approved: %+v", l)
	}
	out := mustCLI(t, 0, db, "--lang", "en", "application", "list")
	if !strings.Contains(out, "Approved") || !strings.Contains(out, "Tech SME evaluation") {
		t.Errorf("list in English:\n%s", out)
	}
}

// enterprise set: flags and readiness figures, units and 是/否 read
// tolerantly, an empty value clears, bad input exits 2 naming the field
// and changes nothing; show says what is missing, in figures.
func TestEnterpriseSetAndGaps(t *testing.T) {
	db := tempDB(t)
	ent := strings.TrimSpace(mustCLI(t, 0, db, "enterprise", "add", "--name", "条件企业"))
	mustCLI(t, 0, db, "enterprise", "set", ent, "--above-size", "--private=是", "--little-giant=true",
		"--staff-total", "137", "--staff-rd", "12人", "--sales-3y", "1亿", "--sales-last-year", "6000万",
		"--rd-3y", "3,100,000", "--rd-in-china-3y", "310万元", "--total-income", "50000000", "--high-tech-income", "2800万",
		"--innovation-score", "65", "--registered-on", "2020-01-01", "--major-violation=否")
	v := decode[enterpriseShowView](t, mustCLI(t, 0, db, "enterprise", "show", ent, "--json"))
	r := v.Readiness
	if !v.AboveSize || !v.Private || !v.LittleGiant || v.Specialized || *r.StaffRD != 12 || *r.Sales3Y != 1e8 ||
		*r.SalesLastYear != 6e7 || *r.RD3Y != 3.1e6 || *r.RDInChina3Y != 3.1e6 || *r.HighTechIncome != 2.8e7 || *r.MajorViolation {
		t.Fatalf("set read back %+v %+v", v.Enterprise, r)
	}
	// Hand-computed: 12/137 = 8.8% → 2 people; 3.1% of 1亿 against 4% → 90万;
	// 56% → 200万; 65 → 6 points; IP and domain unknown.
	text := mustCLI(t, 0, db, "enterprise", "show", ent)
	for _, w := range []string{"科技人员占比 8.8%，应不低于 10%，还差科技人员 2 人", "研发费用占比 3.1%，按上年销售额应不低于 4%，还差研发投入 90 万元",
		"高新技术产品（服务）收入占比 56.0%，应不低于 60%，还差 200 万元", "创新能力评价 65 分，应高于 70 分，还差 6 分",
		"待填：I类知识产权、II类知识产权", "规上企业          是"} {
		if !strings.Contains(text, w) {
			t.Errorf("show lacks %q:\n%s", w, text)
		}
	}
	if len(v.ReadinessCheck) != 8 || len(v.ReadinessGaps) != 6 {
		t.Errorf("checklist %d items, %d gaps; want 8, 6: %+v", len(v.ReadinessCheck), len(v.ReadinessGaps), v.ReadinessGaps)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--staff-rd", "abc"}, "科技人员数“abc”应为不小于 0 的数"},
		{[]string{"--staff-rd", "200"}, "科技人员数不能大于职工总数"},
		{[]string{"--rd-3y", "-5"}, "近三年研发费用“-5”"},
		{[]string{"--innovation-score", "120"}, "创新能力评分应在 0 到 100 之间"},
		{[]string{"--specialized=maybe"}, "专精特新“maybe”不是有效的选项"},
		{[]string{"--registered-on", "2020-02-30"}, "注册成立日期“2020-02-30”不是有效日期"},
		{[]string{"--above-size", "false"}, "false"}, // a bare boolean takes no separate value
	} {
		_, errs, code := cli(t, db, append([]string{"enterprise", "set", ent, "--private=false"}, c.args...)...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("set %v: exit %d, stderr %q; want 2 and %q", c.args, code, errs, c.want)
		}
	}
	v2 := decode[enterpriseShowView](t, mustCLI(t, 0, db, "enterprise", "show", ent, "--json"))
	if !v2.Private {
		t.Error("a refused set changed a flag")
	}
	mustCLI(t, 0, db, "enterprise", "set", ent, "--staff-rd=", "--specialized")
	v3 := decode[enterpriseShowView](t, mustCLI(t, 0, db, "enterprise", "show", ent, "--json"))
	if v3.Readiness.StaffRD != nil || *v3.Readiness.StaffTotal != 137 || !v3.Specialized {
		t.Errorf("clear: %+v", v3.Readiness)
	}
	_, errs, code := cli(t, db, "enterprise", "set", "nosuch", "--private")
	if code != 2 || !strings.Contains(errs, "nosuch") {
		t.Errorf("set on no enterprise: %d %q", code, errs)
	}
}

// enterprise set --arrived-on: 落户日期 is stored and shown, a bad day
// exits 2 naming the field, and an empty value clears it.
func TestEnterpriseSetArrivedOn(t *testing.T) {
	db := tempDB(t)
	ent := strings.TrimSpace(mustCLI(t, 0, db, "enterprise", "add", "--name", "落户企业"))
	mustCLI(t, 0, db, "enterprise", "set", ent, "--arrived-on", "2026-03-02")
	if v := decode[enterpriseShowView](t, mustCLI(t, 0, db, "enterprise", "show", ent, "--json")); v.ArrivedOn != "2026-03-02" {
		t.Fatalf("arrived_on %q, want 2026-03-02", v.ArrivedOn)
	}
	if out := mustCLI(t, 0, db, "enterprise", "show", ent); !strings.Contains(out, "落户日期") || !strings.Contains(out, "2026-03-02") {
		t.Errorf("show does not say 落户日期:\n%s", out)
	}
	if _, errs, code := cli(t, db, "enterprise", "set", ent, "--arrived-on", "2026-02-30"); code != 2 || !strings.Contains(errs, "落户日期“2026-02-30”不是有效日期") {
		t.Errorf("a bad day: exit %d %q, want 2 naming 落户日期", code, errs)
	}
	mustCLI(t, 0, db, "enterprise", "set", ent, "--arrived-on=")
	if v := decode[enterpriseShowView](t, mustCLI(t, 0, db, "enterprise", "show", ent, "--json")); v.ArrivedOn != "" {
		t.Errorf("cleared, still %q", v.ArrivedOn)
	}
}
