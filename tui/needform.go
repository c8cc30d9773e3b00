package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// needForm registers a need for one enterprise straight from its detail
// screen: category, severity, title, description, nature, lead unit and
// the 急难愁盼 flag. Writer.AddNeed sets the status, the due dates and the
// first history event.
type needForm struct {
	c      *common
	f      form
	entID  string
	dirty  bool
	saving bool

	category, severity, title, desc, nature, unit, urgent *field
}

// formSavedMsg reports a small form's save; the form closes on success.
type formSavedMsg struct {
	note string
	err  error
}

func newNeedForm(c *common, entID string) *needForm {
	s := &needForm{c: c, f: form{c: c}, entID: entID}
	s.category = s.f.optChoiceField("category", c.t("need.form.category"), visits.Terms(visits.KindCategory))
	s.severity = s.f.choiceField("severity", c.t("need.form.severity"), visits.Terms(visits.KindSeverity))
	s.title = s.f.textField("title", c.t("need.form.title_field"))
	s.desc = s.f.textField("description", c.t("need.form.description"))
	s.nature = s.f.optChoiceField("nature", c.t("need.form.nature"), visits.Terms(visits.KindNature))
	s.unit = s.f.optChoiceField("lead_unit", c.t("need.form.lead_unit"), visits.Terms(visits.KindUnit))
	s.urgent = s.f.boolField("jinanchoupan", c.t("need.form.jinanchoupan"))
	s.category.choice, s.nature.choice, s.unit.choice = 0, 0, 0
	s.severity.set(visits.SeverityGeneral)
	s.f.setFocus(0)
	s.validate()
	return s
}

func (s *needForm) Init() tea.Cmd     { return nil }
func (s *needForm) Title() string     { return s.c.t("need.form.title") }
func (s *needForm) Capturing() bool   { return s.f.capturing() }
func (s *needForm) Dirty() bool       { return s.dirty }
func (s *needForm) Hint(w int) string { return s.f.editor(w, s.c.t("hint.form_small")) }

func (s *needForm) Keys() []key.Binding {
	k := s.c.keys
	return []key.Binding{k.Save, k.NextField, k.PrevField, k.Left, k.Right, k.Back}
}

func (s *needForm) record() visits.Need {
	return visits.Need{EnterpriseID: s.entID, Category: s.category.value(), Severity: s.severity.value(),
		Title: strings.TrimSpace(s.title.value()), Description: strings.TrimSpace(s.desc.value()),
		Nature: s.nature.value(), LeadUnit: s.unit.value(), Jinanchoupan: s.urgent.value() != ""}
}

func (s *needForm) validate() { s.f.errs = visits.AsErrors(visits.ValidateNeed(s.record())) }

func (s *needForm) Update(msg tea.Msg) (screen, tea.Cmd) {
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

func (s *needForm) save() tea.Cmd {
	s.validate()
	s.f.showAll = true
	if len(s.f.errs) > 0 || s.saving {
		return func() tea.Msg { return noteMsg{text: s.c.t("form.fix_errors"), err: true} }
	}
	s.saving = true
	n, st, note := s.record(), s.c.st, s.c.t("need.form.saved")
	return s.c.do(func() tea.Msg {
		return formSavedMsg{note: note, err: st.Update(func(w *store.Writer) error { return w.AddNeed(&n) })}
	})
}

func (s *needForm) View(w, h int) string { return s.f.view(w, h, s.Title()) }

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
