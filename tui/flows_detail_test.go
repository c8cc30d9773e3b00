package tui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// The real program: open an enterprise, edit its short name in Chinese
// (whole runes), save, then register a need from the same screen.
func TestFlowEditProfileAndNewNeed(t *testing.T) {
	s := fixture(t, 5, 20)
	var id string
	_ = s.View(func(r *store.Reader) error {
		es, err := store.All[visits.Enterprise](r)
		if len(es) > 0 {
			id = es[0].ID
		}
		return err
	})
	tm := startFlow(t, s, visits.ZH)
	send(tm, "2")
	waitOutput(t, tm, "企业名称")
	send(tm, "enter")
	waitOutput(t, tm, "高企准备度")
	send(tm, "e")
	waitOutput(t, tm, "统一社会信用代码") // the record is loaded
	send(tm, "tab", "tab")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlU})
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("“新”简称——测试")})
	send(tm, "ctrl+o")
	waitOutput(t, tm, "企业已保存")
	var e visits.Enterprise
	waitFor(t, "the edited short name", func() bool {
		_ = s.View(func(r *store.Reader) (err error) { e, err = store.Get[visits.Enterprise](r, id); return err })
		return e.ShortName == "“新”简称——测试"
	})
	send(tm, "r")
	waitOutput(t, tm, "新建诉求")
	send(tm, "right", "down", "down")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("流程诉求")})
	send(tm, "ctrl+o")
	waitOutput(t, tm, "诉求已登记")
	waitFor(t, "the need", func() bool {
		var ns []visits.Need
		_ = s.View(func(r *store.Reader) (err error) { ns, err = r.NeedsOf(id); return err })
		for _, n := range ns {
			if n.Title == "流程诉求" && n.Status == visits.StatusRegistered {
				return true
			}
		}
		return false
	})
}

// The real program: register a need whose description is two lines of
// Chinese (enter between them, tab to leave); the store keeps the newline.
func TestFlowNeedWithTwoLineDescription(t *testing.T) {
	s := fixture(t, 5, 20)
	tm := startFlow(t, s, visits.ZH)
	send(tm, "2")
	waitOutput(t, tm, "企业名称")
	send(tm, "enter")
	waitOutput(t, tm, "高企准备度")
	send(tm, "r")
	waitOutput(t, tm, "新建诉求")
	send(tm, "right", "tab", "tab")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("检测设备诉求")})
	send(tm, "tab")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("检测设备依赖进口，维修周期长")})
	send(tm, "enter")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("希望对接省内“共享仪器”平台——尽快")})
	send(tm, "tab", "ctrl+o")
	waitOutput(t, tm, "诉求已登记")
	const want = "检测设备依赖进口，维修周期长\n希望对接省内“共享仪器”平台——尽快"
	var got string
	waitFor(t, "the need with its two-line description", func() bool {
		_ = s.View(func(r *store.Reader) error {
			ns, err := store.All[visits.Need](r)
			for _, n := range ns {
				if n.Title == "检测设备诉求" {
					got = n.Description
				}
			}
			return err
		})
		return got == want
	})
}
