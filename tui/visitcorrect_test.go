package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// openCorrection opens the first enterprise's visits tab, selects its
// second visit and presses g; it returns that visit as stored.
func openCorrection(t *testing.T, m *Model) visits.Visit {
	t.Helper()
	press(m, "2", "enter", "l", "j")
	d := m.screens[scrDetail].(*detail)
	v, ok := d.selectedVisit()
	if !ok || d.vsel != 1 {
		t.Fatalf("no second visit selected (sel %d)", d.vsel)
	}
	press(m, "g")
	if m.cur != scrVisitCorrect {
		t.Fatalf("g on the visits tab: screen %d, want the correction form", m.cur)
	}
	return v
}

func getVisit(t *testing.T, s *store.Store, id string) visits.Visit {
	t.Helper()
	var v visits.Visit
	if err := s.View(func(r *store.Reader) (err error) { v, err = store.Get[visits.Visit](r, id); return err }); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestCorrectKeyOpensThePrefilledForm(t *testing.T) {
	s := fixture(t, 10, 50)
	m := newTest(t, s, visits.ZH, 80, 24)
	press(m, "2", "enter", "g")
	if m.cur != scrDetail || !strings.Contains(m.View(), "请在走访标签中选择要更正的走访") {
		t.Fatalf("g off the visits tab:\n%s", m.View())
	}
	press(m, "l")
	if !strings.Contains(m.View(), "g 更正") {
		t.Errorf("the visits tab's footer does not show g:\n%s", m.View())
	}
	press(m, "?")
	if !strings.Contains(m.View(), "g            更正走访") {
		t.Errorf("help does not list g:\n%s", m.View())
	}
	m = newTest(t, s, visits.ZH, 80, 24)
	v := openCorrection(t, m)
	f := m.screens[scrVisitCorrect].(*visitForm)
	if f.corr == nil || f.corr.id != v.ID {
		t.Fatalf("the form corrects %+v, want visit %s", f.corr, v.ID)
	}
	if f.summary.value() != v.Summary || f.occ.value() != v.Occasion || f.method.value() != v.Method ||
		f.date.value() != string(v.Date()) || f.people.value() != v.PeopleMet {
		t.Fatalf("not filled with the visit: summary %q occasion %s method %s date %s",
			f.summary.value(), f.occ.value(), f.method.value(), f.date.value())
	}
	view := m.View()
	for _, want := range []string{"> 更正走访", "更正原因", string(v.Date())} {
		if !strings.Contains(view, want) {
			t.Errorf("the form does not show %q:\n%s", want, view)
		}
	}
	if strings.Contains(view, "提出诉求") || strings.Contains(view, "跟进事项") {
		t.Errorf("needs and follow-ups are not part of a correction:\n%s", view)
	}
}

// Saving without a reason, or with nothing changed, is refused next to the
// reason field in the chosen language; the visit form's own checks apply.
func TestCorrectionRefusedWithoutReasonOrChange(t *testing.T) {
	for _, tc := range []struct {
		lang                          visits.Lang
		noReason, unchanged, noSumary string
	}{
		{visits.ZH, "! 更正原因不能为空", "! 没有改动，无需更正", "! 走访内容不能为空"},
		{visits.EN, "! reason is required", "! nothing changed, nothing to correct", "! summary is required"},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			s := fixture(t, 10, 50)
			m := newTest(t, s, tc.lang, 100, 30)
			v := openCorrection(t, m)
			press(m, "ctrl+o")
			if m.cur != scrVisitCorrect || !strings.Contains(reasonLine(m), tc.noReason) {
				t.Fatalf("saved without a reason, or no error by the reason:\n%s", m.View())
			}
			press(m, "up", "录入有误", "ctrl+o") // up from the first field wraps to the reason
			if m.cur != scrVisitCorrect || !strings.Contains(reasonLine(m), tc.unchanged) {
				t.Fatalf("saved with nothing changed, or no error by the reason:\n%s", m.View())
			}
			press(m, "up", "up") // note, summary
			f := m.screens[scrVisitCorrect].(*visitForm)
			if f.f.cur() != f.summary {
				t.Fatal("not on the summary")
			}
			f.summary.set("")
			press(m, "x", "backspace", "ctrl+o")
			if m.cur != scrVisitCorrect || !strings.Contains(m.View(), tc.noSumary) {
				t.Fatalf("an empty summary is not flagged:\n%s", m.View())
			}
			if got := getVisit(t, s, v.ID); len(got.Corrections) != 0 || got.Summary != v.Summary {
				t.Fatalf("the visit changed: %+v", got)
			}
		})
	}
}

// reasonLine is the form's line of the reason field.
func reasonLine(m *Model) string {
	for _, l := range strings.Split(m.View(), "\n") {
		field := strings.HasPrefix(l, "  ") || strings.HasPrefix(l, "> ")
		if field && (strings.Contains(l, "更正原因") || strings.Contains(l, "Reason")) {
			return l
		}
	}
	return ""
}

func TestCorrectionSavedWithHistory(t *testing.T) {
	s := fixture(t, 10, 50)
	m := newTest(t, s, visits.ZH, 80, 24)
	v := openCorrection(t, m)
	// The date one day earlier, the method one step on, a reason.
	press(m, "down", "right", "down", "down")
	f := m.screens[scrVisitCorrect].(*visitForm)
	earlier := string(v.Date().AddDays(-1))
	f.date.set(earlier)
	press(m, "x", "backspace", "tab", "tab", "tab", "tab", "录入有误", "ctrl+o")
	if m.cur != scrDetail {
		t.Fatalf("not saved:\n%s", m.View())
	}
	got := getVisit(t, s, v.ID)
	if string(got.Date()) != earlier || !got.At.Equal(v.At.Add(-24*time.Hour)) {
		t.Errorf("at %s, want %s at the same time of day", got.At, earlier)
	}
	if got.Method == v.Method || got.Summary != v.Summary || len(got.Corrections) != 2 {
		t.Fatalf("method %s, summary %q, corrections %+v", got.Method, got.Summary, got.Corrections)
	}
	for _, c := range got.Corrections {
		if c.Reason != "录入有误" || c.By != "wang" || !c.At.Equal(fixedNow) {
			t.Errorf("correction %+v", c)
		}
	}
	// The visit stays selected, is marked, and its history is shown.
	view := m.View()
	for _, want := range []string{"> " + earlier, "已更正", "所选走访的更正记录 2 条", "走访方式  原因：录入有误",
		"走访日期  原因：录入有误", visits.Label(visits.KindMethod, v.Method, visits.ZH) + " -> " +
			visits.Label(visits.KindMethod, got.Method, visits.ZH), "走访已更正"} {
		if !strings.Contains(view, want) {
			t.Errorf("the visits tab does not show %q:\n%s", want, view)
		}
	}
}

// A correction changes only what the officer changed: a change that
// reached the visit while the form was open (a sync) is kept.
func TestCorrectionKeepsChangesMadeMeanwhile(t *testing.T) {
	s := fixture(t, 10, 50)
	m := newTest(t, s, visits.ZH, 80, 24)
	v := openCorrection(t, m)
	err := s.Update(func(w *store.Writer) error {
		cur, err := store.Get[visits.Visit](w.Reader(), v.ID)
		if err != nil {
			return err
		}
		cur.Note = "同步来的备注"
		return w.Save(&cur)
	})
	if err != nil {
		t.Fatal(err)
	}
	press(m, "up", "up", "up", "ctrl+u", "新内容", "tab", "tab", "原因", "ctrl+o")
	got := getVisit(t, s, v.ID)
	if got.Summary != "新内容" || got.Note != "同步来的备注" || len(got.Corrections) != 1 {
		t.Fatalf("summary %q, note %q, corrections %+v", got.Summary, got.Note, got.Corrections)
	}
}

// esc leaves an untouched correction at once; with typed text it asks,
// and only y discards. Nothing is saved either way.
func TestCorrectionEscAsksBeforeDiscarding(t *testing.T) {
	s := fixture(t, 10, 50)
	m := newTest(t, s, visits.ZH, 80, 24)
	v := openCorrection(t, m)
	press(m, "esc")
	if m.cur != scrDetail {
		t.Fatal("esc on an untouched correction did not go back")
	}
	press(m, "g", "up", "原因", "esc")
	f := m.screens[scrVisitCorrect].(*visitForm)
	if m.cur != scrVisitCorrect || !strings.Contains(m.View(), "放弃本次更正？y 放弃") {
		t.Fatalf("esc with typed text did not ask:\n%s", m.View())
	}
	press(m, "q") // any other key: keep editing
	if m.cur != scrVisitCorrect || f.corr.reason.value() != "原因" || f.corr.confirm {
		t.Fatalf("another key did not keep the text: %q", f.corr.reason.value())
	}
	press(m, "down", "esc") // on a choice field, esc reaches the form too
	if m.cur != scrVisitCorrect || !f.corr.confirm {
		t.Fatalf("esc on a choice field with typed text did not ask:\n%s", m.View())
	}
	press(m, "x")
	press(m, "ctrl+c")
	if m.mode != modeConfirmQuit || !strings.Contains(m.View(), "退出将丢失") {
		t.Fatalf("quitting with a correction typed does not say it is lost:\n%s", m.View())
	}
	press(m, "n", "esc", "y")
	if m.cur != scrDetail {
		t.Fatalf("y did not discard:\n%s", m.View())
	}
	if got := getVisit(t, s, v.ID); len(got.Corrections) != 0 {
		t.Fatalf("a discarded correction was saved: %+v", got.Corrections)
	}
	if _, cmd := m.Update(keyMsg("q")); cmd == nil || cmd() != tea.Quit() {
		t.Fatal("q asked about a discarded correction")
	}
}

// Corrections keep no draft: typing one and saving it leaves the new
// visit's draft and its open form as they were.
func TestCorrectionLeavesTheVisitDraftAlone(t *testing.T) {
	s := fixture(t, 10, 50)
	m := newTest(t, s, visits.ZH, 80, 24)
	press(m, "2", "enter", "n", "down", "半截的新走访", "esc", "esc", "esc")
	draft := func() string {
		var raw []byte
		_ = s.View(func(r *store.Reader) error { raw = r.Draft(draftName); return nil })
		return string(raw)
	}
	before := draft()
	if !strings.Contains(before, "半截的新走访") {
		t.Fatalf("no draft of the new visit: %s", before)
	}
	v := openCorrection(t, m)
	press(m, "up", "up", "up", "ctrl+u", "更正后的内容", "tab", "tab", "原因", "ctrl+o")
	if got := getVisit(t, s, v.ID); got.Summary != "更正后的内容" {
		t.Fatalf("not corrected: %q", got.Summary)
	}
	if after := draft(); after != before {
		t.Fatalf("the visit draft changed:\n%s\n%s", before, after)
	}
	if f := m.screens[scrVisitForm].(*visitForm); !f.Dirty() || f.summary.value() != "半截的新走访" {
		t.Fatalf("the open new visit lost its text: %q", f.summary.value())
	}
}

// Stored corrections never drive the terminal.
func TestCorrectionHistoryIsCleaned(t *testing.T) {
	s := fixture(t, 10, 50)
	m := newTest(t, s, visits.ZH, 80, 24)
	press(m, "2", "enter", "l")
	v, _ := m.screens[scrDetail].(*detail).selectedVisit()
	err := s.Update(func(w *store.Writer) error {
		cur, err := store.Get[visits.Visit](w.Reader(), v.ID)
		if err != nil {
			return err
		}
		cur.Summary = "\x1b]0;pwned\x07\x1b[2J新内容"
		return w.CorrectVisit(&cur, "\x1b[31m原因\x07")
	})
	if err != nil {
		t.Fatal(err)
	}
	run(m, func() tea.Msg { return changedMsg{} })
	view := m.View()
	if strings.ContainsAny(view, "\x1b\x07") {
		t.Fatalf("control characters reached the screen: %q", view)
	}
	for _, want := range []string{"已更正", "原因：", "-> ", "新内容"} {
		if !strings.Contains(view, want) {
			t.Errorf("no %q:\n%s", want, view)
		}
	}
	checkFrame(t, view, 80, 24)
}
