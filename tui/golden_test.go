package tui

import (
	"fmt"
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// TestGolden draws every screen at 80×24 and 120×40 in Chinese and
// English, with a fixed clock, fixed data and no colour.
func TestGolden(t *testing.T) {
	s := fixture(t, 40, 400)
	goldenScreens(t, s, []goldenScreen{
		{"today", nil},
		{"enterprises", []string{"2"}},
		{"needs", []string{"3"}},
		{"followups", []string{"4"}},
		{"sync", []string{"5"}},
		{"report", []string{"6"}},
		{"detail", []string{"2", "enter"}},
		{"readiness", []string{"2", "enter", "l", "l", "l", "l"}},
		{"visitform", []string{"2", "n"}},
		{"help", []string{"?"}},
		{"editprofile", []string{"2", "enter", "e"}},
		{"needform", []string{"2", "enter", "r"}},
		{"followupform", []string{"2", "enter", "f"}},
	})
}

// goldenScreen is a screen reached by pressing keys from the start.
type goldenScreen struct {
	name string
	keys []string
}

// goldenScreens draws each screen at 80×24 and 120×40 in zh and en and
// compares it with testdata/<name>_<lang>_<w>x<h>.golden.
func goldenScreens(t *testing.T, s *store.Store, screens []goldenScreen) {
	t.Helper()
	for _, lang := range []visits.Lang{visits.ZH, visits.EN} {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			for _, sc := range screens {
				name := fmt.Sprintf("%s_%s_%dx%d", sc.name, lang, size[0], size[1])
				t.Run(name, func(t *testing.T) {
					m := newTest(t, s, lang, size[0], size[1])
					press(m, sc.keys...)
					v := m.View()
					checkFrame(t, v, size[0], size[1])
					golden(t, name, v)
				})
			}
		}
	}
}
