package main

import (
	"flag"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// The application funnel (申报推进) on the command line: add, step, list,
// show. The rules are visits/funnel.go's; the writes store/funnel.go's.

// applicationView is what list and show print: the record, where it
// stands, and what may come next.
type applicationView struct {
	visits.Application
	Current    string   `json:"current_step"`
	NextSteps  []string `json:"next_steps"`
	Enterprise string   `json:"enterprise_name"`
}

func appView(a visits.Application, entName string) applicationView {
	next := visits.NextSteps(a)
	if next == nil {
		next = []string{}
	}
	return applicationView{Application: a, Current: a.Current(), NextSteps: next, Enterprise: entName}
}

// intFlag reads an optional whole number flag; a bad one is a field error
// naming field (exit 2).
func intFlag(raw, field string, lo, hi int) (int, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < lo || n > hi {
		return 0, visits.Errors{{Field: field, Code: visits.ErrCodeRange, Args: []any{lo, hi}}}
	}
	return n, nil
}

func cmdApplicationAdd(e *env, args []string) error {
	fs := flag.NewFlagSet("application add", flag.ContinueOnError)
	ent := fs.String("enterprise", "", "")
	kind := fs.String("kind", "", "")
	year := fs.String("year", "", "")
	batch := fs.String("batch", "", "")
	fs.BoolVar(&e.jsonOut, "json", false, "")
	if _, err := flags(fs, args); err != nil {
		return err
	}
	if err := need("enterprise", *ent); err != nil {
		return err
	}
	if err := need("kind", *kind); err != nil {
		return err
	}
	y, err := intFlag(*year, "year", visits.MinApplicationYear, visits.MaxApplicationYear)
	if err != nil {
		return err
	}
	b, err := intFlag(*batch, "batch", 1, 3)
	if err != nil {
		return err
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	if y == 0 {
		y = visits.DateOf(s.Now()).Year()
	}
	a := &visits.Application{Kind: *kind, Year: y, Batch: b}
	var name string
	err = s.Update(func(w *store.Writer) error {
		en, err := findEnterprise(w.Reader(), *ent)
		if err != nil {
			return err
		}
		a.EnterpriseID, name = en.ID, en.Name
		return w.AddApplication(a)
	})
	if err != nil {
		return err
	}
	return e.printAdded(a.ID, appView(*a, name))
}

func cmdApplicationStep(e *env, args []string) error {
	fs := flag.NewFlagSet("application step", flag.ContinueOnError)
	date := fs.String("date", "", "")
	note := fs.String("note", "", "")
	cert := fs.String("certificate", "", "")
	issued := fs.String("issued", "", "")
	expires := fs.String("expires", "", "")
	fs.BoolVar(&e.jsonOut, "json", false, "")
	pos, err := flags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageKey("cli.application.usage_step")
	}
	step, err := codeArg("STEP", visits.KindFunnelStep, pos[1])
	if err != nil {
		return err
	}
	if step != visits.StepApproved && (*cert != "" || *issued != "" || *expires != "") {
		return usageKey("cli.application.cert_only_approved", label(visits.KindFunnelStep, visits.StepApproved))
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	d := visits.Date(strings.TrimSpace(*date))
	if d == "" {
		d = visits.DateOf(s.Now())
	}
	var got visits.Application
	var name string
	err = s.Update(func(w *store.Writer) error {
		a, err := getRecord[visits.Application](w.Reader(), "application", pos[0])
		if err != nil {
			return err
		}
		en, _ := store.Get[visits.Enterprise](w.Reader(), a.EnterpriseID)
		name = en.Name
		got, err = w.RecordApplicationStep(pos[0], visits.ApplicationStep{Step: step, Date: d, Note: *note},
			visits.Qualification{Certificate: *cert, Issued: visits.Date(strings.TrimSpace(*issued)), Expires: visits.Date(strings.TrimSpace(*expires))})
		return err
	})
	if err != nil {
		return err
	}
	if e.jsonOut {
		return e.printJSON(appView(got, name))
	}
	return nil
}

func cmdApplicationList(e *env, args []string) error {
	fs := flag.NewFlagSet("application list", flag.ContinueOnError)
	kind := fs.String("kind", "", "")
	year := fs.String("year", "", "")
	ent := fs.String("enterprise", "", "")
	step := fs.String("step", "", "")
	fs.BoolVar(&e.jsonOut, "json", false, "")
	if _, err := flags(fs, args); err != nil {
		return err
	}
	y, err := intFlag(*year, "year", visits.MinApplicationYear, visits.MaxApplicationYear)
	if err != nil {
		return err
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	out := []applicationView{}
	err = s.View(func(r *store.Reader) error {
		entID := ""
		if *ent != "" {
			en, err := findEnterprise(r, *ent)
			if err != nil {
				return err
			}
			entID = en.ID
		}
		names := map[string]string{}
		return store.Each[visits.Application](r, func(a visits.Application) error {
			if (*kind != "" && a.Kind != *kind) || (y != 0 && a.Year != y) || (entID != "" && a.EnterpriseID != entID) ||
				(*step != "" && a.Current() != *step) {
				return nil
			}
			if _, ok := names[a.EnterpriseID]; !ok {
				en, _ := store.Get[visits.Enterprise](r, a.EnterpriseID)
				names[a.EnterpriseID] = en.Name
			}
			out = append(out, appView(a, names[a.EnterpriseID]))
			return nil
		})
	})
	if err != nil {
		return err
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Year != out[j].Year {
			return out[i].Year > out[j].Year
		}
		return out[i].Enterprise < out[j].Enterprise
	})
	if e.jsonOut {
		return e.printJSON(out)
	}
	tw := e.table()
	fmt.Fprintln(tw, e.text("cli.application.list_header"))
	l := e.g.lang
	for _, v := range out {
		last := ""
		if n := len(v.Steps); n > 0 {
			last = string(v.Steps[n-1].Date)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\t%s\n", v.ID, clean(v.Enterprise), visits.Label(visits.KindAppKind, v.Kind, l),
			v.Year, batchText(v.Batch), stepText(v.Current, l), last)
	}
	return tw.Flush()
}

func batchText(b int) string {
	if b == 0 {
		return "-"
	}
	return strconv.Itoa(b)
}

func stepText(step string, l visits.Lang) string {
	if step == "" {
		return "-"
	}
	return visits.Label(visits.KindFunnelStep, step, l)
}

func cmdApplicationShow(e *env, args []string) error {
	fs := flag.NewFlagSet("application show", flag.ContinueOnError)
	fs.BoolVar(&e.jsonOut, "json", false, "")
	pos, err := flags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageKey("cli.application.usage_show")
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	var v applicationView
	err = s.View(func(r *store.Reader) error {
		a, err := getRecord[visits.Application](r, "application", pos[0])
		if err != nil {
			return err
		}
		en, _ := store.Get[visits.Enterprise](r, a.EnterpriseID)
		v = appView(a, en.Name)
		return nil
	})
	if err != nil {
		return err
	}
	if e.jsonOut {
		return e.printJSON(v)
	}
	l := e.g.lang
	tw := e.fields()
	rows := [][2]string{
		{"ID", v.ID}, {e.text("cli.application.enterprise"), v.Enterprise + " (" + v.EnterpriseID + ")"},
		{e.text("cli.application.kind"), visits.Label(visits.KindAppKind, v.Kind, l)},
		{e.text("cli.application.year"), strconv.Itoa(v.Year)}, {e.text("cli.application.batch"), batchText(v.Batch)},
		{e.text("cli.application.current"), stepText(v.Current, l)},
	}
	if v.Certificate != "" {
		rows = append(rows, [2]string{e.text("cli.application.certificate"),
			e.text("cli.application.certificate_dates", v.Certificate, string(v.Issued), string(v.Expires))})
	}
	if len(v.NextSteps) > 0 {
		var names []string
		for _, s := range v.NextSteps {
			names = append(names, visits.Label(visits.KindFunnelStep, s, l))
		}
		rows = append(rows, [2]string{e.text("cli.application.next"), strings.Join(names, e.text("list_sep"))})
	}
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\n", r[0], clean(r[1]))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(v.Steps) == 0 {
		return nil
	}
	fmt.Fprintf(e.out, "\n%s\n", e.text("cli.application.steps"))
	st := e.fields()
	for _, s := range v.Steps {
		fmt.Fprintf(st, "  %s\t%s\t%s\t%s\n", s.Date, visits.Label(visits.KindFunnelStep, s.Step, l), clean(s.By), clean(s.Note))
	}
	return st.Flush()
}
