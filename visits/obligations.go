package visits

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Visits owed (六必访 obligations), computed offline for each enterprise
// when the tool starts for every enterprise, so Owed is pure and cheap:
// dates are compared as strings and counted as day numbers
// (BenchmarkOwed: about 10 ms and 5 MB of garbage for 10,000 enterprises
// on a 2-core Xeon).

// Obligation reason codes; label them with KindObligationReason. A
// qualification_expiry obligation's reason is the first 三清单 code the
// enterprise is on (hnte_expiring, prov_not_hnte, failed_renewal).
const (
	ReasonCadence       = "cadence"        // Detail: the last visit day
	ReasonNeverVisited  = "never_visited"  // Detail: ""
	ReasonBatchDeadline = "batch_deadline" // Detail: "#2 2026-08-15" (batch and deadline)
	ReasonUrgentNeed    = "urgent_need"    // Detail: the need's title
	ReasonOverdueNeed   = "overdue_need"   // Detail: the need's title
)

// Default visit cadences in days.
const (
	CadenceKey   = 30
	CadenceOther = 90
)

// Obligation is one visit owed.
type Obligation struct {
	EnterpriseID string
	Occasion     string // 六必访 code
	Due          Date
	Reason       string // a Reason* or 三清单 code
	Detail       string // language-neutral facts; see the Reason* constants
	NeedID       string // the need behind a difficulty obligation
}

// Batches are the HNTE batch deadlines HQ sets for a year. A zero deadline
// (or a zero Batches, or one for another year) falls back to the default:
// end of June, mid-August, end of September.
type Batches struct {
	Year      int
	Deadlines [3]Date // batch 1, 2, 3
}

// DefaultBatches returns the default deadlines of year.
func DefaultBatches(year int) Batches {
	y := fmt.Sprintf("%04d", year)
	return Batches{Year: year, Deadlines: [3]Date{Date(y + "-06-30"), Date(y + "-08-15"), Date(y + "-09-30")}}
}

// Deadline returns the deadline of batch (1..3) in year, or zero for
// another batch number.
func (b Batches) Deadline(year, batch int) Date {
	if batch < 1 || batch > 3 {
		return ""
	}
	if b.Year == year && b.Deadlines[batch-1] != "" {
		return b.Deadlines[batch-1]
	}
	return DefaultBatches(year).Deadlines[batch-1]
}

// VisitMark is what obligations need of a completed visit.
type VisitMark struct {
	Date      Date
	Occasions []string // the primary occasion, then the extra ones
}

// MarkVisit makes the VisitMark of v.
func MarkVisit(v Visit) VisitMark {
	return VisitMark{Date: v.Date(), Occasions: append([]string{v.Occasion}, v.ExtraOccasions...)}
}

// ObligationInput is everything Owed needs about one enterprise.
type ObligationInput struct {
	Enterprise  Enterprise
	LastVisit   Date        // last completed visit of any occasion; zero: never (or see Visits)
	Visits      []VisitMark // completed visits since ObligationVisitsFrom(on); earlier ones are ignored
	Needs       []Need      // the enterprise's needs; those that cannot be overdue are skipped
	CadenceDays int         // the assignment's cadence; 0: 30 for key enterprises, 90 otherwise
	Calendar    *Calendar   // nil: Monday to Friday
	Batches     Batches     // zero: the default deadlines
	TSMEWindow  TSMEWindow  // zero: the default window (DefaultTSMEWindow)
}

// Owed returns the visits the enterprise is owed as of the day on, sorted
// by due date. Due dates may be in the past (the visit is late).
//
//   - routine: the cadence in calendar days after the last completed visit
//     of any occasion; never visited: after the record was created.
//   - new_entry: NewEntryDays (30) calendar days after the enterprise was
//     registered (Readiness.RegisteredOn, 新设立), moved in (ArrivedOn,
//     新落户) or first listed as a tech SME (新入库), moved to the next
//     working day, until a visit with that occasion is made on or after
//     that day; only days from ObligationVisitsFrom(on) (obligations_plan.go).
//   - qualification_expiry: for 三清单 members, 31 March of the year (the
//     plan asks for January and allows to the end of March), until a visit
//     with that occasion is made in the year.
//   - application_node: for stage mature or apply, 20 working days before
//     the next batch deadline not yet passed (only the planned batch when
//     Enterprise.Batch is set), until a visit with that occasion is made
//     after the previous deadline; for an HNTE (in force on 31 December
//     before) 20 working days before the annual report's 31 May, until one
//     is made in the year; for a tech SME to renew or a pipeline enterprise
//     without a qualification, 20 working days before the tech-SME window
//     closes, until one is made from 20 working days before it opens. One
//     visit settles every application node whose run-up it falls in.
//   - difficulty: for each urgent or overdue open need, 3 working days
//     after it was registered (urgent) or became overdue, until a visit
//     with that occasion is made on or after that day.
func Owed(in ObligationInput, on Date) []Obligation {
	return NewOwedDay(on).Owed(in)
}

// Owed is Owed(in, on) for the day d was made for.
func (d *OwedDay) Owed(in ObligationInput) []Obligation { return d.Append(nil, in) }

// Append appends Owed(in, on) to dst: a caller going through many
// enterprises can reuse one buffer.
func (d *OwedDay) Append(dst []Obligation, in ObligationInput) []Obligation {
	e := &in.Enterprise
	on := d.on
	out, start := dst, len(dst)
	add := func(occ string, due Date, reason, detail, needID string) {
		out = append(out, Obligation{EnterpriseID: e.ID, Occasion: occ, Due: due, Reason: reason, Detail: detail, NeedID: needID})
	}

	// routine
	cadence := in.CadenceDays
	if cadence <= 0 {
		cadence = CadenceOther
		if e.Key {
			cadence = CadenceKey
		}
	}
	last := in.LastVisit
	for _, v := range in.Visits {
		if v.Date > last && v.Date <= on {
			last = v.Date
		}
	}
	if n, ok := dayNum(last); ok {
		add(OccRoutine, dateOfNum(n+cadence), ReasonCadence, string(last), "")
	} else {
		due := on
		if !e.CreatedAt.IsZero() {
			due = DateOf(e.CreatedAt).AddDays(cadence)
		}
		add(OccRoutine, due, ReasonNeverVisited, "", "")
	}

	// qualification_expiry
	if lists := Lists(*e, on); len(lists) > 0 && !in.visited(OccQualificationExpiry, d.yearStart, on) {
		add(OccQualificationExpiry, d.qualDue, lists[0], strings.Join(lists, ","), "")
	}

	// new_entry, and the application nodes of the plan's calendar
	in.owedNewEntry(d, add)
	in.owedAnnualReport(d, add)
	in.owedTSMEWindow(d, add)

	// application_node
	if e.Stage == StageMature || e.Stage == StageApply {
		for b := 1; b <= 3; b++ {
			if e.Batch >= 1 && e.Batch <= 3 && b != e.Batch {
				continue
			}
			deadline := d.deadline(in.Batches, b)
			if deadline < on {
				continue
			}
			from := d.yearStart
			if b > 1 {
				from = addDays(d.deadline(in.Batches, b-1), 1)
			}
			if in.visited(OccApplicationNode, from, on) {
				continue
			}
			add(OccApplicationNode, d.addWorkdays(in.Calendar, deadline, -ApplicationLeadWorkdays), ReasonBatchDeadline,
				fmt.Sprintf("#%d %s", b, deadline), "")
			break
		}
	}

	// difficulty
	for i := range in.Needs {
		n := &in.Needs[i]
		if !needActive(n.Status) {
			continue
		}
		var from Date
		reason := ReasonUrgentNeed
		if n.Severity == SeverityUrgent && !n.RegisteredAt.IsZero() {
			from = DateOf(n.RegisteredAt)
		} else {
			// Overdue: past the deadline it is measured against, which
			// is then its due date (Need.overdueOn, Need.DueDate).
			kind, due := n.Deadline(in.Calendar, "")
			if kind == DeadlineNone || on <= due {
				continue
			}
			from = addDays(due, 1)
			reason = ReasonOverdueNeed
		}
		if in.visited(OccDifficulty, from, on) {
			continue
		}
		add(OccDifficulty, d.addWorkdays(in.Calendar, from, 3), reason, n.Title, n.ID)
	}

	if len(out)-start > 1 {
		slices.SortStableFunc(out[start:], func(a, b Obligation) int { return cmp.Compare(a.Due, b.Due) })
	}
	return out
}

func yearStart(year int) Date { return Date(fmt.Sprintf("%04d-01-01", year)) }

// OwedOccasions are the occasions whose visits settle an obligation;
// ObligationInput.Visits needs only visits with these since
// ObligationVisitsFrom (and LastVisit for the routine cadence).
func OwedOccasions() []string {
	return []string{OccNewEntry, OccQualificationExpiry, OccApplicationNode, OccDifficulty}
}

// visited reports whether a visit with occasion was made in [from, to].
func (in *ObligationInput) visited(occasion string, from, to Date) bool {
	for _, v := range in.Visits {
		if v.Date >= from && v.Date <= to && slices.Contains(v.Occasions, occasion) {
			return true
		}
	}
	return false
}
