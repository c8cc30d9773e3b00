package main

import (
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// splitList splits "a,b" (also with the Chinese comma) into codes.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// parseDay parses --date: today keeps the current time, other days are
// stored at 10:00 in Asia/Shanghai.
func parseDay(flagName, s string, now time.Time) (time.Time, error) {
	if s == "" {
		return now.UTC(), nil
	}
	d, err := visits.ParseDate(s)
	if err != nil {
		return time.Time{}, usagef("--%s %q: want YYYY-MM-DD", "--%s “%s”：日期格式应为 YYYY-MM-DD", flagName, s)
	}
	if d == visits.DateOf(now) {
		return now.UTC(), nil
	}
	return d.Time().Add(10 * time.Hour).UTC(), nil
}

func parseDate(flagName, s string) (visits.Date, error) {
	if s == "" {
		return "", nil
	}
	d, err := visits.ParseDate(s)
	if err != nil {
		return "", usagef("--%s %q: want YYYY-MM-DD", "--%s “%s”：日期格式应为 YYYY-MM-DD", flagName, s)
	}
	return d, nil
}

func cmdVisitAdd(e *env, args []string) error {
	fs := flag.NewFlagSet("visit add", flag.ContinueOnError)
	ent := fs.String("enterprise", "", "")
	occ := fs.String("occasion", "", "")
	method := fs.String("method", "", "")
	summary := fs.String("summary", "", "")
	date := fs.String("date", "", "")
	purpose := fs.String("purpose", "", "")
	people := fs.String("people", "", "")
	note := fs.String("note", "", "")
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
	at, err := parseDay("date", *date, s.Now())
	if err != nil {
		return err
	}
	v := &visits.Visit{Occasion: *occ, Method: *method, Summary: *summary, At: at,
		Purposes: splitList(*purpose), PeopleMet: *people, Note: *note}
	err = forEnterprise(s, *ent, func(w *store.Writer, entID string) error {
		v.EnterpriseID = entID
		return w.AddVisit(v)
	})
	if err != nil {
		return err
	}
	return e.printAdded(v.ID, v)
}

func cmdVisitList(e *env, args []string) error {
	fs := flag.NewFlagSet("visit list", flag.ContinueOnError)
	ent := fs.String("enterprise", "", "")
	since := fs.String("since", "", "")
	fs.BoolVar(&e.jsonOut, "json", false, "")
	if _, err := flags(fs, args); err != nil {
		return err
	}
	from, err := parseDate("since", *since)
	if err != nil {
		return err
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	var out []visits.Visit
	err = s.View(func(r *store.Reader) error {
		if *ent != "" {
			found, err := findEnterprise(r, *ent)
			if err != nil {
				return err
			}
			vs, err := r.VisitsOf(found.ID, 0)
			for _, v := range vs {
				if from == "" || v.Date() >= from {
					out = append(out, v)
				}
			}
			return err
		}
		start := time.Time{}
		if from != "" {
			start = from.Time()
		}
		vs, err := r.VisitsBetween(start, time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC))
		for i := len(vs) - 1; i >= 0; i-- { // newest first, as for one enterprise
			out = append(out, vs[i])
		}
		return err
	})
	if err != nil {
		return err
	}
	if e.jsonOut {
		if out == nil {
			out = []visits.Visit{}
		}
		return e.printJSON(out)
	}
	tw := e.table()
	fmt.Fprintln(tw, e.t([2]string{"ID\t日期\t事由\t方式\t内容", "ID\tDate\tOccasion\tMethod\tSummary"}))
	for _, v := range out {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", v.ID, v.Date(), visits.Label(visits.KindOccasion, v.Occasion, e.g.lang),
			visits.Label(visits.KindMethod, v.Method, e.g.lang), clean(v.Summary))
	}
	return tw.Flush()
}

func cmdVisitShow(e *env, args []string) error {
	fs := flag.NewFlagSet("visit show", flag.ContinueOnError)
	fs.BoolVar(&e.jsonOut, "json", false, "")
	pos, err := flags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("usage: liaison visit show ID [--json]", "用法：liaison visit show ID [--json]")
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	var v visits.Visit
	err = s.View(func(r *store.Reader) error {
		v, err = store.Get[visits.Visit](r, pos[0])
		return err
	})
	if err != nil {
		return err
	}
	if e.jsonOut {
		return e.printJSON(v)
	}
	tw := e.table()
	l := e.g.lang
	fmt.Fprintf(tw, "ID\t%s\n%s\t%s\n%s\t%s\n%s\t%s\n%s\t%s\n", v.ID,
		e.t([2]string{"日期", "Date"}), v.Date(),
		e.t([2]string{"事由", "Occasion"}), visits.Label(visits.KindOccasion, v.Occasion, l),
		e.t([2]string{"方式", "Method"}), visits.Label(visits.KindMethod, v.Method, l),
		e.t([2]string{"内容", "Summary"}), clean(v.Summary))
	return tw.Flush()
}
