package store

import (
	"testing"
	"time"

	"github.com/liaison-dev/liaison/visits"
)

// 落户日期 typed on the laptop: one op, read back from the record and from
// the summary the visits owed are computed from, so the 新落户 visit falls
// due 30 days on; a day that is not one, or beyond tomorrow, is refused
// naming the field and changes nothing; empty clears it.
func TestSetArrivedOn(t *testing.T) {
	now := time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC) // 2026-11-20 in Shanghai
	s := openAt(t, now)
	e := &visits.Enterprise{Name: "新落户企业"}
	must(t, s.Update(func(w *Writer) error { return w.AddEnterprise(e, false) }))
	must(t, s.Update(func(w *Writer) error { return w.SetArrivedOn(e.ID, "2026-11-02") }))
	summary := func() visits.Enterprise {
		t.Helper()
		var got visits.Enterprise
		must(t, s.View(func(r *Reader) error {
			all, err := r.EnterpriseSummaries()
			for _, x := range all {
				if x.ID == e.ID {
					got = x
				}
			}
			return err
		}))
		return got
	}
	sum := summary()
	if sum.ArrivedOn != "2026-11-02" {
		t.Fatalf("summary arrived_on %q, want 2026-11-02", sum.ArrivedOn)
	}
	owed := visits.Owed(visits.ObligationInput{Enterprise: sum}, "2026-11-20")
	found := false
	for _, o := range owed {
		if o.Occasion == visits.OccNewEntry && o.Reason == visits.ReasonNewArrived {
			found = o.Due == "2026-12-02" // 11-02 + 30 = 12-02, a Wednesday
		}
	}
	if !found {
		t.Errorf("the 新落户 visit is not owed by 2026-12-02: %+v", owed)
	}
	for _, c := range []struct{ day, code string }{{"2026-02-30", visits.ErrCodeDate}, {"2026-11-22", visits.ErrCodeFuture}} {
		fieldErr(t, s.Update(func(w *Writer) error { return w.SetArrivedOn(e.ID, visits.Date(c.day)) }), "arrived_on", c.code)
	}
	if got := summary(); got.ArrivedOn != "2026-11-02" {
		t.Errorf("a refused day changed it to %q", got.ArrivedOn)
	}
	must(t, s.Update(func(w *Writer) error { return w.SetArrivedOn(e.ID, "") }))
	if got := summary(); got.ArrivedOn != "" {
		t.Errorf("cleared, still %q", got.ArrivedOn)
	}
}
