// Package tui is the officer's terminal UI (Bubble Tea v1): a thin root
// model with a mode, screens made by a factory and cached, navigation by
// message, all keys in one place and all text in one catalogue per
// language. All I/O runs in tea.Cmds; Update never blocks.
package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
	"github.com/mattn/go-runewidth"
)

// Syncer runs one sync with HQ; cmd/liaison wires it to the sync package.
// progress is called from the syncing goroutine.
type Syncer interface {
	Sync(ctx context.Context, progress func(Progress)) (Summary, error)
}

// Progress is one step of a running sync.
type Progress struct {
	Stage string // "push", "pull", ... shown as is
	Done  int
	Total int // 0: unknown
}

// Summary is what a finished sync did.
type Summary struct {
	Pushed, Pulled, Conflicts, Rejected int
}

// Options configure the UI.
type Options struct {
	Store  *store.Store
	Lang   visits.Lang
	Now    func() time.Time // nil: the store's clock
	Syncer Syncer           // nil: the sync screen says sync is not configured
	Log    io.Writer        // nil: discard
	Debug  bool             // log every message
	OutDir string           // where exports go; "": see exportDir (LIAISON_EXPORT_DIR, the documents folder, the database's folder)
	Dark   bool             // the terminal has a dark background
	// SyncEvery: the UI syncs by itself this often, at start-up when
	// anything is pending and soon after a save, backing off while HQ
	// cannot be reached (autosync.go); 0: only when asked.
	SyncEvery time.Duration
	// RemindAt is the time of day (Shanghai) of the day's-end reminder,
	// such as store.DefaultRemindAt; 0: none.
	RemindAt time.Duration
	// After makes the auto sync's and the reminder's timers (tests); nil:
	// tea.Tick.
	After func(d time.Duration, msg tea.Msg) tea.Cmd
}

// New returns the root model.
func New(o Options) *Model {
	if o.Now == nil {
		o.Now = o.Store.Now
	}
	if o.Lang != visits.EN {
		o.Lang = visits.ZH
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	if o.OutDir == "" {
		o.OutDir = exportDir(os.Getenv, filepath.Dir(o.Store.Path()))
	}
	text := catalogFor(o.Lang)
	c := &common{st: o.Store, lang: o.Lang, text: text, styles: newStyles(o.Dark), keys: newKeys(text),
		now: o.Now, log: log.New(o.Log, "", log.LstdFlags|log.Lmicroseconds), sync: o.Syncer, outDir: o.OutDir,
		width: 80, height: 24}
	m := newModel(c, o.Debug)
	m.auto = newAutoSync(o)
	return m
}

// Run starts the UI on the terminal and returns when the officer quits.
// A panic anywhere in the UI restores the terminal before it is reported.
func Run(ctx context.Context, o Options) (err error) {
	// bubbles measure with go-runewidth, which under a zh_* locale counts
	// quotes, dashes and box lines as two cells while lipgloss counts one.
	runewidth.DefaultCondition.EastAsianWidth = false
	// Ask before the program owns the terminal: the query would hang.
	o.Dark = lipgloss.HasDarkBackground()
	m := New(o)
	release := holdGC()
	defer release()
	m.c.releaseGC = release
	m.c.drawn = make(chan struct{})
	in, closeIn, err := terminalInput()
	if err != nil {
		return err
	}
	defer closeIn()
	p := tea.NewProgram(m, tea.WithAltScreen(), tea.WithContext(ctx), tea.WithInput(in))
	defer func() {
		if r := recover(); r != nil {
			_ = p.ReleaseTerminal()
			m.c.log.Printf("panic: %v\n%s", r, debug.Stack())
			err = fmt.Errorf("internal error: %v (details in the log)", r)
		}
	}()
	_, err = p.Run()
	if err == tea.ErrProgramKilled && ctx.Err() != nil {
		err = nil
	}
	if err == nil && ctx.Err() == nil {
		// The next start-up's first frame, tomorrow's included.
		if kerr := keepAhead(m.c.st, m.c.now()); kerr != nil {
			m.c.logf("home cache not kept at quit: %v", kerr)
		}
	}
	return err
}

// do runs fn as a command, turning a panic into an error note so that a
// bug in a background read never leaves the terminal in raw mode.
func (c *common) do(fn func() tea.Msg) tea.Cmd {
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				c.log.Printf("panic in command: %v\n%s", r, debug.Stack())
				msg = noteMsg{text: fmt.Sprint(r), err: true}
			}
		}()
		return fn()
	}
}

// loadCmd loads the snapshot.
func (c *common) loadCmd() tea.Cmd {
	st, now := c.st, c.now()
	return c.do(func() tea.Msg {
		start := time.Now()
		sn, err := loadSnapshot(st, now)
		return snapshotMsg{snap: sn, err: err, took: time.Since(start)}
	})
}

// indexCmd builds the search index off the update loop.
func (c *common) indexCmd(rows []entRow, old *searchIndex) tea.Cmd {
	return c.do(func() tea.Msg { return indexMsg{idx: buildIndex(rows, old)} })
}

// errNote turns an error into a status-line note in the chosen language.
func (c *common) errNote(err error) noteMsg {
	if fe := visits.AsErrors(err); fe != nil {
		return noteMsg{text: fe.Message(c.lang), err: true}
	}
	if errors.Is(err, store.ErrTerminalStatus) {
		return noteMsg{text: c.t("cli.err.terminal_status"), err: true}
	}
	return noteMsg{text: c.t("error") + ": " + clean(err.Error()), err: true}
}

// logf writes to the log file.
func (c *common) logf(format string, args ...any) { c.log.Printf(format, args...) }
