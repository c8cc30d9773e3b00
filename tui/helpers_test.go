package tui

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/demo"
	"github.com/mattn/go-runewidth"
	"github.com/muesli/termenv"
)

// updating reports whether -update was given. The flag itself is defined
// by teatest's golden package, which this test binary links.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// fixedNow is Friday 2026-11-27 10:00 in Shanghai.
var fixedNow = time.Date(2026, 11, 27, 2, 0, 0, 0, time.UTC)

func TestMain(m *testing.M) {
	runewidth.DefaultCondition.EastAsianWidth = false
	lipgloss.SetColorProfile(termenv.Ascii)
	childMain() // benchmark helpers run as child processes
	code := m.Run()
	if bigPath != "" {
		os.RemoveAll(filepath.Dir(bigPath))
	}
	os.Exit(code)
}

// fixture opens a store filled with the same demo data every time, with
// text that has quotes, dashes and ellipses in it.
func fixture(t testing.TB, enterprises, nVisits int) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "t.db"), store.Options{NoSync: true, Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	n := 0
	d := demo.Generate(demo.Options{Enterprises: enterprises, Visits: nVisits, Seed: 7, Now: fixedNow,
		NewID: func() string { n++; return fmt.Sprintf("0000-%08d", n) }})
	if len(d.Enterprises) > 0 {
		d.Enterprises[0].Name = "兰州“融资难”——测试科技有限公司"
		d.Enterprises[0].Domain = "bio_medicine" // the detail tests read its label
		// The readiness tests fill in the rest: it knows only its staff and three years' sales.
		r := d.Enterprises[0].Readiness
		d.Enterprises[0].Readiness = visits.Readiness{RegisteredOn: r.RegisteredOn, StaffTotal: r.StaffTotal, StaffRD: r.StaffRD, Sales3Y: r.Sales3Y}
		// The application tests start it with no qualification and one 高企 application of
		// the year with no step recorded yet.
		e0 := &d.Enterprises[0]
		e0.Qualifications, e0.Stage, e0.Batch = nil, visits.StageApply, 1
		d.Applications = slices.DeleteFunc(d.Applications, func(a visits.Application) bool { return a.EnterpriseID == e0.ID })
		d.Applications = append(d.Applications, visits.Application{Meta: visits.Meta{ID: "0000-app-first", CreatedAt: fixedNow, CreatedBy: "wang", UpdatedAt: fixedNow},
			EnterpriseID: e0.ID, Kind: visits.TierHNTE, Year: 2026, Batch: 1, Stage: visits.StageApply, Milestones: []string{"材料准备"}})
	}
	if len(d.Visits) > 0 {
		d.Visits[0].Summary = "企业反映“融资难”——需对接银行……"
	}
	if err := s.Seed(d.Records()); err != nil {
		t.Fatal(err)
	}
	if err := s.Update(func(w *store.Writer) error { return w.SetIdentity(store.Identity{Officer: "wang", Role: "liaison"}) }); err != nil {
		t.Fatal(err)
	}
	return s
}

// newTest returns a model on s at the given size with everything loaded.
func newTest(t testing.TB, s *store.Store, lang visits.Lang, w, h int) *Model {
	t.Helper()
	m := New(Options{Store: s, Lang: lang, Now: func() time.Time { return fixedNow }, OutDir: t.TempDir()})
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	run(m, m.Init())
	return m
}

// run executes commands synchronously, feeding their messages back, the
// way the program would (without the terminal).
func run(m *Model, cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for i := 0; len(queue) > 0 && i < 10000; i++ {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil, tea.QuitMsg:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
}

// press sends keys ("enter", "ctrl+o", or text) and runs what they start.
func press(m *Model, keys ...string) {
	for _, k := range keys {
		_, cmd := m.Update(keyMsg(k))
		run(m, cmd)
	}
}

func keyMsg(k string) tea.KeyMsg {
	named := map[string]tea.KeyType{"enter": tea.KeyEnter, "esc": tea.KeyEsc, "tab": tea.KeyTab,
		"shift+tab": tea.KeyShiftTab, "up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft,
		"right": tea.KeyRight, "ctrl+o": tea.KeyCtrlO, "ctrl+s": tea.KeyCtrlS, "ctrl+k": tea.KeyCtrlK,
		"ctrl+c": tea.KeyCtrlC, "space": tea.KeySpace, "backspace": tea.KeyBackspace}
	if t, ok := named[k]; ok {
		if t == tea.KeySpace {
			return tea.KeyMsg{Type: t, Runes: []rune{' '}}
		}
		return tea.KeyMsg{Type: t}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// golden compares got with testdata/name.golden (-update rewrites it).
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if updating() {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file (go test -update rewrites it)\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// checkFrame asserts the frame is exactly w×h cells.
func checkFrame(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Errorf("frame has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw != w {
			t.Errorf("line %d is %d cells, want %d: %q", i+1, lw, w, l)
		}
	}
}
