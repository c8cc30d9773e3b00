package tui

import (
	"bytes"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// The real program: open an enterprise, pick its newest visit on the
// visits tab, try to save a corrected summary without a reason (refused
// beside the field), then give the reason and save; the store holds the
// new summary and the correction with its from, to and reason.
func TestFlowCorrectVisitSummary(t *testing.T) {
	s := fixture(t, 5, 20)
	v := &visits.Visit{Occasion: visits.OccRoutine, Method: "on_site", At: fixedNow.Add(-2 * time.Hour),
		Summary: "原始走访内容待更正"}
	err := s.Update(func(w *store.Writer) error {
		es, err := store.All[visits.Enterprise](w.Reader())
		if err != nil {
			return err
		}
		v.EnterpriseID = es[0].ID
		return w.AddVisit(v)
	})
	if err != nil {
		t.Fatal(err)
	}
	const summary = "企业反映“融资难”——已对接兰州银行……"
	tm := startFlow(t, s, visits.ZH)
	send(tm, "2")
	waitOutput(t, tm, "企业名称")
	send(tm, "enter")
	waitOutput(t, tm, "高企准备度")
	send(tm, "l")
	waitOutput(t, tm, "原始走访内容待更正") // the newest visit, selected
	send(tm, "g")
	waitOutput(t, tm, "更正原因")
	send(tm, "down", "down", "down", "down", "down") // occasion → summary
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlU})
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(summary)})
	send(tm, "ctrl+o")
	waitOutput(t, tm, "! 更正原因不能为空")
	if got := getVisit(t, s, v.ID); got.Summary != v.Summary || len(got.Corrections) != 0 {
		t.Fatalf("saved without a reason: %+v", got)
	}
	send(tm, "tab", "tab")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("录入有误——补记")})
	send(tm, "ctrl+o")
	// The note and the reloaded history may come in one write: wait for both.
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("走访已更正")) && bytes.Contains(b, []byte("所选走访的更正记录 1 条"))
	}, teatest.WithDuration(30*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	var got visits.Visit
	waitFor(t, "the corrected summary", func() bool {
		_ = s.View(func(r *store.Reader) (err error) { got, err = store.Get[visits.Visit](r, v.ID); return err })
		return got.Summary == summary
	})
	if len(got.Corrections) != 1 {
		t.Fatalf("corrections: %+v", got.Corrections)
	}
	c := got.Corrections[0]
	if c.Field != "summary" || c.From != "原始走访内容待更正" || c.To != summary || c.Reason != "录入有误——补记" || c.By != "wang" {
		t.Fatalf("correction: %+v", c)
	}
}
