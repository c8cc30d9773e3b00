package store

import (
	"fmt"

	"github.com/liaison-dev/liaison/visits"
)

// applyApplications writes the funnel changes of an applied import
// (visits.PlanApplications): a new application at the sheet's step, or
// the step recorded on the stored one, through AddApplication and
// RecordApplicationStep, so the funnel's rules and sync ops apply. A row
// whose enterprise was refused, or whose step the rules refuse, is
// refused (its enterprise cells stay written); any other error aborts.
func (w *Writer) applyApplications(im *Import) error {
	return im.applications(w.Reader(), visits.DateOf(w.s.Now()), w)
}

// applications checks (w nil: a dry run) or writes the funnel changes.
func (im *Import) applications(r *Reader, today visits.Date, w *Writer) error {
	refused := map[int]bool{}
	for _, r := range im.Refused {
		refused[r.Row] = true
	}
	created := map[int]string{}
	for _, pr := range im.Created {
		created[pr.Row] = pr.Enterprise.ID
	}
	kept := im.Applications[:0:0]
	for _, pa := range im.Applications {
		if refused[pa.Row] {
			continue
		}
		if pa.EnterpriseID == "" {
			pa.EnterpriseID = created[pa.Row]
		}
		err := checkApplication(r, pa, today)
		if err == nil && w != nil {
			err = w.applyApplication(&pa)
		}
		if fe := visits.AsErrors(err); fe != nil {
			if im.Invalid == nil {
				im.Invalid = map[int]visits.Errors{}
			}
			im.Invalid[pa.Row] = fe
			im.Refused = append(im.Refused, visits.RowError{Row: pa.Row, Reason: ReasonInvalid, Value: pa.USCC})
			continue
		}
		if err != nil {
			return fmt.Errorf("import row %d: %w", pa.Row, err)
		}
		kept = append(kept, pa)
	}
	im.Applications = kept
	return nil
}

// checkApplication applies the funnel's rules to a planned step before
// anything is written, so a refused step leaves no empty application.
func checkApplication(r *Reader, pa visits.PlannedApplication, today visits.Date) error {
	var a visits.Application
	switch pa.Action {
	case visits.AppCreate:
		a = visits.Application{EnterpriseID: pa.EnterpriseID, Kind: pa.Sheet.Kind, Year: pa.Sheet.Year, Batch: pa.Sheet.Batch}
		if a.EnterpriseID == "" {
			a.EnterpriseID = "new" // created by this import
		}
		if err := visits.ValidateApplication(a); err != nil {
			return err
		}
	case visits.AppAdvance:
		var err error
		if a, err = Get[visits.Application](r, pa.ApplicationID); err != nil {
			return err
		}
	default:
		return nil
	}
	cert := visits.Qualification{Certificate: pa.Sheet.Certificate, Issued: pa.Sheet.Issued}
	_, err := visits.ApplyStep(a, visits.ApplicationStep{Step: pa.Sheet.Step, Date: pa.Sheet.Date}, cert, today)
	return err
}

func (w *Writer) applyApplication(pa *visits.PlannedApplication) error {
	sa := pa.Sheet
	switch pa.Action {
	case visits.AppCreate:
		a := visits.Application{EnterpriseID: pa.EnterpriseID, Kind: sa.Kind, Year: sa.Year, Batch: sa.Batch}
		if err := w.AddApplication(&a); err != nil {
			return err
		}
		pa.ApplicationID = a.ID
	case visits.AppAdvance:
	default:
		return nil
	}
	cert := visits.Qualification{Certificate: sa.Certificate, Issued: sa.Issued}
	_, err := w.RecordApplicationStep(pa.ApplicationID, visits.ApplicationStep{Step: sa.Step, Date: sa.Date}, cert)
	return err
}
