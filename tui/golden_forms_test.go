package tui

import "testing"

// TestGoldenForms draws form states at 80×24 and 120×40 in zh and en: the
// need form with a two-line description being typed (the second line
// longer than 80 columns, so the editor wraps it by display width) after a
// save was refused; the follow-up form with a bad due day and the new
// enterprise form with a bad USCC character, whose errors are too long to
// stand beside the field and wrap under it (the USCC's onto two lines at
// 80 columns).
func TestGoldenForms(t *testing.T) {
	s := fixture(t, 40, 400)
	goldenScreens(t, s, []goldenScreen{
		{"needform_desc", []string{"2", "enter", "r", "tab", "tab", "tab",
			"第一行：设备“卡脖子”——急需检测", "enter",
			"第二行：企业反映检测设备依赖进口，维修周期长达三个月，影响新产品送检和高企认定材料准备……", "ctrl+o"}},
		{"followupform_error", []string{"2", "enter", "f", "回访企业", "down",
			"backspace", "backspace", "backspace", "backspace", "backspace",
			"backspace", "backspace", "backspace", "backspace", "backspace", "2026-13-01"}},
		{"enterpriseform_error", []string{"2", "a", "兰州“测试”——科技有限公司", "tab", "91I50100M000100Y43"}},
	})
}
