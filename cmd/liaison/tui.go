package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/sync"
	"github.com/liaison-dev/liaison/tui"
)

// Demo data sizes for `liaison --demo`.
const (
	demoEnterprises = 300
	demoVisits      = 3000
)

// cmdTUI opens the terminal UI: on the officer's database, or with --demo
// on a fresh temporary one filled by the demo seeder.
func cmdTUI(e *env, args []string) error {
	every, remindAt, err := tuiFlags(e, args)
	if err != nil {
		return err
	}
	if e.g.demo {
		dir, err := os.MkdirTemp("", "liaison-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		s, err := store.Open(filepath.Join(dir, "demo.db"), store.Options{NoSync: true})
		if err != nil {
			return err
		}
		e.st = s
		if _, err := seedDemo(s, demoEnterprises, demoVisits, 1); err != nil {
			return err
		}
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	defer e.close()
	logw, closeLog := openLog(filepath.Join(filepath.Dir(s.Path()), "liaison.log"))
	defer closeLog()
	syncer := newSyncer(e, s)
	if e.g.demo {
		// An HQ in this process on loopback, so that sync works in the
		// demo. It starts beside the UI (copying the district takes a few
		// seconds); a sync asked for before it is up waits for it.
		ctx, cancel := context.WithCancel(e.ctx)
		defer cancel()
		h := &demoHQ{up: make(chan struct{}), s: s}
		go func() {
			defer close(h.up)
			_, h.err = sync.StartDemoHQ(ctx, s)
		}()
		syncer = h
	}
	return tui.Run(e.ctx, tui.Options{Store: s, Lang: e.g.lang, Syncer: syncer, Log: logw, Debug: e.g.debug,
		SyncEvery: every, RemindAt: remindAt})
}

// demoHQ syncs with the demo HQ once it has started.
type demoHQ struct {
	up  chan struct{} // closed when StartDemoHQ returned
	err error         // its error, readable once up is closed
	s   *store.Store
}

func (h *demoHQ) Sync(ctx context.Context, progress func(tui.Progress)) (tui.Summary, error) {
	progress(tui.Progress{Stage: "hq"})
	select {
	case <-h.up:
	case <-ctx.Done():
		return tui.Summary{}, ctx.Err()
	}
	if h.err != nil {
		return tui.Summary{}, h.err
	}
	return syncAdapter{h.s}.Sync(ctx, progress)
}

// openLog appends to the log file next to the database; logs never go to
// the terminal the UI draws on.
func openLog(path string) (io.Writer, func()) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return io.Discard, func() {}
	}
	return f, func() { f.Close() }
}

// newSyncer connects the UI's sync screen to the sync client; nil (the
// screen says sync is not configured) until the laptop has logged in.
func newSyncer(e *env, s *store.Store) tui.Syncer {
	var id store.Identity
	_ = s.View(func(r *store.Reader) error { id = r.Identity(); return nil })
	if id.HQURL == "" {
		return nil
	}
	return syncAdapter{s}
}

// syncAdapter runs sync.Client for the UI, translating its progress and
// summary into the UI's own small types.
type syncAdapter struct{ s *store.Store }

func (a syncAdapter) Sync(ctx context.Context, progress func(tui.Progress)) (tui.Summary, error) {
	c := &sync.Client{Store: a.s, Progress: func(p sync.Progress) {
		progress(tui.Progress{Stage: p.Phase, Done: p.Done, Total: p.Total})
	}}
	sum, err := c.Sync(ctx)
	return tui.Summary{Pushed: sum.Pushed, Pulled: sum.Pulled, Conflicts: sum.Conflicts, Rejected: sum.Rejected}, err
}

// The terminal UI's own flags; the same settings can stand in the
// environment (LIAISON_SYNC_EVERY, LIAISON_REMIND_AT), so an officer's
// desktop shortcut or shell profile sets them once. HQ cannot set them
// yet: when it can, its value will be the default.
const defaultSyncEvery = 5 * time.Minute

// isTUIFlag reports whether a stands for the terminal UI's flags, so that
// `liaison --sync-every 2m` opens the UI rather than naming a command.
func isTUIFlag(a string) bool {
	name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
	return strings.HasPrefix(a, "-") && (name == "sync-every" || name == "remind-at")
}

// tuiFlags parses --sync-every DURATION (0 turns syncing by itself off)
// and --remind-at HH:MM (off: no day's-end reminder).
func tuiFlags(e *env, args []string) (time.Duration, time.Duration, error) {
	fs := flag.NewFlagSet("liaison", flag.ContinueOnError)
	every := fs.String("sync-every", envOr("LIAISON_SYNC_EVERY", defaultSyncEvery.String()), "")
	remind := remindFlag(fs)
	pos, err := flags(fs, args)
	if err != nil {
		return 0, 0, err
	}
	if len(pos) > 0 {
		return 0, 0, usageKey("cli.main.unknown_command_liaison_help", pos[0])
	}
	d, err := time.ParseDuration(*every)
	if err != nil || d < 0 {
		return 0, 0, usageKey("cli.tui.sync_every_wants_a", *every)
	}
	at, err := parseRemindAt(*remind)
	return d, at, err
}

// remindFlag defines --remind-at on fs: the time of day of the day's-end
// reminder (LIAISON_REMIND_AT, default 17:30).
func remindFlag(fs *flag.FlagSet) *string {
	def := fmt.Sprintf("%02d:%02d", int(store.DefaultRemindAt.Hours()), int(store.DefaultRemindAt.Minutes())%60)
	return fs.String("remind-at", envOr("LIAISON_REMIND_AT", def), "")
}

// parseRemindAt reads HH:MM (Shanghai time) or off.
func parseRemindAt(s string) (time.Duration, error) {
	if s == "off" || s == "0" {
		return 0, nil
	}
	t, err := time.Parse("15:04", s)
	if err != nil || t.Hour()*60+t.Minute() == 0 {
		return 0, usageKey("cli.tui.remind_at_wants_a", s)
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// sayDayEnd prints the day's-end reminder when it is due (liaison status).
func (e *env) sayDayEnd(d store.DayEnd) {
	switch {
	case !d.Due:
	case d.Pending > 0:
		fmt.Fprintf(e.out, e.text("cli.tui.reminder_changes_have_not"), d.Pending)
	default:
		fmt.Fprintln(e.out, e.text("cli.tui.reminder_nothing_has_reached"))
	}
}
