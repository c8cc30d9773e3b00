package tui

import (
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// appForm adds an application for one enterprise from its detail screen:
// kind (高企, 科小, 省级), year (this year unless changed), batch (高企
// only), and where it stands now with the day it got there (拟申报 today
// unless changed; an officer who learns of an application late records
// the step it has reached). Writer.AddApplication and
// RecordApplicationStep save both in one transaction. The end of the
// funnel (认定通过, 未通过) is recorded with the step form, which asks
// for the certificate.
type appForm struct {
	smallForm
	entID string
	id    string // the new application's id, made up front so the detail can select it

	kind, year, batch, step, date *field
}

func newAppForm(c *common, entID string) *appForm {
	s := &appForm{entID: entID, id: store.NewID()}
	s.smallForm = smallForm{c: c, f: form{c: c}, self: s, title: c.t("app.form.title"), savedKey: "app.form.saved",
		check: func() error { return s.check() },
		saveWith: func() func(*store.Writer) error {
			a, st := s.record()
			return func(w *store.Writer) error {
				if err := w.AddApplication(&a); err != nil {
					return err
				}
				_, err := w.RecordApplicationStep(a.ID, st, visits.Qualification{})
				return err
			}
		}}
	s.f.msg = func(e visits.FieldError) (string, bool) { return planFieldMessage(c, &s.f, e) }
	s.kind = s.f.choiceField("kind", c.t("app.form.kind"), visits.Terms(visits.KindAppKind))
	s.year = s.f.textField("year", c.t("app.form.year"))
	s.batch = s.f.optChoiceField("batch", c.t("app.form.batch"), batchTerms(c))
	var open []visits.Term
	for _, t := range visits.Terms(visits.KindFunnelStep) {
		if t.Code != visits.StepApproved && t.Code != visits.StepDenied {
			open = append(open, t)
		}
	}
	s.step = s.f.choiceField("step", c.t("app.form.step"), open)
	s.date = s.f.textField("date", c.t("app.form.date"))
	s.kind.set(visits.TierHNTE)
	s.year.set(strconv.Itoa(c.today().Year()))
	s.batch.choice = 0
	s.step.set(visits.StepPlanned)
	s.date.set(string(c.today()))
	s.f.setFocus(0)
	s.validate()
	return s
}

// record is the application and its first step as typed.
func (s *appForm) record() (visits.Application, visits.ApplicationStep) {
	a := visits.Application{Meta: visits.Meta{ID: s.id}, EnterpriseID: s.entID, Kind: s.kind.value()}
	a.Year, _ = strconv.Atoi(halfWidth(s.year.value()))
	a.Batch, _ = strconv.Atoi(s.batch.value())
	return a, visits.ApplicationStep{Step: s.step.value(), Date: visits.Date(halfWidth(s.date.value()))}
}

// check is the application's rules and its first step's.
func (s *appForm) check() error {
	a, st := s.record()
	var errs visits.Errors
	if y := strings.TrimSpace(s.year.value()); y == "" {
		errs = append(errs, visits.FieldError{Field: "year", Code: visits.ErrCodeRequired})
	} else if _, err := strconv.Atoi(halfWidth(y)); err != nil {
		errs = append(errs, visits.FieldError{Field: "year", Code: errCodeWhole, Args: []any{y}})
	}
	for _, e := range visits.AsErrors(visits.ValidateApplication(a)) {
		if e.Field != "year" || len(errs) == 0 {
			errs = append(errs, e)
		}
	}
	errs = append(errs, visits.AsErrors(stepCheck(visits.Application{Kind: a.Kind}, st, visits.Qualification{},
		s.c.today()))...)
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// stepCheck is ApplyStep's refusal, if any.
func stepCheck(a visits.Application, st visits.ApplicationStep, cert visits.Qualification, today visits.Date) error {
	_, err := visits.ApplyStep(a, st, cert, today)
	return err
}

// Update shows the store's refusals (an open application of the same
// kind and year) by the fields they name.
func (s *appForm) Update(msg tea.Msg) (screen, tea.Cmd) {
	scr, cmd := fieldRefusals(&s.smallForm, msg)
	if m, ok := msg.(formSavedMsg); ok && m.err == nil {
		sel := selectAppMsg{ent: s.entID, id: s.id}
		cmd = tea.Batch(cmd, func() tea.Msg { return sel })
	}
	return scr, cmd
}

// fieldRefusals gives a small form's save refused for its fields the
// form's errors, shown beside the fields (the status line is hidden while
// a text field has the keys); anything else goes to the small form.
func fieldRefusals(s *smallForm, msg tea.Msg) (screen, tea.Cmd) {
	if m, ok := msg.(formSavedMsg); ok {
		if es := visits.AsErrors(m.err); len(es) > 0 {
			s.saving = false
			s.f.errs, s.f.showAll = es, true
			return s.self, nil
		}
	}
	return s.Update(msg)
}
