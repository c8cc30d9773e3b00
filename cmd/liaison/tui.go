package main

import (
	"io"
	"os"
	"path/filepath"

	"github.com/liaison-dev/liaison/store"
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
	return tui.Run(e.ctx, tui.Options{Store: s, Lang: e.g.lang, Syncer: newSyncer(e, s), Log: logw, Debug: e.g.debug})
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

// newSyncer connects the UI's sync screen to the sync client. There is no
// sync client in this build yet, so the screen says sync is not configured.
func newSyncer(e *env, s *store.Store) tui.Syncer { return nil }
