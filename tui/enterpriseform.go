package tui

import (
	"errors"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// enterpriseForm adds an enterprise, or edits the profile of one (id set):
// name, USCC, short name, street, address, legal representative, domain,
// stage, batch, key flag and the first contact. Both go through
// Writer.AddEnterprise, which keeps the id of an existing record and
// refuses a USCC another enterprise has. A USCC whose check character is
// wrong is stored only when saved a second time (the officer confirms what
// the licence shows); an edit keeps an earlier confirmation only for the
// same code.
type enterpriseForm struct {
	c       *common
	f       form
	id      string             // the enterprise being edited; "" for a new one
	orig    *visits.Enterprise // the record as loaded (nil while loading or new)
	err     error              // loading failed
	confirm string             // the USCC the officer has been warned about
	dup     string             // a USCC the store refused as another enterprise's
	dirty   bool
	saving  bool

	name, uscc, short, street, address, legalRep, domain, stage, batch, key *field
	ctName, ctTitle, ctPhone                                                *field
}

type enterpriseSavedMsg struct {
	id  string
	err error
}

// entLoadedMsg carries the record an edit starts from.
type entLoadedMsg struct {
	id  string
	ent visits.Enterprise
	err error
}

func newEnterpriseForm(c *common, id string) *enterpriseForm {
	s := &enterpriseForm{c: c, f: form{c: c}, id: id}
	s.name = s.f.textField("name", c.t("ent.form.name"))
	s.uscc = s.f.textField("uscc", c.t("ent.form.uscc"))
	s.short = s.f.textField("short_name", c.t("ent.form.short"))
	s.street = s.f.textField("street", c.t("ent.form.street"))
	s.address = s.f.textField("address", c.t("ent.form.address"))
	s.legalRep = s.f.textField("legal_rep", c.t("ent.form.legal_rep"))
	s.domain = s.f.optChoiceField("domain", c.t("ent.form.domain"), visits.Terms(visits.KindDomain))
	s.stage = s.f.optChoiceField("stage", c.t("ent.form.stage"), visits.Terms(visits.KindStage))
	s.batch = s.f.optChoiceField("batch", c.t("ent.form.batch"), batchTerms(c))
	s.key = s.f.boolField("key", c.t("ent.form.key"))
	s.ctName = s.f.textField("contacts[0].name", c.t("ent.form.contact_name"))
	s.ctTitle = s.f.textField("contacts[0].title", c.t("ent.form.contact_title"))
	s.ctPhone = s.f.textField("contacts[0].phone", c.t("ent.form.contact_phone"))
	s.uscc.extra = func() string {
		if s.dup != "" && visits.NormalizeUSCC(s.uscc.value()) == s.dup {
			return c.styles.err.Render("! " + c.t("ent.form.duplicate"))
		}
		return ""
	}
	for _, fl := range []*field{s.domain, s.stage, s.batch} {
		fl.choice = 0
	}
	s.f.setFocus(0)
	s.validate()
	return s
}

// Init loads the record to edit.
func (s *enterpriseForm) Init() tea.Cmd {
	if s.id == "" {
		return nil
	}
	st, id := s.c.st, s.id
	return s.c.do(func() tea.Msg {
		var e visits.Enterprise
		err := st.View(func(r *store.Reader) (err error) { e, err = store.Get[visits.Enterprise](r, id); return err })
		return entLoadedMsg{id: id, ent: e, err: err}
	})
}

func (s *enterpriseForm) Title() string {
	if s.id != "" {
		return s.c.t("ent.form.edit_title")
	}
	return s.c.t("ent.form.title")
}
func (s *enterpriseForm) Capturing() bool { return s.f.capturing() }
func (s *enterpriseForm) Dirty() bool     { return s.dirty }
func (s *enterpriseForm) Hint(w int) string {
	return s.f.editor(w)
}

func (s *enterpriseForm) Keys() []key.Binding {
	return s.f.keys()
}

// fill puts a loaded record into the fields.
func (s *enterpriseForm) fill(e visits.Enterprise) {
	s.orig = &e
	// Text from the database goes into the inputs cleaned: the focused
	// input is drawn as it holds it, and a save stores it cleaned.
	s.name.set(clean(e.Name))
	s.uscc.set(clean(e.USCC))
	s.short.set(clean(e.ShortName))
	s.street.set(clean(e.Street))
	s.address.set(clean(e.Address))
	s.legalRep.set(clean(e.LegalRep))
	s.domain.set(e.Domain)
	s.stage.set(e.Stage)
	s.batch.set("")
	if e.Batch > 0 {
		s.batch.set(strconv.Itoa(e.Batch))
	}
	s.key.setBool(e.Key)
	if len(e.Contacts) > 0 {
		s.ctName.set(clean(e.Contacts[0].Name))
		s.ctTitle.set(clean(e.Contacts[0].Title))
		s.ctPhone.set(clean(e.Contacts[0].Phone))
	}
	s.validate()
}

// record is the enterprise as the form holds it: the loaded record (every
// field the form does not show kept) with the typed values on top.
func (s *enterpriseForm) record() visits.Enterprise {
	var e visits.Enterprise
	if s.orig != nil {
		e = *s.orig
		e.Contacts = append([]visits.Contact(nil), s.orig.Contacts...)
	}
	tv := func(fl *field) string { return strings.TrimSpace(fl.value()) }
	e.Name, e.USCC, e.ShortName, e.Street = tv(s.name), tv(s.uscc), tv(s.short), tv(s.street)
	e.Address, e.LegalRep = tv(s.address), tv(s.legalRep)
	e.Domain, e.Stage, e.Key = s.domain.value(), s.stage.value(), s.key.value() != ""
	e.Batch, _ = strconv.Atoi(s.batch.value())
	ct := visits.Contact{Name: tv(s.ctName), Title: tv(s.ctTitle), Phone: tv(s.ctPhone)}
	switch {
	case ct != (visits.Contact{}) && len(e.Contacts) > 0:
		e.Contacts[0] = ct
	case ct != (visits.Contact{}):
		e.Contacts = []visits.Contact{ct}
	case len(e.Contacts) > 0: // the first contact was cleared
		e.Contacts = e.Contacts[1:]
	}
	e.USCCConfirmed = false
	if u, err := visits.ParseUSCC(e.USCC); err == nil {
		e.USCC = u.Code
		kept := s.orig != nil && s.orig.USCCConfirmed && s.orig.USCC == u.Code
		e.USCCConfirmed = !u.CheckOK && (s.confirm == u.Code || kept)
	}
	return e
}

func (s *enterpriseForm) validate() {
	s.f.errs = visits.AsErrors(visits.ValidateEnterprise(s.record()))
}

func (s *enterpriseForm) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case entLoadedMsg:
		if msg.id == s.id && !s.dirty {
			s.err = msg.err
			if msg.err == nil {
				s.fill(msg.ent)
			}
		}
	case enterpriseSavedMsg:
		s.saving = false
		if errors.Is(msg.err, store.ErrDuplicateUSCC) {
			s.dup = visits.NormalizeUSCC(s.uscc.value())
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
		if s.id != "" && s.orig == nil {
			return s, nil // still loading: typing would be overwritten
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
	if s.id != "" && s.orig == nil {
		return nil
	}
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
	e, st := s.record(), s.c.st
	return s.c.do(func() tea.Msg {
		err := st.Update(func(w *store.Writer) error { return w.AddEnterprise(&e, e.USCCConfirmed) })
		return enterpriseSavedMsg{id: e.ID, err: err}
	})
}

func (s *enterpriseForm) View(w, h int) string {
	if s.err != nil {
		return s.c.styles.err.Render(s.c.errNote(s.err).text)
	}
	if s.id != "" && s.orig == nil {
		return s.c.t("loading")
	}
	return s.f.view(w, h, s.Title())
}
