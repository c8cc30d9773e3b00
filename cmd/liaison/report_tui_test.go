package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/tui"
	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/demo"
)

// The TUI's report exports (Markdown and CSV) are what `liaison report
// weekly` prints for the same week: both gather their inputs through
// store.Reader.WeeklyReportInput (calendar, batch deadlines, author, data
// as of). Before, the TUI passed no batch deadlines.
func TestTUIReportExportEqualsCLI(t *testing.T) {
	db := tempDB(t)
	now := time.Now()
	s, err := store.Open(db, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	d := demo.Generate(demo.Options{Enterprises: 60, Visits: 600, Seed: 3, Now: now, Officer: "wang", NewID: store.NewID})
	if err := s.Seed(d.Records()); err != nil {
		t.Fatal(err)
	}
	if err := s.Update(func(w *store.Writer) error { return w.SetIdentity(store.Identity{Officer: "wang", Role: "liaison"}) }); err != nil {
		t.Fatal(err)
	}
	// The TUI's exports of this week and the week before.
	out := t.TempDir()
	m := tui.New(tui.Options{Store: s, Lang: visits.ZH, Now: time.Now, OutDir: out})
	drive(m, func() tea.Msg { return tea.WindowSizeMsg{Width: 120, Height: 40} })
	drive(m, m.Init())
	key := func(k string) { drive(m, func() tea.Msg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)} }) }
	week := visits.WeekOf(visits.DateOf(now))
	key("6")
	key("m")
	key("c")
	key("[")
	key("m")
	key("c")
	s.Close()

	for _, w := range []visits.Week{week, week.Prev()} {
		for _, format := range []string{"md", "csv"} {
			tuiOut, err := os.ReadFile(filepath.Join(out, "report-"+w.String()+"."+format))
			if err != nil {
				t.Fatalf("the TUI exported no %s of %s: %v", format, w, err)
			}
			cliOut := mustCLI(t, 0, db, "report", "weekly", "--week", w.String(), "--format", format)
			if a, b := withoutGenerated(string(tuiOut)), withoutGenerated(cliOut); a != b {
				t.Errorf("%s %s: the TUI's export differs from liaison report weekly\nTUI:\n%s\nCLI:\n%s", w, format, a, b)
			}
		}
	}
}

// drive runs a command and the commands its messages lead to,
// synchronously, the way the program would without a terminal.
func drive(m tea.Model, cmd tea.Cmd) {
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
