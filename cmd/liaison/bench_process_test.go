package main

// Whole-process benchmarks: they exec the built liaison binary, as an
// officer runs it, on a database seeded once per run with
// `liaison demo seed` (10,000 enterprises and 100,000 visits, or
// LIAISON_BENCH_SIZE=E,V; LIAISON_BENCH_DB=FILE copies an already seeded
// database instead). Each reports, beside its own figures, the durable
// commit time of this machine measured in the same run
// (durable-commit-ms), so figures compare across machines.
// LIAISON_BENCH_BIN=FILE runs another build of liaison (to compare).
//
//	go test ./cmd/liaison -run '^$' -bench Process -benchtime 20x

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	gosync "sync"
	"syscall"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

type benchWorld struct {
	dir, bin, hqBin, db string
	ent                 string  // an enterprise with visits
	commitMS            float64 // median durable commit, this run
	err                 error
}

var (
	benchOnce gosync.Once
	world     benchWorld
)

func benchSetup(b *testing.B) *benchWorld {
	b.Helper()
	benchOnce.Do(func() { world.err = world.setup(b) })
	if world.err != nil {
		b.Fatal(world.err)
	}
	return &world
}

func (w *benchWorld) setup(b *testing.B) error {
	dir, err := os.MkdirTemp("", "liaison-bench-")
	if err != nil {
		return err
	}
	w.dir = dir
	w.bin, w.hqBin = filepath.Join(dir, "liaison"), filepath.Join(dir, "liaison-hq")
	for bin, pkg := range map[string]string{w.bin: ".", w.hqBin: "../liaison-hq"} {
		if out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput(); err != nil {
			return fmt.Errorf("build %s: %v\n%s", pkg, err, out)
		}
	}
	if prebuilt := os.Getenv("LIAISON_BENCH_BIN"); prebuilt != "" {
		w.bin = prebuilt // another build of liaison, to compare (before/after)
	}
	w.db = filepath.Join(dir, "liaison.db")
	if src := os.Getenv("LIAISON_BENCH_DB"); src != "" {
		if err := copyFile(src, w.db); err != nil {
			return err
		}
		b.Logf("database: a copy of %s", src)
	} else {
		size := os.Getenv("LIAISON_BENCH_SIZE")
		if size == "" {
			size = "10000,100000"
		}
		ents, vis, _ := strings.Cut(size, ",")
		start := time.Now()
		if out, err := exec.Command(w.bin, "--db", w.db, "demo", "seed", "--enterprises", ents, "--visits", vis).CombinedOutput(); err != nil {
			return fmt.Errorf("seed: %v\n%s", err, out)
		}
		b.Logf("seeded %s enterprises, %s visits in %v", ents, vis, time.Since(start).Round(time.Second))
	}
	s, err := store.Open(w.db, store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	stop := errors.New("stop")
	_ = s.View(func(r *store.Reader) error {
		return store.Each[visits.Visit](r, func(v visits.Visit) error { w.ent = v.EnterpriseID; return stop })
	})
	s.Close()
	if w.ent == "" {
		return errors.New("the seeded database has no visit")
	}
	w.commitMS, err = durableCommitMS(dir)
	b.Logf("durable commit on this machine: %.2f ms (median of 25)", w.commitMS)
	return err
}

// durableCommitMS is the median time of a bbolt commit with fsync of one
// small write, in the benchmark's folder.
func durableCommitMS(dir string) (float64, error) {
	s, err := store.Open(filepath.Join(dir, "commit.db"), store.Options{})
	if err != nil {
		return 0, err
	}
	defer s.Close()
	var ms []float64
	for i := 0; i < 25; i++ {
		t0 := time.Now()
		if err := s.SaveDraft("bench", []byte(fmt.Sprint(i))); err != nil {
			return 0, err
		}
		ms = append(ms, float64(time.Since(t0).Microseconds())/1000)
	}
	sort.Float64s(ms)
	return ms[len(ms)/2], nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// runProcess execs the binary b.N times and reports wall time (ns/op),
// CPU time (user+system, cpu-ms/op) and the largest resident set
// (max-rss-MB).
func runProcess(b *testing.B, w *benchWorld, bin string, args ...string) {
	b.Helper()
	var cpu time.Duration
	var rss int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "LIAISON_DB=", "LIAISON_LANG=")
		var errb strings.Builder
		cmd.Stdout, cmd.Stderr = io.Discard, &errb
		if err := cmd.Run(); err != nil {
			b.Fatalf("%s %s: %v\n%s", filepath.Base(bin), strings.Join(args, " "), err, errb.String())
		}
		ps := cmd.ProcessState
		cpu += ps.UserTime() + ps.SystemTime()
		if ru, ok := ps.SysUsage().(*syscall.Rusage); ok && ru.Maxrss > rss {
			rss = ru.Maxrss
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(rss)/1024, "max-rss-MB")
	b.ReportMetric(w.commitMS, "durable-commit-ms")
}

// Target (issue 12): at most 15 ms of CPU.
func BenchmarkProcessVisitListEnterprise(b *testing.B) {
	w := benchSetup(b)
	runProcess(b, w, w.bin, "--db", w.db, "visit", "list", "--enterprise", w.ent)
}

// Target (issue 12): at most 300 ms and 100 MB.
func BenchmarkProcessReportWeekly(b *testing.B) {
	w := benchSetup(b)
	runProcess(b, w, w.bin, "--db", w.db, "report", "weekly", "--week", "2026-W48")
}

// One durable write in a grown database.
func BenchmarkProcessVisitAdd(b *testing.B) {
	w := benchSetup(b)
	runProcess(b, w, w.bin, "--db", w.db, "visit", "add", "--enterprise", w.ent,
		"--occasion", "routine", "--method", "on_site", "--summary", "基准走访")
}

// Target (issue 12): at most 25 ms. The laptop is a fresh one, logged in
// to a real `liaison-hq serve` on loopback and synced once (one
// enterprise), so the sync has nothing to push or pull; HQ is a separate
// process, durable.
func BenchmarkProcessSyncNoop(b *testing.B) {
	w := benchSetup(b)
	dir := b.TempDir()
	hqDB, laptop := filepath.Join(dir, "hq.db"), filepath.Join(dir, "laptop.db")
	h, err := store.OpenHQ(hqDB, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	const uscc = "91350100M000100Y43"
	if err := h.SaveRecords("admin", &visits.Enterprise{Name: "兰州测试科技有限公司", USCC: uscc}); err != nil {
		b.Fatal(err)
	}
	token, err := h.AddOfficer("wang", "王建国", visits.RoleLiaison)
	if err == nil {
		err = h.Assign("wang", uscc, visits.RoleLiaison)
	}
	h.Close()
	if err != nil {
		b.Fatal(err)
	}
	hq := exec.Command(w.hqBin, "--db", hqDB, "serve", "--addr", "127.0.0.1:0")
	stderr, err := hq.StderrPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := hq.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { _ = hq.Process.Signal(os.Interrupt); _ = hq.Wait() }()
	url := ""
	sc := bufio.NewScanner(stderr)
	for url == "" && sc.Scan() {
		if _, rest, ok := strings.Cut(sc.Text(), " on http://"); ok {
			url = "http://" + strings.Fields(rest)[0]
		}
	}
	if url == "" {
		b.Fatal("liaison-hq serve did not say where it listens")
	}
	go func() { _, _ = io.Copy(io.Discard, stderr) }()
	for _, args := range [][]string{{"login", "--hq", url, "--token", token}, {"sync"}} {
		if out, err := exec.Command(w.bin, append([]string{"--db", laptop}, args...)...).CombinedOutput(); err != nil {
			b.Fatalf("liaison %s: %v\n%s", args[0], err, out)
		}
	}
	runProcess(b, w, w.bin, "--db", laptop, "sync")
}

// Start-up alone: a command that opens nothing.
func BenchmarkProcessVersion(b *testing.B) {
	w := benchSetup(b)
	runProcess(b, w, w.bin, "version")
}

// Streamed listings and exports (issue 12): every visit as --json and the
// whole JSON export, whose max-rss-MB must not grow with the database.
// They take seconds each, so they run only with LIAISON_BENCH_STREAM=1.
func BenchmarkProcessStreamVisitsJSON(b *testing.B) {
	if os.Getenv("LIAISON_BENCH_STREAM") == "" {
		b.Skip("LIAISON_BENCH_STREAM=1 runs it")
	}
	w := benchSetup(b)
	runProcess(b, w, w.bin, "--db", w.db, "visit", "list", "--json")
}

func BenchmarkProcessStreamExport(b *testing.B) {
	if os.Getenv("LIAISON_BENCH_STREAM") == "" {
		b.Skip("LIAISON_BENCH_STREAM=1 runs it")
	}
	w := benchSetup(b)
	runProcess(b, w, w.bin, "--db", w.db, "export")
}
