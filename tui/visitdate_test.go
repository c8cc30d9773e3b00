package tui

import (
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// TestVisitFormBadDateSaysWhy: 2026-13-45 in the date field is reported as
// not a date (as the CLI does), never as an empty date, in both languages.
func TestVisitFormBadDateSaysWhy(t *testing.T) {
	for lang, want := range map[visits.Lang]string{
		visits.ZH: "“2026-13-45”不是有效日期，应为 YYYY-MM-DD",
		visits.EN: `"2026-13-45" is not a date (want YYYY-MM-DD)`,
	} {
		m := newTest(t, fixture(t, 10, 50), lang, 120, 30)
		press(m, "2", "n", "up") // people met, then up to the date
		f := m.screens[scrVisitForm].(*visitForm)
		if f.f.cur() != f.date {
			t.Fatalf("focus on %s", f.f.cur().label)
		}
		for range 10 {
			press(m, "backspace")
		}
		press(m, "2026-13-45")
		view := m.View()
		if !strings.Contains(view, want) {
			t.Errorf("%s: the bad date is not explained (%q):\n%s", lang, want, view)
		}
		if strings.Contains(view, "走访时间不能为空") || strings.Contains(strings.ToLower(view), "is required") {
			t.Errorf("%s: a bad date is reported as empty:\n%s", lang, view)
		}
	}
}
