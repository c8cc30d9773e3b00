package tui

import (
	"fmt"
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// TestGoldenCorrection draws a corrected visit with its history on the
// detail's visits tab, and the correction form after saving it untouched
// (the reason's error beside it), at 80×24 and 120×40 in zh and en. The
// first enterprise's second visit is corrected twice first, with quotes
// and dashes in the text.
func TestGoldenCorrection(t *testing.T) {
	s := fixture(t, 40, 400)
	m := newTest(t, s, visits.ZH, 80, 24)
	press(m, "2", "enter")
	id := m.screens[scrDetail].(*detail).id
	err := s.Update(func(w *store.Writer) error {
		vs, err := w.Reader().VisitsOf(id, 2)
		if err != nil || len(vs) < 2 {
			return fmt.Errorf("visits of %s: %d, %v", id, len(vs), err)
		}
		v := vs[1]
		v.Summary = "企业反映“融资难”——已对接兰州银行……"
		if err := w.CorrectVisit(&v, "录入有误——应为已对接"); err != nil {
			return err
		}
		v.Method, v.PeopleMet = "on_site", "何文（总经理）、财务总监"
		return w.CorrectVisit(&v, "补记：实为现场走访")
	})
	if err != nil {
		t.Fatal(err)
	}
	goldenScreens(t, s, []goldenScreen{
		{"correctedvisit", []string{"2", "enter", "l", "j"}},
		{"correctform", []string{"2", "enter", "l", "j", "g", "ctrl+o"}},
	})
}
