package store

import (
	"github.com/liaison-dev/liaison/visits"
)

var kCalendar = []byte("calendar")

// Calendar returns the working-day calendar in force: the years HQ's
// settings set (calendar:YEAR), else the calendar imported on this laptop
// (liaison calendar import), else nil: the built-in 2026 calendar and
// Monday–Friday beyond it (screens say so).
func (r *Reader) Calendar() *visits.Calendar { return calendarInForce(r.tx) }

// ImportedCalendar returns the calendar imported on this laptop, or nil.
func (r *Reader) ImportedCalendar() *visits.Calendar { return calendarIn(r.tx) }

func (w *Writer) calendar() *visits.Calendar { return calendarInForce(w.tx) }

func calendarInForce(tx Tx) *visits.Calendar {
	return settingsIn(tx, visits.SettingCalendar+":").Calendar(calendarIn(tx))
}

func calendarIn(tx Tx) *visits.Calendar {
	raw := tx.Bucket(bMeta).Get(kCalendar)
	if raw == nil {
		return nil
	}
	c, err := visits.ParseStoredCalendar(raw) // checked by SetCalendar when stored
	if err != nil {
		return nil
	}
	return c
}

// SetCalendar stores a calendar file after checking it parses.
func (w *Writer) SetCalendar(raw []byte) error {
	if _, err := visits.ParseCalendar(raw); err != nil {
		return err
	}
	return w.tx.Bucket(bMeta).Put(kCalendar, raw)
}
