package visits

import "fmt"

// The 六必访 obligations that follow the plan's calendar rather than the
// enterprise's visits: the 新设立/新落户/新入库 visit, the HNTE annual report
// and the tech-SME (科小) evaluation window. Owed adds them; see Owed's
// comment for when each is owed and docs/obligations.md for why these
// dates.

// More obligation reason codes (label them with KindObligationReason).
const (
	ReasonNewRegistered = "new_registered"     // Detail: Readiness.RegisteredOn (新设立)
	ReasonNewArrived    = "new_arrived"        // Detail: Enterprise.ArrivedOn (新落户)
	ReasonNewListed     = "new_listed"         // Detail: the first tech-SME listing's Issued (新入库)
	ReasonAnnualReport  = "hnte_annual_report" // Detail: the report's deadline, "2026-05-31"
	ReasonTSMEWindow    = "tsme_window"        // Detail: "2026-03-01~2026-09-30", the window
)

// NewEntryDays is how many calendar days after an enterprise is set up,
// moves in or is first listed its 新设立/新落户/新入库 visit is due. A due day
// that is not a working day moves to the next working day (a period that
// ends on a holiday ends on the first working day after it).
const NewEntryDays = 30

// AnnualReportMonthDay is the HNTE annual report's deadline (高新技术企业
// 年度发展情况报表, filed by 31 May for the year before); the
// application_node visit is due ApplicationLeadWorkdays before it.
const AnnualReportMonthDay = "05-31"

// ApplicationLeadWorkdays is how many working days before a deadline an
// application_node visit is due.
const ApplicationLeadWorkdays = 20

// QualificationExpiryMonthDay is the last day of the 资质到期/复审 visit:
// the plan asks for it by the end of January and allows it to run to the
// end of March.
const QualificationExpiryMonthDay = "03-31"

// TSMEWindow is a year's tech-SME evaluation window (科技型中小企业评价入库):
// the days enterprises register and submit. The province announces it
// each year; HQ feeds it. A zero TSMEWindow, or one for another year, or
// a missing date, falls back to DefaultTSMEWindow.
type TSMEWindow struct {
	Year   int
	Opens  Date
	Closes Date
}

// DefaultTSMEWindow is the window assumed until HQ sends the year's own:
// 1 March to 30 September (the province takes registrations in batches
// over spring and summer; the last day is what an officer must not miss).
func DefaultTSMEWindow(year int) TSMEWindow {
	var none TSMEWindow
	opens, closes := none.For(year)
	return TSMEWindow{Year: year, Opens: opens, Closes: closes}
}

// For returns the window of year: w's dates when w is for that year,
// else the default's.
func (w TSMEWindow) For(year int) (opens, closes Date) {
	opens, closes = monthDay(year, "03-01"), monthDay(year, "09-30")
	if w.Year == year {
		if w.Opens != "" {
			opens = w.Opens
		}
		if w.Closes != "" {
			closes = w.Closes
		}
	}
	return opens, closes
}

// ObligationVisitsFrom is the first day whose visits ObligationInput.Visits
// needs for Owed on the day on: NewEntryDays before the year began, so a
// new entry of late December is still settled by a visit made then.
func ObligationVisitsFrom(on Date) Date {
	return dateOfNum(daysFromCivil(yearOf(on), 1, 1) - NewEntryDays)
}

// monthDay returns the day "MM-DD" of year, as a Date.
func monthDay(year int, md string) Date {
	m := int(md[0]-'0')*10 + int(md[1]-'0')
	d := int(md[3]-'0')*10 + int(md[4]-'0')
	return dateOfNum(daysFromCivil(year, m, d))
}

// lastYearEnd returns 31 December of the year before on's.
func lastYearEnd(on Date) Date { return dateOfNum(daysFromCivil(yearOf(on), 1, 1) - 1) }

// onOrAfterWorkday returns d, or the next working day when d is not one.
func (c *Calendar) onOrAfterWorkday(d Date) Date {
	if c.IsWorkday(d) {
		return d
	}
	return c.AddWorkdays(d, 1)
}

// owedNewEntry adds the 新设立/新落户/新入库 visit: of the days the enterprise
// was registered (Readiness.RegisteredOn), moved in (ArrivedOn) and first
// listed as a tech SME (its earliest tsme qualification's Issued), those on
// or before on whose due day falls in on's year or later and that no
// new_entry visit on or after them settled; the earliest is owed.
func (in *ObligationInput) owedNewEntry(d *OwedDay, add func(occ string, due Date, reason, detail, needID string)) {
	e, on := &in.Enterprise, d.on
	var listed Date
	for _, q := range e.Qualifications {
		if q.Kind == TierTSME && q.Issued != "" && (listed == "" || q.Issued < listed) {
			listed = q.Issued
		}
	}
	if e.Readiness.RegisteredOn == "" && e.ArrivedOn == "" && listed == "" {
		return
	}
	from := d.visitsFrom
	first, reason := Date(""), ""
	for _, t := range []struct {
		day    Date
		reason string
	}{{e.Readiness.RegisteredOn, ReasonNewRegistered}, {e.ArrivedOn, ReasonNewArrived}, {listed, ReasonNewListed}} {
		if _, ok := dayNum(t.day); !ok || t.day > on || t.day < from {
			continue
		}
		if in.visited(OccNewEntry, t.day, on) {
			continue
		}
		if first == "" || t.day < first {
			first, reason = t.day, t.reason
		}
	}
	if first != "" {
		add(OccNewEntry, in.Calendar.onOrAfterWorkday(addDays(first, NewEntryDays)), reason, string(first), "")
	}
}

// owedAnnualReport adds the application_node visit before the HNTE annual
// report: for an enterprise whose HNTE certificate was in force on 31
// December of the year before (it reports on that year), until 31 May, and
// until an application_node visit is made in the year.
func (in *ObligationInput) owedAnnualReport(d *OwedDay, add func(occ string, due Date, reason, detail, needID string)) {
	on := d.on
	held := false
	for _, q := range in.Enterprise.Qualifications {
		held = held || (q.Kind == TierHNTE && q.ValidOn(d.lastYearEnd))
	}
	if !held {
		return
	}
	deadline := d.annual
	if deadline < on || in.visited(OccApplicationNode, d.yearStart, on) {
		return
	}
	add(OccApplicationNode, d.addWorkdays(in.Calendar, deadline, -ApplicationLeadWorkdays), ReasonAnnualReport, string(deadline), "")
}

// owedTSMEWindow adds the application_node visit before the tech-SME
// window closes, for an enterprise not listed for the year yet that was
// listed the year before (its listing lapsed at year end and must be
// renewed) or that is in the pipeline (a cultivation stage, no
// qualification in force): due ApplicationLeadWorkdays before the window
// closes, until an application_node visit is made from
// ApplicationLeadWorkdays before it opens.
func (in *ObligationInput) owedTSMEWindow(d *OwedDay, add func(occ string, due Date, reason, detail, needID string)) {
	e, on := &in.Enterprise, d.on
	renew := false
	for _, q := range e.Qualifications {
		if q.Kind != TierTSME {
			continue
		}
		if q.ValidOn(on) {
			return // listed for the year
		}
		renew = renew || q.ValidOn(d.lastYearEnd)
	}
	if !renew && (e.Stage == "" || Tier(*e, on) != TierNone) {
		return // neither to renew nor in the pipeline
	}
	opens, closes := d.tsmeWindow(in.TSMEWindow)
	if closes < on {
		return
	}
	if in.visited(OccApplicationNode, d.addWorkdays(in.Calendar, opens, -ApplicationLeadWorkdays), on) {
		return
	}
	add(OccApplicationNode, d.addWorkdays(in.Calendar, closes, -ApplicationLeadWorkdays), ReasonTSMEWindow,
		fmt.Sprintf("%s~%s", opens, closes), "")
}
