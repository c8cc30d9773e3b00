package tui

import (
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// TestEnterprisesFilterAsYouType: on 企业, typing Chinese or pinyin
// filters at once (no / first); j, k, n and a keep their meaning; / starts
// a fresh filter instead of continuing the old one.
func TestEnterprisesFilterAsYouType(t *testing.T) {
	m := newTest(t, fixture(t, 40, 100), visits.ZH, 80, 24)
	press(m, "2")
	s := m.screens[scrEnterprises].(*enterprises)
	all := len(s.rows)
	name := m.c.snap.ents[5].name
	word := []rune(name)[2:4] // e.g. 华信 of 兰州华信生物…
	press(m, string(word))
	if s.input.Value() != string(word) || len(s.rows) == 0 || len(s.rows) == all {
		t.Fatalf("typing %s: filter %q, %d of %d rows", string(word), s.input.Value(), len(s.rows), all)
	}
	for _, i := range s.rows {
		if !strings.Contains(m.c.snap.ents[i].name, string(word)) {
			t.Errorf("%s matched %s", string(word), m.c.snap.ents[i].name)
		}
	}
	// Pinyin initials typed straight away, then enter leaves the input.
	press(m, "esc", "hxsw", "enter")
	if s.input.Value() != "hxsw" || len(s.rows) == 0 || len(s.rows) == all {
		t.Fatalf("hxsw: filter %q, %d rows", s.input.Value(), len(s.rows))
	}
	// j moves, it does not filter; / starts afresh.
	press(m, "j")
	if s.sel != 1 && len(s.rows) > 1 {
		t.Fatalf("j did not move: sel %d", s.sel)
	}
	press(m, "/", "huaxin")
	if got := s.input.Value(); got != "huaxin" {
		t.Fatalf("/ continued the old filter: %q", got)
	}
}
