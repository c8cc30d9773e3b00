package tui

import "testing"

// TestGoldenPlan draws the plan's screens (issue 11) at 80×24 and 120×40
// in zh and en: the readiness inputs and flags form as loaded, and after
// a save refused for a bad day, a fraction of a count typed with a
// full-width digit, and more S&T staff than staff.
func TestGoldenPlan(t *testing.T) {
	s := fixture(t, 40, 400)
	clear := func(then ...string) []string {
		ks := []string{}
		for i := 0; i < 12; i++ {
			ks = append(ks, "backspace")
		}
		return append(ks, then...)
	}
	bad := append([]string{"2", "enter", "i", "down", "down", "down", "down"}, clear("2025-13-01", "down", "１.5",
		"down", "down")...)
	bad = append(bad, clear("120", "down")...)
	bad = append(bad, clear("100", "ctrl+o")...)
	goldenScreens(t, s, []goldenScreen{
		{"readinessform", []string{"2", "enter", "i"}},
		{"readinessform_error", bad},
	})
}
