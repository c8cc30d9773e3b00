package store

import (
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// WeeklyReportOptions are what the caller of WeeklyReportInput knows that
// the database does not.
type WeeklyReportOptions struct {
	District    string    // shown in the header ("": none)
	GeneratedAt time.Time // when the report is made (the caller's clock)
	// GeneratedBy names who made the report; "": the logged-in officer
	// (their name if the officer record is here, else the id), else
	// "local".
	GeneratedBy string
	// DataAsOf is how fresh the data is; zero: the last successful sync
	// (HQ passes the time it reads its own records).
	DataAsOf time.Time
	// Full reads every record of every type (Reader.Dataset), as the
	// report did before it read only what it needs: for comparison.
	Full bool
}

// WeeklyReportInput assembles everything the weekly report of week reads,
// in one place for the CLI, the TUI (screen and exports) and HQ: the
// records, the working-day calendar in force (Reader.Calendar), and from
// HQ's settings (built-in rules for what HQ has not set) the district's
// name, the HNTE batch deadlines and the targets of the week's year and
// HQ's note of the week; who made the report and how fresh the data is.
func (r *Reader) WeeklyReportInput(week visits.Week, o WeeklyReportOptions) (visits.ReportInput, error) {
	opts := visits.ReportOptions{
		District:    o.District,
		GeneratedAt: o.GeneratedAt,
		GeneratedBy: o.GeneratedBy,
		DataAsOf:    o.DataAsOf,
		Calendar:    r.Calendar(),
	}
	if opts.DataAsOf.IsZero() {
		opts.DataAsOf = r.SyncState().LastSync
	}
	// HQ's settings, else the built-in rules (store/settings.go).
	set := r.Settings()
	if opts.District == "" {
		opts.District = set.District
	}
	year := week.End().Year()
	opts.BatchDeadlines = set.BatchDeadlines(year)
	opts.Targets = set.TargetsFor(year)
	opts.Note = set.Note(week)
	opts.Labels = set
	var ds visits.Dataset
	var err error
	if o.Full {
		ds, err = r.Dataset()
	} else {
		var n int
		ds, n, err = r.reportData(week, visits.ReportAsOf(week, o.GeneratedAt))
		opts.YearVisits = &n // counted from the index: ds holds only some of the year's visits
	}
	if err != nil {
		return visits.ReportInput{}, err
	}
	if opts.GeneratedBy == "" {
		opts.GeneratedBy = r.reportAuthor()
	}
	return visits.ReportInput{Week: week, Data: ds, Options: opts}, nil
}

// reportAuthor is the logged-in officer's name, else their id, else
// "local".
func (r *Reader) reportAuthor() string {
	id := r.Identity().Officer
	if id == "" {
		return "local"
	}
	if o, err := Get[visits.Officer](r, id); err == nil && o.Name != "" {
		return o.Name
	}
	return id
}
