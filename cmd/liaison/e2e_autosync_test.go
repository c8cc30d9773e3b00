package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/sync"
	"github.com/liaison-dev/liaison/visits"
)

// hqOnPort is a real HQ (the reference handler over a bbolt HQ database)
// that can be stopped and started again on the same loopback port, as a
// restarted or unreachable HQ looks to a laptop: connection refused.
type hqOnPort struct {
	t    *testing.T
	hq   *store.HQ
	addr string
	mu   gosync.Mutex
	srv  *http.Server
}

func newHQOnPort(t *testing.T) (*hqOnPort, string) {
	t.Helper()
	h, err := store.OpenHQ(filepath.Join(t.TempDir(), "hq.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	tok, err := h.AddOfficer("wang", "王建国", visits.RoleLiaison)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	x := &hqOnPort{t: t, hq: h, addr: l.Addr().String()}
	l.Close()
	t.Cleanup(func() { x.stop(); h.Close() })
	return x, tok
}

func (x *hqOnPort) url() string { return "http://" + x.addr }

func (x *hqOnPort) start() {
	x.t.Helper()
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.srv != nil {
		return
	}
	var l net.Listener
	var err error
	// The port was ours a moment ago; another test may hold it briefly.
	for end := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if l, err = net.Listen("tcp", x.addr); err == nil || time.Now().After(end) {
			break
		}
	}
	if err != nil {
		x.t.Fatalf("HQ cannot listen on %s again: %v", x.addr, err)
	}
	x.srv = &http.Server{Handler: sync.NewHandler(sync.Bolt{HQ: x.hq}, sync.ServerOptions{})}
	go x.srv.Serve(l)
}

func (x *hqOnPort) stop() {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.srv != nil {
		x.srv.Close()
		x.srv = nil
	}
}

// opsOnce checks that HQ's log holds every op of the officer exactly once
// and returns how many there are.
func (x *hqOnPort) opsOnce(t *testing.T) int {
	t.Helper()
	counts := map[string]int{}
	if err := x.hq.OpLog(func(who string, op store.Op, _ store.Result) error {
		if who == "wang" {
			counts[op.OpID]++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for id, n := range counts {
		if n != 1 {
			t.Errorf("op %s is in HQ's log %d times", id, n)
		}
	}
	return len(counts)
}

// laptopWithWork logs a fresh laptop in while HQ is up, then, with HQ
// stopped, records visits to a new enterprise; it returns the database.
func laptopWithWork(t *testing.T, x *hqOnPort, tok string, visitsN int) string {
	t.Helper()
	db := tempDB(t)
	x.start()
	mustCLI(t, 0, db, "login", "--hq", x.url(), "--token", tok)
	mustCLI(t, 0, db, "sync")
	x.stop()
	mustCLI(t, 0, db, "enterprise", "add", "--name", "兰州飞天光电科技有限公司", "--uscc", "91620102MA7ABCDE1X", "--confirm-checksum")
	for i := range visitsN {
		mustCLI(t, 0, db, "visit", "add", "--enterprise", "91620102MA7ABCDE1X", "--occasion", "routine",
			"--method", "on_site", "--summary", fmt.Sprintf("第%d次走访：企业反映融资难", i+1))
	}
	return db
}

func pendingIn(t *testing.T, db string) int {
	t.Helper()
	return decode[store.Status](t, mustCLI(t, 0, db, "status", "--json")).Pending
}

// child runs the binary with stderr readable line by line.
type child struct {
	cmd   *exec.Cmd
	lines chan string
	done  chan struct{}
	code  int
	start time.Time
}

func startChild(t *testing.T, bin string, args ...string) *child {
	t.Helper()
	c := &child{cmd: exec.Command(bin, args...), lines: make(chan string, 100), done: make(chan struct{})}
	c.cmd.Env = append(os.Environ(), "LIAISON_DB=", "LIAISON_LANG=")
	errp, err := c.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	c.cmd.Stdout = io.Discard
	c.start = time.Now()
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(errp)
		for sc.Scan() {
			c.lines <- sc.Text()
		}
		close(c.lines)
		err := c.cmd.Wait()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			c.code = ee.ExitCode()
		} else if err != nil {
			c.code = -1
		}
		close(c.done)
	}()
	t.Cleanup(func() {
		select {
		case <-c.done:
		default:
			_ = c.cmd.Process.Kill()
			<-c.done
		}
	})
	return c
}

// waitLine returns once the child printed a line holding want on stderr.
func (c *child) waitLine(t *testing.T, want string) string {
	t.Helper()
	timeout := time.After(60 * time.Second) // a last guard only
	for {
		select {
		case l, ok := <-c.lines:
			if !ok {
				t.Fatalf("the child ended without saying %q", want)
			}
			if strings.Contains(l, want) {
				return l
			}
		case <-timeout:
			t.Fatalf("the child never said %q", want)
		}
	}
}

func (c *child) wait(t *testing.T) (int, time.Duration) {
	t.Helper()
	go func() {
		for range c.lines { // drain
		}
	}()
	select {
	case <-c.done:
	case <-time.After(120 * time.Second):
		t.Fatal("the child did not end")
	}
	return c.code, time.Since(c.start)
}

// `liaison sync --wait`: with HQ down when it starts and started once the
// first attempt failed, it exits 0 and every op is at HQ exactly once;
// with HQ down throughout it exits 4 after about the wait.
func TestSyncWaitEndToEnd(t *testing.T) {
	bin := buildCLI(t)
	x, tok := newHQOnPort(t)
	db := laptopWithWork(t, x, tok, 3)
	want := pendingIn(t, db)

	c := startChild(t, bin, "--db", db, "--lang", "en", "sync", "--wait", "30s")
	line := c.waitLine(t, "HQ unreachable, trying again in")
	t.Logf("the child said: %s", line)
	x.start()
	if code, took := c.wait(t); code != 0 {
		t.Fatalf("sync --wait 30s with HQ back: exit %d after %v", code, took)
	}
	if got := x.opsOnce(t); got != want || pendingIn(t, db) != 0 {
		t.Fatalf("HQ has %d of the officer's ops, %d were pending, %d still are", got, want, pendingIn(t, db))
	}

	// Down throughout: exit 4 after about the wait.
	x.stop()
	mustCLI(t, 0, db, "visit", "add", "--enterprise", "91620102MA7ABCDE1X", "--occasion", "routine", "--method", "phone", "--summary", "电话回访")
	c = startChild(t, bin, "--db", db, "--lang", "en", "sync", "--wait", "4s")
	code, took := c.wait(t)
	t.Logf("sync --wait 4s with HQ down: exit %d after %v", code, took.Round(10*time.Millisecond))
	if code != exitUnreachable || took < 4*time.Second || took > 12*time.Second {
		t.Fatalf("sync --wait 4s with HQ down: exit %d after %v, want 4 after about 4s", code, took)
	}
	if pendingIn(t, db) == 0 {
		t.Fatal("the visit left the outbox although HQ was never reached")
	}
}

// While another process (the terminal UI) holds the database, `liaison
// sync --wait` waits for it instead of failing, then syncs.
func TestSyncWaitsForTheDatabase(t *testing.T) {
	bin := buildCLI(t)
	x, tok := newHQOnPort(t)
	db := laptopWithWork(t, x, tok, 1)
	x.start()
	held, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := startChild(t, bin, "--db", db, "--lang", "en", "sync", "--wait", "30s")
	c.waitLine(t, "the database is in use by another liaison process")
	if err := held.Close(); err != nil { // the officer closes the UI
		t.Fatal(err)
	}
	if code, took := c.wait(t); code != 0 {
		t.Fatalf("sync --wait after the database was released: exit %d after %v", code, took)
	}
	if pendingIn(t, db) != 0 {
		t.Fatal("the work did not reach HQ")
	}
	// Without --wait the second process still fails at once (exit 1).
	held, err = store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	out, err := exec.Command(bin, "--db", db, "--lang", "en", "sync").CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 || !strings.Contains(string(out), "in use") {
		t.Fatalf("sync without --wait while the database is held: %v %s", err, out)
	}
}

// liaison status says the day's-end reminder on a working day after the
// set time with work pending, and not on a holiday. The day is made a
// working day or a holiday by an imported calendar, the time by
// --remind-at.
func TestStatusDayEndReminder(t *testing.T) {
	now := time.Now().In(visits.Shanghai)
	if now.Hour() == 0 && now.Minute() < 2 {
		t.Skip("runs a minute after midnight in Shanghai: --remind-at 00:01 is not yet due")
	}
	today := now.Format("2006-01-02")
	db := tempDB(t)
	mustCLI(t, 0, db, "enterprise", "add", "--name", "兰州测试科技有限公司")
	// A calendar file covers its year once it lists a date of it. To make
	// today a working day: worked if it is a weekend day (调休), else a
	// holiday on another weekday; to make it a holiday: list it.
	cal := func(name string, holidays, workdays []string) string {
		p := filepath.Join(t.TempDir(), name+".json")
		q := func(ds []string) string {
			if len(ds) == 0 {
				return "[]"
			}
			return `["` + strings.Join(ds, `","`) + `"]`
		}
		body := fmt.Sprintf(`{"name":"test","year_from":%d,"holidays":%s,"workdays":%s}`, now.Year(), q(holidays), q(workdays))
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var working string
	if wd := now.Weekday(); wd == time.Saturday || wd == time.Sunday {
		working = cal("working", nil, []string{today})
	} else {
		other := time.Date(now.Year(), 1, 1, 12, 0, 0, 0, visits.Shanghai)
		for other.Weekday() == time.Saturday || other.Weekday() == time.Sunday || other.Format("2006-01-02") == today {
			other = other.AddDate(0, 0, 1)
		}
		working = cal("working", []string{other.Format("2006-01-02")}, nil)
	}
	mustCLI(t, 0, db, "calendar", "import", working)
	out := mustCLI(t, 0, db, "--lang", "en", "status", "--remind-at", "00:01")
	if !strings.Contains(out, "reminder:") || !strings.Contains(out, "have not reached HQ yet") {
		t.Fatalf("no reminder on a working day after the time:\n%s", out)
	}
	if st := decode[struct {
		DayEnd store.DayEnd `json:"day_end"`
	}](t, mustCLI(t, 0, db, "status", "--json", "--remind-at", "00:01")); !st.DayEnd.Due || st.DayEnd.Pending == 0 {
		t.Fatalf("status --json: %+v", st)
	}
	if out := mustCLI(t, 0, db, "--lang", "en", "status", "--remind-at", "off"); strings.Contains(out, "reminder") {
		t.Fatalf("a reminder with --remind-at off:\n%s", out)
	}
	mustCLI(t, 0, db, "calendar", "import", cal("holiday", []string{today}, nil))
	if out := mustCLI(t, 0, db, "--lang", "en", "status", "--remind-at", "00:01"); strings.Contains(out, "reminder") {
		t.Fatalf("a reminder on a holiday:\n%s", out)
	}
	if _, _, code := cli(t, db, "status", "--remind-at", "25:00"); code != exitUsage {
		t.Fatalf("--remind-at 25:00: exit %d, want 2", code)
	}
}

// waitFor returns the screen once ok holds for it.
func (x *tmux) waitFor(what string, ok func(screen string) bool) string {
	x.t.Helper()
	var s string
	for end := time.Now().Add(60 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		if s = x.screen(); ok(s) {
			return s
		}
	}
	x.t.Fatalf("the screen never showed %s:\n%s", what, s)
	return ""
}

// noErrorBox fails the test if the screen holds an error note or dialog.
func noErrorBox(t *testing.T, screen string) {
	t.Helper()
	if strings.Contains(screen, "出错") || strings.Contains(screen, "\n! ") {
		t.Fatalf("an error is on screen:\n%s", screen)
	}
}

// The terminal UI syncs by itself: a laptop with pending visits and HQ
// down, the UI started with a 2-second interval, HQ started: the visits
// reach HQ and the sync line says so, while a form is typed in that keeps
// every character. Then HQ goes away and comes back: the UI backs off and
// recovers with no error on screen, a save made meanwhile reaches HQ,
// and every op is in HQ's log exactly once.
func TestEndToEndAutoSyncInTmux(t *testing.T) {
	tmuxPath, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not installed: this test drives the real binary in tmux (CI installs it)")
	}
	bin := buildCLI(t)
	x, tok := newHQOnPort(t)
	db := laptopWithWork(t, x, tok, 3)
	want := pendingIn(t, db)
	dir := t.TempDir()
	tm := &tmux{t: t, path: tmuxPath, socket: fmt.Sprintf("liaison-autosync-%d", os.Getpid())}
	t.Cleanup(tm.kill)
	tm.run("-f", "/dev/null", "new-session", "-d", "-x", "100", "-y", "30", "-e", "LANG=C.UTF-8",
		"-e", "LIAISON_REMIND_AT=off", "sh") // the day's-end reminder (17:30) is not under test here
	tm.waitPrompt()
	errFile := filepath.Join(dir, "stderr.txt")
	tm.keys(fmt.Sprintf("LIAISON_DB= LIAISON_LANG= %q --db %q --sync-every 2s 2>>%q; echo exit=$?", bin, db, errFile), "Enter")
	t.Cleanup(func() {
		if b, _ := os.ReadFile(errFile); t.Failed() && len(b) > 0 {
			t.Logf("stderr of liaison:\n%s", b)
		}
	})
	top := func(s string) string { return strings.SplitN(s, "\n", 2)[0] }
	unreachable := func(s string) bool { return strings.Contains(top(s), "不可达") }
	synced := func(s string) bool {
		l := top(s)
		return strings.Contains(l, "已同步") && !strings.Contains(l, "不可达") && !strings.Contains(l, "待上传")
	}

	// HQ down: the start-up sync fails quietly.
	noErrorBox(t, tm.waitFor("HQ unreachable on the sync line", unreachable))
	tm.keys("2")
	tm.wait("企业名称")
	tm.keys("a")
	tm.wait("新增企业")
	const name1, name2, name3 = "兰州新区“智能”", "装备——制造", "有限公司"
	tm.literal(name1)
	tm.wait(name1)

	// HQ comes up; typing goes on while the UI syncs.
	x.start()
	up := time.Now()
	tm.literal(name2)
	s := tm.waitFor("synced on the sync line", synced)
	t.Logf("HQ up to 已同步 on screen: %v (interval 2s)", time.Since(up).Round(10*time.Millisecond))
	noErrorBox(t, s)
	if got := x.opsOnce(t); got != want {
		t.Fatalf("HQ has %d of the officer's ops, the laptop had %d pending", got, want)
	}

	// HQ goes away: the next sync fails quietly; a save meanwhile waits.
	x.stop()
	tm.literal(name3)
	s = tm.waitFor("HQ unreachable again", unreachable)
	noErrorBox(t, s)
	if !strings.Contains(s, name1+name2+name3) {
		t.Fatalf("the form lost typed characters:\n%s", s)
	}
	tm.keys("C-o")
	tm.wait("企业已保存")
	s = tm.waitFor("the save pending", func(s string) bool { return strings.Contains(top(s), "待上传") })
	noErrorBox(t, s)

	// HQ is back: the UI recovers by itself.
	x.start()
	up = time.Now()
	s = tm.waitFor("synced again", synced)
	t.Logf("HQ back to 已同步 on screen: %v", time.Since(up).Round(10*time.Millisecond))
	noErrorBox(t, s)
	tm.keys("q")
	tm.wait("exit=0")
	total := x.opsOnce(t)
	if total <= want || pendingIn(t, db) != 0 {
		t.Fatalf("HQ has %d ops (%d before the save), %d still pending", total, want, pendingIn(t, db))
	}
	out := mustCLI(t, 0, db, "enterprise", "list", "--json")
	if !strings.Contains(out, name1+name2+name3) {
		t.Fatalf("the saved enterprise's name is not whole:\n%s", out)
	}
}
