package tui

import (
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// needWithFollowUp stores a need with a two-line description and a
// follow-up promised for it, in the first enterprise.
func needWithFollowUp(t *testing.T, s *store.Store) (visits.Need, visits.Enterprise) {
	t.Helper()
	var n visits.Need
	var e visits.Enterprise
	err := s.Update(func(w *store.Writer) error {
		if err := store.Each(w.Reader(), func(x visits.Enterprise) error {
			if e.ID == "" {
				e = x
			}
			return nil
		}); err != nil {
			return err
		}
		n = visits.Need{EnterpriseID: e.ID, Category: "finance", Severity: visits.SeverityGeneral,
			Title: "流动资金贷款“贴息”", Description: "企业反映“融资难”——需对接银行……\n第二行：希望贴息比例提高到50%"}
		if err := w.AddNeed(&n); err != nil {
			return err
		}
		return w.AddFollowUp(&visits.FollowUp{EnterpriseID: e.ID, NeedID: n.ID, Action: "约银行行长面谈",
			Due: "2026-12-01", Status: visits.FollowUpOpen, Assignee: w.Officer()})
	})
	if err != nil {
		t.Fatal(err)
	}
	return n, e
}

// TestNeedView: enter on 诉求 opens the need itself (title, its whole
// description, history and follow-ups), its actions act on it, enter
// there opens the enterprise and esc goes back to the list.
func TestNeedView(t *testing.T) {
	s := fixture(t, 20, 100)
	n, e := needWithFollowUp(t, s)
	m := newTest(t, s, visits.ZH, 80, 24)
	press(m, "3")
	ns := m.screens[scrNeeds].(*needs)
	for i, x := range ns.shown {
		if x.ID == n.ID {
			ns.sel = i
		}
	}
	press(m, "enter")
	if m.cur != scrNeeds || ns.openID != n.ID {
		t.Fatalf("enter on a need opened screen %d (need %q)", m.cur, ns.openID)
	}
	view := m.View()
	for _, want := range []string{"流动资金贷款“贴息”", "企业反映“融资难”——需对接银行……", "第二行：希望贴息比例提高到50%",
		"办理记录", "已登记", "约银行行长面谈", "2026-12-01", clean(e.Name)} {
		if !strings.Contains(view, want) {
			t.Errorf("the need's view lacks %q:\n%s", want, view)
		}
	}
	golden(t, "needview_zh_80x24", view)
	// The list's actions act on the need on view.
	press(m, "t", "enter", "enter")
	if got := needStatus(t, s, n.ID); got != visits.StatusAccepted {
		t.Fatalf("status %s after t on the need's view", got)
	}
	if ns.openID != n.ID || !strings.Contains(m.View(), "已登记 -> 已受理") {
		t.Fatalf("the view does not show the change:\n%s", m.View())
	}
	press(m, "esc")
	if m.cur != scrNeeds || ns.openID != "" {
		t.Fatalf("esc left screen %d, need %q open", m.cur, ns.openID)
	}
	press(m, "enter", "enter")
	if m.cur != scrDetail || m.screens[scrDetail].(*detail).id != e.ID {
		t.Fatalf("enter on the need's view opened screen %d", m.cur)
	}
}

// TestTodayOpensOverdueNeed: enter on an overdue need on 今日 opens it.
func TestTodayOpensOverdueNeed(t *testing.T) {
	m := newTest(t, fixture(t, 40, 400), visits.ZH, 80, 24)
	td := m.screens[scrToday].(*today)
	for i, it := range td.items {
		if it.section == 2 {
			td.sel = i
			press(m, "enter")
			ns := m.screens[scrNeeds].(*needs)
			if m.cur != scrNeeds || ns.openID != it.need || !strings.Contains(m.View(), "办理记录") {
				t.Fatalf("enter on an overdue need: screen %d, need %q:\n%s", m.cur, ns.openID, m.View())
			}
			return
		}
	}
	t.Fatal("no overdue need on 今日")
}
