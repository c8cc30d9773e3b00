package tui

import (
	"slices"
	"strings"
	"testing"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// a adds a note to the history, u filters by lead unit, e extends a
// complex need's close date and records it; each keeps the status.
func TestNeedNoteUnitFilterAndExtension(t *testing.T) {
	s := fixture(t, 20, 100)
	var n visits.Need
	err := s.Update(func(w *store.Writer) error {
		var e visits.Enterprise
		if err := store.Each(w.Reader(), func(x visits.Enterprise) error { e = x; return nil }); err != nil {
			return err
		}
		n = visits.Need{EnterpriseID: e.ID, Category: "finance", Severity: visits.SeverityComplex,
			Title: "贷款“贴息”——复杂……", LeadUnit: "区财政局"}
		if err := w.AddNeed(&n); err != nil {
			return err
		}
		return w.ChangeNeedStatus(n.ID, visits.StatusAccepted, "", "")
	})
	if err != nil {
		t.Fatal(err)
	}
	m := newTest(t, s, visits.ZH, 80, 24)
	press(m, "3")
	ns := m.screens[scrNeeds].(*needs)
	for range slices.Index(visits.Codes(visits.KindUnit), "区财政局") + 1 {
		press(m, "u")
	}
	if len(ns.shown) == 0 || !strings.Contains(m.View(), "区财政局") {
		t.Fatalf("unit filter:\n%s", m.View())
	}
	for _, x := range ns.shown {
		if x.LeadUnit != "区财政局" {
			t.Fatalf("the unit filter shows a need of %s", x.LeadUnit)
		}
	}
	ns.selectNeed(n.ID)
	if cur, _ := ns.cur(); cur.ID != n.ID {
		t.Fatal("the new need is not in the filtered list")
	}
	press(m, "a", "enter")
	if ns.prompt.step != 3 {
		t.Fatal("an empty note was accepted")
	}
	press(m, "已电话联系“财政局”——等待答复……", "enter")
	press(m, "e", "资料需补充", "enter")
	var got visits.Need
	var evs []visits.NeedEvent
	var cal *visits.Calendar
	_ = s.View(func(r *store.Reader) (err error) {
		cal = r.Calendar()
		if got, err = store.Get[visits.Need](r, n.ID); err != nil {
			return err
		}
		evs, err = r.EventsOf(n.ID)
		return err
	})
	_, want := visits.NeedDue(cal, visits.SeverityComplex, visits.DateOf(n.RegisteredAt), true)
	if !got.Extended || got.CloseDue != want || got.CloseDue == n.CloseDue || got.Status != visits.StatusAccepted {
		t.Fatalf("after extending: extended %v, close %s (was %s, want %s), status %s", got.Extended, got.CloseDue, n.CloseDue, want, got.Status)
	}
	var actions []string
	for _, e := range evs {
		actions = append(actions, e.Action+":"+e.Text)
	}
	if s := strings.Join(actions, ","); !strings.Contains(s, "note:已电话联系“财政局”——等待答复……") || !strings.Contains(s, "extend:资料需补充") {
		t.Fatalf("history: %s", s)
	}
	v := m.View()
	if !strings.Contains(v, "记录") || !strings.Contains(v, "延期") {
		t.Fatalf("the history does not show the note and the extension:\n%s", v)
	}
	// A second extension, or one of a need that is not complex, is refused.
	press(m, "e")
	if ns.prompt.step != 0 || !strings.Contains(m.View(), "该诉求已延期过") {
		t.Fatalf("a second extension was offered:\n%s", m.View())
	}
	press(m, "esc") // back to the list; the next unit with a need of another severity
	checked := false
	for range len(visits.Codes(visits.KindUnit)) + 1 {
		press(m, "u")
		if slices.ContainsFunc(ns.shown, func(x visits.Need) bool { return x.Severity != visits.SeverityComplex }) {
			break
		}
	}
	for i, x := range ns.shown {
		if x.Severity != visits.SeverityComplex {
			ns.sel = i
			press(m, "e")
			if !strings.Contains(m.View(), "只有复杂诉求可以延期") {
				t.Fatalf("a %s need was offered an extension:\n%s", x.Severity, m.View())
			}
			checked = true
			break
		}
	}
	if !checked {
		t.Fatalf("no need of another severity under the next unit to try:\n%s", m.View())
	}
}
