package tui

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// The visit form in correct mode: a saved visit, pre-filled, changed with
// a reason. A saved visit is never edited silently: Writer.CorrectVisit
// keeps each changed field (from, to, who, when, why) in the visit's
// corrections, in the same transaction as the change.
//
// A correction keeps no draft. The visit itself is safe in the store, and
// a correction restored after a sync could carry back values another
// officer has corrected since. So esc with typed text asks first, and
// quitting says the text is lost.

// correction is what the visit form holds in correct mode.
type correction struct {
	id      string
	orig    *visits.Visit // the visit as loaded; nil while loading
	entName string
	err     error // loading failed
	reason  *field
	base    map[*field]string // what each field held once filled
	confirm bool              // esc was pressed with typed text: discard it?
}

// errCodeUnchanged is the form's own field error: a correction that
// changes nothing. Its text is in the catalogue (form.unchanged).
const errCodeUnchanged = "unchanged"

type visitLoadedMsg struct {
	id      string
	v       visits.Visit
	entName string
	err     error
}

// newVisitCorrectForm is the visit form for correcting visit id: the
// visit's own fields and the reason. The enterprise, the needs and the
// follow-up are not part of a visit's correction.
func newVisitCorrectForm(c *common, id string) *visitForm {
	s := newVisitForm(c, "")
	s.corr = &correction{id: id}
	s.f.esc = c.keys.EscDiscard
	s.corr.reason = s.f.textField("reason", c.t("form.reason"))
	s.f.fields = []*field{s.occ, s.method, s.purposes, s.date, s.people, s.summary, s.note, s.corr.reason}
	s.f.setFocus(0)
	return s
}

// loadCorrection reads the visit as it is stored now.
func (s *visitForm) loadCorrection() tea.Cmd {
	st, id := s.c.st, s.corr.id
	return s.c.do(func() tea.Msg {
		msg := visitLoadedMsg{id: id}
		msg.err = st.View(func(r *store.Reader) (err error) {
			if msg.v, err = store.Get[visits.Visit](r, id); err != nil {
				return err
			}
			if e, err := store.Get[visits.Enterprise](r, msg.v.EnterpriseID); err == nil {
				msg.entName = e.Name
			}
			return nil
		})
		return msg
	})
}

// fillCorrection puts the loaded visit into the fields. Stored text goes
// in cleaned (the focused input is drawn as it holds it); a field the
// officer leaves as filled keeps the stored value as it is.
func (s *visitForm) fillCorrection(v visits.Visit) {
	cr := s.corr
	cr.orig, s.entID = &v, v.EnterpriseID
	s.occ.set(v.Occasion)
	s.method.set(v.Method)
	s.purposes.setCodes(v.Purposes)
	s.date.set(string(v.Date()))
	s.people.setWhole(clean(v.PeopleMet))
	s.summary.setWhole(cleanLines(v.Summary))
	s.note.setWhole(clean(v.Note))
	cr.base = map[*field]string{}
	for _, fl := range s.f.fields {
		cr.base[fl] = fl.state()
	}
	s.validate()
}

// setWhole sets a text field, raising its length limit so that a long
// stored text is not cut short by filling it in.
func (fl *field) setWhole(v string) {
	n := utf8.RuneCountInString(v)
	fl.input.CharLimit = max(fl.input.CharLimit, n)
	fl.area.CharLimit = max(fl.area.CharLimit, n)
	fl.set(v)
}

// state is a field's value for comparing with what it was filled with.
func (fl *field) state() string {
	if fl.kind == fMulti {
		return strings.Join(fl.codes(), ",")
	}
	return fl.value()
}

// visitEdit is what the officer changed: each field that differs from
// what the form was filled with, with its new value (nil: unchanged).
type visitEdit struct {
	day, occasion, method, people, summary, note *string
	purposes                                     *[]string
}

func (s *visitForm) edit() visitEdit {
	cr := s.corr
	changed := func(fl *field) *string {
		if fl.state() == cr.base[fl] {
			return nil
		}
		v := strings.TrimSpace(fl.value())
		return &v
	}
	e := visitEdit{day: changed(s.date), occasion: changed(s.occ), method: changed(s.method),
		people: changed(s.people), summary: changed(s.summary), note: changed(s.note)}
	if s.purposes.state() != cr.base[s.purposes] {
		p := s.purposes.codes()
		e.purposes = &p
	}
	return e
}

// apply puts the edit onto v: the other fields stay as v has them, so a
// correction made over a visit that changed meanwhile (a sync) changes
// only what the officer changed.
func (e visitEdit) apply(v visits.Visit) visits.Visit {
	v.ExtraOccasions, v.Purposes = slices.Clone(v.ExtraOccasions), slices.Clone(v.Purposes)
	v.Companions, v.NeedIDs = slices.Clone(v.Companions), slices.Clone(v.NeedIDs)
	v.Corrections = slices.Clone(v.Corrections)
	if e.day != nil {
		v.At = movedTo(v.At, *e.day)
	}
	for _, p := range []struct{ dst, src *string }{{&v.Occasion, e.occasion}, {&v.Method, e.method},
		{&v.PeopleMet, e.people}, {&v.Summary, e.summary}, {&v.Note, e.note}} {
		if p.src != nil {
			*p.dst = *p.src
		}
	}
	if e.purposes != nil {
		v.Purposes = slices.Clone(*e.purposes)
	}
	return v
}

// movedTo is at on another day at the same time of day (Shanghai); zero
// when day is not a date, which validation reports.
func movedTo(at time.Time, day string) time.Time {
	d, err := visits.ParseDate(strings.TrimSpace(day))
	if err != nil {
		return time.Time{}
	}
	return d.Time().Add(at.Sub(visits.DateOf(at).Time())).UTC()
}

// sameVisit reports whether a and b agree on every field the form edits.
func sameVisit(a, b visits.Visit) bool {
	return a.At.Equal(b.At) && a.Occasion == b.Occasion && a.Method == b.Method &&
		slices.Equal(a.Purposes, b.Purposes) && a.PeopleMet == b.PeopleMet && a.Summary == b.Summary && a.Note == b.Note
}

// correctionErrors checks the corrected visit as the new form checks a
// visit, then the reason: required, and refused when nothing changed.
func (s *visitForm) correctionErrors() visits.Errors {
	cr := s.corr
	if cr.orig == nil {
		return nil
	}
	v := s.edit().apply(*cr.orig)
	errs := append(s.dateErrors(), visits.AsErrors(visits.ValidateVisit(v, s.c.now()))...) // the date's own error first
	switch {
	case strings.TrimSpace(cr.reason.value()) == "":
		errs = append(errs, visits.FieldError{Field: "reason", Code: visits.ErrCodeRequired})
	case sameVisit(v, *cr.orig):
		errs = append(errs, visits.FieldError{Field: "reason", Code: errCodeUnchanged})
	}
	return errs
}

// saveCorrection applies the officer's changes to the visit as stored
// when the transaction runs and saves it through Writer.CorrectVisit.
func (s *visitForm) saveCorrection() tea.Cmd {
	cr := s.corr
	if cr.orig == nil || s.saving {
		return nil
	}
	s.validate()
	s.f.showAll = true
	if len(s.f.errs) > 0 {
		return func() tea.Msg { return noteMsg{text: s.c.t("form.fix_errors"), err: true} }
	}
	s.saving = true
	st, id, edit, reason := s.c.st, cr.id, s.edit(), strings.TrimSpace(cr.reason.value())
	return s.c.do(func() tea.Msg {
		err := st.Update(func(w *store.Writer) error {
			cur, err := store.Get[visits.Visit](w.Reader(), id)
			if err != nil {
				return err
			}
			v := edit.apply(cur)
			return w.CorrectVisit(&v, reason)
		})
		return visitSavedMsg{id: id, err: err}
	})
}

// correctionUpdate handles what only correct mode has: the loaded visit,
// keys while it loads, and esc asking before typed text is discarded.
// done reports that the message needs nothing more.
func (s *visitForm) correctionUpdate(msg tea.Msg) (cmd tea.Cmd, done bool) {
	cr := s.corr
	back := func() tea.Msg { return backMsg{} }
	switch msg := msg.(type) {
	case visitLoadedMsg:
		if msg.id == cr.id && cr.orig == nil {
			cr.err, cr.entName = msg.err, msg.entName
			if msg.err == nil {
				s.fillCorrection(msg.v)
			}
		}
		return nil, true
	case tea.KeyMsg:
		switch {
		case cr.confirm:
			cr.confirm = false
			if key.Matches(msg, s.c.keys.Yes) {
				s.dirty = false // discarded: quitting need not ask about it
				return back, true
			}
			return nil, true // any other key: keep editing
		case msg.String() == "esc" && s.dirty:
			cr.confirm = true
			return nil, true
		case msg.String() == "esc":
			return back, true
		case cr.orig == nil:
			return nil, true // still loading: typing would be overwritten
		}
	}
	return nil, false
}

// WantsEsc: with typed text, esc asks before discarding it.
func (s *visitForm) WantsEsc() bool { return s.corr != nil && s.dirty }

// KeepsDraft: a new visit is kept as a draft; a correction is not.
func (s *visitForm) KeepsDraft() bool { return s.corr == nil }

// correctionView draws correct mode: the heading names the enterprise and
// the visit's day as saved.
func (s *visitForm) correctionView(w, h int) string {
	cr := s.corr
	switch {
	case cr.err != nil:
		return s.c.styles.err.Render(s.c.errNote(cr.err).text)
	case cr.orig == nil:
		return s.c.t("loading")
	}
	title := cut(s.c.t("form.correct_title")+"  "+clean(cr.entName)+"  "+string(cr.orig.Date()), w)
	return s.f.view(w, h, title)
}
