package store

import (
	"encoding/json"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// BenchmarkCalendarInForce: Reader.Calendar with two years of HQ's
// calendar and a year of weekly notes stored (it reads only calendar:*
// settings, checks and merges them on each call).
func BenchmarkCalendarInForce(b *testing.B) {
	s := openTemp(b)
	var recs []visits.Record
	for _, y := range []string{"2026", "2027"} {
		v, _ := json.Marshal(visits.CalendarYear{Name: y, Holidays: []visits.Date{visits.Date(y + "-10-01"), visits.Date(y + "-10-02"),
			visits.Date(y + "-10-05"), visits.Date(y + "-10-06"), visits.Date(y + "-10-07")}, Workdays: []visits.Date{}})
		recs = append(recs, &visits.Setting{Meta: visits.Meta{ID: "calendar:" + y}, Value: v})
	}
	for w := 1; w <= 52; w++ {
		v, _ := json.Marshal(visits.WeeklyNote{Plan: "走访", Problems: "无"})
		recs = append(recs, &visits.Setting{Meta: visits.Meta{ID: visits.SettingID(visits.SettingWeeklyNote, visits.Week{Year: 2026, Num: w}.String())}, Value: v})
	}
	if err := s.Seed(recs); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = s.View(func(r *Reader) error {
			if r.Calendar().IsWorkday("2027-10-01") {
				b.Fatal("HQ's holiday is a workday")
			}
			return nil
		})
	}
}

// BenchmarkCalendarBuiltIn: Reader.Calendar with nothing from HQ.
func BenchmarkCalendarBuiltIn(b *testing.B) {
	s := openTemp(b)
	b.ReportAllocs()
	for b.Loop() {
		_ = s.View(func(r *Reader) error {
			if r.Calendar().IsWorkday("2026-10-01") {
				b.Fatal("a holiday is a workday")
			}
			return nil
		})
	}
}
