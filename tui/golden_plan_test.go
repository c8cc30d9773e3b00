package tui

import (
	"fmt"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// TestGoldenPlan draws the plan's screens (issue 11) at 80×24 and 120×40
// in zh and en: the readiness inputs and flags form as loaded, and after
// a save refused for a bad day, a fraction of a count typed with a
// full-width digit, and more S&T staff than staff (then more errors,
// the focus on the last field: the list scrolls to keep it in view); the checklist with
// every item judged and its shortfalls in words; the applications tab
// with a funnel recorded; a new 科小 application refused a batch; the
// step form at 认定通过 with its certificate missing, and asking before
// it saves.
func TestGoldenPlan(t *testing.T) {
	s := fixture(t, 40, 400)
	clear := func(then ...string) []string {
		ks := []string{}
		for i := 0; i < 12; i++ {
			ks = append(ks, "backspace")
		}
		return append(ks, then...)
	}
	bad := append([]string{"2", "enter", "i", "down", "down", "down", "down"}, clear("2025-13-01", "down", "down", "１.5",
		"down", "down")...)
	bad = append(bad, clear("120", "down")...)
	bad = append(bad, clear("100", "ctrl+o")...)
	// Every item judged, most of them short: the gaps in words.
	gaps := []string{"2", "enter", "l", "l", "l", "l", "i", "down", "down", "down", "down", "down", "down", "0", "down", "0",
		"down"}
	for _, v := range []string{"9", "100", "8500", "3000", "263.5", "100", "1000", "3000", "65"} {
		gaps = append(gaps, clear(v, "down")...)
	}
	gaps = append(gaps, "right", "right", "ctrl+o")
	approve := []string{"2", "enter", "h", "t", "right", "right", "right", "right", "right", "right"}
	goldenScreens(t, s, []goldenScreen{
		{"readinessform", []string{"2", "enter", "i"}},
		{"readinessform_error", bad},
		{"readinessform_scrolled", append(append([]string{}, bad...), "down", "十", "down", "down", "-3", "down",
			"down", "down", "down", "down", "ctrl+o")},
		{"appform_error", []string{"2", "enter", "h", "a", "right", "down", "down", "right", "ctrl+o"}},
		{"stepform_approved", append(approve, "ctrl+o")},
		{"stepform_confirm", append(approve, "down", "down", "down", "GR202662000123", "ctrl+o")},
	})
	goldenFresh(t, goldenScreen{"readiness_gaps", gaps})
	goldenFresh(t, goldenScreen{"applications", []string{"2", "enter", "h", "t", "right", "ctrl+o", "t", "right",
		"down", "down", "第二步：区里已推荐", "ctrl+o"}})
}

// goldenFresh is goldenScreens for a screen reached by saving: each
// language and size starts from its own fresh fixture, so no run sees
// what another saved.
func goldenFresh(t *testing.T, sc goldenScreen) {
	t.Helper()
	for _, lang := range []visits.Lang{visits.ZH, visits.EN} {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			name := fmt.Sprintf("%s_%s_%dx%d", sc.name, lang, size[0], size[1])
			t.Run(name, func(t *testing.T) {
				m := newTest(t, fixture(t, 40, 400), lang, size[0], size[1])
				press(m, sc.keys...)
				v := m.View()
				checkFrame(t, v, size[0], size[1])
				golden(t, name, v)
			})
		}
	}
}
