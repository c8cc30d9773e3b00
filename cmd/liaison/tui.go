package main

import (
	"context"
	"io"
	"os"
	"path/filepath"

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
	if len(args) > 0 {
		return usagef("unknown command %q", "未知命令 %q", args[0])
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
	return tui.Run(e.ctx, tui.Options{Store: s, Lang: e.g.lang, Syncer: syncer, Log: logw, Debug: e.g.debug})
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
