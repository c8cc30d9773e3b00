package tui

import (
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// The palette finds commands by pinyin initials and full pinyin as well
// as by their text.
func TestPaletteMatchesPinyin(t *testing.T) {
	m := newTest(t, fixture(t, 5, 10), visits.ZH, 80, 24)
	press(m, ":", "qwgj")
	if len(m.palette.shown) != 1 || m.palette.shown[0].msg != (navMsg{to: scrFollowUps}) {
		t.Fatalf("qwgj: %+v", m.palette.shown)
	}
	press(m, "enter")
	if m.cur != scrFollowUps || m.mode != modeNormal {
		t.Fatalf("enter on qwgj: screen %d", m.cur)
	}
	press(m, "ctrl+k", "xinjianzou")
	if len(m.palette.shown) != 1 || m.palette.shown[0].name != "新建走访" {
		t.Fatalf("xinjianzou: %+v", m.palette.shown)
	}
	press(m, "esc", "ctrl+k", "同步")
	if len(m.palette.shown) != 2 { // 前往 同步, 立即同步
		t.Fatalf("同步: %+v", m.palette.shown)
	}
	press(m, "esc", "ctrl+k", "zzzz")
	if len(m.palette.shown) != 0 {
		t.Fatalf("zzzz matched %+v", m.palette.shown)
	}
}
