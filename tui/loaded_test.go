package tui

import (
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// A screen's data loaded in the background reaches that screen even when
// another is showing by the time it arrives: the detail's reload after a
// correction may finish before the form has closed (the program runs the
// form's "close" and "reload" at once). The detail must not stay stale.
func TestLoadedDataReachesItsScreenNotTheShowingOne(t *testing.T) {
	s := fixture(t, 10, 50)
	m := newTest(t, s, visits.ZH, 120, 40)
	v := openCorrection(t, m)
	// The visit changes, and the detail's reload finishes while the
	// correction form is still showing.
	corrected := v
	corrected.Summary = "更正后的走访内容"
	if err := s.Update(func(w *store.Writer) error { return w.CorrectVisit(&corrected, "录入有误") }); err != nil {
		t.Fatal(err)
	}
	reload := m.screens[scrDetail].Init()
	m.Update(reload())
	if m.cur != scrVisitCorrect {
		t.Fatalf("screen %d, want the correction form still showing", m.cur)
	}
	m.Update(backMsg{})
	d := m.screens[scrDetail].(*detail)
	got, ok := d.selectedVisit()
	if m.cur != scrDetail || !ok || got.ID != v.ID || got.Summary != corrected.Summary {
		t.Fatalf("back on the detail (screen %d) the visit shows %q, want %q", m.cur, got.Summary, corrected.Summary)
	}
}
