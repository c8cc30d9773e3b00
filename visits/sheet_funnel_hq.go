package visits

// ImportApplications builds the application records an HQ import saves
// (HQ writes whole records, not through a laptop's Writer): for each
// planned create or advance, the application with the sheet's step
// applied by ApplyStep (by records who). The enterprises the import
// creates must already carry their ids (plan.Created). A step the rules
// refuse refuses its row's application (step_refused, Detail: why) and is
// dropped from plan.Applications.
func ImportApplications(plan *ImportPlan, apps []Application, today Date, by string) []*Application {
	byID := make(map[string]Application, len(apps))
	for _, a := range apps {
		byID[a.ID] = a
	}
	created := map[int]string{}
	for _, pr := range plan.Created {
		created[pr.Row] = pr.Enterprise.ID
	}
	var out []*Application
	kept := plan.Applications[:0:0]
	for _, pa := range plan.Applications {
		if pa.EnterpriseID == "" {
			pa.EnterpriseID = created[pa.Row]
		}
		var a Application
		switch pa.Action {
		case AppCreate:
			a = Application{EnterpriseID: pa.EnterpriseID, Kind: pa.Sheet.Kind, Year: pa.Sheet.Year, Batch: pa.Sheet.Batch}
		case AppAdvance:
			a = byID[pa.ApplicationID]
		default:
			kept = append(kept, pa)
			continue
		}
		err := ValidateApplication(a)
		if err == nil {
			cert := Qualification{Certificate: pa.Sheet.Certificate, Issued: pa.Sheet.Issued}
			a, err = ApplyStep(a, ApplicationStep{Step: pa.Sheet.Step, Date: pa.Sheet.Date, By: by}, cert, today)
		}
		if err != nil {
			plan.Refused = append(plan.Refused, RowError{Row: pa.Row, Reason: ReasonStepRefused, Column: "申报进度", Value: pa.USCC, Detail: err.Error()})
			continue
		}
		out = append(out, &a)
		kept = append(kept, pa)
	}
	plan.Applications = kept
	return out
}

// ReasonStepRefused: the funnel's rules refuse the row's step (HQ import).
const ReasonStepRefused = "step_refused"
