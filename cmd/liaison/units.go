package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/tui"
	"github.com/liaison-dev/liaison/visits"
)

// The units a unit flag (--lead-unit) takes are the units in force: HQ's
// unit list as last synced (docs/settings.md), else the built-in one,
// the same list the TUI's need form offers. The list lives in the
// database, so the flag is checked once the store is open, not while
// parsing (normalizeCodes leaves unit flags alone).

// settingsOf are HQ's settings as last synced on s.
func settingsOf(s *store.Store) visits.Settings {
	var set visits.Settings
	_ = s.View(func(r *store.Reader) error {
		set = r.Settings()
		return nil
	})
	return set
}

// unitArg turns the value of a unit flag into the code of a unit in
// force, accepting its code or a label (built-in, HQ's list or HQ's
// wording); anything else is bad input listing the units. An empty value
// stays empty (no unit).
func unitArg(s *store.Store, name, value string) (string, error) {
	v := strings.TrimSpace(value)
	if v == "" {
		return "", nil
	}
	set := settingsOf(s)
	units := set.UnitTerms()
	for _, u := range units {
		if v == u.Code || v == u.ZH || (u.EN != "" && strings.EqualFold(v, u.EN)) ||
			v == set.Label(visits.KindUnit, u.Code, visits.ZH) || strings.EqualFold(v, set.Label(visits.KindUnit, u.Code, visits.EN)) {
			return u.Code, nil
		}
	}
	list := tui.TextFunc(func(l visits.Lang) string {
		var b strings.Builder
		for _, u := range units {
			fmt.Fprintf(&b, "\n  %s", clean(u.Code))
			if label := set.Label(visits.KindUnit, u.Code, l); label != u.Code {
				fmt.Fprintf(&b, "  %s", clean(label)) // codes are Chinese names: the label only when it differs
			}
		}
		return b.String()
	})
	source := tui.TextFunc(func(l visits.Lang) string {
		if set.Units != nil {
			return tui.Text(l, "cli.args.units_hq")
		}
		return tui.Text(l, "cli.args.units_builtin")
	})
	return "", usageKey("cli.args.bad_unit", name, shortArg(value), source, list)
}

// unitCompletions are the units in force of an existing database (the
// built-in ones without one), code and label. A database that does not
// exist is not created.
func (e *env) unitCompletions() [][2]string {
	var set visits.Settings
	path := e.g.db
	if path == "" {
		path, _ = defaultDB()
	}
	if _, err := os.Stat(path); path != "" && err == nil {
		if s, err := e.store(); err == nil {
			set = settingsOf(s)
		}
	}
	var out [][2]string
	for _, u := range set.UnitTerms() {
		out = append(out, [2]string{clean(u.Code), clean(set.Label(visits.KindUnit, u.Code, e.g.lang))})
	}
	return out
}
