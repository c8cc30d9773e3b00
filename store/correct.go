package store

import (
	"slices"
	"strings"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// CorrectVisit saves a corrected visit. A saved visit is never changed
// silently: a reason is required, and each changed field is appended to
// the visit's corrections (from, to, by, when, why) in the same
// transaction as the change.
func (w *Writer) CorrectVisit(v *visits.Visit, reason string) error {
	old, err := Get[visits.Visit](w.Reader(), v.ID)
	if err != nil {
		return err
	}
	if strings.TrimSpace(reason) == "" {
		return visits.Errors{{Field: "reason", Code: visits.ErrCodeRequired}}
	}
	if err := visits.ValidateVisit(*v, w.s.Now()); err != nil {
		return err
	}
	at := w.s.Now().UTC()
	v.Corrections = slices.Clone(old.Corrections)
	for _, c := range visitChanges(old, *v) {
		c.At, c.By, c.Reason = at, w.Officer(), reason
		v.Corrections = append(v.Corrections, c)
	}
	if len(v.Corrections) == len(old.Corrections) {
		return nil // nothing changed
	}
	v.EnterpriseID, v.Meta = old.EnterpriseID, old.Meta
	return w.Save(v)
}

// visitChanges lists the fields an officer can correct that differ.
func visitChanges(a, b visits.Visit) []visits.Correction {
	pairs := []struct{ field, from, to string }{
		{"at", a.At.UTC().Format(time.RFC3339), b.At.UTC().Format(time.RFC3339)},
		{"occasion", a.Occasion, b.Occasion},
		{"extra_occasions", strings.Join(a.ExtraOccasions, ","), strings.Join(b.ExtraOccasions, ",")},
		{"method", a.Method, b.Method},
		{"purposes", strings.Join(a.Purposes, ","), strings.Join(b.Purposes, ",")},
		{"people_met", a.PeopleMet, b.PeopleMet},
		{"summary", a.Summary, b.Summary},
		{"policies", a.Policies, b.Policies},
		{"solved_on_spot", a.SolvedOnSpot, b.SolvedOnSpot},
		{"next_plan", a.NextPlan, b.NextPlan},
		{"note", a.Note, b.Note},
		{"companions", strings.Join(a.Companions, ","), strings.Join(b.Companions, ",")},
	}
	var out []visits.Correction
	for _, p := range pairs {
		if p.from != p.to {
			out = append(out, visits.Correction{Field: p.field, From: p.from, To: p.to})
		}
	}
	return out
}
