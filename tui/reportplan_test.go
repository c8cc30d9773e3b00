package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/visits"
	"github.com/liaison-dev/liaison/visits/render"
)

// TestReportPlanSections: the 周报 screen shows every table and text of
// the plan the exports write (render.Tables, render.Notes), with the same
// cells, within the width; golden files hold them at 80 and 120 columns.
func TestReportPlanSections(t *testing.T) {
	s := fixture(t, 40, 400)
	for _, lang := range []visits.Lang{visits.ZH, visits.EN} {
		for _, w := range []int{80, 120} {
			m := newTest(t, s, lang, w, 30)
			press(m, "6")
			r := m.screens[scrReport].(*report)
			if r.rep == nil {
				t.Fatal("no report")
			}
			lines := append(r.planLines(w), r.noteLines(w)...)
			all := strings.Join(r.reportLines(w), "\n")
			for _, tb := range render.Tables(*r.rep, lang) {
				if !strings.Contains(all, cut(tb.Title, w)) {
					t.Errorf("%s %d: no section %q", lang, w, tb.Title)
				}
				if w == 120 && len(tb.Rows) > 0 && !strings.Contains(all, tb.Rows[0][0]) {
					t.Errorf("%s %d: %s: row %q not shown", lang, w, tb.Title, tb.Rows[0][0])
				}
			}
			for _, n := range render.Notes(*r.rep, lang) {
				if !strings.Contains(all, n.Title) {
					t.Errorf("%s %d: no text %q", lang, w, n.Title)
				}
			}
			for _, l := range lines {
				if displayWidth(l) > w {
					t.Errorf("%s %d: line wider than the screen: %q", lang, w, l)
				}
			}
			golden(t, fmt.Sprintf("report_plan_%s_%d", lang, w), strings.Join(lines, "\n")+"\n")
		}
	}
}
