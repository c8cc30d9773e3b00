package store

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

func TestDayEndAt(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, visits.Shanghai)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	yesterday, earlier := at("2026-12-01 16:00"), at("2026-12-02 09:00")
	for _, c := range []struct {
		name     string
		now      string
		pending  int
		lastSync time.Time
		due      bool
	}{
		{"working day after the time, pending", "2026-12-02 17:45", 3, earlier, true},
		{"at the time exactly", "2026-12-02 17:30", 3, earlier, true},
		{"before the time", "2026-12-02 17:29", 3, earlier, false},
		{"nothing pending, synced today", "2026-12-02 18:00", 0, earlier, false},
		{"nothing pending, last sync yesterday", "2026-12-02 18:00", 0, yesterday, true},
		{"never synced", "2026-12-02 18:00", 0, time.Time{}, true},
		{"National Day holiday (a Thursday)", "2026-10-01 18:00", 3, yesterday, false},
		{"Saturday", "2026-12-05 18:00", 3, yesterday, false},
		{"Sunday worked before National Day", "2026-09-20 18:00", 3, yesterday, true},
		{"late at night, still the same day", "2026-12-02 23:59", 1, earlier, true},
	} {
		d := DayEndAt(at(c.now), DefaultRemindAt, nil, Status{Pending: c.pending, LastSync: c.lastSync})
		if d.Due != c.due || d.Pending != c.pending {
			t.Errorf("%s: %+v, want due %v", c.name, d, c.due)
		}
	}
	if DayEndAt(at("2026-12-02 18:00"), 0, nil, Status{Pending: 1}).Due {
		t.Error("a reminder at 0 (off) is due")
	}
	// An imported calendar that makes 2026-12-02 a holiday wins.
	cal, err := visits.ParseCalendar([]byte(`{"name":"t","year_from":2026,"holidays":["2026-12-02"],"workdays":[]}`))
	if err != nil {
		t.Fatal(err)
	}
	if DayEndAt(at("2026-12-02 18:00"), DefaultRemindAt, cal, Status{Pending: 1}).Due {
		t.Error("due on a holiday of the imported calendar")
	}
}

// Reader.DayEnd reads the database's own pending count and calendar.
func TestReaderDayEnd(t *testing.T) {
	now, _ := time.ParseInLocation("2006-01-02 15:04", "2026-12-02 18:00", visits.Shanghai)
	s, err := Open(filepath.Join(t.TempDir(), "t.db"), Options{NoSync: true, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	e := &visits.Enterprise{Name: "兰州测试科技有限公司"}
	if err := s.Update(func(w *Writer) error { return w.AddEnterprise(e, false) }); err != nil {
		t.Fatal(err)
	}
	var d DayEnd
	_ = s.View(func(r *Reader) error { d = r.DayEnd(now, DefaultRemindAt); return nil })
	if !d.Due || d.Pending == 0 || d.SyncedToday {
		t.Fatalf("%+v", d)
	}
}
