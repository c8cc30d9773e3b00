package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/liaison-dev/liaison/visits"
)

// The application funnel at HQ: what a push may do to an application's
// steps, judged on the field as HQ holds it (CheckOp has already checked
// the value alone, store/fieldvalues.go). A change starts from the value
// it names in base (a current leaf, or one HQ held before: history, as
// for a need's status) and either keeps one of the values it replaces
// (resolving a conflict is a choice) or adds steps after them: recorded
// steps are never dropped or rewritten, the steps added are recorded by
// the officer who pushes them (or "local", before a laptop's first
// login) and are not dated after HQ's tomorrow (a
// day of slack for a laptop's clock). An application that ends approved
// carries its certificate number and issue date (the laptop writes them
// before the steps), and an approved one keeps them.

// localOfficer is who a laptop records as the author before its first
// login (Writer.Officer): a step recorded then is pushed by the officer
// who logs in and is taken as theirs.
const localOfficer = "local"

// futureSlackDays is how far after HQ's today a pushed step may be dated:
// the laptop allows tomorrow on its own clock.
const futureSlackDays = 2

// rememberedField reports whether HQ keeps the history of a field's
// values (hq_lifecycle.go remember): a need's status, an application's
// steps, an enterprise's qualifications.
func rememberedField(typ, field string) bool {
	return typ == visits.TypeNeed && field == "status" || typ == visits.TypeApplication && field == "steps" ||
		typ == visits.TypeEnterprise && field == "qualifications"
}

// checkFunnel checks a pushed op on an application's steps, certificate
// or issue date, or on an enterprise's qualifications; other ops pass.
func (x *hqTx) checkFunnel(op Op, fs fieldSet) *OpError {
	if op.Type == visits.TypeEnterprise {
		return x.checkQualifications(op, fs) // hq_qualifications.go
	}
	if !x.pushed || op.Type != visits.TypeApplication {
		return nil
	}
	switch op.Field {
	case "steps":
		return x.checkSteps(op, fs)
	case "certificate", "issued":
		if s, _ := jsonText(op.Value); s == "" && shownCurrent(fs) == visits.StepApproved {
			return badOp("the application is approved: its " + op.Field + " cannot be cleared")
		}
	}
	return nil
}

func (x *hqTx) checkSteps(op Op, fs fieldSet) *OpError {
	leaves := fs[op.Field]
	var to, from []visits.ApplicationStep
	if json.Unmarshal(op.Value, &to) != nil {
		return badOp("steps of an application must be a list of steps")
	}
	if op.Base != "" {
		raw, ok := x.valueAt(op, leaves, op.Base)
		if !ok {
			return &OpError{Code: "unknown_base", Reason: "the steps this change started from (" + op.Base + ") are unknown to HQ"}
		}
		if json.Unmarshal(raw, &from) != nil {
			from = nil
		}
	}
	for _, r := range op.Resolves {
		if _, ok := x.valueAt(op, leaves, r); !ok {
			return &OpError{Code: "unknown_base", Reason: "resolves names steps (" + r + ") unknown to HQ"}
		}
	}
	chosen := false
	for _, l := range leaves {
		if (l.Stamp == op.Base || slices.Contains(op.Resolves, l.Stamp)) && bytes.Equal(compact(l.Value), compact(op.Value)) {
			chosen = true // keeping one of the values replaced is a choice, not a step
		}
	}
	if !chosen {
		if len(to) < len(from) || !slices.Equal(to[:len(from)], from) {
			return badOp(fmt.Sprintf("steps only move forward: the application has %d recorded steps (at %s); this change drops or rewrites them",
				len(from), lastStep(from)))
		}
		today := visits.DateOf(x.now)
		for i, s := range to[len(from):] {
			if s.By != x.p.ID && s.By != localOfficer {
				return &OpError{Code: "forbidden", Reason: fmt.Sprintf("steps[%d] (%s) is recorded by %s; a step %s pushes is recorded by %s",
					len(from)+i, s.Step, quoteShort(s.By), x.p.ID, x.p.ID)}
			}
			if s.Date > today.AddDays(futureSlackDays) {
				return badOp(fmt.Sprintf("steps[%d] (%s) is dated %s, after HQ's %s: a step records what happened",
					len(from)+i, s.Step, s.Date, today))
			}
		}
	}
	if lastStep(to) == visits.StepApproved {
		for _, f := range []string{"certificate", "issued"} {
			if l, ok := Shown(fs[f]); !ok || func() bool { s, _ := jsonText(l.Value); return s == "" }() {
				return badOp("an approved application needs its " + f + " (send it before the steps)")
			}
		}
	}
	return nil
}

func lastStep(steps []visits.ApplicationStep) string {
	if len(steps) == 0 {
		return "none"
	}
	return steps[len(steps)-1].Step
}

// shownCurrent is the step the application stands at as shown.
func shownCurrent(fs fieldSet) string {
	l, ok := Shown(fs["steps"])
	if !ok {
		return ""
	}
	var steps []visits.ApplicationStep
	if json.Unmarshal(l.Value, &steps) != nil || len(steps) == 0 {
		return ""
	}
	return steps[len(steps)-1].Step
}

// valueAt is the value of the leaf stamp names: a current leaf's, or the
// one HQ's history holds for it.
func (x *hqTx) valueAt(op Op, leaves []Leaf, stamp Stamp) ([]byte, bool) {
	for _, l := range leaves {
		if l.Stamp == stamp {
			return l.Value, true
		}
	}
	raw := x.tx.Bucket(bHQHistory).Get(key([]byte(op.Type), []byte(op.ID), []byte(op.Field), []byte(stamp)))
	return raw, raw != nil
}
