package store

import (
	"github.com/liaison-dev/liaison/visits"
)

var kCalendar = []byte("calendar")

// Calendar returns the working-day calendar HQ supplied, or nil
// (Monday–Friday; screens say so).
func (r *Reader) Calendar() *visits.Calendar { return calendarIn(r.tx) }

func (w *Writer) calendar() *visits.Calendar { return calendarIn(w.tx) }

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
