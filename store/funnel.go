package store

import (
	"encoding/json"

	"github.com/liaison-dev/liaison/visits"
)

// The application funnel, the enterprise flags and the readiness inputs,
// as officers record them (rules in visits/funnel.go and
// visits/readiness_input.go). Each is meant to run inside one Update; each
// changed field is one op (CheckOp applies), so nothing here bypasses
// sync.

// AddApplication validates a new application and saves it: its enterprise
// exists and has no unfinished application of the same kind and year.
// Steps given with it are refused (record them with RecordApplicationStep).
func (w *Writer) AddApplication(a *visits.Application) error {
	if err := visits.ValidateApplication(*a); err != nil {
		return err
	}
	if err := w.exists(visits.TypeEnterprise, a.EnterpriseID, "enterprise_id"); err != nil {
		return err
	}
	if len(a.Steps) > 0 {
		return visits.Errors{{Field: "step", Code: visits.ErrCodeInvalid, Args: []any{a.Steps[0].Step}}}
	}
	apps, err := w.Reader().ApplicationsOf(a.EnterpriseID)
	if err != nil {
		return err
	}
	if open := visits.OpenApplication(*a, apps); open != "" {
		return visits.Errors{{Field: "kind", Code: visits.ErrCodeOpenApp, Args: []any{a.Year, a.Kind, open}}}
	}
	return w.Save(a)
}

// RecordApplicationStep records that application id reached s.Step on
// s.Date (By is set to the officer). For StepApproved, cert carries the
// certificate number, issue and (optional) expiry dates; the enterprise
// gains the qualification of the application's kind in this same
// transaction (replacing one of the same kind and number), so its tier
// follows. It returns the application as recorded.
func (w *Writer) RecordApplicationStep(id string, s visits.ApplicationStep, cert visits.Qualification) (visits.Application, error) {
	r := w.Reader()
	a, err := Get[visits.Application](r, id)
	if err != nil {
		return a, err
	}
	s.By = w.Officer()
	now := w.s.Now()
	a2, err := visits.ApplyStep(a, s, cert, visits.DateOf(now))
	if err != nil {
		return a, err
	}
	changes := map[string]any{"steps": a2.Steps}
	q, approved := a2.Qualification()
	if approved {
		changes["certificate"], changes["issued"], changes["expires"] = a2.Certificate, a2.Issued, a2.Expires
	}
	// The application first: HQ takes the enterprise's new qualification
	// only as the certificate of an approved application it holds
	// (hq_qualifications.go), and ops reach it in the order written.
	if err := w.setFields(visits.TypeApplication, id, changes); err != nil {
		return a, err
	}
	if approved {
		if err := w.addQualification(a2.EnterpriseID, q); err != nil {
			return a, err
		}
	}
	a2.UpdatedAt = now.UTC()
	return a2, nil
}

// addQualification writes q into the enterprise's qualifications.
func (w *Writer) addQualification(enterpriseID string, q visits.Qualification) error {
	e, err := Get[visits.Enterprise](w.Reader(), enterpriseID)
	if err != nil {
		return visits.Errors{{Field: "enterprise_id", Code: visits.ErrCodeNotFound, Args: []any{enterpriseID}}}
	}
	e.Qualifications = visits.WithQualification(e.Qualifications, q)
	if err := visits.ValidateEnterprise(e); err != nil {
		return err
	}
	return w.setFields(visits.TypeEnterprise, enterpriseID, map[string]any{"qualifications": e.Qualifications})
}

// SetEnterpriseFlags sets the flags that f gives (nil leaves one as it
// is) and returns the codes of those that changed.
func (w *Writer) SetEnterpriseFlags(id string, f visits.Flags) ([]string, error) {
	e, err := Get[visits.Enterprise](w.Reader(), id)
	if err != nil {
		return nil, visits.Errors{{Field: "enterprise_id", Code: visits.ErrCodeNotFound, Args: []any{id}}}
	}
	changed := f.Apply(&e)
	changes := map[string]any{}
	for _, c := range changed {
		changes[c] = visits.FlagValue(e, c)
	}
	return changed, w.setFields(visits.TypeEnterprise, id, changes)
}

// SetReadiness replaces the enterprise's readiness inputs with r (one
// field: read, change and write back what the officer sees) after
// ValidateReadiness.
func (w *Writer) SetReadiness(id string, r visits.Readiness) error {
	if err := visits.ValidateReadiness(r); err != nil {
		return err
	}
	if err := w.exists(visits.TypeEnterprise, id, "enterprise_id"); err != nil {
		return err
	}
	return w.setFields(visits.TypeEnterprise, id, map[string]any{"readiness": r})
}

// setFields writes the given fields of one record (only those that differ
// from what is shown become ops) and, when any did, its updated_at.
func (w *Writer) setFields(typ, id string, changes map[string]any) error {
	if len(changes) == 0 {
		return nil
	}
	values := make(map[string]json.RawMessage, len(changes)+1)
	for k, v := range changes {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		values[k] = b
	}
	fs, err := w.loadFields(typ, id)
	if err != nil {
		return err
	}
	if len(changedFields(fs, values, false)) == 0 {
		return nil
	}
	values["updated_at"], _ = json.Marshal(w.s.Now().UTC())
	return w.edit(typ, id, values, false)
}

// ApplicationsOf returns the enterprise's applications, oldest id first.
// Applications are few (a district files hundreds a year), so this walks
// them all rather than keep an index.
func (r *Reader) ApplicationsOf(enterpriseID string) ([]visits.Application, error) {
	var out []visits.Application
	err := Each[visits.Application](r, func(a visits.Application) error {
		if a.EnterpriseID == enterpriseID {
			out = append(out, a)
		}
		return nil
	})
	return out, err
}
