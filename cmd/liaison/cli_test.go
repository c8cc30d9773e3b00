package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// buildCLI builds the real binary once per test that needs a separate
// process.
func buildCLI(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "liaison")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

func TestEnterpriseAddUSCCPolicy(t *testing.T) {
	db := tempDB(t)
	_, errs, code := cli(t, db, "enterprise", "add", "--uscc", "91350100M000100Y4Z", "--name", "甲公司")
	if code != 2 || !strings.Contains(errs, "统一社会信用代码") {
		t.Fatalf("bad USCC: exit %d, stderr %q", code, errs)
	}
	// Right shape, wrong check character: refused until confirmed.
	_, errs, code = cli(t, db, "enterprise", "add", "--uscc", "91350100M000100Y44", "--name", "乙公司", "--lang", "en")
	if code != 2 || !strings.Contains(errs, "--confirm-checksum") || !strings.Contains(errs, "3") {
		t.Fatalf("wrong check char: exit %d, stderr %q", code, errs)
	}
	id := strings.TrimSpace(mustCLI(t, 0, db, "enterprise", "add", "--uscc", "91350100M000100Y44", "--name", "乙公司", "--confirm-checksum"))
	ent := decode[visits.Enterprise](t, mustCLI(t, 0, db, "enterprise", "show", id, "--json"))
	if !ent.USCCConfirmed {
		t.Error("confirmation not stored")
	}
	// Input policy: spaces, hyphens, lower case and full-width characters.
	id = strings.TrimSpace(mustCLI(t, 0, db, "enterprise", "add", "--uscc", " ９１３５-0100m000100y43 ", "--name", "丙公司"))
	ent = decode[visits.Enterprise](t, mustCLI(t, 0, db, "enterprise", "show", "91350100M000100Y43", "--json"))
	if ent.ID != id || ent.USCC != "91350100M000100Y43" {
		t.Fatalf("normalised USCC: %+v", ent)
	}
	_, errs, code = cli(t, db, "enterprise", "add", "--uscc", "91350100M000100Y43", "--name", "丁公司")
	if code != 2 || !strings.Contains(errs, "已存在") {
		t.Fatalf("duplicate USCC: exit %d, stderr %q", code, errs)
	}
}

func TestExitCodesAndMessages(t *testing.T) {
	db := tempDB(t)
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"nonsense"}, 2, "未知命令"},
		{[]string{"visit", "add", "--occasion", "routine"}, 2, "--enterprise"},
		{[]string{"visit", "list", "--since", "2026/11/01"}, 2, "YYYY-MM-DD"},
		{[]string{"need", "list", "--status", "done"}, 2, "registered"},
		{[]string{"--lang", "fr", "status"}, 2, "zh"},
		{[]string{"enterprise", "show", "nobody", "--lang", "en"}, 2, "no enterprise"},
	}
	for _, c := range cases {
		_, errs, code := cli(t, db, c.args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("liaison %v: exit %d stderr %q; want exit %d mentioning %q", c.args, code, errs, c.code, c.want)
		}
	}
}

func TestVisitFormErrorsNameTheField(t *testing.T) {
	db := tempDB(t)
	ent := strings.TrimSpace(mustCLI(t, 0, db, "enterprise", "add", "--name", "甲公司"))
	_, errs, code := cli(t, db, "visit", "add", "--enterprise", ent, "--occasion", "other", "--method", "on_site", "--summary", "")
	if code != 2 || !strings.Contains(errs, "走访内容不能为空") || !strings.Contains(errs, "备注") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	_, errs, _ = cli(t, db, "visit", "add", "--enterprise", ent, "--occasion", "visit", "--method", "on_site", "--summary", "x", "--lang", "en")
	if !strings.Contains(errs, "occasion") {
		t.Fatalf("english message: %q", errs)
	}
}

func TestNeedLifecycleFromTheCommandLine(t *testing.T) {
	db := tempDB(t)
	ent := strings.TrimSpace(mustCLI(t, 0, db, "enterprise", "add", "--name", "甲公司"))
	n := strings.TrimSpace(mustCLI(t, 0, db, "need", "add", "--enterprise", ent, "--category", "finance", "--severity", "general", "--title", "贷款"))
	_, errs, code := cli(t, db, "need", "status", n, "closed")
	if code != 2 || !strings.Contains(errs, "已受理") {
		t.Fatalf("illegal transition: exit %d, stderr %q", code, errs)
	}
	for _, st := range []string{"accepted", "assigned", "in_progress", "replied"} {
		mustCLI(t, 0, db, "need", "status", n, st, "--note", "办理")
	}
	_, errs, code = cli(t, db, "need", "status", n, "closed")
	if code != 2 || !strings.Contains(errs, "满意度") {
		t.Fatalf("revisit without satisfaction: exit %d, %q", code, errs)
	}
	mustCLI(t, 0, db, "need", "status", n, "closed", "--satisfaction", "satisfied")
	var show needView
	if err := json.Unmarshal([]byte(mustCLI(t, 0, db, "need", "show", n, "--json")), &show); err != nil {
		t.Fatal(err)
	}
	if show.Status != "closed" || show.Satisfaction != "satisfied" || len(show.Events) != 6 {
		t.Fatalf("need after lifecycle: status %s, satisfaction %s, %d events", show.Status, show.Satisfaction, len(show.Events))
	}
}

func TestFollowUpDoneAndScheduleNext(t *testing.T) {
	db := tempDB(t)
	ent := strings.TrimSpace(mustCLI(t, 0, db, "enterprise", "add", "--name", "甲公司"))
	f := strings.TrimSpace(mustCLI(t, 0, db, "followup", "add", "--enterprise", ent, "--due", "2026-01-05", "--action", "联系银行"))
	if list := decode[[]followUpView](t, mustCLI(t, 0, db, "followup", "list", "--overdue", "--json")); len(list) != 1 || !list[0].Overdue {
		t.Fatalf("overdue list: %+v", list)
	}
	next := strings.TrimSpace(mustCLI(t, 0, db, "followup", "done", f, "--result", "已联系", "--next-due", "2099-01-05", "--next-action", "回访"))
	list := decode[[]followUpView](t, mustCLI(t, 0, db, "followup", "list", "--json"))
	if len(list) != 1 || list[0].ID != next || list[0].EnterpriseID != ent {
		t.Fatalf("after done: %+v", list)
	}
}

// The officer's text survives the process exiting and a new one starting,
// byte for byte, through the real binary.
func TestVisitSurvivesRestartByteExact(t *testing.T) {
	bin := buildCLI(t)
	db := filepath.Join(t.TempDir(), "data", "liaison.db")
	const summary = "企业反映融资难，需对接银行"
	runBin := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, append([]string{"--db", db}, args...)...)
		cmd.Env = append(os.Environ(), "LIAISON_DB=", "LIAISON_LANG=")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("liaison %v: %v", args, err)
		}
		return string(out)
	}
	runBin("enterprise", "add", "--uscc", "91350100M000100Y43", "--name", "兰州测试科技有限公司")
	id := strings.TrimSpace(runBin("visit", "add", "--enterprise", "91350100M000100Y43", "--occasion", "routine", "--method", "on_site", "--summary", summary))
	var list []visits.Visit
	if err := json.Unmarshal([]byte(runBin("visit", "list", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].ID != id || list[0].Summary != summary {
		t.Fatalf("visit list after restart: %+v", list)
	}
	if fi, _ := os.Stat(db); fi.Mode().Perm() != 0o600 {
		t.Errorf("database mode %v", fi.Mode().Perm())
	}
	if di, _ := os.Stat(filepath.Dir(db)); di.Mode().Perm() != 0o700 {
		t.Errorf("folder mode %v", di.Mode().Perm())
	}
}

// A second process on the same database fails within about a second with
// a clear message and exit 1, instead of hanging.
func TestSecondProcessFailsFast(t *testing.T) {
	bin := buildCLI(t)
	db := tempDB(t)
	mustCLI(t, 0, db, "enterprise", "add", "--name", "甲公司")
	s, err := (&env{g: global{db: db}}).store()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	start := time.Now()
	cmd := exec.Command(bin, "--db", db, "--lang", "en", "enterprise", "list")
	out, err := cmd.CombinedOutput()
	took := time.Since(start)
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("second process: %v, output %s", err, out)
	}
	if !strings.Contains(string(out), "database in use by another liaison process") {
		t.Errorf("message: %s", out)
	}
	if took > 3*time.Second {
		t.Errorf("second process took %v", took)
	}
}

func TestCalendarImportAndShow(t *testing.T) {
	db := tempDB(t)
	if out := mustCLI(t, 0, db, "calendar", "show", "--year", "2027", "--lang", "en"); !strings.Contains(out, "Monday to Friday") {
		t.Fatalf("default calendar, 2027: %q", out)
	}
	if out := mustCLI(t, 0, db, "calendar", "show", "--year", "2026", "--lang", "en"); !strings.Contains(out, "built-in, 2026") {
		t.Fatalf("default calendar, 2026: %q", out)
	}
	mustCLI(t, 0, db, "calendar", "import", "../../testdata/calendar-2026.json")
	if out := mustCLI(t, 0, db, "calendar", "show", "--year", "2026"); !strings.Contains(out, "2026年部分节假日安排") || !strings.Contains(out, "本机导入") { // the file's name
		t.Fatalf("calendar show: %q", out)
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte(`{"year_from":2026,"holiday":["2026-10-01"]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errs, code := cli(t, db, "calendar", "import", bad); code != 2 || !strings.Contains(errs, "holiday") {
		t.Fatalf("misspelt key: exit %d, %q", code, errs)
	}
}

// A saved visit is never changed silently: a correction needs a reason and
// leaves its trace (field, from, to, who, when, why).
func TestVisitCorrectionKeepsHistory(t *testing.T) {
	db := tempDB(t)
	ent := strings.TrimSpace(mustCLI(t, 0, db, "enterprise", "add", "--name", "甲公司"))
	v := strings.TrimSpace(mustCLI(t, 0, db, "visit", "add", "--enterprise", ent, "--occasion", "routine", "--method", "phone", "--summary", "融资需求"))
	if _, errs, code := cli(t, db, "visit", "correct", v, "--summary", "融资需求500万元"); code != 2 || !strings.Contains(errs, "更正原因") {
		t.Fatalf("correction without a reason: exit %d, %q", code, errs)
	}
	mustCLI(t, 0, db, "visit", "correct", v, "--summary", "融资需求500万元", "--method", "on_site", "--reason", "补充金额")
	got := decode[visits.Visit](t, mustCLI(t, 0, db, "visit", "show", v, "--json"))
	if got.Summary != "融资需求500万元" || got.Method != "on_site" || len(got.Corrections) != 2 {
		t.Fatalf("after correction: %+v", got)
	}
	for _, c := range got.Corrections {
		if c.Reason != "补充金额" || c.By == "" || c.At.IsZero() {
			t.Errorf("correction without its who, when or why: %+v", c)
		}
		if c.Field == "summary" && (c.From != "融资需求" || c.To != "融资需求500万元") {
			t.Errorf("summary correction: %+v", c)
		}
	}
	if out := mustCLI(t, 0, db, "visit", "show", v); !strings.Contains(out, "补充金额") {
		t.Errorf("visit show does not list the correction:\n%s", out)
	}
}
