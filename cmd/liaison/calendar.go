package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// cmdCalendarImport stores HQ's working-day calendar (docs/calendar.md);
// due dates of needs registered afterwards count its working days.
func cmdCalendarImport(e *env, args []string) error {
	pos, err := flags(flag.NewFlagSet("calendar import", flag.ContinueOnError), args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageKey("cli.calendar.usage_liaison_calendar_import")
	}
	raw, err := os.ReadFile(pos[0])
	if err != nil {
		return usageKey("cli.calendar.cannot_read", pos[0], err)
	}
	if _, err := visits.ParseCalendar(raw); err != nil {
		return usageKey("cli.calendar.bad_format", pos[0], err)
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	return s.Update(func(w *store.Writer) error { return w.SetCalendar(raw) })
}

// cmdCalendarShow says which calendar due dates use.
func cmdCalendarShow(e *env, args []string) error {
	fs := flag.NewFlagSet("calendar show", flag.ContinueOnError)
	fs.BoolVar(&e.jsonOut, "json", false, "")
	if _, err := flags(fs, args); err != nil {
		return err
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	var cal *visits.Calendar
	_ = s.View(func(r *store.Reader) error { cal = r.Calendar(); return nil })
	name := ""
	if cal != nil {
		name = cal.Name
	}
	if e.jsonOut {
		return e.printJSON(map[string]any{"default": cal.Default(), "name": name})
	}
	if cal.Default() {
		fmt.Fprintln(e.out, e.text("cli.calendar.no_calendar_imported_working"))
		return nil
	}
	fmt.Fprintln(e.out, e.text("cli.calendar.calendar")+clean(name))
	return nil
}
