package tui

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/demo"
)

// The large database of the targets: 10,000 enterprises, 100,000 visits.
// It is seeded once per run by a child process (so the seeding's memory is
// not counted), and reused by every benchmark.
const (
	bigEnterprises = 10000
	bigVisits      = 100000
	envSeed        = "LIAISON_TUI_SEED" // child: seed this path and exit
	envRSS         = "LIAISON_TUI_RSS"  // child: open this path, draw, report memory
)

var (
	bigOnce sync.Once
	bigPath string
	bigErr  error
)

// childMain runs the child modes of the test binary; it reports whether it
// ran one.
func childMain() bool {
	if path := os.Getenv(envSeed); path != "" {
		s, err := store.Open(path, store.Options{NoSync: true, Now: func() time.Time { return fixedNow }})
		if err == nil {
			d := demo.Generate(demo.Options{Enterprises: bigEnterprises, Visits: bigVisits, Seed: 1, Now: fixedNow, NewID: store.NewID})
			err = s.Seed(d.Records())
			if err == nil {
				err = s.Update(func(w *store.Writer) error { return w.SetIdentity(store.Identity{Officer: "wang"}) })
			}
			s.Close()
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	if path := os.Getenv(envRSS); path != "" {
		start := time.Now()
		m, s := firstFrame(path)
		frame := time.Since(start)
		run(m, m.c.indexCmd(m.c.snap.ents, nil)) // and the pinyin index
		_ = m.View()
		runtime.GC()
		rss, hwm := procStatus("VmRSS"), procStatus("VmHWM")
		json.NewEncoder(os.Stdout).Encode(map[string]any{"rss_kb": rss, "hwm_kb": hwm, "frame_ms": frame.Seconds() * 1000,
			"anon_kb": procStatus("RssAnon"), "file_kb": procStatus("RssFile"),
			"enterprises": len(m.c.snap.ents)})
		s.Close()
		os.Exit(0)
	}
	return false
}

// bigDB returns the path of the large database, seeding it on first use.
func bigDB(b *testing.B) string {
	b.Helper()
	bigOnce.Do(func() {
		dir, err := os.MkdirTemp("", "liaison-tui-bench-")
		if err != nil {
			bigErr = err
			return
		}
		bigPath = filepath.Join(dir, "big.db")
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), envSeed+"="+bigPath)
		if out, err := cmd.CombinedOutput(); err != nil {
			bigErr = fmt.Errorf("seed: %v\n%s", err, out)
		}
	})
	if bigErr != nil {
		b.Fatal(bigErr)
	}
	return bigPath
}

// firstFrame opens the database and draws the first complete frame of the
// home screen, as a start-up does (the pinyin index is built after it).
func firstFrame(path string) (*Model, *store.Store) {
	s, err := store.Open(path, store.Options{Now: func() time.Time { return fixedNow }})
	if err != nil {
		panic(err)
	}
	m := New(Options{Store: s, Now: func() time.Time { return fixedNow }})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m.Update(m.c.loadCmd()())
	if v := m.View(); !strings.Contains(v, "应走访") || m.c.snap == nil {
		panic("the first frame is not the home screen")
	}
	return m, s
}

// BenchmarkStartup: open the database and draw the first complete frame
// of the home screen (visits owed, follow-ups, needs, charts, status).
// It also reports the CPU time (user and system, every thread) per start-up:
// on a shared machine the wall time depends on what else runs, the CPU
// time much less.
func BenchmarkStartup(b *testing.B) {
	path := bigDB(b)
	b.ResetTimer()
	cpu := cpuTime()
	for range b.N {
		_, s := firstFrame(path)
		s.Close()
	}
	b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// BenchmarkFilterKeystroke: one query over 10,000 enterprises matched by
// name, full pinyin, initials and USCC, then the table drawn.
func BenchmarkFilterKeystroke(b *testing.B) {
	d := demo.Generate(demo.Options{Enterprises: bigEnterprises, Seed: 1, Now: fixedNow, NewID: store.NewID})
	rows := make([]entRow, len(d.Enterprises))
	for i := range d.Enterprises {
		rows[i] = entRow{ent: &d.Enterprises[i], name: clean(d.Enterprises[i].Name)}
	}
	start := time.Now()
	idx := buildIndex(rows, nil)
	b.ReportMetric(float64(time.Since(start).Milliseconds()), "index-build-ms")
	c := &common{lang: visits.ZH, text: catalogZH(), snap: &snapshot{ents: rows}}
	s := newEnterprises(c)
	s.idx = idx
	queries := []string{"l", "lz", "lzs", "lzsw", "huaxin", "兰州", "91620"}
	b.ResetTimer()
	for i := range b.N {
		q := queries[i%len(queries)]
		s.rows = idx.match(q)
		s.tbl.changed()
		_ = s.View(120, 38)
	}
}

// BenchmarkTableDraw: the enterprise table drawn again after a move (j),
// with 500 rows (measured once, then cached), 2,000 and 10,000 rows
// (measured over the rows in view on every draw).
func BenchmarkTableDraw(b *testing.B) {
	d := demo.Generate(demo.Options{Enterprises: bigEnterprises, Seed: 1, Now: fixedNow, NewID: store.NewID})
	rows := make([]entRow, len(d.Enterprises))
	for i := range d.Enterprises {
		rows[i] = entRow{ent: &d.Enterprises[i], name: clean(d.Enterprises[i].Name)}
	}
	c := &common{lang: visits.ZH, text: catalogZH(), snap: &snapshot{ents: rows}}
	for _, n := range []int{500, 2000, 10000} {
		s := newEnterprises(c)
		s.rows = s.rows[:n]
		s.tbl.changed()
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				s.move(1)
				_ = s.View(120, 38)
			}
		})
	}
}

// BenchmarkResidentMemory reports the resident memory of a process that
// opened the large database, drew the home screen and built the pinyin
// index (a child process, so that nothing else is counted).
func BenchmarkResidentMemory(b *testing.B) {
	path := bigDB(b)
	var res map[string]float64
	for range b.N {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), envRSS+"="+path)
		out, err := cmd.Output()
		if err != nil {
			b.Fatalf("child: %v", err)
		}
		if err := json.Unmarshal(out, &res); err != nil {
			b.Fatalf("child said %s", out)
		}
	}
	b.ReportMetric(res["rss_kb"]/1024, "rss-MB")
	b.ReportMetric(res["hwm_kb"]/1024, "peak-rss-MB")
	b.ReportMetric(res["frame_ms"], "cold-frame-ms")
	// RSS splits into anonymous memory (the Go heap and runtime) and clean
	// file-backed pages of the database mapping and the binary, which the
	// kernel maps in 64 KB windows around every page read and may drop.
	b.ReportMetric(res["anon_kb"]/1024, "anon-rss-MB")
	b.ReportMetric(res["file_kb"]/1024, "file-rss-MB")
}

// procStatus reads a kB figure from /proc/self/status (Linux).
func procStatus(field string) float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			n, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return n
		}
	}
	return -1
}
