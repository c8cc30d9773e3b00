package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// followUpForm promises an action for one enterprise straight from its
// detail screen: what to do and by when (YYYY-MM-DD, a week from today
// unless changed). Writer.AddFollowUp assigns it to the officer.
type followUpForm struct {
	c      *common
	f      form
	entID  string
	dirty  bool
	saving bool

	action, due *field
}

func newFollowUpForm(c *common, entID string) *followUpForm {
	s := &followUpForm{c: c, f: form{c: c}, entID: entID}
	s.action = s.f.textField("action", c.t("fu.form.action"))
	s.due = s.f.textField("due", c.t("fu.form.due"))
	s.due.set(string(c.today().AddDays(7)))
	s.f.setFocus(0)
	s.validate()
	return s
}

func (s *followUpForm) Init() tea.Cmd     { return nil }
func (s *followUpForm) Title() string     { return s.c.t("fu.form.title") }
func (s *followUpForm) Capturing() bool   { return s.f.capturing() }
func (s *followUpForm) Dirty() bool       { return s.dirty }
func (s *followUpForm) Hint(w int) string { return s.f.editor(w, s.c.t("hint.form_small")) }

func (s *followUpForm) Keys() []key.Binding {
	k := s.c.keys
	return []key.Binding{k.Save, k.NextField, k.PrevField, k.Back}
}

func (s *followUpForm) record() visits.FollowUp {
	return visits.FollowUp{EnterpriseID: s.entID, Action: strings.TrimSpace(s.action.value()),
		Due: visits.Date(strings.TrimSpace(s.due.value())), Status: visits.FollowUpOpen}
}

func (s *followUpForm) validate() { s.f.errs = visits.AsErrors(visits.ValidateFollowUp(s.record())) }

func (s *followUpForm) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case formSavedMsg:
		return s, formSaved(s.c, &s.saving, &s.dirty, msg)
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, s.c.keys.Save):
			return s, s.save()
		case msg.String() == "esc":
			return s, func() tea.Msg { return backMsg{} }
		}
		cmd, changed := s.f.update(msg)
		if changed {
			s.dirty = true
			s.validate()
		}
		return s, cmd
	}
	return s, nil
}

func (s *followUpForm) save() tea.Cmd {
	s.validate()
	s.f.showAll = true
	if len(s.f.errs) > 0 || s.saving {
		return func() tea.Msg { return noteMsg{text: s.c.t("form.fix_errors"), err: true} }
	}
	s.saving = true
	f, st, note := s.record(), s.c.st, s.c.t("fu.form.saved")
	return s.c.do(func() tea.Msg {
		return formSavedMsg{note: note, err: st.Update(func(w *store.Writer) error { return w.AddFollowUp(&f) })}
	})
}

func (s *followUpForm) View(w, h int) string { return s.f.view(w, h, s.Title()) }
