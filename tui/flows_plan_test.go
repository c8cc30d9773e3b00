package tui

import (
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// Model-level flows of the plan's screens (issue 11): keys pressed on the
// root model, the commands run to completion, the store and the screen
// checked after.

// openDetail opens the first enterprise of the list and returns its id.
func openDetail(t *testing.T, m *Model) string {
	t.Helper()
	press(m, "2", "enter")
	d, ok := m.screens[scrDetail].(*detail)
	if !ok || m.cur != scrDetail || d.data == nil {
		t.Fatalf("the detail screen is not open:\n%s", m.View())
	}
	return d.id
}

func enterprise(t *testing.T, s *store.Store, id string) visits.Enterprise {
	t.Helper()
	var e visits.Enterprise
	if err := s.View(func(r *store.Reader) (err error) { e, err = store.Get[visits.Enterprise](r, id); return err }); err != nil {
		t.Fatal(err)
	}
	return e
}

// clearField is backspace enough times to empty a short input.
func clearField(then ...string) []string {
	ks := make([]string, 0, 16+len(then))
	for range 16 {
		ks = append(ks, "backspace")
	}
	return append(ks, then...)
}

// Filling the inputs in 万元 with full-width digits and grouping commas
// stores yuan, sets the flags, and the checklist then judges items that
// were 待补充, and says what the rest still lack.
func TestFlowReadinessInputs(t *testing.T) {
	s := fixture(t, 5, 20)
	m := newTest(t, s, visits.ZH, 100, 30)
	id := openDetail(t, m)
	before := enterprise(t, s, id)
	press(m, "l", "l", "l", "l")
	if v := m.View(); !strings.Contains(v, "[?] 5 研发费用占比达标: 待补充") || !hasLine(v, "待填：", "上年销售收入", "其中境内研发费用") {
		t.Fatalf("the R&D item should be unknown and say what to fill in:\n%s", v)
	}
	press(m, "i")
	if m.cur != scrReadinessForm {
		t.Fatalf("i did not open the readiness form:\n%s", m.View())
	}
	keys := []string{"right", "down", "down", "right", "down", "right", "down", // 规上, (民营 kept), 专精特新, 小巨人
		"down", "down", "２", "down", "0", "down", "down", "down"} // (落户日期 kept), IP I = 2, IP II = 0; staff kept
	keys = append(keys, clearField("8,500", "down", "３０００", "down", "263.5", "down", "250", "down",
		"2000", "down", "3000", "down", "75", "down", "right", "ctrl+o")...)
	press(m, keys...)
	if m.cur != scrDetail {
		t.Fatalf("the form did not close on save:\n%s", m.View())
	}
	e := enterprise(t, s, id)
	if !e.AboveSize || !e.Specialized || !e.LittleGiant || e.Private != before.Private {
		t.Errorf("flags: above %v specialized %v little giant %v private %v (was %v)", e.AboveSize, e.Specialized,
			e.LittleGiant, e.Private, before.Private)
	}
	r := e.Readiness
	check := func(name string, p *float64, want float64) {
		t.Helper()
		if p == nil || *p != want {
			t.Errorf("%s = %v, want %v", name, p, want)
		}
	}
	check("sales_3y", r.Sales3Y, 85_000_000)
	check("sales_last_year", r.SalesLastYear, 30_000_000)
	check("rd_3y", r.RD3Y, 2_635_000)
	check("rd_in_china_3y", r.RDInChina3Y, 2_500_000)
	check("high_tech_income", r.HighTechIncome, 20_000_000)
	check("total_income", r.TotalIncome, 30_000_000)
	check("innovation_score", r.InnovationScore, 75)
	if r.IPClassI == nil || *r.IPClassI != 2 || r.IPClassII == nil || *r.IPClassII != 0 {
		t.Errorf("IP: %v %v", r.IPClassI, r.IPClassII)
	}
	if r.MajorViolation == nil || *r.MajorViolation {
		t.Errorf("major violation: %v, want false (无)", r.MajorViolation)
	}
	if r.StaffRD == nil || before.Readiness.StaffRD == nil || *r.StaffRD != *before.Readiness.StaffRD ||
		r.RegisteredOn != before.Readiness.RegisteredOn {
		t.Errorf("untouched inputs changed: staff %v (was %v), registered %s (was %s)", r.StaffRD,
			before.Readiness.StaffRD, r.RegisteredOn, before.Readiness.RegisteredOn)
	}
	if e.Name != before.Name || e.USCC != before.USCC || len(e.Contacts) != len(before.Contacts) {
		t.Errorf("the profile changed: %+v", e)
	}
	v := m.View()
	for _, want := range []string{"[+] 2 拥有核心知识产权: 达标", "[-] 5 研发费用占比达标: 未达标  3.1% / 5%",
		"研发费用占比 3.1%，按上年销售额应不低于 5%，还差研发投入 161.5 万元",
		"[+] 6 高新技术产品（服务）收入占比不低于60%: 达标", "[+] 7 创新能力评价高于70分: 达标",
		"企业标识： 规上、民营、专精特新、小巨人"} {
		if !strings.Contains(v, want) {
			t.Errorf("the checklist lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "待填") {
		t.Errorf("every input is known, yet something is still to fill in:\n%s", v)
	}
}

// A value that is not a number is refused, named by its field, and
// nothing is saved; emptying a value makes it unknown again.
func TestFlowReadinessRefusedAndCleared(t *testing.T) {
	s := fixture(t, 5, 20)
	m := newTest(t, s, visits.ZH, 100, 30)
	id := openDetail(t, m)
	before := enterprise(t, s, id)
	if before.Readiness.StaffRD == nil {
		t.Fatal("the fixture's first enterprise should know its S&T staff")
	}
	press(m, "i", "down", "down", "down", "down", "down", "down", "十件", "ctrl+o") // past 落户日期
	v := m.View()
	if m.cur != scrReadinessForm || !strings.Contains(v, "I类知识产权（件）应为数字，十件 不是数字") {
		t.Fatalf("the refusal does not name the field:\n%s", v)
	}
	if e := enterprise(t, s, id); e.Readiness.IPClassI != nil || e.UpdatedAt != before.UpdatedAt {
		t.Fatalf("a refused form saved: %+v", e.Readiness)
	}
	press(m, clearField()...)
	press(m, "down", "down")
	press(m, clearField("ctrl+o")...)
	if m.cur != scrDetail {
		t.Fatalf("the form did not save:\n%s", m.View())
	}
	if e := enterprise(t, s, id); e.Readiness.StaffRD != nil {
		t.Errorf("S&T staff emptied, stored %v", *e.Readiness.StaffRD)
	}
	press(m, "l", "l", "l", "l")
	if v := m.View(); !strings.Contains(v, "[?] 4 科技人员占比不低于10%: 待补充") || !hasLine(v, "待填：科技人员") {
		t.Errorf("the emptied input is not asked for again:\n%s", v)
	}
}

// hasLine reports whether one line of the screen holds every word.
func hasLine(screen string, words ...string) bool {
	for _, l := range strings.Split(screen, "\n") {
		all := true
		for _, w := range words {
			all = all && strings.Contains(l, w)
		}
		if all {
			return true
		}
	}
	return false
}

func applications(t *testing.T, s *store.Store, id string) []visits.Application {
	t.Helper()
	var apps []visits.Application
	if err := s.View(func(r *store.Reader) (err error) { apps, err = r.ApplicationsOf(id); return err }); err != nil {
		t.Fatal(err)
	}
	return apps
}

// An application added from the detail (a) and walked step by step (t)
// to 认定通过: a batch for a 科小 is refused naming the field; the new
// application is selected; a step's day defaults to today; the ending
// step asks first (any key but y goes back, nothing saved); the approval
// needs its certificate number, named when missing; once approved the
// enterprise holds the qualification and its tier changes on screen.
func TestFlowApplicationToApproval(t *testing.T) {
	s := fixture(t, 5, 20)
	m := newTest(t, s, visits.ZH, 100, 30)
	id := openDetail(t, m)
	before := len(applications(t, s, id))
	press(m, "h")
	if v := m.View(); !strings.Contains(v, "[申报]") || !strings.Contains(v, "当前资质：暂无资质") {
		t.Fatalf("h from the profile should show the applications tab:\n%s", v)
	}
	press(m, "a", "right", "down", "down", "right", "ctrl+o") // 科小, this year, 第1批
	if v := m.View(); m.cur != scrApplicationForm || !strings.Contains(v, "科技型中小企业评价不分批次，只有高企认定填写申报批次") {
		t.Fatalf("a batch for a 科小 should be refused, naming the field:\n%s", v)
	}
	press(m, "left", "ctrl+o")
	if m.cur != scrDetail {
		t.Fatalf("the application was not saved:\n%s", m.View())
	}
	apps := applications(t, s, id)
	var app visits.Application
	for _, a := range apps {
		if a.Kind == visits.TierTSME {
			app = a
		}
	}
	if len(apps) != before+1 || app.Year != 2026 || app.Batch != 0 || len(app.Steps) != 1 ||
		app.Steps[0].Step != visits.StepPlanned || app.Steps[0].Date != "2026-11-27" || app.Steps[0].By != "wang" {
		t.Fatalf("applications after adding: %+v", apps)
	}
	if a, ok := m.screens[scrDetail].(*detail).selectedApp(); !ok || a.ID != app.ID {
		t.Fatalf("the new application is not selected: %+v", a)
	}
	// 拟申报 -> 已提交 (skipping 已注册), on a day typed with full-width digits.
	press(m, "t", "right", "down")
	press(m, clearField("２０２６-11-20", "ctrl+o")...)
	if v := m.View(); m.cur != scrStepForm || !strings.Contains(v, "日期不能早于上一步的日期") {
		t.Fatalf("a step before the previous one should be refused, naming the date:\n%s", v)
	}
	press(m, clearField("2026-11-27", "ctrl+o")...)
	if got := applications(t, s, id); m.cur != scrDetail || len(got) == 0 {
		t.Fatalf("the step was not saved:\n%s", m.View())
	}
	if v := m.View(); !hasLine(v, "2026-11-27", "已提交", "王建国") {
		t.Errorf("the recorded step is not listed with who recorded it:\n%s", v)
	}
	// 已提交 -> 认定通过: no certificate number, refused; then confirmed.
	press(m, "t", "right", "right", "right")
	if v := m.View(); !strings.Contains(v, "< 认定通过 >") || !strings.Contains(v, "证书编号") {
		t.Fatalf("认定通过 should ask for the certificate:\n%s", v)
	}
	press(m, "ctrl+o")
	if v := m.View(); m.cur != scrStepForm || !strings.Contains(v, "证书编号不能为空") {
		t.Fatalf("an approval without its certificate should be refused:\n%s", v)
	}
	press(m, "down", "down", "down", "GR202662000123", "ctrl+o")
	if v := m.View(); !strings.Contains(v, "企业将获得科技型中小企业资质") {
		t.Fatalf("an approval should ask first:\n%s", v)
	}
	press(m, "n")
	if a := applications(t, s, id); m.cur != scrStepForm || lastStep(a, app.ID) != visits.StepSubmitted {
		t.Fatalf("declining the question saved or closed the form")
	}
	press(m, "ctrl+o", "y")
	if m.cur != scrDetail {
		t.Fatalf("the approval was not saved:\n%s", m.View())
	}
	e := enterprise(t, s, id)
	if visits.Tier(e, "2026-11-27") != visits.TierTSME {
		t.Errorf("tier after the approval: %s, qualifications %+v", visits.Tier(e, "2026-11-27"), e.Qualifications)
	}
	v := m.View()
	for _, want := range []string{"当前资质：科技型中小企业", "认定通过", "证书编号 GR202662000123  发证日期 2026-11-27  有效期至 2026-12-31"} {
		if !strings.Contains(v, want) {
			t.Errorf("the applications tab lacks %q:\n%s", want, v)
		}
	}
	// An ended application takes no further step.
	press(m, "t")
	if m.cur != scrDetail || !strings.Contains(m.View(), "该申报已认定通过，不能再记录进度") {
		t.Errorf("t on an ended application should say why not:\n%s", m.View())
	}
}

func lastStep(apps []visits.Application, id string) string {
	for _, a := range apps {
		if a.ID == id {
			return a.Current()
		}
	}
	return ""
}

// down and up on an empty 诉求 list move nothing and crash nothing (down
// once set the selection to -1, and the next key read row -1).
func TestEmptyNeedsListKeys(t *testing.T) {
	s := fixture(t, 0, 0)
	m := newTest(t, s, visits.ZH, 80, 24)
	press(m, "3", "down", "down", "up", "enter", "j", "k")
	if n, ok := m.screens[scrNeeds].(*needs); !ok || n.sel != 0 {
		t.Fatalf("the empty list's selection: %+v", m.screens[scrNeeds])
	}
}

// The help of the plan's screens lists their keys (every screen has its
// help): the detail's plan keys, and the forms' save and move keys.
func TestPlanScreensHelp(t *testing.T) {
	s := fixture(t, 5, 20)
	m := newTest(t, s, visits.ZH, 100, 40)
	openDetail(t, m)
	press(m, "h", "?")
	for _, want := range []string{"i            填写高企条件", "a            新增申报", "t            记录申报进度"} {
		if !strings.Contains(m.View(), want) {
			t.Errorf("the detail's help lacks %q:\n%s", want, m.View())
		}
	}
	press(m, "esc")
	for _, k := range []string{"i", "a", "t"} {
		press(m, k, "?")
		if v := m.View(); !strings.Contains(v, "ctrl+o") || !strings.Contains(v, "换栏") {
			t.Errorf("the help of the form opened by %s lacks its keys:\n%s", k, v)
		}
		press(m, "esc", "esc")
		if m.cur != scrDetail {
			t.Fatalf("esc did not go back from the form opened by %s:\n%s", k, m.View())
		}
	}
}
