package main

import (
	"fmt"

	"github.com/liaison-dev/liaison/tui"
	"github.com/liaison-dev/liaison/visits"
)

// What enterprise show adds to the record: the HNTE readiness checklist
// for an application made today, and what is missing to pass it.

type checkView struct {
	Item   int    `json:"item"`
	Code   string `json:"code"`
	State  string `json:"state"`
	Detail string `json:"detail"`
}

type enterpriseShowView struct {
	enterpriseView
	ReadinessCheck []checkView  `json:"readiness_check"`
	ReadinessGaps  []visits.Gap `json:"readiness_gaps"`
}

func showView(v enterpriseView, on visits.Date) enterpriseShowView {
	out := enterpriseShowView{enterpriseView: v, ReadinessCheck: []checkView{}, ReadinessGaps: visits.ReadinessGaps(v.Enterprise, on)}
	for _, it := range visits.CheckReadiness(v.Enterprise, on) {
		out.ReadinessCheck = append(out.ReadinessCheck, checkView{Item: it.Item, Code: it.Code, State: it.State, Detail: it.Detail})
	}
	if out.ReadinessGaps == nil {
		out.ReadinessGaps = []visits.Gap{}
	}
	return out
}

// printFlagsAndReadiness writes the flags, the checklist and the gaps
// below enterprise show's fields.
func (e *env) printFlagsAndReadiness(v enterpriseShowView) error {
	l := e.g.lang
	yesNo := func(b bool) string {
		if b {
			return e.text("cli.enterprise.yes")
		}
		return e.text("cli.enterprise.no")
	}
	fmt.Fprintf(e.out, "\n%s\n", e.text("cli.enterprise.flags"))
	tw := e.fields()
	for _, t := range visits.Terms(visits.KindFlag) {
		fmt.Fprintf(tw, "  %s\t%s\n", t.Label(l), yesNo(visits.FlagValue(v.Enterprise, t.Code)))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.out, "\n%s\n", e.text("cli.enterprise.readiness"))
	tw = e.fields()
	for _, c := range v.ReadinessCheck {
		fmt.Fprintf(tw, "  %d %s\t%s\t%s\n", c.Item, visits.Label(visits.KindReadinessItem, c.Code, l),
			visits.Label(visits.KindReadinessState, c.State, l), clean(c.Detail))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.out, "\n%s\n", e.text("cli.enterprise.gaps"))
	if len(v.ReadinessGaps) == 0 {
		_, err := fmt.Fprintf(e.out, "  %s\n", e.text("cli.enterprise.gaps_none"))
		return err
	}
	for _, g := range v.ReadinessGaps {
		if _, err := fmt.Fprintf(e.out, "  %d %s\n", g.Item, clean(tui.GapText(l, g))); err != nil {
			return err
		}
	}
	return nil
}
