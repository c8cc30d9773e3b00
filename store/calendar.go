package store

import (
	"bytes"
	"sync/atomic"

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

// calendarInForce merges HQ's calendar settings over the imported
// calendar. The result is kept for the same stored bytes (a Calendar never
// changes once made): reading it again costs a few key reads, not a parse
// (BenchmarkCalendarInForce).
func calendarInForce(tx Tx) *visits.Calendar {
	prefix := []byte(visits.SettingCalendar + ":")
	key := append(append([]byte(nil), tx.Bucket(bMeta).Get(kCalendar)...), 0)
	c := recordsOf(tx, visits.TypeSetting).Cursor()
	for id, raw := c.Seek(prefix); id != nil && bytes.HasPrefix(id, prefix); id, raw = c.Next() {
		key = append(append(append(append(key, id...), 0), raw...), 0)
	}
	if e := lastCalendar.Load(); e != nil && e.key == string(key) {
		return e.cal
	}
	cal := settingsIn(tx, string(prefix)).Calendar(calendarIn(tx))
	lastCalendar.Store(&calendarEntry{key: string(key), cal: cal})
	return cal
}

// lastCalendar is the calendar last made, with the bytes it was made of.
var lastCalendar atomic.Pointer[calendarEntry]

type calendarEntry struct {
	key string
	cal *visits.Calendar
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
