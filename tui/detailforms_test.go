package tui

import (
	"reflect"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// clearInput empties the focused text input (ctrl+u deletes before the
// cursor, which sits at the end).
func clearInput(m *Model) {
	_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyEnd})
	run(m, cmd)
	_, cmd = m.Update(tea.KeyMsg{Type: tea.KeyCtrlU})
	run(m, cmd)
}

func getEnt(t *testing.T, s *store.Store, id string) visits.Enterprise {
	t.Helper()
	var e visits.Enterprise
	if err := s.View(func(r *store.Reader) (err error) { e, err = store.Get[visits.Enterprise](r, id); return err }); err != nil {
		t.Fatal(err)
	}
	return e
}

func countEnts(s *store.Store) (n int) {
	_ = s.View(func(r *store.Reader) error { n = r.Count(visits.TypeEnterprise); return nil })
	return n
}

// e on the detail screen edits the profile of the same record: the id
// stays, fields the form does not show are kept.
func TestEditProfileKeepsTheRecord(t *testing.T) {
	s := fixture(t, 10, 20)
	m := newTest(t, s, visits.ZH, 80, 24)
	press(m, "2", "enter")
	id := m.screens[scrDetail].(*detail).id
	before := getEnt(t, s, id)
	n := countEnts(s)
	press(m, "e")
	f, ok := m.screens[scrEnterpriseForm].(*enterpriseForm)
	if !ok || m.cur != scrEnterpriseForm || f.name.value() != before.Name {
		t.Fatalf("e did not open the profile of %s:\n%s", before.Name, m.View())
	}
	press(m, "tab", "tab") // short name
	clearInput(m)
	press(m, "新简称", "tab", "tab", "tab", "tab") // domain
	press(m, "right")
	for range 3 { // key flag
		press(m, "down")
	}
	press(m, "right", "down")
	clearInput(m)
	press(m, "钱七", "ctrl+o")
	if m.cur != scrDetail {
		t.Fatalf("not saved:\n%s", m.View())
	}
	after := getEnt(t, s, id)
	if countEnts(s) != n {
		t.Fatalf("editing made a new record: %d enterprises, want %d", countEnts(s), n)
	}
	if after.ShortName != "新简称" || !after.Key || after.Contacts[0].Name != "钱七" || after.Domain == before.Domain {
		t.Fatalf("after editing: %+v", after)
	}
	if after.USCC != before.USCC || len(after.Qualifications) != len(before.Qualifications) || !reflect.DeepEqual(after.Readiness, before.Readiness) ||
		!after.CreatedAt.Equal(before.CreatedAt) || len(after.Contacts) != len(before.Contacts) {
		t.Fatalf("fields the form does not show changed:\n%+v\n%+v", before, after)
	}
	if !strings.Contains(m.View(), "新简称") {
		t.Fatalf("the detail screen does not show the new short name:\n%s", m.View())
	}
}

// The USCC policy holds on an edit: a wrong check character is flagged as
// it is typed and saved only on the second ctrl+o; a code another
// enterprise has is refused; errors are in the chosen language.
func TestEditProfileUSCCPolicy(t *testing.T) {
	s := fixture(t, 10, 20)
	m := newTest(t, s, visits.EN, 100, 30)
	press(m, "2", "enter")
	id := m.screens[scrDetail].(*detail).id
	other := m.c.snap.ents[1].ent
	if other.ID == id {
		other = m.c.snap.ents[0].ent
	}
	press(m, "e", "tab")
	clearInput(m)
	press(m, "91350100M000100Y4")
	if !strings.Contains(m.View(), "! USCC has 17 characters") {
		t.Fatalf("a short USCC is not flagged as it is typed:\n%s", m.View())
	}
	press(m, "2")
	if !strings.Contains(m.View(), "! USCC check character does not match") {
		t.Fatalf("a wrong check character is not flagged:\n%s", m.View())
	}
	press(m, "ctrl+o")
	if m.cur != scrEnterpriseForm || getEnt(t, s, id).USCC == "91350100M000100Y42" {
		t.Fatal("the first ctrl+o saved a wrong check character")
	}
	press(m, "ctrl+o")
	if e := getEnt(t, s, id); e.USCC != "91350100M000100Y42" || !e.USCCConfirmed || m.cur != scrDetail {
		t.Fatalf("the second ctrl+o did not save the confirmed code: %+v", e)
	}
	// A code another enterprise has is refused, with the form kept open.
	press(m, "e", "tab")
	clearInput(m)
	press(m, other.USCC, "ctrl+o")
	if m.cur != scrEnterpriseForm || !strings.Contains(m.View(), "An enterprise with this USCC exists") {
		t.Fatalf("a duplicate USCC was not refused:\n%s", m.View())
	}
	// A changed code loses the earlier confirmation.
	clearInput(m)
	press(m, "91350100M000100Y42")
	if strings.Contains(m.View(), "check character does not match") {
		t.Fatal("the confirmed code is flagged again")
	}
	press(m, "backspace", "1")
	if !strings.Contains(m.View(), "check character does not match") {
		t.Fatalf("another wrong code inherits the confirmation:\n%s", m.View())
	}
	// A cleared name says so next to the field, in Chinese too.
	press(m, "esc")
	m2 := newTest(t, s, visits.ZH, 80, 24)
	press(m2, "2", "enter", "e")
	clearInput(m2)
	if !strings.Contains(m2.View(), "! 名称不能为空") {
		t.Fatalf("an empty name is not flagged:\n%s", m2.View())
	}
}

// r and f on the detail screen register a need and a follow-up for the
// enterprise shown.
func TestNeedAndFollowUpFromDetail(t *testing.T) {
	s := fixture(t, 10, 20)
	m := newTest(t, s, visits.ZH, 80, 24)
	press(m, "2", "enter")
	id := m.screens[scrDetail].(*detail).id
	press(m, "r", "ctrl+o")
	if m.cur != scrNeedForm || !strings.Contains(m.View(), "! 诉求类别不能为空") || !strings.Contains(m.View(), "! 诉求标题不能为空") {
		t.Fatalf("an empty need form is not flagged:\n%s", m.View())
	}
	press(m, "right", "down", "right", "down", "设备“卡脖子”——急需检测……", "down", "说明", "tab", "right",
		"down", "right", "down", "right", "ctrl+o")
	if m.cur != scrDetail {
		t.Fatalf("need not saved:\n%s", m.View())
	}
	var ns []visits.Need
	var evs []visits.NeedEvent
	_ = s.View(func(r *store.Reader) (err error) {
		if ns, err = r.NeedsOf(id); err != nil {
			return err
		}
		for _, n := range ns {
			if n.Title == "设备“卡脖子”——急需检测……" {
				evs, err = r.EventsOf(n.ID)
				ns = []visits.Need{n}
			}
		}
		return err
	})
	n := ns[0]
	if n.Title != "设备“卡脖子”——急需检测……" || n.Category != visits.Codes(visits.KindCategory)[0] ||
		n.Severity == visits.SeverityGeneral || n.Status != visits.StatusRegistered || n.LeadUnit != "区科技局" ||
		!n.Jinanchoupan || n.Description != "说明" || n.ReplyDue == "" || len(evs) != 1 {
		t.Fatalf("saved need: %+v, events %d", n, len(evs))
	}
	press(m, "f", "回访企业", "down")
	clearInput(m)
	press(m, "2026-13-01")
	if !strings.Contains(m.View(), "! 完成期限") {
		t.Fatalf("a bad date is not flagged:\n%s", m.View())
	}
	clearInput(m)
	press(m, "2026-12-10", "ctrl+o")
	var fus []visits.FollowUp
	_ = s.View(func(r *store.Reader) (err error) { fus, err = r.FollowUpsOf(id); return err })
	found := false
	for _, f := range fus {
		found = found || (f.Action == "回访企业" && f.Due == "2026-12-10" && f.Status == visits.FollowUpOpen && f.Assignee == "wang")
	}
	if !found || m.cur != scrDetail {
		t.Fatalf("follow-up not saved: %+v", fus)
	}
}

// The profile form shows a stored name with escape sequences as harmless
// text, in the list and in the focused input on the bottom line.
func TestEditProfileEscapeSequences(t *testing.T) {
	s := fixture(t, 3, 0)
	e := visits.Enterprise{Name: "\x1b]0;pwned\x07\x1b[2J华为"}
	if err := s.Update(func(w *store.Writer) error { return w.AddEnterprise(&e, false) }); err != nil {
		t.Fatal(err)
	}
	m := newTest(t, s, visits.ZH, 80, 24)
	press(m, "2", "/", "华为", "enter", "enter", "e")
	v := m.View()
	if m.cur != scrEnterpriseForm || strings.ContainsAny(v, "\x1b\x07") || !strings.Contains(v, "华为") {
		t.Fatalf("profile form: %q", v)
	}
	checkFrame(t, v, 80, 24)
}
