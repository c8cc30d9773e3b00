package tui

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// draftName is the store key of the visit form's draft.
const draftName = "visit"

// visitDraft is everything typed into the visit form, kept in the store on
// every change so that killing the program loses nothing.
type visitDraft struct {
	EntID    string   `json:"enterprise_id"`
	EntName  string   `json:"enterprise_name"`
	EntQuery string   `json:"enterprise_query"`
	Occasion string   `json:"occasion"`
	Method   string   `json:"method"`
	Purposes []string `json:"purposes"`
	Date     string   `json:"date"`
	People   string   `json:"people"`
	Summary  string   `json:"summary"`
	Note     string   `json:"note"`
	Needs    string   `json:"needs"`
	NeedCat  string   `json:"need_category"`
	FUAction string   `json:"followup"`
	FUDue    string   `json:"followup_due"`
	// Owed is the visit owed this one fulfils (started on 今日).
	Owed *visits.Obligation `json:"owed,omitempty"`
}

func (d visitDraft) empty() bool {
	return strings.TrimSpace(d.Summary+d.People+d.Note+d.Needs+d.FUAction+d.EntQuery) == "" && d.EntID == ""
}

// visitForm is the visit form: a visit, the needs it raised and one
// follow-up, saved in one transaction. With corr set it corrects a saved
// visit instead (visitcorrect.go).
type visitForm struct {
	c      *common
	f      form
	entID  string
	idx    *searchIndex
	saving bool
	// Drafts are written one at a time, the newest state each time.
	draftBusy, draftDirty bool
	saveAfterDraft        bool // save was asked while a draft write was in flight
	dirty                 bool
	corr                  *correction        // correct mode; nil for a new visit
	owed                  *visits.Obligation // the visit owed it fulfils (visitowed.go)

	ent, occ, method, purposes, date, people, summary, note, needs, needCat, fuAction, fuDue *field
}

type draftSavedMsg struct{ err error }

type visitSavedMsg struct {
	id  string
	err error
}

func newVisitForm(c *common, entID string) *visitForm {
	s := &visitForm{c: c, f: form{c: c, esc: c.keys.EscDraft}}
	f := &s.f
	s.ent = f.textField("enterprise_id", c.t("form.enterprise"))
	s.ent.extra = s.entMatch
	s.occ = f.choiceField("occasion", c.t("form.occasion"), c.terms(visits.KindOccasion))
	s.method = f.choiceField("method", c.t("form.method"), visits.Terms(visits.KindMethod))
	s.purposes = f.multiField("purposes", c.t("form.purposes"), visits.Terms(visits.KindPurpose))
	s.date = f.textField("at", c.t("form.date"))
	s.people = f.textField("people_met", c.t("form.people"))
	s.summary = f.areaField("summary", c.t("form.summary"))
	s.note = f.textField("note", c.t("form.note"))
	s.needs = f.textField("needs", c.t("form.needs"))
	s.needCat = f.choiceField("category", c.t("form.need_category"), visits.Terms(visits.KindCategory))
	s.fuAction = f.textField("followup", c.t("form.followup"))
	s.fuDue = f.textField("due", c.t("form.followup_due"))
	s.occ.set(visits.OccRoutine)
	s.method.set("on_site")
	s.needCat.set("other")
	td := c.today()
	s.date.set(string(td))
	s.fuDue.set(string(td.AddDays(7)))
	if row, ok := c.snap.ent(entID); ok {
		s.entID = entID
		s.ent.set(row.name)
	} else if entID != "" {
		s.entID = entID
		s.ent.set(entID)
	}
	first := 0
	if s.entID != "" {
		first = 5 // people met: the first thing to type
	}
	s.f.setFocus(first)
	s.validate()
	return s
}

// load fills the form from a draft.
func (s *visitForm) load(d visitDraft) {
	s.entID = d.EntID
	s.ent.set(d.EntQuery)
	s.occ.set(d.Occasion)
	s.method.set(d.Method)
	s.purposes.setCodes(d.Purposes)
	s.date.set(d.Date)
	s.people.set(d.People)
	s.summary.set(d.Summary)
	s.note.set(d.Note)
	s.needs.set(d.Needs)
	s.needCat.set(d.NeedCat)
	s.fuAction.set(d.FUAction)
	s.fuDue.set(d.FUDue)
	if d.Owed != nil {
		s.fulfil(*d.Owed)
		s.occ.set(d.Occasion)
	}
	s.dirty = !d.empty()
	s.validate()
}

func (s *visitForm) draft() visitDraft {
	name := ""
	if row, ok := s.c.snap.ent(s.entID); ok {
		name = row.name
	}
	return visitDraft{EntID: s.entID, EntName: name, EntQuery: s.ent.value(), Occasion: s.occ.value(),
		Method: s.method.value(), Purposes: s.purposes.codes(), Date: s.date.value(), People: s.people.value(),
		Summary: s.summary.value(), Note: s.note.value(), Needs: s.needs.value(), NeedCat: s.needCat.value(),
		FUAction: s.fuAction.value(), FUDue: s.fuDue.value(), Owed: s.owed}
}

func (s *visitForm) Init() tea.Cmd {
	if s.corr != nil {
		return s.loadCorrection()
	}
	return nil
}

func (s *visitForm) Title() string {
	if s.corr != nil {
		return s.c.t("form.correct_title")
	}
	return s.c.t("form.visit_title")
}

// Capturing: a text field is focused, or esc's question waits for y.
func (s *visitForm) Capturing() bool { return s.f.capturing() || (s.corr != nil && s.corr.confirm) }
func (s *visitForm) Dirty() bool     { return s.dirty }

func (s *visitForm) Keys() []key.Binding {
	return s.f.keys()
}

func (s *visitForm) Hint(w int) string {
	switch {
	case s.corr != nil && s.corr.confirm:
		return s.c.t("form.discard_correction")
	case s.corr != nil:
	}
	return s.f.editor(w)
}

// entMatch names the enterprise the typed text picks.
func (s *visitForm) entMatch() string {
	if row, ok := s.c.snap.ent(s.entID); ok {
		if row.name != s.ent.value() {
			return "= " + row.name
		}
		return ""
	}
	if s.ent.value() != "" {
		return s.c.t("form.no_match")
	}
	return ""
}

func (s *visitForm) Update(msg tea.Msg) (screen, tea.Cmd) {
	if s.corr != nil {
		if cmd, done := s.correctionUpdate(msg); done {
			return s, cmd
		}
	}
	switch msg := msg.(type) {
	case indexMsg:
		s.idx = msg.idx
	case draftSavedMsg:
		s.draftBusy = false
		if msg.err != nil {
			s.c.logf("draft: %v", msg.err)
		}
		if s.saveAfterDraft {
			s.saveAfterDraft = false
			return s, s.save()
		}
		if s.draftDirty {
			return s, s.saveDraft()
		}
	case visitSavedMsg:
		s.saving = false
		if msg.err != nil {
			s.f.showAll = true
			if fe := visits.AsErrors(msg.err); fe != nil {
				s.f.errs = fe
			}
			return s, func() tea.Msg { return s.c.errNote(msg.err) }
		}
		s.dirty = false
		note := s.c.t("form.visit_saved")
		if s.fulfilling() {
			note = s.c.t("form.visit_saved_owed")
		}
		if s.corr != nil {
			note = s.c.t("form.visit_corrected")
		}
		return s, tea.Batch(func() tea.Msg { return backMsg{} }, func() tea.Msg { return changedMsg{note: note} })
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, s.c.keys.Save):
			return s, s.save()
		case msg.String() == "esc":
			return s, func() tea.Msg { return backMsg{} }
		}
		cmd, changed := s.f.update(msg)
		if !changed {
			return s, cmd
		}
		if s.f.cur() == s.ent {
			s.matchEnterprise()
		}
		s.dirty = true
		s.validate()
		return s, tea.Batch(cmd, s.saveDraft())
	}
	return s, nil
}

// matchEnterprise picks the first enterprise the typed text finds.
func (s *visitForm) matchEnterprise() {
	s.entID = ""
	q := strings.TrimSpace(s.ent.value())
	if q == "" || s.idx == nil || s.c.snap == nil {
		return
	}
	if rows := s.idx.match(q); len(rows) > 0 && rows[0] < len(s.c.snap.ents) {
		s.entID = s.c.snap.ents[rows[0]].ent.ID
	}
}

// saveDraft writes the draft unless a write is in flight; then the newest
// state is written when that one finishes.
func (s *visitForm) saveDraft() tea.Cmd {
	if s.saving || s.corr != nil { // corrections keep no draft
		return nil
	}
	if s.draftBusy {
		s.draftDirty = true
		return nil
	}
	s.draftBusy, s.draftDirty = true, false
	data, _ := json.Marshal(s.draft())
	return saveDraftCmd(s.c, data)
}

func saveDraftCmd(c *common, data []byte) tea.Cmd {
	st := c.st
	return c.do(func() tea.Msg { return draftSavedMsg{err: st.SaveDraft(draftName, data)} })
}

func loadDraftCmd(c *common) tea.Cmd {
	st := c.st
	return c.do(func() tea.Msg {
		var raw []byte
		_ = st.View(func(r *store.Reader) error { raw = r.Draft(draftName); return nil })
		var d visitDraft
		if len(raw) > 0 && json.Unmarshal(raw, &d) == nil {
			return draftMsg{draft: d}
		}
		return nil
	})
}

// visit builds the record from the form.
func (s *visitForm) visit() visits.Visit {
	v := visits.Visit{EnterpriseID: s.entID, Occasion: s.occ.value(), Method: s.method.value(),
		Purposes: s.purposes.codes(), PeopleMet: strings.TrimSpace(s.people.value()),
		Summary: strings.TrimSpace(s.summary.value()), Note: strings.TrimSpace(s.note.value())}
	if d, err := visits.ParseDate(strings.TrimSpace(s.date.value())); err == nil {
		if d == s.c.today() {
			v.At = s.c.now().UTC()
		} else {
			v.At = d.Time().Add(10 * time.Hour).UTC()
		}
	}
	return v
}

// needTitles splits the needs field (；or ; between needs).
func (s *visitForm) needTitles() []string {
	var out []string
	for _, t := range strings.FieldsFunc(s.needs.value(), func(r rune) bool { return r == ';' || r == '；' }) {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// validate checks the form as the officer types.
func (s *visitForm) validate() {
	if s.corr != nil {
		s.f.errs = s.correctionErrors()
		return
	}
	// A date that is not a date leaves the visit without one: say what
	// is wrong with it, not that it is missing (a field shows its first
	// error).
	s.f.errs = append(s.dateErrors(), visits.AsErrors(visits.ValidateVisit(s.visit(), s.c.now()))...)
}

// dateErrors reports the date fields that are not YYYY-MM-DD.
func (s *visitForm) dateErrors() visits.Errors {
	var errs visits.Errors
	if strings.TrimSpace(s.date.value()) != "" {
		if _, err := visits.ParseDate(strings.TrimSpace(s.date.value())); err != nil {
			errs = append(errs, visits.FieldError{Field: "at", Code: visits.ErrCodeDate, Args: []any{s.date.value()}})
		}
	}
	if strings.TrimSpace(s.fuAction.value()) != "" {
		if _, err := visits.ParseDate(strings.TrimSpace(s.fuDue.value())); err != nil {
			errs = append(errs, visits.FieldError{Field: "due", Code: visits.ErrCodeDate, Args: []any{s.fuDue.value()}})
		}
	}
	return errs
}

// save writes the visit, its needs and the follow-up in one transaction,
// then drops the draft.
func (s *visitForm) save() tea.Cmd {
	if s.corr != nil {
		return s.saveCorrection()
	}
	s.validate()
	s.f.showAll = true
	if len(s.f.errs) > 0 || s.saving {
		return func() tea.Msg { return noteMsg{text: s.c.t("form.fix_errors"), err: true} }
	}
	if s.draftBusy { // the draft write must not land after the save drops it
		s.saveAfterDraft = true
		return nil
	}
	s.saving = true
	v, titles, cat := s.visit(), s.needTitles(), s.needCat.value()
	action, due := strings.TrimSpace(s.fuAction.value()), visits.Date(strings.TrimSpace(s.fuDue.value()))
	st := s.c.st
	return s.c.do(func() tea.Msg {
		err := st.Update(func(w *store.Writer) error {
			if err := w.AddVisit(&v); err != nil {
				return err
			}
			for _, t := range titles {
				n := &visits.Need{EnterpriseID: v.EnterpriseID, VisitID: v.ID, Nature: "help", Category: cat,
					Severity: visits.SeverityGeneral, Title: t}
				if err := w.AddNeed(n); err != nil {
					return err
				}
				v.NeedIDs = append(v.NeedIDs, n.ID)
			}
			if len(v.NeedIDs) > 0 {
				if err := w.Save(&v); err != nil {
					return err
				}
			}
			if action != "" {
				fu := &visits.FollowUp{EnterpriseID: v.EnterpriseID, VisitID: v.ID, Action: action, Due: due,
					Status: visits.FollowUpOpen, Assignee: w.Officer()}
				return w.AddFollowUp(fu)
			}
			return nil
		})
		if err == nil {
			err = st.SaveDraft(draftName, nil)
		}
		return visitSavedMsg{id: v.ID, err: err}
	})
}

func (s *visitForm) View(w, h int) string {
	if s.corr != nil {
		return s.correctionView(w, h)
	}
	return s.f.view(w, h, s.c.t("form.visit_title"))
}
