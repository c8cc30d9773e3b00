package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// stepForm records the next step of one application: which step (the
// ones that may follow, the next first), the day (today unless changed)
// and a note; for 认定通过 also the certificate number, its issue day
// and expiry (left empty, the tier's rule gives it). Writer.
// RecordApplicationStep saves it and, for 认定通过, the enterprise's
// qualification, in one transaction. 认定通过 and 未通过 end the
// application for good, so saving them asks first.
type stepForm struct {
	smallForm
	appID   string
	app     *visits.Application // nil while loading
	err     error
	confirm bool // the officer is asked to confirm an ending step

	step, date, note, cert, issued, expires *field
}

// appLoadedMsg carries the application the step form records for.
type appLoadedMsg struct {
	id  string
	app visits.Application
	err error
}

func newStepForm(c *common, appID string) *stepForm {
	s := &stepForm{appID: appID}
	s.smallForm = smallForm{c: c, f: form{c: c}, self: s, title: c.t("app.step.title"), savedKey: "app.step.saved",
		check: func() error {
			if s.app == nil {
				return nil
			}
			st, q := s.record()
			return stepCheck(*s.app, st, q, c.today())
		},
		saveWith: func() func(*store.Writer) error {
			st, q := s.record()
			id := s.appID
			return func(w *store.Writer) error { _, err := w.RecordApplicationStep(id, st, q); return err }
		}}
	s.f.msg = func(e visits.FieldError) (string, bool) { return planFieldMessage(c, &s.f, e) }
	s.date = &field{key: "date", label: c.t("app.step.date"), kind: fText, input: newInput("> ")}
	s.note = &field{key: "note", label: c.t("app.step.note"), kind: fText, input: newInput("> ")}
	s.cert = &field{key: "certificate", label: c.t("app.step.certificate"), kind: fText, input: newInput("> ")}
	s.issued = &field{key: "issued", label: c.t("app.step.issued"), kind: fText, input: newInput("> ")}
	s.expires = &field{key: "expires", label: c.t("app.step.expires"), kind: fText, input: newInput("> ")}
	s.date.set(string(c.today()))
	s.step = &field{key: "step", label: c.t("app.step.step"), kind: fChoice} // its choices come with the application
	s.layout()
	return s
}

func (s *stepForm) Init() tea.Cmd {
	st, id := s.c.st, s.appID
	return s.c.do(func() tea.Msg {
		var a visits.Application
		err := st.View(func(r *store.Reader) (err error) { a, err = store.Get[visits.Application](r, id); return err })
		return appLoadedMsg{id: id, app: a, err: err}
	})
}

// Capturing: while asking to confirm, every key answers.
func (s *stepForm) Capturing() bool { return s.confirm || s.smallForm.Capturing() }

// WantsEsc: esc answers the question rather than closing the form.
func (s *stepForm) WantsEsc() bool { return s.confirm }

func (s *stepForm) Hint(w int) string {
	switch {
	case s.confirm:
		return cut(s.c.styles.err.Render(s.c.t("app.step.confirm_ask")), w)
	case !s.open():
		return footer(w, s.c.keys.Back)
	}
	return s.smallForm.Hint(w)
}

// open reports whether there is a step to record: the application is
// loaded and has not ended.
func (s *stepForm) open() bool { return s.app != nil && len(s.step.terms) > 0 }

func (s *stepForm) Keys() []key.Binding {
	return append(s.smallForm.Keys(), s.c.keys.Yes)
}

// confirmText asks before an ending step is saved.
func (s *stepForm) confirmText() string {
	c := s.c
	step := c.label(visits.KindFunnelStep, s.step.value())
	if s.step.value() == visits.StepApproved && s.app != nil {
		return c.tf("app.step.confirm_approved", step, c.label(visits.KindTier, s.app.Kind))
	}
	return c.tf("app.step.confirm", step)
}

// load takes the application: the steps that may follow it become the
// choices.
func (s *stepForm) load(a visits.Application) {
	s.app = &a
	var terms []visits.Term
	for _, code := range visits.NextSteps(a) {
		for _, t := range visits.Terms(visits.KindFunnelStep) {
			if t.Code == code {
				terms = append(terms, t)
			}
		}
	}
	s.step = &field{key: "step", label: s.c.t("app.step.step"), kind: fChoice, terms: terms}
	s.title = s.c.tf("app.step.title_of", s.c.label(visits.KindAppKind, a.Kind), a.Year)
	s.layout()
	s.f.setFocus(0)
	s.validate()
}

// layout shows the certificate's fields only for 认定通过.
func (s *stepForm) layout() {
	s.f.fields = []*field{s.step, s.date, s.note}
	if s.step.value() == visits.StepApproved {
		s.f.fields = append(s.f.fields, s.cert, s.issued, s.expires)
		if strings.TrimSpace(s.issued.value()) == "" {
			s.issued.set(strings.TrimSpace(s.date.value()))
		}
	}
	s.f.focus = min(s.f.focus, len(s.f.fields)-1)
}

// record is the step and the certificate as typed.
func (s *stepForm) record() (visits.ApplicationStep, visits.Qualification) {
	d := func(fl *field) visits.Date { return visits.Date(halfWidth(fl.value())) }
	st := visits.ApplicationStep{Step: s.step.value(), Date: d(s.date), Note: strings.TrimSpace(s.note.value())}
	var q visits.Qualification
	if st.Step == visits.StepApproved {
		q = visits.Qualification{Certificate: strings.TrimSpace(s.cert.value()), Issued: d(s.issued),
			Expires: d(s.expires)}
	}
	return st, q
}

func (s *stepForm) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case appLoadedMsg:
		if msg.id == s.appID && s.app == nil {
			s.err = msg.err
			if msg.err == nil {
				s.load(msg.app)
			}
		}
		return s, nil
	case formSavedMsg:
		if msg.err == nil && s.step.value() == visits.StepApproved {
			msg.note = s.c.tf("app.step.saved_approved", s.c.label(visits.KindTier, s.app.Kind))
		}
		return fieldRefusals(&s.smallForm, msg)
	case tea.KeyMsg:
		if !s.open() { // still loading, or nothing to record
			if msg.String() == "esc" {
				return s, func() tea.Msg { return backMsg{} }
			}
			return s, nil
		}
		if s.confirm {
			s.confirm = false
			if key.Matches(msg, s.c.keys.Yes) {
				return s, s.save()
			}
			return s, nil
		}
		if key.Matches(msg, s.c.keys.Save) && s.ends() {
			s.validate()
			s.f.showAll = true
			if len(s.f.errs) == 0 && !s.saving {
				s.confirm = true
				return s, nil
			}
		}
		before := s.step.value()
		scr, cmd := s.smallForm.Update(msg)
		if s.step.value() != before {
			s.layout()
			s.validate()
		}
		return scr, cmd
	}
	return s.smallForm.Update(msg)
}

// ends reports whether the chosen step ends the application.
func (s *stepForm) ends() bool {
	v := s.step.value()
	return v == visits.StepApproved || v == visits.StepDenied
}

func (s *stepForm) View(w, h int) string {
	switch {
	case s.err != nil:
		return s.c.styles.err.Render(s.c.errNote(s.err).text)
	case s.app == nil:
		return s.c.t("loading")
	case len(s.step.terms) == 0:
		return s.c.tf("app.ended", s.c.label(visits.KindFunnelStep, s.app.Current()))
	}
	v := s.smallForm.View(w, h)
	if s.confirm { // the field's keys give way to what saving will do
		lines := strings.Split(v, "\n")
		lines[len(lines)-1] = fit(s.c.styles.err.Render("! "+s.confirmText()), w)
		v = strings.Join(lines, "\n")
	}
	return v
}
