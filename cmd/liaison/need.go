package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/tui"
	"github.com/liaison-dev/liaison/visits"
)

func cmdNeedAdd(e *env, args []string) error {
	fs := flag.NewFlagSet("need add", flag.ContinueOnError)
	ent := fs.String("enterprise", "", "")
	cat := fs.String("category", "", "")
	sev := fs.String("severity", "", "")
	title := fs.String("title", "", "")
	desc := fs.String("description", "", "")
	visit := fs.String("visit", "", "")
	nature := fs.String("nature", "", "")
	unit := fs.String("lead-unit", "", "")
	urgent := fs.Bool("jinanchoupan", false, "")
	fs.BoolVar(&e.jsonOut, "json", false, "")
	if _, err := flags(fs, args); err != nil {
		return err
	}
	if err := need("enterprise", *ent); err != nil {
		return err
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	if *unit, err = unitArg(s, "--lead-unit", *unit); err != nil { // units.go
		return err
	}
	n := &visits.Need{Category: *cat, Severity: *sev, Title: *title, Description: *desc, VisitID: *visit,
		Nature: *nature, LeadUnit: *unit, Jinanchoupan: *urgent}
	err = forEnterprise(s, *ent, func(w *store.Writer, entID string) error {
		n.EnterpriseID = entID
		return w.AddNeed(n)
	})
	if err != nil {
		return err
	}
	return e.printAdded(n.ID, n)
}

func cmdNeedStatus(e *env, args []string) error {
	fs := flag.NewFlagSet("need status", flag.ContinueOnError)
	note := fs.String("note", "", "")
	sat := fs.String("satisfaction", "", "")
	pos, err := flags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageKey("cli.need.usage_liaison_need_status")
	}
	to, err := codeArg("STATUS", visits.KindStatus, pos[1])
	if err != nil {
		return err
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	var from string
	err = s.Update(func(w *store.Writer) error {
		n, err := store.Get[visits.Need](w.Reader(), pos[0])
		if err != nil {
			return notFound("need", pos[0])
		}
		from = n.Status
		return w.ChangeNeedStatus(pos[0], to, *note, *sat)
	})
	return e.transitionError(err, from, to)
}

// transitionError turns a refused status change into a usage error (exit
// 2) that says, in the chosen language, what is allowed.
func (e *env) transitionError(err error, from, to string) error {
	l := func(code string) tui.Localized { return label(visits.KindStatus, code) }
	switch {
	case errors.Is(err, visits.ErrIllegalTransition):
		allowed := tui.TextFunc(func(lang visits.Lang) string {
			var names []string
			for _, a := range visits.AllowedTransitions(from) {
				names = append(names, a+" "+visits.Label(visits.KindStatus, a, lang))
			}
			if len(names) == 0 {
				return tui.Text(lang, "cli.need.final_state", l(from))
			}
			return strings.Join(names, tui.Text(lang, "list_sep"))
		})
		return usageKey("cli.need.illegal_transition", l(from), l(to), allowed)
	case errors.Is(err, visits.ErrReasonRequired):
		return usageKey("cli.need.reason_required", l(from), l(to))
	case errors.Is(err, visits.ErrSatisfaction):
		return usageKey("cli.need.satisfaction_required")
	}
	return err
}

// needView is a need with its computed overdue flag and, for show, its
// history and conflicting fields.
type needView struct {
	visits.Need
	Overdue   bool               `json:"overdue"`
	Conflicts []string           `json:"conflicts,omitempty"`
	Events    []visits.NeedEvent `json:"events,omitempty"`
}

func cmdNeedList(e *env, args []string) error {
	fs := flag.NewFlagSet("need list", flag.ContinueOnError)
	status := fs.String("status", "", "")
	overdue := fs.Bool("overdue", false, "")
	fs.BoolVar(&e.jsonOut, "json", false, "")
	if _, err := flags(fs, args); err != nil {
		return err
	}
	if *status != "" && !visits.Valid(visits.KindStatus, *status) {
		return usageKey("cli.need.status_want_one_of", *status, strings.Join(visits.Codes(visits.KindStatus), ", "))
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	// Streamed from one read transaction (stream.go).
	return s.View(func(r *store.Reader) error {
		cal := r.Calendar()
		statuses := visits.Codes(visits.KindStatus)
		if *status != "" {
			statuses = []string{*status}
		}
		conf := conflictedNeeds(r)
		each := func(fn func(needView) error) error {
			return r.EachNeedWithStatus(func(n visits.Need) error {
				v := needView{Need: n, Overdue: n.Overdue(cal, s.Now()), Conflicts: conf[n.ID]}
				if !*overdue || v.Overdue {
					return fn(v)
				}
				return nil
			}, statuses...)
		}
		names := nameCache{r: r}
		return writeList(e, e.text("cli.need.id_status_category_due"), each, func(n needView) string {
			mark := ""
			if len(n.Conflicts) > 0 {
				mark = "! "
			}
			if n.Overdue {
				mark += e.text("cli.followup.overdue")
			}
			return fmt.Sprintf("%s\t%s%s\t%s\t%s\t%s\t%s\n", n.ID, mark, visits.Label(visits.KindStatus, n.Status, e.g.lang),
				visits.Label(visits.KindCategory, n.Category, e.g.lang), n.DueDate(nil), clean(names.of(n.EnterpriseID)), clean(n.Title))
		})
	})
}

func conflictedNeeds(r *store.Reader) map[string][]string {
	out := map[string][]string{}
	cs, _ := r.Conflicts()
	for _, c := range cs {
		if c.Type == visits.TypeNeed {
			out[c.ID] = append(out[c.ID], c.Field)
		}
	}
	return out
}

func cmdNeedShow(e *env, args []string) error {
	fs := flag.NewFlagSet("need show", flag.ContinueOnError)
	fs.BoolVar(&e.jsonOut, "json", false, "")
	pos, err := flags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageKey("cli.need.usage_liaison_need_show")
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	var v needView
	err = s.View(func(r *store.Reader) error {
		n, err := getRecord[visits.Need](r, "need", pos[0])
		if err != nil {
			return err
		}
		ev, err := r.EventsOf(n.ID)
		v = needView{Need: n, Overdue: n.Overdue(r.Calendar(), s.Now()), Events: ev, Conflicts: conflictedNeeds(r)[n.ID]}
		return err
	})
	if err != nil {
		return err
	}
	if e.jsonOut {
		return e.printJSON(v)
	}
	l := e.g.lang
	tw := e.fields()
	fmt.Fprintf(tw, "ID\t%s\n%s\t%s\n%s\t%s\n%s\t%s\n", v.ID,
		e.text("cli.need.title"), clean(v.Title),
		e.text("cli.need.status"), visits.Label(visits.KindStatus, v.Status, l),
		e.text("cli.need.description"), clean(v.Description))
	for _, ev := range v.Events {
		fmt.Fprintf(tw, "%s\t%s → %s %s\n", visits.DateOf(ev.At), visits.Label(visits.KindStatus, ev.From, l),
			visits.Label(visits.KindStatus, ev.To, l), clean(ev.Text))
	}
	return tw.Flush()
}

func cmdNeedConflicts(e *env, args []string) error {
	fs := flag.NewFlagSet("need conflicts", flag.ContinueOnError)
	fs.BoolVar(&e.jsonOut, "json", false, "")
	if _, err := flags(fs, args); err != nil {
		return err
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	var cs []store.Conflict
	if err := s.View(func(r *store.Reader) error { cs, err = r.Conflicts(); return err }); err != nil {
		return err
	}
	if cs == nil {
		cs = []store.Conflict{}
	}
	if e.jsonOut {
		return e.printJSON(cs)
	}
	tw := e.table()
	fmt.Fprintln(tw, e.text("cli.need.type_id_field_value"))
	for _, c := range cs {
		for _, l := range c.Leaves {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.Type, c.ID, c.Field, clean(string(l.Value)), clean(l.Author), l.Stamp, clean(string(l.From)))
		}
	}
	return tw.Flush()
}

func cmdNeedResolve(e *env, args []string) error {
	fs := flag.NewFlagSet("need resolve", flag.ContinueOnError)
	field := fs.String("field", "", "")
	keep := fs.String("keep", "", "")
	pos, err := flags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *field == "" {
		return usageKey("cli.need.usage_liaison_need_resolve")
	}
	if *field == "status" { // the label works too: --keep 已受理
		code, err := codeArg("--keep", visits.KindStatus, *keep)
		if err != nil {
			return err
		}
		*keep = code
	}
	value, _ := json.Marshal(*keep)
	if json.Valid([]byte(*keep)) && !strings.HasPrefix(strings.TrimSpace(*keep), `"`) && (*keep == "true" || *keep == "false" || *keep == "null") {
		value = []byte(*keep)
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	return s.Update(func(w *store.Writer) error {
		if _, err := getRecord[visits.Need](w.Reader(), "need", pos[0]); err != nil {
			return err
		}
		return w.Resolve(visits.TypeNeed, pos[0], *field, value)
	})
}
