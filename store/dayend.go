package store

import (
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// DefaultRemindAt is the time of day of the day's-end reminder, 17:30 in
// Shanghai, until HQ can set it (a laptop setting meanwhile).
const DefaultRemindAt = 17*time.Hour + 30*time.Minute

// DayEnd is whether the day's work still has to reach HQ.
type DayEnd struct {
	Due         bool `json:"due"`          // remind the officer now
	Pending     int  `json:"pending_ops"`  // changes not yet at HQ
	SyncedToday bool `json:"synced_today"` // a sync reached HQ today
}

// DayEndAt says whether the day's-end reminder is due at now: on a working
// day of cal (nil: the built-in calendar, else Monday to Friday), at or
// after the time of day at (Shanghai; 0: never), when changes are pending
// or no sync reached HQ today. It reads nothing: the TUI calls it on every
// frame with what it has loaded, `liaison status` with what it read.
func DayEndAt(now time.Time, at time.Duration, cal *visits.Calendar, st Status) DayEnd {
	local := now.In(visits.Shanghai)
	midnight := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, visits.Shanghai)
	d := DayEnd{Pending: st.Pending, SyncedToday: !st.LastSync.IsZero() && !st.LastSync.Before(midnight)}
	d.Due = at > 0 && !local.Before(midnight.Add(at)) && cal.IsWorkday(visits.DateOf(now)) &&
		(d.Pending > 0 || !d.SyncedToday)
	return d
}

// DayEnd is DayEndAt with this database's status and calendar.
func (r *Reader) DayEnd(now time.Time, at time.Duration) DayEnd {
	return DayEndAt(now, at, r.Calendar(), r.Status())
}
