package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/tui"
	"github.com/liaison-dev/liaison/visits"
)

// liaison-hq settings: HQ's rules every laptop follows (docs/settings.md).
// It writes into HQ's database like the other admin commands.

// inputError is bad input named by field: exit 2, without the usage text.
type inputError string

func (e inputError) Error() string { return string(e) }

// settingsCmd runs `liaison-hq settings [show|set|unset] …`.
func settingsCmd(ctx context.Context, g global, args []string, out io.Writer) error {
	t := func(key string, a ...any) string { return tui.Text(g.lang, key, a...) }
	sub := "show"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		sub, args = args[0], args[1:]
	}
	fs := flag.NewFlagSet("settings", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	jsonOut := fs.Bool("json", false, "")
	year := fs.Int("year", 0, "")
	code := fs.String("code", "", "")
	value := fs.String("value", "", "")
	week := fs.String("week", "", "")
	plan := fs.String("plan", "", "")
	problems := fs.String("problems", "", "")
	en := fs.String("en", "", "")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return inputError(t("cli.settings.bad_flag", err))
	}
	set := func(what string) bool {
		found := false
		fs.Visit(func(f *flag.Flag) { found = found || f.Name == what })
		return found
	}
	if *year == 0 {
		*year = visits.DateOf(time.Now()).Year()
	} else if *year < 1990 || *year > 2200 {
		return inputError(t("cli.settings.bad_year", *year))
	}
	var values map[string]json.RawMessage
	switch sub {
	case "show":
		if len(pos) > 0 {
			return inputError(t("cli.settings.usage"))
		}
		hq, done, err := g.openHQ(ctx)
		if err != nil {
			return err
		}
		defer done()
		return showSettings(hq, *year, *jsonOut, g.lang, out)
	case "unset":
		if len(pos) != 1 {
			return inputError(t("cli.settings.usage"))
		}
		values = map[string]json.RawMessage{pos[0]: json.RawMessage("null")}
	case "set":
		if len(pos) == 0 {
			return inputError(t("cli.settings.usage"))
		}
		what, rest := pos[0], pos[1:]
		switch what {
		case "district":
			if len(rest) != 1 {
				return inputError(t("cli.settings.usage_district"))
			}
			values = map[string]json.RawMessage{visits.SettingDistrict: mustJSON(strings.TrimSpace(rest[0]))}
		case "calendar":
			if len(rest) != 1 {
				return inputError(t("cli.settings.usage_calendar"))
			}
			if values, err = calendarSettings(g, rest[0]); err != nil {
				return inputError(t("cli.settings.bad_file", rest[0], err))
			}
		case "batches":
			if len(rest) != 1 || !set("year") {
				return inputError(t("cli.settings.usage_batches"))
			}
			var ds []visits.Date
			for _, s := range strings.Split(rest[0], ",") {
				ds = append(ds, visits.Date(strings.TrimSpace(s)))
			}
			values = map[string]json.RawMessage{visits.SettingID(visits.SettingBatches, strconv.Itoa(*year)): mustJSON(ds)}
		case "tsme_window":
			if len(rest) != 2 || !set("year") {
				return inputError(t("cli.settings.usage_tsme_window"))
			}
			w := visits.TSMEWindowValue{Opens: visits.Date(strings.TrimSpace(rest[0])), Closes: visits.Date(strings.TrimSpace(rest[1]))}
			values = map[string]json.RawMessage{visits.SettingID(visits.SettingTSMEWindow, strconv.Itoa(*year)): mustJSON(w)}
		case "targets":
			if values, err = targetSettings(ctx, g, *year, rest, *code, *value, set("value")); err != nil {
				return err
			}
		case "units":
			if len(rest) != 1 {
				return inputError(t("cli.settings.usage_units"))
			}
			us, err := readUnits(g, rest[0])
			if err != nil {
				return inputError(t("cli.settings.bad_file", rest[0], err))
			}
			values = map[string]json.RawMessage{visits.SettingUnits: mustJSON(us)}
		case "wording":
			if values, err = wordingSettings(ctx, g, rest, *en, set("en")); err != nil {
				return err
			}
		case "note":
			if len(rest) != 0 || *week == "" || !set("plan") && !set("problems") {
				return inputError(t("cli.settings.usage_note"))
			}
			w, err := visits.ParseWeek(*week)
			if err != nil {
				return inputError(t("cli.settings.bad_week", *week))
			}
			hq, done, err := g.openHQ(ctx)
			if err != nil {
				return err
			}
			n := current(hq).Note(w)
			done()
			if set("plan") {
				n.Plan = *plan
			}
			if set("problems") {
				n.Problems = *problems
			}
			values = map[string]json.RawMessage{visits.SettingID(visits.SettingWeeklyNote, w.String()): mustJSON(n)}
		default:
			return inputError(t("cli.settings.unknown", what))
		}
	default:
		return inputError(t("cli.settings.usage"))
	}
	hq, done, err := g.openHQ(ctx)
	if err != nil {
		return err
	}
	defer done()
	if err := hq.SetSettings(values); err != nil {
		if errors.Is(err, visits.ErrSetting) {
			return inputError(err.Error())
		}
		return err
	}
	for _, id := range sortedIDs(values) {
		fmt.Fprintln(out, t("cli.settings.saved", id))
	}
	return nil
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// current is what HQ has set (zero on a read error: the caller's write
// reports it).
func current(hq *store.HQ) visits.Settings {
	var s visits.Settings
	_ = hq.Store().View(func(r *store.Reader) error { s = r.Settings(); return nil })
	return s
}

// calendarSettings splits a calendar file (docs/calendar.md) into one
// setting per year it lists.
func calendarSettings(g global, path string) (map[string]json.RawMessage, error) {
	raw, err := g.readFile(path) // adminio.go
	if err != nil {
		return nil, err
	}
	if _, err := visits.ParseCalendar(raw); err != nil {
		return nil, err
	}
	var f struct {
		Name     string        `json:"name"`
		Holidays []visits.Date `json:"holidays"`
		Workdays []visits.Date `json:"workdays"`
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		return nil, err
	}
	years := map[int]*visits.CalendarYear{}
	of := func(d visits.Date) *visits.CalendarYear {
		y := d.Year()
		if years[y] == nil {
			years[y] = &visits.CalendarYear{Name: f.Name, Holidays: []visits.Date{}, Workdays: []visits.Date{}}
		}
		return years[y]
	}
	for _, d := range f.Holidays {
		c := of(d)
		c.Holidays = append(c.Holidays, d)
	}
	for _, d := range f.Workdays {
		c := of(d)
		c.Workdays = append(c.Workdays, d)
	}
	if len(years) == 0 {
		return nil, errors.New("no date listed (未列出任何日期)")
	}
	out := map[string]json.RawMessage{}
	for y, c := range years {
		out[visits.SettingID(visits.SettingCalendar, strconv.Itoa(y))] = mustJSON(c)
	}
	return out, nil
}

// targetSettings: a file of targets for year, or one code's value changed
// in the targets in force.
func targetSettings(ctx context.Context, g global, year int, rest []string, code, value string, hasValue bool) (map[string]json.RawMessage, error) {
	t := func(key string, a ...any) string { return tui.Text(g.lang, key, a...) }
	id := visits.SettingID(visits.SettingTargets, strconv.Itoa(year))
	switch {
	case len(rest) == 1 && code == "" && !hasValue:
		raw, err := g.readFile(rest[0]) // adminio.go
		if err != nil {
			return nil, inputError(t("cli.settings.bad_file", rest[0], err))
		}
		return map[string]json.RawMessage{id: raw}, nil
	case len(rest) != 0 || code == "" || !hasValue:
		return nil, inputError(t("cli.settings.usage_targets"))
	}
	if visits.TargetUnit(code) == "" {
		return nil, inputError(t("cli.settings.bad_target_code", code, strings.Join(visits.TargetCodes(), ", ")))
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
	if err != nil {
		return nil, inputError(t("cli.settings.bad_target_value", value))
	}
	hq, done, err := g.openHQ(ctx)
	if err != nil {
		return nil, err
	}
	ts := current(hq).TargetsFor(year)
	done()
	found := false
	for i := range ts {
		if ts[i].Code == code {
			ts[i].Value, found = v, true
		}
	}
	if !found {
		ts = append(ts, visits.Target{Code: code, Year: year, Value: v, Unit: visits.TargetUnit(code), Annual: visits.TargetAnnual(code)})
	}
	return map[string]json.RawMessage{id: mustJSON(ts)}, nil
}

// readUnits reads a unit list: a JSON list of {code, zh, en}, or a text
// file of one unit a line, "code" or "code,zh,en".
func readUnits(g global, path string) ([]visits.UnitTerm, error) {
	raw, err := g.readFile(path) // adminio.go
	if err != nil {
		return nil, err
	}
	if s := strings.TrimSpace(string(raw)); strings.HasPrefix(s, "[") {
		var us []visits.UnitTerm
		dec := json.NewDecoder(strings.NewReader(s))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&us); err != nil {
			return nil, err
		}
		return us, nil
	}
	var us []visits.UnitTerm
	for _, line := range strings.Split(strings.TrimPrefix(string(raw), "\ufeff"), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.SplitN(line, ",", 3)
		u := visits.UnitTerm{Code: strings.TrimSpace(parts[0])}
		u.ZH, u.EN = u.Code, visits.Label(visits.KindUnit, u.Code, visits.EN)
		if u.EN == u.Code {
			u.EN = ""
		}
		if len(parts) > 1 {
			u.ZH = strings.TrimSpace(parts[1])
		}
		if len(parts) > 2 {
			u.EN = strings.TrimSpace(parts[2])
		}
		us = append(us, u)
	}
	return us, nil
}

// wordingSettings: `wording occasion|unit CODE LABEL [--en LABEL]` merged
// into HQ's wording. An empty label gives the built-in one back.
func wordingSettings(ctx context.Context, g global, rest []string, en string, hasEN bool) (map[string]json.RawMessage, error) {
	t := func(key string, a ...any) string { return tui.Text(g.lang, key, a...) }
	if len(rest) < 2 || len(rest) > 3 || len(rest) == 2 && !hasEN {
		return nil, inputError(t("cli.settings.usage_wording"))
	}
	kind, code := visits.Kind(rest[0]), rest[1]
	switch kind {
	case visits.KindOccasion:
		c, ok := visits.LookupCode(kind, code)
		if !ok {
			return nil, inputError(t("cli.settings.bad_occasion", code, strings.Join(visits.Codes(kind), ", ")))
		}
		code = c
	case visits.KindUnit:
	default:
		return nil, inputError(t("cli.settings.bad_wording_kind", string(kind)))
	}
	hq, done, err := g.openHQ(ctx)
	if err != nil {
		return nil, err
	}
	w := current(hq).Wording
	done()
	if w == nil {
		w = visits.Wording{}
	}
	if w[string(kind)] == nil {
		w[string(kind)] = map[string]visits.Words{}
	}
	words := w[string(kind)][code]
	if len(rest) == 3 {
		words.ZH = strings.TrimSpace(rest[2])
	}
	if hasEN {
		words.EN = strings.TrimSpace(en)
	}
	if words == (visits.Words{}) {
		delete(w[string(kind)], code)
	} else {
		w[string(kind)][code] = words
	}
	return map[string]json.RawMessage{visits.SettingWording: mustJSON(w)}, nil
}

func sortedIDs(m map[string]json.RawMessage) []string {
	var ids []string
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}
