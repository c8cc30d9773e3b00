package tui

import (
	"testing"
	"time"
)

// Today says the year is counted Monday to Friday only when no calendar
// covers it: 2026 has the built-in one, 2027 has none until imported.
func TestSnapshotSaysWhenNoCalendarCoversTheYear(t *testing.T) {
	s := fixture(t, 5, 10)
	for _, c := range []struct {
		now   time.Time
		noCal bool
	}{
		{fixedNow, false},
		{time.Date(2027, 3, 3, 2, 0, 0, 0, time.UTC), true},
	} {
		sn, err := loadSnapshot(s, c.now)
		if err != nil {
			t.Fatal(err)
		}
		if sn.noCal != c.noCal {
			t.Errorf("%s: noCal %v, want %v", c.now.Format("2006-01-02"), sn.noCal, c.noCal)
		}
	}
}
