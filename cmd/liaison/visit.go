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
		return time.Time{}, usageKey("cli.visit.want_yyyy_mm_dd", flagName, s)
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
		return "", usageKey("cli.visit.want_yyyy_mm_dd", flagName, s)
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
	// The visits are streamed from one read transaction, newest first
	// (stream.go): nothing holds them all.
	return s.View(func(r *store.Reader) error {
		each := func(fn func(visits.Visit) error) error {
			start := time.Time{}
			if from != "" {
				start = from.Time()
			}
			return r.EachVisitNewest(start, time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), fn)
		}
		if *ent != "" {
			found, err := findEnterprise(r, *ent)
			if err != nil {
				return err
			}
			vs, err := r.VisitsOf(found.ID, 0) // one enterprise's: few
			if err != nil {
				return err
			}
			each = func(fn func(visits.Visit) error) error {
				for _, v := range vs {
					if from == "" || v.Date() >= from {
						if err := fn(v); err != nil {
							return err
						}
					}
				}
				return nil
			}
		}
		return e.writeVisits(r, each)
	})
}

// writeVisits prints the visits each gives, as JSON or as the list's
// table, one at a time.
func (e *env) writeVisits(r *store.Reader, each func(fn func(visits.Visit) error) error) error {
	names := nameCache{r: r}
	return writeList(e, e.text("cli.visit.id_date_enterprise_occasion"), each, func(v visits.Visit) string {
		return fmt.Sprintf("%s\t%s\t%s\t%s\t%s\t%s\n", v.ID, v.Date(), clean(names.of(v.EnterpriseID)),
			visits.Label(visits.KindOccasion, v.Occasion, e.g.lang), visits.Label(visits.KindMethod, v.Method, e.g.lang), clean(v.Summary))
	})
}

// cmdVisitCorrect changes a saved visit; the reason and every changed
// field are kept in the visit's corrections.
func cmdVisitCorrect(e *env, args []string) error {
	fs := flag.NewFlagSet("visit correct", flag.ContinueOnError)
	set := map[string]*string{}
	for _, name := range []string{"occasion", "method", "summary", "date", "purpose", "people", "note"} {
		set[name] = fs.String(name, "", "")
	}
	reason := fs.String("reason", "", "")
	pos, err := flags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageKey("cli.visit.usage_liaison_visit_correct")
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	s, err := e.store()
	if err != nil {
		return err
	}
	return s.Update(func(w *store.Writer) error {
		v, err := getRecord[visits.Visit](w.Reader(), "visit", pos[0])
		if err != nil {
			return err
		}
		if given["date"] {
			if v.At, err = parseDay("date", *set["date"], s.Now()); err != nil {
				return err
			}
		}
		for name, dst := range map[string]*string{"occasion": &v.Occasion, "method": &v.Method, "summary": &v.Summary,
			"people": &v.PeopleMet, "note": &v.Note} {
			if given[name] {
				*dst = *set[name]
			}
		}
		if given["purpose"] {
			v.Purposes = splitList(*set["purpose"])
		}
		return w.CorrectVisit(&v, *reason)
	})
}

func cmdVisitShow(e *env, args []string) error {
	fs := flag.NewFlagSet("visit show", flag.ContinueOnError)
	fs.BoolVar(&e.jsonOut, "json", false, "")
	pos, err := flags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageKey("cli.visit.usage_liaison_visit_show")
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	var v visits.Visit
	var ent visits.Enterprise
	err = s.View(func(r *store.Reader) error {
		if v, err = getRecord[visits.Visit](r, "visit", pos[0]); err != nil {
			return err
		}
		ent, _ = store.Get[visits.Enterprise](r, v.EnterpriseID)
		return nil
	})
	if err != nil {
		return err
	}
	if e.jsonOut {
		return e.printJSON(v)
	}
	tw := e.fields()
	l := e.g.lang
	fmt.Fprintf(tw, "ID\t%s\n%s\t%s\n%s\t%s\n%s\t%s\n%s\t%s\n%s\t%s\n", v.ID,
		e.text("cli.visit.enterprise"), clean(ent.Name),
		e.text("cli.visit.date"), v.Date(),
		e.text("cli.visit.occasion"), visits.Label(visits.KindOccasion, v.Occasion, l),
		e.text("cli.visit.method"), visits.Label(visits.KindMethod, v.Method, l),
		e.text("cli.visit.summary"), clean(v.Summary))
	for _, c := range v.Corrections {
		fmt.Fprintf(tw, "%s\t%s %s %s: %s → %s（%s）\n", e.text("cli.visit.corrected"), visits.DateOf(c.At), clean(c.By),
			c.Field, clean(c.From), clean(c.To), clean(c.Reason))
	}
	return tw.Flush()
}
