package main

import (
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/tui"
	"github.com/liaison-dev/liaison/visits"
)

func cmdEnterpriseAdd(e *env, args []string) error {
	fs := flag.NewFlagSet("enterprise add", flag.ContinueOnError)
	uscc := fs.String("uscc", "", "")
	name := fs.String("name", "", "")
	street := fs.String("street", "", "")
	domain := fs.String("domain", "", "")
	stage := fs.String("stage", "", "")
	key := fs.Bool("key", false, "")
	confirm := fs.Bool("confirm-checksum", false, "")
	if _, err := flags(fs, args); err != nil {
		return err
	}
	if err := need("name", *name); err != nil {
		return err
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	ent := &visits.Enterprise{USCC: *uscc, Name: strings.TrimSpace(*name), Street: *street, Domain: *domain, Stage: *stage, Key: *key}
	err = s.Update(func(w *store.Writer) error { return w.AddEnterprise(ent, *confirm) })
	if fe := visits.AsErrors(err); fe != nil {
		for _, f := range fe.For("uscc") {
			if f.Code == visits.ErrCodeUSCCCheck {
				return usageKey("cli.enterprise.confirm_checksum", tui.TextFunc(fe.Message))
			}
		}
		return fe
	}
	if errors.Is(err, store.ErrDuplicateUSCC) {
		code := visits.NormalizeUSCC(*uscc)
		var old visits.Enterprise
		_ = s.View(func(r *store.Reader) error { old, _ = r.EnterpriseByUSCC(code); return nil })
		return usageKey("cli.enterprise.duplicate_uscc", code, clean(old.Name), old.ID)
	}
	if err != nil {
		return err
	}
	return e.printAdded(ent.ID, ent)
}

// printAdded prints a new record's id, or the whole record with --json.
func (e *env) printAdded(id string, rec any) error {
	if e.jsonOut {
		return e.printJSON(rec)
	}
	_, err := fmt.Fprintln(e.out, id)
	return err
}

// enterpriseView is what list and show print: the record plus derived tier
// and lists.
type enterpriseView struct {
	visits.Enterprise
	Tier  string   `json:"tier"`
	Lists []string `json:"lists"`
}

func view(ent visits.Enterprise, on visits.Date) enterpriseView {
	l := visits.Lists(ent, on)
	if l == nil {
		l = []string{}
	}
	return enterpriseView{Enterprise: ent, Tier: visits.Tier(ent, on), Lists: l}
}

func cmdEnterpriseList(e *env, args []string) error {
	fs := flag.NewFlagSet("enterprise list", flag.ContinueOnError)
	fs.BoolVar(&e.jsonOut, "json", false, "")
	if _, err := flags(fs, args); err != nil {
		return err
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	today := visits.DateOf(s.Now())
	// Streamed from one read transaction (stream.go).
	return s.View(func(r *store.Reader) error {
		each := func(fn func(enterpriseView) error) error {
			return store.EachRecord[visits.Enterprise](r, func(ent visits.Enterprise) error { return fn(view(ent, today)) })
		}
		return writeList(e, e.text("cli.enterprise.id_uscc_name_street"), each, func(v enterpriseView) string {
			return fmt.Sprintf("%s\t%s\t%s\t%s\t%s\n", v.ID, clean(v.USCC), clean(v.Name), clean(v.Street), visits.Label(visits.KindTier, v.Tier, e.g.lang))
		})
	})
}

// findEnterprise resolves an id or a USCC.
func findEnterprise(r *store.Reader, ref string) (visits.Enterprise, error) {
	if ent, err := store.Get[visits.Enterprise](r, ref); err == nil {
		return ent, nil
	}
	if ent, err := r.EnterpriseByUSCC(visits.NormalizeUSCC(ref)); err == nil {
		return ent, nil
	}
	return visits.Enterprise{}, usageKey("cli.enterprise.no_enterprise_with_id", ref)
}

// forEnterprise runs one action for the enterprise named by ref (id or
// USCC) in one transaction: the lookup and the write see the same data.
func forEnterprise(s *store.Store, ref string, act func(w *store.Writer, entID string) error) error {
	return s.Update(func(w *store.Writer) error {
		ent, err := findEnterprise(w.Reader(), ref)
		if err != nil {
			return err
		}
		return act(w, ent.ID)
	})
}

func cmdEnterpriseShow(e *env, args []string) error {
	fs := flag.NewFlagSet("enterprise show", flag.ContinueOnError)
	fs.BoolVar(&e.jsonOut, "json", false, "")
	pos, err := flags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageKey("cli.enterprise.usage_liaison_enterprise_show")
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	var v enterpriseView
	err = s.View(func(r *store.Reader) error {
		ent, err := findEnterprise(r, pos[0])
		v = view(ent, visits.DateOf(s.Now()))
		return err
	})
	if err != nil {
		return err
	}
	sv := showView(v, visits.DateOf(s.Now()))
	if e.jsonOut {
		return e.printJSON(sv)
	}
	tw := e.fields()
	l := e.g.lang
	rows := [][2]string{
		{"ID", v.ID}, {e.text("cli.enterprise.name"), v.Name}, {e.text("cli.enterprise.uscc"), v.USCC},
		{e.text("cli.enterprise.street"), v.Street}, {e.text("cli.enterprise.domain"), visits.Label(visits.KindDomain, v.Domain, l)},
		{e.text("cli.enterprise.tier"), visits.Label(visits.KindTier, v.Tier, l)},
		{e.text("cli.enterprise.stage"), visits.Label(visits.KindStage, v.Stage, l)},
	}
	if v.ArrivedOn != "" {
		rows = append(rows, [2]string{e.text("plan.in.arrived_on"), string(v.ArrivedOn)})
	}
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\n", r[0], clean(r[1]))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return e.printFlagsAndReadiness(sv)
}
