package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestEndToEndPlanInTmux (issue 11) drives the plan's screens in the real
// binary, in tmux, on a database holding one enterprise added with the
// command line: open it, fill in readiness inputs (Chinese input method
// digits included) and see the checklist change and word the gap; add a
// 高企 application, walk it to 认定通过 with its certificate (confirming
// the ending step) and see the tier change, on screen and in `enterprise
// show --json`.
func TestEndToEndPlanInTmux(t *testing.T) {
	tmuxPath, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not installed: this test drives the real binary in tmux (CI installs it)")
	}
	const name = "兰州“申报”——测试科技有限公司"
	dir := t.TempDir()
	bin := filepath.Join(dir, "liaison")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "data", "liaison.db")
	out, err := exec.Command(bin, "--db", db, "enterprise", "add", "--name", name).Output()
	if err != nil {
		t.Fatalf("enterprise add: %v", err)
	}
	id := strings.TrimSpace(string(out))
	tm := &tmux{t: t, path: tmuxPath, socket: fmt.Sprintf("liaison-e2e-plan-%d", os.Getpid())}
	t.Cleanup(tm.kill)
	tm.run("-f", "/dev/null", "new-session", "-d", "-x", "100", "-y", "30", "-e", "LANG=C.UTF-8",
		"-e", "LIAISON_REMIND_AT=off", "sh") // the day's-end reminder (17:30) is not under test here
	tm.waitPrompt()
	errFile := filepath.Join(dir, "stderr.txt")
	t.Cleanup(func() {
		if b, _ := os.ReadFile(errFile); t.Failed() && len(b) > 0 {
			t.Logf("stderr of liaison:\n%s", b)
		}
	})
	tm.keys(fmt.Sprintf("%q --db %q --lang zh 2>>%q; echo exit=$?", bin, db, errFile), "Enter")
	tm.wait("应走访")
	tm.keys("2")
	tm.wait("1 / 1 家")
	tm.keys("Enter")
	tm.wait("概况")
	tm.keys("l", "l", "l", "l")
	tm.wait("[高企准备度]")
	// The tab and its checklist may arrive in different frames: wait for
	// the checklist itself.
	before := tm.wait("[?] 4 科技人员占比不低于10%: 待补充")
	if !hasLineWith(before, "待填：", "职工总数", "科技人员") {
		t.Fatalf("before any input, item 4 should ask for its inputs:\n%s", before)
	}

	// The inputs: 规上 set, registered 2020-01-01, 3 class I IP, 5 S&T
	// staff of 100 (typed with full-width digits).
	tm.keys("i")
	tm.wait("(金额单位万元") // the form is loaded: keys typed while it loads would be lost
	tm.keys("Right", "Down", "Down", "Down", "Down")
	tm.literal("2020-01-01")
	tm.keys("Down", "Down") // past 落户日期, left empty
	tm.literal("3")
	tm.keys("Down", "Down")
	tm.literal("５")
	tm.keys("Down")
	tm.literal("１００")
	tm.keys("C-o")
	tm.wait("高企条件和企业标识已保存")
	// The note may be drawn a frame before the reloaded checklist (seen on
	// a loaded machine): wait for each line rather than read one frame.
	for _, want := range []string{"企业标识： 规上", "[+] 1 注册成立满一年: 达标", "[+] 2 拥有核心知识产权: 达标",
		"[-] 4 科技人员占比不低于10%: 未达标  5.0% / 10%", "科技人员占比 5.0%，应不低于 10%，还差科技人员 5 人"} {
		tm.wait(want)
	}

	// The funnel: a 高企 application for this year's first batch, at 拟申报
	// today; then 已注册; then 认定通过 with its certificate.
	tm.keys("l")
	tm.wait("[申报]")
	apps := tm.wait("申报 0 项")
	if !strings.Contains(apps, "当前资质：暂无资质") {
		t.Fatalf("the applications tab before any application:\n%s", apps)
	}
	tm.keys("a")
	tm.wait("新增申报")
	tm.keys("Down", "Down", "Right", "C-o")
	tm.wait("申报已登记")
	tm.wait("拟申报")
	tm.keys("t")
	tm.wait("记录申报进度：高新技术企业认定")
	tm.keys("C-o") // the next step, 已注册, today
	tm.wait("申报进度已记录")
	tm.wait("已注册")
	tm.keys("t")
	tm.wait("记录申报进度：高新技术企业认定")
	tm.keys("Right", "Right", "Right", "Right") // 已提交 区级审核推荐 评审 公示 → 认定通过
	tm.wait("证书编号")
	tm.keys("Down", "Down", "Down")
	tm.literal("GR202662000123")
	tm.keys("C-o")
	tm.wait("确认记录？y 确认")
	tm.keys("y")
	done := tm.wait("当前资质：高新技术企业")
	for _, want := range []string{"已记录认定通过", "认定通过", "证书编号 GR202662000123"} {
		if !strings.Contains(done, want) {
			t.Errorf("after the approval the applications tab lacks %q:\n%s", want, done)
		}
	}
	tm.keys("q")
	tm.wait("exit=0")

	out, err = exec.Command(bin, "--db", db, "enterprise", "show", id, "--json").Output()
	if err != nil {
		t.Fatalf("enterprise show: %v", err)
	}
	var e struct {
		Tier           string `json:"tier"`
		AboveSize      bool   `json:"above_size"`
		Qualifications []struct {
			Kind        string `json:"kind"`
			Certificate string `json:"certificate"`
		} `json:"qualifications"`
		Readiness struct {
			StaffRD    *int `json:"staff_rd"`
			StaffTotal *int `json:"staff_total"`
			IPClassI   *int `json:"ip_class_i"`
		} `json:"readiness"`
	}
	if err := json.Unmarshal(out, &e); err != nil {
		t.Fatalf("enterprise show --json: %v\n%s", err, out)
	}
	r := e.Readiness
	if e.Tier != "hnte" || !e.AboveSize || len(e.Qualifications) != 1 || e.Qualifications[0].Certificate != "GR202662000123" ||
		r.StaffRD == nil || *r.StaffRD != 5 || r.StaffTotal == nil || *r.StaffTotal != 100 || r.IPClassI == nil || *r.IPClassI != 3 {
		t.Errorf("enterprise show --json after the session:\n%s", out)
	}
}
