package tui

import (
	"fmt"
	"testing"

	"github.com/liaison-dev/liaison/visits"
)

// TestGoldenForms draws form states at 80×24 and 120×40 in zh and en: the
// need form with a two-line description being typed (the second line
// longer than 80 columns, so the editor wraps it by display width) after a
// save was refused.
func TestGoldenForms(t *testing.T) {
	s := fixture(t, 40, 400)
	screens := []struct {
		name string
		keys []string
	}{
		{"needform_desc", []string{"2", "enter", "r", "tab", "tab", "tab",
			"第一行：设备“卡脖子”——急需检测", "enter",
			"第二行：企业反映检测设备依赖进口，维修周期长达三个月，影响新产品送检和高企认定材料准备……", "ctrl+o"}},
	}
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
