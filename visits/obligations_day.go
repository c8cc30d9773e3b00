package visits

import "fmt"

// OwedDay computes the visits owed (Owed) of many enterprises on one day:
// the day's own dates (the year's first day, 31 December before, the
// deadlines of the plan's calendar) are worked out once, and the working
// days counted back from a deadline are remembered, instead of once per
// enterprise. It gives what Owed gives (TestOwedDayMatchesOwed). An
// OwedDay is not safe for use by several goroutines at once: give each
// its own.
type OwedDay struct {
	on          Date
	onNum       int
	year        int
	yearStart   Date
	lastYearEnd Date
	visitsFrom  Date // ObligationVisitsFrom(on)
	qualDue     Date // the year's QualificationExpiryMonthDay
	annual      Date // the year's AnnualReportMonthDay
	tsmeOpens   Date // DefaultTSMEWindow(year)
	tsmeCloses  Date
	batches     Batches // DefaultBatches(year)

	memoCal *Calendar // the calendar memo counts with
	memo    map[workdaysKey]Date
}

type workdaysKey struct {
	from Date
	n    int
}

// NewOwedDay prepares the day on.
func NewOwedDay(on Date) *OwedDay {
	d := &OwedDay{on: on, year: yearOf(on)}
	d.onNum, _ = dayNum(on)
	d.yearStart = yearStart(d.year)
	d.lastYearEnd = lastYearEnd(on)
	d.visitsFrom = ObligationVisitsFrom(on)
	d.qualDue = Date(fmt.Sprintf("%04d-%s", d.year, QualificationExpiryMonthDay))
	d.annual = monthDay(d.year, AnnualReportMonthDay)
	d.tsmeOpens, d.tsmeCloses = TSMEWindow{}.For(d.year)
	d.batches = DefaultBatches(d.year)
	return d
}

// addWorkdays is cal.AddWorkdays(from, n), remembered for cal.
func (d *OwedDay) addWorkdays(cal *Calendar, from Date, n int) Date {
	if d.memo == nil || d.memoCal != cal {
		d.memo, d.memoCal = map[workdaysKey]Date{}, cal
	}
	k := workdaysKey{from, n}
	if to, ok := d.memo[k]; ok {
		return to
	}
	to := cal.AddWorkdays(from, n)
	d.memo[k] = to
	return to
}

// deadline is b.Deadline(d.year, batch) without formatting the default
// deadlines again.
func (d *OwedDay) deadline(b Batches, batch int) Date {
	if batch < 1 || batch > 3 {
		return ""
	}
	if b.Year == d.year && b.Deadlines[batch-1] != "" {
		return b.Deadlines[batch-1]
	}
	return d.batches.Deadlines[batch-1]
}

// tsmeWindow is w.For(d.year).
func (d *OwedDay) tsmeWindow(w TSMEWindow) (opens, closes Date) {
	if w.Year == d.year {
		return w.For(d.year)
	}
	return d.tsmeOpens, d.tsmeCloses
}

// addDays is day.AddDays(n), counted in day numbers (no time parsing)
// when day is well formed.
func addDays(day Date, n int) Date {
	if x, ok := dayNum(day); ok {
		return dateOfNum(x + n)
	}
	return day.AddDays(n)
}
