package store

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/liaison-dev/liaison/visits"
)

// stepsChangeFits is the laptop's side of HQ's rule on an application's
// steps (hq_funnel.go): a change from a shown value (op.From) that
// resolves nothing only adds steps after it, recorded by this officer.
// RecordApplicationStep always does; a whole-record save that rewrote
// them would otherwise be refused only at HQ.
func (w *Writer) stepsChangeFits(op Op) string {
	if op.Type != visits.TypeApplication || op.Field != "steps" || len(op.Resolves) > 0 {
		return ""
	}
	var to, from []visits.ApplicationStep
	if json.Unmarshal(op.Value, &to) != nil {
		return "steps of an application must be a list of steps"
	}
	if len(op.From) > 0 && json.Unmarshal(op.From, &from) != nil {
		from = nil
	}
	if slices.Equal(to, from) {
		return ""
	}
	if len(to) < len(from) || !slices.Equal(to[:len(from)], from) {
		return fmt.Sprintf("steps only move forward: this change drops or rewrites the %d recorded steps", len(from))
	}
	for i, s := range to[len(from):] {
		if s.By != w.Officer() && s.By != localOfficer {
			return fmt.Sprintf("steps[%d] (%s) is recorded by %s; a step this laptop adds is recorded by %s",
				len(from)+i, s.Step, quoteShort(s.By), quoteShort(w.Officer()))
		}
	}
	return ""
}
