package main

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/tui"
	"github.com/liaison-dev/liaison/visits"
)

// settingsView is `liaison-hq settings --json`: what HQ set (settings, as
// stored) and what is in force for year (HQ's, else the built-in rule).
type settingsView struct {
	Year     int                          `json:"year"`
	District string                       `json:"district"`
	Calendar calendarView                 `json:"calendar"`
	Batches  inForce[[]string]            `json:"batches"`
	TSME     inForce[[]string]            `json:"tsme_window"`
	Targets  inForce[[]visits.Target]     `json:"targets"`
	Units    inForce[[]visits.UnitTerm]   `json:"units"`
	Wording  visits.Wording               `json:"wording"`
	Notes    map[string]visits.WeeklyNote `json:"weekly_notes"`
	Settings []settingRow                 `json:"settings"`
}

type inForce[T any] struct {
	Value  T    `json:"value"`
	FromHQ bool `json:"from_hq"`
}

type calendarView struct {
	HQYears []int  `json:"hq_years"` // years HQ set
	Name    string `json:"name"`     // the calendar counting year ("" Monday to Friday)
	FromHQ  bool   `json:"from_hq"`
}

type settingRow struct {
	ID        string          `json:"id"`
	Value     json.RawMessage `json:"value"`
	UpdatedAt string          `json:"updated_at"`
}

func showSettings(hq *store.HQ, year int, jsonOut bool, lang visits.Lang, out io.Writer) error {
	var set visits.Settings
	var rows []visits.Setting
	err := hq.Store().View(func(r *store.Reader) (err error) {
		set = r.Settings()
		rows, err = r.SettingRecords()
		return err
	})
	if err != nil {
		return err
	}
	day := visits.Date(fmt.Sprintf("%04d-01-01", year))
	cal := set.Calendar(nil)
	b := set.BatchesFor(year)
	_, batchesHQ := set.Batches[year]
	tw := set.TSMEWindowFor(year)
	opens, closes := tw.For(year)
	_, tsmeHQ := set.TSMEWindows[year]
	_, targetsHQ := set.Targets[year]
	v := settingsView{Year: year, District: set.District, Wording: set.Wording, Notes: map[string]visits.WeeklyNote{},
		Calendar: calendarView{HQYears: set.CalendarYears(), Name: cal.NameFor(day), FromHQ: set.CalendarFromHQ(day)},
		Batches:  inForce[[]string]{Value: []string{string(b.Deadlines[0]), string(b.Deadlines[1]), string(b.Deadlines[2])}, FromHQ: batchesHQ},
		TSME:     inForce[[]string]{Value: []string{string(opens), string(closes)}, FromHQ: tsmeHQ},
		Targets:  inForce[[]visits.Target]{Value: set.TargetsFor(year), FromHQ: targetsHQ},
		Units:    inForce[[]visits.UnitTerm]{Value: set.UnitTerms(), FromHQ: set.Units != nil},
		Settings: []settingRow{}}
	if v.Wording == nil {
		v.Wording = visits.Wording{}
	}
	for w, n := range set.Notes {
		v.Notes[w.String()] = n
	}
	for _, s := range rows {
		v.Settings = append(v.Settings, settingRow{ID: s.ID, Value: s.Value, UpdatedAt: s.UpdatedAt.UTC().Format("2006-01-02T15:04:05Z")})
	}
	if jsonOut {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(v) // JSON escapes every control character
	}
	t := func(key string, a ...any) string { return tui.Text(lang, key, a...) }
	src := func(fromHQ bool) string {
		if fromHQ {
			return t("cli.settings.from_hq")
		}
		return t("cli.settings.builtin")
	}
	clean := func(s string) string { return visits.PlainText(s, false) }
	district := clean(v.District)
	if district == "" {
		district = t("cli.settings.not_set")
	}
	fmt.Fprintf(out, "%s\t%s\n", t("cli.settings.district"), district)
	calName := clean(v.Calendar.Name)
	if calName == "" {
		calName = t("cli.settings.mon_fri")
	}
	var hqYears []string
	for _, y := range v.Calendar.HQYears {
		hqYears = append(hqYears, strconv.Itoa(y))
	}
	fmt.Fprintf(out, "%s %d\t%s（%s）\n", t("cli.settings.calendar"), year, calName, src(v.Calendar.FromHQ))
	if len(hqYears) > 0 {
		fmt.Fprintf(out, "%s\t%s\n", t("cli.settings.calendar_hq_years"), strings.Join(hqYears, ", "))
	}
	fmt.Fprintf(out, "%s %d\t%s（%s）\n", t("cli.settings.batches"), year, strings.Join(v.Batches.Value, ", "), src(v.Batches.FromHQ))
	fmt.Fprintf(out, "%s %d\t%s（%s）\n", t("cli.settings.tsme_window"), year, strings.Join(v.TSME.Value, " ~ "), src(v.TSME.FromHQ))
	fmt.Fprintf(out, "%s %d（%s）\n", t("cli.settings.targets"), year, src(v.Targets.FromHQ))
	for _, tg := range v.Targets.Value {
		unit := ""
		if tg.Unit == visits.UnitPercent {
			unit = "%"
		}
		fmt.Fprintf(out, "  %-20s %d\t%s%s\n", tg.Code, tg.Year, strconv.FormatFloat(tg.Value, 'f', -1, 64), unit)
	}
	fmt.Fprintf(out, "%s（%s）\n", t("cli.settings.units"), src(v.Units.FromHQ))
	for _, u := range v.Units.Value {
		fmt.Fprintf(out, "  %s\t%s\n", clean(u.Code), clean(set.Label(visits.KindUnit, u.Code, lang)))
	}
	fmt.Fprintln(out, t("cli.settings.wording"))
	for _, k := range visits.WordingKinds {
		for _, code := range slices.Sorted(maps.Keys(v.Wording[string(k)])) {
			w := v.Wording[string(k)][code]
			fmt.Fprintf(out, "  %s %s\t%s / %s\n", k, clean(code), clean(w.ZH), clean(w.EN))
		}
	}
	fmt.Fprintln(out, t("cli.settings.notes"))
	for _, s := range rows {
		if strings.HasPrefix(s.ID, visits.SettingWeeklyNote+":") {
			fmt.Fprintf(out, "  %s\n", clean(strings.TrimPrefix(s.ID, visits.SettingWeeklyNote+":")))
		}
	}
	return nil
}
