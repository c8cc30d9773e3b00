package visits

import "slices"

// Planning an import: which stored enterprise each parsed row updates or
// creates, and how a row merges into a stored record.

// PlannedRow is one enterprise an import will write. For an update,
// Enterprise is the stored record with the sheet's values merged in (its
// Meta kept) and Changed names the fields that differ.
type PlannedRow struct {
	Row        int        `json:"row"`
	Enterprise Enterprise `json:"enterprise"`
	Changed    []string   `json:"changed,omitempty"`
}

// ImportPlan is what an import would do; a dry run prints it, a real run
// also writes Created and Updated.
type ImportPlan struct {
	Created   []PlannedRow `json:"created"`
	Updated   []PlannedRow `json:"updated"`
	Unchanged []PlannedRow `json:"unchanged"`
	Refused   []RowError   `json:"refused"`
	Warnings  []RowError   `json:"warnings"`
	Unknown   []string     `json:"unknown_columns"`
	Encoding  string       `json:"encoding,omitempty"` // as in ImportResult
	// Applications: the funnel changes (PlanApplications, sheet_funnel.go).
	Applications []PlannedApplication `json:"applications,omitempty"`
}

// PlanImport matches parsed rows to existing enterprises by USCC. A row
// overwrites only the fields it has a value for; a qualification is added
// unless one of the same kind and certificate (or issue date) exists,
// which is then updated; a contact is added unless one with the same name
// exists, which is then updated.
func PlanImport(existing []Enterprise, parsed ImportResult) ImportPlan {
	plan := ImportPlan{
		Created: []PlannedRow{}, Updated: []PlannedRow{}, Unchanged: []PlannedRow{},
		Refused: append([]RowError{}, parsed.Refused...), Warnings: append([]RowError{}, parsed.Warnings...),
		Unknown: append([]string{}, parsed.Unknown...), Encoding: parsed.Encoding,
	}
	byUSCC := make(map[string]int, len(existing))
	for i, e := range existing {
		if k := NormalizeUSCC(e.USCC); k != "" {
			if _, dup := byUSCC[k]; !dup {
				byUSCC[k] = i
			}
		}
	}
	for _, p := range parsed.Rows {
		i, ok := byUSCC[p.Enterprise.USCC]
		if !ok {
			plan.Created = append(plan.Created, PlannedRow{Row: p.Row, Enterprise: p.Enterprise})
			continue
		}
		merged, changed := mergeImported(existing[i], p)
		pr := PlannedRow{Row: p.Row, Enterprise: merged, Changed: changed}
		if len(changed) == 0 {
			plan.Unchanged = append(plan.Unchanged, pr)
		} else {
			plan.Updated = append(plan.Updated, pr)
		}
	}
	return plan
}

// mergeImported applies the fields p has to a copy of old.
func mergeImported(old Enterprise, p ParsedRow) (Enterprise, []string) {
	e := old
	e.Contacts = slices.Clone(old.Contacts)
	e.Qualifications = slices.Clone(old.Qualifications)
	in := p.Enterprise
	var changed []string
	setStr := func(name string, dst *string, v string) {
		if *dst != v {
			*dst, changed = v, append(changed, name)
		}
	}
	setBool := func(name string, dst *bool, v bool) {
		if *dst != v {
			*dst, changed = v, append(changed, name)
		}
	}
	for _, f := range p.Fields {
		switch f {
		case colName:
			setStr(f, &e.Name, in.Name)
		case colShortName:
			setStr(f, &e.ShortName, in.ShortName)
		case colStreet:
			setStr(f, &e.Street, in.Street)
		case colAddress:
			setStr(f, &e.Address, in.Address)
		case colLegalRep:
			setStr(f, &e.LegalRep, in.LegalRep)
		case colDomain:
			setStr(f, &e.Domain, in.Domain)
		case colStage:
			setStr(f, &e.Stage, in.Stage)
		case colAboveSize:
			setBool(f, &e.AboveSize, in.AboveSize)
		case colPrivate:
			setBool(f, &e.Private, in.Private)
		case colSpecialized:
			setBool(f, &e.Specialized, in.Specialized)
		case colKey:
			setBool(f, &e.Key, in.Key)
		case "uscc_confirmed":
			setBool(f, &e.USCCConfirmed, in.USCCConfirmed)
		case colBatch:
			if e.Batch != in.Batch {
				e.Batch, changed = in.Batch, append(changed, f)
			}
		case colArrived:
			if e.ArrivedOn != in.ArrivedOn {
				e.ArrivedOn, changed = in.ArrivedOn, append(changed, f)
			}
		case colRegistered:
			if e.Readiness.RegisteredOn != in.Readiness.RegisteredOn {
				e.Readiness.RegisteredOn, changed = in.Readiness.RegisteredOn, append(changed, "readiness")
			}
		case "contacts":
			if mergeContact(&e.Contacts, in.Contacts[0]) {
				changed = append(changed, f)
			}
		case "qualifications":
			if mergeQualification(&e.Qualifications, in.Qualifications[0]) {
				changed = append(changed, f)
			}
		default:
			if _, ok := readinessField(f); ok && mergeReadinessField(&e, in, f) {
				changed = append(changed, f)
			}
		}
	}
	return e, changed
}

func mergeContact(cs *[]Contact, c Contact) bool {
	for i, old := range *cs {
		if old.Name == c.Name || (c.Name == "" && old.Phone == c.Phone) {
			m := old
			if c.Title != "" {
				m.Title = c.Title
			}
			if c.Phone != "" {
				m.Phone = c.Phone
			}
			(*cs)[i] = m
			return m != old
		}
	}
	*cs = append(*cs, c)
	return true
}

func mergeQualification(qs *[]Qualification, q Qualification) bool {
	for i, old := range *qs {
		same := old.Kind == q.Kind && ((q.Certificate != "" && old.Certificate == q.Certificate) ||
			(q.Certificate == "" && old.Issued == q.Issued) || (old.Certificate == "" && old.Issued == q.Issued))
		if !same {
			continue
		}
		m := old
		if q.Certificate != "" {
			m.Certificate = q.Certificate
		}
		if !q.Issued.IsZero() {
			m.Issued = q.Issued
		}
		if !q.Expires.IsZero() {
			m.Expires = q.Expires
		}
		(*qs)[i] = m
		return m != old
	}
	*qs = append(*qs, q)
	return true
}
