package store

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"github.com/liaison-dev/liaison/visits"
)

// Dataset returns every live record of every type: what a weekly report
// or an export reads. The laptop passes its own records; HQ the district's.
func (r *Reader) Dataset() (visits.Dataset, error) {
	var ds visits.Dataset
	var err error
	load := func(f func() error) {
		if err == nil {
			err = f()
		}
	}
	load(func() (e error) { ds.Officers, e = All[visits.Officer](r); return })
	load(func() (e error) { ds.Enterprises, e = All[visits.Enterprise](r); return })
	load(func() (e error) { ds.Assignments, e = All[visits.Assignment](r); return })
	load(func() (e error) { ds.Visits, e = All[visits.Visit](r); return })
	load(func() (e error) { ds.Needs, e = All[visits.Need](r); return })
	load(func() (e error) { ds.Events, e = All[visits.NeedEvent](r); return })
	load(func() (e error) { ds.FollowUps, e = All[visits.FollowUp](r); return })
	load(func() (e error) { ds.Applications, e = All[visits.Application](r); return })
	if err != nil {
		return visits.Dataset{}, fmt.Errorf("load dataset: %w", err)
	}
	return ds, nil
}

// Reasons the store adds to an import plan's refused rows, beside the
// parser's visits.Reason* codes.
const (
	// ReasonInvalid: the record the row would make fails validation
	// (Import.Invalid holds the field errors).
	ReasonInvalid = "invalid"
	// ReasonExists: the plan creates an enterprise whose USCC is already
	// stored (the plan was made against older data; plan again).
	ReasonExists = "uscc_exists"
	// ReasonMalformed: a value of the row is not one any laptop or HQ
	// would take (CheckOp); Import.Malformed holds why.
	ReasonMalformed = "malformed"
)

// Import is an import plan as the store carried it out (or, for a dry run,
// would carry it out). Rows the store refused were moved from Created or
// Updated to Refused.
type Import struct {
	visits.ImportPlan
	DryRun bool `json:"dry_run"`
	// Invalid holds, by row number, why a row refused with ReasonInvalid
	// failed validation.
	Invalid map[int]visits.Errors `json:"-"`
	// Malformed holds, by row number, why a row refused with
	// ReasonMalformed holds a value no laptop or HQ would take.
	Malformed map[int]*MalformedError `json:"-"`
}

// Message explains a refused or warned row in lang, including the reasons
// the store adds.
func (im Import) Message(e visits.RowError, lang visits.Lang) string {
	var zh, en string
	switch e.Reason {
	case ReasonInvalid:
		fe := im.Invalid[e.Row]
		zh, en = "记录校验未通过："+fe.Message(visits.ZH), "the record fails validation: "+fe.Message(visits.EN)
	case ReasonExists:
		zh, en = "统一社会信用代码 "+e.Value+" 的企业已存在，请重新导入", "an enterprise with USCC "+e.Value+" already exists; import again"
	case ReasonMalformed:
		m := im.Malformed[e.Row]
		if m == nil {
			m = &MalformedError{}
		}
		f := visits.PlainText(Abbrev(m.Field, 64), false)
		r := visits.PlainText(Abbrev(m.Reason, MaxReasonRunes), false)
		zh, en = "字段 "+f+" 的值不合规，本行未导入（"+r+"）", "the value of "+f+" is not well-formed; row not imported ("+r+")"
	default:
		return e.Message(lang)
	}
	if lang == visits.EN {
		return fmt.Sprintf("row %d: %s", e.Row, en)
	}
	return fmt.Sprintf("第 %d 行：%s", e.Row, zh)
}

// ImportEnterprises plans parsed against the stored enterprises and, unless
// dryRun, writes the plan, all in one transaction: either every accepted
// row is stored or (on a storage error) none. A row that fails is refused
// and the others go on. The laptop and HQ both import through here.
func (s *Store) ImportEnterprises(parsed visits.ImportResult, dryRun bool) (Import, error) {
	var im Import
	plan := func(r *Reader) error {
		existing, err := All[visits.Enterprise](r)
		if err != nil {
			return err
		}
		im = Import{ImportPlan: visits.PlanImport(existing, parsed), DryRun: dryRun}
		apps, err := All[visits.Application](r)
		if err != nil {
			return err
		}
		visits.PlanApplications(&im.ImportPlan, parsed, existing, apps, visits.DateOf(s.Now()))
		return nil
	}
	if dryRun {
		err := s.View(func(r *Reader) error {
			if err := plan(r); err != nil {
				return err
			}
			im.check(r, nil)
			return im.applications(r, visits.DateOf(s.Now()), nil)
		})
		return im, err
	}
	err := s.Update(func(w *Writer) error {
		if err := plan(w.Reader()); err != nil {
			return err
		}
		var err error
		im, err = w.ApplyImport(im.ImportPlan)
		if err != nil {
			return err
		}
		return w.applyApplications(&im)
	})
	if err != nil {
		return Import{}, err
	}
	return im, nil
}

// ApplyImport writes plan in w's transaction: Created rows as new
// enterprises with AddEnterprise's rules (normalized USCC, validation, no
// duplicate USCC), Updated rows through Save (only changed fields make
// ops). A row that fails validation or collides with a stored USCC is
// moved to Refused; any other error aborts (and Update rolls back).
// The ids of created enterprises are filled in the returned plan.
func (w *Writer) ApplyImport(plan visits.ImportPlan) (Import, error) {
	im := Import{ImportPlan: plan}
	if len(plan.Created)+len(plan.Updated) > 100 {
		// New ids and outbox sequences only grow: fill pages instead of
		// splitting them in half (as Seed does).
		for _, b := range [][]byte{fieldsBucket(visits.TypeEnterprise), bOutbox, bOutboxField} {
			w.tx.Bucket(b).SetFillPercent(0.9)
		}
	}
	var werr error
	im.check(w.Reader(), func(pr *visits.PlannedRow, created bool) error {
		if werr != nil {
			return nil
		}
		var err error
		if created {
			err = w.AddEnterprise(&pr.Enterprise, pr.Enterprise.USCCConfirmed)
		} else {
			err = w.Save(&pr.Enterprise)
		}
		if err == nil || visits.AsErrors(err) != nil || errors.Is(err, ErrDuplicateUSCC) || errors.Is(err, ErrMalformed) {
			return err
		}
		werr = fmt.Errorf("import row %d: %w", pr.Row, err)
		return nil
	})
	return im, werr
}

// check validates every Created and Updated row, moving failures to
// Refused, and calls write (if not nil) for the rows that pass; an error
// from write refuses the row too. Refused ends sorted by row.
func (im *Import) check(r *Reader, write func(pr *visits.PlannedRow, created bool) error) {
	refuse := func(pr visits.PlannedRow, err error) {
		if m := (*MalformedError)(nil); errors.As(err, &m) {
			if im.Malformed == nil {
				im.Malformed = map[int]*MalformedError{}
			}
			im.Malformed[pr.Row] = m
			im.Refused = append(im.Refused, visits.RowError{Row: pr.Row, Reason: ReasonMalformed, Value: pr.Enterprise.USCC})
			return
		}
		if fe := visits.AsErrors(err); fe != nil {
			if im.Invalid == nil {
				im.Invalid = map[int]visits.Errors{}
			}
			im.Invalid[pr.Row] = fe
			im.Refused = append(im.Refused, visits.RowError{Row: pr.Row, Reason: ReasonInvalid, Value: pr.Enterprise.USCC})
			return
		}
		im.Refused = append(im.Refused, visits.RowError{Row: pr.Row, Reason: ReasonExists, Value: pr.Enterprise.USCC})
	}
	pass := func(rows []visits.PlannedRow, created bool) []visits.PlannedRow {
		kept := rows[:0:0]
		for i := range rows {
			pr := rows[i]
			var err error
			if !created || write == nil {
				// AddEnterprise normalizes the USCC and validates itself.
				err = visits.ValidateEnterprise(pr.Enterprise)
			}
			if err == nil && created && write == nil && pr.Enterprise.USCC != "" {
				if _, e := r.EnterpriseByUSCC(pr.Enterprise.USCC); e == nil {
					err = ErrDuplicateUSCC
				}
			}
			if err == nil && write != nil {
				err = write(&pr, created)
			}
			if err != nil {
				refuse(pr, err)
				continue
			}
			kept = append(kept, pr)
		}
		return kept
	}
	im.Refused = slices.Clone(im.Refused) // the caller's plan stays as it was
	n := len(im.Refused)
	im.Created = pass(im.Created, true)
	im.Updated = pass(im.Updated, false)
	if len(im.Refused) > n {
		sortRowErrors(im.Refused)
	}
}

func sortRowErrors(es []visits.RowError) {
	slices.SortStableFunc(es, func(a, b visits.RowError) int { return cmp.Compare(a.Row, b.Row) })
}
