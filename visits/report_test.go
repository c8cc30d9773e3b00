package visits

import "testing"

func TestWeek(t *testing.T) {
	for _, c := range []struct {
		in         string
		start, end Date
	}{
		{"2026-W48", "2026-11-23", "2026-11-29"},
		{"2026w01", "2025-12-29", "2026-01-04"},
		{"2020-W53", "2020-12-28", "2021-01-03"},
	} {
		w, err := ParseWeek(c.in)
		if err != nil {
			t.Fatalf("ParseWeek(%q): %v", c.in, err)
		}
		if w.Start() != c.start || w.End() != c.end || WeekOf(c.end) != w || WeekOf(c.start) != w {
			t.Errorf("%s: %s..%s, want %s..%s", c.in, w.Start(), w.End(), c.start, c.end)
		}
	}
	for _, bad := range []string{"2026-W54", "2026-W00", "2021-W53", "26-W1", "2026-48", ""} {
		if _, err := ParseWeek(bad); err == nil {
			t.Errorf("ParseWeek(%q) accepted", bad)
		}
	}
	if (Week{2026, 1}).Prev() != (Week{2025, 52}) {
		t.Error("Prev of 2026-W01")
	}
}
