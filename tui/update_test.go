package tui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

func TestTodayKeys(t *testing.T) {
	m := newTest(t, fixture(t, 40, 400), visits.ZH, 80, 24)
	td := m.screens[scrToday].(*today)
	if len(td.items) == 0 {
		t.Fatal("no items on the home screen")
	}
	press(m, "j")
	if td.sel != 1 {
		t.Fatalf("j: selection %d, want 1", td.sel)
	}
	press(m, "k", "enter")
	if m.cur != scrDetail || m.screens[scrDetail].(*detail).id != td.items[0].ent {
		t.Fatalf("enter on an owed visit: screen %d", m.cur)
	}
	press(m, "esc", "n")
	if m.cur != scrVisitForm || m.screens[scrVisitForm].(*visitForm).entID != td.items[0].ent {
		t.Fatal("n did not open the visit form for the selected enterprise")
	}
}

func TestEnterprisesFilterByPinyin(t *testing.T) {
	m := newTest(t, fixture(t, 40, 100), visits.ZH, 80, 24)
	press(m, "2", "/", "hxsw")
	s := m.screens[scrEnterprises].(*enterprises)
	if len(s.rows) == 0 {
		t.Fatal("hxsw found nothing")
	}
	for _, i := range s.rows {
		if name := m.c.snap.ents[i].name; !strings.Contains(name, "华信生物") {
			t.Errorf("hxsw matched %s", name)
		}
	}
	// A late result for an older query never overwrites the newer one.
	shown := len(s.rows)
	m.Update(filterResultMsg{seq: s.seq - 1, query: "", rows: []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}})
	if len(s.rows) != shown {
		t.Fatal("a stale filter result replaced the newer one")
	}
	// Full pinyin and USCC find the same way.
	press(m, "esc", "/", "huaxin")
	if len(s.rows) < shown {
		t.Fatalf("huaxin: %d rows", len(s.rows))
	}
	for _, i := range s.rows {
		if name := m.c.snap.ents[i].name; !strings.Contains(name, "华信") {
			t.Errorf("huaxin matched %s", name)
		}
	}
	uscc := m.c.snap.ents[3].ent.USCC
	press(m, "esc", "/", strings.ToLower(uscc[8:]))
	if len(s.rows) != 1 || m.c.snap.ents[s.rows[0]].ent.USCC != uscc {
		t.Fatalf("USCC search: %d rows", len(s.rows))
	}
}

func TestNeedsOnlyLegalTransitions(t *testing.T) {
	s := fixture(t, 40, 400)
	m := newTest(t, s, visits.ZH, 80, 24)
	press(m, "3")
	ns := m.screens[scrNeeds].(*needs)
	for i, n := range ns.shown {
		if n.Status == visits.StatusRegistered {
			ns.sel = i
			break
		}
	}
	n, _ := ns.cur()
	press(m, "t")
	if got, want := strings.Join(ns.prompt.options, ","), strings.Join(visits.AllowedTransitions(n.Status), ","); got != want {
		t.Fatalf("offered %s, want %s", got, want)
	}
	press(m, "enter", "enter") // accepted, no note
	got := needStatus(t, s, n.ID)
	if got != visits.StatusAccepted {
		t.Fatalf("status %s, want accepted", got)
	}
	if !strings.Contains(m.View(), "已受理") {
		t.Error("the history does not show the change")
	}
}

func needStatus(t *testing.T, s *store.Store, id string) string {
	t.Helper()
	var n visits.Need
	err := s.View(func(r *store.Reader) (err error) { n, err = store.Get[visits.Need](r, id); return err })
	if err != nil {
		t.Fatal(err)
	}
	return n.Status
}

func TestFollowUpDoneAndNext(t *testing.T) {
	s := fixture(t, 40, 400)
	m := newTest(t, s, visits.EN, 80, 24)
	press(m, "4")
	fs := m.screens[scrFollowUps].(*followUps)
	first, _ := fs.cur()
	press(m, "D", "called them", "enter", "visit again", "enter", "enter")
	var all []visits.FollowUp
	_ = s.View(func(r *store.Reader) (err error) { all, err = r.FollowUpsOf(first.EnterpriseID); return err })
	var done, next bool
	for _, f := range all {
		done = done || (f.ID == first.ID && f.Status == visits.FollowUpDone && f.Result == "called them")
		next = next || (f.Action == "visit again" && f.Due == "2026-12-04" && f.Status == visits.FollowUpOpen)
	}
	if !done || !next {
		t.Fatalf("done %v, next scheduled %v", done, next)
	}
}

type fakeSyncer struct{}

func (fakeSyncer) Sync(ctx context.Context, progress func(Progress)) (Summary, error) {
	progress(Progress{Stage: "push", Done: 1, Total: 1})
	return Summary{Pushed: 3, Pulled: 2}, nil
}

func TestSyncScreen(t *testing.T) {
	s := fixture(t, 10, 50)
	m := newTest(t, s, visits.EN, 80, 24)
	press(m, "5", "s")
	if !strings.Contains(m.View(), "sync is not configured") {
		t.Fatalf("no syncer: %s", m.View())
	}
	m.c.sync = fakeSyncer{}
	press(m, "ctrl+s")
	if !strings.Contains(m.View(), "pushed 3, pulled 2") {
		t.Fatalf("after sync: %s", m.View())
	}
	press(m, "e")
	files, _ := filepath.Glob(filepath.Join(m.c.outDir, "rejected-*.json"))
	if len(files) != 1 {
		t.Fatalf("export of rejected ops: %v", files)
	}
}

func TestReportExport(t *testing.T) {
	m := newTest(t, fixture(t, 20, 200), visits.ZH, 120, 40)
	press(m, "6")
	if !strings.Contains(m.View(), "2026-W48") {
		t.Fatalf("report: %s", m.View())
	}
	press(m, "m", "c", "x")
	for _, ext := range []string{"md", "csv", "xlsx"} {
		if _, err := os.Stat(filepath.Join(m.c.outDir, "report-2026-W48."+ext)); err != nil {
			t.Error(err)
		}
	}
	press(m, "[")
	if !strings.Contains(m.View(), "2026-W47") {
		t.Error("[ did not go to the week before")
	}
}

func TestVisitFormValidatesAndKeepsDraft(t *testing.T) {
	s := fixture(t, 10, 50)
	m := newTest(t, s, visits.ZH, 80, 24)
	press(m, "2", "n")
	f := m.screens[scrVisitForm].(*visitForm)
	press(m, "ctrl+o")
	if !strings.Contains(m.View(), "! 走访内容") {
		t.Fatalf("an empty summary is not flagged next to the field:\n%s", m.View())
	}
	press(m, "down")
	press(m, "企业反映“融资难”——需对接银行……")
	if !f.Dirty() {
		t.Fatal("the form is not dirty after typing")
	}
	press(m, "x") // one more change, written after the first draft
	var raw []byte
	_ = s.View(func(r *store.Reader) error { raw = r.Draft(draftName); return nil })
	if !strings.Contains(string(raw), "需对接银行……x") {
		t.Fatalf("draft: %s", raw)
	}
	// Quitting with unsaved text asks first.
	press(m, "ctrl+c")
	if m.mode != modeConfirmQuit {
		t.Fatal("quit with unsaved text did not ask")
	}
	press(m, "n", "backspace", "ctrl+o")
	if m.cur == scrVisitForm {
		t.Fatalf("not saved: %s", m.View())
	}
	_ = s.View(func(r *store.Reader) error { raw = r.Draft(draftName); return nil })
	if len(raw) != 0 {
		t.Fatalf("draft left after saving: %s", raw)
	}
	var vs []visits.Visit
	_ = s.View(func(r *store.Reader) (err error) { vs, err = r.VisitsOf(f.entID, 1); return err })
	if len(vs) == 0 || vs[0].Summary != "企业反映“融资难”——需对接银行……" {
		t.Fatalf("saved visit: %+v", vs)
	}
}

func TestDraftOfferedOnStart(t *testing.T) {
	s := fixture(t, 10, 50)
	if err := s.SaveDraft(draftName, []byte(`{"summary":"半截的走访"}`)); err != nil {
		t.Fatal(err)
	}
	m := newTest(t, s, visits.ZH, 80, 24)
	if m.mode != modeDraft || !strings.Contains(m.View(), "半截的走访") {
		t.Fatalf("draft not offered:\n%s", m.View())
	}
	press(m, "y")
	if m.cur != scrVisitForm || m.screens[scrVisitForm].(*visitForm).summary.value() != "半截的走访" {
		t.Fatal("y did not reopen the draft")
	}
}

func TestQuitPaletteHelpResize(t *testing.T) {
	m := newTest(t, fixture(t, 10, 50), visits.EN, 80, 24)
	press(m, "?")
	if m.mode != modeHelp || !strings.Contains(m.View(), "command palette") {
		t.Fatal("help does not list the global keys")
	}
	press(m, "x", "ctrl+k", "Follow")
	press(m, "enter")
	if m.cur != scrFollowUps {
		t.Fatalf("palette: screen %d", m.cur)
	}
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	checkFrame(t, m.View(), 100, 30)
	if _, cmd := m.Update(keyMsg("q")); cmd == nil || cmd() != tea.Quit() {
		t.Fatal("q did not quit at once with no form open")
	}
}

func TestNewEnterpriseForm(t *testing.T) {
	s := fixture(t, 5, 10)
	m := newTest(t, s, visits.ZH, 80, 24)
	press(m, "2", "a", "兰州新测试科技有限公司", "enter", "91350100M000100Y4Z", "ctrl+o")
	if !strings.Contains(m.View(), "! ") {
		t.Fatalf("a bad USCC is not flagged:\n%s", m.View())
	}
	for range "91350100M000100Y4Z" {
		press(m, "backspace")
	}
	press(m, "91350100M000100Y43", "ctrl+o")
	if m.cur != scrDetail || !strings.Contains(m.View(), "兰州新测试科技有限公司") {
		t.Fatalf("after saving:\n%s", m.View())
	}
}

// Text from the database never drives the terminal.
func TestEscapeSequencesInNamesAreHarmless(t *testing.T) {
	s := fixture(t, 3, 0)
	err := s.Update(func(w *store.Writer) error {
		return w.AddEnterprise(&visits.Enterprise{Name: "\x1b]0;pwned\x07\x1b[2J华为"}, false)
	})
	if err != nil {
		t.Fatal(err)
	}
	m := newTest(t, s, visits.ZH, 80, 24)
	press(m, "2")
	v := m.View()
	if strings.ContainsAny(v, "\x1b\x07") {
		t.Fatalf("control characters reached the screen: %q", v)
	}
	if !strings.Contains(v, "华为") {
		t.Fatalf("the name is not shown: %s", v)
	}
	checkFrame(t, v, 80, 24)
}

// Several runes in one message (fast typing, scripts) act as separate keys
// until a text input takes the rest.
func TestRunesArrivingTogether(t *testing.T) {
	m := newTest(t, fixture(t, 40, 100), visits.ZH, 80, 24)
	press(m, "2/hxsw")
	s := m.screens[scrEnterprises].(*enterprises)
	if m.cur != scrEnterprises || s.input.Value() != "hxsw" {
		t.Fatalf("screen %d, filter %q", m.cur, s.input.Value())
	}
}
