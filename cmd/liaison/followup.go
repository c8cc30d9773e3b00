package main

import (
	"flag"
	"fmt"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

func cmdFollowUpAdd(e *env, args []string) error {
	fs := flag.NewFlagSet("followup add", flag.ContinueOnError)
	ent := fs.String("enterprise", "", "")
	needID := fs.String("need", "", "")
	due := fs.String("due", "", "")
	action := fs.String("action", "", "")
	fs.BoolVar(&e.jsonOut, "json", false, "")
	if _, err := flags(fs, args); err != nil {
		return err
	}
	if err := need("enterprise", *ent); err != nil {
		return err
	}
	d, err := parseDate("due", *due)
	if err != nil {
		return err
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	f := &visits.FollowUp{NeedID: *needID, Due: d, Action: *action}
	err = forEnterprise(s, *ent, func(w *store.Writer, entID string) error {
		f.EnterpriseID = entID
		return w.AddFollowUp(f)
	})
	if err != nil {
		return err
	}
	return e.printAdded(f.ID, f)
}

func cmdFollowUpDone(e *env, args []string) error {
	fs := flag.NewFlagSet("followup done", flag.ContinueOnError)
	result := fs.String("result", "", "")
	nextDue := fs.String("next-due", "", "")
	nextAction := fs.String("next-action", "", "")
	pos, err := flags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageKey("cli.followup.usage_liaison_followup_done")
	}
	d, err := parseDate("next-due", *nextDue)
	if err != nil {
		return err
	}
	var next *visits.FollowUp
	if d != "" || *nextAction != "" {
		next = &visits.FollowUp{Due: d, Action: *nextAction}
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	err = s.Update(func(w *store.Writer) error {
		f, err := getRecord[visits.FollowUp](w.Reader(), "followup", pos[0])
		if err != nil {
			return err
		}
		if f.Status != visits.FollowUpOpen {
			return usageKey("cli.followup.not_open", shortArg(f.ID), label(visits.KindFollowUp, f.Status))
		}
		return w.CompleteFollowUp(pos[0], *result, next)
	})
	if err == nil && next != nil {
		fmt.Fprintln(e.out, next.ID)
	}
	return err
}

type followUpView struct {
	visits.FollowUp
	Overdue bool `json:"overdue"`
}

func cmdFollowUpList(e *env, args []string) error {
	fs := flag.NewFlagSet("followup list", flag.ContinueOnError)
	overdue := fs.Bool("overdue", false, "")
	all := fs.Bool("all", false, "")
	fs.BoolVar(&e.jsonOut, "json", false, "")
	if _, err := flags(fs, args); err != nil {
		return err
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	// Streamed from one read transaction (stream.go).
	return s.View(func(r *store.Reader) error {
		each := func(fn func(followUpView) error) error {
			return r.EachFollowUpDue("9999-12-31", func(f visits.FollowUp) error {
				v := followUpView{FollowUp: f, Overdue: f.Overdue(s.Now())}
				if (*all || f.Status == visits.FollowUpOpen) && (!*overdue || v.Overdue) {
					return fn(v)
				}
				return nil
			})
		}
		names := nameCache{r: r}
		return writeList(e, e.text("cli.followup.id_due_status_enterprise"), each, func(f followUpView) string {
			mark := ""
			if f.Overdue {
				mark = e.text("cli.followup.overdue")
			}
			return fmt.Sprintf("%s\t%s\t%s%s\t%s\t%s\n", f.ID, f.Due, mark, visits.Label(visits.KindFollowUp, f.Status, e.g.lang),
				clean(names.of(f.EnterpriseID)), clean(f.Action))
		})
	})
}
