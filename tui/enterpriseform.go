package tui

import (
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// enterpriseForm adds an enterprise: name, USCC, street, domain. A USCC
// whose check character is wrong is stored only when saved a second time
// (the officer confirms what the licence shows).
type enterpriseForm struct {
	c       *common
	f       form
	confirm string // the USCC the officer has been warned about
	dirty   bool
	saving  bool

	name, uscc, street, domain *field
}

type enterpriseSavedMsg struct {
	id  string
	err error
}

func newEnterpriseForm(c *common) *enterpriseForm {
	s := &enterpriseForm{c: c, f: form{c: c}}
	s.name = s.f.textField("name", c.t("ent.form.name"))
	s.uscc = s.f.textField("uscc", c.t("ent.form.uscc"))
	s.street = s.f.textField("street", c.t("ent.form.street"))
	s.domain = s.f.choiceField("domain", c.t("ent.form.domain"), visits.Terms(visits.KindDomain))
	s.domain.set(visits.Codes(visits.KindDomain)[0])
	s.f.setFocus(0)
	s.validate()
	return s
}

func (s *enterpriseForm) Init() tea.Cmd   { return nil }
func (s *enterpriseForm) Title() string   { return s.c.t("ent.form.title") }
func (s *enterpriseForm) Capturing() bool { return s.f.capturing() }
func (s *enterpriseForm) Dirty() bool     { return s.dirty }
func (s *enterpriseForm) Hint(w int) string {
	return s.f.editor(w, s.c.t("hint.form"))
}

func (s *enterpriseForm) Keys() []key.Binding {
	k := s.c.keys
	return []key.Binding{k.Save, k.NextField, k.PrevField, k.Left, k.Right, k.Back}
}

func (s *enterpriseForm) record() visits.Enterprise {
	return visits.Enterprise{Name: strings.TrimSpace(s.name.value()), USCC: strings.TrimSpace(s.uscc.value()),
		Street: strings.TrimSpace(s.street.value()), Domain: s.domain.value()}
}

func (s *enterpriseForm) validate() {
	e := s.record()
	if u, err := visits.ParseUSCC(e.USCC); err == nil {
		e.USCC = u.Code
		e.USCCConfirmed = !u.CheckOK && s.confirm == u.Code
	}
	s.f.errs = visits.AsErrors(visits.ValidateEnterprise(e))
}

func (s *enterpriseForm) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case enterpriseSavedMsg:
		s.saving = false
		if errors.Is(msg.err, store.ErrDuplicateUSCC) {
			return s, func() tea.Msg { return noteMsg{text: s.c.t("ent.form.duplicate"), err: true} }
		}
		if msg.err != nil {
			return s, func() tea.Msg { return s.c.errNote(msg.err) }
		}
		s.dirty = false
		note := s.c.t("ent.form.saved")
		return s, tea.Batch(func() tea.Msg { return changedMsg{note: note} },
			nav(navMsg{to: scrDetail, ent: msg.id, replace: true}))
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

func (s *enterpriseForm) save() tea.Cmd {
	s.validate()
	s.f.showAll = true
	// A wrong check character alone: the second save confirms it.
	if len(s.f.errs) == 1 && s.f.errs[0].Code == visits.ErrCodeUSCCCheck {
		if u, err := visits.ParseUSCC(s.uscc.value()); err == nil && s.confirm != u.Code {
			s.confirm = u.Code
			return func() tea.Msg { return noteMsg{text: s.c.t("ent.form.confirm_uscc"), err: true} }
		}
		s.validate()
	}
	if len(s.f.errs) > 0 || s.saving {
		return func() tea.Msg { return noteMsg{text: s.c.t("form.fix_errors"), err: true} }
	}
	s.saving = true
	e, confirm, st := s.record(), s.confirm != "", s.c.st
	return s.c.do(func() tea.Msg {
		err := st.Update(func(w *store.Writer) error { return w.AddEnterprise(&e, confirm) })
		return enterpriseSavedMsg{id: e.ID, err: err}
	})
}

func (s *enterpriseForm) View(w, h int) string { return s.f.view(w, h, s.c.t("ent.form.title")) }
