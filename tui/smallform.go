package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// smallForm is what the detail screen's small forms (new need, new
// follow-up) share: fields checked as you type, ctrl+o saving through one
// store action in one transaction, esc going back. A form embeds it and
// supplies its fields, how to check them and what to save.
type smallForm struct {
	c        *common
	f        form
	self     screen // the form that embeds this one, returned from Update
	dirty    bool
	saving   bool
	title    string
	savedKey string
	check    func() error                       // validates the record the fields make
	saveWith func() func(w *store.Writer) error // the store action for the fields as they are
}

func (s *smallForm) Init() tea.Cmd       { return nil }
func (s *smallForm) Title() string       { return s.title }
func (s *smallForm) Capturing() bool     { return s.f.capturing() }
func (s *smallForm) Dirty() bool         { return s.dirty }
func (s *smallForm) Hint(w int) string   { return s.f.editor(w) }
func (s *smallForm) Keys() []key.Binding { return s.f.keys() }
func (s *smallForm) View(w, h int) string {
	return s.f.view(w, h, s.title)
}

func (s *smallForm) validate() { s.f.errs = visits.AsErrors(s.check()) }

func (s *smallForm) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case formSavedMsg:
		return s.self, formSaved(s.c, &s.saving, &s.dirty, msg)
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, s.c.keys.Save):
			return s.self, s.save()
		case msg.String() == "esc":
			return s.self, func() tea.Msg { return backMsg{} }
		}
		cmd, changed := s.f.update(msg)
		if changed {
			s.dirty = true
			s.validate()
		}
		return s.self, cmd
	}
	return s.self, nil
}

func (s *smallForm) save() tea.Cmd {
	s.validate()
	s.f.showAll = true
	if len(s.f.errs) > 0 || s.saving {
		return func() tea.Msg { return noteMsg{text: s.c.t("form.fix_errors"), err: true} }
	}
	s.saving = true
	act, st, note := s.saveWith(), s.c.st, s.c.t(s.savedKey)
	return s.c.do(func() tea.Msg { return formSavedMsg{note: note, err: st.Update(act)} })
}

// formSavedMsg reports a small form's save; the form closes on success.
type formSavedMsg struct {
	note string
	err  error
}

// formSaved ends a small form's save: an error stays on the status line
// with the form open; success reloads the data and closes the form.
func formSaved(c *common, saving, dirty *bool, msg formSavedMsg) tea.Cmd {
	*saving = false
	if msg.err != nil {
		return func() tea.Msg { return c.errNote(msg.err) }
	}
	*dirty = false
	note := msg.note
	return tea.Batch(func() tea.Msg { return changedMsg{note: note} }, func() tea.Msg { return backMsg{} })
}
