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

// cmdCalendarShow says which calendar counts the working days of a year
// (this year unless --year): HQ's (settings), the one imported on this
// laptop, the built-in one, or none (Monday to Friday).
func cmdCalendarShow(e *env, args []string) error {
	fs := flag.NewFlagSet("calendar show", flag.ContinueOnError)
	fs.BoolVar(&e.jsonOut, "json", false, "")
	year := fs.Int("year", 0, "")
	if _, err := flags(fs, args); err != nil {
		return err
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	if *year == 0 {
		*year = visits.DateOf(s.Now()).Year()
	} else if *year < 1990 || *year > 2200 {
		return usageKey("cli.settings.bad_year", *year)
	}
	var cal, imported *visits.Calendar
	var set visits.Settings
	_ = s.View(func(r *store.Reader) error {
		cal, imported, set = r.Calendar(), r.ImportedCalendar(), r.Settings()
		return nil
	})
	day := visits.Date(fmt.Sprintf("%04d-07-01", *year))
	name, source, key := cal.NameFor(day), "none", "cli.calendar.in_force_none"
	switch {
	case set.CalendarFromHQ(day):
		source, key = "hq", "cli.calendar.in_force_hq"
	case imported.Lists(day):
		source, key = "imported", "cli.calendar.in_force_imported"
	case visits.BuiltinCalendar().Lists(day):
		source, key = "builtin", "cli.calendar.in_force_builtin"
	}
	importedName := ""
	if imported != nil {
		importedName = imported.Name
	}
	if e.jsonOut {
		hqYears := set.CalendarYears()
		if hqYears == nil {
			hqYears = []int{}
		}
		return e.printJSON(map[string]any{"default": cal.Default(), "name": name, "year": *year, "source": source,
			"hq_years": hqYears, "imported": importedName})
	}
	if source == "none" {
		fmt.Fprintln(e.out, e.text(key, *year))
		return nil
	}
	fmt.Fprintln(e.out, e.text(key, *year, clean(name)))
	return nil
}
