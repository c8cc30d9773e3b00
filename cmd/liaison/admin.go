package main

import (
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/liaison-dev/liaison/store"
)

func cmdStatus(e *env, args []string) error {
	fs := flag.NewFlagSet("status", flag.ContinueOnError)
	fs.BoolVar(&e.jsonOut, "json", false, "")
	remind := remindFlag(fs)
	if _, err := flags(fs, args); err != nil {
		return err
	}
	at, err := parseRemindAt(*remind)
	if err != nil {
		return err
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	var st store.Status
	var dayEnd store.DayEnd
	_ = s.View(func(r *store.Reader) error { st, dayEnd = r.Status(), r.DayEnd(s.Now(), at); return nil })
	if e.jsonOut {
		return e.printJSON(struct {
			store.Status
			DayEnd store.DayEnd `json:"day_end"`
		}{st, dayEnd})
	}
	defer e.sayDayEnd(dayEnd)
	last := e.text("cli.admin.never")
	if !st.LastSync.IsZero() {
		last = st.LastSync.Local().Format("2006-01-02 15:04")
	}
	tw := e.fields()
	fmt.Fprintf(tw, "%s\t%d\n%s\t%s\n%s\t%d\n%s\t%d\n%s\t%d ms\n",
		e.text("cli.admin.pending_changes"), st.Pending,
		e.text("cli.admin.last_sync"), last,
		e.text("cli.admin.conflicts"), st.Conflicts,
		e.text("cli.admin.rejected_changes"), st.Rejected,
		e.text("cli.admin.clock_offset"), st.OffsetMS)
	return tw.Flush()
}

// cmdBackup: liaison backup FILE. A hot backup: it works while the
// database is in use, by this process or by another one.
func cmdBackup(e *env, args []string) error {
	pos, err := flags(flag.NewFlagSet("backup", flag.ContinueOnError), args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageKey("cli.admin.usage_liaison_backup_file")
	}
	s, err := e.store()
	if errors.Is(err, store.ErrInUse) {
		// The terminal UI (or a sync) holds the database: copy it without
		// the lock, consistently (store.BackupFile says how).
		path := e.g.db
		if path == "" {
			if path, err = defaultDB(); err != nil {
				return err
			}
		}
		return store.BackupFile(path, pos[0])
	}
	if err != nil {
		return err
	}
	return s.Backup(pos[0])
}

func cmdRestore(e *env, args []string) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	force := fs.Bool("force", false, "")
	pos, err := flags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageKey("cli.admin.usage_liaison_restore_file")
	}
	if _, err := os.Stat(pos[0]); err != nil {
		return usageKey("cli.admin.cannot_read_the_backup", err)
	}
	path := e.g.db
	if path == "" {
		if path, err = defaultDB(); err != nil {
			return err
		}
	}
	err = store.Restore(path, pos[0], *force)
	if errors.Is(err, store.ErrUnsynced) {
		return usageKey("cli.admin.sync_first_or_repeat", err)
	}
	return err
}

func cmdCheck(e *env, args []string) error {
	if _, err := flags(flag.NewFlagSet("check", flag.ContinueOnError), args); err != nil {
		return err
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	problems, err := s.Check()
	if err != nil {
		return err
	}
	for _, p := range problems {
		fmt.Fprintln(e.out, clean(p)) // a problem may quote a broken record's id or value
	}
	if len(problems) > 0 {
		return failKey("cli.admin.problems_found", len(problems))
	}
	fmt.Fprintln(e.out, e.text("cli.admin.database_ok"))
	return nil
}
