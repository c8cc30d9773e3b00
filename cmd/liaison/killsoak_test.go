package main

// The crash-safety soak of issue 9, with the real binaries: a real
// `liaison-hq serve` on loopback, three logged-in laptops, and rounds of
// `liaison visit add`, `liaison enterprise import` and `liaison sync` on a
// random laptop, each SIGKILLed 0–30 ms after it took its database lock;
// every few rounds HQ itself is SIGKILLed while all three laptops push,
// and restarted on the same port and database. At the end no write a
// command acknowledged is missing on its laptop, at HQ or (shared scope)
// on the other laptops, every laptop's `check` is clean, the outboxes are
// empty and HQ's database passes its check.
//
// Skipped unless LIAISON_KILL_ROUNDS (laptop kills) is set; it spawns some
// thousand processes, so CI (where it is not set) does not run it:
//
//	LIAISON_KILL_ROUNDS=480 LIAISON_KILL_HQ=145 go test -run '^TestKillSoak$' -timeout 60m -v ./cmd/liaison

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	gosync "sync"
	"syscall"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

type soakLaptop struct {
	officer, db, uscc string
	ino               uint64
	visits            map[string]string // acknowledged visit id → summary
	enterprise        map[string]string // visit id → enterprise USCC
	lastImport        int               // the round of the last acknowledged import (-1: none)
}

type soakHQ struct {
	bin, db, addr string
	cmd           *exec.Cmd
	pushes        chan string // request log lines
	done          chan struct{}
}

func TestKillSoak(t *testing.T) {
	rounds, _ := strconv.Atoi(os.Getenv("LIAISON_KILL_ROUNDS"))
	if rounds <= 0 {
		t.Skip("set LIAISON_KILL_ROUNDS=N (laptop kills) and LIAISON_KILL_HQ=M (HQ kills) to run the kill soak")
	}
	hqKills, _ := strconv.Atoi(os.Getenv("LIAISON_KILL_HQ"))
	seed := uint64(time.Now().UnixNano())
	if v := os.Getenv("LIAISON_TEST_SEED"); v != "" {
		seed, _ = strconv.ParseUint(v, 10, 64)
	}
	t.Logf("seed %d (rerun: LIAISON_TEST_SEED=%d LIAISON_KILL_ROUNDS=%d LIAISON_KILL_HQ=%d go test -run '^TestKillSoak$' ./cmd/liaison)",
		seed, seed, rounds, hqKills)
	rng := rand.New(rand.NewPCG(seed, 9))
	t.Setenv("LIAISON_DB", "")
	t.Setenv("LIAISON_LANG", "")
	t.Setenv("LIAISON_TOKEN", "")

	dir := t.TempDir()
	bin, hqBin := filepath.Join(dir, "liaison"), filepath.Join(dir, "liaison-hq")
	for b, pkg := range map[string]string{bin: ".", hqBin: "../liaison-hq"} {
		if out, err := exec.Command("go", "build", "-o", b, pkg).CombinedOutput(); err != nil {
			t.Fatalf("build %s: %v\n%s", pkg, err, out)
		}
	}

	// HQ: three officers, a shared enterprise and one of each officer's own.
	hq := &soakHQ{bin: hqBin, db: filepath.Join(dir, "hq.db"), addr: soakFreeAddr(t)}
	shared := visits.MakeUSCC("91620102MA7KLAK00")
	officers := []string{"wang", "li", "zhao"}
	csv := "企业名称,统一社会信用代码,所属街道\n兰州共享科技有限公司," + shared + ",城关\n"
	laptops := make([]*soakLaptop, len(officers))
	for i, o := range officers {
		laptops[i] = &soakLaptop{officer: o, db: filepath.Join(dir, o+".db"), uscc: visits.MakeUSCC(fmt.Sprintf("91620102MA7KLAK%02d", i+1)),
			visits: map[string]string{}, enterprise: map[string]string{}, lastImport: -1}
		csv += fmt.Sprintf("兰州%s科技有限公司,%s,初始\n", o, laptops[i].uscc)
	}
	master := filepath.Join(dir, "master.csv")
	if err := os.WriteFile(master, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	hq.admin(t, "enterprise", "import", master)
	tokens := map[string]string{}
	for i, o := range officers {
		tokens[o] = strings.TrimSpace(hq.admin(t, "officer", "add", "--id", o, "--name", o, "--role", "liaison"))
		hq.admin(t, "assign", "--officer", o, "--enterprise", shared)
		hq.admin(t, "assign", "--officer", o, "--enterprise", laptops[i].uscc)
	}
	hq.start(t, tokens["wang"])
	defer hq.kill()
	for _, l := range laptops {
		soakRun(t, bin, 0, []string{"LIAISON_TOKEN=" + tokens[l.officer]}, "--db", l.db, "login", "--hq", "http://"+hq.addr)
		soakRun(t, bin, 0, nil, "--db", l.db, "sync")
		fi, err := os.Stat(l.db)
		if err != nil {
			t.Fatal(err)
		}
		l.ino = fi.Sys().(*syscall.Stat_t).Ino
	}

	var laptopKilled, laptopMid, laptopEnded, syncMidHQ, hqKilled, hqMid int
	kinds := map[string]int{}
	hqEvery := 0
	if hqKills > 0 {
		hqEvery = max(1, rounds/hqKills)
	}
	for round := 0; laptopKilled < rounds || hqKilled < hqKills; round++ {
		if hqKilled < hqKills && (laptopKilled >= rounds || hqEvery > 0 && round%(hqEvery+1) == hqEvery) {
			// Every laptop has something to push; HQ is killed 0–30 ms
			// after it answered the first push of the round.
			for _, l := range laptops {
				l.visitAdd(t, bin, round, shared)
			}
			hq.drainPushes()
			var wg gosync.WaitGroup
			exited := make(chan struct{}, len(laptops))
			for _, l := range laptops {
				c := exec.Command(bin, "--db", l.db, "sync")
				c.Stdout, c.Stderr = io.Discard, io.Discard
				if err := c.Start(); err != nil {
					t.Fatal(err)
				}
				wg.Add(1)
				go func() { defer wg.Done(); _ = c.Wait(); exited <- struct{}{} }()
			}
			hq.waitLine("POST /v1/push 200", soakAllDone(&wg))
			time.Sleep(time.Duration(rng.IntN(31)) * time.Millisecond) // where the kill lands, not a wait
			if len(exited) < len(laptops) {
				hqMid++ // a laptop was still syncing
			}
			hq.kill()
			hqKilled++
			wg.Wait()
			hq.start(t, tokens["wang"])
			continue
		}
		l := laptops[rng.IntN(len(laptops))]
		var args []string
		kind := ""
		switch p := rng.IntN(10); {
		case p < 5:
			kind = "visit add"
			ent := shared
			if rng.IntN(3) == 0 {
				ent = l.uscc
			}
			sum := fmt.Sprintf("第%d轮走访 %s：企业反映融资难", round, l.officer)
			args = []string{"visit", "add", "--enterprise", ent, "--occasion", "routine", "--method", "on_site", "--summary", sum}
		case p < 7:
			kind = "import"
			f := filepath.Join(dir, fmt.Sprintf("import-%d.csv", round))
			body := fmt.Sprintf("企业名称,统一社会信用代码,所属街道\n兰州%s科技有限公司,%s,街道%d\n", l.officer, l.uscc, round)
			if err := os.WriteFile(f, []byte(body), 0o600); err != nil {
				t.Fatal(err)
			}
			args = []string{"enterprise", "import", f}
		default:
			kind = "sync"
			hq.drainPushes()
		}
		if kind == "sync" {
			args = []string{"sync"}
		}
		c := exec.Command(bin, append([]string{"--db", l.db}, args...)...)
		var out, errs bytes.Buffer
		c.Stdout, c.Stderr = &out, &errs
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		waited := make(chan error, 1)
		go func() { waited <- c.Wait() }()
		locked := soakWaitLock(c.Process.Pid, l.ino, waited)
		heard := false
		if kind == "sync" { // kill it once HQ has logged one of its requests
			ended := make(chan struct{})
			go func() { err := <-waited; waited <- err; close(ended) }()
			heard = hq.waitLine("officer="+l.officer, ended)
		}
		time.Sleep(time.Duration(rng.IntN(31)) * time.Millisecond) // where the kill lands, not a wait
		var err error
		select {
		case err = <-waited:
			laptopEnded++
		default:
			_ = c.Process.Signal(syscall.SIGKILL)
			err = <-waited
		}
		var ee *exec.ExitError
		killed := errors.As(err, &ee) && ee.Sys().(syscall.WaitStatus).Signaled()
		code := 0
		if ee != nil && !killed {
			code = ee.ExitCode()
		}
		if killed {
			laptopKilled++
			kinds[kind]++
			if locked {
				laptopMid++
			}
			if heard {
				syncMidHQ++
			}
		} else if code != 0 && !(kind == "sync" && code == 3) {
			t.Fatalf("round %d: %s on %s: exit %d: %s", round, kind, l.officer, code, errs.String())
		}
		switch kind {
		case "visit add":
			if id := strings.TrimSpace(out.String()); id != "" && !strings.Contains(id, "\n") {
				l.visits[id] = args[len(args)-1] // acknowledged: the id was printed
				l.enterprise[id] = args[3]
			} else if !killed {
				t.Fatalf("round %d: visit add exit 0 without an id: %q", round, out.String())
			}
		case "import":
			if !killed {
				l.lastImport = round
			}
		}
	}
	t.Logf("laptop SIGKILLs %d (%v), %d after the database lock was taken, %d syncs killed after HQ logged one of their requests; %d commands ended before their kill",
		laptopKilled, kinds, laptopMid, syncMidHQ, laptopEnded)
	t.Logf("HQ SIGKILLs %d, %d while a laptop's sync was still running", hqKilled, hqMid)

	// Sync everyone until clean: twice round, so each pulls the others'.
	for pass := 0; pass < 2; pass++ {
		for _, l := range laptops {
			soakRun(t, bin, -3, nil, "--db", l.db, "sync")
		}
	}
	acked := 0
	for _, l := range laptops {
		acked += len(l.visits)
		if out := soakRun(t, bin, 0, nil, "--db", l.db, "check"); strings.Contains(strings.ToLower(out), "problem") {
			t.Errorf("%s: check: %s", l.officer, out)
		}
		var st store.Status
		if err := json.Unmarshal([]byte(soakRun(t, bin, 0, nil, "--db", l.db, "status", "--json")), &st); err != nil {
			t.Fatal(err)
		}
		if st.Pending != 0 {
			t.Errorf("%s: %d ops still in the outbox", l.officer, st.Pending)
		}
	}
	// Every acknowledged visit on its own laptop, and in shared scope on
	// every laptop.
	lost := 0
	for _, viewer := range laptops {
		var vs []visits.Visit
		if err := json.Unmarshal([]byte(soakRun(t, bin, 0, nil, "--db", viewer.db, "visit", "list", "--json")), &vs); err != nil {
			t.Fatal(err)
		}
		have := map[string]string{}
		for _, v := range vs {
			have[v.ID] = v.Summary
		}
		for _, author := range laptops {
			for id, sum := range author.visits {
				if author != viewer && author.enterprise[id] != shared {
					continue
				}
				if have[id] != sum {
					lost++
					t.Errorf("visit %s by %s (%q): on %s's laptop %q", id, author.officer, sum, viewer.officer, have[id])
				}
			}
		}
		var e visits.Enterprise
		if err := json.Unmarshal([]byte(soakRun(t, bin, 0, nil, "--db", viewer.db, "enterprise", "show", viewer.uscc, "--json")), &e); err != nil {
			t.Fatal(err)
		}
		if n, err := strconv.Atoi(strings.TrimPrefix(e.Street, "街道")); viewer.lastImport >= 0 && (err != nil || n < viewer.lastImport) {
			t.Errorf("%s: street %q, the last acknowledged import set 街道%d", viewer.officer, e.Street, viewer.lastImport)
		}
	}

	// HQ: killed once more, its database opened and checked.
	hq.kill()
	h, err := store.OpenHQ(hq.db, store.Options{})
	if err != nil {
		t.Fatalf("HQ's database after %d kills: %v", hqKilled, err)
	}
	defer h.Close()
	if problems, err := h.Store().Check(); err != nil || len(problems) > 0 {
		t.Errorf("HQ check: %v %v", err, problems)
	}
	logged := map[string]int{}
	if err := h.OpLog(func(who string, op store.Op, _ store.Result) error {
		logged[who+"\x00"+op.OpID]++
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for k, n := range logged {
		if n != 1 {
			t.Errorf("op %q logged %d times", k, n)
		}
	}
	_ = h.Store().View(func(r *store.Reader) error {
		for _, l := range laptops {
			for id, sum := range l.visits {
				v, err := store.Get[visits.Visit](r, id)
				if err != nil || v.Summary != sum {
					lost++
					t.Errorf("visit %s by %s not at HQ: %v", id, l.officer, err)
				}
			}
			if l.lastImport >= 0 {
				e, err := r.EnterpriseByUSCC(l.uscc)
				if n, err2 := strconv.Atoi(strings.TrimPrefix(e.Street, "街道")); err != nil || err2 != nil || n < l.lastImport {
					lost++
					t.Errorf("%s's enterprise at HQ: street %q, want 街道%d or a later attempt (%v)", l.officer, e.Street, l.lastImport, err)
				}
			}
		}
		return nil
	})
	t.Logf("%d acknowledged visits on 3 laptops, %d lost; %d ops in HQ's log; checks clean: %v", acked, lost, len(logged), !t.Failed())
}

// visitAdd adds a visit that runs to its end (acknowledged).
func (l *soakLaptop) visitAdd(t *testing.T, bin string, round int, ent string) {
	t.Helper()
	sum := fmt.Sprintf("第%d轮推送 %s", round, l.officer)
	id := strings.TrimSpace(soakRun(t, bin, 0, nil, "--db", l.db, "visit", "add", "--enterprise", ent, "--occasion", "routine", "--method", "phone", "--summary", sum))
	l.visits[id], l.enterprise[id] = sum, ent
}

// soakRun runs liaison to its end; want is the exit code, or -3 for "0 or 3".
func soakRun(t *testing.T, bin string, want int, env []string, args ...string) string {
	t.Helper()
	c := exec.Command(bin, args...)
	c.Env = append(os.Environ(), env...)
	var out, errs bytes.Buffer
	c.Stdout, c.Stderr = &out, &errs
	err := c.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if code != want && !(want == -3 && (code == 0 || code == 3)) {
		t.Fatalf("liaison %s: exit %d, want %d\n%s%s", strings.Join(args, " "), code, want, out.String(), errs.String())
	}
	return out.String()
}

// soakWaitLock waits until process pid holds a flock on the file with
// inode ino (/proc/locks), or has ended. It says whether it saw the lock.
func soakWaitLock(pid int, ino uint64, waited chan error) bool {
	want := ":" + strconv.FormatUint(ino, 10)
	p := strconv.Itoa(pid)
	for end := time.Now().Add(30 * time.Second); time.Now().Before(end); {
		raw, _ := os.ReadFile("/proc/locks")
		for _, line := range strings.Split(string(raw), "\n") {
			f := strings.Fields(line)
			if len(f) >= 6 && f[1] == "FLOCK" && f[4] == p && strings.HasSuffix(f[5], want) {
				return true
			}
		}
		select {
		case err := <-waited:
			waited <- err
			return false
		default:
		}
		time.Sleep(200 * time.Microsecond) // polling /proc/locks
	}
	return false
}

func soakAllDone(wg *gosync.WaitGroup) <-chan struct{} {
	c := make(chan struct{})
	go func() { wg.Wait(); close(c) }()
	return c
}

func soakFreeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func (h *soakHQ) admin(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command(h.bin, append(args, "--db", h.db)...).CombinedOutput()
	if err != nil {
		t.Fatalf("liaison-hq %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// start runs `liaison-hq serve` and returns once /v1/hello answers.
func (h *soakHQ) start(t *testing.T, token string) {
	t.Helper()
	h.cmd = exec.Command(h.bin, "serve", "--addr", h.addr, "--db", h.db)
	errp, err := h.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := h.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	h.pushes, h.done = make(chan string, 4096), make(chan struct{})
	pushes, done, cmd := h.pushes, h.done, h.cmd
	var tail bytes.Buffer
	go func() {
		sc := bufio.NewScanner(errp)
		for sc.Scan() {
			if strings.Contains(sc.Text(), " /v1/") {
				select {
				case pushes <- sc.Text():
				default:
				}
			} else if tail.Len() < 4096 {
				tail.WriteString(sc.Text() + "\n")
			}
		}
		_ = cmd.Wait()
		close(done)
	}()
	for end := time.Now().Add(30 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		req, _ := http.NewRequest("GET", "http://"+h.addr+"/v1/hello", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		select {
		case <-done:
			t.Fatalf("liaison-hq serve ended: %s", tail.String())
		default:
		}
		if time.Now().After(end) {
			t.Fatal("liaison-hq serve did not answer /v1/hello in 30 s")
		}
	}
}

// waitLine waits for a request log line holding want, or for end; it
// says whether the line came.
func (h *soakHQ) waitLine(want string, end <-chan struct{}) bool {
	for {
		select {
		case l := <-h.pushes:
			if strings.Contains(l, want) {
				return true
			}
		case <-end:
			return false
		}
	}
}

func (h *soakHQ) drainPushes() {
	for {
		select {
		case <-h.pushes:
		default:
			return
		}
	}
}

// kill SIGKILLs HQ and waits until it is gone (its lock released).
func (h *soakHQ) kill() {
	if h.cmd == nil {
		return
	}
	_ = h.cmd.Process.Signal(syscall.SIGKILL)
	<-h.done
	h.cmd = nil
}
