package main

// BenchmarkProcessPush10000: a person's push of 10,000 new visits, whole
// process. Each iteration starts a fresh, durable `liaison-hq serve` (the
// built binary, a real bbolt file, plain HTTP on loopback) holding one
// enterprise assigned to officer wang, logs a fresh durable laptop in and
// syncs it once, writes 10,000 visits on the laptop (one transaction, as
// an import would), then times `liaison sync`: the push of every visit
// and the pull that follows. It reports the wall time (ns/op), the
// laptop's CPU (laptop-cpu-ms, its rusage), HQ's CPU over the sync
// (hq-cpu-ms, utime+stime of the HQ process from /proc/PID/stat, ticks
// of 10 ms) and per 1,000 ops pushed (hq-cpu-ms/kop), the ops pushed,
// and the durable commit of this machine in the same run.
//
//	go test ./cmd/liaison -run '^$' -bench ProcessPush -benchtime 3x
//
// Targets (issue 12): at most 1.5 s wall, at most 10 ms of HQ CPU per
// 1,000 ops. It needs no seeded database; LIAISON_BENCH_BIN and
// LIAISON_BENCH_HQ_BIN run other builds (to compare before/after).
// LIAISON_BENCH_HQ_GOGC sets HQ's GOGC. LIAISON_BENCH_PERF=DIR records
// HQ's CPU profile during each timed sync with perf (DIR/hq-N.data).
// LIAISON_BENCH_HQ_LOG=FILE appends HQ's request log (each request's
// time at HQ) to FILE.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
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

type pushWorld struct {
	dir, bin, hqBin string
	commitMS        float64
	err             error
}

var (
	pushOnce   gosync.Once
	pushWorld0 pushWorld
)

// pushSetup builds the binaries once (no seeded database needed).
func pushSetup(b *testing.B) *pushWorld {
	b.Helper()
	pushOnce.Do(func() {
		w := &pushWorld0
		w.dir, w.err = os.MkdirTemp("", "liaison-bench-push-")
		if w.err != nil {
			return
		}
		w.bin, w.hqBin = filepath.Join(w.dir, "liaison"), filepath.Join(w.dir, "liaison-hq")
		for bin, pkg := range map[string]string{w.bin: ".", w.hqBin: "../liaison-hq"} {
			if out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput(); err != nil {
				w.err = fmt.Errorf("build %s: %v\n%s", pkg, err, out)
				return
			}
		}
		if p := os.Getenv("LIAISON_BENCH_BIN"); p != "" {
			w.bin = p
		}
		if p := os.Getenv("LIAISON_BENCH_HQ_BIN"); p != "" {
			w.hqBin = p
		}
		w.commitMS, w.err = durableCommitMS(w.dir)
		b.Logf("durable commit on this machine: %.2f ms (median of 25)", w.commitMS)
	})
	if pushWorld0.err != nil {
		b.Fatal(pushWorld0.err)
	}
	return &pushWorld0
}

// hqProc is a running liaison-hq serve.
type hqProc struct {
	cmd *exec.Cmd
	url string
}

func startHQProc(b *testing.B, bin, db string) *hqProc {
	b.Helper()
	cmd := exec.Command(bin, "--db", db, "serve", "--addr", "127.0.0.1:0")
	if g := os.Getenv("LIAISON_BENCH_HQ_GOGC"); g != "" {
		cmd.Env = append(os.Environ(), "GOGC="+g)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	h := &hqProc{cmd: cmd}
	sc := bufio.NewScanner(stderr)
	for h.url == "" && sc.Scan() {
		if _, rest, ok := strings.Cut(sc.Text(), " on http://"); ok {
			h.url = "http://" + strings.Fields(rest)[0]
		}
	}
	if h.url == "" {
		h.stop()
		b.Fatal("liaison-hq serve did not say where it listens")
	}
	go func() {
		var sink io.Writer = io.Discard
		if p := os.Getenv("LIAISON_BENCH_HQ_LOG"); p != "" { // HQ's request log, for a timeline
			if f, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600); err == nil {
				defer f.Close()
				sink = f
			}
		}
		_, _ = io.Copy(sink, stderr)
	}()
	return h
}

func (h *hqProc) stop() { _ = h.cmd.Process.Signal(os.Interrupt); _ = h.cmd.Wait() }

// cpu is the process's user+system time so far, all its threads.
func (h *hqProc) cpu() (time.Duration, error) {
	raw, err := os.ReadFile("/proc/" + strconv.Itoa(h.cmd.Process.Pid) + "/stat")
	if err != nil {
		return 0, err
	}
	s := string(raw)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:]) // fields from 3 (state) on
	ut, err1 := strconv.ParseInt(f[11], 10, 64)              // field 14
	st, err2 := strconv.ParseInt(f[12], 10, 64)              // field 15
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("/proc stat: %q", s)
	}
	return time.Duration(ut+st) * 10 * time.Millisecond, nil // USER_HZ 100
}

func BenchmarkProcessPush10000(b *testing.B) {
	w := pushSetup(b)
	var laptopCPU, hqCPU, wall time.Duration
	var ops int
	b.StopTimer()
	for i := 0; i < b.N; i++ {
		dir := b.TempDir()
		hqDB, laptop := filepath.Join(dir, "hq.db"), filepath.Join(dir, "laptop.db")
		h, err := store.OpenHQ(hqDB, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		const uscc = "91350100M000100Y43"
		ent := &visits.Enterprise{Name: "兰州测试科技有限公司", USCC: uscc}
		err = h.SaveRecords("admin", ent)
		token := ""
		if err == nil {
			token, err = h.AddOfficer("wang", "王建国", visits.RoleLiaison)
		}
		if err == nil {
			err = h.Assign("wang", uscc, visits.RoleLiaison)
		}
		h.Close()
		if err != nil {
			b.Fatal(err)
		}
		hq := startHQProc(b, w.hqBin, hqDB)
		for _, args := range [][]string{{"login", "--hq", hq.url, "--token", token}, {"sync"}} {
			if out, err := exec.Command(w.bin, append([]string{"--db", laptop}, args...)...).CombinedOutput(); err != nil {
				hq.stop()
				b.Fatalf("liaison %s: %v\n%s", args[0], err, out)
			}
		}
		if err := addVisits(laptop, ent.ID, 10000); err != nil {
			hq.stop()
			b.Fatal(err)
		}
		before, err := hq.cpu()
		if err != nil {
			hq.stop()
			b.Fatal(err)
		}
		cmd := exec.Command(w.bin, "--db", laptop, "sync", "--json")
		stopPerf := perfRecord(b, hq.cmd.Process.Pid, i)
		cmd.Env = append(os.Environ(), "LIAISON_DB=", "LIAISON_LANG=")
		var out, errb strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errb
		b.StartTimer()
		t0 := time.Now()
		err = cmd.Run()
		took := time.Since(t0)
		b.StopTimer()
		stopPerf()
		after, err2 := hq.cpu()
		hq.stop()
		if err != nil || err2 != nil {
			b.Fatalf("liaison sync: %v %v\n%s", err, err2, errb.String())
		}
		var sum struct {
			Pushed int `json:"pushed"`
		}
		if err := json.Unmarshal([]byte(out.String()), &sum); err != nil || sum.Pushed < 100000 {
			b.Fatalf("liaison sync pushed %d ops (want ≥ 100,000): %v\n%s", sum.Pushed, err, out.String())
		}
		ps := cmd.ProcessState
		lc := ps.UserTime() + ps.SystemTime()
		b.Logf("push %d: %d ops, wall %v, laptop CPU %v, HQ CPU %v", i+1, sum.Pushed,
			took.Round(time.Millisecond), lc.Round(time.Millisecond), after-before)
		laptopCPU += lc
		hqCPU += after - before
		wall += took
		ops += sum.Pushed
		if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
			b.ReportMetric(float64(ru.Maxrss)/1024, "laptop-max-rss-MB")
		}
	}
	n := float64(b.N)
	b.ReportMetric(float64(laptopCPU.Microseconds())/1000/n, "laptop-cpu-ms")
	b.ReportMetric(float64(hqCPU.Microseconds())/1000/n, "hq-cpu-ms")
	b.ReportMetric(float64(hqCPU.Microseconds())/float64(ops), "hq-cpu-ms/kop")
	b.ReportMetric(float64(ops)/n, "ops")
	b.ReportMetric(w.commitMS, "durable-commit-ms")
}

// addVisits writes n new visits to the laptop at path in one transaction.
func addVisits(path, enterpriseID string, n int) error {
	s, err := store.Open(path, store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	return s.Update(func(w *store.Writer) error {
		for i := range n {
			v := &visits.Visit{EnterpriseID: enterpriseID, At: time.Now().Add(-time.Hour), Occasion: visits.OccRoutine,
				Method: "on_site", Summary: fmt.Sprintf("第%d次走访：了解企业研发投入与融资需求", i), Purposes: []string{"policy"}}
			if err := w.AddVisit(v); err != nil {
				return err
			}
		}
		return nil
	})
}

// perfRecord profiles process pid with perf while the sync runs, if
// LIAISON_BENCH_PERF names a folder; it returns what stops it.
func perfRecord(b *testing.B, pid, i int) func() {
	dir := os.Getenv("LIAISON_BENCH_PERF")
	if dir == "" {
		return func() {}
	}
	cmd := exec.Command("perf", "record", "-F", "1999", "-g", "-p", strconv.Itoa(pid),
		"-o", filepath.Join(dir, fmt.Sprintf("hq-%d.data", i)))
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond) // perf attaches; a profile, not a synchronisation
	return func() { _ = cmd.Process.Signal(os.Interrupt); _ = cmd.Wait() }
}
